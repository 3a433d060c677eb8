"""The pages of the whole lists that views show in part (:mod:`.listings`).

Each is a page of the HTML build, as Sphinx's own indices are: written on
``html-collect-pages`` through the template ``gov-list.html`` (which extends the
theme's ``layout.html``, so it has the site's layout, language and navigation), from
the same view models as the pages that link to it. It links to every item it lists
and back to the list's place on the page of its owner (a principle, a source, a
meeting), or, for a list of a view of the whole handbook (the coverage page's), on
the first page that shows that view; its items are kept out of the search index, as
every view is.

Like a page written for its views (:mod:`.incremental`), a list page is written again
only when what it shows changes: each page's digest is worked out after reading, kept
in the environment, and compared with the last build's (the digests of an object's
pages are taken from the last build where nothing they show changed, see
:mod:`.changes`; those of the coverage page's lists, which may gain an item next to
nothing they showed, are worked out every time). A page is also written when its
file is missing, older than the newest template, or the HTML configuration changed;
the file of a page no longer needed is removed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from .changes import Made, Memory, Reuse
from .compat import html_build_hash, newest_template_time, output_path
from .graph import Graph
from .linklists import label_and_detail
from .listings import LIST_ROOT, Listing, ListPage, Sampling
from .locale import list_title, reader_number, value_label, view_label
from .model import FINDING_SOURCE, STATUS_TONES, GovObject, ViewKind, content_digest
from .nodes import ObjectLinks, link_title
from .rendering import page_range
from .views import (
    HANDBOOK_VIEWS,
    CoverageView,
    EvidenceView,
    MeetingView,
    PrincipleView,
    View,
    handbook_heading_anchor,
)

if TYPE_CHECKING:
    from .domain import GovDomain

TEMPLATE = 'gov-list.html'
TEMPLATES_DIR = Path(__file__).parent / 'templates'
#: the kinds of the views of the whole handbook, which no object owns
_HANDBOOK_KINDS = frozenset(kind.value for kind in HANDBOOK_VIEWS)


@dataclass(frozen=True)
class Placement:
    """Where a view of the whole handbook is shown: the first page that shows it, and
    its number among that page's views."""

    docname: str
    number: int


@dataclass(frozen=True)
class ListPageView:
    """One page of a whole list."""

    listing: Listing
    page: ListPage
    #: the ids of its items linked to the owner only by inference
    inferred: tuple[str, ...] = ()
    #: where a list without an owner (the coverage page's) is shown
    shown_at: Placement | None = None

    @property
    def items(self) -> tuple[GovObject, ...]:
        return self.listing.items_on(self.page)


def listings_of(view: View | None) -> Iterator[tuple[Listing, frozenset[str]]]:
    """The lists ``view`` shows, each with the ids of its items linked by inference."""
    if isinstance(view, PrincipleView):
        for group in view.evidence_groups:
            if group.listing is not None:
                yield group.listing, view.inferred_ids
    elif isinstance(view, EvidenceView):
        yield view.findings, frozenset()
    elif isinstance(view, MeetingView):
        yield view.opinions, frozenset()
        yield view.revisions, frozenset()
    elif isinstance(view, CoverageView):
        yield view.pending, frozenset()
        yield view.unknown, frozenset()


def view_pages(view: View | None, shown_at: Placement | None = None) -> list[ListPageView]:
    """The pages of the whole lists ``view`` shows in part."""
    pages = []
    for listing, inferred in listings_of(view):
        for page in listing.pages:
            on_page = listing.items_on(page)
            pages.append(ListPageView(listing, page, tuple(
                item.id for item in on_page if item.id in inferred), shown_at))
    return pages


def pages_of(domain: GovDomain, owner: GovObject) -> list[ListPageView]:
    """The pages of the whole lists ``owner``'s view shows in part."""
    return view_pages(domain.view_models.get(owner.objtype, owner.id))


def handbook_pages(domain: GovDomain) -> dict[str, list[ListPageView]]:
    """The pages of the whole lists each view of the whole handbook shows in part, by
    the view's kind: they lead back to the first page that shows the view."""
    found: dict[str, list[ListPageView]] = {}
    for docname in sorted(domain.views):
        for number, (kind, target) in enumerate(domain.views[docname], 1):
            if kind in _HANDBOOK_KINDS and not target and kind not in found:
                found[kind] = view_pages(domain.view_models.get(kind),
                                         Placement(docname, number))
    return {kind: pages for kind, pages in found.items() if pages}


def _may_list(obj: GovObject) -> bool:
    """Whether ``obj``'s view can show a list in part (see :func:`listings_of`): a
    principle's, a meeting's, a source's. The view of any other item of evidence lists
    no records, and is made only for its own page (:class:`~.views.Views`)."""
    return (obj.spec.view in {ViewKind.PRINCIPLE, ViewKind.MEETING}
            or obj.objtype in FINDING_SOURCE.targets)


def _pages_of_kind(domain: GovDomain, kind: str) -> list[ListPageView]:
    return handbook_pages(domain).get(kind, [])


def page_digest(domain: GovDomain, view: ListPageView, build: str) -> str:
    """What a list page shows, and the HTML configuration it was written with."""
    graph, listing = domain.graph, view.listing
    group = graph.get(listing.group_id)
    placed = view.shown_at
    back = listing.owner.link_digest if listing.owner is not None else placed and (
        placed, page_title(domain.env, placed.docname))
    return content_digest(
        build, view.page, listing.pages, listing.count, listing.heading, listing.anchor,
        back, group.link_digest if group else listing.group_id,
        [(graph.digest(obj), obj.link_digest) for obj in view.items], view.inferred,
    )


def page_digests(domain: GovDomain, owner: GovObject, build: str) -> Made[dict[str, str]]:
    """The digest of each page of ``owner``'s whole lists, by name, with the objects
    they show."""
    digests, shown = {}, {owner.id}
    for view in pages_of(domain, owner):
        digests[view.page.name] = page_digest(domain, view, build)
        shown.update(obj.id for obj in view.items)
        shown.add(view.listing.group_id)
    return Made(digests, tuple(shown))


class ListPages:
    """The list pages of one build: which to write, and which files to remove."""

    def __init__(self) -> None:
        #: list pages whose digest changed since the last build
        self.changed: frozenset[str] = frozenset()
        #: the list pages of each object whose view has some, by the object's id
        self.owners: dict[str, list[str]] = {}
        #: the list pages of each view of the whole handbook that has some, by its kind
        self.handbook: dict[str, list[str]] = {}
        #: pages of the last build that this one does not have
        self.gone: frozenset[str] = frozenset()
        #: the theme's navigation on list pages, by depth and options (see share_navigation)
        self.navigation: dict[tuple[int, str], str] = {}

    def builder_inited(self, app: Sphinx) -> None:
        _domain(app.env).use_sampling(Sampling.for_builder(app.config, app.builder.name))
        self.navigation = {}

    def share_navigation(self, app: Sphinx, pagename: str, templatename: str,
                         context: dict[str, Any], doctree: object) -> None:
        """``html-page-context``: the theme's ``toctree()`` on a list page, made once for
        every list page as deep in the site. A list page is in no toctree, so the
        navigation shows it as the same links, and a hundred list pages made it again
        from the whole handbook's toctree a hundred times."""
        if templatename != TEMPLATE or not callable(context.get('toctree')):
            return
        make, depth = context['toctree'], pagename.count('/')

        def toctree(**options: Any) -> str:
            key = (depth, repr(sorted(options.items())))
            if key not in self.navigation:
                self.navigation[key] = make(**options)
            return self.navigation[key]

        context['toctree'] = toctree

    def env_updated(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        """Work out which list pages changed, taking the digests of an object's pages
        from the last build where nothing they show changed (see :mod:`.changes`)."""
        domain = _domain(env)
        build = html_build_hash(app.builder)
        last: Memory[str, dict[str, str]] | None = domain.data['list-digests']
        old = {name: digest for made in (last.results.values() if last else ())
               for name, digest in made.value.items()}
        old.update(domain.data['handbook-list-digests'])
        reuse = Reuse(domain.graph, (domain.sampling, build), last)
        new: dict[str, str] = {}
        self.owners = {}
        for obj in domain.graph.by_id.values():
            if _may_list(obj):
                digests = reuse.get(obj.id, obj.id,
                                    functools.partial(page_digests, domain, obj, build))
                new.update(digests)
                if digests:
                    self.owners[obj.id] = list(digests)
        # a view of the whole handbook lists what no neighbourhood of a change holds
        # (an item now pending): its pages' digests are worked out every time
        self.handbook = {}
        handbook_digests: dict[str, str] = {}
        for kind, views in handbook_pages(domain).items():
            self.handbook[kind] = [view.page.name for view in views]
            handbook_digests.update((view.page.name, page_digest(domain, view, build))
                                    for view in views)
        new.update(handbook_digests)
        self.changed = frozenset(name for name, digest in new.items() if old.get(name) != digest)
        self.gone = frozenset(old.keys() - new.keys())
        domain.data['list-digests'] = reuse.memory()
        domain.data['handbook-list-digests'] = handbook_digests
        return []

    def collect(self, app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
        """``html-collect-pages``: the list pages to write, rendered by the template."""
        builder, domain = app.builder, _domain(app.env)
        if not isinstance(builder, StandaloneHTMLBuilder) or not domain.sampling.threshold:
            return
        for name in sorted(self.gone):
            _remove(builder, name)
        templates = newest_template_time(builder)

        def outdated(name: str) -> bool:
            path = output_path(builder, name)
            return (name in self.changed or not path.is_file()
                    or path.stat().st_mtime < templates)

        def written(names: list[str], pages: Callable[[], list[ListPageView]]
                    ) -> Iterator[tuple[str, dict[str, Any], str]]:
            wanted = {name for name in names if outdated(name)}
            if wanted:  # an object's view is made only then
                for view in pages():
                    if view.page.name in wanted:
                        yield view.page.name, page_context(builder, domain.graph, view), TEMPLATE

        for owner_id, names in self.owners.items():
            if (owner := domain.graph.get(owner_id)) is not None:
                yield from written(names, functools.partial(pages_of, domain, owner))
        for kind, names in self.handbook.items():
            yield from written(names, functools.partial(_pages_of_kind, domain, kind))


def page_context(builder: Builder, graph: Graph, view: ListPageView) -> dict[str, Any]:
    """What the template shows of one list page, every text as plain text (the
    template escapes it)."""
    listing, name = view.listing, view.page.name
    language = builder.config.language
    links = ObjectLinks(builder, name)

    def href(obj: GovObject, anchor: str = '') -> str:
        return links.uri(obj, anchor or obj.anchor) or ''

    if listing.owner is not None:
        owner, back = listing.owner.display_name, href(listing.owner, listing.anchor)
    else:  # a list of a view of the whole handbook: back to where it is shown
        placed = cast(Placement, view.shown_at)
        owner = page_title(builder.env, placed.docname)
        back = builder.get_relative_uri(name, placed.docname) + '#' + handbook_heading_anchor(
            listing.heading, placed.number)
    group = graph.get(listing.group_id)
    title = list_title(listing.heading) % {
        'owner': owner, 'group': group.display_name if group else listing.group_id}

    inferred = frozenset(view.inferred)
    return {
        'title': title,
        'gov_list': {
            'title': title,
            'range': view_label('list-page-range') % {
                'first': reader_number(view.page.first, language),
                'last': reader_number(view.page.last, language),
                'count': reader_number(listing.count, language)},
            'back': {'href': back, 'text': view_label('list-back') % {'owner': owner}},
            'nav': view_label('list-nav'),
            'pages': [
                {'href': builder.get_relative_uri(name, page.name),
                 'text': page_range(page, language), 'current': page == view.page}
                for page in listing.pages
            ] if len(listing.pages) > 1 else [],
            'entries': [_entry(obj, href(obj), graph.summary(obj), obj.id in inferred)
                        for obj in view.items],
            'inferred': view_label('inferred'),
            'legend': view_label('inferred-evidence-note') if inferred else '',
        },
    }


def _entry(obj: GovObject, href: str, summary: str, inferred: bool) -> dict[str, Any]:
    """One item, as a view lists it (:meth:`~.rendering.ViewRenderer.item`)."""
    status = obj.status
    name, detail = label_and_detail(obj, summary)
    return {
        'href': href, 'title': link_title(obj), 'name': name, 'detail': detail,
        'status': status, 'status_label': value_label(status),
        'tone': STATUS_TONES[status].value if status else '', 'inferred': inferred,
    }


def page_title(env: BuildEnvironment, docname: str) -> str:
    """The title of a page, as its navigation shows it."""
    title = env.titles.get(docname)
    return title.astext() if title is not None else docname


def _remove(builder: StandaloneHTMLBuilder, name: str) -> None:
    """Remove the file of a list page no longer needed, inside the list pages' folder."""
    path = output_path(builder, name)
    root = Path(builder.outdir, LIST_ROOT).resolve()
    if path.resolve().is_relative_to(root) and path.is_file():
        path.unlink()


def _domain(env: BuildEnvironment) -> GovDomain:
    return cast('GovDomain', env.domains['gov'])


def _add_templates(app: Sphinx, config: Config) -> None:
    # before the environment compares the configuration with the last build's, as the
    # static path is added; a new list, as the default one is shared by every application
    if str(TEMPLATES_DIR) not in config.templates_path:
        config.templates_path = [*config.templates_path, str(TEMPLATES_DIR)]


def setup(app: Sphinx) -> None:
    pages = ListPages()
    app.connect('config-inited', _add_templates)
    app.connect('builder-inited', pages.builder_inited)
    app.connect('env-updated', pages.env_updated)
    app.connect('html-collect-pages', pages.collect)
    app.connect('html-page-context', pages.share_navigation)
