"""The principle's picture: a row per mark on a shared time axis."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from babel import Locale
from babel.dates import format_skeleton

from ..locale import view_label
from . import svg
from .marks import Mark, Placement, Span
from .svg import LABEL_LINE, LABEL_LINES, MARGIN, SMALL_LINE, SMALL_SIZE, WIDTH, Element
from .text import text_width, wrap

TRACK = 26
UNDATED_WIDTH = 88
#: the least room between two months for a line each on the time axis
MIN_TICK_SPACING = 6


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

    def svg(self) -> Element:
        top = MARGIN + 24 + SMALL_LINE * max(len(self.undated_heading) - 1, 0)
        rows: list[Element] = []
        y: float = top
        for mark in self.marks:
            row, y = self.row(mark, y)
            rows.append(row)
        legend, height = svg.legend(self.shapes(), any(m.inferred for m in self.marks), y + 8)
        background = [self.axis_parts(top - 6, y), self.undated_parts(top - 6, y)]
        return svg.picture(self.placement.ident, height, 'diagram-principle-title',
                           'diagram-principle-desc', [*background, *rows, legend])

    def shapes(self) -> list[str]:
        return [kind for kind in svg.SHAPES if any(mark.kind == kind for mark in self.marks)]

    def row(self, mark: Mark, top: float) -> tuple[Element, float]:
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
        lines = wrap(label, WIDTH - 2 * MARGIN, svg.LABEL_SIZE, LABEL_LINES)
        track = top + len(lines) * LABEL_LINE + TRACK / 2
        height = len(lines) * LABEL_LINE + TRACK
        content = [
            self.track(mark, track),
            svg.hit_area(MARGIN - 4, top - 2, WIDTH - 2 * MARGIN + 8, height),
            svg.label(lines, MARGIN, top + svg.LABEL_SIZE),
            svg.shape(mark.kind, left, right, track, mark.inferred),
            svg.text(date, date_x, track + 4, 'gov-diagram-date', SMALL_SIZE, anchor=anchor)
            if date else None,
        ]
        return (svg.anchor(mark.href, mark.name, content, f'gov-diagram-{mark.kind}'),
                top + height + 6)

    def track(self, mark: Mark, y: float) -> Element | None:
        if self.axis is None or mark.span is None:
            return None
        return svg.element('line', x1=self.axis.left, x2=self.axis.right, y1=y, y2=y,
                           class_='gov-diagram-track')

    def extent(self, mark: Mark) -> tuple[float, float]:
        """Where a mark's shape starts and ends across the picture."""
        if mark.span is None or self.axis is None:
            return self.undated_x - 6, self.undated_x + 6
        start, end = self.axis.x(mark.span.start), self.axis.x(mark.span.end)
        middle = (start + end) / 2
        return min(start, middle - 6), max(end, middle + 6)

    def axis_parts(self, top: float, bottom: float) -> Element | None:
        if self.axis is None:
            return None
        parts = [svg.element('line', x1=self.axis.left, x2=self.axis.right, y1=top, y2=top,
                             class_='gov-diagram-axis')]
        for tick, label, anchor in self.axis.ticks(self.placement.locale):
            x = self.axis.x(tick)
            parts.append(svg.element('line', x1=x, x2=x, y1=top - 3, y2=bottom,
                                     class_='gov-diagram-grid'))
            if label:
                parts.append(svg.text(label, x, top - 7, 'gov-diagram-tick', SMALL_SIZE,
                                      anchor=anchor))
        return svg.group(parts, hidden=True)

    def undated_parts(self, top: float, bottom: float) -> Element | None:
        if not self.has_undated:
            return None
        lines = self.undated_heading
        first = top - 7 - SMALL_LINE * (len(lines) - 1)
        if self.axis is None:
            return svg.group([svg.set_lines(lines, MARGIN, first, 'gov-diagram-tick',
                                            SMALL_SIZE)], hidden=True)
        left = WIDTH - MARGIN - UNDATED_WIDTH
        return svg.group([
            svg.element('line', x1=left - 4, x2=left - 4, y1=first - SMALL_SIZE, y2=bottom,
                        class_='gov-diagram-divider'),
            svg.set_lines(lines, self.undated_x, first, 'gov-diagram-tick', SMALL_SIZE,
                          anchor='middle'),
        ], hidden=True)


@dataclass(frozen=True)
class TimeAxis:
    """From the first of a month to the first of a later month, across ``left..right``;
    at the end of the calendar, to its last day."""

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
        total = max((self.end - self.start).days, 1)
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
            # the calendar's last day closes the axis, but no month starts there
            if index % step or month.day != 1:
                if spacing >= MIN_TICK_SPACING:
                    ticks.append((month, '', ''))
                continue
            skeleton = 'MMM' if month.year == year_shown else 'yMMM'
            year_shown = month.year
            anchor = 'start' if index == 0 else 'end' if index == len(months) - 1 else 'middle'
            ticks.append((month, format_skeleton(skeleton, month, locale=locale), anchor))
        return ticks


def _next_month(day: dt.date) -> dt.date:
    """The first of the month after ``day``'s; the calendar's last day after its last month."""
    if (day.year, day.month) == (dt.date.max.year, 12):
        return dt.date.max
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
