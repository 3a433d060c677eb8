"""The checks over the whole handbook, on records without Sphinx: one problem, one warning."""

from __future__ import annotations

import pytest
from gov_provenance.model import GovObject
from gov_provenance.warnings_ import GovWarning
from records import SRCDIR, graph_of, problems_of, record

MEETING = record('meeting', 'M1', number='1', date='2022-01-24')


def principle(object_id: str = 'P01', **options: str) -> GovObject:
    return record('principle', object_id, number='1', label='User focus', **options)


def kinds(found: list) -> list[tuple[GovWarning, str]]:
    return [(kind, location) for kind, _, location in found]


def test_a_linked_handbook_has_no_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    graph = graph_of(principle(), MEETING, record('opinion', 'O1', meeting='M1', shapes='P01'))
    assert problems_of(graph, monkeypatch) == []


def test_a_principle_without_evidence(monkeypatch: pytest.MonkeyPatch) -> None:
    [(kind, message, location)] = problems_of(graph_of(principle(line=7)), monkeypatch)
    assert (kind, location) == (GovWarning.NO_EVIDENCE, f'{SRCDIR}/index.md:7')
    assert message.startswith("principle 'P01' (#1 User focus) has no evidence")


def test_a_gap_silences_missing_links(monkeypatch: pytest.MonkeyPatch) -> None:
    graph = graph_of(principle(gap='Not yet discussed.'),
                     record('source', 'S1', kind='survey', gap='Collected for later.'))
    assert problems_of(graph, monkeypatch) == []


def test_a_gap_is_stale_once_links_exist(monkeypatch: pytest.MonkeyPatch) -> None:
    graph = graph_of(principle(gap='Not yet discussed.'), MEETING,
                     record('opinion', 'O1', meeting='M1', shapes='P01'))
    [(kind, message, location)] = problems_of(graph, monkeypatch)
    # the gap's own line: the factory writes the options on the lines after the directive
    assert (kind, location) == (GovWarning.STALE_GAP, f'{SRCDIR}/index.md:4')
    assert 'but evidence is linked to it now (O1)' in message


def test_evidence_that_shapes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    graph = graph_of(principle(gap='none'), MEETING, record('opinion', 'O1', meeting='M1'),
                     record('source', 'S1', kind='survey'))
    found = problems_of(graph, monkeypatch)
    assert [kind for kind, _, _ in found] == [GovWarning.UNUSED_EVIDENCE] * 2
    assert "gov:opinion 'O1' shapes no principle: give it \":shapes:\"" in found[0][1]
    assert "gov:source 'S1' shapes no principle: add findings" in found[1][1]


@pytest.mark.parametrize(('shapes', 'expected'), [
    pytest.param('P99', ":shapes: names 'P99', but no principle has that id; check the "
                        'spelling', id='unknown'),
    pytest.param('p01', "did you mean 'P01'?", id='case'),
    pytest.param('M1', ":shapes: names 'M1', which is a gov:meeting, not a gov:principle",
                 id='wrong-type'),
])
def test_a_reference_that_leads_nowhere(
    monkeypatch: pytest.MonkeyPatch, shapes: str, expected: str
) -> None:
    graph = graph_of(principle(gap='none'), MEETING,
                     record('opinion', 'O1', meeting='M1', shapes=shapes))
    found = problems_of(graph, monkeypatch)
    # unknown-ref at the option's line; an opinion with :shapes: is not reported unused
    assert kinds(found) == [(GovWarning.UNKNOWN_REF, f'{SRCDIR}/index.md:3')]
    assert expected in found[0][1]


def test_a_reference_to_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    graph = graph_of(principle(), record('source', 'S1', kind='survey', gap='none'),
                     record('finding', 'F1', source='F1', shapes='P01'))
    [(kind, message, _)] = problems_of(graph, monkeypatch)
    assert kind is GovWarning.UNKNOWN_REF
    assert "gov:finding 'F1' :source: names the finding itself" in message


def test_duplicate_and_similar_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    graph = graph_of(
        principle(gap='none', docname='a', line=3),
        principle(gap='none', docname='b', line=9),
        record('meeting', 'M.1', number='1', date='2022-01-24', docname='a', line=20),
        record('meeting', 'M_1', number='2', date='2022-01-25', docname='b', line=30),
    )
    found = problems_of(graph, monkeypatch)
    assert kinds(found) == [(GovWarning.DUPLICATE_ID, f'{SRCDIR}/b.md:9'),
                            (GovWarning.SIMILAR_ID, f'{SRCDIR}/b.md:30')]
    assert 'a principle with this id is already defined at a.md:3' in found[0][1]
    assert "id 'M_1' differs from 'M.1' (a meeting at a.md:20)" in found[1][1]


def test_inferred_without_links(monkeypatch: pytest.MonkeyPatch) -> None:
    graph = graph_of(principle(gap='none'), MEETING,
                     record('opinion', 'O1', meeting='M1', gap='none', inferred='By its words.'))
    [(kind, message, location)] = problems_of(graph, monkeypatch)
    assert (kind, location) == (GovWarning.INFERRED_WITHOUT_LINKS, f'{SRCDIR}/index.md:4')
    assert 'it has no :shapes: naming them' in message


def test_a_revision_citing_an_opinion_is_its_evidence(monkeypatch: pytest.MonkeyPatch) -> None:
    graph = graph_of(principle(), MEETING, record('opinion', 'O1', meeting='M1'),
                     record('revision', 'R1', principle='P01', meeting='M1', because='O1'))
    assert problems_of(graph, monkeypatch) == []
