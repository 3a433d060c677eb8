"""Text written in options is shown as text, never as markup, wherever it appears.

Options and titles are data: they are shown again on other pages (the views, the
matrix, the coverage page, the indices), far from the page a reviewer reads, so the
extension escapes them. A directive's Markdown body is authored content, reviewed
in its pull request like any MyST page: raw HTML there is kept on its own page, as
MyST keeps it, but never carried to other pages (see 「オプションと本文の扱い」 in
handbook/about/extension.md).

The pages of the ``escaping`` root are written here from the extension's own list
of object types (:data:`gov_provenance.model.OBJECT_TYPES`), so an option added to
the extension is covered without anyone remembering to:

- ``connected.md``: for each payload, one object of every type, all linked together
  so that every view shows them, with the payload in every text option;
- ``every-option.md``: for each payload, one object of every type with the payload
  in *every* option, ids, numbers, dates and choices included (which the build
  rejects with warnings, and must still not render as markup);
- ``authored.md``: an object whose body holds raw HTML;
- ``data/findings-N.csv``: for each payload, a row with the payload in every cell that
  becomes text, imported by ``gov:findings-csv`` on ``connected.md``; the same
  directive on ``every-option.md`` has the payload in every option;
- ``data/<type>-import-N.csv``: for each payload and each type a CSV file can hold, a
  row with a column per field of the type, imported by ``gov:import-csv``, the payload
  in every cell that becomes text; ``every-option.md`` has the payload in every option
  of ``gov:import-csv`` too.

The export (``provenance.json`` and the CSV tables) is data too: it must give each
text back exactly, as :func:`expected_text` lists it. A new export format is checked
the same way, from the same build.
"""

from __future__ import annotations

import csv
import functools
import json
import shutil
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment, Tag
from common import strip_colors, text
from gov_provenance.directives import HandbookViewDirective, NotesDirective
from gov_provenance.domain import GovDomain
from gov_provenance.export import CSV_NAMES, JSON_NAME
from gov_provenance.importer import (
    IMPORTABLE_TYPES,
    FindingsCsvDirective,
    ImportCsvDirective,
    type_options,
)
from gov_provenance.model import OBJECT_TYPES
from gov_provenance.options import ORIGINAL_OPTION
from gov_provenance.vocabulary import FieldKind, FieldSpec
from sphinx.testing.util import SphinxTestApp

#: markup, script, MyST syntax and entities, each as one option value; a value that
#: starts with a quote or a brace would not be text to MyST's option parser, hence "x"
PAYLOADS: tuple[str, ...] = (
    '<script>alert("gov-1")</script>',
    'x"><img src=x onerror=alert("gov-2") data-injected=2>',
    "x'><svg onload=alert('gov-3') data-injected=3></svg>",
    'x {raw}`html <b data-injected=4>role</b>` and {gov:principle}`principle-1`',
    'x [link](javascript:alert("gov-5")) <a href="javascript:alert(5)" data-injected=5>a</a>',
    'x ```{raw} html <i data-injected=6>fence</i> ```',
    'x :::{raw} html <u data-injected=7>colon fence</u> :::',
    'x &amp; &lt;b&gt; <!-- gov-8 --> </p></div></td></tr><p data-injected=8>',
    'x "quoted, with a comma"; \'single\' and a CSV cell\'s end: ",',
)
THEMES = ('alabaster', 'sphinx_book_theme')
PAGES = ('index', 'connected', 'every-option', 'authored', 'gov-principles', 'gov-evidence',
         'genindex')


def object_id(objtype: str, number: int, variant: str = '') -> str:
    return f'{objtype}-{variant}{number}'


def valid_value(spec: FieldSpec, number: int, payload: str) -> str:
    """A value the option accepts: the payload where it takes text."""
    kind = spec.kind
    if kind is FieldKind.TEXT:
        return payload
    if kind is FieldKind.INTEGER:
        return str(number)
    if kind is FieldKind.DATE:
        return f'2022-01-{number:02d}'
    if kind is FieldKind.PERIOD:
        return f'2022-01-{number:02d}/2022-02-{number:02d}'
    if kind in {FieldKind.CHOICE, FieldKind.STATUS}:
        return spec.default or spec.choices[0]
    if kind is FieldKind.REF:
        return object_id(spec.targets[0], number)
    if kind is FieldKind.REFS:
        return ', '.join(object_id(target, number) for target in spec.targets)
    raise AssertionError(f'no valid value for a {kind} option: teach valid_value() one')


def directive(objtype: str, identifier: str, options: dict[str, str], body: str) -> str:
    lines = [f':::{{gov:{objtype}}} {identifier}']
    lines += [f':{name}: {value}' for name, value in options.items()]
    return '\n'.join([*lines, '', body, ':::', ''])


#: the columns of a finding's fields that hold text, read by ``gov:findings-csv``
CSV_TEXT_COLUMNS = ('title', 'summary', 'gap', 'inferred', 'representative')


def csv_path(number: int) -> str:
    return f'data/findings-{number}.csv'


def imported_id(number: int) -> str:
    return object_id('finding', number, 'csv-')


def findings_csv(number: int, payload: str) -> str:
    """One row: the payload in the finding's text and in every text column."""
    buffer = StringIO()
    writer = csv.writer(buffer, lineterminator='\n')
    writer.writerow(['id', 'text', 'shapes', *CSV_TEXT_COLUMNS])
    writer.writerow([imported_id(number), payload, object_id('principle', number),
                     *[payload] * len(CSV_TEXT_COLUMNS)])
    return buffer.getvalue()


def csv_directive(number: int, options: dict[str, str], directive_name: str = 'findings-csv',
                  path: str = '') -> str:
    lines = [f':::{{gov:{directive_name}}} {path or csv_path(number)}']
    lines += [f':{name}: {value}' for name, value in options.items()]
    return '\n'.join([*lines, ':::', ''])


def import_path(objtype: str, number: int) -> str:
    return f'data/{objtype}-import-{number}.csv'


def imported_object_id(objtype: str, number: int) -> str:
    return object_id(objtype, number, 'import-')


def import_csv(objtype: str, number: int, payload: str) -> str:
    """One row of ``objtype``: a column per field, a valid value in each, the payload in
    the text and every text field."""
    fields = OBJECT_TYPES[objtype].fields
    buffer = StringIO()
    writer = csv.writer(buffer, lineterminator='\n')
    writer.writerow(['id', 'text', *(spec.name for spec in fields)])
    writer.writerow([imported_object_id(objtype, number), payload,
                     *(valid_value(spec, number, payload) for spec in fields)])
    return buffer.getvalue()


def connected_page() -> str:
    parts = ['# Connected objects', '']
    for number, payload in enumerate(PAYLOADS, start=1):
        for objtype, spec in OBJECT_TYPES.items():
            options = {field.name: valid_value(field, number, payload) for field in spec.fields}
            parts.append(directive(objtype, object_id(objtype, number), options,
                                   f'Body of {objtype} {number}.'))
        columns = {f'{name}-column': name for name in CSV_TEXT_COLUMNS}
        parts.append(csv_directive(number, {'source': object_id('source', number), **columns}))
        for objtype in IMPORTABLE_TYPES:
            parts.append(csv_directive(number, {'type': objtype}, 'import-csv',
                                       import_path(objtype, number)))
    return '\n'.join(parts)


def every_option_page() -> str:
    parts = ['# Every option', '']
    for number, payload in enumerate(PAYLOADS, start=1):
        for objtype in OBJECT_TYPES:
            # every option of its directive: its fields, and where it was copied from
            options = dict.fromkeys(GovDomain.directives[objtype].option_spec or (), payload)
            parts.append(directive(objtype, object_id(objtype, number, 'all-'), options,
                                   f'Body of {objtype} {number}.'))
        parts.append(csv_directive(number, dict.fromkeys(FindingsCsvDirective.option_spec,
                                                         payload)))
        # with a codec and delimiter it accepts, the file is read and the columns looked up
        readable = {'encoding': 'utf-8', 'delimiter': ','}
        parts.append(csv_directive(number, dict.fromkeys(FindingsCsvDirective.option_spec,
                                                         payload) | readable))
        parts.append(csv_directive(number, dict.fromkeys(ImportCsvDirective.option_spec, payload),
                                   'import-csv'))
        for objtype in IMPORTABLE_TYPES:
            every = dict.fromkeys(type_options(objtype), payload)
            parts.append(csv_directive(number, every | readable | {'type': objtype},
                                       'import-csv', import_path(objtype, number)))
    return '\n'.join(parts)


AUTHORED_PAGE = '''# Authored body

:::{gov:opinion} authored-1
:meeting: meeting-1
:shapes: principle-1

Authored text.

<div data-authored="html-block">authored HTML block</div>

```{raw} html
<span data-authored="raw-directive">authored raw directive</span>
```
:::
'''


def expected_text() -> dict[tuple[str, str, str], str]:
    """``(object type, id, option) -> value`` of every text option of ``connected.md``
    and of every text column it imports: what any output of the build must give back
    exactly."""
    written = {
        (objtype, object_id(objtype, number), field.name): payload
        for number, payload in enumerate(PAYLOADS, start=1)
        for objtype, spec in OBJECT_TYPES.items()
        for field in spec.fields
        if field.kind is FieldKind.TEXT
    }
    imported = {
        ('finding', imported_id(number), column): payload
        for number, payload in enumerate(PAYLOADS, start=1)
        for column in CSV_TEXT_COLUMNS
    }
    imported_generic = {
        (objtype, imported_object_id(objtype, number), field.name): payload
        for number, payload in enumerate(PAYLOADS, start=1)
        for objtype in IMPORTABLE_TYPES
        for field in OBJECT_TYPES[objtype].fields
        if field.kind is FieldKind.TEXT
    }
    return written | imported | imported_generic


@pytest.fixture(scope='module', params=THEMES)
def payload_app(request: pytest.FixtureRequest, rootdir: Path,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    """The root, its pages written, built once per theme (the handbook's has its own
    templates for the navigation and the page title)."""
    srcdir = tmp_path_factory.mktemp(f'escaping-{request.param}') / 'src'
    shutil.copytree(rootdir / 'test-escaping', srcdir)
    (srcdir / 'connected.md').write_text(connected_page(), encoding='utf-8')
    (srcdir / 'every-option.md').write_text(every_option_page(), encoding='utf-8')
    (srcdir / 'authored.md').write_text(AUTHORED_PAGE, encoding='utf-8')
    (srcdir / 'data').mkdir()
    for number, payload in enumerate(PAYLOADS, start=1):
        (srcdir / csv_path(number)).write_text(findings_csv(number, payload), encoding='utf-8')
        for objtype in IMPORTABLE_TYPES:
            (srcdir / import_path(objtype, number)).write_text(
                import_csv(objtype, number, payload), encoding='utf-8')
    app = SphinxTestApp('html', srcdir=srcdir, confoverrides={'html_theme': request.param},
                        status=StringIO(), warning=StringIO())
    app.build()
    yield app
    app.cleanup()


# each page is parsed once per build: the tests only read it, and connected.html,
# which every object's test searches, is large
@functools.cache
def soup_of(app: SphinxTestApp, name: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f'{name}.html').read_text(encoding='utf-8'), 'html.parser')


def rendered_object(app: SphinxTestApp, objtype: str, identifier: str) -> Tag:
    """The element an object's directive rendered on ``connected.html``."""
    for element in soup_of(app, 'connected').find_all('div', class_=f'gov-{objtype}'):
        shown = element.find('a', class_='gov-id')
        if shown is not None and text(shown) == identifier:
            return element
    raise AssertionError(f'connected.html shows no {objtype} {identifier!r}')


def injected_markup(soup: BeautifulSoup) -> list[str]:
    """Every trace of a payload that became markup instead of text."""
    found = []
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            shown = ' '.join(value) if isinstance(value, list) else str(value)
            if name == 'data-injected' or (name.startswith('on') and 'alert(' in shown):
                found.append(f'<{element.name} {name}={shown!r}>')
            elif name in {'href', 'src', 'action'} and shown.lower().startswith('javascript:'):
                found.append(f'<{element.name} {name}={shown!r}>')
        if element.name == 'script' and 'alert(' in element.get_text():
            found.append(f'<script>{element.get_text()[:80]}</script>')
    found += [f'<!--{comment}-->' for comment in soup.find_all(string=is_comment)
              if 'gov-8' in comment]
    return found


def is_comment(string: object) -> bool:
    return isinstance(string, Comment)


def test_the_root_covers_every_directive() -> None:
    """A directive the root does not write would escape the check: the domain's
    directives are its object types and views that take no options."""
    for name, directive_class in GovDomain.directives.items():
        if directive_class is FindingsCsvDirective:
            # every option, on every-option.md; the cells, by the files of connected.md
            assert set(FindingsCsvDirective.COLUMNS) == {'id', 'text', 'shapes', 'status',
                                                         *CSV_TEXT_COLUMNS}
            continue
        if directive_class is ImportCsvDirective:
            # every option of every type on every-option.md; each type's every column, by
            # the files of connected.md
            assert directive_class.option_spec == {
                option: convert for objtype in IMPORTABLE_TYPES
                for option, convert in type_options(objtype).items()
            }
            continue
        if name in OBJECT_TYPES:
            assert set(directive_class.option_spec or {}) == {
                *OBJECT_TYPES[name].field_names, ORIGINAL_OPTION}
            continue
        if directive_class is NotesDirective:
            # its text is Markdown like any page's; it takes neither argument nor option
            assert not directive_class.option_spec
            assert not directive_class.required_arguments + directive_class.optional_arguments
            continue
        assert issubclass(directive_class, HandbookViewDirective), (
            f'gov:{name} is neither an object type nor a view: write its options into '
            'the pages of tests/test_escaping.py'
        )
        assert not directive_class.option_spec, (
            f'gov:{name} takes options: write them into tests/test_escaping.py'
        )


def test_no_payload_becomes_markup(payload_app: SphinxTestApp) -> None:
    pages = sorted(payload_app.outdir.rglob('*.html'))
    assert {f'{name}.html' for name in PAGES} <= {path.name for path in pages}
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding='utf-8'), 'html.parser')
        assert injected_markup(soup) == [], path.name


@pytest.mark.parametrize('number', range(1, len(PAYLOADS) + 1))
def test_each_object_shows_its_payload_as_text(payload_app: SphinxTestApp, number: int) -> None:
    payload = PAYLOADS[number - 1]
    for objtype, spec in OBJECT_TYPES.items():
        element = rendered_object(payload_app, objtype, object_id(objtype, number))
        header = element.find(class_='gov-object-header')
        assert isinstance(header, Tag)
        # the header shows the title; the field list, the other texts it does not hide
        assert text(header).count(payload) >= 1, f'{objtype} {number}: {text(header)!r}'
        fields = element.find(class_='gov-fields')
        # text options not shown in its header or in other views
        shown_fields = [field.name for field in spec.fields if field.kind is FieldKind.TEXT
                        and field.in_field_list]
        if shown_fields:
            assert isinstance(fields, Tag), f'{objtype} {number} shows no fields'
            assert text(fields).count(payload) >= len(shown_fields), (
                f'{objtype} {number} should show {shown_fields} as text: {text(fields)!r}'
            )


@pytest.mark.parametrize('number', range(1, len(PAYLOADS) + 1))
def test_each_imported_row_shows_its_cells_as_text(payload_app: SphinxTestApp,
                                                   number: int) -> None:
    payload = PAYLOADS[number - 1]
    element = rendered_object(payload_app, 'finding', imported_id(number))
    header = element.find(class_='gov-object-header')
    assert isinstance(header, Tag) and payload in text(header), 'the title'
    body = [text(paragraph) for paragraph in element.find_all('p', recursive=False)
            if paragraph is not header]
    assert payload in body, 'the finding\'s text, as one paragraph'
    # the object's own fields and the source's title, shown as a hand-written finding shows them
    shown_fields = [name for name in CSV_TEXT_COLUMNS
                    if OBJECT_TYPES['finding'].field(name).in_field_list]
    fields = element.find(class_='gov-fields')
    assert isinstance(fields, Tag)
    assert text(fields).count(payload) >= len(shown_fields) + 1, text(fields)


@pytest.mark.parametrize('objtype', IMPORTABLE_TYPES)
@pytest.mark.parametrize('number', range(1, len(PAYLOADS) + 1))
def test_each_row_of_gov_import_csv_shows_its_cells_as_text(
    payload_app: SphinxTestApp, number: int, objtype: str
) -> None:
    payload = PAYLOADS[number - 1]
    element = rendered_object(payload_app, objtype, imported_object_id(objtype, number))
    header = element.find(class_='gov-object-header')
    assert isinstance(header, Tag) and payload in text(header), 'the title'
    body = [text(paragraph) for paragraph in element.find_all('p', recursive=False)
            if paragraph is not header]
    assert payload in body, f'the {objtype}\'s text, as one paragraph'
    shown_fields = [spec.name for spec in OBJECT_TYPES[objtype].fields
                    if spec.kind is FieldKind.TEXT and spec.in_field_list]
    fields = element.find(class_='gov-fields')
    assert isinstance(fields, Tag)
    assert text(fields).count(payload) >= len(shown_fields), text(fields)


@pytest.mark.parametrize('name', ['index', 'gov-principles', 'gov-evidence', 'genindex'])
def test_views_and_indices_show_payloads_as_text(payload_app: SphinxTestApp, name: str) -> None:
    shown = soup_of(payload_app, name).get_text()
    missing = [payload for payload in PAYLOADS if payload not in shown]
    assert missing == [], f'{name}.html does not show {missing}'


def drawn_names(diagram: Tag) -> list[str]:
    """The accessible name of every link of a picture: the text it says in full."""
    svg = diagram.find('svg')
    assert isinstance(svg, Tag)
    return [link.title.get_text() for link in svg.find_all('a') if link.title is not None]


@pytest.mark.parametrize('number', range(1, len(PAYLOADS) + 1))
def test_a_principle_diagram_shows_payloads_as_text(payload_app: SphinxTestApp,
                                                     number: int) -> None:
    """The meeting, the source and the revision drawn in a principle's picture have
    the payload for a title: it is the name of their links, the label drawn (cut to
    fit) and the text of the list under the picture."""
    payload = PAYLOADS[number - 1]
    element = rendered_object(payload_app, 'principle', object_id('principle', number))
    diagram = element.find('div', class_='gov-diagram')
    assert isinstance(diagram, Tag), f'principle {number} shows no diagram'
    names = drawn_names(diagram)
    assert len(names) == 3 and all(payload in name for name in names), names
    start = ''.join(payload.split())[:12]
    labels = [''.join(label.get_text().split())
              for label in diagram.find_all('text', class_='gov-diagram-label')]
    assert len(labels) == 3 and all(start in label for label in labels), labels
    details = diagram.find('details')
    assert isinstance(details, Tag)
    assert details.get_text().count(payload) == 3


def test_the_matrix_diagram_shows_payloads_as_text(payload_app: SphinxTestApp) -> None:
    diagram = soup_of(payload_app, 'index').find('div', class_='gov-diagram')
    assert isinstance(diagram, Tag), 'the matrix shows no diagram'
    names = ' '.join(drawn_names(diagram))
    listed = diagram.get_text()
    for payload in PAYLOADS:
        # its principle heads a column, its meeting and source head rows
        assert names.count(payload) >= 3, payload
        assert listed.count(payload) >= 3, payload


def test_the_domain_keeps_each_text_exactly(payload_app: SphinxTestApp) -> None:
    """Text is stored as written and escaped only where it is written out, so each
    output (HTML here, a data export elsewhere) escapes it in its own format."""
    graph = payload_app.env.domains['gov'].graph
    for (objtype, identifier, option), value in expected_text().items():
        obj = graph.get(identifier, objtype)
        assert obj is not None, f'{objtype} {identifier} was not recorded'
        assert obj.fields.get(option) == value, (objtype, identifier, option)


def test_the_json_export_gives_each_text_back_exactly(payload_app: SphinxTestApp) -> None:
    data = json.loads((payload_app.outdir / JSON_NAME).read_text(encoding='utf-8'))
    objects = {(obj['type'], obj['id']): obj for obj in data['objects']}
    for (objtype, identifier, option), value in expected_text().items():
        assert objects[objtype, identifier]['fields'][option] == value, (
            f'{JSON_NAME}: {objtype} {identifier} :{option}:'
        )


def test_the_csv_tables_give_each_text_back_exactly(payload_app: SphinxTestApp) -> None:
    """Each table has a column per text option it shows (title, label, summary, gap,
    inferred)."""
    rows: dict[str, dict[str, str]] = {}
    for name in CSV_NAMES:
        with (payload_app.outdir / name).open(encoding='utf-8-sig', newline='') as stream:
            rows |= {row['id']: row for row in csv.DictReader(stream) if 'id' in row}
    checked = 0
    for (_, identifier, option), value in expected_text().items():
        if identifier in rows and option in rows[identifier]:
            assert rows[identifier][option] == value, f'{identifier} :{option}:'
            checked += 1
    # principles: title, label, gap; opinions and findings (written, imported by
    # gov:findings-csv and by gov:import-csv): title, summary, gap, inferred; sources:
    # title, gap; revisions: title, summary, inferred; meetings: title, time
    assert checked == len(PAYLOADS) * (3 + 4 + 4 + 4 + 4 + 4 + 2 + 3 + 2)


def imported_texts() -> dict[str, str]:
    """id -> the text of each object imported from a row, the payload as written."""
    return {
        identifier: payload
        for number, payload in enumerate(PAYLOADS, start=1)
        for identifier in (imported_id(number), *(
            imported_object_id(objtype, number) for objtype in IMPORTABLE_TYPES))
    }


def test_the_export_gives_each_imported_text_back_exactly(payload_app: SphinxTestApp) -> None:
    """An object's whole text (format 1.4), in the JSON and in the CSV tables."""
    data = json.loads((payload_app.outdir / JSON_NAME).read_text(encoding='utf-8'))
    texts = {obj['id']: obj['text'] for obj in data['objects']}
    rows: dict[str, dict[str, str]] = {}
    for name in CSV_NAMES:
        with (payload_app.outdir / name).open(encoding='utf-8-sig', newline='') as stream:
            rows |= {row['id']: row for row in csv.DictReader(stream) if 'text' in row}
    for identifier, payload in imported_texts().items():
        assert texts[identifier] == payload, identifier
        assert rows[identifier]['text'] == payload, identifier


def test_only_the_rejected_values_warn(payload_app: SphinxTestApp) -> None:
    """The connected objects build cleanly; every warning is about a value of
    ``every-option.md`` that is not an id, number, date or choice."""
    warnings = strip_colors(payload_app.warning.getvalue()).splitlines()
    assert warnings, 'every-option.md should be rejected with warnings'
    elsewhere = [line for line in warnings if 'every-option.md:' not in line]
    assert elsewhere == []
    assert all('[gov.' in line for line in warnings), warnings


def test_raw_html_of_a_body_stays_on_its_page(payload_app: SphinxTestApp) -> None:
    own = soup_of(payload_app, 'authored')
    kept = {str(tag['data-authored']) for tag in own.find_all(attrs={'data-authored': True})}
    assert kept == {'html-block', 'raw-directive'}
    # the coverage page (on index) lists many records: whole, on pages of their own
    coverage_lists = sorted(path.relative_to(payload_app.outdir).with_suffix('').as_posix()
                            for path in payload_app.outdir.glob('gov-lists/coverage-*/*.html'))
    for name in ('index', 'connected', 'gov-evidence', *coverage_lists):
        page = soup_of(payload_app, name)
        assert page.find_all(attrs={'data-authored': True}) == [], name
        assert 'data-authored' not in page.get_text(), f'{name}.html shows raw HTML as text'
    # the opinion's summary, taken from its body, is the body's text
    assert any('Authored text.' in soup_of(payload_app, name).get_text()
               for name in ('index', *coverage_lists))
