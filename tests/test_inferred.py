"""Links inferred rather than stated: ``:inferred:``, its marks in every view, its export.

The ``inferred`` root records three principles and evidence linked to them:

- ``opinions.md``: O1 shapes P1 and says how that was inferred; O2 shapes P1 as
  stated; O3 shapes P1 and P2 by inference, and revision R1 of P2
  (``revisions.md``) cites O3, which states O3's link to P2;
- ``sources.md``: finding F1 of S1 shapes P2 by inference, F2 shapes P1 as stated;
- ``survey.md``: ``data/answers.csv`` imports C-1 (an inferred link to P3, given in
  the column ``how inferred``) and C-2 (a stated one).

Which objects record ``:inferred:`` is read off the Markdown and CSV sources below,
independently of the extension's parser.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import Tag
from common import (
    body,
    build,
    directive_options,
    gov_warnings,
    line_of,
    object_element,
    text,
)
from gov_provenance.schema import provenance_schema
from jsonschema import Draft202012Validator
from sphinx.testing.util import SphinxTestApp
from test_incremental import Project, content_pages
from test_locale import label

ROOT = 'inferred'
#: where each object the tests look at is defined: id -> (page, object type)
DEFINED = {
    'P1': ('principles', 'principle'), 'P2': ('principles', 'principle'),
    'P3': ('principles', 'principle'),
    'O1': ('opinions', 'opinion'), 'O2': ('opinions', 'opinion'),
    'O3': ('opinions', 'opinion'),
    'S1': ('sources', 'source'), 'F1': ('sources', 'finding'), 'F2': ('sources', 'finding'),
    'S2': ('survey', 'source'), 'C-1': ('survey', 'finding'), 'C-2': ('survey', 'finding'),
}


def inferred_in_sources(srcdir: Path) -> dict[str, str]:
    """id -> the ``:inferred:`` text of every object whose source gives one."""
    found = {
        object_id: value
        for object_id, option, value in directive_options(srcdir)
        if option == 'inferred' and value
    }
    with (srcdir / 'data' / 'answers.csv').open(encoding='utf-8', newline='') as stream:
        for row in csv.DictReader(stream):
            if row['how inferred'].strip():
                found[f'C-{row["id"]}'] = row['how inferred']
    return found


@pytest.fixture(scope='module')
def inferred(rootdir: Path, tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    app = build(rootdir / f'test-{ROOT}', tmp_path_factory.mktemp(ROOT))
    assert app.warning.getvalue() == ''
    return app


def element(app: SphinxTestApp, object_id: str) -> Tag:
    page_name, objtype = DEFINED[object_id]
    return object_element(app, page_name, objtype, object_id)


def marked_items(part: Tag) -> dict[str, bool]:
    """Each list item of a part of a view, by the text of its first link (an opinion or
    a finding: by the id its link leads to, as it is named by its text): marked inferred?"""
    result = {}
    for item in part.find_all('li'):
        badge = item.find('span', class_='gov-inferred')
        link = item.find('a')
        anchor = str(link.get('href', '')).partition('#')[2]
        evidence = re.fullmatch(r'gov-(?:opinion|finding)-(.+)', anchor)
        result[evidence[1] if evidence else text(link)] = badge is not None
    return result


def shaped_by(app: SphinxTestApp, principle_id: str) -> Tag:
    """The part "Main opinions and findings on this principle" of a principle's view, without its
    picture (whose list says the same again; see test_diagram.py)."""
    view = element(app, principle_id).find('div', class_='gov-view')
    assert isinstance(view, Tag)
    part = view.new_tag('div')
    for child in view.find_all(recursive=False):
        classes = child.get('class', [])
        if 'rubric' in classes and part.contents:
            break
        if 'rubric' not in classes and 'gov-diagram' not in classes:
            part.append(copy.copy(child))
    return part


def principles_shaped(app: SphinxTestApp, evidence_id: str) -> Tag:
    """The list "Related principles" of an opinion's, finding's or source's view."""
    view = element(app, evidence_id).find('div', class_='gov-view')
    assert isinstance(view, Tag)
    heading = view.find(class_='rubric')
    assert isinstance(heading, Tag) and text(heading) == 'Related principles'
    items = heading.find_next_sibling()
    assert isinstance(items, Tag)
    return items


# -- the object's own page --------------------------------------------------------------


def test_the_object_shows_how_its_links_were_inferred(inferred: SphinxTestApp) -> None:
    written = inferred_in_sources(inferred.srcdir)
    assert set(written) == {'O1', 'O3', 'F1', 'C-1'}
    for object_id in DEFINED:
        fields = element(inferred, object_id).find('dl', class_='gov-fields')
        shown = {
            text(name).rstrip(':').strip(): text(name.find_next_sibling('dd'))
            for name in (fields.find_all('dt') if isinstance(fields, Tag) else [])
        }
        if object_id in written:
            assert shown.get('Inferred links') == written[object_id], object_id
        else:
            assert 'Inferred links' not in shown, object_id


# -- the views --------------------------------------------------------------------------


def test_a_principle_marks_exactly_the_evidence_linked_by_inference(
    inferred: SphinxTestApp,
) -> None:
    # O3 is marked for P1 only: for P2, revision R1 states the link by citing it
    assert marked_items(shaped_by(inferred, 'P1')) == {
        'O1': True, 'O2': False, 'O3': True, 'F2': False,
    }
    assert marked_items(shaped_by(inferred, 'P2')) == {'O3': False, 'F1': True}
    assert marked_items(shaped_by(inferred, 'P3')) == {'C-1': True, 'C-2': False}


def test_a_principle_explains_the_mark_only_where_it_shows_one(
    inferred: SphinxTestApp, rootdir: Path, tmp_path: Path,
) -> None:
    legend = shaped_by(inferred, 'P1').find('p', class_='gov-legend')
    assert isinstance(legend, Tag)
    assert 'inferred' in text(legend)
    # without any :inferred:, no mark and no legend anywhere
    views = build(rootdir / 'test-views', tmp_path / 'views')
    for name in ('principles', 'opinions', 'sources', 'matrix', 'table'):
        page = body(views, name)
        assert page.find(class_='gov-inferred') is None, name
        assert page.find(class_='gov-legend') is None, name


def test_the_mark_is_a_word_after_the_item(inferred: SphinxTestApp) -> None:
    item = shaped_by(inferred, 'P1').find('li')
    assert isinstance(item, Tag)
    badge = item.find('span', class_='gov-inferred')
    assert isinstance(badge, Tag) and text(badge) == 'Inferred'
    # after the link, the summary and the status
    assert text(item).endswith('Ask users first. Pending Inferred')


def test_evidence_marks_exactly_the_principles_it_shaped_by_inference(
    inferred: SphinxTestApp,
) -> None:
    expected = {
        'O1': {'#1 User focus': True},
        'O2': {'#1 User focus': False},
        'O3': {'#1 User focus': True, '#2 Openness': False},
        'F1': {'#2 Openness': True},
        'F2': {'#1 User focus': False},
        'C-1': {'#3 Learning': True},
        'C-2': {'#3 Learning': False},
        # a source: through its findings, F1's inferred link, F2's stated one
        'S1': {'#1 User focus': False, '#2 Openness': True},
        'S2': {'#3 Learning': False},
    }
    for evidence_id, marks in expected.items():
        assert marked_items(principles_shaped(inferred, evidence_id)) == marks, evidence_id


def test_matrix_and_table_count_the_inferred_links(inferred: SphinxTestApp) -> None:
    # the evidence marked in the principle views above: P1 O1, O3; P2 F1; P3 C-1
    of_which = {'#1 User focus': 2, '#2 Openness': 1, '#3 Learning': 1}
    for name, cls in (('matrix', 'gov-matrix'), ('table', 'gov-principle-table')):
        page = body(inferred, name)
        table = page.find('table', class_=cls)
        assert isinstance(table, Tag)
        header = [text(th) for th in table.thead.find_all('th')]
        column = header.index('Of which inferred')
        counts = {}
        for row in table.tbody.find_all('tr'):
            cells = row.find_all(['th', 'td'])
            counts[text(cells[0].find('a'))] = int(text(cells[column]))
        assert counts == of_which, name
        legend = table.find_next_sibling('p', class_='gov-legend')
        assert isinstance(legend, Tag) and 'Counts include links inferred' in text(legend)


def test_the_matrix_total_still_counts_every_link(inferred: SphinxTestApp) -> None:
    table = body(inferred, 'matrix').find('table', class_='gov-matrix')
    assert isinstance(table, Tag)
    header = [text(th) for th in table.thead.find_all('th')]
    totals = {
        text(row.th.find('a')): int(text(row.find_all(['th', 'td'])[header.index('Total')]))
        for row in table.tbody.find_all('tr')
    }
    assert totals == {'#1 User focus': 4, '#2 Openness': 2, '#3 Learning': 2}


# -- the export -------------------------------------------------------------------------


def export(app: SphinxTestApp) -> dict[str, Any]:
    return json.loads((app.outdir / 'provenance.json').read_text(encoding='utf-8'))


def read_csv(app: SphinxTestApp, name: str) -> list[dict[str, str]]:
    raw = (app.outdir / name).read_bytes()
    assert raw.startswith(b'\xef\xbb\xbf'), f'{name} lost its byte order mark'
    return list(csv.DictReader(io.StringIO(raw.decode('utf-8-sig'), newline='')))


def test_the_json_export_carries_the_field_and_marks_each_link(inferred: SphinxTestApp) -> None:
    data = export(inferred)
    schema = provenance_schema()
    assert list(Draft202012Validator(schema).iter_errors(data)) == []
    written = inferred_in_sources(inferred.srcdir)
    for obj in data['objects']:
        assert obj['fields'].get('inferred') == written.get(obj['id']), obj['id']
    shapes = [r for r in data['relations'] if r['relation'] == 'shapes']
    assert len(shapes) == 8
    for relation in data['relations']:
        expected = relation['relation'] == 'shapes' and relation['from'] in written
        assert relation['inferred'] is expected, relation


def test_the_schema_requires_a_boolean_on_every_relation(inferred: SphinxTestApp) -> None:
    schema = provenance_schema()
    data = export(inferred)
    data['relations'][0]['inferred'] = 'yes'
    del data['relations'][1]['inferred']
    data['objects'][0]['fields']['inferred'] = 'a principle has no inferred links'
    assert len(list(Draft202012Validator(schema).iter_errors(data))) == 3


def test_the_csv_tables_carry_it(inferred: SphinxTestApp) -> None:
    written = inferred_in_sources(inferred.srcdir)
    evidence = read_csv(inferred, 'evidence.csv')
    assert {row['id']: row['inferred'] for row in evidence} == {
        row['id']: written.get(row['id'], '') for row in evidence
    }
    relations = export(inferred)['relations']
    links = read_csv(inferred, 'links.csv')
    assert [(row['from'], row['relation'], row['to'], row['inferred']) for row in links] == [
        (r['from'], r['relation'], r['to'], 'true' if r['inferred'] else 'false')
        for r in relations
    ]
    principles = {row['id']: row for row in read_csv(inferred, 'principles.csv')}
    assert {pid: (row['evidence_inferred'], row['evidence_inferred_ids'])
            for pid, row in principles.items()} == {
        'P1': ('2', 'O1 O3'), 'P2': ('1', 'F1'), 'P3': ('1', 'C-1'),
    }


def test_the_inferred_text_is_guarded_against_formulas(rootdir: Path, tmp_path: Path) -> None:
    project = Project(rootdir, tmp_path, ROOT)
    project.edit('opinions.md', ':inferred: The record', ':inferred: =HYPERLINK("x") The record')
    app, _ = project.build()
    row = next(row for row in read_csv(app, 'evidence.csv') if row['id'] == 'O1')
    assert row['inferred'].startswith("'=HYPERLINK")
    fields = next(obj for obj in export(app)['objects'] if obj['id'] == 'O1')['fields']
    assert fields['inferred'].startswith('=HYPERLINK')


# -- incremental builds -----------------------------------------------------------------


def test_removing_inferred_rewrites_the_pages_that_mark_it(rootdir: Path, tmp_path: Path) -> None:
    project = Project(rootdir, tmp_path, ROOT)
    project.build()
    project.edit('sources.md', ':inferred: Linked to P2 for its talk of publishing.\n', '')
    app, written = project.build()
    # F1's page, P2's, and the analyses of the whole handbook
    assert {'sources', 'principles', 'matrix', 'table'} <= content_pages(app, written)
    assert marked_items(shaped_by(app, 'P2')) == {'O3': False, 'F1': False}
    assert marked_items(principles_shaped(app, 'S1')) == {
        '#1 User focus': False, '#2 Openness': False,
    }


# -- the warning ------------------------------------------------------------------------


def test_inferred_text_in_a_csv_row_without_shapes_warns_at_the_row(
    rootdir: Path, tmp_path: Path,
) -> None:
    project = Project(rootdir, tmp_path, ROOT)
    row = '1,Tell us what you learnt.,'
    project.edit('data/answers.csv', f'{row}P3,', f'{row},')
    app = build(project.srcdir, project.builddir)
    path = project.srcdir / 'data' / 'answers.csv'
    found = [(location, message) for location, subtype, message in gov_warnings(app)
             if subtype == 'inferred-without-links']
    assert found == [(f'{path}:{line_of(path, "Tell us what you learnt.")}', found[0][1])]
    assert "gov:finding 'C-1' row 1, column 'how inferred'" in found[0][1]
    assert 'shapes column' in found[0][1]


# -- Japanese ---------------------------------------------------------------------------


@pytest.mark.sphinx('html', testroot=ROOT, confoverrides={'language': 'ja'})
def test_labels_in_japanese(app: SphinxTestApp) -> None:
    app.build()
    fields = element(app, 'O1').find('dl', class_='gov-fields')
    assert isinstance(fields, Tag)
    names = [text(dt).rstrip(':').strip() for dt in fields.find_all('dt')]
    assert label('ja', 'Inferred links') in names
    assert label('ja', 'Inferred links') != 'Inferred links'
    badge = shaped_by(app, 'P1').find('span', class_='gov-inferred')
    assert isinstance(badge, Tag) and text(badge) == label('ja', 'Inferred') == '推定'
    matrix = body(app, 'matrix').find('table', class_='gov-matrix')
    assert isinstance(matrix, Tag)
    assert label('ja', 'Of which inferred') in [text(th) for th in matrix.thead.find_all('th')]
