"""The vocabulary of the ``gov`` domain, declared: its object types, their fields and
relations and what each does; and the records built from it.

Every object type and relation is named here and only here: other modules read them
from these declarations (see :mod:`.vocabulary` for the terms). Everything the domain
stores is built from the plain, picklable types defined here, so that environment
data never holds a live doctree node.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

from .text import SummaryParts, natural_key
from .vocabulary import (
    FieldKind,
    FieldSpec,
    ObjectType,
    Relation,
    RelationField,
    Shape,
    Tone,
)
from .written import Written


class ViewKind(Enum):
    """The views of the domain: one under an object of a type that has one, and the
    views of the whole handbook; each name is also the view's CSS class."""

    PRINCIPLE = 'principle'
    EVIDENCE = 'evidence'
    MEETING = 'meeting'
    WORKING_GROUP = 'working-group'
    MATRIX = 'matrix'
    COVERAGE = 'coverage'
    PRINCIPLE_TABLE = 'principle-table'


#: a principle without a number sorts after every numbered one
_UNNUMBERED = 10**9


def _by_number(obj: GovObject) -> tuple[object, ...]:
    return (obj.number or _UNNUMBERED, natural_key(obj.id))


def _by_date(obj: GovObject) -> tuple[object, ...]:
    return (obj.text('date'), obj.number, natural_key(obj.id))


def _text(name: str, *, required: bool = False, help: str = '',
          listed: bool = True) -> FieldSpec:
    return FieldSpec(name, FieldKind.TEXT, required=required, help=help, listed=listed)


TITLE = _text('title', help='the full title shown with the id', listed=False)
SUMMARY = _text('summary', help='a one-line summary shown in other views; default: the text',
                listed=False)
GAP = _text('gap', help='why the trace is knowingly incomplete; silences the warning',
            listed=False)
#: the status of what the sources do not say: never shown as not yet reflected
UNKNOWN_STATUS = 'unknown'
EVIDENCE_STATUS = FieldSpec(
    'status', FieldKind.STATUS, choices=('pending', 'reflected', 'noted', UNKNOWN_STATUS),
    default=UNKNOWN_STATUS,
    help='whether the council has reflected it: pending (known not yet reflected), '
         'reflected, noted, or unknown where the sources do not say',
)
#: what an opinion or a finding says of the principles it shaped
SHAPED_BY = Relation(('principle',), 'shaped-by', shapes_principle=True, inferable=True)
SHAPES = FieldSpec('shapes', FieldKind.REFS, help='ids of the principles it shaped',
                   relation=SHAPED_BY, listed=False)
INFERRED = _text(
    'inferred',
    help='how its links (shapes, or a revision\'s because) were inferred, where the record '
         'does not state them; marks every one of them as inferred',
)
#: marks an item of evidence to stand for the others where a view shows its list in part
REPRESENTATIVE = _text(
    'representative',
    help='why it stands for the others where a view shows its list in part (a principle\'s '
         'evidence from one meeting or source, a source\'s findings); marks it to be shown',
)

PRINCIPLE = ObjectType(
    'principle',
    (
        TITLE,
        _text('label', required=True, help='the short label, e.g. 顧客視点', listed=False),
        FieldSpec('number', FieldKind.INTEGER, required=True, help='its number in the code',
                  minimum=1, listed=False),
        _text('number-inferred',
              help='why its number is paired with its title by inference, where the '
                   'sources do not pair them; marks the pairing as inferred'),
        FieldSpec('status', FieldKind.STATUS, choices=('draft', 'adopted'), default='draft',
                  help='draft or adopted'),
        GAP,
    ),
    order=_by_number, name_field='label', numbered=True, view=ViewKind.PRINCIPLE,
    in_general_index=True, describes_page=True,
)
MEETING = ObjectType(
    'meeting',
    (
        TITLE,
        FieldSpec('number', FieldKind.INTEGER, required=True, help='1 for the 1st meeting',
                  minimum=1),
        FieldSpec('date', FieldKind.DATE, required=True,
                  help='the day it was held, YYYY-MM-DD'),
        _text('time', help='when it was held, e.g. 10:00-11:30'),
        FieldSpec(
            'format', FieldKind.CHOICE, choices=('online', 'in-person', 'hybrid'),
            help='online, in-person or hybrid',
        ),
    ),
    order=_by_date, date='date', shape=Shape.CIRCLE, view=ViewKind.MEETING,
    in_general_index=True, describes_page=True, has_agenda=True,
)
REVISION = ObjectType(
    'revision',
    (
        TITLE,
        FieldSpec('principle', FieldKind.REF, required=True, help='id of the revised principle',
                  relation=Relation(('principle',), 'revisions')),
        FieldSpec('meeting', FieldKind.REF, required=True,
                  help='id of the meeting where it was reported',
                  relation=Relation(('meeting',), 'revisions', heading='meeting-revisions')),
        FieldSpec('because', FieldKind.REFS,
                  help='ids of the opinions, findings or sources behind it',
                  relation=Relation(('opinion', 'finding', 'source'), 'cited-by',
                                    inferable=True, reasons_for='principle')),
        SUMMARY,
        INFERRED,
    ),
    dated_by='meeting', named_by_summary=True, shape=Shape.DIAMOND,
)
OPINION = ObjectType(
    'opinion',
    (
        TITLE,
        FieldSpec('meeting', FieldKind.REF, required=True,
                  help='id of the meeting where it was given',
                  relation=Relation(('meeting',), 'opinions', heading='meeting-opinions',
                                    group_heading='opinions-at',
                                    group_count='diagram-opinions')),
        SHAPES,
        EVIDENCE_STATUS,
        _text('member', help='who gave it, where the record names them'),
        SUMMARY,
        GAP,
        INFERRED,
        REPRESENTATIVE,
    ),
    is_evidence=True, named_by_summary=True, view=ViewKind.EVIDENCE,
)
SOURCE = ObjectType(
    'source',
    (
        TITLE,
        FieldSpec(
            'kind', FieldKind.CHOICE, required=True,
            choices=('workshop', 'survey', 'interview', 'other'),
            help='workshop, survey, interview or other',
        ),
        FieldSpec('period', FieldKind.PERIOD,
                  help='when it took place: YYYY-MM-DD, or a period YYYY-MM-DD/YYYY-MM-DD'),
        FieldSpec('participants', FieldKind.INTEGER, help='how many took part'),
        GAP,
    ),
    is_evidence=True, counts_as_item=False, period='period', shape=Shape.BAR,
    view=ViewKind.EVIDENCE, in_general_index=True,
)
FINDING = ObjectType(
    'finding',
    (
        TITLE,
        FieldSpec('source', FieldKind.REF, required=True, help='id of the source it comes from',
                  relation=Relation(('source',), 'findings', heading='source-findings',
                                    group_heading='findings-from',
                                    group_count='diagram-findings', target_shapes_too=True)),
        SHAPES,
        EVIDENCE_STATUS,
        SUMMARY,
        GAP,
        INFERRED,
        REPRESENTATIVE,
    ),
    is_evidence=True, named_by_summary=True, view=ViewKind.EVIDENCE,
)
WORKING_GROUP = ObjectType(
    'working-group',
    (
        _text('title', required=True, help='its name, e.g. UI/UX', listed=False),
        _text('scope', help='what it covers'),
        FieldSpec('status', FieldKind.STATUS,
                  choices=('preparing', 'active', 'closed', 'unrecorded'), default='preparing',
                  help='preparing, active, closed, or unrecorded where the sources give no status'),
    ),
    view=ViewKind.WORKING_GROUP, in_general_index=True,
)
GUIDELINE = ObjectType(
    'guideline',
    (
        _text('title', required=True, help='its title', listed=False),
        FieldSpec('working-group', FieldKind.REF, required=True,
                  help='id of the working group that writes it',
                  relation=Relation(('working-group',), 'guidelines', heading='wg-guidelines')),
        FieldSpec('implements', FieldKind.REFS,
                  help='ids of the principles it puts into practice',
                  relation=Relation(('principle',), 'implemented-by')),
        FieldSpec('status', FieldKind.STATUS, choices=('draft', 'adopted', 'unrecorded'),
                  default='draft',
                  help='draft, adopted, or unrecorded where the sources give no status'),
    ),
    in_general_index=True,
)

OBJECT_TYPES: dict[str, ObjectType] = {
    spec.name: spec
    for spec in (
        PRINCIPLE, MEETING, REVISION, OPINION, SOURCE, FINDING, WORKING_GROUP, GUIDELINE
    )
}
EVIDENCE_TYPES = tuple(name for name, spec in OBJECT_TYPES.items() if spec.is_evidence)

# -- the relations, each named once ---------------------------------------------------

#: a revision's principle: a principle lists its revisions
REVISION_PRINCIPLE = REVISION.relation('principle')
#: a revision's meeting, where it was reported (and which dates it)
REVISION_MEETING = REVISION.relation('meeting')
#: the evidence a revision gives as its reasons
REVISION_BECAUSE = REVISION.relation('because')
#: an opinion's meeting, where it was given: opinions are grouped by meeting
OPINION_MEETING = OPINION.relation('meeting')
#: a finding's source: findings are grouped by source
FINDING_SOURCE = FINDING.relation('source')
#: a guideline's working group
GUIDELINE_WORKING_GROUP = GUIDELINE.relation('working-group')
#: the principles a guideline puts into practice
GUIDELINE_IMPLEMENTS = GUIDELINE.relation('implements')


def _relation_order(relation: RelationField) -> tuple[bool, bool, int, int]:
    """What shaped the principles first, then the other relations of evidence, then
    the rest, each in the vocabulary's order: the order of the export's relations."""
    spec = OBJECT_TYPES[relation.source_type]
    types = list(OBJECT_TYPES)
    return (not relation.shapes_principle, not spec.is_evidence,
            types.index(relation.source_type), spec.fields.index(relation.field))


#: every relation of the vocabulary, from the fields that declare them
RELATIONS: tuple[RelationField, ...] = tuple(sorted(
    (spec.relation(field.name) for spec in OBJECT_TYPES.values()
     for field in spec.fields if field.relation is not None),
    key=_relation_order,
))
#: object type -> its relations
RELATIONS_OF: dict[str, tuple[RelationField, ...]] = {
    objtype: tuple(relation for relation in RELATIONS if relation.source_type == objtype)
    for objtype in OBJECT_TYPES
}
#: object type -> the field whose links its ``inferred`` marks as inferred
INFERABLE_FIELD: dict[str, str] = {
    relation.source_type: relation.name for relation in RELATIONS if relation.inferable
}
#: every name a relation is read by from the objects it names
INVERSE_NAMES = frozenset(relation.inverse for relation in RELATIONS)
#: the relations by which evidence shapes principles
SHAPING = tuple(relation for relation in RELATIONS if relation.shapes_principle)
#: the types that evidence shapes: the principles
SHAPED_TYPES = tuple(dict.fromkeys(name for relation in SHAPING for name in relation.targets))
#: the relations that give evidence as the reasons for what their carrier names
CITING = tuple(relation for relation in RELATIONS if relation.relation.reasons_for)
#: the relations by which a principle's evidence is grouped, in the order of the groups
GROUPINGS = tuple(relation for relation in RELATIONS if relation.relation.group_heading)
#: the type of a group's heading (a meeting, a source) -> the relation that groups it
GROUPED_UNDER: dict[str, RelationField] = {
    relation.targets[0]: relation for relation in GROUPINGS
}
assert len(GROUPED_UNDER) == len(GROUPINGS) == sum(len(r.targets) for r in GROUPINGS), (
    'each group of evidence is headed by one object type of its own')
assert all(OBJECT_TYPES[relation.source_type].is_evidence for relation in GROUPINGS)
assert {relation.source_type for relation in GROUPINGS} == {
    name for name in EVIDENCE_TYPES if OBJECT_TYPES[name].counts_as_item
}, 'every item of evidence is counted in a group'


#: the tone of every value of a ``STATUS`` field (:class:`.vocabulary.Tone`)
STATUS_TONES: dict[str, Tone] = {
    'pending': Tone.OPEN, 'draft': Tone.OPEN, 'preparing': Tone.OPEN,
    'reflected': Tone.DONE, 'adopted': Tone.DONE, 'active': Tone.DONE,
    'noted': Tone.NEUTRAL, 'closed': Tone.NEUTRAL,
    UNKNOWN_STATUS: Tone.UNKNOWN, 'unrecorded': Tone.UNKNOWN,
}

FieldValue = str | int | tuple[str, ...]


@dataclass(frozen=True)
class GovObject:
    """One object of the domain, as read from one directive (or one row of a file).

    ``fields`` holds only the options that were given and valid; ``digest``
    changes whenever anything a reader could see of the object changes, and
    drives incremental rebuilds.
    """

    objtype: str
    id: str
    docname: str
    anchor: str
    written: Written
    fields: dict[str, FieldValue] = field(default_factory=dict)
    summary: str = ''
    digest: str = ''
    #: a summary taken from the text, when that text links to objects: ``summary``
    #: then shows the links' own text; the graph names their targets (see
    #: :meth:`~gov_provenance.graph.Graph.summary`)
    summary_parts: SummaryParts = ()
    #: its whole text, paragraph by paragraph, as :attr:`summary_parts` reads it
    paragraphs: tuple[SummaryParts, ...] = ()
    #: the keys of the references its text cites (``{cite:p}``), in the order cited
    citations: tuple[str, ...] = ()
    #: ``inventory:id`` of the object of another project it is a copy of (``:original:``)
    original: str = ''

    @property
    def spec(self) -> ObjectType:
        """Its object type."""
        return OBJECT_TYPES[self.objtype]

    @property
    def origin(self) -> str:
        """The data file an imported object was read from (a CSV file), relative to the
        source directory; empty for an object a directive defines."""
        return self.written.file if self.written.row else ''

    @property
    def title(self) -> str:
        return str(self.fields.get('title', ''))

    @property
    def status(self) -> str:
        return str(self.fields.get('status', ''))

    @property
    def number(self) -> int:
        value = self.fields.get('number', 0)
        return value if isinstance(value, int) else 0

    def text(self, name: str) -> str:
        value = self.fields.get(name, '')
        return value if isinstance(value, str) else ''

    def ref(self, name: str) -> str:
        value = self.fields.get(name, '')
        return value if isinstance(value, str) else ''

    def refs(self, name: str) -> tuple[str, ...]:
        value = self.fields.get(name, ())
        return value if isinstance(value, tuple) else ()

    def ids(self, name: str) -> tuple[str, ...]:
        """The ids a reference field names, one (``REF``) or several (``REFS``)."""
        value = self.fields.get(name)
        return value if isinstance(value, tuple) else (value,) if isinstance(value, str) else ()

    @property
    def links_inferred(self) -> bool:
        """Whether its links of an ``inferable`` relation (an opinion's ``shapes``, a
        revision's ``because``) are inferred rather than stated by the record."""
        return bool(self.text('inferred'))

    @property
    def representative(self) -> bool:
        """Whether it was marked to stand for a list shown in part (see
        :mod:`~gov_provenance.listings`)."""
        return bool(self.fields.get('representative'))

    @property
    def counts_as_item(self) -> bool:
        """Whether a link to it counts as an item of evidence (see :class:`ObjectType`)."""
        return self.spec.counts_as_item

    @property
    def number_inferred(self) -> bool:
        """Whether a principle's number is paired with its title only by inference."""
        return bool(self.text('number-inferred'))

    @property
    def day(self) -> str:
        """The day it happened, as written (``YYYY-MM-DD``), where its type has one."""
        return self.text(self.spec.date) if self.spec.date else ''

    # cached: views, indices, digests and the export ask it of every object
    @functools.cached_property
    def named_by_summary(self) -> bool:
        """Whether the opening of its summary names it (see :class:`.ObjectType`)."""
        return self.spec.is_named_by_summary(self.text(self.spec.name_field), self.summary)

    @functools.cached_property
    def display_name(self) -> str:
        """The text a link to it shows (see :meth:`.ObjectType.display_name`)."""
        return self.spec.display_name(self.text(self.spec.name_field), self.summary, self.id,
                                      self.number)

    @property
    def link_digest(self) -> tuple[str, str, str, str]:
        """What a plain link to the object depends on."""
        return (self.objtype, self.display_name, self.docname, self.anchor)


def content_digest(*parts: object) -> str:
    """A short, stable digest of ``parts``."""
    text = '\x1f'.join(repr(part) for part in parts)
    return hashlib.blake2b(text.encode('utf-8'), digest_size=12).hexdigest()


def sorted_objects(objects: Iterable[GovObject]) -> list[GovObject]:
    """Sort objects in the order readers expect them (see :attr:`ObjectType.order`)."""
    return sorted(objects, key=lambda obj: obj.spec.order(obj))
