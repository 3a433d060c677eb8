"""Long lists shown in part on a view, and whole on pages of their own.

A principle shaped by thousands of survey findings cannot list them all on its page.
A list a view shows (a principle's evidence from one meeting or one source, a
source's findings, a meeting's opinions and revisions, the coverage page's items not
yet reflected and those whose outcome is not recorded) that holds more items than
``gov_view_sample_threshold`` is shown as a :class:`Listing`: how many items it holds,
a sample of them (those marked ``representative``, else the first), and links to
the pages that list it whole, ``gov_view_list_page_size`` items a page
(:mod:`.listpages` writes them). A list no longer than the threshold is shown whole,
as it always was.

Only the builders that write those pages (:data:`LIST_BUILDERS`) show samples; every
other builder shows each list whole. A listing keeps every item beside the sample
(``everything``), for the pages of the whole list; what a view's page shows of it is
its count, its sample and its pages (:data:`NOT_SHOWN` keeps the rest out of the
page's digest, so that an item outside the sample changes only its list's page).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from .model import GovObject
from .text import ID_PATTERN

#: the folder of the pages of the whole lists, in the output
LIST_ROOT = 'gov-lists'
#: the builders that write the pages of the whole lists, and so show samples
LIST_BUILDERS = frozenset({'html', 'dirhtml'})
#: the metadata of a field of a view model that a page does not show as it is (a
#: listing's whole list: the page shows its count and a sample)
NOT_SHOWN = {'shown': False}
#: the longest id a list page is named by; a longer one is named by its digest
_LONGEST_NAME = 64


@dataclass(frozen=True)
class ListPage:
    """One page of a whole list: its name (a page name of the builder) and the
    numbers of its first and last items, from 1."""

    name: str
    number: int
    first: int
    last: int


@dataclass(frozen=True)
class Listing:
    """A list as a view shows it: whole, or, when it is long, its count, a sample and
    the pages that list it whole."""

    #: the object whose view shows the list; ``None`` for a view of the whole handbook
    #: (the coverage page)
    owner: GovObject | None
    #: the relation it lists, by the name it is read by from ``owner`` (a principle's
    #: ``shaped-by``, a source's ``findings``)
    relation: str
    #: the view label of its heading (``findings-from``, ``source-findings``), which
    #: also names the pages of the whole list
    heading: str
    #: the id of the meeting or source whose items a principle's list holds; '' for
    #: the other lists
    group_id: str
    #: where the owner's page shows the list
    anchor: str
    #: every item, in the list's order
    everything: tuple[GovObject, ...] = field(metadata=NOT_SHOWN)
    #: the items the view's page shows: all of them, or the sample
    shown: tuple[GovObject, ...] = ()
    #: how many items the list holds
    count: int = 0
    #: the pages that list it whole; none when the view shows it whole
    pages: tuple[ListPage, ...] = ()
    #: whether the sample is the items marked ``representative``
    representative: bool = False

    @property
    def sampled(self) -> bool:
        """Whether the view shows a sample, the whole list being on pages of its own."""
        return bool(self.pages)

    def items_on(self, page: ListPage) -> tuple[GovObject, ...]:
        return self.everything[page.first - 1:page.last]


@dataclass(frozen=True)
class Sampling:
    """When a list is shown in part, and how: read from the configuration for the
    builders that write the lists' pages. The default shows every list whole."""

    #: the most items a list shows whole; 0: every list is shown whole
    threshold: int = 0
    #: how many items the sample of a longer list shows
    size: int = 10
    #: how many items a page of a whole list holds
    page_size: int = 500

    @classmethod
    def for_builder(cls, config: Any, builder_name: str) -> Sampling:
        threshold = config.gov_view_sample_threshold
        if builder_name not in LIST_BUILDERS or threshold <= 0:
            return cls()
        return cls(threshold, max(1, min(config.gov_view_sample_size, threshold)),
                   max(1, config.gov_view_list_page_size))

    def listing(self, owner: GovObject | None, relation: str, heading: str,
                items: tuple[GovObject, ...], anchor: str, group_id: str = '') -> Listing:
        """``items`` as ``owner``'s view (``None``: a view of the whole handbook) shows
        them under ``relation``, headed by the view label ``heading``."""
        whole = Listing(owner, relation, heading, group_id, anchor, items, items, len(items))
        if not self.threshold or len(items) <= self.threshold:
            return whole
        marked = tuple(obj for obj in items if obj.representative)
        owner_id = owner.id if owner is not None else ''
        base = '/'.join([LIST_ROOT, *(_page_part(part) for part in (owner_id, relation, group_id)
                                      if part)])
        pages = tuple(
            ListPage(f'{base}/{number}', number, first, min(first + self.page_size - 1,
                                                             len(items)))
            for number, first in enumerate(range(1, len(items) + 1, self.page_size), 1)
        )
        return Listing(owner, relation, heading, group_id, anchor, items,
                       (marked or items)[:self.size], len(items), pages, bool(marked))


def _page_part(name: str) -> str:
    """A part of a list page's name: an id as it is, where it can name a file."""
    if ID_PATTERN.fullmatch(name) and len(name) <= _LONGEST_NAME:
        return name
    return 'id-' + hashlib.blake2b(name.encode('utf-8'), digest_size=8).hexdigest()


#: every list shown whole: the builders that write no list pages, and views made by hand
WHOLE = Sampling()
