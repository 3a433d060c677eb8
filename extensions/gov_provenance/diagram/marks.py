"""What each picture shows, read from the view models: a mark per meeting, source and
revision of a principle's view; a row per meeting and source of the matrix's view, with
a cell per principle it holds evidence for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from babel import Locale

from ..locale import reader_period, view_label, with_inferred
from ..model import GROUPINGS, GovObject
from ..text import parse_date, parse_period
from ..views import EvidenceGroup, MatrixView, PrincipleView, RevisionEntry

T = TypeVar('T')

#: where a link to an object leads from the page drawn on, or to the given anchor
#: on the object's page when it is not empty
Url = Callable[[GovObject, str], str]


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

    #: the object type it stands for, which says how it is drawn
    kind: str
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



def principle_marks(view: PrincipleView, placement: Placement) -> list[Mark]:
    """The marks of a principle's picture: dated ones in time order, then the rest."""
    marks = [_group_mark(group, view, placement) for group in view.evidence_groups]
    for entry in view.revisions:
        span = span_of(entry.meeting)
        marks.append(Mark(entry.revision.objtype, placement.url(entry.revision, ''),
                          view_label('diagram-revision') % entry.revision.display_name,
                          span, when_text(span, placement.locale)))
    return _in_time_order(marks, lambda mark: mark.span)


def _group_mark(group: EvidenceGroup, view: PrincipleView, placement: Placement) -> Mark:
    name = group.heading.display_name if group.heading is not None else group.group_id
    # a group whose meeting or source is not recorded still leads to its evidence
    href = (placement.url(group.heading, '') if group.heading is not None
            else placement.url(view.principle, group.anchor))
    inferred = view.inferred_among(group.linked)
    span = span_of(group.heading)
    return Mark(group.kind, href,
                view_label('diagram-item') % (name, count_text(group, inferred)),
                span, when_text(span, placement.locale), inferred=inferred > 0)


def count_text(group: EvidenceGroup, inferred: int) -> str:
    """How much evidence a group holds, in words: "Opinions: 4 (of which inferred: 3)"."""
    parts = []
    if group.whole is not None:
        parts.append(view_label('diagram-whole-source'))
    for grouping, count in zip(GROUPINGS, group.counts, strict=True):  # opinions, findings
        if count:
            parts.append(view_label(grouping.relation.group_count) % count)
    return with_inferred(view_label('separator').join(parts), inferred)


def span_of(obj: GovObject | None) -> Span | None:
    """When a meeting was held or a source gathered its evidence, where recorded."""
    if obj is None:
        return None
    spec = obj.spec
    try:
        if spec.date and obj.text(spec.date):
            day = parse_date(obj.text(spec.date))
            return Span(day, day)
        if spec.period and obj.text(spec.period):
            return Span(*parse_period(obj.text(spec.period)))
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

    #: the object type it stands for, which says how its cells are drawn
    kind: str
    heading: str
    href: str
    span: Span | None
    #: principle id -> its cell in this row
    cells: dict[str, Cell]
    date: str = ''
    #: whether its name says when no date is known: a meeting's revisions are named
    #: by their meeting, whose own row says it
    says_undated: bool = True

    @property
    def shown(self) -> str:
        """Its heading as drawn: the date first, where there is one."""
        return f'{self.date}\u3000{self.heading}' if self.date else self.heading

    @property
    def name(self) -> str:
        """Its heading as listed, and as its link is named: it says when no date is known."""
        if self.date or not self.says_undated:
            return self.shown
        return view_label('diagram-dated') % (self.heading, view_label('diagram-undated'))


def matrix_rows(view: MatrixView, placement: Placement) -> list[GridRow]:
    """A row per meeting and source, in time order, each meeting's revisions after it."""
    evidence = _evidence_cells(view, placement.url)
    revisions = _revisions_by_meeting(view)
    rows = []
    for column in view.columns:
        span = span_of(column)
        rows.append(GridRow(column.objtype, column.display_name, placement.url(column, ''), span,
                            evidence.get(column.id, {}), when_text(span, placement.locale)))
        if column.id in revisions:
            rows.append(GridRow(
                _revision_kind(revisions[column.id]),
                view_label('diagram-revisions-at') % column.display_name, '', span,
                _revision_cells(view, revisions[column.id], column.display_name,
                                placement.url), says_undated=False,
            ))
    # revisions reported at a meeting the handbook does not record
    if None in revisions:
        rows.append(GridRow(_revision_kind(revisions[None]),
                            view_label('diagram-revisions-elsewhere'), '', None,
                            _revision_cells(view, revisions[None], '', placement.url),
                            says_undated=False))
    return _in_time_order(rows, lambda row: row.span)


def _evidence_cells(view: MatrixView, url: Url) -> dict[str, dict[str, Cell]]:
    """Each meeting's or source's cells, by its id: principle id -> cell."""
    names = {column.id: column.display_name for column in view.columns}
    cells: dict[str, dict[str, Cell]] = {}
    for row in view.rows:
        for group in row.groups.values():
            inferred = row.inferred_among(group.linked)
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


def _revision_kind(revisions: dict[str, list[RevisionEntry]]) -> str:
    """The object type of the revisions of a row (they are of one type)."""
    return next(iter(revisions.values()))[0].revision.objtype


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


def when_text(span: Span | None, locale: Locale) -> str:
    return reader_period(span.start, span.end, locale) if span is not None else ''
