"""The views of the whole handbook as nodes: the traceability matrix, the coverage
lists and the principle table, each table with a form for a narrow screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from .locale import view_label, with_inferred
from .model import GovObject
from .nodes import number_inferred_anchor, number_inferred_badge, status_badge
from .views import CoverageView, EvidenceGroup, MatrixView, PrincipleRow, PrincipleTableView

if TYPE_CHECKING:
    from .rendering import Cells, ViewRenderer

# each takes the renderer of the page (its links, headings, tables and legends) and a model


def matrix_view(renderer: ViewRenderer, view: MatrixView) -> list[nodes.Node]:
    # a meeting or source none of whose evidence shapes a principle gets no column
    linked = {group_id for row in view.rows for group_id in row.groups}
    columns = [column for column in view.columns if column.id in linked]
    left_out = [column for column in view.columns if column.id not in linked]
    # how many links are inferred gets a column only where some are
    show_inferred = any(row.inferred for row in view.rows)
    header: Cells = [[nodes.Text(view_label('matrix-principle'))]]
    header += [[renderer.links.link(column)] for column in columns]
    header.append([nodes.Text(view_label('matrix-total'))])
    if show_inferred:
        header.append([nodes.Text(view_label('of-which-inferred'))])
    rows = []
    for row in view.rows:
        groups = row.groups
        cells: Cells = [[renderer.links.link(row.principle)]]
        for column in columns:
            group = groups.get(column.id)
            cells.append([count(renderer, row.principle, group)])
        cells.append([nodes.Text(str(row.evidence_count))])
        if show_inferred:
            cells.append([nodes.Text(str(row.inferred_count))])
        rows.append(cells)
    result: list[nodes.Node] = [
        renderer.table(view_label('matrix-caption'), header, rows, 'gov-matrix'),
        matrix_list(renderer, view, columns),
    ]
    if left_out:
        result.append(left_out_note(renderer, left_out))
    result[:0] = renderer.picture(view)
    if show_inferred:
        result += renderer.legend('inferred-count-note')
    return result


def matrix_list(renderer: ViewRenderer, view: MatrixView,
                columns: list[GovObject]) -> nodes.bullet_list:
    """The matrix for a narrow screen: per principle, only the counts that are not 0."""
    items = []
    for row in view.rows:
        groups = row.groups
        paragraph = nodes.paragraph('', '', renderer.links.link(row.principle), nodes.Text(' — '))
        shown = [(column, groups[column.id]) for column in columns if column.id in groups]
        for index, (column, group) in enumerate(shown):
            if index:
                paragraph += nodes.Text(view_label('separator'))
            if group.items:
                text = view_label('count') % {'name': column.display_name,
                                              'count': len(group.items)}
            else:
                text = view_label('related-count') % {'name': column.display_name}
            paragraph += renderer.links.link(row.principle, nodes.inline('', text), group.anchor)
        if not shown:
            paragraph += nodes.Text(view_label('none'))
        else:
            total = view_label('total') % {'count': row.evidence_count}
            paragraph += nodes.Text(' ' + with_inferred(total, row.inferred_count))
        items.append(nodes.list_item('', paragraph))
    return nodes.bullet_list('', *items, classes=['gov-narrow-only', 'gov-matrix-list'])


def left_out_note(renderer: ViewRenderer, columns: list[GovObject]) -> nodes.paragraph:
    before, _, after = view_label('matrix-left-out').partition('%s')
    paragraph = nodes.paragraph('', before, classes=['gov-legend'])
    for index, column in enumerate(columns):
        if index:
            paragraph += nodes.Text(view_label('separator'))
        paragraph += renderer.links.link(column)
    paragraph += nodes.Text(after)
    return paragraph


def count(renderer: ViewRenderer, principle: GovObject, group: EvidenceGroup | None) -> nodes.Node:
    if group is None:
        return nodes.inline('', '0', classes=['gov-zero'])
    # to the principle's evidence from this column; a source linked only as a
    # whole is related, with nothing to count
    shown = str(len(group.items)) if group.items else view_label('related-mark')
    return renderer.links.link(principle, nodes.inline('', shown), group.anchor)


def coverage_view(renderer: ViewRenderer, view: CoverageView) -> list[nodes.Node]:
    result = [
        renderer.heading('coverage-no-evidence'), gap_items(renderer, view.without_evidence),
        renderer.heading('coverage-pending'), *renderer.listing(view.pending),
    ]
    if view.unknown.count:  # kept apart from what is known not to be reflected yet
        result += [renderer.heading('coverage-unknown'), *renderer.listing(view.unknown)]
    return [*result, renderer.heading('coverage-unused'), gap_items(renderer, view.unused)]


def gap_items(renderer: ViewRenderer, objects: tuple[GovObject, ...]) -> nodes.Element:
    if not objects:
        return nodes.paragraph('', view_label('coverage-none'), classes=['gov-empty'])
    items = []
    for obj in objects:
        item = renderer.item(obj, summary=False, status=False)
        if gap := obj.text('gap'):
            item += nodes.paragraph('', view_label('gap-reason') % gap, classes=['gov-gap'])
        items.append(item)
    return nodes.bullet_list('', *items)


def principle_table_view(renderer: ViewRenderer, view: PrincipleTableView) -> list[nodes.Node]:
    # as in the matrix: how many links are inferred, only where some are
    show_inferred = any(row.inferred for row in view.rows)
    keys = ['matrix-principle', 'table-evidence', 'table-revisions', 'table-guidelines']
    if show_inferred:
        keys.insert(2, 'of-which-inferred')
    header: Cells = [[nodes.Text(view_label(key))] for key in keys]
    rows = []
    for row in view.rows:
        counts = [row.evidence, row.revisions, row.guidelines]
        if show_inferred:
            counts.insert(1, row.inferred)
        rows.append([principle_name(renderer, row)] + [[nodes.Text(str(c))] for c in counts])
    result: list[nodes.Node] = [
        renderer.table(view_label('table-caption'), header, rows, 'gov-principle-table'),
        principle_cards(renderer, view),
    ]
    if show_inferred:
        result += renderer.legend('inferred-count-note')
    return result


def principle_name(renderer: ViewRenderer, row: PrincipleRow) -> list[nodes.Node]:
    name: list[nodes.Node] = [renderer.links.link(row.principle)]
    if row.principle.title:
        name.append(nodes.Text(f' {row.principle.title}'))
    if row.principle.number_inferred:
        name += [nodes.Text(' '), renderer.links.link(
            row.principle, number_inferred_badge(), number_inferred_anchor(row.principle))]
    if row.principle.status:
        name += [nodes.Text(' '), status_badge(row.principle.status)]
    return name


def principle_cards(renderer: ViewRenderer, view: PrincipleTableView) -> nodes.bullet_list:
    """The principle table for a narrow screen: one card per principle."""
    cards = []
    for row in view.rows:
        name = nodes.paragraph('', '', *principle_name(renderer, row), classes=['gov-card-name'])
        evidence = with_inferred(view_label('table-count-evidence') % {'count': row.evidence},
                                 row.inferred)
        counts = view_label('separator').join((
            evidence,
            view_label('table-count-revisions') % {'count': row.revisions},
            view_label('table-count-guidelines') % {'count': row.guidelines},
        ))
        summary = nodes.paragraph('', counts, classes=['gov-card-counts'])
        cards.append(nodes.list_item('', name, summary))
    return nodes.bullet_list('', *cards, classes=['gov-narrow-only', 'gov-principle-cards'])
