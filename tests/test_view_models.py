"""The models of the views, built from records without Sphinx: what each view shows.

``test_views.py`` checks one rendering of each view in HTML; the cases of what goes
in which view, in which order, are checked here, on the view models themselves.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable
from types import SimpleNamespace

import pytest
from gov_provenance.exportparts import Site
from gov_provenance.model import EVIDENCE_TYPES, OBJECT_TYPES, GovObject
from gov_provenance.tables import principle_row
from gov_provenance.views import (
    HANDBOOK_VIEWS,
    OBJECT_VIEWS,
    Views,
    coverage_view,
    evidence_view,
    group_anchor,
    matrix_view,
    meeting_view,
    principle_table_view,
    principle_view,
    related_anchor,
    working_group_view,
)
from records import graph_of, record


def ids(objects: tuple[GovObject, ...] | list[GovObject]) -> list[str]:
    return [obj.id for obj in objects]


def council() -> list[GovObject]:
    """Three principles; opinions of two meetings; a source with findings; a revision;
    a working group with a guideline."""
    return [
        record('principle', 'P01', number='1', label='User focus'),
        record('principle', 'P02', number='2', label='Open by default'),
        record('principle', 'P03', number='3', label='Not yet discussed', gap='Later.'),
        record('meeting', 'M2', number='2', date='2022-03-01'),
        record('meeting', 'M1', number='1', date='2022-01-24'),
        record('opinion', 'O1', meeting='M2', shapes='P01', status='pending'),
        record('opinion', 'O2', meeting='M1', shapes='P01, P02', status='reflected'),
        record('opinion', 'O3', meeting='M1', gap='Off topic.', status='pending'),
        record('source', 'S1', kind='survey', period='2022-01-07/2022-01-17'),
        record('finding', 'F1', source='S1', shapes='P01', inferred='By its wording.',
               status='pending'),
        record('finding', 'F2', source='S1', shapes='P02'),
        record('revision', 'R1', principle='P01', meeting='M2', because='S1'),
        record('working-group', 'WG1', title='Forms'),
        record('guideline', 'G1', title='Plain forms', working_group='WG1', implements='P01'),
    ]


def test_every_object_type_with_a_view_and_every_handbook_view_is_built() -> None:
    views = Views(graph_of(*council()))
    with_views = [name for name, spec in OBJECT_TYPES.items() if spec.view is not None]
    assert with_views, 'the vocabulary has object types with a view'
    for objtype in with_views:
        [first, *_] = views.graph.of_type(objtype)
        assert views.get(objtype, first.id) is not None, objtype
    for kind in HANDBOOK_VIEWS:
        assert views.get(kind.value) is not None, kind
    assert views.get('principle', 'P99') is None
    # a type without a view has none, though its object is there
    assert views.get('revision', 'R1') is None


def test_principle_view_groups_evidence_by_meeting_in_date_order_and_by_source() -> None:
    graph = graph_of(*council())
    view = principle_view(graph, graph.by_id['P01'])
    assert [(group.group_id, ids(group.items)) for group in view.groups_under('meeting')] == [
        ('M1', ['O2']), ('M2', ['O1'])]
    # a source cited as a whole is shown apart from its findings, and is not counted
    [group] = view.groups_under('source')
    assert (group.group_id, ids(group.items), group.whole and group.whole.id) == (
        'S1', ['F1'], 'S1')
    assert ids(group.linked) == ['S1', 'F1'] and ids(view.related_sources) == ['S1']
    assert view.groups['M1'].anchor == group_anchor(graph.by_id['P01'], 'M1')
    assert view.evidence_count == 3
    assert view.inferred == ('F1',) and view.inferred_count == 1


def test_a_group_of_sources_linked_only_as_a_whole_leads_to_them() -> None:
    graph = graph_of(*council(), record('source', 'S2', kind='interview'),
                     record('revision', 'R2', principle='P02', meeting='M2', because='S2'))
    principle = graph.by_id['P02']
    groups = principle_view(graph, principle).groups
    assert ids(groups['S2'].items) == [] and groups['S2'].anchor == related_anchor(principle)
    assert groups['S1'].anchor == group_anchor(principle, 'S1')


def test_principle_view_lists_revisions_with_meeting_and_reasons_and_guidelines() -> None:
    graph = graph_of(*council())
    view = principle_view(graph, graph.by_id['P01'])
    [entry] = view.revisions
    assert (entry.revision.id, entry.meeting and entry.meeting.id, ids(entry.because)) == (
        'R1', 'M2', ['S1'])
    assert ids(view.guidelines) == ['G1']


def test_evidence_view_lists_principles_citations_and_findings() -> None:
    graph = graph_of(*council())
    source = evidence_view(graph, graph.by_id['S1'])
    assert ids(source.principles) == ['P01', 'P02']
    assert ids(source.cited_by) == ['R1'] and ids(source.findings.everything) == ['F1', 'F2']
    # R1 states the link the finding's :inferred: marks, so through the source it is stated
    assert source.inferred == ()
    assert evidence_view(graph, graph.by_id['F1']).inferred == ('P01',)


def test_meeting_and_working_group_views() -> None:
    graph = graph_of(*council())
    # what the meeting's own page records is read where it stands: the view lists it not
    meeting = meeting_view(graph, graph.by_id['M2'])
    assert (meeting.opinions.count, meeting.revisions.count) == (0, 0)
    elsewhere = graph_of(*(dataclasses.replace(obj, docname='minutes') if obj.id in {'O1', 'R1'}
                           else obj for obj in council()))
    meeting = meeting_view(elsewhere, elsewhere.by_id['M2'])
    assert ids(meeting.opinions.everything) == ['O1']
    assert ids(meeting.revisions.everything) == ['R1']
    assert ids(working_group_view(graph, graph.by_id['WG1']).guidelines) == ['G1']


def test_matrix_has_meetings_then_sources_and_a_row_per_principle() -> None:
    graph = graph_of(*council())
    view = matrix_view(Views(graph))
    assert ids(view.columns) == ['M1', 'M2', 'S1']
    assert [row.principle.id for row in view.rows] == ['P01', 'P02', 'P03']
    assert sorted(view.rows[1].groups) == ['M1', 'S1']


def test_coverage_lists_principles_without_evidence_pending_and_unused_evidence() -> None:
    graph = graph_of(*council())
    view = coverage_view(Views(graph))
    assert ids(view.without_evidence) == ['P03']
    # known not to be reflected yet, and apart from it what the sources do not record
    assert ids(view.pending.everything) == ['F1', 'O1', 'O3']
    assert ids(view.unknown.everything) == ['F2']
    # shown whole: this handbook's views show every list whole
    assert view.pending.shown == view.pending.everything and not view.pending.sampled
    assert ids(view.unused) == ['O3']


def test_principle_table_counts_each_principle() -> None:
    graph = graph_of(*council())
    rows = {row.principle.id: row for row in principle_table_view(Views(graph)).rows}
    assert [(row.evidence, row.revisions, row.guidelines, row.inferred)
            for row in rows.values()] == [(3, 1, 1, 1), (2, 0, 0, 0), (0, 0, 0, 0)]


def test_a_view_digest_changes_with_what_the_view_shows_only() -> None:
    objects = council()
    before = graph_of(*objects)
    renamed = [record('meeting', 'M1', number='1', date='2022-01-25') if obj.id == 'M1' else obj
               for obj in objects]
    after = Views(graph_of(*renamed))
    assert Views(before).seen('meeting', 'M1').value != after.seen('meeting', 'M1').value
    assert (Views(before).seen('working-group', 'WG1').value
            == after.seen('working-group', 'WG1').value)


def test_each_view_is_built_once_for_the_digests_the_pages_and_the_export_but_evidence(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built: Counter[tuple[str, str]] = Counter()
    for kind, build in list(OBJECT_VIEWS.items()):
        monkeypatch.setitem(OBJECT_VIEWS, kind, counted(built, build))
    for kind, build in list(HANDBOOK_VIEWS.items()):
        monkeypatch.setitem(HANDBOOK_VIEWS, kind, counted(built, build, kind.value))
    graph = graph_of(*council())
    views = Views(graph)
    shown = [(obj.objtype, obj.id) for obj in graph.by_id.values() if obj.spec.view]
    shown += [(kind.value, '') for kind in HANDBOOK_VIEWS]
    for kind, target in shown:  # after reading: what each page shows
        views.seen(kind, target)
    for kind, target in shown * 2:  # when writing, a view shown on two pages
        views.get(kind, target)
    builder = SimpleNamespace(get_target_uri=lambda docname: f'{docname}.html')
    site = Site(builder, graph)  # type: ignore[arg-type]
    rows = [principle_row(view, site) for view in views.principle_rows()]
    assert len(rows) == len(graph.of_type('principle'))
    # an item of evidence's view is made each time it is asked for (digest, twice written)
    assert built == Counter({(kind, target): 3 if kind in EVIDENCE_TYPES else 1
                             for kind, target in shown})
    assert any(kind in EVIDENCE_TYPES for kind, _ in shown)
    # the matrix, the principle table and the export read the principles' own views
    assert views.get('matrix').rows == views.principle_rows()  # type: ignore[union-attr]
    assert views.get('principle', 'P01') is views.principle_rows()[0]


def counted(built: Counter[tuple[str, str]], build: Callable[..., object],
            kind: str = '') -> Callable[..., object]:
    """``build``, noting each view it builds in ``built``."""

    def counting(*args: object) -> object:
        target = args[1] if len(args) > 1 else None
        built[(target.objtype, target.id) if isinstance(target, GovObject) else (kind, '')] += 1
        return build(*args)

    return counting
