"""Claiming no more than the sources say: inferred revision reasons, the status for what
the sources do not record, sources linked as a whole, and inferred number pairings.

The ``honest`` root: revision R1 of P1 cites O2 and the source S1 as a whole and says
(``:inferred:``) that the record does not state which voice it rests on; R2 of P2 cites
O3 as stated. O1 has the status ``unknown``, O2 ``pending``, O3 none (the default). P2's
number is paired with its title by inference (``:number-inferred:``). What each test
expects is read off the sources and the model, not written out.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from bs4 import Tag
from common import body, build, by_id, defined_objects, directive_options, object_element, text
from gov_provenance.model import OBJECT_TYPES, UNKNOWN_STATUS
from sphinx.testing.util import SphinxTestApp
from test_locale import label

ROOT = 'honest'


def options(srcdir: Path) -> dict[str, dict[str, str]]:
    """id -> option -> value, for every gov directive of the root."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for object_id, option, value in directive_options(srcdir):
        found[object_id][option] = value
    return found


def ids(value: str) -> list[str]:
    return [part for part in value.replace(',', ' ').split() if part]


@pytest.fixture(scope='module', params=['en', 'ja'])
def honest(request: pytest.FixtureRequest, rootdir: Path,
           tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    language = request.param
    app = build(rootdir / f'test-{ROOT}', tmp_path_factory.mktemp(f'{ROOT}-{language}'),
                confoverrides={'language': language})
    assert app.warning.getvalue() == ''
    app.language = language  # type: ignore[attr-defined]
    return app


def element(app: SphinxTestApp, object_id: str) -> Tag:
    page_name, objtype = defined_objects(app.srcdir)[object_id]
    return object_element(app, page_name, objtype, object_id)


def export(app: SphinxTestApp) -> dict[str, Any]:
    return json.loads((app.outdir / 'provenance.json').read_text(encoding='utf-8'))


def read_csv(app: SphinxTestApp, name: str) -> dict[str, dict[str, str]]:
    raw = (app.outdir / name).read_bytes().decode('utf-8-sig')
    return {row['id']: row for row in csv.DictReader(io.StringIO(raw, newline=''))}


def inferred_revisions(srcdir: Path) -> dict[str, dict[str, str]]:
    return {object_id: fields for object_id, fields in options(srcdir).items()
            if 'because' in fields and fields.get('inferred')}


def counted(app: SphinxTestApp, cited: list[str]) -> list[str]:
    """The cited ids that count as items of evidence, by the model's object types."""
    defined = defined_objects(app.srcdir)
    return [i for i in cited if OBJECT_TYPES[defined[i][1]].counts_as_item]


# -- a revision's reasons, inferred ---------------------------------------------------------


def test_the_root_has_an_inferred_revision_and_a_stated_one(honest: SphinxTestApp) -> None:
    revisions = [i for i, f in options(honest.srcdir).items() if 'because' in f]
    assert set(inferred_revisions(honest.srcdir)) not in (set(), set(revisions))


def test_inferred_reasons_are_marked_on_the_principle_page(honest: SphinxTestApp) -> None:
    inferred_mark = label(honest.language, 'Inferred')
    for revision_id, fields in options(honest.srcdir).items():
        if 'because' not in fields:
            continue
        view = element(honest, fields['principle']).find('div', class_='gov-view')
        assert isinstance(view, Tag)
        because = view.find('p', class_='gov-because')
        assert isinstance(because, Tag)
        marked = because.find('span', class_='gov-inferred') is not None
        assert marked is bool(fields.get('inferred')), revision_id
        if marked:
            assert text(because).endswith(inferred_mark)
            legend = label(honest.language, 'Reasons marked inferred are not stated by the '
                           'record for this revision: they were inferred from what the record '
                           'says. The revision says how where it is written.')
            assert legend in text(view)


def test_inferred_reasons_are_marked_where_the_revision_is_written(
    honest: SphinxTestApp,
) -> None:
    for revision_id, fields in options(honest.srcdir).items():
        if 'because' not in fields:
            continue
        shown = element(honest, revision_id).find('dl', class_='gov-fields')
        assert isinstance(shown, Tag)
        values = {text(dt).rstrip(':： '): dt.find_next_sibling('dd') for dt in shown('dt')}
        reasons = values[label(honest.language, 'Because of')]
        assert (reasons.find('span', class_='gov-inferred') is not None) is bool(
            fields.get('inferred')), revision_id
        if fields.get('inferred'):
            assert text(values[label(honest.language, 'Inferred links')]) == fields['inferred']


def test_inferred_reasons_reach_the_export(honest: SphinxTestApp) -> None:
    written = options(honest.srcdir)
    for relation in export(honest)['relations']:
        if relation['relation'] == 'because':
            assert relation['inferred'] is bool(written[relation['from']].get('inferred'))
    links = [(row['from'], row['relation'], row['to'], row['inferred'])
             for row in csv.DictReader(io.StringIO(
                 (honest.outdir / 'links.csv').read_bytes().decode('utf-8-sig'), newline=''))]
    for from_id, relation, _, inferred in links:
        if relation == 'because':
            assert inferred == ('true' if written[from_id].get('inferred') else 'false')
    fields = {obj['id']: obj['fields'] for obj in export(honest)['objects']}
    for revision_id, revision in inferred_revisions(honest.srcdir).items():
        assert fields[revision_id]['inferred'] == revision['inferred']


def test_evidence_cited_only_by_an_inferred_revision_is_counted_as_inferred(
    honest: SphinxTestApp,
) -> None:
    written = options(honest.srcdir)
    principles = read_csv(honest, 'principles.csv')
    stated: dict[str, set[str]] = defaultdict(set)
    by_inference: dict[str, set[str]] = defaultdict(set)
    for object_id, fields in written.items():
        for principle_id in ids(fields.get('shapes', '')):
            (by_inference if fields.get('inferred') else stated)[principle_id].add(object_id)
        if 'because' in fields:
            target = by_inference if fields.get('inferred') else stated
            target[fields['principle']].update(ids(fields['because']))
    for principle_id, row in principles.items():
        only_inferred = by_inference[principle_id] - stated[principle_id]
        expected = sorted(counted(honest, sorted(only_inferred)))
        assert sorted(ids(row['evidence_inferred_ids'])) == expected, principle_id
        assert int(row['evidence_inferred']) == len(expected)


# -- a source linked as a whole -------------------------------------------------------------


def test_a_source_linked_as_a_whole_is_shown_apart_and_not_counted(
    honest: SphinxTestApp,
) -> None:
    principles = read_csv(honest, 'principles.csv')
    defined = defined_objects(honest.srcdir)
    for revision_id, fields in options(honest.srcdir).items():
        cited = ids(fields.get('because', ''))
        wholes = [i for i in cited if not OBJECT_TYPES[defined[i][1]].counts_as_item]
        if not wholes:
            continue
        row = principles[fields['principle']]
        assert not set(wholes) & set(ids(row['evidence_ids'])), revision_id
        assert set(wholes) <= set(ids(row['related_sources']))
        view = element(honest, fields['principle']).find('div', class_='gov-view')
        heading = view.find('p', string=label(honest.language,
                                              'Related activities (content not published)'))
        assert isinstance(heading, Tag)
        listed = [text(a) for a in heading.find_next_sibling('ul').find_all('a')]
        written = options(honest.srcdir)
        assert listed == [written[i].get('title', i) for i in wholes]


def test_the_table_counts_only_items_with_content(honest: SphinxTestApp) -> None:
    principles = read_csv(honest, 'principles.csv')
    table = body(honest, 'table').find('table', class_='gov-principle-table')
    assert isinstance(table, Tag)
    for row in table.tbody.find_all('tr'):
        principle_id = text(row.th.find('a')).split()[0]
        number = int(principle_id.lstrip('#'))
        expected = next(r for r in principles.values() if int(r['number']) == number)
        assert int(text(row.find('td'))) == len(ids(expected['evidence_ids']))


# -- the status for what the sources do not say ---------------------------------------------


def status_of(app: SphinxTestApp, object_id: str) -> str:
    """The status an object has: as written, else its type's default."""
    objtype = defined_objects(app.srcdir)[object_id][1]
    default = OBJECT_TYPES[objtype].field('status').default or ''
    return options(app.srcdir)[object_id].get('status', default)


def test_what_the_sources_do_not_say_is_never_shown_as_not_reflected(
    honest: SphinxTestApp,
) -> None:
    unknown = label(honest.language, 'Outcome not recorded')
    pending = label(honest.language, 'Pending')
    evidence = [i for i, (_, t) in defined_objects(honest.srcdir).items()
                if OBJECT_TYPES[t].field_names.count('status') and t in ('opinion', 'finding')]
    assert {status_of(honest, i) for i in evidence} >= {UNKNOWN_STATUS, 'pending'}
    for object_id in evidence:
        badge = element(honest, object_id).find('span', class_='gov-status')
        assert isinstance(badge, Tag)
        if status_of(honest, object_id) == UNKNOWN_STATUS:
            assert text(badge) == unknown and pending not in text(element(honest, object_id))
        elif status_of(honest, object_id) == 'pending':
            assert text(badge) == pending


def test_the_coverage_keeps_the_two_apart(honest: SphinxTestApp) -> None:
    view = body(honest, 'coverage').find('div', class_='gov-view-coverage')
    assert isinstance(view, Tag)
    parts = {text(h): h.find_next_sibling() for h in view.find_all(class_='rubric')}
    # the anchors each part links to
    listed = {name: {str(a['href']).partition('#')[2] for a in part.find_all('a')}
              for name, part in parts.items()}
    evidence = [i for i, (_, t) in defined_objects(honest.srcdir).items()
                if t in ('opinion', 'finding')]
    anchors = {str(element(honest, i)['id']): i for i in evidence}
    for msgid, status in (('Opinions and findings not yet reflected', 'pending'), (
            'Opinions and findings whose outcome the sources do not record', UNKNOWN_STATUS)):
        expected = {i for i in evidence if status_of(honest, i) == status}
        shown = listed[label(honest.language, msgid)]
        assert {anchors[anchor] for anchor in shown if anchor in anchors} == expected, status


def test_a_guideline_can_say_its_status_is_not_recorded(honest: SphinxTestApp) -> None:
    for object_id, (_, objtype) in defined_objects(honest.srcdir).items():
        if objtype == 'guideline' and status_of(honest, object_id) == 'unrecorded':
            badge = element(honest, object_id).find('span', class_='gov-status')
            assert text(badge) == label(honest.language, 'Not recorded in the sources')


# -- a number paired with a title by inference ----------------------------------------------


def test_an_inferred_pairing_is_marked_beside_the_title_with_its_reason_a_tap_away(
    honest: SphinxTestApp,
) -> None:
    mark = label(honest.language, 'Pairing inferred')
    table = body(honest, 'table')
    for object_id, fields in options(honest.srcdir).items():
        if 'number' not in fields or 'label' not in fields:
            continue
        shown = element(honest, object_id)
        header = shown.find('p', class_='gov-object-header')
        link = header.find('span', class_='gov-number-inferred')
        if not fields.get('number-inferred'):
            assert link is None, object_id
            continue
        assert text(link) == mark
        reason = by_id(body(honest, 'principles'), link.parent['href'].lstrip('#'))
        # the mark leads to the name of the field that gives the reason
        assert fields['number-inferred'] == text(reason.find_next_sibling('dd'))
        in_table = [a for a in table.find_all('a') if a.find(class_='gov-number-inferred')]
        # the table, and its cards for a phone
        assert [a['href'].partition('#')[2] for a in in_table] == [reason['id']] * 2


def test_an_inferred_pairing_is_flagged_in_the_export(honest: SphinxTestApp) -> None:
    written = options(honest.srcdir)
    rows = read_csv(honest, 'principles.csv')
    objects = {obj['id']: obj for obj in export(honest)['objects']}
    for principle_id, row in rows.items():
        reason = written[principle_id].get('number-inferred', '')
        assert row['number_inferred'] == reason
        assert objects[principle_id]['fields'].get('number-inferred', '') == reason
