"""What changed since the last build, and what the build can take from it unchanged.

A build remembers a digest of every object (:meth:`.Graph.digest`: what a reader sees
of it). The next build compares: an object whose digest differs, that is new or that
is gone has *changed*. A result made from the graph in the last build (the digest of
a view, an object's part of the export) is remembered with the ids of the objects it
showed, and is made again only when

- one of those objects changed, or
- its own object is next to one that changed (:func:`neighbours`): a new or moved
  link brings an item the last result did not show (a finding added to a principle's
  evidence), and a result counts what it does not show (a principle's pending
  findings, of which its page shows ten), or
- it is about the whole handbook (the principle table) and an object is new or gone,
  which it may list without having shown anything next to it.

Everything is made again when there is no last build to compare with, when what the
results depend on besides the objects differs (their ``context``: how long lists are
shown, the configuration), or when more than a tenth of the objects
changed, where comparing saves little.
"""

from __future__ import annotations

import contextlib
import pickle
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Generic, NamedTuple, TypeVar

from .collector import collector_paused
from .graph import Graph
from .model import RELATIONS, RELATIONS_OF, SHAPED_TYPES, GovObject

K = TypeVar('K', bound=Hashable)
T = TypeVar('T')

#: more than one object in this many changed: everything is made again
MOST_CHANGED = 10
#: how many results :func:`remembering` writes at a time
BATCH = 1000


def snapshot(graph: Graph) -> dict[str, str]:
    """Each object's digest, by id."""
    return {object_id: graph.digest(obj) for object_id, obj in graph.by_id.items()}


def _next_to(graph: Graph, ids: AbstractSet[str]) -> set[str]:
    """The ids of the objects next to those of ``ids`` (see :func:`neighbours`)."""
    return {other.id for object_id in ids if (obj := graph.by_id.get(object_id)) is not None
            for other in neighbours(graph, obj)}


def neighbours(graph: Graph, obj: GovObject) -> Iterator[GovObject]:
    """The objects ``obj`` names, those that name it, and those the graph links it to
    through others: a principle's evidence, the principles an item of evidence shaped."""
    for relation in RELATIONS_OF[obj.objtype]:
        yield from graph.targets(obj, relation)
    for relation in RELATIONS:
        if obj.objtype in relation.targets:
            yield from graph.named_by(obj.id, relation.inverse)
    if obj.objtype in SHAPED_TYPES:
        yield from graph.evidence_of(obj.id)
    if obj.spec.is_evidence:
        yield from graph.principles_shaped_by(obj)


@dataclass(frozen=True)
class Changes:
    """The objects that changed since the last build, and those next to them."""

    #: ids of the objects whose digest differs, that are new or that are gone
    changed: frozenset[str] = frozenset()
    #: ids of the changed objects and of those next to one
    near: frozenset[str] = frozenset()
    #: whether an object is new or gone: a result about the whole handbook may list it
    #: without having shown anything next to it (a principle added to the principle table)
    ids_changed: bool = False
    #: nothing of the last build is taken (see the module's docstring)
    everything: bool = True

    @classmethod
    def between(cls, before: Mapping[str, str], now: Mapping[str, str], graph: Graph
                ) -> Changes:
        if not before:
            return EVERYTHING
        changed = {object_id for object_id, digest in now.items()
                   if before.get(object_id) != digest}
        # a gone object is in no neighbourhood of this build's graph: the results that
        # showed it have it among their objects
        changed.update(before.keys() - now.keys())
        if len(changed) * MOST_CHANGED > len(now):
            return EVERYTHING
        return cls(frozenset(changed), frozenset(changed | _next_to(graph, changed)),
                   everything=False, ids_changed=before.keys() != now.keys())

    def stale(self, about: str | None, shown: Iterable[str]) -> bool:
        """Whether a result of the last build about the object ``about``, which showed
        the objects ``shown``, must be made again. A result about the whole handbook
        (``None``: the principle table) is about each object it shows, and is made
        again whenever an object is new or gone."""
        if self.everything:
            return True
        if about is None:
            return self.ids_changed or not self.near.isdisjoint(shown)
        return about in self.near or not self.changed.isdisjoint(shown)


EVERYTHING = Changes()


class Made(NamedTuple, Generic[T]):
    """A result, and the ids of the objects it shows (a tuple: lighter than a set,
    kept for every object of the handbook)."""

    value: T
    shown: tuple[str, ...]
    #: whether it stays right while those objects stay the same: not when it shows
    #: what another project's inventory says, which changes when nothing here does
    lasting: bool = True


class Stored(NamedTuple):
    """Where one batch of results is in the file :func:`remembering` wrote, and their
    keys, in order."""

    keys: tuple[Any, ...]
    start: int
    end: int


class Memory(NamedTuple, Generic[K, T]):
    """What one build made, kept for the next (see :class:`Reuse`)."""

    context: Hashable
    #: each object's digest (:func:`snapshot`)
    objects: Mapping[str, str]
    results: Mapping[K, Made[T]]
    #: where its batches were in its file, when it was read from one (:func:`recall`)
    stored: tuple[Stored, ...] = ()


@dataclass
class Reuse(Generic[K, T]):
    """The results of one build: each taken from the last build's :class:`Memory` when
    nothing it shows changed, else made again."""

    graph: Graph
    context: Hashable
    last: Memory[K, T] | None = None
    objects: dict[str, str] = field(init=False)
    changes: Changes = field(init=False)
    made: dict[K, Made[T]] = field(init=False, default_factory=dict)
    #: where each result goes as it is made, rather than into :attr:`made` (a result
    #: asked for twice is then made twice)
    keep: Callable[[K, Made[T]], None] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.objects = snapshot(self.graph)
        last = self.last if self.last is not None and self.last.context == self.context else None
        self.changes = Changes.between(last.objects if last else {}, self.objects, self.graph)
        self.last = last

    def get(self, key: K, about: str | None, make: Callable[[], Made[T]]) -> T:
        """The result for ``key``, about the object ``about`` (see :meth:`Changes.stale`)."""
        if key in self.made:
            return self.made[key].value
        made = self.last.results.get(key) if self.last is not None else None
        if made is None or not made.lasting or self.changes.stale(about, made.shown):
            made = make()
        if self.keep is None:
            self.made[key] = made
        else:
            self.keep(key, made)
        return made.value

    def memory(self) -> Memory[K, T]:
        """What this build made, for the next: the results asked for in it."""
        return Memory(self.context, self.objects, self.made)


def recall(path: Path) -> Memory[Any, Any] | None:
    """The memory :func:`remembering` kept in ``path``, if it is there and whole."""
    results: dict[Any, Made[Any]] = {}
    stored = []
    try:
        with path.open('rb') as stream, collector_paused():
            context, objects = pickle.load(stream)
            while stream.peek(1):
                start = stream.tell()
                batch = pickle.load(stream)
                results.update(batch)
                stored.append(Stored(tuple(key for key, _ in batch), start, stream.tell()))
    except Exception:  # a memory that cannot be read is not used
        return None
    return Memory(context, objects, results, tuple(stored))


@contextlib.contextmanager
def remembering(path: Path, context: Hashable, objects: Mapping[str, str],
                last: Memory[Any, Any] | None = None
                ) -> Iterator[Callable[[Any, Made[Any]], None]]:
    """Keep a build's results in ``path`` as they are made, for the next build
    (:func:`recall`), none of them held; a file half written is never read. A batch
    of results all taken unchanged from ``last`` (read from ``path``), in the same
    place, is copied from that file as it was written rather than pickled again."""
    partial = path.with_name(path.name + '.partial')
    batch: list[tuple[Any, Made[Any]]] = []
    stored = iter(last.stored if last is not None else ())
    results = last.results if last is not None else {}
    with contextlib.ExitStack() as files:
        stream = files.enter_context(partial.open('wb'))
        earlier = _opened(path, files) if last is not None and last.stored else None

        # a pickle per batch of results: one for all would hold every result written,
        # one for each costs more than the results themselves
        def write(value: object) -> None:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)

        def write_batch() -> None:
            was = next(stored, None)
            if earlier is not None and was is not None and _same_batch(batch, was, results):
                earlier.seek(was.start)
                stream.write(earlier.read(was.end - was.start))
            else:
                write(batch)
            batch.clear()

        def keep(key: Any, made: Made[Any]) -> None:
            batch.append((key, made))
            if len(batch) == BATCH:
                write_batch()

        write((context, objects))
        yield keep
        write_batch()
    partial.replace(path)


def _opened(path: Path, files: contextlib.ExitStack) -> IO[bytes] | None:
    try:
        return files.enter_context(path.open('rb'))
    except OSError:
        return None


def _same_batch(batch: list[tuple[Any, Made[Any]]], was: Stored,
                results: Mapping[Any, Made[Any]]) -> bool:
    """Whether ``batch`` holds the results of the stored batch ``was``, in its order,
    each the very one read from it."""
    return len(batch) == len(was.keys) and all(
        key == old_key and made is results.get(key)
        for (key, made), old_key in zip(batch, was.keys, strict=True))
