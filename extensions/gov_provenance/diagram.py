"""Pictures of provenance: the principle and matrix views, drawn as inline SVG.

A principle's picture places the meetings and sources whose voices shaped it, and
its revisions, on a time axis. The matrix's picture sets every principle against
every meeting and source, earliest first, with the revisions reported at each
meeting. Both are drawn at build time from the view model alone
(:class:`.views.PrincipleView`, :class:`.views.MatrixView`), which
:mod:`.incremental` fingerprints: an incremental build draws a picture again exactly
when what it shows changes. Nothing runs in the reader's browser and no program is
called; the SVG is written here, as text.

Every element of a picture is a link, and a list under it (in ``<details>``) says the
same in words. Text from the records is escaped where it is written, as all option
values are data, not markup. Colours come from CSS classes (``gov-provenance.css``),
so the theme's dark mode restyles them; shapes and words, not colour alone, tell the
kinds apart. The drawing scales with its ``viewBox`` to the width of the page, and
is laid out for the narrowest one, a phone's.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from babel import Locale
from babel.dates import format_skeleton
from docutils import nodes

from .locale import reader_locale, reader_period, view_label, with_inferred
from .model import GovObject, parse_date, parse_period
from .views import EvidenceGroup, MatrixView, PrincipleView, RevisionEntry

if TYPE_CHECKING:
    from .rendering import ViewRenderer

T = TypeVar('T')

#: where a link to an object leads from the page drawn on, or to the given anchor
#: on the object's page when it is not empty
Url = Callable[[GovObject, str], str]

#: the width of every picture in SVG units: about a phone's text column in CSS
#: pixels, so that text drawn at 14 units reads at about 14 px there
WIDTH = 360
MARGIN = 8
LABEL_SIZE = 14
SMALL_SIZE = 12
LABEL_LINE = 18
SMALL_LINE = 14
#: how many lines a label may take before it is cut short (the list says it in full)
LABEL_LINES = 2
TRACK = 26
UNDATED_WIDTH = 88
#: the least room between two months for a line each on the time axis
MIN_TICK_SPACING = 6
#: the most principles side by side in one panel of the matrix picture
PRINCIPLES_PER_PANEL = 10
#: how long a principle's label may run down its column, in characters of CJK
MATRIX_HEADER_EMS = 8
HEADER_SIZE = 13
CELL_LINE = 34


@dataclass(frozen=True)
class Placement:
    """What a picture needs from the page it is drawn on."""

    url: Url
    locale: Locale
    #: the prefix of the picture's ids, unique on its page
    ident: str


@dataclass(frozen=True)
class Span:
    """When something happened: one day, or a period."""

    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Mark:
    """One element of a principle's picture: a meeting, a source or a revision."""

    shape: str
    href: str
    #: what it is, in words: the label drawn and the start of its accessible name
    label: str
    span: Span | None
    #: its date or period as readers write it; empty when not recorded
    when: str
    inferred: bool = False

    @property
    def date(self) -> str:
        """When, in words, or that it is not recorded."""
        return self.when or view_label('diagram-undated')

    @property
    def name(self) -> str:
        """What it is and when, as its link is named and the list says it."""
        return view_label('diagram-dated') % (self.label, self.date)


# -- entry points ---------------------------------------------------------------


def figure(renderer: ViewRenderer, view: PrincipleView | MatrixView) -> list[nodes.Node]:
    """The picture of a view on the page ``renderer`` writes; nothing outside HTML."""
    if renderer.builder.format != 'html':
        return []
    placement = Placement(renderer.links.href, reader_locale(renderer.builder.config.language),
                          f'gov-diagram-{renderer.number}')
    if isinstance(view, PrincipleView):
        drawn = principle_diagram(view, placement)
    else:
        drawn = matrix_diagram(view, placement)
    return [drawn] if drawn is not None else []


def principle_diagram(view: PrincipleView, placement: Placement) -> nodes.raw | None:
    """The meetings and sources that shaped a principle, and its revisions, in time;
    ``None`` when there is nothing to draw."""
    marks = principle_marks(view, placement)
    if not marks:
        return None
    svg = TimelineDrawing(marks, placement).svg()
    items = [_list_item(_link(mark.href, mark.label), mark.date) for mark in marks]
    return _figure('principle', svg, items)


def matrix_diagram(view: MatrixView, placement: Placement) -> nodes.raw | None:
    """Every principle against every meeting and source; ``None`` without principles."""
    if not view.rows:
        return None
    rows = matrix_rows(view, placement)
    svg = GridDrawing(view.rows, rows, placement).svg()
    return _figure('matrix', svg, [_grid_list_item(row) for row in rows])


# -- what a principle's picture shows ---------------------------------------------


def principle_marks(view: PrincipleView, placement: Placement) -> list[Mark]:
    """The marks of a principle's picture: dated ones in time order, then the rest."""
    marks = [_group_mark('meeting', group, view, placement)
             for group in view.opinion_groups]
    marks += [_group_mark('source', group, view, placement) for group in view.source_groups]
    for entry in view.revisions:
        span = span_of(entry.meeting)
        marks.append(Mark('revision', placement.url(entry.revision, ''),
                          view_label('diagram-revision') % entry.revision.display_name,
                          span, when_text(span, placement.locale)))
    return _in_time_order(marks, lambda mark: mark.span)


def _group_mark(shape: str, group: EvidenceGroup, view: PrincipleView,
                placement: Placement) -> Mark:
    name = group.heading.display_name if group.heading is not None else group.group_id
    # a group whose meeting or source is not recorded still leads to its evidence
    href = (placement.url(group.heading, '') if group.heading is not None
            else placement.url(view.principle, group.anchor))
    inferred = sum(obj.id in view.inferred for obj in group.linked)
    span = span_of(group.heading)
    return Mark(shape, href, view_label('diagram-item') % (name, count_text(group, inferred)),
                span, when_text(span, placement.locale), inferred=inferred > 0)


def count_text(group: EvidenceGroup, inferred: int) -> str:
    """How much evidence a group holds, in words: "Opinions: 4 (of which inferred: 3)"."""
    opinions = sum(obj.objtype == 'opinion' for obj in group.items)
    findings = sum(obj.objtype == 'finding' for obj in group.items)
    parts = []
    if group.whole is not None:
        parts.append(view_label('diagram-whole-source'))
    if opinions:
        parts.append(view_label('diagram-opinions') % opinions)
    if findings:
        parts.append(view_label('diagram-findings') % findings)
    return with_inferred(view_label('separator').join(parts), inferred)


def span_of(obj: GovObject | None) -> Span | None:
    """When a meeting was held or a source gathered its evidence, where recorded."""
    if obj is None:
        return None
    try:
        if obj.objtype == 'meeting' and obj.text('date'):
            day = parse_date(obj.text('date'))
            return Span(day, day)
        if obj.objtype == 'source' and obj.text('period'):
            return Span(*parse_period(obj.text('period')))
    except ValueError:  # already reported, as gov.invalid-date, when it was read
        return None
    return None


def _in_time_order(items: Iterable[T], span: Callable[[T], Span | None]) -> list[T]:
    """Dated items by date (ties keep their order), then the undated ones."""
    items = list(items)
    dated = sorted((item for item in items if span(item) is not None),
                   key=lambda item: _start(span(item)))
    return dated + [item for item in items if span(item) is None]


def _start(span: Span | None) -> dt.date:
    return span.start if span is not None else dt.date.max


# -- what the matrix's picture shows ----------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One principle's evidence from one meeting or source, or its revisions there."""

    href: str
    count: int
    #: the accessible name: the principle, what the cell holds, and its row
    name: str
    #: the principle and what the cell holds, as the text list says it
    text: str
    inferred: bool = False


@dataclass(frozen=True)
class GridRow:
    """A meeting or a source (``href`` leads to it), or the revisions of a meeting."""

    shape: str
    heading: str
    href: str
    span: Span | None
    #: principle id -> its cell in this row
    cells: dict[str, Cell]
    date: str = ''

    @property
    def shown(self) -> str:
        """Its heading as drawn: the date first, where there is one."""
        return f'{self.date}\u3000{self.heading}' if self.date else self.heading

    @property
    def name(self) -> str:
        """Its heading as listed, and as its link is named: it says when no date is known."""
        if self.date or self.shape == 'revision':
            return self.shown
        return view_label('diagram-dated') % (self.heading, view_label('diagram-undated'))


def matrix_rows(view: MatrixView, placement: Placement) -> list[GridRow]:
    """A row per meeting and source, in time order, each meeting's revisions after it."""
    evidence = _evidence_cells(view, placement.url)
    revisions = _revisions_by_meeting(view)
    rows = []
    for column in view.columns:
        shape = 'meeting' if column.objtype == 'meeting' else 'source'
        span = span_of(column)
        rows.append(GridRow(shape, column.display_name, placement.url(column, ''), span,
                            evidence.get(column.id, {}), when_text(span, placement.locale)))
        if column.id in revisions:
            rows.append(GridRow(
                'revision', view_label('diagram-revisions-at') % column.display_name, '', span,
                _revision_cells(view, revisions[column.id], column.display_name,
                                placement.url),
            ))
    # revisions reported at a meeting the handbook does not record
    if None in revisions:
        rows.append(GridRow('revision', view_label('diagram-revisions-elsewhere'), '', None,
                            _revision_cells(view, revisions[None], '', placement.url)))
    return _in_time_order(rows, lambda row: row.span)


def _evidence_cells(view: MatrixView, url: Url) -> dict[str, dict[str, Cell]]:
    """Each meeting's or source's cells, by its id: principle id -> cell."""
    names = {column.id: column.display_name for column in view.columns}
    cells: dict[str, dict[str, Cell]] = {}
    for row in view.rows:
        for group in row.groups.values():
            inferred = sum(obj.id in row.inferred for obj in group.linked)
            what = view_label('diagram-item') % (row.principle.display_name,
                                                 count_text(group, inferred))
            where = names.get(group.group_id, group.group_id)
            cells.setdefault(group.group_id, {})[row.principle.id] = Cell(
                url(row.principle, group.anchor), len(group.items),
                view_label('diagram-in') % (what, where), what, inferred=inferred > 0,
            )
    return cells


def _revisions_by_meeting(
    view: MatrixView,
) -> dict[str | None, dict[str, list[RevisionEntry]]]:
    """meeting id (``None`` where not recorded) -> principle id -> its revisions there."""
    found: dict[str | None, dict[str, list[RevisionEntry]]] = {}
    for row in view.rows:
        for entry in row.revisions:
            meeting = entry.meeting.id if entry.meeting is not None else None
            found.setdefault(meeting, {}).setdefault(row.principle.id, []).append(entry)
    return found


def _revision_cells(view: MatrixView, revisions: dict[str, list[RevisionEntry]],
                    meeting_name: str, url: Url) -> dict[str, Cell]:
    cells = {}
    for row in view.rows:
        entries = revisions.get(row.principle.id)
        if not entries:
            continue
        names = view_label('separator').join(
            entry.revision.display_name for entry in entries)
        what = view_label('diagram-item') % (row.principle.display_name,
                                             view_label('diagram-revision') % names)
        name = view_label('diagram-in') % (what, meeting_name) if meeting_name else what
        # several revisions at one meeting: the mark gives their number, the link the first
        cells[row.principle.id] = Cell(url(entries[0].revision, ''), len(entries), name, what)
    return cells


# -- the principle's picture: a row per mark on a shared time axis ----------------


class TimelineDrawing:
    """Each mark on a row of its own: its label above, its shape at its date below;
    marks without a date in a column of their own on the right."""

    def __init__(self, marks: Sequence[Mark], placement: Placement) -> None:
        self.marks = marks
        self.placement = placement
        spans = [mark.span for mark in marks if mark.span is not None]
        self.has_undated = len(spans) < len(marks)
        right = WIDTH - MARGIN - 10 - (UNDATED_WIDTH + 8 if self.has_undated else 0)
        self.axis = TimeAxis.around(spans, MARGIN + 8, right) if spans else None
        self.undated_x = (WIDTH - MARGIN - UNDATED_WIDTH / 2 if self.axis is not None
                          else MARGIN + 10)
        #: the heading of the column of undated marks, in as many lines as it needs
        self.undated_heading = wrap(view_label('diagram-undated'),
                                    UNDATED_WIDTH if self.axis is not None else WIDTH,
                                    SMALL_SIZE, 2) if self.has_undated else []

    def svg(self) -> str:
        top = MARGIN + 24 + SMALL_LINE * max(len(self.undated_heading) - 1, 0)
        parts: list[str] = []
        y: float = top
        for mark in self.marks:
            row, y = self.row(mark, y)
            parts.append(row)
        bottom = y
        legend, height = _legend(self.shapes(), any(m.inferred for m in self.marks), y + 8)
        background = self.axis_parts(top - 6, bottom) + self.undated_parts(top - 6, bottom)
        return _svg(self.placement.ident, height, 'diagram-principle-title',
                    'diagram-principle-desc', background + parts + [legend])

    def shapes(self) -> list[str]:
        return [shape for shape in ('meeting', 'source', 'revision')
                if any(mark.shape == shape for mark in self.marks)]

    def row(self, mark: Mark, top: float) -> tuple[str, float]:
        """A mark's row from ``top``, and where the next row starts."""
        left, right = self.extent(mark)
        date = mark.when
        date_width = text_width(date, SMALL_SIZE)
        label = mark.label
        date_x, anchor = right + 6, 'start'
        if date and date_x + date_width > WIDTH - MARGIN:
            date_x, anchor = left - 6, 'end'
            if date_x - date_width < MARGIN:  # no room beside the mark: say it in the label
                label = view_label('diagram-dated') % (label, date)
                date = ''
        lines = wrap(label, WIDTH - 2 * MARGIN, LABEL_SIZE, LABEL_LINES)
        track = top + len(lines) * LABEL_LINE + TRACK / 2
        height = len(lines) * LABEL_LINE + TRACK
        content = [
            _hit_area(MARGIN - 4, top - 2, WIDTH - 2 * MARGIN + 8, height),
            _label(lines, MARGIN, top + LABEL_SIZE),
            _shape(mark.shape, left, right, track, mark.inferred),
        ]
        if date:
            content.append(_text(date, date_x, track + 4, 'gov-diagram-date', SMALL_SIZE,
                                 anchor=anchor))
        if self.axis is not None and mark.span is not None:
            content.insert(0, _element('line', x1=self.axis.left, x2=self.axis.right, y1=track,
                                       y2=track, class_='gov-diagram-track'))
        return (_anchor(mark.href, mark.name, content, f'gov-diagram-{mark.shape}'),
                top + height + 6)

    def extent(self, mark: Mark) -> tuple[float, float]:
        """Where a mark's shape starts and ends across the picture."""
        if mark.span is None or self.axis is None:
            return self.undated_x - 6, self.undated_x + 6
        start, end = self.axis.x(mark.span.start), self.axis.x(mark.span.end)
        middle = (start + end) / 2
        return min(start, middle - 6), max(end, middle + 6)

    def axis_parts(self, top: float, bottom: float) -> list[str]:
        if self.axis is None:
            return []
        parts = [_element('line', x1=self.axis.left, x2=self.axis.right, y1=top, y2=top,
                          class_='gov-diagram-axis')]
        for tick, label, anchor in self.axis.ticks(self.placement.locale):
            x = self.axis.x(tick)
            parts.append(_element('line', x1=x, x2=x, y1=top - 3, y2=bottom,
                                  class_='gov-diagram-grid'))
            if label:
                parts.append(_text(label, x, top - 7, 'gov-diagram-tick', SMALL_SIZE,
                                   anchor=anchor))
        return [_group(parts, hidden=True)]

    def undated_parts(self, top: float, bottom: float) -> list[str]:
        if not self.has_undated:
            return []
        lines = self.undated_heading
        first = top - 7 - SMALL_LINE * (len(lines) - 1)
        if self.axis is None:
            return [_group([_lines(lines, MARGIN, first, 'gov-diagram-tick', SMALL_SIZE)],
                           hidden=True)]
        left = WIDTH - MARGIN - UNDATED_WIDTH
        return [_group([
            _element('line', x1=left - 4, x2=left - 4, y1=first - SMALL_SIZE, y2=bottom,
                     class_='gov-diagram-divider'),
            _lines(lines, self.undated_x, first, 'gov-diagram-tick', SMALL_SIZE,
                   anchor='middle'),
        ], hidden=True)]


@dataclass(frozen=True)
class TimeAxis:
    """From the first of a month to the first of a later month, across ``left..right``."""

    start: dt.date
    end: dt.date
    left: float
    right: float

    @classmethod
    def around(cls, spans: Iterable[Span], left: float, right: float) -> TimeAxis:
        spans = list(spans)
        first = min(span.start for span in spans)
        last = max(span.end for span in spans)
        return cls(first.replace(day=1), _next_month(last.replace(day=1)), left, right)

    def x(self, day: dt.date) -> float:
        total = (self.end - self.start).days
        return self.left + (self.right - self.left) * (day - self.start).days / total

    def months(self) -> list[dt.date]:
        months = [self.start]
        while months[-1] < self.end:
            months.append(_next_month(months[-1]))
        return months

    def ticks(self, locale: Locale) -> list[tuple[dt.date, str, str]]:
        """The first day of months, each with its label where there is room for one,
        and how the label is anchored; the year is given with the first label and
        whenever it changes. Months too close for a line each are left out."""
        months = self.months()
        spacing = (self.right - self.left) / max(len(months) - 1, 1)
        widest = text_width(format_skeleton('yMMM', months[0], locale=locale), SMALL_SIZE)
        step = next((step for step in (1, 2, 3, 4, 6) if step * spacing >= widest + 8),
                    12 * math.ceil((widest + 8) / (12 * spacing)))
        ticks = []
        year_shown = 0
        for index, month in enumerate(months):
            if index % step:
                if spacing >= MIN_TICK_SPACING:
                    ticks.append((month, '', ''))
                continue
            skeleton = 'MMM' if month.year == year_shown else 'yMMM'
            year_shown = month.year
            anchor = 'start' if index == 0 else 'end' if index == len(months) - 1 else 'middle'
            ticks.append((month, format_skeleton(skeleton, month, locale=locale), anchor))
        return ticks


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


# -- the matrix's picture: principles across, meetings and sources down ----------


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

    def svg(self) -> str:
        parts: list[str] = []
        y: float = MARGIN
        for first in range(0, len(self.principles), PRINCIPLES_PER_PANEL):
            panel = self.principles[first:first + PRINCIPLES_PER_PANEL]
            header, y = self.header(panel, y)
            parts.append(header)
            body, y = self.body(panel, y + 6)
            parts.append(body)
        shapes = [shape for shape in ('meeting', 'source', 'revision')
                  if any(row.shape == shape and row.cells for row in self.rows)]
        inferred = any(cell.inferred for row in self.rows for cell in row.cells.values())
        legend, height = _legend(shapes, inferred, y + 4)
        return _svg(self.placement.ident, height, 'diagram-matrix-title',
                    'diagram-matrix-desc', [*parts, legend])

    def centre(self, index: int) -> float:
        return MARGIN + self.column_width * (index + 0.5)

    def header(self, panel: Sequence[GovObject], top: float) -> tuple[str, float]:
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
                _hit_area(x - self.column_width / 2 + 1, top - 2, self.column_width - 2,
                          height + 2),
                _text(number, x, top + SMALL_SIZE, 'gov-diagram-label', SMALL_SIZE,
                      anchor='middle'),
                _text(label, x, top + SMALL_SIZE + 6, 'gov-diagram-label gov-diagram-vertical',
                      HEADER_SIZE),
            ]
            parts.append(_anchor(self.placement.url(principle, ''), principle.display_name,
                                 content, 'gov-diagram-principle'))
        return ''.join(parts), top + height

    def body(self, panel: Sequence[GovObject], top: float) -> tuple[str, float]:
        parts = []
        y = top
        undated_seen = False
        for row in self.rows:
            if row.span is None and not undated_seen:
                undated_seen = True
                parts.append(_group([
                    _element('line', x1=MARGIN, x2=WIDTH - MARGIN, y1=y + 2, y2=y + 2,
                             class_='gov-diagram-divider'),
                    _text(view_label('diagram-undated'), MARGIN, y + 18, 'gov-diagram-tick',
                          SMALL_SIZE),
                ], hidden=True))
                y += 28
            drawn, y = self.row(row, panel, y)
            parts.append(drawn)
        return ''.join(parts), y

    def row(self, row: GridRow, panel: Sequence[GovObject], top: float) -> tuple[str, float]:
        heading = row.shown
        lines = wrap(heading, WIDTH - 2 * MARGIN, LABEL_SIZE, LABEL_LINES)
        parts = []
        if row.href:
            parts.append(_anchor(row.href, row.name, [
                _hit_area(MARGIN - 4, top - 2, WIDTH - 2 * MARGIN + 8,
                          len(lines) * LABEL_LINE + 2),
                _label(lines, MARGIN, top + LABEL_SIZE),
            ], f'gov-diagram-{row.shape}'))
        else:
            parts.append(_label(lines, MARGIN, top + LABEL_SIZE, 'gov-diagram-caption'))
        if not row.cells:
            return self.nothing(parts, lines, top)
        middle = top + len(lines) * LABEL_LINE + CELL_LINE / 2
        parts.append(_group([
            _element('circle', cx=self.centre(index), cy=middle, r=1.5,
                     class_='gov-diagram-empty')
            for index, principle in enumerate(panel) if principle.id not in row.cells
        ], hidden=True))
        for index, principle in enumerate(panel):
            if principle.id in row.cells:
                parts.append(self.cell(row.shape, row.cells[principle.id], self.centre(index),
                                       middle))
        return ''.join(parts), middle + CELL_LINE / 2 + 6

    def nothing(self, parts: list[str], lines: Sequence[str], top: float) -> tuple[str, float]:
        """A row without evidence: its heading, and a note saying so after it."""
        note = view_label('diagram-nothing')
        x = MARGIN + text_width(lines[-1], LABEL_SIZE) + 8
        y = top + LABEL_SIZE + (len(lines) - 1) * LABEL_LINE
        if x + text_width(note, SMALL_SIZE) > WIDTH - MARGIN:
            x, y = MARGIN, y + LABEL_LINE
        parts.append(_text(note, x, y, 'gov-diagram-date', SMALL_SIZE))
        return ''.join(parts), y + LABEL_LINE - LABEL_SIZE + 6

    def cell(self, shape: str, cell: Cell, x: float, y: float) -> str:
        size = 8 + 2 * min(max(cell.count, 1) - 1, 4)
        # a source linked only as a whole has no items to count: a dash, not a 0
        count = str(cell.count) if cell.count else '–'
        content = [
            _hit_area(x - self.column_width / 2 + 1, y - CELL_LINE / 2, self.column_width - 2,
                      CELL_LINE),
            _shape(shape, x - size, x + size, y, cell.inferred, size=size),
            _text(count, x, y + 4, 'gov-diagram-count', SMALL_SIZE, anchor='middle'),
        ]
        return _anchor(cell.href, cell.name, content, f'gov-diagram-{shape}')


# -- the text list under a picture ------------------------------------------------


def _grid_list_item(row: GridRow) -> str:
    heading = _link(row.href, row.name) if row.href else _escape(row.name)
    if not row.cells:
        return f'<li>{_fill("diagram-item", heading, _escape(view_label("diagram-nothing")))}</li>'
    cells = ''.join(f'<li>{_link(cell.href, cell.text)}</li>' for cell in row.cells.values())
    return f'<li>{heading}<ul>{cells}</ul></li>'


def _list_item(link: str, when: str) -> str:
    return f'<li>{_fill("diagram-dated", link, _escape(when))}</li>'


def _fill(key: str, *markup: str) -> str:
    """A label with its ``%s`` replaced by ``markup``, and its own text escaped."""
    pieces = view_label(key).split('%s')
    filled = _escape(pieces[0])
    for value, piece in zip(markup, pieces[1:], strict=True):
        filled += value + _escape(piece)
    return filled


def _link(href: str, text: str) -> str:
    return f'<a class="reference internal" href="{_escape(href)}">{_escape(text)}</a>'


def _figure(kind: str, svg: str, items: Sequence[str]) -> nodes.raw:
    text = (f'<details class="gov-diagram-text"><summary>{_escape(view_label("diagram-as-text"))}'
            f'</summary><ul>{"".join(items)}</ul></details>')
    markup = f'<div class="gov-diagram gov-diagram-{kind}">{svg}{text}</div>'
    return nodes.raw('', markup, format='html')


# -- SVG, written as text -----------------------------------------------------------


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def _number(value: float) -> str:
    """A coordinate as SVG writes it: at most one decimal, the same on every build."""
    return f'{value:.1f}'.removesuffix('.0')


def _element(name: str, content: str = '', **attributes: str | float | None) -> str:
    """``<name attributes>content</name>``, every value escaped and quoted; a name
    ending in ``_`` loses it (``class_``), and ``_`` between words becomes ``-``."""
    written = ''.join(
        f' {key.rstrip("_").replace("_", "-")}="'
        f'{_escape(_number(value) if isinstance(value, float | int) else value)}"'
        for key, value in attributes.items() if value is not None
    )
    if not content:
        return f'<{name}{written}/>'
    return f'<{name}{written}>{content}</{name}>'


def _svg(ident: str, height: float, title_key: str, desc_key: str, parts: Sequence[str]) -> str:
    return _element(
        'svg',
        _element('title', _escape(view_label(title_key)), id=f'{ident}-title')
        + _element('desc', _escape(view_label(desc_key)), id=f'{ident}-desc')
        + ''.join(parts),
        xmlns='http://www.w3.org/2000/svg', class_='gov-diagram-svg',
        viewBox=f'0 0 {WIDTH} {_number(height)}', width=WIDTH, height=_number(height),
        role='group', aria_labelledby=f'{ident}-title', aria_describedby=f'{ident}-desc',
    )


def _anchor(href: str, name: str, content: Sequence[str], cls: str) -> str:
    """A link whose accessible name (and tooltip) is ``name``, in full."""
    return _element('a', _element('title', _escape(name)) + ''.join(content), href=href,
                    class_=f'gov-diagram-link {cls}')


def _group(parts: Sequence[str], hidden: bool = False) -> str:
    if not parts:
        return ''
    return _element('g', ''.join(parts), aria_hidden='true' if hidden else None)


def _text(text: str, x: float, y: float, cls: str, size: float, anchor: str = 'start') -> str:
    return _element('text', _escape(text), x=x, y=y, class_=cls, font_size=size,
                    text_anchor=anchor if anchor != 'start' else None)


def _label(lines: Sequence[str], x: float, y: float, cls: str = 'gov-diagram-label') -> str:
    return _lines(lines, x, y, cls, LABEL_SIZE)


def _lines(lines: Sequence[str], x: float, y: float, cls: str, size: float,
           anchor: str = 'start') -> str:
    """Text set in ``lines``, the first on the baseline ``y``."""
    step = LABEL_LINE if size == LABEL_SIZE else SMALL_LINE
    spans = ''.join(
        _element('tspan', _escape(line), x=x, dy=step if index else None)
        for index, line in enumerate(lines)
    )
    return _element('text', spans, x=x, y=y, class_=cls, font_size=size,
                    text_anchor=anchor if anchor != 'start' else None)


def _hit_area(x: float, y: float, width: float, height: float) -> str:
    """The area a pointer or a finger selects, which shows the focus too."""
    return _element('rect', x=x, y=y, width=width, height=height, rx=4,
                    class_='gov-diagram-hit')


def _shape(shape: str, left: float, right: float, y: float, inferred: bool,
           size: float = 6) -> str:
    """A meeting's circle, a source's square (a bar across its period), a revision's
    diamond; a dashed outline for a link inferred."""
    cls = f'gov-diagram-mark gov-diagram-mark-{shape}' + (' gov-diagram-dashed' if inferred
                                                          else '')
    middle = (left + right) / 2
    if shape == 'meeting':
        return _element('circle', cx=middle, cy=y, r=size, class_=cls)
    if shape == 'source':
        return _element('rect', x=left, y=y - size, width=right - left, height=2 * size,
                        rx=2.5, class_=cls)
    points = (f'{_number(middle)},{_number(y - size - 1)} {_number(middle + size + 1)},'
              f'{_number(y)} {_number(middle)},{_number(y + size + 1)} '
              f'{_number(middle - size - 1)},{_number(y)}')
    return _element('polygon', points=points, class_=cls)


def _legend(shapes: Sequence[str], inferred: bool, top: float) -> tuple[str, float]:
    """What each shape means, in words; the picture's height below it."""
    entries = [(shape, view_label(f'diagram-legend-{shape}'), False) for shape in shapes]
    if inferred:
        entries.append(('meeting', view_label('diagram-legend-inferred'), True))
    parts = []
    x, y = float(MARGIN), top + 10
    for shape, label, dashed in entries:
        width = 16 + text_width(label, SMALL_SIZE)
        if x > MARGIN and x + width > WIDTH - MARGIN:
            x, y = MARGIN, y + 18
        if dashed:
            parts.append(_element('circle', cx=x + 6, cy=y, r=5.5,
                                  class_='gov-diagram-mark gov-diagram-dashed '
                                         'gov-diagram-mark-legend'))
        else:
            parts.append(_shape(shape, x + 1, x + 11, y, False, size=5))
        parts.append(_text(label, x + 16, y + 4, 'gov-diagram-tick', SMALL_SIZE))
        x += width + 14
    return _group(parts, hidden=True), y + 8 + MARGIN


# -- text measured and set without a browser ----------------------------------------


#: characters a line may not start with (closing brackets, small kana, punctuation)
NO_LINE_START = frozenset(
    '、。，．,.:;：；!?！？)]}）］｝〕〉》」』】’”ー…‥・'
    'ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々'
)
#: characters a line may not end with (opening brackets)
NO_LINE_END = frozenset('([{（［｛〔〈《「『【‘“')


def char_width(char: str) -> float:
    """A character's width in ems, close enough to set labels without a browser:
    full width for CJK characters, a little more than a Latin letter's average else."""
    if unicodedata.combining(char):
        return 0.0
    return 1.0 if unicodedata.east_asian_width(char) in {'W', 'F', 'A'} else 0.62


def text_width(text: str, size: float) -> float:
    return sum(char_width(char) for char in text) * size


def wrap(text: str, width: float, size: float, max_lines: int) -> list[str]:
    """``text`` in lines no wider than ``width``, broken between CJK characters or at
    spaces, never before closing punctuation; what does not fit in ``max_lines`` is
    cut, with an ellipsis."""
    lines: list[str] = []
    line = ''
    for unit in _units(' '.join(text.split())):
        candidate = line + unit
        if line and text_width(candidate.rstrip(), size) > width:
            lines.append(line.rstrip())
            line = unit.lstrip()
        else:
            line = candidate
        while text_width(line.rstrip(), size) > width:  # a unit wider than a line: split it
            cut = _fit(line, width, size)
            lines.append(line[:cut])
            line = line[cut:]
    if line.strip():
        lines.append(line.rstrip())
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_width(last + '…', size) > width:
            last = last[:-1]
        lines = [*lines[:max_lines - 1], last.rstrip() + '…']
    return lines


def _units(text: str) -> list[str]:
    """Pieces a line is not broken within: a word of Latin letters with the space
    after it, or a CJK character, each with the punctuation that clings to it."""
    units: list[str] = []
    for char in text:
        wide = char_width(char) == 1.0
        if units and (
            char in NO_LINE_START or units[-1][-1] in NO_LINE_END
            or (not wide and char != ' ' and char_width(units[-1][-1]) < 1.0
                and not units[-1].endswith(' '))
            or (char == ' ' and not units[-1].endswith(' '))
        ):
            units[-1] += char
        else:
            units.append(char)
    return units


def _fit(text: str, width: float, size: float) -> int:
    """How many characters of ``text`` fit in ``width`` (at least one)."""
    used = 0.0
    for index, char in enumerate(text):
        used += char_width(char) * size
        if used > width:
            return max(index, 1)
    return len(text)


def when_text(span: Span | None, locale: Locale) -> str:
    return reader_period(span.start, span.end, locale) if span is not None else ''
