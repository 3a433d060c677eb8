"""The machine-readable export: ``provenance.json``, its JSON Schema and CSV tables.

The schema is built from the vocabulary (:mod:`.schema`) at every build, so that it
always describes the export written next to it; the CSV tables are :mod:`.tables`'.

Written into the output directory when an HTML-type build finishes, so partners
and spreadsheet users read the same objects and relations the pages show. The
output depends only on the sources, the configuration and the commit they were built
from: two builds of the same commit are byte-identical (a timestamp appears only from
``SOURCE_DATE_EPOCH``). Each object's part of it is taken from the last build where
nothing it shows changed (:mod:`.exportparts`).
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import CONFIG_OK

from .changes import Reuse, recall, remembering
from .collector import collector_paused
from .exportparts import TABLE_TYPES, ObjectParts, Site, compact_json
from .messages import __
from .model import EVIDENCE_TYPES, PRINCIPLE, RELATIONS
from .releases import all_releases
from .schema import schema_text
from .settings import COMMIT
from .tables import (
    EVIDENCE_COLUMNS,
    LINK_COLUMNS,
    OBJECT_TABLES,
    PRINCIPLE_COLUMNS,
    object_columns,
    row_text,
)
from .text import parse_number
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
#: the tables of objects, with their columns: each object has a row in one
TABLES: dict[str, list[str]] = {
    'principles.csv': PRINCIPLE_COLUMNS, 'evidence.csv': EVIDENCE_COLUMNS,
    **{name: object_columns(objtype) for name, objtype in OBJECT_TABLES.items()},
}
#: an object type -> the table of its objects
TABLE_OF: dict[str, str] = {
    PRINCIPLE.name: 'principles.csv', **dict.fromkeys(EVIDENCE_TYPES, 'evidence.csv'),
    **{objtype.name: name for name, objtype in OBJECT_TABLES.items()},
}
assert TABLE_OF.keys() == {PRINCIPLE.name, *EVIDENCE_TYPES, *TABLE_TYPES}
#: where each object's part of the export is kept for the next build, in the doctrees
MEMORY_NAME = 'gov-export.pickle'
#: the version of what is kept there (:class:`~.exportparts.Parts`)
MEMORY_FORMAT = 2
#: the last second of 9999, the latest ``SOURCE_DATE_EPOCH`` an ISO 8601 date can show
LAST_EPOCH = 253_402_300_799
#: how long ``git`` may take to say which commit the sources are
GIT_TIMEOUT = 10


def provenance(site: Site, config: Config, commit: str | None = None) -> dict[str, Any]:
    """What ``provenance.json`` says before its objects and relations; ``commit``: the
    one the sources are from."""
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
    return {'format': FORMAT_VERSION, 'handbook': handbook}


class Encoded(bytes):
    """JSON already, in UTF-8, which :func:`json_chunks` writes as it is."""


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
    graph = domain.graph
    site = Site(app.builder, graph, app.config.html_baseurl or '', domain.external_name,
                domain.original_of)
    memory = Path(app.doctreedir) / MEMORY_NAME
    # the parts depend on the configuration too: kept only while it stays the same
    context = (MEMORY_FORMAT, FORMAT_VERSION,
               getattr(app.extensions.get(__package__), 'version', ''), app.builder.name)
    reuse = Reuse(graph, context, recall(memory) if app.env.config_status == CONFIG_OK else None)
    # what the export makes holds no cycles: the collector would walk the handbook again
    # and again, to free nothing
    with collector_paused(), remembering(memory, context, reuse.objects, reuse.last) as keep:
        reuse.keep = keep
        parts = ObjectParts(site, domain.view_models, reuse)
        header = provenance(site, app.config, source_commit(app.config, app.srcdir))
        write_files(Path(app.builder.outdir), header, parts)
    info(__('gov: wrote %(json)s, %(schema)s and %(tables)s') % {
        'json': JSON_NAME, 'schema': SCHEMA_NAME, 'tables': ', '.join(CSV_NAMES)})


def write_files(outdir: Path, header: Mapping[str, Any], parts: ObjectParts) -> None:
    """Write the export's files in one pass over the objects, none of it held whole:
    as each object's record is written to ``provenance.json``, its row goes to its
    table and its links to a temporary file of their relation, which are copied in
    after the records (the links are in order of relation, then of object)."""
    with contextlib.ExitStack() as stack:
        def create(name: str) -> IO[bytes]:
            return stack.enter_context((outdir / name).open('wb'))

        tables = {name: create(name) for name in TABLES}
        for name, columns in TABLES.items():
            # with a byte order mark, so that Excel opens the Japanese text as UTF-8
            tables[name].write(codecs.BOM_UTF8 + row_text(columns).encode())
        # the links of each relation: their lines of provenance.json, their rows of links.csv
        by_relation = {(relation.source_type, relation.name): (
            stack.enter_context(tempfile.TemporaryFile()),
            stack.enter_context(tempfile.TemporaryFile())) for relation in RELATIONS}

        def records() -> Iterator[bytes]:
            for obj in parts.objects:
                part = parts.of(obj)
                if part.row:
                    tables[TABLE_OF[obj.objtype]].write(part.row)
                for relation, line, row in part.links:
                    lines, rows = by_relation[obj.objtype, relation]
                    lines.write(line + b'\n')
                    rows.write(row)
                yield Encoded(part.json)

        def links() -> Iterator[bytes]:
            # a line of JSON holds no line break: its text's are escaped
            for lines, _ in by_relation.values():
                lines.seek(0)
                yield from (Encoded(line.rstrip(b'\n')) for line in lines)

        _write(outdir / JSON_NAME, json_chunks({**header, 'objects': records(),
                                                'relations': links()}))
        _write(outdir / SCHEMA_NAME, [schema_text().encode()])
        link_table = create('links.csv')
        link_table.write(codecs.BOM_UTF8 + row_text(LINK_COLUMNS).encode())
        for _, rows in by_relation.values():
            rows.seek(0)
            shutil.copyfileobj(rows, link_table)


def json_text(data: Mapping[str, Any]) -> str:
    """The export as JSON: indented at the top, one line per object and relation."""
    return b''.join(json_chunks(data)).decode()


SEPARATOR = ',\n'
FIRST_ITEM, NEXT_ITEM = b'[\n    ', b',\n    '


def json_chunks(data: Mapping[str, Any]) -> Iterator[bytes]:
    """:func:`json_text` in pieces of UTF-8, each list or iterator item made as it is
    written, so that the export of a large handbook is never held whole.

    Readable and easy to diff, and written by the C encoder: Python's ``indent``
    takes the pure-Python encoder, several times slower on a large handbook.
    """
    yield b'{\n'
    for index, (key, value) in enumerate(data.items()):
        yield f'{SEPARATOR if index else ""}  {compact_json(key)}: '.encode()
        if isinstance(value, (list, Iterator)):
            opening = FIRST_ITEM
            for item in value:
                yield opening
                yield item if isinstance(item, Encoded) else compact_json(item).encode()
                opening = NEXT_ITEM
            yield b'[]' if opening is FIRST_ITEM else b'\n  ]'
        else:
            yield compact_json(value).encode()
    yield b'\n}\n'


def _write(path: Path, chunks: Iterable[bytes]) -> None:
    with path.open('wb') as stream:
        stream.writelines(chunks)
