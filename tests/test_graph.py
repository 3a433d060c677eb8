"""The graph of records, without Sphinx: lookups, relations from both ends, evidence."""

from __future__ import annotations

import dataclasses

import pytest
from gov_provenance import validation
from gov_provenance.graph import build_graph
from gov_provenance.model import OBJECT_TYPES
from gov_provenance.text import SummaryRef
from gov_provenance.validation import SPELLING_SUGGESTIONS, suggestions
from records import graph_of, record


def council() -> list:
    """Two principles, two meetings, an opinion, a source with two findings and a revision."""
    return [
        record('principle', 'P01', number='1', label='User focus'),
        record('principle', 'P02', number='2', label='Open by default'),
        record('meeting', 'M2', number='2', date='2022-03-01'),
        record('meeting', 'M1', number='1', date='2022-01-24'),
        record('opinion', 'O1', meeting='M1', shapes='P01'),
        record('source', 'S1', kind='survey'),
        record('finding', 'F1', source='S1', shapes='P02', inferred='Read from its wording.'),
        record('finding', 'F2', source='S1', shapes='P01'),
        record('revision', 'R2', principle='P01', meeting='M2', because='F1'),
        record('revision', 'R1', principle='P01', meeting='M1'),
    ]


def ids(objects: list) -> list[str]:
    return [obj.id for obj in objects]


def test_get_filters_by_type() -> None:
    graph = graph_of(*council())
    assert graph.get('P01') is not None and graph.get('P01', 'principle') is not None
    assert graph.get('P01', 'opinion') is None and graph.get('P99') is None


def test_of_type_sorts_by_natural_id() -> None:
    graph = graph_of(*council(), record('principle', 'P10', number='10', label='Ten'))
    assert ids(graph.of_type('principle')) == ['P01', 'P02', 'P10']
    assert ids(graph.of_type('meeting')) == ['M1', 'M2']
    assert graph.of_type('guideline') == ()


def test_a_relation_is_read_from_its_target_by_its_inverse_name() -> None:
    graph = graph_of(*council())
    assert ids(graph.named_by('M1', 'opinions')) == ['O1']
    assert ids(graph.named_by('S1', 'findings')) == ['F1', 'F2']
    assert ids(graph.named_by('P01', 'shaped-by')) == ['F2', 'O1']
    assert ids(graph.named_by('F1', 'cited-by')) == ['R2']
    assert graph.named_by('P99', 'shaped-by') == ()


def test_revisions_follow_the_dates_of_their_meetings() -> None:
    graph = graph_of(*council())
    # R2's meeting is later, though M2 was defined first
    assert ids(graph.named_by('P01', 'revisions')) == ['R1', 'R2']


def test_a_reference_to_the_wrong_type_makes_no_link() -> None:
    graph = graph_of(record('meeting', 'M1', number='1', date='2022-01-24'),
                     record('opinion', 'O1', meeting='M1', shapes='M1'))
    assert graph.named_by('M1', 'shaped-by') == ()
    assert graph.principles_shaped_by(graph.by_id['O1']) == ()


def test_evidence_includes_what_revisions_cite() -> None:
    graph = graph_of(*council())
    assert ids(graph.evidence_of('P01')) == ['F1', 'F2', 'O1']  # F1 through R2's :because:
    assert ids(graph.evidence_of('P02')) == ['F1']


def test_a_source_shapes_what_its_findings_shape() -> None:
    graph = graph_of(*council())
    assert ids(graph.principles_shaped_by(graph.by_id['S1'])) == ['P01', 'P02']


def test_a_link_is_inferred_unless_a_revision_states_it() -> None:
    graph = graph_of(*council())
    finding = graph.by_id['F1']
    # F1 shapes P02 by inference; R2 of P01 cites it, which states that link
    assert graph.inferred_principles(finding) == frozenset({'P02'})
    assert ids(graph.principles_shaped_by(finding)) == ['P01', 'P02']
    assert graph.inferred_principles(graph.by_id['S1']) == frozenset({'P02'})
    assert graph.inferred_principles(graph.by_id['O1']) == frozenset()


def test_the_first_of_two_duplicates_wins_in_document_order() -> None:
    later = record('principle', 'P01', docname='b', number='1', label='Second')
    first = record('principle', 'P01', docname='a', number='1', label='First')
    graph = graph_of(later, first)
    assert graph.by_id['P01'] is first
    assert graph.duplicates == ((first, later),)
    # the duplicate's own links are still asked about without disturbing the winner's
    assert graph.principles_shaped_by(later) == ()


def test_a_similar_id_is_suggested_by_case_punctuation_and_spelling() -> None:
    graph = graph_of(*council(), record('meeting', 'M.10', number='10', date='2022-05-01'))
    assert graph.similar_id('p01') == 'P01'
    assert graph.similar_id('M_10') == 'M.10'
    assert graph.similar_id('P010', ('principle',)) == 'P01'
    assert graph.similar_id('p01', ('meeting',)) is None  # only among the types asked for
    assert graph.similar_id('Q99-X') is None


def test_spelling_suggestions_stop_at_their_cap() -> None:
    graph = graph_of(*council())
    # the pages by name, each page's ids in order: 'a' asks about zz0.. first
    named = {'a': [f'zz{number:03}' for number in range(SPELLING_SUGGESTIONS)],
             'b': ['P010', 'p01', 'P01']}
    advice = suggestions(graph, named)
    assert advice.similar_id('P010') is None  # the cap is spent
    assert advice.similar_id('p01') == 'P01'  # case and punctuation cost nothing
    # one id fewer before it, and it gets its suggestion
    advice = suggestions(graph, {**named, 'a': named['a'][1:]})
    assert advice.similar_id('P010') == 'P01'


def test_spelling_suggestions_do_not_depend_on_the_order_they_are_asked_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(validation, 'SPELLING_SUGGESTIONS', 2)
    graph = graph_of(*council())
    # pages by name, not in the order given: 'a-…' and 'b-…' name the first two typos
    named = {'c-later': ['M1x'], 'b-next': ['P02x', 'S1x'], 'a-first': ['P01x']}
    advice = suggestions(graph, named)
    typos = ['P01x', 'P02x', 'S1x', 'M1x']
    expected = {'P01x': 'P01', 'P02x': 'P02', 'S1x': None, 'M1x': None}
    assert {typo: advice.similar_id(typo) for typo in typos} == expected
    assert {typo: advice.similar_id(typo) for typo in reversed(typos)} == expected
    # an id asked about on no page gets none by spelling either, whenever it is asked
    assert advice.similar_id('P01y') is None and advice.similar_id('p01') == 'P01'


def test_the_graph_holds_the_records_and_names_their_summaries_beside_them() -> None:
    """``by_id`` is the very records the domain keeps: a summary that links to objects
    is shown with their names (:meth:`Graph.summary`), its record left as it was."""
    linked = record('opinion', 'O1', meeting='M1', shapes='P01')
    linked = dataclasses.replace(linked, summary='As P01 asks.', summary_parts=(
        'As ', SummaryRef('principle', 'P01', 'P01'), ' asks.'))
    records = {'a': [*council()[:4]], 'b': [linked]}
    graph = build_graph(records)
    assert all(graph.by_id[obj.id] is obj for objects in records.values() for obj in objects)
    assert (graph.summary(linked), linked.summary) == ('As #1 User focus asks.', 'As P01 asks.')
    # what a reader sees of it changes with the name it shows, and so does its digest
    assert graph.digest(linked) != linked.digest
    renamed = build_graph({**records, 'a': [
        record('principle', 'P01', number='1', label='Users first'), *council()[1:4]]})
    assert renamed.summary(linked) == 'As #1 Users first asks.'
    assert renamed.digest(linked) != graph.digest(linked)
    principle = graph.by_id['P01']
    assert (graph.summary(principle), graph.digest(principle)) == ('', principle.digest)


def test_the_graph_is_built_whole_and_never_changes() -> None:
    graph = graph_of(*council())
    with pytest.raises(dataclasses.FrozenInstanceError):
        graph.by_id = {}  # type: ignore[misc]
    # what every check and view asks for is there from the start, for every object
    assert set(graph.evidence) == {'P01', 'P02'}
    assert set(graph.shaped) == {'O1', 'S1', 'F1', 'F2'}
    assert set(graph.by_type) == set(OBJECT_TYPES)
