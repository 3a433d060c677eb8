"""``gov:import-csv``: each row of a CSV file becomes an object of the type ``:type:``
names, its columns the type's fields.

The ``import-csv`` root imports the members' opinions of ``data/opinions.csv`` on
``opinions`` (``:meeting: M1`` for the rows whose ``meeting`` cell is empty; row 2
names M2) and a survey's answers on ``survey``, as findings, from columns the
directive names (``:id-column: 回答番号``). Row 1 of ``opinions.csv`` (``O-1``) says the
same as opinion ``H-1``, written by hand on ``by-hand``.

What the reading of a file guarantees (inside the source directory, bounded, one bad
row costing only its row) is shared with ``gov:findings-csv`` and tested at length
in ``test_findings_csv.py``; here, once, through ``gov:import-csv``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import Tag
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
from gov_provenance.model import GovObject
from sphinx.testing.util import SphinxTestApp
from test_findings_csv import import_line

pytestmark = pytest.mark.sphinx('html', testroot='import-csv', freshenv=True)


def domain(app: SphinxTestApp) -> GovDomain:
    return app.env.domains['gov']  # type: ignore[return-value]


def recorded(app: SphinxTestApp, docname: str) -> dict[str, GovObject]:
    return {obj.id: obj for obj in domain(app).objects.get(docname, [])}


def test_every_row_is_imported_as_its_type_and_counted(shared_app: SphinxTestApp) -> None:
    app = shared_app
    assert app.warning.getvalue() == ''
    opinions, findings = recorded(app, 'opinions'), recorded(app, 'survey')
    assert sorted(opinions) == ['O-1', 'O-2', 'O-3']
    assert {obj.objtype for obj in opinions.values()} == {'opinion'}
    assert sorted(obj.id for obj in findings.values() if obj.objtype == 'finding') == \
        ['S-1', 'S-2']
    assert {obj.origin for obj in opinions.values()} == {'data/opinions.csv'}
    status = strip_colors(app.status.getvalue())
    assert import_line('opinions', 3, 'opinions', 'data/opinions.csv', 0) in status.splitlines()
    assert import_line('survey', 2, 'findings', 'data/answers.csv', 0) in status.splitlines()
    assert app.env.dependencies['opinions'] == {Path(app.srcdir, 'data', 'opinions.csv')}


def test_a_row_renders_exactly_as_an_opinion_written_by_hand(shared_app: SphinxTestApp) -> None:
    app = shared_app
    imported = object_element(app, 'opinions', 'opinion', 'O-1')
    by_hand = object_element(app, 'by-hand', 'opinion', 'H-1')
    assert same_markup(imported, 'O-1') == same_markup(by_hand, 'H-1')
    objects = {entry[0]: entry for entry in domain(app).get_objects()}
    assert objects['O-1'][2:] == ('opinion', 'opinions', imported['id'], 1)
    view = text(object_element(app, 'p01', 'principle', 'P01'))
    assert 'Keep people waiting at the counter' in view


def same_markup(element: Tag, object_id: str) -> str:
    html = str(element).replace(object_id.lower(), 'ID').replace(object_id, 'ID')
    return re.sub(r'\s+', ' ', html)


def test_the_directive_gives_a_field_to_every_row_without_its_cell(
    shared_app: SphinxTestApp,
) -> None:
    opinions = recorded(shared_app, 'opinions')
    assert {object_id: obj.ref('meeting') for object_id, obj in opinions.items()} == {
        'O-1': 'M1', 'O-2': 'M2', 'O-3': 'M1',
    }
    assert opinions['O-2'].text('member') == 'Member A'
    assert opinions['O-2'].status == 'pending'
    assert opinions['O-3'].refs('shapes') == ('P01', 'P02')
    meetings = body(shared_app, 'meetings')
    second = text(object_element(shared_app, 'meetings', 'meeting', 'M2'))
    assert 'Publish the data sets.' in second and 'Keep people waiting' not in second
    assert 'Keep people waiting' in text(meetings)


def test_a_cell_is_text_and_its_blank_line_a_paragraph(shared_app: SphinxTestApp) -> None:
    opinion = object_element(shared_app, 'opinions', 'opinion', 'O-2')
    paragraphs = [text(p) for p in opinion.find_all('p', recursive=False)]
    assert {'Publish the data sets.', 'A second paragraph.'} <= set(paragraphs)
    markup = object_element(shared_app, 'opinions', 'opinion', 'O-3')
    assert markup.find('script') is None and markup.find('b') is None
    assert '<script>alert(1)</script> {raw}`html <b>x</b>` as text' in markup.get_text()


def test_columns_are_read_from_those_the_options_name(shared_app: SphinxTestApp) -> None:
    findings = recorded(shared_app, 'survey')
    assert findings['S-1'].ref('source') == 'SRC-S'
    assert findings['S-2'].refs('shapes') == ('P02',)
    assert '窓口の待ち時間が長い。' in text(object_element(shared_app, 'survey', 'finding', 'S-1'))


# -- problems with the directive or the file -------------------------------------------

PAGE = """\
:::{gov:principle} P01
:number: 1
:label: Principle 1
:::

:::{gov:meeting} M1
:number: 1
:date: 2022-01-24
:::

"""
GOOD = b'id,text,shapes\n1,An opinion.,P01\n'


def build_page(tmp_path: Path, directive: str, files: dict[str, bytes], **kwargs: Any
               ) -> SphinxTestApp:
    srcdir = tmp_path / 'src'
    (srcdir / 'data').mkdir(parents=True, exist_ok=True)
    write_project(srcdir, '# Opinions\n\n' + PAGE + directive)
    for name, data in files.items():
        (srcdir / name).write_bytes(data)
    return build(srcdir, tmp_path / 'build', **kwargs)


def own_warnings(app: SphinxTestApp) -> list[tuple[str, str, str]]:
    """The warnings of a :func:`build_page` project, but for the evidence it lacks."""
    return [w for w in gov_warnings(app) if w[1] not in {'no-evidence', 'unused-evidence'}]


def imported(app: SphinxTestApp) -> set[str]:
    return set(recorded(app, 'index')) - {'P01', 'M1'}


def directive(*options: str, path: str = 'data/a.csv') -> str:
    return '\n'.join([f':::{{gov:import-csv}} {path}', *options, ':::', ''])


def test_an_unknown_column_is_named_with_what_was_meant(tmp_path: Path) -> None:
    app = build_page(tmp_path, directive(':type: opinion', ':meeting: M1'),
                     {'data/a.csv': b'id,text,shape,notes\n1,An opinion.,P01,x\n'})
    csv_path = Path(app.srcdir, 'data', 'a.csv')
    [(location, subtype, message)] = own_warnings(app)
    assert (location, subtype) == (f'{csv_path}:1', 'csv-file')
    assert ("data/a.csv cannot be imported: its column 'shape' (and 1 more) is no field of "
            "gov:opinion (did you mean 'shapes'?)") in message
    assert 'id, text, title, meeting, shapes' in message
    assert imported(app) == set()


def test_a_header_of_many_unknown_columns_is_named_in_one_short_message(tmp_path: Path) -> None:
    header = ','.join(['id', 'text', 'x' * 5000, *(f'c{i}' for i in range(100_000))])
    app = build_page(tmp_path, directive(':type: opinion', ':meeting: M1'),
                     {'data/a.csv': f'{header}\n'.encode()})
    [(_, subtype, message)] = own_warnings(app)
    assert subtype == 'csv-file'
    assert f"its column '{'x' * 39}…' (and 100,000 more)" in message
    assert 'c99999' not in message and len(message) < 1000


def test_a_required_field_neither_given_nor_in_the_file(tmp_path: Path) -> None:
    app = build_page(tmp_path, directive(':type: opinion'), {'data/a.csv': GOOD})
    index = Path(app.srcdir, 'index.md')
    [(location, subtype, message)] = own_warnings(app)
    assert (location, subtype) == (f'{index}:{line_of(index, "{gov:import-csv}")}',
                                   'missing-option')
    assert message.startswith('gov:import-csv needs the meeting of every gov:opinion (')
    assert "give it with :meeting: under the directive line, or in a column 'meeting'" in message
    assert imported(app) == set()


def test_a_required_cell_left_empty_is_reported_at_its_row(tmp_path: Path) -> None:
    app = build_page(tmp_path, directive(':type: opinion'), {
        'data/a.csv': b'id,text,meeting\n1,First.,M1\n2,Second.,\n',
    })
    [(location, subtype, message)] = own_warnings(app)
    assert (location, subtype) == (f'{Path(app.srcdir, "data", "a.csv")}:3', 'missing-option')
    assert message.startswith("gov:opinion '2' needs its meeting (")
    assert ("row 2, column 'meeting' is empty: fill it in, or give every row one with "
            ':meeting: of gov:import-csv') in message


@pytest.mark.parametrize(('options', 'needle', 'subtype', 'expected'), [
    pytest.param((':meeting: M1',), '{gov:import-csv}', 'missing-option',
                 'gov:import-csv needs the :type: option', id='no-type'),
    pytest.param((':type: opinon', ':meeting: M1'), ':type:', 'invalid-option',
                 "gov:import-csv :type: 'opinon' is not a type a CSV file can hold (did you "
                 "mean 'opinion'?): use one of opinion, finding", id='unknown-type'),
    pytest.param((':type: opinion', ':meeting: M1', ':source: M1'), ':source:',
                 'invalid-option', 'gov:import-csv :source: is no option for :type: opinion',
                 id='option-of-another-type'),
])
def test_a_directive_that_names_no_type_it_can_import(
    tmp_path: Path, options: tuple[str, ...], needle: str, subtype: str, expected: str
) -> None:
    app = build_page(tmp_path, directive(*options), {'data/a.csv': GOOD})
    index = Path(app.srcdir, 'index.md')
    [(location, kind, message)] = own_warnings(app)
    assert (location, kind) == (f'{index}:{line_of(index, needle)}', subtype)
    assert expected in message
    assert imported(app) == set()


def test_each_bad_row_costs_only_its_row(tmp_path: Path) -> None:
    data = ('id,text,meeting\n1,First.,M1\n2,Too few cells\n3/x,Bad id.,M1\n4,,M1\n'
            '5,Fifth.,M1\n')
    app = build_page(tmp_path, directive(':type: opinion'), {'data/a.csv': data.encode()})
    csv_path = Path(app.srcdir, 'data', 'a.csv')
    assert [(location, subtype) for location, subtype, _ in own_warnings(app)] == [
        (f'{csv_path}:3', 'csv-columns'), (f'{csv_path}:4', 'invalid-id'),
        (f'{csv_path}:5', 'empty-text'),
    ]
    assert imported(app) == {'1', '5'}
    assert import_line('index', 2, 'opinions', 'data/a.csv', 3) in strip_colors(
        app.status.getvalue()).splitlines()


# -- one check, one message: a directive and a row ----------------------------------------


def test_an_id_is_checked_alike_in_a_directive_and_in_a_row(tmp_path: Path) -> None:
    page = ':::{gov:opinion} a/b\n:meeting: M1\n\nBy hand.\n:::\n\n:::{gov:opinion}\n:::\n\n'
    app = build_page(tmp_path, page + directive(':type: opinion', ':meeting: M1'), {
        'data/a.csv': b'id,text\na/b,From a row.\n,No id.\n',
    })
    index, csv_path = Path(app.srcdir, 'index.md'), Path(app.srcdir, 'data', 'a.csv')
    found = {(location, subtype): message for location, subtype, message in own_warnings(app)}
    by_hand = found[f'{index}:{line_of(index, "a/b")}', 'invalid-id']
    from_row = found[f'{csv_path}:2', 'invalid-id']
    assert by_hand.startswith("gov:opinion id 'a/b' is not valid: use letters, digits")
    assert from_row == f"data/a.csv row 1, column 'id': {by_hand}"
    no_id = found[f'{index}:{line_of_last(index, ":::{gov:opinion}")}', 'missing-id']
    row_no_id = found[f'{csv_path}:3', 'missing-id']
    assert no_id.startswith('gov:opinion has no id: give one after the directive name')
    assert row_no_id.startswith("data/a.csv row 2, column 'id': gov:opinion has no id: ")


def line_of_last(path: Path, needle: str) -> int:
    """The number of the last line of ``path`` that is ``needle``."""
    lines = path.read_text(encoding='utf-8').splitlines()
    return max(number for number, line in enumerate(lines, 1) if line == needle)


def test_a_control_character_is_told_alike_in_an_option_and_a_cell(tmp_path: Path) -> None:
    page = (':::{gov:opinion} D-1\n---\nmeeting: M1\ntitle: "A\\u2028title"\n---\n'
            'By hand.\n:::\n\n')
    app = build_page(tmp_path, page + directive(':type: opinion', ':meeting: M1'), {
        'data/a.csv': 'id,text,title\nR-1,From a row.,A\u2028title\n'.encode(),
    })
    messages = {Path(location.rpartition(':')[0]).name: message
                for location, subtype, message in own_warnings(app)
                if subtype == 'control-character'}
    by_hand, from_row = messages['index.md'], messages['a.csv']
    assert by_hand.startswith("gov:opinion 'D-1' :title: contains U+2028 (LINE SEPARATOR): ")
    assert from_row == by_hand.replace("'D-1' :title:", "'R-1' row 1, column 'title'")


# -- what a file may be: shared with gov:findings-csv --------------------------------------


def test_a_file_outside_the_source_directory_is_not_read(tmp_path: Path) -> None:
    (tmp_path / 'secret.csv').write_bytes(b'id,text,meeting\n1,SECRET-OUTSIDE,M1\n')
    app = build_page(tmp_path, directive(':type: opinion', path='../secret.csv'), {})
    [(_, subtype, message)] = own_warnings(app)
    assert subtype == 'csv-file' and 'leads outside the source directory' in message
    assert 'SECRET-OUTSIDE' not in app.warning.getvalue() + app.status.getvalue()
    assert imported(app) == set()


def test_a_file_over_the_size_limit_is_not_read(tmp_path: Path) -> None:
    data = b'id,text,meeting\n' + b''.join(b'%d,An opinion.,M1\n' % i for i in range(20))
    app = build_page(tmp_path, directive(':type: opinion'), {'data/a.csv': data},
                     confoverrides={'gov_csv_max_bytes': 100})
    [(_, subtype, message)] = own_warnings(app)
    assert subtype == 'csv-file' and 'larger than 100 bytes' in message
    assert imported(app) == set()
