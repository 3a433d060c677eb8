"""The machine-readable export: ``provenance.json``, its JSON Schema and CSV tables.

The schema is built from the vocabulary (:mod:`.schema`) at every build, so that it
always describes the export written next to it.

Written into the output directory when an HTML-type build finishes, so partners
and spreadsheet users read the same objects and relations the pages show. The
output depends only on the sources and the configuration: two builds of the same
sources are byte-identical (a timestamp appears only from ``SOURCE_DATE_EPOCH``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict, cast

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.util import logging

from .graph import Graph
from .model import (
    EVIDENCE_TYPES,
    FINDING_SOURCE,
    OBJECT_TYPES,
    OPINION_MEETING,
    RELATIONS,
    FieldValue,
    GovObject,
)
from .releases import all_releases
from .schema import schema_text
from .text import parse_number
from .views import Views
from .vocabulary import RelationField

if TYPE_CHECKING:
    from .domain import GovDomain

logger = logging.getLogger(__name__)

#: version of the export's format (not of the handbook); see provenance.schema.json
# 1.1: inferred links; 1.2: inferred revision reasons, numbers; 1.3: the handbook's releases
FORMAT_VERSION = '1.3'
JSON_NAME = 'provenance.json'
SCHEMA_NAME = 'provenance.schema.json'
CSV_NAMES = ('principles.csv', 'evidence.csv', 'links.csv')
#: the last second of 9999, the latest ``SOURCE_DATE_EPOCH`` an ISO 8601 date can show
LAST_EPOCH = 253_402_300_799
#: a spreadsheet reads a cell starting with one of these as a formula (OWASP CSV
#: injection), also in their full-width and small forms (NFKC), and the minus sign
FORMULA_TRIGGERS = frozenset('=+-@\u2212')
#: what a spreadsheet may skip before the first character it reads: spaces, controls
#: (a NUL, a tab, a line break) and invisible format characters (a zero-width space,
#: a byte order mark)
_IGNORABLE = frozenset({'Zs', 'Zl', 'Zp', 'Cc', 'Cf'})


@dataclass(frozen=True)
class Link:
    """One relation between two objects of the build."""

    source: GovObject
    relation: RelationField
    target: GovObject

    @property
    def inferred(self) -> bool:
        """A link of an ``inferable`` relation (``shapes``, ``because``) of an object
        that says how its links were inferred."""
        return self.relation.inferable and self.source.links_inferred


# -- building the export -------------------------------------------------------


def object_url(builder: Builder, obj: GovObject) -> str:
    """Where the object is shown, relative to the site root."""
    return f'{builder.get_target_uri(obj.docname)}#{obj.anchor}'


def export_objects(graph: Graph) -> list[GovObject]:
    """Every object, by type in the vocabulary's order, then in reading order."""
    return [obj for objtype in OBJECT_TYPES for obj in graph.of_type(objtype)]


#: an object's place in :func:`export_objects`, by type and id
ExportOrder = Mapping[tuple[str, str], int]


def export_order(objects: Sequence[GovObject]) -> ExportOrder:
    return {(obj.objtype, obj.id): index for index, obj in enumerate(objects)}


def links(graph: Graph) -> list[Link]:
    """Every relation whose two ends are objects of this build, in export order."""
    found = []
    for relation in RELATIONS:
        for source in graph.of_type(relation.source_type):
            for target in graph.targets(source, relation):
                found.append(Link(source, relation, target))
    return found


def relations_of(graph: Graph, obj: GovObject, order: ExportOrder) -> dict[str, list[str]]:
    """The ids an object names in its fields and the ids that name it, by relation,
    each list in export order."""
    result: dict[str, dict[str, GovObject]] = {}
    for relation in RELATIONS:
        if relation.source_type == obj.objtype:
            for target in graph.targets(obj, relation):
                result.setdefault(relation.name, {})[target.id] = target
        if obj.objtype in relation.targets:
            for other in graph.named_by(obj.id, relation.inverse):
                if other.objtype == relation.source_type:
                    result.setdefault(relation.inverse, {})[other.id] = other
    return {
        name: [other.id for other in sorted(
            found.values(), key=lambda other: order[other.objtype, other.id])]
        for name, found in sorted(result.items())
    }


class ExportedObject(TypedDict):
    """One object of ``provenance.json``."""

    type: str
    id: str
    name: str
    summary: str
    url: str
    #: the page that defines it, relative to the source directory
    source: str
    fields: dict[str, str | int | list[str]]
    relations: dict[str, list[str]]


def provenance(graph: Graph, builder: Builder, release: str, project: str,
               language: str | None) -> dict[str, Any]:
    """The whole export as plain JSON data."""
    handbook: dict[str, Any] = {
        'project': project, 'version': release or None, 'language': language,
    }
    if generated := build_time():
        handbook['generated'] = generated
    if releases := all_releases(builder.env):
        handbook['releases'] = [
            {'version': entry.version, 'date': entry.date.isoformat(),
             'url': f'{builder.get_target_uri(entry.docname)}#{entry.anchor}'}
            for entry in releases
        ]
    objects = export_objects(graph)
    order = export_order(objects)
    return {
        'format': FORMAT_VERSION,
        'handbook': handbook,
        'objects': [
            ExportedObject(
                type=obj.objtype,
                id=obj.id,
                name=obj.display_name,
                summary=graph.summary(obj),
                url=object_url(builder, obj),
                source=builder.env.doc2path(obj.docname, base=False).as_posix(),
                fields={name: _json_value(value) for name, value in obj.fields.items()},
                relations=relations_of(graph, obj, order),
            )
            for obj in objects
        ],
        'relations': [
            {
                'from': link.source.id, 'from_type': link.source.objtype,
                'relation': link.relation.name, 'inverse': link.relation.inverse,
                'to': link.target.id, 'to_type': link.target.objtype,
                'inferred': link.inferred,
            }
            for link in links(graph)
        ],
    }


def build_time() -> str | None:
    """``SOURCE_DATE_EPOCH`` as an ISO 8601 UTC time, or ``None`` when it is not set."""
    try:
        epoch = parse_number(os.environ.get('SOURCE_DATE_EPOCH', ''), maximum=LAST_EPOCH)
    except ValueError:
        return None
    moment = dt.datetime.fromtimestamp(epoch, tz=dt.UTC)
    return moment.isoformat().replace('+00:00', 'Z')


# -- CSV tables ----------------------------------------------------------------


def principle_rows(views: Views, builder: Builder) -> Iterator[Sequence[str | int]]:
    """A principle per row, read from the rows of the principle table and the matrix."""
    # columns added in a later format come last, so that none moves
    yield ('id number label title status evidence evidence_ids revisions guidelines gap url '
           'evidence_inferred evidence_inferred_ids related_sources number_inferred').split()
    for view in views.principle_rows():
        principle = view.principle
        # the evidence counted: a source linked as a whole is listed apart
        evidence = view.counted
        inferred = [obj for obj in evidence if obj.id in view.inferred_ids]
        yield [
            principle.id, principle.number, principle.text('label'), principle.title,
            principle.status, len(evidence), ' '.join(obj.id for obj in evidence),
            len(view.revisions), len(view.guidelines),
            principle.text('gap'), object_url(builder, principle),
            len(inferred), ' '.join(obj.id for obj in inferred),
            ' '.join(obj.id for obj in view.related_sources),
            principle.text('number-inferred'),
        ]


def evidence_rows(graph: Graph, builder: Builder) -> Iterator[Sequence[str | int]]:
    yield 'id type title summary status meeting source principles gap url inferred'.split()
    for objtype in EVIDENCE_TYPES:
        for obj in graph.of_type(objtype):
            principles = graph.principles_shaped_by(obj)
            yield [
                obj.id, obj.objtype, obj.title, graph.summary(obj), obj.status,
                # where it was given or found: its meeting, its source
                obj.ref(OPINION_MEETING.name), obj.ref(FINDING_SOURCE.name),
                ' '.join(principle.id for principle in principles),
                obj.text('gap'), object_url(builder, obj), obj.text('inferred'),
            ]


def link_rows(graph: Graph) -> Iterator[list[str | int]]:
    yield ['from_type', 'from', 'relation', 'to_type', 'to', 'inverse', 'inferred']
    for link in links(graph):
        yield [link.source.objtype, link.source.id, link.relation.name,
               link.target.objtype, link.target.id, link.relation.inverse,
               'true' if link.inferred else 'false']


def csv_text(rows: Iterable[Sequence[str | int]]) -> str:
    """RFC 4180 CSV (CRLF line ends), every text cell guarded against formula injection."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator='\r\n')
    for row in rows:
        writer.writerow([neutralise(cell) if isinstance(cell, str) else cell for cell in row])
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
    first = cell[0]
    if first == "'" or unicodedata.category(first) in _IGNORABLE:
        return f"'{cell}"
    if unicodedata.normalize('NFKC', first)[:1] in FORMULA_TRIGGERS:
        return f"'{cell}"
    return cell


# -- writing -------------------------------------------------------------------


def write_export(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write the export next to the HTML pages."""
    if exception is not None or not app.config.gov_export or app.builder.format != 'html':
        return
    views = cast('GovDomain', app.env.domains['gov']).view_models
    graph = views.graph
    outdir = Path(app.builder.outdir)
    data = provenance(graph, app.builder, app.config.release, app.config.project,
                      app.config.language)
    _write(outdir / JSON_NAME, json_text(data), 'utf-8')
    _write(outdir / SCHEMA_NAME, schema_text(), 'utf-8')
    # with a byte order mark, so that Excel opens the Japanese text as UTF-8
    tables = (principle_rows(views, app.builder), evidence_rows(graph, app.builder),
              link_rows(graph))
    for name, rows in zip(CSV_NAMES, tables, strict=True):
        _write(outdir / name, csv_text(rows), 'utf-8-sig')
    logger.info('gov: wrote %s, %s and %s', JSON_NAME, SCHEMA_NAME, ', '.join(CSV_NAMES))


def json_text(data: Mapping[str, Any]) -> str:
    """The export as JSON: indented at the top, one line per object and relation.

    Readable and easy to diff, and written by the C encoder: Python's ``indent``
    takes the pure-Python encoder, several times slower on a large handbook.
    """
    members = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            items = ',\n'.join(f'    {_compact(item)}' for item in value)
            members.append(f'  {_compact(key)}: [\n{items}\n  ]')
        else:
            members.append(f'  {_compact(key)}: {_compact(value)}')
    return '{\n' + ',\n'.join(members) + '\n}\n'


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(', ', ': '))


def _write(path: Path, text: str, encoding: str) -> None:
    with path.open('w', encoding=encoding, newline='') as stream:
        stream.write(text)


def _json_value(value: FieldValue) -> str | int | list[str]:
    return list(value) if isinstance(value, tuple) else value
