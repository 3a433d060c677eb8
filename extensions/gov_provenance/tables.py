"""The export's CSV tables, for spreadsheets: one row per principle, per item of
evidence, per link, per revision and per meeting.

Each table reads what the pages show (the principles' rows are those of the principle
table and the matrix); every text cell is guarded against formula injection. A column
added in a later format comes last, so that none moves.
"""

from __future__ import annotations

import csv
import functools
import io
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .graph import Graph
from .model import (
    FINDING_SOURCE,
    MEETING,
    OPINION_MEETING,
    RELATIONS,
    REVISION,
    SUMMARY,
    GovObject,
)
from .views import PrincipleView
from .vocabulary import ObjectType

if TYPE_CHECKING:
    from .exportparts import Link, Site

#: a row of a table: text, or a whole number
Row = Sequence[str | int]

#: the tables of objects of one type, a column per field (:func:`object_rows`)
OBJECT_TABLES: dict[str, ObjectType] = {'revisions.csv': REVISION, 'meetings.csv': MEETING}
#: the columns every table of objects ends with (format 1.4)
SHARED_COLUMNS = ('absolute_url', 'citations', 'original', 'original_url', 'text')
#: a spreadsheet reads a cell starting with one of these as a formula (OWASP CSV
#: injection), also in their full-width and small forms (NFKC), and the minus sign
FORMULA_TRIGGERS = frozenset('=+-@\u2212')
#: what a spreadsheet may skip before the first character it reads: spaces, controls
#: (a NUL, a tab, a line break) and invisible format characters (a zero-width space,
#: a byte order mark)
_IGNORABLE = frozenset({'Zs', 'Zl', 'Zp', 'Cc', 'Cf'})


def shared_cells(site: Site, obj: GovObject) -> list[str | int]:
    """The cells of :data:`SHARED_COLUMNS` for ``obj``."""
    original = site.original(obj) or {}
    return [
        site.absolute(site.url(obj)) or '',
        ' '.join(obj.citations),
        obj.original if original else '',
        original.get('url') or '',
        site.text(obj),
    ]


PRINCIPLE_COLUMNS = (
    'id number label title status evidence evidence_ids revisions guidelines gap url '
    'evidence_inferred evidence_inferred_ids related_sources number_inferred '
    'summary'.split() + list(SHARED_COLUMNS))


def principle_row(view: PrincipleView, site: Site) -> Row:
    principle = view.principle
    # the evidence counted: a source linked as a whole is listed apart
    evidence = view.counted
    inferred = [obj for obj in evidence if obj.id in view.inferred_ids]
    return [
        principle.id, principle.number, principle.text('label'), principle.title,
        principle.status, len(evidence), ' '.join(obj.id for obj in evidence),
        len(view.revisions), len(view.guidelines),
        principle.text('gap'), site.url(principle),
        len(inferred), ' '.join(obj.id for obj in inferred),
        ' '.join(obj.id for obj in view.related_sources),
        principle.text('number-inferred'), site.summary(principle),
        *shared_cells(site, principle),
    ]


EVIDENCE_COLUMNS = ('id type title summary status meeting source principles gap url '
                    'inferred'.split() + list(SHARED_COLUMNS))


def evidence_row(graph: Graph, site: Site, obj: GovObject) -> Row:
    principles = graph.principles_shaped_by(obj)
    return [
        obj.id, obj.objtype, obj.title, site.summary(obj), obj.status,
        # where it was given or found: its meeting, its source
        obj.ref(OPINION_MEETING.name), obj.ref(FINDING_SOURCE.name),
        ' '.join(principle.id for principle in principles),
        obj.text('gap'), site.url(obj), obj.text('inferred'),
        *shared_cells(site, obj),
    ]


LINK_COLUMNS = ['from_type', 'from', 'relation', 'to_type', 'to', 'inverse', 'inferred']


def link_row(link: Link) -> Row:
    return [link.source.objtype, link.source.id, link.relation.name,
            link.target.objtype, link.target.id, link.relation.inverse,
            'true' if link.inferred else 'false']


def object_columns(objtype: ObjectType) -> list[str]:
    """The columns of a table of ``objtype``: its id and name, a column per field (ids
    separated by spaces), the ids of the objects that name it by each relation (by its
    inverse name), the day it happened when another object dates it, its summary and
    address, and :data:`SHARED_COLUMNS`."""
    columns = ['id', 'name', *(spec.name for spec in objtype.fields if spec is not SUMMARY)]
    columns += _inverses(objtype)
    if objtype.dated_by:
        columns.append('date')
    columns += ['summary', 'url', *SHARED_COLUMNS]
    assert len(set(columns)) == len(columns), f'{objtype.name}: two columns of one name'
    return columns


def object_row(graph: Graph, site: Site, obj: GovObject) -> Row:
    """``obj``'s row of the table of its type (:func:`object_columns`)."""
    objtype = obj.spec
    cells: list[str | int] = [obj.id, obj.display_name]
    for spec in objtype.fields:
        if spec is not SUMMARY:
            value = obj.fields.get(spec.name, '')
            cells.append(' '.join(value) if isinstance(value, tuple) else value)
    for inverse in _inverses(objtype):
        cells.append(' '.join(_named_by(graph, obj, inverse)))
    if objtype.dated_by:
        dating = graph.get(obj.ref(objtype.dated_by))
        cells.append(dating.day if dating is not None else '')
    return [*cells, site.summary(obj), site.url(obj), *shared_cells(site, obj)]


def _inverses(objtype: ObjectType) -> list[str]:
    """The names by which ``objtype`` lists the objects that name it, once each."""
    return list(dict.fromkeys(relation.inverse for relation in RELATIONS
                              if objtype.name in relation.targets))


def _named_by(graph: Graph, obj: GovObject, inverse: str) -> list[str]:
    """The ids of the objects that name ``obj`` by a relation read as ``inverse``."""
    types = {relation.source_type for relation in RELATIONS
             if relation.inverse == inverse and obj.objtype in relation.targets}
    return [other.id for other in graph.named_by(obj.id, inverse) if other.objtype in types]


def csv_text(rows: Iterable[Row]) -> str:
    """RFC 4180 CSV (CRLF line ends), every text cell guarded against formula injection."""
    return ''.join(row_text(row) for row in rows)


def row_text(row: Row) -> str:
    """One row of :func:`csv_text`."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator='\r\n').writerow(
        [neutralise(cell) if isinstance(cell, str) else cell for cell in row])
    return buffer.getvalue()


def neutralise(cell: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet could run as a formula, as OWASP advises.

    A cell is prefixed when it starts with an invisible character or a space, when
    its first visible character is a formula trigger, and when it starts with
    ``'`` itself: so a reader gets every cell back exactly by removing one leading
    ``'`` wherever there is one.
    """
    if not cell:
        return cell
    return f"'{cell}" if _guarded(cell[0]) else cell


@functools.lru_cache(maxsize=4096)
def _guarded(first: str) -> bool:
    """Whether a cell that starts with ``first`` is prefixed (see :func:`neutralise`);
    remembered, as a table of thousands of rows has few first characters."""
    if first == "'" or unicodedata.category(first) in _IGNORABLE:
        return True
    return unicodedata.normalize('NFKC', first)[:1] in FORMULA_TRIGGERS
