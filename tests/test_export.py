"""The export: provenance.json against its schema and the sources, and the CSV tables.

Expected counts and relations are read off the test root's Markdown sources with
regular expressions, independently of the extension's parser and of the export.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from common import (
    BuiltRoot,
    build,
    defined_objects,
    directive_options,
    gov_warnings,
    write_project,
)
from docutils import nodes
from gov_provenance.body import paragraphs
from gov_provenance.export import build_time, json_text, source_commit
from gov_provenance.model import OBJECT_TYPES, RELATIONS, FieldKind
from gov_provenance.nodes import summary_parts
from gov_provenance.schema import provenance_schema
from gov_provenance.tables import SHARED_COLUMNS, csv_text, neutralise
from gov_provenance.text import joined_text, summary_text
from jsonschema import Draft202012Validator
from sphinx import addnodes
from sphinx.testing.util import SphinxTestApp

EXPORT_FILES = ('provenance.json', 'provenance.schema.json',
                'principles.csv', 'evidence.csv', 'links.csv')
#: the options whose values are ids of other objects
REFERENCE_OPTIONS = frozenset({
    'shapes', 'meeting', 'source', 'principle', 'because', 'working-group', 'implements',
})


def load(app: SphinxTestApp) -> dict[str, Any]:
    return json.loads((app.outdir / 'provenance.json').read_text(encoding='utf-8'))


def schema() -> dict[str, Any]:
    return provenance_schema()


def written_references(srcdir: Path, defined: set[str]) -> set[tuple[str, str, str]]:
    """``(from, option, to)`` for every id a directive's reference option names."""
    return {
        (object_id, option, target)
        for object_id, option, value in directive_options(srcdir)
        if option in REFERENCE_OPTIONS
        for target in re.split(r'[\s,、]+', value)
        if target in defined
    }


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b'\xef\xbb\xbf'), f'{path.name} has no byte order mark'
    return list(csv.DictReader(io.StringIO(raw.decode('utf-8-sig'), newline='')))


@pytest.fixture
def views(built_root: BuiltRoot) -> SphinxTestApp:
    """The ``views`` root, built once for every test that only reads the build."""
    app = built_root('views')
    assert app.warning.getvalue() == ''
    return app


def test_schema_is_valid_and_matches_the_vocabulary() -> None:
    """Each object type's fields in the schema are the directive's options, with their kinds."""
    Draft202012Validator.check_schema(schema())
    by_type = {
        rule['if']['properties']['type']['const']: rule['then']['properties']['fields']
        for rule in schema()['$defs']['object']['allOf']
    }
    assert set(by_type) == set(OBJECT_TYPES)
    assert set(schema()['$defs']['type']['enum']) == set(OBJECT_TYPES)
    for name, objtype in OBJECT_TYPES.items():
        fields = by_type[name]
        assert set(fields['properties']) == set(objtype.field_names), name
        assert set(fields['required']) == {f.name for f in objtype.fields if f.required}, name
        for spec in objtype.fields:
            if spec.kind in {FieldKind.CHOICE, FieldKind.STATUS}:
                assert fields['properties'][spec.name]['enum'] == list(spec.choices)
            if spec.kind is FieldKind.REFS:
                assert fields['properties'][spec.name]['type'] == 'array'
            if spec.kind is FieldKind.INTEGER:
                assert fields['properties'][spec.name]['minimum'] == spec.minimum, spec.name


def test_schema_names_the_relations_of_the_vocabulary() -> None:
    """A relation declared in the model is named in the schema, from both ends."""
    assert schema()['$defs']['relation-name']['enum'] == list(
        dict.fromkeys(relation.name for relation in RELATIONS))
    assert schema()['$defs']['inverse-name']['enum'] == list(
        dict.fromkeys(relation.inverse for relation in RELATIONS))


def test_export_validates_against_its_schema(views: SphinxTestApp) -> None:
    for name in EXPORT_FILES:
        assert (views.outdir / name).is_file(), name
    shipped = json.loads((views.outdir / 'provenance.schema.json').read_text(encoding='utf-8'))
    assert shipped == schema()
    errors = list(Draft202012Validator(shipped).iter_errors(load(views)))
    assert errors == []


def test_schema_rejects_a_broken_export(views: SphinxTestApp) -> None:
    data = load(views)
    data['objects'][0]['fields']['status'] = 'approved'
    del data['relations'][0]['inverse']
    errors = list(Draft202012Validator(schema()).iter_errors(data))
    assert len(errors) == 2


def errors_after(data: dict[str, Any], change: Callable[[dict[str, Any]], None]) -> list[str]:
    broken = copy.deepcopy(data)
    change(broken)
    return [error.message for error in Draft202012Validator(schema()).iter_errors(broken)]


def test_schema_holds_each_relation_to_its_declaration(views: SphinxTestApp) -> None:
    """What the vocabulary declares of a relation, the schema requires of each link and
    of each object's ``relations``: its carrier, inverse, targets, and where it may be
    inferred."""
    data = load(views)
    declared = {(r.source_type, r.name): r for r in RELATIONS}
    plain = next(i for i, link in enumerate(data['relations'])
                 if not declared[link['from_type'], link['relation']].inferable)
    link = data['relations'][plain]
    relation = declared[link['from_type'], link['relation']]
    other_inverse = next(r.inverse for r in RELATIONS if r.inverse != relation.inverse)
    other_type = next(name for name in OBJECT_TYPES if name not in relation.targets)
    not_carried = next(r.name for r in RELATIONS if (link['from_type'], r.name) not in declared)
    first = data['objects'][0]
    names_of_first = {r.name for r in RELATIONS if r.source_type == first['type']} | {
        r.inverse for r in RELATIONS if first['type'] in r.targets}
    foreign = next(name for r in RELATIONS for name in (r.name, r.inverse)
                   if name not in names_of_first)
    changes: list[Callable[[dict[str, Any]], None]] = [
        lambda d: d['relations'][plain].update(inferred=True),
        lambda d: d['relations'][plain].update(inverse=other_inverse),
        lambda d: d['relations'][plain].update(to_type=other_type),
        lambda d: d['relations'][plain].update(relation=not_carried),
        lambda d: d['objects'][0]['relations'].update({foreign: ['X']}),
    ]
    assert errors_after(data, lambda d: None) == []
    for change in changes:
        assert len(errors_after(data, change)) == 1


def test_export_lists_every_object_of_the_sources(views: SphinxTestApp) -> None:
    defined = defined_objects(views.srcdir)
    objects = load(views)['objects']
    assert Counter(obj['type'] for obj in objects) == Counter(t for _, t in defined.values())
    assert {obj['id']: (obj['source'], obj['type']) for obj in objects} == {
        object_id: (f'{page_name}.md', objtype)
        for object_id, (page_name, objtype) in defined.items()
    }


def test_every_url_leads_to_the_object(views: SphinxTestApp) -> None:
    for obj in load(views)['objects']:
        page_name, _, anchor = obj['url'].partition('#')
        soup = BeautifulSoup((views.outdir / page_name).read_text(encoding='utf-8'),
                             'html.parser')
        element = soup.find(id=anchor)
        assert element is not None, obj['url']
        assert f'gov-{obj["type"]}' in element.get('class', []), obj['url']


def test_relations_are_those_written_in_the_sources(views: SphinxTestApp) -> None:
    expected = written_references(views.srcdir, set(defined_objects(views.srcdir)))
    relations = load(views)['relations']
    assert len(relations) == len(expected)
    assert {(r['from'], r['relation'], r['to']) for r in relations} == expected


def test_relations_appear_from_both_ends(views: SphinxTestApp) -> None:
    data = load(views)
    objects = {obj['id']: obj for obj in data['objects']}
    ends = set()
    for relation in data['relations']:
        source, target = objects[relation['from']], objects[relation['to']]
        assert (relation['from_type'], relation['to_type']) == (source['type'], target['type'])
        assert relation['to'] in source['relations'][relation['relation']]
        assert relation['from'] in target['relations'][relation['inverse']]
        ends.add((relation['from'], relation['relation'], relation['to']))
        ends.add((relation['to'], relation['inverse'], relation['from']))
    listed = {
        (obj['id'], name, other)
        for obj in data['objects'] for name, ids in obj['relations'].items() for other in ids
    }
    assert listed == ends


def test_the_views_root_relations_by_example(views: SphinxTestApp) -> None:
    """Spot checks, read off ``revisions.md`` and ``opinions.md`` of the root."""
    objects = {obj['id']: obj for obj in load(views)['objects']}
    assert objects['R1']['relations']['because'] == ['O2', 'F1']
    assert 'R1' in objects['O2']['relations']['cited-by']
    assert objects['O2']['relations']['shapes'] == ['P01', 'P02']
    assert set(objects['P01']['relations']['revisions']) == {'R1', 'R2'}
    assert objects['O4']['relations'] == {'meeting': ['M2']}


def test_two_builds_are_byte_identical(
    rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv('SOURCE_DATE_EPOCH', raising=False)
    first = build(rootdir / 'test-views', tmp_path / 'first')
    second = build(rootdir / 'test-views', tmp_path / 'second')
    for name in EXPORT_FILES:
        assert (first.outdir / name).read_bytes() == (second.outdir / name).read_bytes(), name
    assert 'generated' not in load(first)['handbook']


def test_build_time_comes_only_from_source_date_epoch(
    rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv('SOURCE_DATE_EPOCH', '1643000000')
    app = build(rootdir / 'test-export', tmp_path / 'export',
                confoverrides={'gov_source_commit': 'ABCDEF0123456789'})
    assert load(app)['handbook'] == {
        'project': 'Export test', 'version': '2.3.4', 'language': 'en',
        'base_url': None, 'commit': 'abcdef0123456789', 'generated': '2022-01-24T04:53:20Z',
    }


@pytest.mark.parametrize('epoch', ['²', '٣', '1' * 5000, '-1', 'soon'])
def test_a_source_date_epoch_that_is_not_a_number_gives_no_time(
    monkeypatch: pytest.MonkeyPatch, epoch: str
) -> None:
    monkeypatch.setenv('SOURCE_DATE_EPOCH', epoch)
    assert build_time() is None


def test_csv_tables_follow_the_export(views: SphinxTestApp) -> None:
    data = load(views)
    by_type = Counter(obj['type'] for obj in data['objects'])
    principles = read_csv(views.outdir / 'principles.csv')
    assert [row['id'] for row in principles] == [
        obj['id'] for obj in data['objects'] if obj['type'] == 'principle'
    ]
    evidence = read_csv(views.outdir / 'evidence.csv')
    assert len(evidence) == by_type['opinion'] + by_type['finding'] + by_type['source']
    by_id = {row['id']: row for row in evidence}
    assert by_id['O2']['principles'].split() == ['P01', 'P02']
    assert by_id['O4']['principles'] == ''
    links = read_csv(views.outdir / 'links.csv')
    assert [(row['from'], row['relation'], row['to']) for row in links] == [
        (r['from'], r['relation'], r['to']) for r in data['relations']
    ]


def test_csv_cells_cannot_run_as_formulas(rootdir: Path, tmp_path: Path) -> None:
    """``roots/test-export`` gives a label, a title and a summary that start like formulas."""
    app = build(rootdir / 'test-export', tmp_path / 'export')
    principle = read_csv(app.outdir / 'principles.csv')[0]
    assert (principle['label'], principle['title']) == ("'=1+2", "'+Plain title")
    assert read_csv(app.outdir / 'evidence.csv')[0]['summary'] == "'@SUM(A1:A2)"
    # the JSON keeps the text as written
    objects = {obj['id']: obj for obj in load(app)['objects']}
    assert objects['P1']['fields']['label'] == '=1+2'
    assert objects['M1']['fields']['title'] == '-First meeting'


@pytest.mark.parametrize('cell', [
    '=1+2', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', '\x00=1+1', '\x00plain',
    '\uff1d1+1', '\uff0b1', '\uff0d1', '\uff20SUM(A1)', '\ufe661', '\u22121',
    '\u200b=1+1', '\ufeff=1+1', ' =1+1', '\u3000=1+1', '\u2028=1', "'=1+2", "'quoted",
])
def test_no_cell_a_spreadsheet_could_run_is_left_as_written(cell: str) -> None:
    assert neutralise(cell) == f"'{cell}"


@pytest.mark.parametrize('cell', ['Plain', '顧客視点', '1', 'A-1', '', 'x=1', 'P01 P02'])
def test_other_cells_are_left_as_written(cell: str) -> None:
    assert neutralise(cell) == cell


def test_the_original_is_one_leading_quote_away() -> None:
    """What provenance.json holds, a CSV reader gets back by removing one leading ``'``."""
    cells = ['=1', "'=1", "''=1", "'", 'plain', "it's", '\ufeff=1']
    rows = list(csv.reader(io.StringIO(csv_text([cells]), newline='')))
    assert [cell[1:] if cell.startswith("'") else cell for cell in rows[0]] == cells


def test_summary_shows_text_without_citation_keys(rootdir: Path, tmp_path: Path) -> None:
    """``roots/test-export``: the meeting's text cites ``minutes`` before its full stop."""
    app = build(rootdir / 'test-export', tmp_path / 'export')
    objects = {obj['id']: obj for obj in load(app)['objects']}
    assert objects['M1']['summary'] == 'Held online.'


def test_a_summary_from_the_text_names_the_objects_it_links_to(tmp_path: Path) -> None:
    srcdir = tmp_path / 'src'
    write_project(srcdir, (
        '# Links\n\n:::{gov:meeting} M1\n:number: 1\n:date: 2022-01-24\n'
        ':title: First meeting\n:::\n\n'
        ':::{gov:principle} P01\n:number: 1\n:label: User focus\n:::\n\n'
        ':::{gov:opinion} O1\n:meeting: M1\n:shapes: P01\n\n'
        'Builds on {gov:principle}`P01`, raised at {any}`M1` ({gov:principle}`this <P01>`).\n'
        ':::\n'))
    app = build(srcdir, tmp_path / 'build')
    objects = {obj['id']: obj for obj in load(app)['objects']}
    assert objects['O1']['summary'] == 'Builds on #1 User focus, raised at First meeting (this).'
    view = BeautifulSoup((app.outdir / 'index.html').read_text(encoding='utf-8'), 'html.parser')
    assert 'Builds on #1 User focus,' in view.get_text()
    assert 'Builds on P01' not in view.get_text()


def test_export_can_be_turned_off(rootdir: Path, tmp_path: Path) -> None:
    app = build(rootdir / 'test-export', tmp_path / 'export',
                confoverrides={'gov_export': False})
    assert app.statuscode == 0
    assert not any((app.outdir / name).exists() for name in EXPORT_FILES)


def test_no_export_from_a_non_html_build(rootdir: Path, tmp_path: Path) -> None:
    app = build(rootdir / 'test-export', tmp_path / 'text', 'text')
    assert not (app.outdir / 'provenance.json').exists()


def test_json_text_is_the_data_with_one_line_per_object() -> None:
    data = {
        'format': '1.0',
        'handbook': {'project': '東京', 'version': None},
        'objects': [{'id': 'P01', 'relations': {'shaped-by': ['O1', 'F1']}}, {'id': 'O1'}],
        'relations': [],
    }
    text = json_text(data)
    assert json.loads(text) == data
    assert '東京' in text  # not escaped to \uXXXX, so the file reads as it shows
    lines = text.splitlines()
    assert lines.count('    {"id": "O1"}') == 1
    assert '    {"id": "P01", "relations": {"shaped-by": ["O1", "F1"]}},' in lines


# -- format 1.4: addresses, the commit, texts, citations, revisions and meetings -------

BASE_URL = 'https://example.invalid/handbook'


@pytest.fixture
def export_root(built_root: BuiltRoot) -> SphinxTestApp:
    """``roots/test-export``, copied out of the repository (so no commit is found)."""
    app = built_root('export')
    assert app.warning.getvalue() == ''
    return app


def test_absolute_urls_come_from_html_baseurl(built_root: BuiltRoot) -> None:
    app = built_root('export', html_baseurl=BASE_URL)
    data = load(app)
    assert data['handbook']['base_url'] == BASE_URL + '/'
    for obj in data['objects']:
        assert obj['absolute_url'] == f'{BASE_URL}/{obj["url"]}', obj['id']
    for name in ('principles.csv', 'evidence.csv', 'revisions.csv', 'meetings.csv'):
        for row in read_csv(app.outdir / name):
            assert row['absolute_url'] == f'{BASE_URL}/{row["url"]}', (name, row['id'])
    errors = list(Draft202012Validator(schema()).iter_errors(data))
    assert errors == []


def test_without_html_baseurl_no_absolute_url(export_root: SphinxTestApp) -> None:
    data = load(export_root)
    assert data['handbook']['base_url'] is None
    assert {obj['absolute_url'] for obj in data['objects']} == {None}
    assert {row['absolute_url'] for row in read_csv(export_root.outdir / 'principles.csv')} == {
        ''}


def test_without_git_or_gov_source_commit_the_commit_is_null(
    export_root: SphinxTestApp
) -> None:
    assert load(export_root)['handbook']['commit'] is None


def git(srcdir: Path, *args: str) -> str:
    result = subprocess.run(
        ['git', '-c', 'user.name=Test', '-c', 'user.email=test@example.invalid',
         '-c', 'commit.gpgsign=false', *args],
        cwd=srcdir, capture_output=True, text=True, check=True)
    return result.stdout.strip()


def test_the_commit_is_the_one_git_has_checked_out(rootdir: Path, tmp_path: Path) -> None:
    srcdir = tmp_path / 'src'
    shutil.copytree(rootdir / 'test-export', srcdir)
    git(srcdir, 'init', '--quiet')
    git(srcdir, 'add', '.')
    git(srcdir, 'commit', '--quiet', '-m', 'The sources')
    app = build(srcdir, tmp_path / 'build')
    commit = load(app)['handbook']['commit']
    assert commit == git(srcdir, 'rev-parse', 'HEAD') and len(commit) in {40, 64}


def test_without_git_itself_the_commit_is_null(
    export_root: SphinxTestApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv('PATH', '')
    assert source_commit(export_root.config, Path(export_root.srcdir)) is None


def test_a_gov_source_commit_that_is_no_commit_is_a_located_warning(
    rootdir: Path, tmp_path: Path
) -> None:
    """At its line of conf.py; git is asked instead (the copy is no checkout: null)."""
    srcdir = tmp_path / 'src'
    shutil.copytree(rootdir / 'test-export', srcdir)
    with (srcdir / 'conf.py').open('a', encoding='utf-8') as conf:
        conf.write("gov_source_commit = 'main; rm -rf /'\n")
    app = build(srcdir, tmp_path / 'build')
    [(location, subtype, message)] = gov_warnings(app)
    lines = (srcdir / 'conf.py').read_text(encoding='utf-8').splitlines()
    assert (location, subtype) == (f'{srcdir / "conf.py"}:{len(lines)}', 'invalid-setting')
    assert "gov_source_commit = 'main; rm -rf /' is not the id of a commit" in message
    assert load(app)['handbook']['commit'] is None


def test_each_object_has_its_whole_text_and_citation_keys(export_root: SphinxTestApp) -> None:
    """Read off ``roots/test-export/index.md``: two paragraphs, a list, a note, links
    shown by the names of what they link to, citations without their keys."""
    objects = {obj['id']: obj for obj in load(export_root)['objects']}
    assert objects['P2']['text'] == (
        'First paragraph, citing.\n\nan item linking -First meeting\n\nanother item\n\n'
        'A note.'
    )
    assert objects['P2']['summary'] == 'First paragraph, citing. an item linking -First ' \
        'meeting another item'
    assert objects['P2']['citations'] == ['survey', 'minutes']
    assert (objects['M1']['text'], objects['M1']['citations']) == ('Held online.', ['minutes'])
    assert (objects['R1']['text'], objects['R1']['citations']) == (
        'Reworded after O1.', ['minutes'])
    assert (objects['P1']['citations'], objects['O1']['citations']) == ([], [])
    assert objects['O1']['text'] == 'An opinion whose summary starts like a formula.'
    assert {obj['original'] for obj in objects.values()} == {None}


def test_the_tables_of_revisions_and_meetings(export_root: SphinxTestApp) -> None:
    revision, = read_csv(export_root.outdir / 'revisions.csv')
    assert revision == {
        'id': 'R1', 'name': '\'=HYPERLINK("https://example.invalid")',
        'title': '\'=HYPERLINK("https://example.invalid")', 'principle': 'P1',
        'meeting': 'M1', 'because': 'O1', 'inferred': '', 'date': '2022-01-24',
        'summary': 'Reworded after O1.', 'url': 'index.html#gov-revision-R1',
        'absolute_url': '', 'citations': 'minutes', 'original': '', 'original_url': '',
        'text': 'Reworded after O1.',
    }
    meeting, = read_csv(export_root.outdir / 'meetings.csv')
    assert meeting == {
        'id': 'M1', 'name': "'-First meeting", 'title': "'-First meeting", 'number': '1',
        'date': '2022-01-24', 'time': '', 'format': '', 'opinions': 'O1', 'revisions': 'R1',
        'summary': 'Held online.', 'url': 'index.html#gov-meeting-M1', 'absolute_url': '',
        'citations': 'minutes', 'original': '', 'original_url': '', 'text': 'Held online.',
    }


def test_the_tables_end_with_the_columns_of_format_1_4(export_root: SphinxTestApp) -> None:
    """Columns of a later format come after the earlier ones, which do not move."""
    first = {
        'principles.csv': 'id number label title status evidence evidence_ids revisions '
                          'guidelines gap url evidence_inferred evidence_inferred_ids '
                          'related_sources number_inferred',
        'evidence.csv': 'id type title summary status meeting source principles gap url '
                        'inferred',
    }
    for name, columns in first.items():
        with (export_root.outdir / name).open(encoding='utf-8-sig', newline='') as stream:
            header = next(csv.reader(stream))
        assert header[:len(columns.split())] == columns.split(), name
        assert header[-len(SHARED_COLUMNS):] == list(SHARED_COLUMNS), name
    principle = read_csv(export_root.outdir / 'principles.csv')[1]
    assert (principle['id'], principle['citations']) == ('P2', 'survey minutes')
    assert principle['text'].startswith('First paragraph, citing.\n\n')


@pytest.mark.parametrize(('where', 'value'), [
    pytest.param(('objects', 0, 'text'), 1, id='text'),
    pytest.param(('objects', 0, 'citations'), 'minutes', id='citations-not-a-list'),
    pytest.param(('objects', 0, 'citations'), [3], id='citations-not-text'),
    pytest.param(('objects', 0, 'absolute_url'), 5, id='absolute-url'),
    pytest.param(('objects', 0, 'original'), 'tokyo:P01', id='original-as-text'),
    pytest.param(('objects', 0, 'original'), {'inventory': 'tokyo', 'id': 'P01'},
                 id='original-without-url'),
    pytest.param(('handbook', 'commit'), 'HEAD', id='commit'),
    pytest.param(('handbook', 'base_url'), 3, id='base-url'),
])
def test_the_schema_rejects_a_wrong_type_for_the_members_of_format_1_4(
    export_root: SphinxTestApp, where: tuple[str | int, ...], value: object
) -> None:
    data = load(export_root)

    def change(broken: dict[str, Any]) -> None:
        container: Any = broken
        for key in where[:-1]:
            container = container[key]
        container[where[-1]] = value

    assert errors_after(data, lambda d: None) == []
    assert len(errors_after(data, change)) == 1


def test_the_new_tables_escape_formulas(export_root: SphinxTestApp) -> None:
    """A title that starts like a formula, in the tables of format 1.4 too."""
    assert read_csv(export_root.outdir / 'meetings.csv')[0]['title'].startswith("'")
    assert read_csv(export_root.outdir / 'revisions.csv')[0]['title'].startswith("'=")


def test_a_link_in_the_text_adds_no_space_to_it() -> None:
    """A glossary term inside Japanese text (``最初の{term}`ガイドライン`のテーマ``)
    reads as the page shows it, in the text and in the summary."""
    paragraph = nodes.paragraph('', '', nodes.Text('最初の'), addnodes.pending_xref(
        '', nodes.inline('', 'ガイドライン'), refdomain='std', reftype='term',
        reftarget='ガイドライン'), nodes.Text('のテーマ。'))
    [parts] = paragraphs([paragraph])
    assert joined_text(parts) == summary_text(summary_parts([paragraph])) == (
        '最初のガイドラインのテーマ。')
