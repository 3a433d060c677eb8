"""Render the generated views into each resolved document.

As ``sphinx.ext.todo`` fills its lists, on ``doctree-resolved``: every record is
known by then. The links a view makes are resolved here, directly, rather than
left to Sphinx's reference resolver, and a view is kept out of the search index
(class ``no-search``), which lists each object on the page that defines it. Both
matter with ``-j``: Sphinx resolves and indexes pages in its main process while
one worker writes them, and these two steps were most of the main process's work.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder

from . import diagram, handbook_views
from .anchors import PageAnchors, views_and_ids
from .compat import add_to_page_contents
from .linklists import ListedObject, item_paragraph, label_and_detail, listed, object_list
from .listings import Listing, ListPage
from .locale import object_label, reader_date, reader_locale, reader_number, view_label
from .model import (
    FINDING_SOURCE,
    GROUPED_UNDER,
    GUIDELINE_IMPLEMENTS,
    GUIDELINE_WORKING_GROUP,
    OPINION_MEETING,
    REVISION_BECAUSE,
    REVISION_MEETING,
    REVISION_PRINCIPLE,
    SHAPED_BY,
    GovObject,
    ViewKind,
)
from .nodes import ObjectLinks, gov_view, inferred_badge
from .originals import Original, href_from
from .views import (
    CoverageView,
    EvidenceGroup,
    EvidenceView,
    MatrixView,
    MeetingView,
    PrincipleTableView,
    PrincipleView,
    RevisionEntry,
    View,
    WorkingGroupView,
    handbook_heading_anchor,
    heading_anchor,
    related_anchor,
)
from .warnings_ import Location

if TYPE_CHECKING:
    from .domain import GovDomain

#: the cells of one table row, each a list of inline nodes
Cells = list[list[nodes.Node]]


def render_views(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: replace each :class:`gov_view` placeholder by its view.

    ``docname`` is the page being written (for a single-page or LaTeX build, the
    page that holds the others), which links are made relative to.
    """
    placeholders, ids = views_and_ids(doctree, gov_view)
    if not placeholders:
        return
    domain = cast('GovDomain', app.env.domains['gov'])
    #: the legends already shown on the page: each is said once, by its first view
    legends_shown: set[str] = set()
    anchors = PageAnchors(ids)
    links = ObjectLinks(app.builder, docname)
    for index, placeholder in enumerate(placeholders, 1):
        model = domain.view_models.get(placeholder['kind'], placeholder['target'])
        if model is None:
            placeholder.replace_self([])
            continue
        primary = placeholder.get('primary', True)
        level = app.config.gov_heading_level
        if not primary:
            # a view of one of several objects on the page ranks below its sections
            level = min(level + 1, 6)
        renderer = ViewRenderer(app.builder, docname, level, placeholder['number'],
                                f'gov-diagram-{index}', primary=primary,
                                legends_shown=legends_shown, summary=domain.graph.summary,
                                anchors=(anchors, Location.of_node(placeholder)),
                                original=domain.original_of, links=links)
        placeholder.replace_self(renderer.render(model))


def list_view_headings(app: Sphinx, pagename: str, templatename: str,
                       context: dict[str, Any], doctree: nodes.document | None) -> None:
    """``html-page-context``: the page's contents with the headings of its views,
    drawn when the page is written (:func:`~.compat.add_to_page_contents`)."""
    add_to_page_contents(app, pagename, context, doctree, _is_view_heading)


def _is_view_heading(node: nodes.rubric) -> bool:
    return ('heading-level' in node and bool(node['ids'])
            and isinstance(node.parent, nodes.container) and 'gov-view' in node.parent['classes']
            and 'gov-view-secondary' not in node.parent['classes'])


class ViewRenderer:
    """Turns view models into docutils nodes."""

    def __init__(self, builder: Builder, docname: str, heading_level: int,
                 number: int, picture: str, *, primary: bool = True,
                 legends_shown: set[str] | None = None,
                 summary: Callable[[GovObject], str] = lambda obj: obj.summary,
                 anchors: tuple[PageAnchors, Location] | None = None,
                 original: Callable[[GovObject], Original | None] = lambda obj: None,
                 links: ObjectLinks | None = None) -> None:
        self.builder = builder
        self.docname = docname
        self.heading_level = heading_level
        #: which view of its page this is, so that the ids it gives are unique on the page
        self.number = number
        #: whether it shows the page's own subject; only then are its headings listed in
        #: the page's contents
        self.primary = primary
        #: shared by the views of a page: they link to few pages, many times
        self.links = links or ObjectLinks(builder, docname)
        #: the prefix of the ids of its picture, unique in the document written (for a
        #: single-page build, the whole handbook)
        self.picture_ident = picture
        #: legends shown by the page's views so far, shared by every view of the page
        self.legends_shown = legends_shown if legends_shown is not None else set()
        #: an object's summary, with the names of the objects it links to
        self.summary = summary
        #: the ids of the page, shared by its views, and where the view is placed
        self.anchors = anchors
        #: the object of another project an object is a copy of
        self.original = original

    def claim(self, wanted: str, suffixes: tuple[str, ...] = ('',)) -> str:
        """An id of the view, unique on the page (see :class:`.anchors.PageAnchors`)."""
        if self.anchors is None:
            return wanted
        page, location = self.anchors
        return page.claim(wanted, location, suffixes)

    def render(self, view: View) -> list[nodes.Node]:
        kind, render = RENDERERS[type(view)]
        classes = ['gov-view', f'gov-view-{kind.value}', 'no-search']
        if not self.primary:
            classes.append('gov-view-secondary')
        container = nodes.container('', classes=classes)
        container.extend(render(self, view))
        return [container]

    # -- building blocks --------------------------------------------------------

    def picture(self, view: PrincipleView | MatrixView) -> list[nodes.Node]:
        """The view's picture, drawn for HTML alone."""
        if self.builder.format != 'html':
            return []
        ident = self.claim(self.picture_ident, ('-title', '-desc'))
        return diagram.figure(view, diagram.Placement(
            self.links.href, reader_locale(self.builder.config.language), ident))

    def heading(self, key: str, owner: GovObject | None = None) -> nodes.rubric:
        """A heading of the view, at the level of the page's own section headings;
        its anchor is stable, so that the page contents and others can link to it."""
        anchor = heading_anchor(owner, key) if owner else handbook_heading_anchor(key, self.number)
        return nodes.rubric('', view_label(key), ids=[self.claim(anchor)],
                            **{'heading-level': self.heading_level})

    def subheading(
        self, key: str, obj: GovObject | None, fallback: str, anchor: str
    ) -> nodes.paragraph:
        before, _, after = view_label(key).partition('%s')
        paragraph = nodes.paragraph('', '', classes=['gov-group'], ids=[self.claim(anchor)])
        paragraph += nodes.Text(before)
        paragraph += self.links.link(obj) if obj is not None else nodes.Text(fallback)
        paragraph += nodes.Text(after)
        return paragraph

    def listed(self, obj: GovObject, *, summary: bool = True, status: bool = True,
               inferred: bool = False) -> ListedObject:
        """A link to ``obj`` with its summary (or title) and its status; ``inferred``
        marks an item linked to the view's object only by inference. An object named
        by the opening of its summary is linked by the whole summary."""
        label, detail = label_and_detail(obj, self.summary(obj) if summary else obj.title)
        return listed(self.links, obj, label, detail,
                      obj.status if status and obj.status else '', inferred)

    def item(self, obj: GovObject, *, summary: bool = True,
             status: bool = True) -> nodes.list_item:
        """One item of a list built of docutils nodes, to add to."""
        return nodes.list_item('', item_paragraph(self.listed(obj, summary=summary,
                                                              status=status)))

    def items(self, objects: tuple[GovObject, ...], *, summary: bool = True,
              status: bool = True, inferred: Collection[str] = ()) -> nodes.Element:
        """A list of ``objects``; those whose id is in ``inferred`` are marked so."""
        if not objects:
            return nodes.paragraph('', view_label('none'), classes=['gov-empty'])
        return object_list([
            self.listed(obj, summary=summary, status=status, inferred=obj.id in inferred)
            for obj in objects
        ], self.builder.format)

    def listing(self, listing: Listing, *, summary: bool = True, status: bool = True,
                inferred: Collection[str] = ()) -> list[nodes.Node]:
        """A list as the view shows it: whole, or, when it is long, a sample, how many
        items it holds and links to the pages that list it whole."""
        result = [self.items(listing.shown, summary=summary, status=status, inferred=inferred)]
        if listing.sampled:
            result.append(self.whole_list(listing))
        return result

    def whole_list(self, listing: Listing) -> nodes.paragraph:
        """How many items a list shown in part holds, and its pages."""
        language = self.builder.config.language
        counts = {'count': reader_number(listing.count, language),
                  'shown': reader_number(len(listing.shown), language)}
        said = view_label('list-representative' if listing.representative else 'list-sample')
        paragraph = nodes.paragraph('', said % counts + ' ', classes=['gov-list-more'])
        paragraph += nodes.Text(view_label('list-pages'))
        for index, page in enumerate(listing.pages):
            if index:
                paragraph += nodes.Text(view_label('separator'))
            paragraph += nodes.reference('', page_label(listing, page, language), internal=True,
                                         refuri=self.links.page_uri(page.name))
        return paragraph

    def note(self, key: str, *args: str) -> nodes.paragraph:
        text = view_label(key) % args if args else view_label(key)
        return nodes.paragraph('', text, classes=['gov-empty'])

    def legend(self, key: str) -> list[nodes.Node]:
        """What a mark in the view above means, said once on a page: by the first view
        that needs it (several opinions of one meeting would repeat it otherwise)."""
        if key in self.legends_shown:
            return []
        self.legends_shown.add(key)
        return [nodes.paragraph('', view_label(key), classes=['gov-legend'])]

    # -- object views -----------------------------------------------------------

    def original_section(self, owner: GovObject) -> list[nodes.Node]:
        """For a copy of another project's object, where its sources and history are:
        the original's page, found in that project's inventory (intersphinx)."""
        original = self.original(owner)
        if original is None:
            return []
        entry = original.entry
        project = entry.project if entry is not None else original.inventory
        text = view_label('original-copied') % {
            'type': object_label(owner.objtype).lower(), 'project': project, 'link': '\x00'}
        before, _, after = text.partition('\x00')
        paragraph = nodes.paragraph('', before, classes=['gov-original'])
        if entry is None:  # reported by the consistency check
            paragraph += nodes.Text(owner.original)
        else:
            uri = href_from(self.builder.get_target_uri(self.docname), entry.uri)
            paragraph += nodes.reference('', entry.name, internal=False, refuri=uri,
                                         reftitle=f'{project}: {original.id}')
        paragraph += nodes.Text(after)
        return [self.heading('original', owner), paragraph]

    def principle_view(self, view: PrincipleView) -> list[nodes.Node]:
        owner = view.principle
        # a copy shows where its history is, and only what this project adds to it
        result = self.original_section(owner)
        copy = bool(result)
        if view.evidence_groups or not copy:
            result += self.principle_evidence(view)
        if view.revisions or not copy:
            result.append(self.heading(REVISION_PRINCIPLE.heading, owner))
            result += self.revisions(view)
        if view.guidelines or not copy:
            result.append(self.heading(GUIDELINE_IMPLEMENTS.heading, owner))
            result.append(self.items(view.guidelines, summary=False) if view.guidelines
                          else self.note('no-guidelines'))
        return result

    def principle_evidence(self, view: PrincipleView) -> list[nodes.Node]:
        owner = view.principle
        result: list[nodes.Node] = [self.heading(SHAPED_BY.heading, owner)]
        result += self.picture(view)
        if not view.evidence_count:
            result.append(self.note('no-evidence'))
            if gap := view.principle.text('gap'):
                result.append(self.note('gap-reason', gap))
        for group in view.evidence_groups:
            if group.items:  # else linked only as a whole: among the related sources
                heading = GROUPED_UNDER[group.kind].relation.group_heading
                result += self.group(heading, group, view.inferred_ids)
        if view.related_sources:
            result.append(self.subheading_text('related-sources', related_anchor(owner)))
            result.append(self.items(view.related_sources, status=False,
                                     inferred=view.inferred_ids))
        if view.inferred:
            result += self.legend('inferred-evidence-note')
        return result

    def revisions(self, view: PrincipleView) -> list[nodes.Node]:
        if not view.revisions:
            return [self.note('no-revisions')]
        result: list[nodes.Node] = [
            nodes.bullet_list('', *(self.revision(entry) for entry in view.revisions))]
        if any(entry.revision.links_inferred for entry in view.revisions):
            result += self.legend('inferred-because-note')
        return result

    def subheading_text(self, key: str, anchor: str) -> nodes.paragraph:
        return nodes.paragraph('', view_label(key), classes=['gov-group'],
                               ids=[self.claim(anchor)])

    def group(self, key: str, group: EvidenceGroup, inferred: Collection[str]) -> list[nodes.Node]:
        heading = self.subheading(key, group.heading, group.group_id, group.anchor)
        if group.listing is None:  # a view made by hand, with no listing: the items whole
            return [heading, self.items(group.items, inferred=inferred)]
        return [heading, *self.listing(group.listing, inferred=inferred)]

    def revision(self, entry: RevisionEntry) -> nodes.list_item:
        paragraph = nodes.paragraph()
        if entry.meeting is not None:
            day = reader_date(entry.meeting.text('date'), self.builder.config.language)
            paragraph += nodes.inline('', day, classes=['gov-date'])
            paragraph += nodes.Text(' ')
            paragraph += self.links.link(entry.meeting)
            paragraph += nodes.Text(': ')
        summary = self.summary(entry.revision)
        if summary and entry.revision.named_by_summary:
            paragraph += self.links.link(entry.revision, nodes.inline('', summary))
        else:
            paragraph += self.links.link(entry.revision)
            if summary:
                paragraph += nodes.Text(f' — {summary}')
        item = nodes.list_item('', paragraph)
        if entry.because:
            because = nodes.paragraph('', view_label('because') + ' ', classes=['gov-because'])
            for index, obj in enumerate(entry.because):
                if index:
                    because += nodes.Text(', ')
                because += self.links.link(obj)
            if entry.revision.links_inferred:
                because += nodes.Text(' ')
                because += inferred_badge()
            item += because
        return item

    def evidence_view(self, view: EvidenceView) -> list[nodes.Node]:
        owner = view.evidence
        result = self.original_section(owner)
        if view.principles:
            result.append(self.heading('principles-shaped', owner))
            result.append(self.items(view.principles, summary=False, inferred=view.inferred))
            if view.inferred:
                result += self.legend('inferred-principles-note')
        elif not result:  # not a copy, whose links are its original's
            result.append(self.heading('principles-shaped', owner))
            result.append(self.note('shaped-nothing'))
            if gap := view.evidence.text('gap'):
                result.append(self.note('gap-reason', gap))
        if view.evidence.objtype in FINDING_SOURCE.targets:  # what it found, even if nothing
            result += [self.heading(FINDING_SOURCE.heading, owner), *self.listing(view.findings)]
        if view.cited_by:
            result += [self.heading(REVISION_BECAUSE.heading, owner), self.items(view.cited_by)]
        return result

    def meeting_view(self, view: MeetingView) -> list[nodes.Node]:
        # what the meeting's own page records is read where it stands, and a list with
        # nothing in it is left out: the view lists only what other pages record
        result = self.original_section(view.meeting)
        for key, listing in ((OPINION_MEETING.heading, view.opinions),
                             (REVISION_MEETING.heading, view.revisions)):
            if listing.count:
                result += [self.heading(key, view.meeting), *self.listing(listing)]
        return result

    def working_group_view(self, view: WorkingGroupView) -> list[nodes.Node]:
        result = self.original_section(view.working_group)
        if view.guidelines or not result:
            result += [self.heading(GUIDELINE_WORKING_GROUP.heading, view.working_group),
                       self.items(view.guidelines, summary=False)]
        return result

    def table(self, caption: str, header: Cells, rows: list[Cells], cls: str) -> nodes.table:
        """A table with a caption, a header row and the first column as row headers,
        its id unique on the page."""
        result = table(caption, header, rows, cls)
        result['ids'] = [self.claim(f'{cls}-{self.number}')]
        return result


def page_label(listing: Listing, page: ListPage, language: str | None) -> str:
    """The text of a link to a page of a whole list: its range of items, or, for a
    list on one page, how many it holds."""
    if len(listing.pages) == 1:
        return view_label('list-all') % {'count': reader_number(listing.count, language)}
    return page_range(page, language)


def page_range(page: ListPage, language: str | None) -> str:
    """The items a page of a whole list holds: 1–500, or 501 for a last page of one."""
    return view_label('list-range' if page.last > page.first else 'list-last') % {
        'first': reader_number(page.first, language), 'last': reader_number(page.last, language)}


def table(caption: str, header: Cells, rows: list[Cells], cls: str) -> nodes.table:
    """A table with a caption, a header row and the first column as row headers."""
    width = len(header)
    group = nodes.tgroup(cols=width)
    for index in range(width):
        group += nodes.colspec(colwidth=1, stub=1 if index == 0 else 0)
    head = nodes.thead()
    head += _row(header)
    body = nodes.tbody()
    for cells in rows:
        body += _row(cells)
    group += head
    group += body
    result = nodes.table('', nodes.title('', caption), group, classes=['gov-table', cls])
    return result


def _row(cells: Cells) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        row += nodes.entry('', nodes.paragraph('', '', *cell))
    return row


#: each view model's kind (its CSS name) and how it is rendered
RENDERERS: dict[type, tuple[ViewKind, Callable[[ViewRenderer, Any], list[nodes.Node]]]] = {
    PrincipleView: (ViewKind.PRINCIPLE, ViewRenderer.principle_view),
    EvidenceView: (ViewKind.EVIDENCE, ViewRenderer.evidence_view),
    MeetingView: (ViewKind.MEETING, ViewRenderer.meeting_view),
    WorkingGroupView: (ViewKind.WORKING_GROUP, ViewRenderer.working_group_view),
    MatrixView: (ViewKind.MATRIX, handbook_views.matrix_view),
    CoverageView: (ViewKind.COVERAGE, handbook_views.coverage_view),
    PrincipleTableView: (ViewKind.PRINCIPLE_TABLE, handbook_views.principle_table_view),
}
