"""The terms the vocabulary is declared in: field kinds, fields, relations, object
types, and the roles each plays in the pages, pictures, indices and export.

The declarations themselves, and the records built from them, are in :mod:`.model`.
Every other module asks a type or a relation what it does (how it is named, what
dates it, how it is drawn, under which heading its targets list it) rather than
comparing names.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from .text import natural_key, opening

if TYPE_CHECKING:
    from .model import GovObject, ViewKind

#: how objects of one type sort among themselves
SortKey = Callable[['GovObject'], tuple[object, ...]]


def by_id(obj: GovObject) -> tuple[object, ...]:
    """The order of most types: by id, ``P2`` before ``P10``."""
    return (natural_key(obj.id),)


class FieldKind(Enum):
    TEXT = 'text'
    INTEGER = 'integer'
    DATE = 'date'
    PERIOD = 'period'
    CHOICE = 'choice'
    STATUS = 'status'
    REF = 'ref'
    REFS = 'refs'


class Shape(Enum):
    """How a picture draws an object, in the order its legend names them."""

    #: one day: a meeting
    CIRCLE = 'circle'
    #: a bar across a period: a source
    BAR = 'bar'
    #: a change: a revision
    DIAMOND = 'diamond'


@dataclass(frozen=True)
class Relation:
    """What a reference field means, read from both of its ends.

    The field's name names the relation from the object that carries it (an opinion
    ``shapes`` a principle), ``inverse`` from each object it names (a principle is
    ``shaped-by`` the opinion). The graph's lookups, the views and the export all read
    relations from these declarations: a relation is added by adding its field.
    Relations that name one object type by one inverse name are read as one (the
    ``shapes`` of opinions and of findings make one ``shaped-by`` list).
    """

    #: the object types the field may name
    targets: tuple[str, ...]
    inverse: str
    #: whether a link says that its object shaped the principle it names: such links
    #: make a principle's evidence
    shapes_principle: bool = False
    #: whether the ``inferred`` field of the object that carries the field marks its
    #: links of this relation as inferred rather than stated by the record
    inferable: bool = False
    #: the view label under which a target lists the objects that name it (a
    #: principle's ``Revisions``); its inverse name when not given
    heading: str = ''
    #: the view label under which a principle's evidence is grouped by this relation's
    #: target, with the target's name (``Opinions at %s``): the evidence that carries
    #: it is shown, counted and drawn by where it came from
    group_heading: str = ''
    #: the picture's label that counts the evidence of such a group (``Opinions: %d``)
    group_count: str = ''
    #: whether the target shapes what the object carrying the field shapes: a source
    #: shapes the principles its findings shape
    target_shapes_too: bool = False
    #: the carrier's field that names what its targets are the reasons for: the
    #: evidence a revision gives ``because`` shaped the principle it revises
    reasons_for: str = ''

    def __post_init__(self) -> None:
        if not self.heading:
            object.__setattr__(self, 'heading', self.inverse)
        if bool(self.group_heading) != bool(self.group_count):
            raise ValueError(f'{self.inverse}: a group of evidence has a heading and a count')


@dataclass(frozen=True)
class FieldSpec:
    """One option of an object directive; a reference field (``REF``, ``REFS``)
    declares the relation it makes."""

    name: str
    kind: FieldKind
    required: bool = False
    relation: Relation | None = None
    choices: tuple[str, ...] = ()
    default: str | None = None
    help: str = ''
    #: the smallest value an integer field takes
    minimum: int = 0
    #: whether the object's field list shows it; the header (its name, title and
    #: status) and the views (its summary, its links to principles, its gap) show
    #: the others
    listed: bool = True

    def __post_init__(self) -> None:
        if self.is_reference != (self.relation is not None):
            raise ValueError(f'{self.name}: a reference field, and only one, has a relation')

    @property
    def is_reference(self) -> bool:
        return self.kind in {FieldKind.REF, FieldKind.REFS}

    @property
    def targets(self) -> tuple[str, ...]:
        """The object types a reference field may name."""
        return self.relation.targets if self.relation is not None else ()

    @property
    def in_field_list(self) -> bool:
        """Whether the field list shows it: a status is a badge in the header."""
        return self.listed and self.kind is not FieldKind.STATUS


@dataclass(frozen=True)
class ObjectType:
    """An object type of the domain: its name, the options of its directive, and
    what it does in the pages, pictures, indices and export."""

    name: str
    fields: tuple[FieldSpec, ...]
    is_evidence: bool = False
    #: how its objects sort among themselves
    order: SortKey = by_id
    #: whether a link to the object itself counts as one item of a principle's
    #: evidence; a source is an activity, and only what it found (its findings) has
    #: content: a link to a source as a whole is shown apart and not counted
    counts_as_item: bool = True
    #: the field a link to it shows, or its id when the field is empty
    name_field: str = 'title'
    #: whether an object whose name field is empty is named by the opening of its
    #: summary (its first sentence, shortened) rather than by its id: the voices
    #: written by the dozen, or imported from a file, often have no title
    named_by_summary: bool = False
    #: whether its name starts with its number: ``#1 顧客視点``
    numbered: bool = False
    #: the date field that says when it happened (a meeting's day)
    date: str = ''
    #: the period field that says when it happened (a source's weeks)
    period: str = ''
    #: the reference field whose target dates it: a revision, by the meeting where it
    #: was reported
    dated_by: str = ''
    #: how a picture draws it; ``None``: never drawn
    shape: Shape | None = None
    #: the view shown under it on its page; ``None``: none
    view: ViewKind | None = None
    #: whether Sphinx's general index lists it (evidence has a domain index of its own)
    in_general_index: bool = False
    #: whether it describes the page that defines it, for search engines and link
    #: previews (the first such type on a page does)
    describes_page: bool = False
    #: whether its page is described by its agenda, the page's first numbered list
    has_agenda: bool = False

    def __post_init__(self) -> None:
        kinds = {spec.name: spec.kind for spec in self.fields}
        for role, wanted in ((self.date, {FieldKind.DATE}), (self.period, {FieldKind.PERIOD}),
                             (self.dated_by, {FieldKind.REF}),
                             (self.name_field, {FieldKind.TEXT})):
            if role and kinds.get(role) not in wanted:
                raise ValueError(f'{self.name}: {role!r} is not a field of a fitting kind')

    def is_named_by_summary(self, name: str, summary: str) -> bool:
        """Whether an object of the type whose name field holds ``name`` is named by the
        opening of its ``summary``."""
        return self.named_by_summary and not name and bool(opening(summary))

    def display_name(self, name: str, summary: str, object_id: str, number: int) -> str:
        """What a link to an object of the type shows: ``name`` (its name field's text),
        else the opening of ``summary`` where the type is named so, else its id; after
        ``#number`` for a numbered type."""
        shown = opening(summary) if self.is_named_by_summary(name, summary) else (
            name or object_id)
        return f'#{number} {shown}' if self.numbered and number else shown

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(spec.name for spec in self.fields)

    @functools.cached_property
    def reference_fields(self) -> tuple[FieldSpec, ...]:
        """Its fields that name other objects."""
        return tuple(spec for spec in self.fields if spec.is_reference)

    def relation(self, name: str) -> RelationField:
        """The relation its reference field ``name`` makes."""
        return RelationField(self.name, self.field(name))


@dataclass(frozen=True)
class RelationField:
    """A relation as one object type carries it: the field ``field`` of ``source_type``.

    What it takes from its relation is worked out once: the graph asks for it for
    every object of the handbook."""

    source_type: str
    field: FieldSpec

    @functools.cached_property
    def relation(self) -> Relation:
        assert self.field.relation is not None  # a reference field, see FieldSpec
        return self.field.relation

    @functools.cached_property
    def name(self) -> str:
        return self.field.name

    @functools.cached_property
    def inverse(self) -> str:
        return self.relation.inverse

    @functools.cached_property
    def targets(self) -> tuple[str, ...]:
        return self.relation.targets

    @functools.cached_property
    def shapes_principle(self) -> bool:
        return self.relation.shapes_principle

    @functools.cached_property
    def inferable(self) -> bool:
        return self.relation.inferable

    @functools.cached_property
    def heading(self) -> str:
        return self.relation.heading


class Tone(Enum):
    """How a status badge looks: the stylesheets have one rule per tone, and a badge
    also says its status in words, so that colour never carries it alone."""

    #: not settled yet: pending, draft, preparing
    OPEN = 'open'
    #: settled as asked: reflected, adopted, active
    DONE = 'done'
    #: settled otherwise: noted, closed
    NEUTRAL = 'neutral'
    #: what the sources do not record: no colour of its own
    UNKNOWN = 'unknown'
