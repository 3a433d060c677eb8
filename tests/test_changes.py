"""What changed since the last build, and the results a build takes from it unchanged."""

from __future__ import annotations

import copy
import pickle
from pathlib import Path

import pytest
from gov_provenance.changes import (
    BATCH,
    EVERYTHING,
    Changes,
    Made,
    Reuse,
    recall,
    remembering,
    snapshot,
)
from gov_provenance.graph import Graph
from records import graph_of, record


def council(**finding: str) -> Graph:
    """Two principles, a source with three findings, a meeting with an opinion and a
    workshop's twenty findings (so that one change is less than a tenth); F1 as
    ``finding`` says."""
    return graph_of(
        record('principle', 'P01', number='1', label='User focus'),
        record('principle', 'P02', number='2', label='Open by default'),
        record('source', 'S1', kind='survey'),
        record('finding', 'F1', **({'source': 'S1', 'shapes': 'P01'} | finding)),
        record('finding', 'F2', source='S1', shapes='P01'),
        record('finding', 'F3', source='S1', shapes='P01'),
        record('meeting', 'M1', number='1', date='2022-01-24'),
        record('opinion', 'O1', meeting='M1', shapes='P02'),
        record('source', 'S2', kind='workshop'),
        *(record('finding', f'W{n}', source='S2', gap='Not yet read.') for n in range(20)),
    )


def between(before: Graph, after: Graph) -> Changes:
    return Changes.between(snapshot(before), snapshot(after), after)


def test_an_edit_changes_its_object_and_touches_those_next_to_it() -> None:
    changes = between(council(), council(status='reflected'))
    assert changes.changed == {'F1'}
    # its source and principle (which count it), not the other findings or principles
    assert changes.near == {'F1', 'S1', 'P01'}
    assert not changes.everything


def test_a_moved_link_touches_both_ends() -> None:
    changes = between(council(), council(shapes='P02'))
    assert changes.near == {'F1', 'S1', 'P02'}  # next to F1 now
    assert changes.stale('P01', ('P01', 'F1', 'F2'))  # P01's last result showed F1
    assert not changes.stale('F2', ('F2', 'S1', 'P01'))


def test_a_gone_object_makes_the_results_that_showed_it_again() -> None:
    before = council()
    after = graph_of(*(obj for obj in before.by_id.values() if obj.id != 'F3'))
    changes = between(before, after)
    assert changes.changed == {'F3'}
    assert changes.stale('F2', ('F2', 'F3')) and not changes.stale('F2', ('F2', 'S1'))


def test_a_result_about_the_handbook_is_about_every_object_it_shows() -> None:
    changes = between(council(), council(status='reflected'))
    # the principle table shows principles, which count their findings
    assert changes.stale(None, ('P01', 'P02'))
    assert not changes.stale(None, ('P02',))


def test_a_result_about_the_handbook_is_made_again_when_an_object_is_new_or_gone() -> None:
    """A principle added lists itself in the principle table, which showed nothing
    next to it; a result about one object stays as it was."""
    before = council()
    added = graph_of(*before.by_id.values(),
                     record('principle', 'P03', number='3', label='Plain words', gap='New.'))
    changes = between(before, added)
    assert changes.changed == {'P03'}
    assert changes.stale(None, ('P01', 'P02'))
    assert not changes.stale('P01', ('P01', 'F1'))
    gone = between(added, before)
    assert gone.stale(None, ('P01', 'P02')) and not gone.stale('P01', ('P01', 'F1'))


def test_everything_is_made_again_without_a_last_build_or_after_a_large_change() -> None:
    graph = council()
    assert Changes.between({}, snapshot(graph), graph) is EVERYTHING
    assert EVERYTHING.stale('P02', ())
    edited = graph_of(*(record('principle', f'P{n:02}', number=str(n), label=f'P{n}')
                        for n in range(1, 4)))
    renamed = graph_of(*(record('principle', f'P{n:02}', number=str(n), label=f'Q{n}')
                         for n in range(1, 4)))
    assert between(edited, renamed).everything


def test_reuse_takes_what_nothing_changed_and_remembers_what_it_was_asked() -> None:
    before, after = council(), council(status='reflected')
    first: Reuse[str, str] = Reuse(before, 'settings')
    for obj in before.by_id.values():
        first.get(obj.id, obj.id, lambda obj=obj: Made(f'old {obj.id}', (obj.id,)))
    second: Reuse[str, str] = Reuse(after, 'settings', first.memory())
    made = {obj.id: second.get(obj.id, obj.id, lambda obj=obj: Made(f'new {obj.id}', (obj.id,)))
            for obj in after.by_id.values()}
    assert {key for key, value in made.items() if value.startswith('new')} == {'F1', 'S1', 'P01'}
    # other settings: nothing is taken
    third: Reuse[str, str] = Reuse(after, 'other settings', second.memory())
    assert third.get('F2', 'F2', lambda: Made('newer', ('F2',))) == 'newer'


def test_a_result_that_shows_another_projects_inventory_is_made_every_time() -> None:
    graph = council()
    first: Reuse[str, str] = Reuse(graph, 'settings')
    first.get('P01', 'P01', lambda: Made('name from the inventory', ('P01',), lasting=False))
    second: Reuse[str, str] = Reuse(graph, 'settings', first.memory())
    assert second.get('P01', 'P01', lambda: Made('a new name', ('P01',))) == 'a new name'


def test_results_kept_in_a_file_are_read_back_whole(tmp_path: Path) -> None:
    path, shared = tmp_path / 'memory.pickle', ('P01', 'F1')
    results = {f'key {n}': Made((shared, b'bytes', n), shared) for n in range(5)}
    with remembering(path, 'context', {'P01': 'digest'}) as keep:
        for key, made in results.items():
            keep(key, made)
    memory = recall(path)
    assert memory is not None
    assert (memory.context, memory.objects, memory.results) == (
        'context', {'P01': 'digest'}, results)


def test_a_batch_taken_whole_from_the_last_memory_is_copied_not_pickled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / 'memory.pickle'
    with remembering(path, 'context', {}) as keep:
        for n in range(2 * BATCH + 5):
            keep(f'key {n}', Made(('value', n), (f'F{n}',)))
    last = recall(path)
    assert last is not None and len(last.stored) == 3
    pickled: list[object] = []
    dump = pickle.dump
    # a copy of each value pickled: a batch's list is emptied for the next batch
    monkeypatch.setattr(pickle, 'dump', lambda value, *args, **kwargs: (
        pickled.append(copy.copy(value)), dump(value, *args, **kwargs)))
    changed = f'key {BATCH + 1}'
    with remembering(path, 'context', {}, last) as keep:
        for key, made in last.results.items():
            keep(key, Made(('new value',), ()) if key == changed else made)
    # the header, then the batch that holds the new result; the other two are copied
    assert len(pickled) == 2 and any(key == changed for key, _ in pickled[1])
    memory = recall(path)
    assert memory is not None
    assert memory.results == {**last.results, changed: Made(('new value',), ())}
    assert [stored.keys for stored in memory.stored] == [stored.keys for stored in last.stored]


def test_a_memory_cut_short_or_missing_is_not_used(tmp_path: Path) -> None:
    path = tmp_path / 'memory.pickle'
    assert recall(path) is None
    with remembering(path, 'context', {}) as keep:
        keep('key', Made('value', ()))
    whole = path.read_bytes()
    path.write_bytes(whole[:-3])
    assert recall(path) is None
    # a write that fails leaves the last memory as it was
    path.write_bytes(whole)
    with pytest.raises(OSError), remembering(path, 'context', {}) as keep:
        keep('key', Made('another value', ()))
        raise OSError('disk full')
    memory = recall(path)
    assert memory is not None and memory.results == {'key': Made('value', ())}
