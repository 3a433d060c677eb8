"""What changed between two exports, as data: the change set.

Objects are the same object in both exports when they have the same type and id,
links when they join the same two objects by the same relation. A field that names
other objects, the name and the address of an object follow from other data: each
is a change only where nothing else shows it (:class:`_Derived`). A changed id is an
object removed and one added; :attr:`ObjectChange.renamed` points from each to the
other when they have the same type and the same title, name or summary. Each change
names the principles it concerns, so that a reader can group them by principle.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum

from .. import model
from .exports import Export, ExportLink, ExportObject, Value, vocabulary

#: the type whose objects the changes are grouped by
PRINCIPLE = model.PRINCIPLE.name
#: the type of the changes of a principle a reader looks for first
REVISION = model.REVISION.name
#: not fields of the record but of the export: what the summary line, the source file,
#: the name links show and the address of an object are compared as
SUMMARY, FILE, NAME, URL = 'summary', 'file', 'name', 'url'
#: the same, since format 1.4: its whole text, the keys of what it cites, and the object
#: of another project it is a copy of
TEXT, CITATIONS, ORIGINAL = 'text', 'citations', 'original'
#: what an export older than format 1.4 does not say: compared only when both do
LATER_MEMBERS = frozenset({TEXT, CITATIONS})

Key = tuple[str, str]


class Change(StrEnum):
    ADDED = 'added'
    REMOVED = 'removed'
    CHANGED = 'changed'


class LinkChangeKind(StrEnum):
    ADDED = 'added'
    REMOVED = 'removed'
    #: the link is in both, and only the head says it was inferred
    NOW_INFERRED = 'now-inferred'
    #: the link is in both, and only the base says it was inferred
    NO_LONGER_INFERRED = 'no-longer-inferred'


@dataclass(frozen=True)
class ObjectRef:
    """How a change names an object: its type, id and the text a link to it shows."""

    type: str
    id: str
    name: str


@dataclass(frozen=True)
class FieldChange:
    """One field before and after; ``None`` where it is absent."""

    name: str
    old: Value
    new: Value


@dataclass(frozen=True)
class ObjectChange:
    """An object added (its fields from ``None``), removed (to ``None``) or changed
    (the fields that differ)."""

    change: Change
    object: ObjectRef
    fields: tuple[FieldChange, ...]
    #: the ids of the principles it concerns: itself, or those it is linked to
    principles: tuple[str, ...]
    #: for an object added, the id of a removed one it may have been renamed from;
    #: for one removed, the id of an added one it may have been renamed to
    renamed: str | None = None

    @property
    def status(self) -> FieldChange | None:
        """The change of its ``status``, for an object in both exports."""
        if self.change is not Change.CHANGED:
            return None
        return next((field for field in self.fields if field.name == 'status'), None)


@dataclass(frozen=True)
class LinkChange:
    """A link added, removed, or whose ``inferred`` flag changed."""

    change: LinkChangeKind
    source: ObjectRef
    relation: str
    inverse: str
    target: ObjectRef
    #: in the head, or in the base for a link removed
    inferred: bool
    principles: tuple[str, ...]


@dataclass(frozen=True)
class ChangeSet:
    """Everything that differs between two exports; false when they are equal."""

    base_format: str
    head_format: str
    #: the handbook's own data: ``format``, ``project``, ``version``, ``language``,
    #: ``releases`` (``generated``, the build's time, is not compared)
    handbook: tuple[FieldChange, ...]
    #: every principle of either export: the head's in its order, then those removed
    principles: tuple[ObjectRef, ...]
    objects: tuple[ObjectChange, ...]
    links: tuple[LinkChange, ...]

    def __bool__(self) -> bool:
        return bool(self.handbook or self.objects or self.links)

    @property
    def status_changes(self) -> tuple[ObjectChange, ...]:
        return tuple(change for change in self.objects if change.status is not None)

    @property
    def revisions_added(self) -> tuple[ObjectChange, ...]:
        return tuple(change for change in self.objects
                     if change.change is Change.ADDED and change.object.type == REVISION)


def compare(base: Export, head: Export) -> ChangeSet:
    """The change set from ``base`` to ``head``."""
    principles = _principles(base, head)
    order = {ref.id: index for index, ref in enumerate(principles)}
    linked = _PrincipleIndex(base.links + head.links, order)
    names = {(obj.type, obj.id): obj.name for obj in base.objects + head.objects}
    links = tuple(_link_changes(base, head, linked, names))
    return ChangeSet(
        base_format=base.format, head_format=head.format,
        handbook=tuple(_handbook_changes(base, head)),
        principles=principles,
        objects=tuple(_object_changes(base, head, linked, _Derived(base, head, links))),
        links=links,
    )


# -- objects ---------------------------------------------------------------------


def _object_changes(base: Export, head: Export, linked: _PrincipleIndex,
                    derived: _Derived) -> Iterator[ObjectChange]:
    before = {(obj.type, obj.id): obj for obj in base.objects}
    after = {(obj.type, obj.id): obj for obj in head.objects}
    added = [obj for key, obj in after.items() if key not in before]
    removed = [obj for key, obj in before.items() if key not in after]
    renamed = _renames(added, removed)
    for key, obj in after.items():
        old = before.get(key)
        fields = tuple(_field_changes(old, obj))
        if old is not None:
            fields = derived.left_out(key, fields, _summary_given(old, obj))
        if old is None:
            yield ObjectChange(Change.ADDED, _ref(obj), fields, linked.of(key), renamed.get(key))
        elif fields:
            yield ObjectChange(Change.CHANGED, _ref(obj), fields, linked.of(key))
    for obj in removed:
        key = (obj.type, obj.id)
        yield ObjectChange(Change.REMOVED, _ref(obj), tuple(_field_changes(obj, None)),
                           linked.of(key), renamed.get(key))


def _ref(obj: ExportObject) -> ObjectRef:
    return ObjectRef(obj.type, obj.id, obj.name)


def _summary_given(old: ExportObject, new: ExportObject) -> bool:
    """Whether either summary is its own option, not the opening of the text."""
    return SUMMARY in old.fields or SUMMARY in new.fields


def _compared(obj: ExportObject | None) -> dict[str, Value]:
    """What is compared of an object: its fields but ``summary`` (the summary line
    when given), then its summary line, source file, name and address, then what it is
    a copy of and, where its export has them, its text and the keys it cites."""
    if obj is None:
        return {}
    values = {name: value for name, value in obj.fields.items() if name != SUMMARY}
    values |= {SUMMARY: obj.summary, FILE: obj.source, NAME: obj.name, URL: obj.url,
               ORIGINAL: obj.original}
    if obj.text is not None:
        values[TEXT] = obj.text
    if obj.citations is not None:
        values[CITATIONS] = obj.citations
    return values


class _Derived:
    """What a change of an object says twice: a field that names other objects, when
    the links changed as it did; its name, when a field changed; its address, when its
    file changed; its summary line, when its text changed and the summary is the text's
    opening. Each is shown only where nothing else shows it (in an export edited by hand,
    say)."""

    def __init__(self, base: Export, head: Export, links: Iterable[LinkChange]) -> None:
        self._references = vocabulary().reference_fields
        self._before = {obj.id for obj in base.objects}
        self._after = {obj.id for obj in head.objects}
        self._moved: dict[tuple[str, str, str], tuple[set[str], set[str]]] = {}
        for link in links:
            if link.change in (LinkChangeKind.ADDED, LinkChangeKind.REMOVED):
                added, removed = self._moved.setdefault(
                    (link.source.type, link.source.id, link.relation), (set(), set()))
                (added if link.change is LinkChangeKind.ADDED else removed).add(link.target.id)

    def left_out(self, key: Key, fields: tuple[FieldChange, ...],
                 summary_given: bool = False) -> tuple[FieldChange, ...]:
        """``fields`` without the changes something else shows; ``summary_given``:
        the summary is an option of the object's, not the opening of its text."""
        names = {change.name for change in fields}
        return tuple(change for change in fields
                     if not self._shown_else(key, change, names, summary_given))

    def _shown_else(self, key: Key, change: FieldChange, names: set[str],
                    summary_given: bool) -> bool:
        if change.name in self._references:
            return self._linked(key, change)
        if change.name == NAME:
            return bool(names - {SUMMARY, FILE, NAME, URL, TEXT, CITATIONS})
        if change.name == SUMMARY:
            return TEXT in names and not summary_given
        return change.name == URL and FILE in names

    def _linked(self, key: Key, change: FieldChange) -> bool:
        """Whether the links of the object by this field changed as the field did."""
        old, new = _ids(change.old), _ids(change.new)
        expected = ({target for target in new - old if target in self._after},
                    {target for target in old - new if target in self._before})
        return self._moved.get((*key, change.name), (set(), set())) == expected


def _ids(value: Value) -> set[str]:
    if isinstance(value, str):
        return {value}
    return set(value) if isinstance(value, tuple) else set()


def _field_changes(old: ExportObject | None, new: ExportObject | None
                   ) -> Iterator[FieldChange]:
    before, after = _compared(old), _compared(new)
    for name in dict.fromkeys([*after, *before]):
        if name in LATER_MEMBERS and old is not None and new is not None and not (
                name in before and name in after):
            continue  # an export of an older format does not say
        was, now = _given(before.get(name)), _given(after.get(name))
        if was != now or type(was) is not type(now):
            yield FieldChange(name, was, now)


def _given(value: Value) -> Value:
    """``None`` for a value that says nothing: absent, empty text, an empty list."""
    return None if value == '' or value == () else value


def _renames(added: list[ExportObject], removed: list[ExportObject]) -> dict[Key, str]:
    """Each added object and the removed one of its type with the same text, and back;
    each removed object is matched once, the first in the export's order."""
    by_text: dict[tuple[str, str, str], list[ExportObject]] = {}
    for obj in removed:
        for text in _texts(obj):
            by_text.setdefault((obj.type, *text), []).append(obj)
    pairs: dict[Key, str] = {}
    for obj in added:
        candidates = (old for text in _texts(obj) for old in by_text.get((obj.type, *text), ()))
        match = next((old for old in candidates if (old.type, old.id) not in pairs), None)
        if match is not None:
            pairs[obj.type, obj.id] = match.id
            pairs[match.type, match.id] = obj.id
    return pairs


def _texts(obj: ExportObject) -> Iterator[tuple[str, str]]:
    """The texts that say an object is the same under another id."""
    title = obj.fields.get('title')
    if isinstance(title, str) and title:
        yield ('title', title)
    if obj.name and obj.name != obj.id:
        yield ('name', obj.name)
    if obj.summary:
        yield (SUMMARY, obj.summary)


# -- links -----------------------------------------------------------------------


def _link_changes(base: Export, head: Export, linked: _PrincipleIndex,
                  names: Mapping[Key, str]) -> Iterator[LinkChange]:
    before = {link.key: link for link in base.links}
    after = {link.key: link for link in head.links}
    for key, link in after.items():
        old = before.get(key)
        if old is None:
            yield _link_change(LinkChangeKind.ADDED, link, linked, names)
        elif old.inferred != link.inferred:
            kind = LinkChangeKind.NOW_INFERRED if link.inferred else (
                LinkChangeKind.NO_LONGER_INFERRED)
            yield _link_change(kind, link, linked, names)
    for key, link in before.items():
        if key not in after:
            yield _link_change(LinkChangeKind.REMOVED, link, linked, names)


def _link_change(kind: LinkChangeKind, link: ExportLink, linked: _PrincipleIndex,
                 names: Mapping[Key, str]) -> LinkChange:
    source = (link.source_type, link.source)
    target = (link.target_type, link.target)
    return LinkChange(
        kind, ObjectRef(*source, names.get(source, link.source)), link.relation, link.inverse,
        ObjectRef(*target, names.get(target, link.target)), link.inferred,
        linked.of_link(link),
    )


# -- principles ------------------------------------------------------------------


def _principles(base: Export, head: Export) -> tuple[ObjectRef, ...]:
    found: dict[str, ObjectRef] = {}
    for obj in head.objects + base.objects:
        if obj.type == PRINCIPLE:
            found.setdefault(obj.id, _ref(obj))
    return tuple(found.values())


class _PrincipleIndex:
    """The principles each object is linked to, in either export, in the given order."""

    def __init__(self, links: Iterable[ExportLink], order: Mapping[str, int]) -> None:
        self._order = order
        self._linked: dict[Key, set[str]] = {}
        for link in links:
            if link.target_type == PRINCIPLE:
                self._linked.setdefault((link.source_type, link.source), set()).add(link.target)
            if link.source_type == PRINCIPLE:
                self._linked.setdefault((link.target_type, link.target), set()).add(link.source)

    def of(self, key: Key) -> tuple[str, ...]:
        objtype, object_id = key
        if objtype == PRINCIPLE:
            return (object_id,)
        return self._sorted(self._linked.get(key, set()))

    def of_link(self, link: ExportLink) -> tuple[str, ...]:
        """The principle at either end; else those of the object that names the other."""
        ends = {end for end_type, end in ((link.source_type, link.source),
                                          (link.target_type, link.target))
                if end_type == PRINCIPLE}
        return self._sorted(ends) if ends else self.of((link.source_type, link.source))

    def _sorted(self, ids: set[str]) -> tuple[str, ...]:
        return tuple(sorted(ids, key=lambda found: (self._order.get(found, len(self._order)),
                                                    found)))


# -- the handbook ----------------------------------------------------------------


def _handbook_changes(base: Export, head: Export) -> Iterator[FieldChange]:
    if base.format != head.format:
        yield FieldChange('format', base.format, head.format)
    for name in dict.fromkeys([*head.handbook, *base.handbook]):
        was, now = base.handbook.get(name), head.handbook.get(name)
        if was != now:
            yield FieldChange(name, was, now)
    if base.releases != head.releases:
        yield FieldChange('releases', _releases(base), _releases(head))


def _releases(export: Export) -> tuple[str, ...] | None:
    return tuple(f'{version} ({date})' for version, date in export.releases) or None
