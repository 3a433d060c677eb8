"""The matrix's picture: principles across, meetings and sources down."""

from __future__ import annotations

from collections.abc import Sequence

from ..locale import view_label
from ..model import GovObject
from ..views import PrincipleView
from . import svg
from .marks import Cell, GridRow, Placement
from .svg import LABEL_LINE, LABEL_LINES, LABEL_SIZE, MARGIN, SMALL_SIZE, WIDTH, Element
from .text import text_width, wrap

#: the most principles side by side in one panel of the matrix picture
PRINCIPLES_PER_PANEL = 10
#: how long a principle's label may run down its column, in characters of CJK
MATRIX_HEADER_EMS = 8
HEADER_SIZE = 13
CELL_LINE = 34


class GridDrawing:
    """A column per principle, a row per meeting or source (earliest first), each
    row's name on a line of its own above its cells."""

    def __init__(self, principles: Sequence[PrincipleView], rows: Sequence[GridRow],
                 placement: Placement) -> None:
        self.principles = [view.principle for view in principles]
        self.rows = rows
        self.placement = placement
        per_panel = min(len(self.principles), PRINCIPLES_PER_PANEL)
        self.column_width = (WIDTH - 2 * MARGIN) / per_panel

    def svg(self) -> Element:
        parts: list[Element] = []
        y: float = MARGIN
        for first in range(0, len(self.principles), PRINCIPLES_PER_PANEL):
            panel = self.principles[first:first + PRINCIPLES_PER_PANEL]
            header, y = self.header(panel, y)
            parts += header
            body, y = self.body(panel, y + 6)
            parts += body
        shapes = [kind for kind in svg.SHAPES
                  if any(row.kind == kind and row.cells for row in self.rows)]
        inferred = any(cell.inferred for row in self.rows for cell in row.cells.values())
        legend, height = svg.legend(shapes, inferred, y + 4)
        return svg.picture(self.placement.ident, height, 'diagram-matrix-title',
                           'diagram-matrix-desc', [*parts, legend])

    def centre(self, index: int) -> float:
        return MARGIN + self.column_width * (index + 0.5)

    def header(self, panel: Sequence[GovObject], top: float) -> tuple[list[Element], float]:
        """A column heading per principle: its number, and its label set vertically."""
        labels = [' '.join(wrap(principle.text('label') or principle.id,
                                MATRIX_HEADER_EMS * HEADER_SIZE, HEADER_SIZE, 1))
                  for principle in panel]
        height = SMALL_SIZE + 8 + max(text_width(label, HEADER_SIZE) for label in labels) + 4
        parts = []
        for index, (principle, label) in enumerate(zip(panel, labels, strict=True)):
            x = self.centre(index)
            number = f'#{principle.number}' if principle.number else ''
            content = [
                svg.hit_area(x - self.column_width / 2 + 1, top - 2, self.column_width - 2,
                             height + 2),
                svg.text(number, x, top + SMALL_SIZE, 'gov-diagram-label', SMALL_SIZE,
                         anchor='middle'),
                svg.text(label, x, top + SMALL_SIZE + 6,
                         'gov-diagram-label gov-diagram-vertical', HEADER_SIZE),
            ]
            parts.append(svg.anchor(self.placement.url(principle, ''), principle.display_name,
                                    content, 'gov-diagram-principle'))
        return parts, top + height

    def body(self, panel: Sequence[GovObject], top: float) -> tuple[list[Element], float]:
        parts: list[Element] = []
        y = top
        undated_seen = False
        for row in self.rows:
            if row.span is None and not undated_seen:
                undated_seen = True
                parts.append(svg.element('g', [
                    svg.element('line', x1=MARGIN, x2=WIDTH - MARGIN, y1=y + 2, y2=y + 2,
                                class_='gov-diagram-divider'),
                    svg.text(view_label('diagram-undated'), MARGIN, y + 18, 'gov-diagram-tick',
                             SMALL_SIZE),
                ], aria_hidden='true'))
                y += 28
            drawn, y = self.row(row, panel, y)
            parts += drawn
        return parts, y

    def row(self, row: GridRow, panel: Sequence[GovObject],
            top: float) -> tuple[list[Element], float]:
        lines = wrap(row.shown, WIDTH - 2 * MARGIN, LABEL_SIZE, LABEL_LINES)
        parts: list[Element] = []
        if row.href:
            parts.append(svg.anchor(row.href, row.name, [
                svg.hit_area(MARGIN - 4, top - 2, WIDTH - 2 * MARGIN + 8,
                             len(lines) * LABEL_LINE + 2),
                svg.label(lines, MARGIN, top + LABEL_SIZE),
            ], f'gov-diagram-{row.kind}'))
        else:
            parts.append(svg.label(lines, MARGIN, top + LABEL_SIZE, 'gov-diagram-caption'))
        if not row.cells:
            return self.nothing(parts, lines, top)
        middle = top + len(lines) * LABEL_LINE + CELL_LINE / 2
        empty = svg.group([
            svg.element('circle', cx=self.centre(index), cy=middle, r=1.5,
                        class_='gov-diagram-empty')
            for index, principle in enumerate(panel) if principle.id not in row.cells
        ], hidden=True)
        parts += [empty] if empty is not None else []
        parts += [self.cell(row.kind, row.cells[principle.id], self.centre(index), middle)
                  for index, principle in enumerate(panel) if principle.id in row.cells]
        return parts, middle + CELL_LINE / 2 + 6

    def nothing(self, parts: list[Element], lines: Sequence[str],
                top: float) -> tuple[list[Element], float]:
        """A row without evidence: its heading, and a note saying so after it."""
        note = view_label('diagram-nothing')
        x = MARGIN + text_width(lines[-1], LABEL_SIZE) + 8
        y = top + LABEL_SIZE + (len(lines) - 1) * LABEL_LINE
        if x + text_width(note, SMALL_SIZE) > WIDTH - MARGIN:
            x, y = MARGIN, y + LABEL_LINE
        parts.append(svg.text(note, x, y, 'gov-diagram-date', SMALL_SIZE))
        return parts, y + LABEL_LINE - LABEL_SIZE + 6

    def cell(self, kind: str, cell: Cell, x: float, y: float) -> Element:
        size = 8 + 2 * min(max(cell.count, 1) - 1, 4)
        # a source linked only as a whole has no items to count: a dash, not a 0
        count = str(cell.count) if cell.count else '–'
        content = [
            svg.hit_area(x - self.column_width / 2 + 1, y - CELL_LINE / 2, self.column_width - 2,
                         CELL_LINE),
            svg.shape(kind, x - size, x + size, y, cell.inferred, size=size),
            svg.text(count, x, y + 4, 'gov-diagram-count', SMALL_SIZE, anchor='middle'),
        ]
        return svg.anchor(cell.href, cell.name, content, f'gov-diagram-{kind}')
