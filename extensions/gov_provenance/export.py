"""The machine-readable export: ``provenance.json``, its JSON Schema and CSV tables.

The schema is built from the vocabulary (:mod:`.schema`) at every build, so that it
always describes the export written next to it; the CSV tables are :mod:`.tables`'.

Written into the output directory when an HTML-type build finishes, so partners
and spreadsheet users read the same objects and relations the pages show. The
output depends only on the sources, the configuration and the commit they were built
from: two builds of the same commit are byte-identical (a timestamp appears only from
``SOURCE_DATE_EPOCH``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict, cast

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.config import Config

from .graph import Graph, link_name
from .messages import __
from .model import OBJECT_TYPES, RELATIONS, FieldValue, GovObject
from .originals import Original
from .releases import all_releases
from .schema import schema_text
from .settings import COMMIT
from .tables import (
    OBJECT_TABLES,
    evidence_rows,
    link_rows,
    object_rows,
    principle_rows,
    write_csv,
)
from .text import SummaryRef, joined_text, parse_number
from .vocabulary import RelationField
from .warnings_ import info

if TYPE_CHECKING:
    from .domain import GovDomain

#: version of the export's format (not of the handbook); see provenance.schema.json
# 1.1: inferred links; 1.2: inferred revision reasons, numbers; 1.3: the handbook's releases;
# 1.4: absolute URLs, the source commit, texts, citation keys, copies; revisions and
# meetings as CSV
FORMAT_VERSION = '1.4'
JSON_NAME = 'provenance.json'
SCHEMA_NAME = 'provenance.schema.json'
CSV_NAMES = ('principles.csv', 'evidence.csv', 'links.csv', *OBJECT_TABLES)
#: the last second of 9999, the latest ``SOURCE_DATE_EPOCH`` an ISO 8601 date can show
LAST_EPOCH = 253_402_300_799
#: how long ``git`` may take to say which commit the sources are
GIT_TIMEOUT = 10


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


class Site:
    """Where the export's objects are shown, and what they show: their addresses
    (relative to the site's root, and absolute from ``html_baseurl``), their texts
    with the names of the objects they link to, and the originals of copies."""

    def __init__(
        self, builder: Builder, graph: Graph, base_url: str = '',
        external_name: Callable[[SummaryRef], str | None] = lambda ref: None,
        original_of: Callable[[GovObject], Original | None] = lambda obj: None,
    ) -> None:
        self.builder = builder
        self.graph = graph
        #: ``html_baseurl``, ending in ``/``; empty when the project sets none
        self.base_url = base_url.rstrip('/') + '/' if base_url else ''
        self.external_name = external_name
        self.original_of = original_of

    def url(self, obj: GovObject) -> str:
        return object_url(self.builder, obj)

    def absolute(self, url: str) -> str | None:
        """``url`` (relative to the site root) from ``html_baseurl``, if set."""
        return self.base_url + url if self.base_url else None

    def summary(self, obj: GovObject) -> str:
        return self.graph.summary(obj)

    def text(self, obj: GovObject) -> str:
        """The object's whole text, notes included, paragraphs apart by a blank line."""
        def name_of(ref: SummaryRef) -> str | None:
            return link_name(self.graph.by_id, ref, self.external_name)

        return '\n\n'.join(
            text for parts in obj.paragraphs if (text := joined_text(parts, name_of)))

    def original(self, obj: GovObject) -> dict[str, str | None] | None:
        """Whose copy the object is (``:original:``), and where that is, if it is one."""
        original = self.original_of(obj)
        if original is None:
            return None
        url = original.entry.uri if original.entry is not None else None
        return {'inventory': original.inventory, 'id': original.id, 'url': url}


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
    absolute_url: str | None
    text: str
    citations: list[str]
    original: dict[str, str | None] | None


def provenance(graph: Graph, site: Site, config: Config, commit: str | None = None,
               relations: Sequence[Link] | None = None) -> dict[str, Any]:
    """The whole export as plain JSON data, its objects and relations as iterators;
    ``commit``: the one the sources are from; ``relations``: :func:`links`, when the
    caller has them already."""
    builder = site.builder
    handbook: dict[str, Any] = {
        'project': config.project, 'version': config.release or None,
        'language': config.language, 'base_url': site.base_url or None, 'commit': commit,
    }
    if generated := build_time():
        handbook['generated'] = generated
    if releases := all_releases(builder.env):
        handbook['releases'] = [
            {'version': entry.version, 'date': entry.date.isoformat(), 'url': url,
             'absolute_url': site.absolute(url)}
            for entry in releases
            for url in [f'{builder.get_target_uri(entry.docname)}#{entry.anchor}']
        ]
    objects = export_objects(graph)
    order = export_order(objects)
    return {
        'format': FORMAT_VERSION,
        'handbook': handbook,
        # made one at a time as they are written (see json_chunks)
        'objects': (exported(graph, site, obj, order) for obj in objects),
        'relations': (
            {
                'from': link.source.id, 'from_type': link.source.objtype,
                'relation': link.relation.name, 'inverse': link.relation.inverse,
                'to': link.target.id, 'to_type': link.target.objtype,
                'inferred': link.inferred,
            }
            for link in (links(graph) if relations is None else relations)
        ),
    }


def exported(graph: Graph, site: Site, obj: GovObject, order: ExportOrder) -> ExportedObject:
    url = site.url(obj)
    return ExportedObject(
        type=obj.objtype,
        id=obj.id,
        name=obj.display_name,
        summary=graph.summary(obj),
        url=url,
        source=site.builder.env.doc2path(obj.docname, base=False).as_posix(),
        fields={name: _json_value(value) for name, value in obj.fields.items()},
        relations=relations_of(graph, obj, order),
        absolute_url=site.absolute(url),
        text=site.text(obj),
        citations=list(obj.citations),
        original=site.original(obj),
    )


def build_time() -> str | None:
    """``SOURCE_DATE_EPOCH`` as an ISO 8601 UTC time, or ``None`` when it is not set."""
    try:
        epoch = parse_number(os.environ.get('SOURCE_DATE_EPOCH', ''), maximum=LAST_EPOCH)
    except ValueError:
        return None
    moment = dt.datetime.fromtimestamp(epoch, tz=dt.UTC)
    return moment.isoformat().replace('+00:00', 'Z')


# -- the commit --------------------------------------------------------------------


def source_commit(config: Config, srcdir: Path) -> str | None:
    """The commit the sources were built from: ``gov_source_commit``, else the one
    checked out where the sources are, if git says so; ``None`` otherwise."""
    if config.gov_source_commit:
        return str(config.gov_source_commit).strip().lower()
    try:
        result = subprocess.run(
            ['git', 'rev-parse', '--verify', '--quiet', 'HEAD^{commit}'],
            cwd=srcdir, capture_output=True, text=True, timeout=GIT_TIMEOUT, check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):  # no git, or it hangs
        return None
    commit = result.stdout.strip()
    return commit if result.returncode == 0 and COMMIT.fullmatch(commit) else None


# -- writing -------------------------------------------------------------------


def write_export(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write the export next to the HTML pages."""
    if exception is not None or not app.config.gov_export or app.builder.format != 'html':
        return
    domain = cast('GovDomain', app.env.domains['gov'])
    views = domain.view_models
    graph = views.graph
    site = Site(app.builder, graph, app.config.html_baseurl or '', domain.external_name,
                domain.original_of)
    outdir = Path(app.builder.outdir)
    relations = links(graph)
    data = provenance(graph, site, app.config, source_commit(app.config, app.srcdir), relations)
    _write(outdir / JSON_NAME, json_chunks(data), 'utf-8')
    _write(outdir / SCHEMA_NAME, [schema_text()], 'utf-8')
    tables = (principle_rows(views, site), evidence_rows(graph, site),
              link_rows(relations),
              *(object_rows(graph, objtype, site) for objtype in OBJECT_TABLES.values()))
    # with a byte order mark, so that Excel opens the Japanese text as UTF-8
    for name, rows in zip(CSV_NAMES, tables, strict=True):
        with (outdir / name).open('w', encoding='utf-8-sig', newline='') as stream:
            write_csv(stream, rows)
    info(__('gov: wrote %(json)s, %(schema)s and %(tables)s') % {
        'json': JSON_NAME, 'schema': SCHEMA_NAME, 'tables': ', '.join(CSV_NAMES)})


def json_text(data: Mapping[str, Any]) -> str:
    """The export as JSON: indented at the top, one line per object and relation."""
    return ''.join(json_chunks(data))


SEPARATOR = ',\n'
NEW_ITEM = '\n    '


def json_chunks(data: Mapping[str, Any]) -> Iterator[str]:
    """:func:`json_text` in pieces, each list or iterator item made as it is written,
    so that the export of a large handbook is never held whole.

    Readable and easy to diff, and written by the C encoder: Python's ``indent``
    takes the pure-Python encoder, several times slower on a large handbook.
    """
    yield '{\n'
    for index, (key, value) in enumerate(data.items()):
        yield f'{SEPARATOR if index else ""}  {_compact(key)}: '
        if isinstance(value, (list, Iterator)):
            empty = True
            for item in value:
                yield f'{"[" if empty else ","}{NEW_ITEM}{_compact(item)}'
                empty = False
            yield '[]' if empty else '\n  ]'
        else:
            yield _compact(value)
    yield '\n}\n'


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(', ', ': '))


def _write(path: Path, chunks: Iterable[str], encoding: str) -> None:
    with path.open('w', encoding=encoding, newline='') as stream:
        stream.writelines(chunks)


def _json_value(value: FieldValue) -> str | int | list[str]:
    return list(value) if isinstance(value, tuple) else value
