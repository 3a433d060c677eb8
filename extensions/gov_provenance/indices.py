"""Domain indices: every principle, and every piece of evidence by where it came from.

A group of evidence its heading's page shows in part (a survey's thousands of
findings, see :mod:`.listings`) shows the same sample here, and links to the pages
of its whole list.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

from sphinx.domains import Index, IndexEntry

from .listings import Listing, ListPage
from .listpages import listings_of
from .locale import VIEW_LABELS, object_label, value_label, view_label
from .model import GROUPINGS, PRINCIPLE, REVISION_MEETING, REVISION_PRINCIPLE, GovObject
from .rendering import page_label
from .text import FULL_STOPS

if TYPE_CHECKING:
    from .domain import GovDomain


class TranslatedName:
    """An index's name, read as a plain string translated when it is read.

    The labels are lazy translations (made before the catalogue is loaded); the HTML
    builders put an index's names in every page's context, which a serializing builder
    (``json``) writes and cannot write a lazy string to.
    """

    def __init__(self, key: str) -> None:
        self.key = key

    def __get__(self, instance: object, owner: type | None = None) -> str:
        return str(VIEW_LABELS[self.key])


class GovIndex(Index):
    @property
    def gov_domain(self) -> GovDomain:
        return cast('GovDomain', self.domain)

    #: the pages of the document the index is written into (a LaTeX build of some
    #: chapters); ``None`` for every page
    docnames: frozenset[str] | None = None

    def entry(
        self, obj: GovObject, subtype: int = 0, extra: str = '', description: str = ''
    ) -> IndexEntry:
        """An entry for ``obj``: a link, unless its page is outside the document (then
        an entry without an anchor, which a LaTeX index leaves out). A description that
        says no more than the name (the one sentence of an object named by it) is left
        out."""
        if description.rstrip(FULL_STOPS) == obj.display_name:
            description = ''
        if self.docnames is not None and obj.docname not in self.docnames:
            return IndexEntry(obj.display_name, subtype, '', '', extra, '', description)
        return IndexEntry(obj.display_name, subtype, obj.docname, obj.anchor, extra,
                          '', description)

    def generate(
        self, docnames: Iterable[str] | None = None
    ) -> tuple[list[tuple[str, list[IndexEntry]]], bool]:
        self.docnames = frozenset(docnames) if docnames is not None else None
        return self.content(), True

    def content(self) -> list[tuple[str, list[IndexEntry]]]:
        raise NotImplementedError


class PrincipleIndex(GovIndex):
    """The principles in their order, grouped by status, with the revisions of each."""

    name = 'principles'
    localname = TranslatedName('index-principles')
    shortname = TranslatedName('index-principles-short')

    def content(self) -> list[tuple[str, list[IndexEntry]]]:
        graph = self.gov_domain.graph
        groups: dict[str, list[IndexEntry]] = {}
        for principle in graph.of_type(PRINCIPLE.name):
            if self.docnames is not None and principle.docname not in self.docnames:
                continue
            revisions = graph.named_by(principle.id, REVISION_PRINCIPLE.inverse)
            entries = groups.setdefault(value_label(principle.status), [])
            entries.append(self.entry(principle, 1 if revisions else 0, principle.id,
                                      principle.title))
            entries += [self.entry(rev, 2, rev.ref(REVISION_MEETING.name), graph.summary(rev))
                        for rev in revisions]
        return list(groups.items())


class EvidenceIndex(GovIndex):
    """Opinions by meeting and findings by source.

    Each group is keyed by its meeting's or source's id, not its title: HTML
    themes write the key unescaped, into the page and into an ``id`` attribute,
    and an id is plain letters, digits and ``._-``. The title is on the group's
    first entry.
    """

    name = 'evidence'
    localname = TranslatedName('index-evidence')
    shortname = TranslatedName('index-evidence-short')

    def content(self) -> list[tuple[str, list[IndexEntry]]]:
        graph = self.gov_domain.graph
        content: list[tuple[str, list[IndexEntry]]] = []
        # opinions by meeting, then findings by source, as a principle's page groups them
        groups = [(heading, graph.named_by(heading.id, grouping.inverse))
                  for grouping in GROUPINGS for heading in graph.of_type(grouping.targets[0])]
        for heading, items in groups:
            listing = self.listing(heading, items)
            entries = [self.entry(heading, 1 if items else 0, object_label(heading.objtype))]
            entries += [
                self.entry(item, 2, value_label(item.status), graph.summary(item))
                for item in (listing.shown if listing else items)
                if self.docnames is None or item.docname in self.docnames
            ]
            if listing is not None:
                entries += [self.page_entry(listing, page) for page in listing.pages]
            if any(entry.anchor for entry in entries):  # a group with a page in the document
                content.append((heading.id, entries))
        return content

    def listing(self, heading: GovObject, items: tuple[GovObject, ...]) -> Listing | None:
        """The group's items as its heading's page shows them in part (a survey's
        thousands of findings), or ``None`` when they are shown whole there."""
        view = self.gov_domain.view_models.get(heading.objtype, heading.id)
        return next((listing for listing, _ in listings_of(view)
                     if listing.sampled and listing.everything == items), None)

    def page_entry(self, listing: Listing, page: ListPage) -> IndexEntry:
        """An entry for a page of the group's whole list."""
        label = page_label(listing, page, self.gov_domain.env.config.language)
        return IndexEntry(view_label('list-pages') + label, 2, page.name, '', '', '', '')
