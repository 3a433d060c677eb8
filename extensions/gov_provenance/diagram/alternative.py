"""The text under a picture, which says the same as it in words: docutils nodes, so
that the builder writes (and escapes) them as it writes the rest of the page."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from docutils import nodes

from ..locale import view_label
from . import svg
from .marks import GridRow, Mark


def principle_items(marks: Iterable[Mark]) -> list[nodes.list_item]:
    """A mark, linked, and when it happened."""
    return [_item(_fill('diagram-dated', _link(mark.href, mark.label), nodes.Text(mark.date)))
            for mark in marks]


def matrix_items(rows: Iterable[GridRow]) -> list[nodes.list_item]:
    """A row, linked where it has a page, and its cells under it (or that it has none)."""
    items = []
    for row in rows:
        heading = _link(row.href, row.name) if row.href else nodes.Text(row.name)
        if not row.cells:
            items.append(_item(_fill('diagram-item', heading,
                                     nodes.Text(view_label('diagram-nothing')))))
            continue
        item = _item([heading])
        item += nodes.bullet_list('', *(_item([_link(cell.href, cell.text)])
                                        for cell in row.cells.values()))
        items.append(item)
    return items


def figure(kind: str, picture: svg.Element, items: Sequence[nodes.list_item]) -> nodes.container:
    """The picture, and the list that says the same, folded under a summary."""
    summary = svg.written(svg.element('summary', text=view_label('diagram-as-text')))
    return nodes.container(
        '',
        nodes.raw('', svg.written(picture), format='html'),
        nodes.raw('', f'<details class="gov-diagram-text">{summary}', format='html'),
        nodes.bullet_list('', *items),
        nodes.raw('', '</details>', format='html'),
        classes=['gov-diagram', f'gov-diagram-{kind}'],
    )


def _item(content: Sequence[nodes.Node]) -> nodes.list_item:
    return nodes.list_item('', nodes.paragraph('', '', *content))


def _fill(key: str, *filling: nodes.Node) -> list[nodes.Node]:
    """A label with each ``%s`` replaced by a node of ``filling``."""
    first, *rest = view_label(key).split('%s')
    filled: list[nodes.Node] = [nodes.Text(first)] if first else []
    for node, piece in zip(filling, rest, strict=True):
        filled.append(node)
        if piece:
            filled.append(nodes.Text(piece))
    return filled


def _link(href: str, text: str) -> nodes.reference:
    return nodes.reference('', text, refuri=href, internal=True)
