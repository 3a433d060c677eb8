"""Property-based fuzzing (Hypothesis): hostile option values for every directive of
the domain, and hostile CSV files for ``gov:findings-csv``.

One small project (a page with one directive of every kind the domain registers, a
CSV file and the handbook's views) is built once, then again for each example with
one value changed, by the same Sphinx application (an incremental build of one page),
so that an example costs a fraction of a second. For every example:

- the build ends without an exception;
- every warning is located (``path:line``) and typed: ``gov.*``, or MyST-Parser's own
  ``myst.directive_*`` for an options block it cannot parse (YAML it cannot read);
- every line of the log is printable, starts no CI command (``::``) and is bounded;
- nothing is unescaped: no script, event handler or ``javascript:`` link in the page,
  every inline SVG well-formed XML, every id unique, ``objects.inv`` one line per
  object, ``provenance.json`` well-formed (and valid against its schema when the build
  has no warning), no CSV cell a formula;
- and, once the examples ran, the clean project builds as it did before them.

The directives and their options are read from the application's registry, so a new
directive or option is fuzzed without anyone listing it (a directive the base page
lacks fails :func:`test_the_base_page_has_every_directive`).

Profiles (``tests/conftest.py``): ``default`` runs a few examples, for ``make test``;
``ci`` many more (``HYPOTHESIS_PROFILE=ci``, as ``.ci/run`` sets it). A failing example
is kept in ``tests/hypothesis-examples/`` and tried first by every later run: commit it
with the fix, so that the failure stays reproduced.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import defusedxml.ElementTree as SafeET
import jsonschema
import pytest
from bs4 import BeautifulSoup, Tag
from common import MINIMAL_CONF, strip_colors
from gov_provenance.export import CSV_NAMES, JSON_NAME, SCHEMA_NAME
from gov_provenance.model import OBJECT_TYPES
from gov_provenance.options import ORIGINAL_OPTION
from gov_provenance.tables import FORMULA_TRIGGERS
from gov_provenance.warnings_ import UNPRINTABLE_CATEGORIES
from hypothesis import given
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp
from sphinx.util.inventory import InventoryFile

#: every warning line: located, typed, of the domain or of MyST-Parser's option parsing
LOCATED_WARNING = re.compile(r'^\S.*:\d+: WARNING: .* \[(gov\.[\w-]+|myst\.directive_[\w]+)\]$')
#: the longest line the log may have: a bounded message after a path
LONGEST_LINE = 2_000

# -- the project ----------------------------------------------------------------------

#: one directive of each kind: (directive, argument, options, body); a view directive
#: takes no option and is fuzzed through what it shows
BASE: tuple[tuple[str, str, dict[str, str], str], ...] = (
    ('principle', 'P01', {'number': '1', 'label': 'Users first', 'title': 'Start from needs',
                          'status': 'adopted'}, 'What the principle asks.'),
    ('principle', 'P02', {'number': '2', 'label': 'Open', 'gap': 'Nothing recorded.'}, ''),
    ('meeting', 'M01', {'number': '1', 'date': '2022-01-24', 'time': '10:00-11:30',
                        'format': 'online', 'title': 'First meeting'}, 'The agenda.'),
    ('revision', 'R1', {'principle': 'P01', 'meeting': 'M01', 'because': 'M01-O1',
                        'summary': 'Reworded.', 'title': 'First revision'}, ''),
    ('opinion', 'M01-O1', {'meeting': 'M01', 'shapes': 'P01', 'status': 'reflected',
                           'member': 'A member', 'title': 'Forms are hard'}, 'Forms.'),
    ('source', 'S1', {'kind': 'survey', 'period': '2022-01-07/2022-01-17',
                      'participants': '10', 'title': 'Survey'}, ''),
    ('finding', 'S1-F1', {'source': 'S1', 'shapes': 'P01', 'status': 'pending',
                          'title': 'Long waits'}, ''),
    ('working-group', 'WG1', {'title': 'UI/UX', 'scope': 'Forms', 'status': 'active'}, ''),
    ('guideline', 'G1', {'title': 'Forms', 'working-group': 'WG1', 'implements': 'P01',
                         'status': 'draft'}, ''),
    ('findings-csv', 'data.csv', {'source': 'S1', 'id-prefix': 'S1-C', 'gap-column': 'gap'},
     ''),
    ('import-csv', 'opinions.csv', {'type': 'opinion', 'meeting': 'M01', 'id-prefix': 'M01-C'},
     ''),
    ('release', '0.1.0', {'date': '2022-01-24'}, 'The first release.'),
    ('notes', '', {}, 'Where the records come from.'),
    ('matrix', '', {}, ''), ('coverage', '', {}, ''), ('principle-table', '', {}, ''),
)
BASE_CSV = 'id,text,shapes,gap\n1,A finding of the survey,P01,\n2,Another,,No principle yet.\n'
OPINIONS_CSV = 'id,text,shapes,status\n1,An opinion of a member,P01,pending\n'


def directive(name: str, argument: str, options: dict[str, str], body: str,
              yaml: bool) -> str:
    """The directive as MyST reads it: options as ``:name: value`` lines, or as a YAML
    block between ``---`` lines (each value written as YAML text already)."""
    lines = [f':::{{gov:{name}}} {argument}'.rstrip()]
    if yaml and options:
        lines += ['---', *(f'{key}: {value}' for key, value in options.items()), '---']
    else:
        lines += [f':{key}: {value}' for key, value in options.items()]
    return '\n'.join([*lines, '', body, ':::', '']) if body else '\n'.join([*lines, ':::', ''])


def page(changed: tuple[int, str, str, bool] | None = None,
         argument_of: tuple[int, str] | None = None, text: str = '') -> str:
    """The base page; ``changed`` = (index in :data:`BASE`, option, YAML text or
    line value, whether in a YAML block) gives one directive one hostile value,
    ``argument_of`` = (index, argument) one directive another argument, and ``text``
    ends the page (a paragraph with roles, say)."""
    parts = ['# Fuzzed\n']
    for index, (name, argument, options, body) in enumerate(BASE):
        yaml = False
        if argument_of is not None and argument_of[0] == index:
            argument = argument_of[1]
        if changed is not None and changed[0] == index:
            _, option, value, yaml = changed
            if yaml:  # the other options as YAML text too
                options = {key: json.dumps(other) for key, other in options.items()}
            options = {**options, option: value}
        parts.append(directive(name, argument, options, body, yaml))
    return '\n'.join([*parts, text])


@dataclass
class Built:
    warnings: list[str]
    log: list[str]


class Project:
    """The fuzzed project and the application that builds it again and again."""

    def __init__(self, root: Path) -> None:
        self.srcdir = root / 'src'
        self.srcdir.mkdir(parents=True)
        (self.srcdir / 'conf.py').write_text(
            MINIMAL_CONF + "html_baseurl = 'https://example.invalid/'\n", encoding='utf-8')
        (self.srcdir / 'opinions.csv').write_text(OPINIONS_CSV, encoding='utf-8')
        self.write(page(), BASE_CSV.encode())
        self.app = SphinxTestApp('html', srcdir=self.srcdir, builddir=root / '_build')
        #: what the clean project's first build wrote (:meth:`outputs`)
        self.baseline: dict[str, bytes] = {}

    def write(self, index: str, data: bytes) -> None:
        (self.srcdir / 'index.md').write_text(index, encoding='utf-8')
        (self.srcdir / 'data.csv').write_bytes(data)

    def build(self, index: str, data: bytes = BASE_CSV.encode()) -> Built:
        self.write(index, data)
        for stream in (self.app.status, self.app.warning):
            stream.seek(0)
            stream.truncate()
        self.app.build()
        warnings = strip_colors(self.app.warning.getvalue()).splitlines()
        log = strip_colors(self.app.status.getvalue()).splitlines()
        return Built([line for line in warnings if line.strip()], log + warnings)

    def outputs(self) -> dict[str, bytes]:
        """What the build wrote that a reader or a program reads."""
        outdir = self.app.outdir
        names = ['index.html', 'objects.inv', JSON_NAME, *CSV_NAMES]
        return {name: (outdir / name).read_bytes() for name in names}

    def takes_an_argument(self) -> dict[str, bool]:
        """Whether each directive of the domain takes an argument, from the registry."""
        return {name: bool(cls.required_arguments or cls.optional_arguments)
                for name, cls in self.app.env.domains['gov'].directives.items()}

    def directives(self) -> dict[str, list[str]]:
        """Every directive of the domain, with its options, from the registry."""
        domain = self.app.env.domains['gov']
        return {name: sorted(getattr(cls, 'option_spec', None) or {})
                for name, cls in domain.directives.items()}


@pytest.fixture(scope='module')
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    built = Project(tmp_path_factory.mktemp('fuzz'))
    baseline = built.build(page())
    assert baseline.warnings == [], baseline.warnings
    built.baseline = built.outputs()
    yield built
    built.app.cleanup()


# -- values ---------------------------------------------------------------------------

#: characters that have broken, or could break, a page, a log or a file
SPECIAL = (
    '\x00', '\x07', '\x1b', '\t', '\n', '\r', '\x85', '\u2028', '\u2029', '\x0b', '\x0c',
    '\u202e', '\u202a', '\u2066', '\u2069', '\u200e', '\u200b', '\ufeff', '\u0301', '\u0300',
    '\ufffd', '\U0001f600', '\U0010ffff', '\ud800', '\udfff', '＜', '①', '٣', '²', '"', "'",
    '`', '\\', '<', '>', '&', '{', '}', ':', '::', ',', '、', '|', '#', '%',
)
PAYLOADS = (
    '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', ']]><!--', '&amp;',
    'javascript:alert(1)', '::error file=conf.py,line=1::Approved', '=HYPERLINK("x")',
    '+1', '-1', '@SUM(A1)', '{gov:principle}`P01`', '$(rm -rf /)', '%s%n', '../../etc/passwd',
)
DATES = (
    '0001-01-01', '9999-12-31', '0000-01-01', '10000-01-01', '2022-02-29', '2024-02-29',
    '9999-12-31/9999-12-31', '0001-01-01/9999-12-31', '2022-01-24/2022-01-23', '2022-1-24',
)
#: YAML values of types other than text, written as YAML
YAML_ODD = (
    '[1, 2]', '{a: 1}', 'null', '~', 'true', 'no', '1e3', '0x1F', '.inf', '2022-01-24',
    '!!binary aGVsbG8=', '&anchor x', '*anchor', '|\n  two\n  lines', '>\n  folded',
    '"\\U00110000"', '"two\n  lines \\U00110000"', '"\\ud800"', '"\\x00"', '"\\u202e"',
    "'single ''quoted'''", '"unclosed',
    '- a\n- b', '', '""', '" "',
)


def text_values() -> st.SearchStrategy[str]:
    pieces = st.one_of(
        st.text(st.characters(codec=None), max_size=20),
        st.sampled_from(SPECIAL), st.sampled_from(PAYLOADS), st.sampled_from(DATES),
        st.integers(-10, 10**12).map(str),
        st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
    )
    joined = st.lists(pieces, min_size=1, max_size=6).map(''.join)
    long = st.tuples(pieces, st.integers(1_000, 20_000)).map(lambda pair: pair[0][:3] * pair[1])
    return st.one_of(joined, joined, joined, long)


def line_value(value: str) -> str:
    """A value as a ``:name: value`` line holds it: one line of the file, so no line
    break that ends it, and no lone surrogate, which no file can hold."""
    return ''.join(' ' if char in '\n\r' else '\ufffd' if 0xD800 <= ord(char) <= 0xDFFF
                   else char for char in value)


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    """A CSV file: hostile headers and cells, written by a CSV writer or by hand, in
    UTF-8 (lone surrogates as the bytes a broken encoder writes)."""
    extra = draw(st.lists(text_values().map(lambda v: v[:200]), max_size=2))
    header = ['id', 'text', 'shapes', 'gap', *extra]
    if draw(st.booleans()):
        header = draw(st.permutations(header))
    rows = draw(st.lists(
        st.lists(text_values().map(lambda v: v[:5_000]), min_size=len(header),
                 max_size=len(header) + 1),
        max_size=4,
    ))
    if draw(st.booleans()):
        out = io.StringIO(newline='')
        csv.writer(out, lineterminator=draw(st.sampled_from(['\n', '\r\n', '\r']))
                   ).writerows([header, *rows])
        text = out.getvalue()
    else:
        delimiter = draw(st.sampled_from([',', ';', '"', '\t']))
        text = '\n'.join(delimiter.join(row) for row in [header, *rows])
    prefix = draw(st.sampled_from(['', '\ufeff']))
    return (prefix + text).encode('utf-8', 'surrogatepass')


# -- properties -----------------------------------------------------------------------


def check(project: Project, built: Built) -> None:
    """Every property of a fuzzed build (see the module's docstring)."""
    for line in built.warnings:
        assert LOCATED_WARNING.match(line), f'not a located gov or myst warning: {line[:300]}'
    for line in built.log:
        hidden = [char for char in line if unicodedata.category(char) in UNPRINTABLE_CATEGORIES]
        assert not hidden, f'a log line with {hidden[:3]!r}: {line[:300]!r}'
        assert not line.lstrip().startswith('::'), line[:300]
        assert len(line) <= LONGEST_LINE, f'a log line of {len(line):,} characters'
    check_html(project.app.outdir / 'index.html')
    check_inventory(project)
    check_export(project.app.outdir, valid=not built.warnings)


def check_html(path: Path) -> None:
    html = path.read_text(encoding='utf-8')
    soup = BeautifulSoup(html, 'html.parser')
    main = soup.find('div', role='main')
    assert isinstance(main, Tag)
    assert main.find(['script', 'img', 'iframe', 'object', 'embed', 'style']) is None
    for element in soup.find_all(True):
        assert not any(name.lower().startswith('on') for name in element.attrs), element.name
        href = str(element.get('href', ''))
        assert not re.sub(r'[\x00-\x20]', '', href).lower().startswith('javascript:'), href
    ids = [str(element['id']) for element in main.find_all(id=True)]
    assert len(ids) == len(set(ids)), 'two elements share an id'
    for svg in re.findall(r'<svg\b.*?</svg>', html, flags=re.DOTALL):
        SafeET.fromstring(svg)  # well-formed: every text escaped


def check_inventory(project: Project) -> None:
    with (project.app.outdir / 'objects.inv').open('rb') as stream:
        inventory = InventoryFile.load(stream, '', lambda *parts: '/'.join(parts))
    listed = {name for objtype, items in getattr(inventory, 'data', inventory).items()
              if objtype.startswith('gov:') for name in items}
    defined = set(project.app.env.domains['gov'].graph.by_id)
    assert listed == defined


def check_export(outdir: Path, valid: bool) -> None:
    """The export reads as JSON and CSV, with no formula; a build without warnings (one
    a strict build publishes) also gives JSON its schema accepts."""
    export = json.loads((outdir / JSON_NAME).read_text(encoding='utf-8'))
    if valid:
        jsonschema.validate(export, json.loads((outdir / SCHEMA_NAME).read_text(encoding='utf-8')))
    for name in CSV_NAMES:
        with (outdir / name).open(encoding='utf-8-sig', newline='') as stream:
            for row in csv.reader(stream):
                for cell in row:
                    assert not cell or cell[0] == "'" or not is_formula(cell), cell[:80]


def is_formula(cell: str) -> bool:
    first = cell[0]
    return (unicodedata.category(first) in {'Zs', 'Zl', 'Zp', 'Cc', 'Cf'}
            or unicodedata.normalize('NFKC', first)[:1] in FORMULA_TRIGGERS)


# -- the tests ------------------------------------------------------------------------


def test_the_base_page_has_every_directive(project: Project) -> None:
    registered = project.directives()
    assert set(registered) == {name for name, *_ in BASE}
    for name, _, options, _ in BASE:
        assert set(options) <= set(registered[name]), name
    # every object type of the vocabulary is a directive, with an option per field, and
    # where it was copied from
    for objtype, spec in OBJECT_TYPES.items():
        assert set(registered[objtype]) == {*spec.field_names, ORIGINAL_OPTION}


@given(data=st.data())
def test_any_option_value_of_any_directive(project: Project, data: st.DataObject) -> None:
    registered = project.directives()
    choices = [(index, option) for index, (name, *_) in enumerate(BASE)
               for option in registered[name]]
    index, option = data.draw(st.sampled_from(choices), label='directive and option')
    yaml = data.draw(st.booleans(), label='in a YAML block')
    value = data.draw(text_values(), label='value')
    if yaml:
        written = data.draw(st.one_of(
            st.just(json.dumps(value)), st.sampled_from(YAML_ODD)), label='YAML text')
    else:
        written = line_value(value)
    check(project, project.build(page((index, option, written, yaml))))


@given(data=st.data())
def test_any_argument_and_role_target(project: Project, data: st.DataObject) -> None:
    """The argument of any directive that takes one (an id, a CSV path, a version) and
    the target of any role of the domain. (A directive without arguments reads the text
    after its name as its Markdown body: authored content, as MyST-Parser reads it.)"""
    takes = project.takes_an_argument()
    index = data.draw(st.sampled_from([index for index, (name, *_) in enumerate(BASE)
                                       if takes[name]]), label='directive')
    argument = line_value(data.draw(text_values(), label='argument'))
    role = data.draw(st.sampled_from(sorted(project.app.env.domains['gov'].roles)),
                     label='role')
    target = line_value(data.draw(text_values(), label='target')).replace('`', "'")
    text = f'See {{gov:{role}}}`{target}` and {{gov:{role}}}`a title <{target}>`.\n'
    check(project, project.build(page(argument_of=(index, argument), text=text)))


@given(data=csv_files())
def test_any_csv_file(project: Project, data: bytes) -> None:
    check(project, project.build(page(), data))


def test_the_clean_project_builds_as_before(project: Project) -> None:
    """After every hostile example, the clean sources give the outputs they gave first:
    nothing of an example outlives it (an incremental build equals the first)."""
    built = project.build(page())
    assert built.warnings == []
    assert project.outputs() == project.baseline


def test_the_example_database_is_committed() -> None:
    assert (Path(__file__).parent / 'hypothesis-examples' / 'README.md').is_file()

