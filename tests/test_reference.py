"""The extension reference's tables of options and warnings, drawn from the model.

The built reference (``handbook/about/extension.md``, in the handbook built once per
session) must list, in its tables, every option of every object type with what the
model declares of it, and every subtype of the registry with its docstring: read
from the model and the registry, so that a new option or warning that the reference
left out fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from common import build, strip_colors, text, write_project
from gov_provenance.locale import kind_label, translated, value_label
from gov_provenance.model import OBJECT_TYPES
from gov_provenance.reference import sentence, warning_docs
from gov_provenance.vocabulary import FieldSpec
from gov_provenance.warnings_ import GovWarning
from test_labels import speaking


def reference(handbook_html: Path) -> BeautifulSoup:
    path = handbook_html / 'about' / 'extension.html'
    return BeautifulSoup(path.read_text(encoding='utf-8'), 'html.parser')


def rows(table: Tag) -> list[list[Tag]]:
    return [row.find_all('td') for row in table.find_all('tr') if row.find('td')]


def option_tables(soup: BeautifulSoup) -> dict[str, Tag]:
    """Each table of options, by the object type whose section holds it."""
    tables = {}
    for table in soup.find_all('table', class_='gov-reference-options'):
        heading = table.find_previous(['h3', 'h2'])
        assert isinstance(heading, Tag)
        objtype = text(heading).split()[0].split('（')[0].removeprefix('gov:')
        assert objtype not in tables, f'two tables of options for {objtype}'
        tables[objtype] = table
    return tables


def both(english: str, shown: str | None = None) -> str:
    """What a cell of the Japanese reference reads: the Japanese, then the English."""
    with speaking('ja'):
        japanese = translated(english)
    return f'{japanese} / {shown or english}'


def test_every_object_type_has_its_table_of_options(handbook_html: Path) -> None:
    assert list(option_tables(reference(handbook_html))) == list(OBJECT_TYPES)


@pytest.mark.parametrize('objtype', OBJECT_TYPES)
def test_a_table_lists_every_option_as_the_model_declares_it(
    handbook_html: Path, objtype: str
) -> None:
    table = option_tables(reference(handbook_html))[objtype]
    cells = rows(table)
    assert [text(row[0]) for row in cells] == [f':{f.name}:' for f in OBJECT_TYPES[objtype].fields]
    for row, spec in zip(cells, OBJECT_TYPES[objtype].fields, strict=True):
        with speaking('ja'):
            kind, required = kind_label(spec.kind), '必須' if spec.required else ''
        assert [text(row[1]), text(row[2])] == [kind, required], spec.name
        assert squeezed(row[4]) == text_of(both(spec.help, sentence(spec.help))), spec.name
        check_values(squeezed(row[3]), spec)


def check_values(shown: str, spec: FieldSpec) -> None:
    """Every choice with its label, the default marked; the minimum of a number."""
    with speaking('ja'):
        for value in spec.choices:
            label = value_label(value) + ('、既定' if value == spec.default else '')
            assert ''.join(f'{value}（{label}）'.split()) in shown, (spec.name, value)
    if spec.minimum:
        assert f'{spec.minimum}以上' in shown


def test_the_table_of_warnings_lists_every_subtype(handbook_html: Path) -> None:
    [table] = reference(handbook_html).find_all('table', class_='gov-reference-warnings')
    cells = rows(table)
    assert [text(row[0]) for row in cells] == [f'gov.{kind.value}' for kind in GovWarning]
    for row, (when, fix) in zip(cells, warning_docs().values(), strict=True):
        assert squeezed(row[1]) == text_of(both(when)), text(row[0])
        assert squeezed(row[2]) == text_of(both(fix)), text(row[0])


def text_of(markup: str) -> str:
    """Text as a cell shows it: the inline literals' backquotes gone; without spaces,
    which an inline literal adds around itself in the cell's text."""
    return ''.join(markup.replace('``', '').split())


def squeezed(cell: Tag) -> str:
    return ''.join(cell.get_text().split())


def test_every_subtype_says_when_it_is_reported_and_what_to_do() -> None:
    """As MyST-Parser's warnings do, each subtype documents itself; here also how to fix
    it, and both in Japanese too."""
    for kind, (when, fix) in warning_docs().items():
        assert when and fix, kind
        with speaking('ja'):
            assert translated(when) != when and translated(fix) != fix, kind


def test_in_english_the_tables_are_english_only(tmp_path: Path) -> None:
    app = build(write_project(tmp_path / 'src', (
        '# Reference\n\n:::{gov-options} meeting\n:::\n\n:::{gov-warnings}\n:::\n'
    )), tmp_path / 'build')
    assert app.warning.getvalue() == ''
    soup = BeautifulSoup((app.outdir / 'index.html').read_text(encoding='utf-8'),
                         'html.parser')
    options = soup.find('table', class_='gov-reference-options')
    assert isinstance(options, Tag)
    assert [text(th) for th in options.find_all('th')] == [
        'Option', 'Type', 'Required', 'Values', 'Meaning']
    date = next(row for row in rows(options) if text(row[0]) == ':date:')
    assert [text(cell) for cell in date] == [
        ':date:', 'date', 'required', '', sentence(OBJECT_TYPES['meeting'].field('date').help)]
    fmt = next(row for row in rows(options) if text(row[0]) == ':format:')
    assert text(fmt[3]) == 'online (Online) / in-person (In person) / hybrid (Hybrid)'
    warnings = soup.find('table', class_='gov-reference-warnings')
    assert isinstance(warnings, Tag) and ' / ' not in text(warnings)


def test_an_unknown_object_type_is_a_located_error(tmp_path: Path) -> None:
    srcdir = write_project(tmp_path / 'src', '# Reference\n\n:::{gov-options} kpi\n:::\n')
    app = build(srcdir, tmp_path / 'build')
    warning = strip_colors(app.warning.getvalue())
    assert f'{srcdir / "index.md"}:3: ERROR: gov-options: unknown object type' in warning
    assert "'kpi'; use one of principle, meeting" in warning
