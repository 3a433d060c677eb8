"""The vocabulary of the ``gov`` domain: object types, their fields and records.

Everything the domain stores is built from the plain, picklable types defined
here, so that environment data never holds a live doctree node.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum

#: an id, matched against the whole value (``fullmatch``); ASCII only
ID_PATTERN = re.compile(r'[A-Za-z0-9][A-Za-z0-9_.\-]*')
ID_SEPARATOR = re.compile(r'[\s,、]+')
#: the largest whole number an option takes (a number, a count of participants)
MAX_NUMBER = 999_999_999
#: ASCII digits only: ``\d`` and ``str.isdigit`` also accept ``²``, ``①`` and ``٣``
_DIGITS = re.compile(r'[0-9]+')
_DATE = re.compile(r'[0-9]{4}-[0-9]{2}-[0-9]{2}')


class FieldKind(Enum):
    TEXT = 'text'
    INTEGER = 'integer'
    DATE = 'date'
    PERIOD = 'period'
    CHOICE = 'choice'
    STATUS = 'status'
    REF = 'ref'
    REFS = 'refs'


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


@dataclass(frozen=True)
class ObjectType:
    """An object type of the domain: its name and the options of its directive."""

    name: str
    fields: tuple[FieldSpec, ...]
    is_evidence: bool = False
    #: whether a link to the object itself counts as one item of a principle's
    #: evidence; a source is an activity, and only what it found (its findings) has
    #: content: a link to a source as a whole is shown apart and not counted
    counts_as_item: bool = True

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(spec.name for spec in self.fields)


def _text(name: str, *, required: bool = False, help: str = '') -> FieldSpec:
    return FieldSpec(name, FieldKind.TEXT, required=required, help=help)


TITLE = _text('title', help='the full title shown with the id')
SUMMARY = _text('summary', help='a one-line summary shown in other views; default: the text')
GAP = _text('gap', help='why the trace is knowingly incomplete; silences the warning')
#: the status of what the sources do not say: never shown as not yet reflected
UNKNOWN_STATUS = 'unknown'
EVIDENCE_STATUS = FieldSpec(
    'status',
    FieldKind.STATUS,
    choices=('pending', 'reflected', 'noted', UNKNOWN_STATUS),
    default=UNKNOWN_STATUS,
    help='whether the council has reflected it: pending (known not yet reflected), '
         'reflected, noted, or unknown where the sources do not say',
)
SHAPES = FieldSpec(
    'shapes', FieldKind.REFS, help='ids of the principles it shaped',
    relation=Relation(('principle',), 'shaped-by', shapes_principle=True, inferable=True),
)
INFERRED = _text(
    'inferred',
    help='how its links (shapes, or a revision\'s because) were inferred, where the record '
         'does not state them; marks every one of them as inferred',
)

PRINCIPLE = ObjectType(
    'principle',
    (
        TITLE,
        _text('label', required=True, help='the short label, e.g. 顧客視点'),
        FieldSpec('number', FieldKind.INTEGER, required=True, help='its number in the code',
                  minimum=1),
        _text('number-inferred',
              help='why its number is paired with its title by inference, where the '
                   'sources do not pair them; marks the pairing as inferred'),
        FieldSpec(
            'status', FieldKind.STATUS, choices=('draft', 'adopted'), default='draft',
            help='draft or adopted',
        ),
        GAP,
    ),
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
)
REVISION = ObjectType(
    'revision',
    (
        TITLE,
        FieldSpec('principle', FieldKind.REF, required=True, help='id of the revised principle',
                  relation=Relation(('principle',), 'revisions')),
        FieldSpec('meeting', FieldKind.REF, required=True,
                  help='id of the meeting where it was reported',
                  relation=Relation(('meeting',), 'revisions')),
        FieldSpec('because', FieldKind.REFS,
                  help='ids of the opinions, findings or sources behind it',
                  relation=Relation(('opinion', 'finding', 'source'), 'cited-by',
                                    inferable=True)),
        SUMMARY,
        INFERRED,
    ),
)
OPINION = ObjectType(
    'opinion',
    (
        TITLE,
        FieldSpec('meeting', FieldKind.REF, required=True,
                  help='id of the meeting where it was given',
                  relation=Relation(('meeting',), 'opinions')),
        SHAPES,
        EVIDENCE_STATUS,
        _text('member', help='who gave it, where the record names them'),
        SUMMARY,
        GAP,
        INFERRED,
    ),
    is_evidence=True,
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
    is_evidence=True,
    counts_as_item=False,
)
FINDING = ObjectType(
    'finding',
    (
        TITLE,
        FieldSpec('source', FieldKind.REF, required=True, help='id of the source it comes from',
                  relation=Relation(('source',), 'findings')),
        SHAPES,
        EVIDENCE_STATUS,
        SUMMARY,
        GAP,
        INFERRED,
    ),
    is_evidence=True,
)
WORKING_GROUP = ObjectType(
    'working-group',
    (
        _text('title', required=True, help='its name, e.g. UI/UX'),
        _text('scope', help='what it covers'),
        FieldSpec(
            'status', FieldKind.STATUS, choices=('preparing', 'active', 'closed', 'unrecorded'),
            default='preparing',
            help='preparing, active, closed, or unrecorded where the sources give no status',
        ),
    ),
)
GUIDELINE = ObjectType(
    'guideline',
    (
        _text('title', required=True, help='its title'),
        FieldSpec('working-group', FieldKind.REF, required=True,
                  help='id of the working group that writes it',
                  relation=Relation(('working-group',), 'guidelines')),
        FieldSpec('implements', FieldKind.REFS,
                  help='ids of the principles it puts into practice',
                  relation=Relation(('principle',), 'implemented-by')),
        FieldSpec('status', FieldKind.STATUS, choices=('draft', 'adopted', 'unrecorded'),
                  default='draft',
                  help='draft, adopted, or unrecorded where the sources give no status'),
    ),
)

OBJECT_TYPES: dict[str, ObjectType] = {
    spec.name: spec
    for spec in (
        PRINCIPLE, MEETING, REVISION, OPINION, SOURCE, FINDING, WORKING_GROUP, GUIDELINE
    )
}
EVIDENCE_TYPES = tuple(name for name, spec in OBJECT_TYPES.items() if spec.is_evidence)


@dataclass(frozen=True)
class RelationField:
    """A relation as one object type carries it: the field ``field`` of ``source_type``."""

    source_type: str
    field: FieldSpec

    @property
    def relation(self) -> Relation:
        assert self.field.relation is not None  # a reference field, see FieldSpec
        return self.field.relation

    @property
    def name(self) -> str:
        return self.field.name

    @property
    def inverse(self) -> str:
        return self.relation.inverse

    @property
    def targets(self) -> tuple[str, ...]:
        return self.relation.targets

    @property
    def shapes_principle(self) -> bool:
        return self.relation.shapes_principle

    @property
    def inferable(self) -> bool:
        return self.relation.inferable


def _relation_order(relation: RelationField) -> tuple[bool, bool, int, int]:
    """What shaped the principles first, then the other relations of evidence, then
    the rest, each in the vocabulary's order: the order of the export's relations."""
    spec = OBJECT_TYPES[relation.source_type]
    types = list(OBJECT_TYPES)
    return (not relation.shapes_principle, not spec.is_evidence,
            types.index(relation.source_type), spec.fields.index(relation.field))


#: every relation of the vocabulary, from the fields that declare them
RELATIONS: tuple[RelationField, ...] = tuple(sorted(
    (RelationField(name, spec) for name, objtype in OBJECT_TYPES.items()
     for spec in objtype.fields if spec.relation is not None),
    key=_relation_order,
))
#: object type -> the field whose links its ``inferred`` marks as inferred
INFERABLE_FIELD: dict[str, str] = {
    relation.source_type: relation.name for relation in RELATIONS if relation.inferable
}
#: every name a relation is read by from the objects it names
INVERSE_NAMES = frozenset(relation.inverse for relation in RELATIONS)


# -- the tone of each status --------------------------------------------------------


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


#: the tone of every value of a ``STATUS`` field
STATUS_TONES: dict[str, Tone] = {
    'pending': Tone.OPEN, 'draft': Tone.OPEN, 'preparing': Tone.OPEN,
    'reflected': Tone.DONE, 'adopted': Tone.DONE, 'active': Tone.DONE,
    'noted': Tone.NEUTRAL, 'closed': Tone.NEUTRAL,
    UNKNOWN_STATUS: Tone.UNKNOWN, 'unrecorded': Tone.UNKNOWN,
}

FieldValue = str | int | tuple[str, ...]


@dataclass(frozen=True)
class SummaryRef:
    """A link in a summary taken from an object's text: a reader sees the name of the
    object it names (``#1 顧客視点``), which is known only once every page is read;
    ``text`` is what the link shows when that object is found nowhere."""

    reftype: str
    target: str
    text: str


#: a summary as written: text, and links whose text is the name of what they name
SummaryParts = tuple[str | SummaryRef, ...]
#: the space a removed citation leaves before closing punctuation
SPACE_BEFORE_PUNCTUATION = re.compile(r'\s+(?=[。、，．,.;:)）」』])')


@dataclass(frozen=True)
class Written:
    """Where an object was written: a directive on a page, or a row of a data file.

    Every message about the object, or about one of its options, points here.
    """

    #: the page's source (or the file it includes), or the data file, relative to
    #: the source directory
    file: str
    #: the directive's line, or the line of the file its row starts on
    line: int
    #: each option's own line; a row's options are all on its line
    option_lines: Mapping[str, int] = field(default_factory=dict)
    #: a row's number, 1 for the first after the header; 0 for a directive
    row: int = 0
    #: field -> the column a row's field was read from; one mapping shared by a file's rows
    columns: Mapping[str, str] = field(default_factory=dict)
    #: the directive that imported a row (``gov:import-csv``), whose options give the
    #: fields a row has no column for
    importer: str = ''

    def line_of(self, option: str | None) -> int:
        """The line of ``option``, or of the object when it has no line of its own."""
        return self.option_lines.get(option, self.line) if option else self.line

    def label(self, option: str) -> str:
        """``:shapes:`` for a directive, ``row 3, column 'principles'`` for a CSV row."""
        if not self.row:
            return f':{option}:'
        if option in self.columns:
            return f'row {self.row}, column {column_name(self.columns[option])}'
        return f':{option}: of {self.importer}'


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
    #: then shows the links' targets until the graph names them (see :func:`summary_text`)
    summary_parts: SummaryParts = ()

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
    def counts_as_item(self) -> bool:
        """Whether a link to it counts as an item of evidence (see :class:`ObjectType`)."""
        return OBJECT_TYPES[self.objtype].counts_as_item

    @property
    def number_inferred(self) -> bool:
        """Whether a principle's number is paired with its title only by inference."""
        return bool(self.text('number-inferred'))

    @property
    def display_name(self) -> str:
        """The text a link to this object shows."""
        if self.objtype == 'principle':
            label = self.text('label') or self.id
            return f'#{self.number} {label}' if self.number else label
        return self.title or self.id

    @property
    def link_digest(self) -> tuple[str, str, str, str]:
        """What a plain link to the object depends on."""
        return (self.objtype, self.display_name, self.docname, self.anchor)


@functools.lru_cache(maxsize=1 << 16)
def natural_key(text: str) -> tuple[tuple[int, int, str], ...]:
    """Sort ``P2`` before ``P10``.

    A run of digits sorts by its value, compared as text of a given length so that
    an id of thousands of digits costs no conversion to ``int``.
    """
    key = []
    for part in re.split(r'([0-9]+)', text):
        if _DIGITS.fullmatch(part):
            value = part.lstrip('0')
            key.append((0, len(value), value + ' ' + part))
        elif part:
            key.append((1, 0, part))
    return tuple(key)


def id_key(object_id: str) -> str:
    """What is left of an id where case and ``.``, ``_``, ``-`` do not count, as in
    an HTML anchor made from it (``M.1``, ``m_1`` and ``M-1`` are one)."""
    return re.sub(r'[._\-]+', '-', object_id.lower()).rstrip('-')


def with_article(noun: str) -> str:
    """``a principle``, ``an opinion``."""
    return f'{"an" if noun[:1] in "aeiou" else "a"} {noun}'


def split_ids(raw: str) -> tuple[str, ...]:
    """Split an option listing ids, separated by commas or whitespace."""
    return tuple(part for part in ID_SEPARATOR.split(raw.strip()) if part)


def parse_number(raw: str, minimum: int = 0, maximum: int = MAX_NUMBER) -> int:
    """Parse a whole number written in ASCII digits, from ``minimum`` to ``maximum``;
    raise ``ValueError`` on anything else."""
    text = raw.strip()
    # the length is checked before the conversion: int() of thousands of digits raises
    if not _DIGITS.fullmatch(text) or len(text.lstrip('0')) > len(str(maximum)):
        raise ValueError(raw)
    value = int(text)
    if not minimum <= value <= maximum:
        raise ValueError(raw)
    return value


def parse_date(raw: str) -> dt.date:
    """Parse ``YYYY-MM-DD``; raise ``ValueError`` on anything else."""
    if not _DATE.fullmatch(raw.strip()):
        raise ValueError(raw)
    return dt.date.fromisoformat(raw.strip())


def parse_period(raw: str) -> tuple[dt.date, dt.date]:
    """Parse a date or an ISO 8601 interval ``start/end``."""
    start, _, end = raw.strip().partition('/')
    first = parse_date(start)
    last = parse_date(end) if end else first
    if last < first:
        raise ValueError(raw)
    return first, last


def content_digest(*parts: object) -> str:
    """A short, stable digest of ``parts``."""
    text = '\x1f'.join(repr(part) for part in parts)
    return hashlib.blake2b(text.encode('utf-8'), digest_size=12).hexdigest()


def shorten(text: str, width: int = 120) -> str:
    """``text`` as one line of at most ``width`` characters, whitespace collapsed
    (and control characters dropped, as :func:`clean_text` does)."""
    collapsed = ' '.join(clean_text(text).text.split())
    if len(collapsed) <= width:
        return collapsed
    return collapsed[: width - 1].rstrip() + '…'


# -- text from untrusted values -----------------------------------------------------

#: what ends a line for :meth:`str.splitlines` (and so for Sphinx's inventory reader)
LINE_BREAKS = frozenset('\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029')
#: every character :func:`clean_text` changes: C0 and C1 controls, line breaks, the
#: bidirectional embeddings, overrides and isolates, which reorder the text after them
#: (the marks U+200E, U+200F and U+061C do not, and are kept), and lone surrogates
#: (a YAML escape such as "\\ud800" in a MyST option block), which no page can encode
_UNSAFE = re.compile(
    '[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]'
)


@dataclass(frozen=True)
class CleanText:
    """A value made safe to show: ``removed`` lists the characters that were replaced
    or dropped, each once, in the order they first appear."""

    text: str
    removed: tuple[str, ...] = ()


def clean_text(raw: str, *, multiline: bool = False) -> CleanText:
    """The text of an untrusted value, as one line (or as lines, for ``multiline``).

    A tab becomes a space. A line break becomes a space, or in ``multiline`` text a
    ``\\n`` (``\\r\\n`` and ``\\r`` silently, as a spreadsheet writes them). Every
    other control character and every bidirectional control is dropped. Whatever
    was changed, except tabs and the line ends of ``multiline`` text, is listed in
    :attr:`CleanText.removed`, so that the author can be told.
    """
    if not _UNSAFE.search(raw):
        return CleanText(raw)
    if multiline:
        raw = raw.replace('\r\n', '\n').replace('\r', '\n')
    removed: dict[str, None] = {}
    chars = []
    for char in raw:
        if char == '\t':
            chars.append(' ')
        elif multiline and char == '\n':
            chars.append(char)
        elif char in LINE_BREAKS:
            chars.append('\n' if multiline else ' ')
            removed[char] = None
        elif _UNSAFE.match(char):
            removed[char] = None
        else:
            chars.append(char)
    return CleanText(''.join(chars), tuple(removed))


def describe_characters(chars: Iterable[str]) -> str:
    """``U+2028 (LINE SEPARATOR), U+0007 (a control character)`` for a message."""
    return ', '.join(f'U+{ord(char):04X} ({_character_name(char)})' for char in chars)


def _character_name(char: str) -> str:
    if name := unicodedata.name(char, ''):
        return name
    if char in LINE_BREAKS:
        return 'a line break'
    return 'a lone surrogate' if unicodedata.category(char) == 'Cs' else 'a control character'


def summary_text(
    parts: SummaryParts, name_of: Callable[[SummaryRef], str | None] = lambda ref: None
) -> str:
    """A summary from ``parts``, each link shown by ``name_of`` it, or by its own text."""
    text = ''.join(
        part if isinstance(part, str) else (name_of(part) or part.text) for part in parts
    )
    return shorten(SPACE_BEFORE_PUNCTUATION.sub('', text))


def quoted(value: str, width: int = 80) -> str:
    """A value as a message quotes it: cut to ``width`` characters, in quotes, with any
    invisible character written as an escape (a value may be a page long, and hostile)."""
    return repr(value if len(value) <= width else value[: width - 1] + '…')


def column_name(name: str) -> str:
    """A data file's column as a message quotes it (a header is untrusted, and may be
    thousands of characters long)."""
    return quoted(name, 40)


def sorted_objects(objects: Iterable[GovObject]) -> list[GovObject]:
    """Sort objects in the order readers expect them."""
    return sorted(objects, key=_sort_key)


def _sort_key(obj: GovObject) -> tuple[object, ...]:
    if obj.objtype == 'principle':
        return (obj.number or 10**9, natural_key(obj.id))
    if obj.objtype == 'meeting':
        return (obj.text('date'), obj.number, natural_key(obj.id))
    return (natural_key(obj.id),)

