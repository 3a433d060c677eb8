"""``gov:findings-csv``: each row of a CSV file becomes a finding, like one written by hand.

The ``findings-csv`` root imports ``data/answers.csv`` (UTF-8 with a byte order
mark, CRLF line ends, Japanese column names, a quoted multi-line cell and a row of
markup) on ``survey``, and ``data/answers-cp932.csv`` (as Excel saves it in
Japanese) on ``survey-cp932``. Row 1 of ``answers.csv`` (``S-1``) says the same as
finding ``H-1``, written by hand on ``by-hand``.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import pickle
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from common import (
    body,
    build,
    gov_warnings,
    line_of,
    object_element,
    strip_colors,
    text,
    write_project,
)
from gov_provenance.domain import GovDomain
from gov_provenance.model import OBJECT_TYPES, GovObject
from sphinx.testing.util import SphinxTestApp
from test_incremental import Project, content_pages, toctree_parents

pytestmark = pytest.mark.sphinx('html', testroot='findings-csv', freshenv=True)


def csv_rows(path: Path, encoding: str) -> list[dict[str, str]]:
    """The data rows of a CSV file, read with the standard library."""
    return list(csv.DictReader(io.StringIO(path.read_text(encoding=encoding), newline='')))


def domain(app: SphinxTestApp) -> GovDomain:
    return app.env.domains['gov']  # type: ignore[return-value]


def recorded(app: SphinxTestApp, docname: str) -> dict[str, GovObject]:
    """The objects the domain recorded for a page, by id."""
    return {obj.id: obj for obj in domain(app).objects.get(docname, [])}


def test_every_row_is_imported_and_counted(shared_app: SphinxTestApp) -> None:
    app = shared_app
    assert app.warning.getvalue() == ''
    status = strip_colors(app.status.getvalue())
    for name, encoding, docname, prefix, column in (
        ('answers.csv', 'utf-8-sig', 'survey', 'S-', '回答番号'),
        ('answers-cp932.csv', 'cp932', 'survey-cp932', '', 'id'),
    ):
        rows = csv_rows(app.srcdir / 'data' / name, encoding)
        imported = recorded(app, docname)
        assert sorted(imported) == sorted(prefix + row[column] for row in rows)
        assert all(obj.origin == f'data/{name}' for obj in imported.values())
        assert import_line(docname, len(rows), 'findings', f'data/{name}', 0) in \
            status.splitlines()


def import_line(page: str, imported: int, objects: str, file: str, skipped: int) -> str:
    """The line of the log that says how many rows of a file were imported, and only
    when some were skipped, how many (each with its warning)."""
    line = f'{page}: imported {imported} {objects} from {file}'
    if skipped == 1:
        return f'{line}; 1 row skipped (see the warning above)'
    return f'{line}; {skipped} rows skipped (see the warnings above)' if skipped else line


def test_rows_decode_from_utf8_with_bom_and_from_cp932(shared_app: SphinxTestApp) -> None:
    app = shared_app
    survey = text(body(app, 'survey'))
    # the byte order mark did not hide the first column's name, and Japanese decodes
    assert '窓口の待ち時間が長い。' in text(object_element(app, 'survey', 'finding', 'S-4'))
    assert '\ufeff' not in survey
    excel = text(object_element(app, 'survey-cp932', 'finding', 'E-1'))
    assert '申請書の書き方が分かりにくい。' in excel


def test_a_row_renders_exactly_as_a_finding_written_by_hand(shared_app: SphinxTestApp) -> None:
    app = shared_app
    imported = object_element(app, 'survey', 'finding', 'S-1')
    by_hand = object_element(app, 'by-hand', 'finding', 'H-1')
    assert same_markup(imported, 'S-1') == same_markup(by_hand, 'H-1')
    # the same index entries, inventory entries with their own anchors, and views
    objects = {entry[0]: entry for entry in domain(app).get_objects()}
    assert objects['S-1'][2:] == ('finding', 'survey', imported['id'], 1)
    assert objects['H-1'][2:] == ('finding', 'by-hand', by_hand['id'], 1)
    for principle in ('p01', 'p02'):
        view = object_element(app, principle, 'principle', principle.upper())
        hrefs = {str(a['href']) for a in view.find_all('a')}
        assert {f'survey.html#{imported["id"]}', f'by-hand.html#{by_hand["id"]}'} <= hrefs
    evidence = {str(a['href']) for a in body(app, 'gov-evidence').find_all('a')}
    assert {f'survey.html#{imported["id"]}', f'by-hand.html#{by_hand["id"]}'} <= evidence


def same_markup(element: Tag, object_id: str) -> str:
    """The element's HTML with its own id made neutral."""
    html = str(element).replace(object_id.lower(), 'ID').replace(object_id, 'ID')
    return re.sub(r'\s+', ' ', html)


def test_a_short_text_is_kept_once_for_the_summary_and_the_text(
    shared_app: SphinxTestApp,
) -> None:
    """The summary of a one-sentence finding is its text's very string: the environment
    pickles it once, not twice, for each of thousands of rows."""
    finding = recorded(shared_app, 'survey')['S-1']
    assert finding.summary and finding.summary is finding.paragraphs[0][0]
    shared = dataclasses.replace(finding)
    apart = dataclasses.replace(finding, summary=''.join(list(finding.summary)))
    assert apart.summary == shared.summary and apart.summary is not shared.summary
    assert len(pickle.dumps(apart)) >= len(pickle.dumps(shared)) + len(finding.summary.encode())


def test_a_multiline_cell_keeps_its_paragraphs(shared_app: SphinxTestApp) -> None:
    app = shared_app
    finding = object_element(app, 'survey', 'finding', 'S-2')
    paragraphs = [text(p) for p in finding.find_all('p', recursive=False)]
    assert 'The opening hours are hard to find.' in paragraphs
    assert 'A second paragraph.' in paragraphs


# without smart quotes, the text shows each character exactly as written
@pytest.mark.sphinx(confoverrides={'smartquotes': False})
def test_markup_in_a_cell_is_shown_as_text(shared_app: SphinxTestApp) -> None:
    app = shared_app
    rows = csv_rows(app.srcdir / 'data' / 'answers.csv', 'utf-8-sig')
    payload = rows[2]['自由記述']
    for path in sorted(app.outdir.rglob('*.html')):
        html = path.read_text(encoding='utf-8')
        soup = BeautifulSoup(html, 'html.parser')
        assert not [s for s in soup.find_all('script') if 'alert' in s.get_text()], path.name
        assert soup.find('img', attrs={'onerror': True}) is None, path.name
        assert soup.find('b', string='raw') is None, path.name
        assert soup.find('strong', string='not bold') is None, path.name
        assert not soup.find_all('a', href=re.compile('^javascript:')), path.name
    # the whole cell is on the page, character for character, as text
    finding = object_element(app, 'survey', 'finding', 'S-3')
    assert payload in finding.get_text()
    # and the role in it was not run: S-3 shapes P03 only, so nothing in it links to P01
    assert not finding.find_all('a', href=re.compile(r'p01\.html'))


def test_a_principle_lists_imported_findings_with_their_text(shared_app: SphinxTestApp) -> None:
    app = shared_app
    view = text(object_element(app, 'p02', 'principle', 'P02'))
    assert 'The opening hours are hard to find. A second paragraph.' in view
    assert 'スマートフォンで予約したい。' in view


def test_the_file_is_a_dependency_of_its_page(shared_app: SphinxTestApp) -> None:
    app = shared_app
    data = Path(app.srcdir, 'data')
    assert app.env.dependencies['survey'] == {data / 'answers.csv'}
    assert app.env.dependencies['survey-cp932'] == {data / 'answers-cp932.csv'}


# -- bad rows -------------------------------------------------------------------------

BAD_ROWS = [
    # (file, subtype, line of the bad row, what the message names, rows imported)
    ('unknown-principle', 'unknown-ref', 4, "row 2, column 'shapes' names 'P99'", 3),
    ('duplicate-id', 'duplicate-id', 4, "duplicate id 'D-1' (row 3, column 'id')", 3),
    ('empty-text', 'empty-text', 3, "row 2, column 'text' is empty", 2),
    ('undecodable', 'csv-encoding', 3, "row 2, column 'text': bytes that are not valid", 2),
    ('column-count', 'csv-columns', 4, "row 2, column 'shapes': the row has 2 cells", 2),
    ('extra-cells', 'csv-columns', 3,
     "row 2: the row has 4 cells and the header 3: 1 cell(s) come after the last column, "
     "'shapes'", 2),
    ('unknown-status', 'unknown-status', 3, "row 2, column 'status' value 'done' is unknown", 3),
]


@pytest.mark.parametrize(('name', 'subtype', 'line', 'message', 'imported'), [
    pytest.param(*case, id=case[0]) for case in BAD_ROWS
])
@pytest.mark.sphinx('html', testroot='findings-csv-bad', freshenv=True)
def test_a_bad_row_is_reported_at_its_file_row_and_column(
    shared_app: SphinxTestApp, name: str, subtype: str, line: int, message: str, imported: int
) -> None:
    app = shared_app
    path = Path(app.srcdir, 'data', f'{name}.csv')
    in_file = [(location, kind, text) for location, kind, text in gov_warnings(app)
               if location.startswith(f'{path}:')]
    assert [(location, kind) for location, kind, _ in in_file] == [(f'{path}:{line}', subtype)]
    assert message in in_file[0][2]
    # every row is accounted for: imported, or skipped with its warning
    assert import_line(name, imported, 'findings', f'data/{name}.csv', 3 - imported) in \
        strip_colors(app.status.getvalue()).splitlines()
    assert len(domain(app).objects.get(name, [])) == imported


@pytest.mark.sphinx('html', testroot='findings-csv-bad', freshenv=True)
def test_every_bad_row_warns_and_nothing_else(shared_app: SphinxTestApp) -> None:
    app = shared_app
    assert sorted(kind for _, kind, _ in gov_warnings(app)) == sorted(
        case[1] for case in BAD_ROWS
    )
    assert len(strip_colors(app.warning.getvalue()).strip().splitlines()) == len(BAD_ROWS)


# -- incremental builds ---------------------------------------------------------------


def test_editing_a_row_rewrites_exactly_the_pages_that_show_it(
    rootdir: Path, tmp_path: Path
) -> None:
    project = Project(rootdir, tmp_path, root='findings-csv')
    project.build()
    # row 2 (S-2) shapes P02 only
    project.edit('data/answers.csv', 'A second paragraph.', 'A corrected paragraph.',
                 encoding='utf-8-sig')
    app, written = project.build()
    expected = {
        'survey',  # the page that imports the file
        'p02',  # the principle it shapes lists it with its text
        'source',  # its source lists its findings
        'coverage',  # lists every item not yet reflected (the matrix: counts only)
    }
    # and the toctree parent of the page read again
    assert toctree_parents(app, {'survey'}) == {'index'}
    assert content_pages(app, written) == expected | {'index'}
    for name in ('survey', 'p02', 'source'):
        assert 'A corrected paragraph.' in text(body(app, name))


# -- problems with the file or the directive -----------------------------------------

PRINCIPLE_AND_SOURCE = """\
:::{gov:principle} P01
:number: 1
:label: Principle 1
:::

:::{gov:source} SRC
:kind: survey
:::

"""


def build_page(
    tmp_path: Path, directive: str, files: dict[str, bytes], **kwargs: Any
) -> SphinxTestApp:
    """Build a one-page project: a principle, a source and ``directive``; ``kwargs`` go
    to :func:`common.build`."""
    srcdir = tmp_path / 'src'
    (srcdir / 'data').mkdir(parents=True, exist_ok=True)
    write_project(srcdir, '# Survey\n\n' + PRINCIPLE_AND_SOURCE + directive)
    for name, data in files.items():
        (srcdir / name).write_bytes(data)
    return build(srcdir, tmp_path / 'build', **kwargs)


GOOD_ROWS = b'id,text,shapes\nA-1,first,P01\n'


@pytest.mark.parametrize(('directive', 'needle', 'subtype', 'message'), [
    pytest.param(':::{gov:findings-csv} data/missing.csv\n:source: SRC\n:::\n',
                 ':::{gov:findings-csv}', 'csv-file', 'cannot read data/missing.csv',
                 id='missing-file'),
    pytest.param(':::{gov:findings-csv} data/a.csv\n:source: SRC\n:text-column: 回答\n:::\n',
                 ':text-column:', 'csv-file', ":text-column: names the column '回答'",
                 id='missing-column'),
    pytest.param(':::{gov:findings-csv} data/a.csv\n:source: SRC\n:encoding: klingon\n:::\n',
                 ':encoding:', 'invalid-option', ":encoding: 'klingon' is unknown",
                 id='unknown-encoding'),
    pytest.param(':::{gov:findings-csv} data/a.csv\n:source: SRC\n:delimiter: ;;\n:::\n',
                 ':delimiter:', 'invalid-option', 'is not one character',
                 id='long-delimiter'),
])
def test_a_file_that_cannot_be_imported_is_reported_at_the_directive(
    tmp_path: Path, directive: str, needle: str, subtype: str, message: str
) -> None:
    app = build_page(tmp_path, directive, {'data/a.csv': GOOD_ROWS})
    index = Path(app.srcdir, 'index.md')
    # nothing imported: the principle and the source have no evidence, as they are told
    warnings = [w for w in gov_warnings(app) if w[1] not in {'no-evidence', 'unused-evidence'}]
    assert [(location, kind) for location, kind, _ in warnings] == [
        (f'{index}:{line_of(index, needle)}', subtype)
    ]
    assert message in warnings[0][2]


@pytest.mark.parametrize(('option', 'data', 'advice'), [
    pytest.param('', '回答者,回答,原則\n'.encode('cp932'), "add ':encoding: cp932'",
                 id='cp932-read-as-utf8'),
    pytest.param(':encoding: cp932\n', '回答者,回答,原則\n'.encode(),
                 'remove :encoding:', id='utf8-read-as-cp932'),
])
def test_a_header_in_the_other_encoding_says_which_option_to_set(
    tmp_path: Path, option: str, data: bytes, advice: str
) -> None:
    directive = f':::{{gov:findings-csv}} data/a.csv\n:source: SRC\n{option}:::\n'
    app = build_page(tmp_path, directive, {'data/a.csv': data})
    csv_path = Path(app.srcdir, 'data', 'a.csv')
    [(location, kind, message)] = [
        w for w in gov_warnings(app) if w[1] not in {'no-evidence', 'unused-evidence'}
    ]
    assert (location, kind) == (f'{csv_path}:1', 'csv-file')
    assert 'its header has bytes that are not valid' in message
    assert advice in message
    assert 'save it as CSV with a header row' not in message


def test_a_tab_separated_file_is_imported(tmp_path: Path) -> None:
    app = build_page(
        tmp_path, ':::{gov:findings-csv} /data/a.tsv\n:source: SRC\n:delimiter: tab\n:::\n',
        {'data/a.tsv': b'id\ttext\tshapes\nA-1\tfirst, with a comma\tP01\n'},
    )
    assert app.warning.getvalue() == ''
    assert 'first, with a comma' in text(object_element(app, 'index', 'finding', 'A-1'))


def test_an_unnamed_column_fills_no_field(tmp_path: Path) -> None:
    # Excel writes a trailing delimiter as a column without a name
    app = build_page(
        tmp_path, ':::{gov:findings-csv} data/a.csv\n:source: SRC\n:::\n',
        {'data/a.csv': b'id,text,shapes,\nA-1,first,P01,reflected\n'},
    )
    assert app.warning.getvalue() == ''
    finding = object_element(app, 'index', 'finding', 'A-1')
    # 'reflected' under the unnamed column is not read: the status is the default
    default = OBJECT_TYPES['finding'].field('status').default
    assert finding.find('span', class_=f'gov-status-{default}') is not None


def file_warnings(app: SphinxTestApp) -> list[tuple[str, str, str]]:
    """The warnings of a :func:`build_page` project, but for the evidence it lacks."""
    return [w for w in gov_warnings(app) if w[1] not in {'no-evidence', 'unused-evidence'}]


# -- a hostile file: where it is, what it is, how large --------------------------------

SECRET = b'id,text,shapes\nS-1,SECRET-OUTSIDE-THE-PROJECT,P01\n'


@pytest.mark.parametrize('argument', [
    pytest.param('../secret.csv', id='dot-dot'),
    pytest.param('/../secret.csv', id='root-dot-dot'),
    pytest.param('//{tmp}/secret.csv', id='absolute'),
    pytest.param('data/link.csv', id='symlink'),
    pytest.param('data/outside/secret.csv', id='symlinked-directory'),
])
def test_a_file_outside_the_source_directory_is_not_read(tmp_path: Path, argument: str) -> None:
    (tmp_path / 'secret.csv').write_bytes(SECRET)
    (tmp_path / 'outside').mkdir()
    (tmp_path / 'outside' / 'secret.csv').write_bytes(SECRET)
    (tmp_path / 'src' / 'data').mkdir(parents=True)
    (tmp_path / 'src' / 'data' / 'link.csv').symlink_to(tmp_path / 'secret.csv')
    (tmp_path / 'src' / 'data' / 'outside').symlink_to(tmp_path / 'outside')
    argument = argument.format(tmp=str(tmp_path).lstrip('/'))
    app = build_page(tmp_path, f':::{{gov:findings-csv}} {argument}\n:source: SRC\n:::\n', {})
    index = Path(app.srcdir, 'index.md')
    [(location, subtype, message)] = file_warnings(app)
    assert (location, subtype) == (f'{index}:{line_of(index, "{gov:findings-csv}")}', 'csv-file')
    assert 'leads outside the source directory' in message
    assert 'S-1' not in recorded(app, 'index')
    for output in (app.warning.getvalue(), app.status.getvalue(),
                   *(path.read_text(encoding='utf-8-sig') for path in app.outdir.rglob('*')
                     if path.suffix in {'.html', '.js', '.json', '.csv'})):
        assert 'SECRET-OUTSIDE' not in output
    # a file outside is no dependency of the page either
    assert all(Path(dep).resolve().is_relative_to(Path(app.srcdir).resolve())
               for dep in app.env.dependencies.get('index', ()))


@pytest.mark.parametrize('target', ['/dev/zero', '/proc/self/environ'])
def test_a_link_to_a_device_or_a_process_file_is_not_read(tmp_path: Path, target: str) -> None:
    if not Path(target).exists():
        pytest.skip(f'{target} does not exist here')
    (tmp_path / 'src' / 'data').mkdir(parents=True)
    (tmp_path / 'src' / 'data' / 'a.csv').symlink_to(target)
    app = build_page(tmp_path, ':::{gov:findings-csv} data/a.csv\n:source: SRC\n:::\n', {})
    [(_, subtype, message)] = file_warnings(app)
    assert subtype == 'csv-file' and 'leads outside the source directory' in message


@pytest.mark.skipif(not hasattr(os, 'mkfifo'), reason='no named pipes here')
def test_a_named_pipe_inside_the_source_directory_is_not_read(tmp_path: Path) -> None:
    (tmp_path / 'src' / 'data').mkdir(parents=True)
    os.mkfifo(tmp_path / 'src' / 'data' / 'a.csv')  # reading it would wait for a writer
    app = build_page(tmp_path, ':::{gov:findings-csv} data/a.csv\n:source: SRC\n:::\n', {})
    [(_, subtype, message)] = file_warnings(app)
    assert subtype == 'csv-file' and 'it is not a regular file' in message


def test_a_file_over_the_size_limit_is_not_read(tmp_path: Path) -> None:
    data = b'id,text,shapes\n' + b''.join(b'A-%d,answer,P01\n' % i for i in range(20))
    app = build_page(tmp_path, ':::{gov:findings-csv} data/a.csv\n:source: SRC\n:::\n',
                     {'data/a.csv': data}, confoverrides={'gov_csv_max_bytes': 100})
    index = Path(app.srcdir, 'index.md')
    [(location, subtype, message)] = file_warnings(app)
    assert (location, subtype) == (f'{index}:{line_of(index, "{gov:findings-csv}")}', 'csv-file')
    assert 'larger than 100 bytes' in message and 'gov_csv_max_bytes' in message
    assert not recorded(app, 'index').keys() - {'P01', 'SRC'}


def test_a_message_quotes_a_long_header_shortened(tmp_path: Path) -> None:
    """A file without the id column: the message lists some of its columns, shortened."""
    header = ','.join(['x' * 5000] + [f'column-{i}' for i in range(100)])
    app = build_page(tmp_path, ':::{gov:findings-csv} data/a.csv\n:source: SRC\n:::\n',
                     {'data/a.csv': f'{header}\n1,2\n'.encode()})
    [(_, subtype, message)] = file_warnings(app)
    assert subtype == 'csv-file'
    assert f"has '{'x' * 39}…', 'column-0'," in message
    assert "'column-8' and 91 more" in message and 'column-9' not in message
    assert len(message) < 1000


def test_an_undecodable_cell_of_a_column_not_read_costs_nothing(tmp_path: Path) -> None:
    app = build_page(tmp_path, ':::{gov:findings-csv} data/a.csv\n:source: SRC\n:::\n',
                     {'data/a.csv': b'id,text,shapes,notes\nA-1,first,P01,\x82\xa0\n'})
    assert app.warning.getvalue() == ''
    assert 'A-1' in recorded(app, 'index')


# -- codecs, long cells, quotes: a located warning, never a traceback ------------------------


@pytest.mark.parametrize('encoding', [
    'rot13', 'base64', 'hex', 'zlib_codec', 'bz2_codec', 'uu_codec', 'idna', 'punycode',
    'undefined', '"utf\\ud800"', '"utf\\x00-8"',
])
def test_an_encoding_that_is_not_for_text_is_an_invalid_option(
    tmp_path: Path, encoding: str
) -> None:
    app = build_page(
        tmp_path, f':::{{gov:findings-csv}} data/a.csv\n:source: SRC\n:encoding: {encoding}\n:::\n',
        {'data/a.csv': GOOD_ROWS},
    )
    index = Path(app.srcdir, 'index.md')
    [(location, subtype, message)] = file_warnings(app)
    assert (location, subtype) == (f'{index}:{line_of(index, ":encoding:")}', 'invalid-option')
    assert ':encoding: ' in message and 'encoding Python knows' in message


@pytest.mark.parametrize(('encoding', 'data'), [
    # after its byte order mark, a code point beyond U+10FFFF
    pytest.param('utf-32', b'\xff\xfe\x00\x00\x00\x00\x11\x00', id='utf-32-corrupt'),
    pytest.param('utf-16', b'\xff\xfei\x00d\x00,', id='utf-16-odd-length'),
])
def test_a_file_the_codec_cannot_decode_at_all_is_reported(
    tmp_path: Path, encoding: str, data: bytes
) -> None:
    app = build_page(
        tmp_path, f':::{{gov:findings-csv}} data/a.csv\n:source: SRC\n:encoding: {encoding}\n:::\n',
        {'data/a.csv': data},
    )
    [(location, subtype, message)] = file_warnings(app)
    assert (location, subtype) == (f'{Path(app.srcdir, "data", "a.csv")}:1', 'csv-file')
    assert f'cannot be decoded as {encoding}' in message


@pytest.mark.parametrize('delimiter', [
    pytest.param("'\"'", id='quote'), pytest.param('"\\n"', id='line-break'),
    pytest.param('"\\0"', id='nul'),
])
def test_a_quote_or_a_control_character_cannot_be_the_delimiter(
    tmp_path: Path, delimiter: str
) -> None:
    """Written in YAML (MyST's option syntax), so that the character is the value."""
    app = build_page(
        tmp_path,
        f':::{{gov:findings-csv}} data/a.csv\n:source: SRC\n:delimiter: {delimiter}\n:::\n',
        {'data/a.csv': GOOD_ROWS},
    )
    [(_, subtype, message)] = file_warnings(app)
    assert subtype == 'invalid-option' and ':delimiter:' in message


def test_a_cell_over_the_limit_costs_its_row(tmp_path: Path) -> None:
    long_cell = 'x' * 131_073
    data = f'id,text,shapes\nA-1,first,P01\nA-2,{long_cell},P01\nA-3,third,P01\n'
    app = build_page(tmp_path, ':::{gov:findings-csv} data/a.csv\n:source: SRC\n:::\n',
                     {'data/a.csv': data.encode()})
    [(location, subtype, message)] = file_warnings(app)
    assert (location, subtype) == (f'{Path(app.srcdir, "data", "a.csv")}:3', 'csv-cell')
    assert "row 2, column 'text': the cell has 131,073 characters" in message
    assert {'A-1', 'A-3'} <= recorded(app, 'index').keys()
    assert 'A-2' not in recorded(app, 'index')


def test_a_quote_never_closed_costs_its_row(tmp_path: Path) -> None:
    data = 'id,text,shapes\nA-1,first,P01\nA-2,"never closed,P01\nA-3,third,P01\nA-4,fourth,P01\n'
    app = build_page(tmp_path, ':::{gov:findings-csv} data/a.csv\n:source: SRC\n:::\n',
                     {'data/a.csv': data.encode()})
    [(location, subtype, message)] = file_warnings(app)
    assert (location, subtype) == (f'{Path(app.srcdir, "data", "a.csv")}:3', 'csv-quote')
    assert "row 2, column 'text': a cell opens a quote" in message
    imported = recorded(app, 'index').keys()
    assert {'A-1', 'A-3', 'A-4'} <= imported and 'A-2' not in imported
    status = strip_colors(app.status.getvalue())
    assert import_line('index', 3, 'findings', 'data/a.csv', 1) in status.splitlines()


def test_a_header_of_100000_columns_is_read(tmp_path: Path) -> None:
    """Each column is checked once (a count per column took 90 s here)."""
    header = ['id', 'text', 'shapes'] + [f'c{i}' for i in range(100_000)] + ['c7']
    data = ','.join(header) + '\n'
    app = build_page(tmp_path, ':::{gov:findings-csv} data/a.csv\n:source: SRC\n:::\n',
                     {'data/a.csv': data.encode()})
    [(_, subtype, message)] = file_warnings(app)
    assert subtype == 'csv-file' and "names the column 'c7' twice" in message


def test_an_id_prefix_that_recreates_the_source_id_is_reported(tmp_path: Path) -> None:
    """Row ``SRC`` of a page read before the source's: the finding takes the id and
    names itself as its source, which must be reported, not walked without end."""
    srcdir = tmp_path / 'src'
    (srcdir / 'data').mkdir(parents=True)
    write_project(srcdir, '# Survey\n\n```{toctree}\na-answers\nb-source\n```\n')
    (srcdir / 'a-answers.md').write_text(
        '# Answers\n\n:::{gov:findings-csv} data/a.csv\n:source: SRC\n:id-prefix: S\n:::\n',
        encoding='utf-8')
    (srcdir / 'b-source.md').write_text(
        '# Source\n\n' + PRINCIPLE_AND_SOURCE, encoding='utf-8')
    (srcdir / 'data' / 'a.csv').write_bytes(b'id,text,shapes\nRC,first,P01\n')
    app = build(srcdir, tmp_path / 'build')
    csv_path = Path(app.srcdir, 'data', 'a.csv')
    warnings = {(location, subtype, message) for location, subtype, message in gov_warnings(app)}
    assert (f'{csv_path}:2', 'unknown-ref',
            "gov:finding 'SRC' :source: of gov:findings-csv names the finding itself: "
            'name a gov:source') in warnings
    assert any(subtype == 'duplicate-id' for _, subtype, _ in warnings)


@pytest.mark.parametrize(('make', 'reason'), [
    pytest.param(lambda data: ((data / 'a.csv').symlink_to('b.csv'),
                               (data / 'b.csv').symlink_to('a.csv')),
                 'cannot follow the path', id='symlink-loop'),
    pytest.param(lambda data: (data / 'a.csv').mkdir(), 'cannot read data/a.csv',
                 id='directory'),
])
def test_a_path_that_leads_to_no_file_is_reported(
    tmp_path: Path, make: Any, reason: str
) -> None:
    (tmp_path / 'src' / 'data').mkdir(parents=True)
    make(tmp_path / 'src' / 'data')
    app = build_page(tmp_path, ':::{gov:findings-csv} data/a.csv\n:source: SRC\n:::\n', {})
    [(_, subtype, message)] = file_warnings(app)
    assert subtype == 'csv-file' and reason in message


def test_a_long_cell_of_a_column_not_read_costs_nothing(tmp_path: Path) -> None:
    """A row keeps only the cells of the columns the directive reads."""
    data = f'id,text,shapes,notes\nA-1,first,P01,{"x" * 131_073}\n'
    app = build_page(tmp_path, ':::{gov:findings-csv} data/a.csv\n:source: SRC\n:::\n',
                     {'data/a.csv': data.encode()})
    assert app.warning.getvalue() == ''
    assert 'A-1' in recorded(app, 'index')
