"""The change set as GitHub-flavoured Markdown, for a pull request's reviewers.

Every text of the exports comes from the sources of a pull request, whose author is
not trusted: :func:`escape` keeps it plain text in the summary of a workflow run and
in any Markdown reader (no markup, no HTML, no link or image, no ``@mention``, no
``#123`` reference, no line break, no table cell boundary). Ids are shown in code
spans, which the loader has checked hold only letters, digits, ``.``, ``_`` and ``-``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from ..locale import FIELD_LABELS, OBJECT_LABELS, VALUE_LABELS, declared_label, view_label
from .changes import (
    REVISION,
    Change,
    ChangeSet,
    FieldChange,
    LinkChange,
    LinkChangeKind,
    ObjectChange,
)
from .changes import ObjectRef as Ref
from .exports import OBJECT_ID, Value, vocabulary
from .labels import label, labels_in
from .words import Piece, word_diff

#: texts wider than this (a Japanese character is two columns wide) are shown as a
#: word diff rather than whole, before and after
SHORT_TEXT = 40
#: ASCII characters that can start markup inline, escaped with a backslash
_MARKUP = frozenset('\\`*_~[]<>&|$')
#: characters after which GitHub links a name, an issue or an address: a zero-width
#: space after each keeps them text
_LINKING = frozenset('@#:')
_ZERO_WIDTH_SPACE = '\u200b'
_WWW = re.compile('(w)(ww[.])', re.IGNORECASE)
#: controls of the direction of text, which could show a reviewer other text than the
#: record holds: shown by their code point
_BIDI = frozenset('\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069')
_NEW_LINES = frozenset({'Cc', 'Zl', 'Zp'})


def render_markdown(changes: ChangeSet, language: str = 'ja', *,
                    note_if_equal: bool = False) -> str:
    """The change set in ``language`` (``ja`` or ``en``), grouped by principle.

    Empty when nothing changed, or one line that says so with ``note_if_equal``.
    """
    with labels_in(language):
        if not changes:
            return f'{label("unchanged")}\n' if note_if_equal else ''
        return '\n'.join(_document(changes)) + '\n'


def escape(text: str) -> str:
    """``text`` as Markdown that shows exactly it, on one line, linking nothing."""
    shown = []
    for character in text:
        if character in _BIDI:
            shown.append(f'⟨U+{ord(character):04X}⟩')
        elif unicodedata.category(character) in _NEW_LINES:
            shown.append(' ')
        elif character in _MARKUP:
            shown.append('\\' + character)
        elif character in _LINKING:
            shown.append(character + _ZERO_WIDTH_SPACE)
        else:
            shown.append(character)
    return _WWW.sub(rf'\1{_ZERO_WIDTH_SPACE}\2', ''.join(shown))


# -- the document ----------------------------------------------------------------


def _document(changes: ChangeSet) -> Iterator[str]:
    yield f'## {label("title")}'
    yield ''
    yield _tally(changes)
    groups = _by_principle(changes)
    for principle in changes.principles:
        if principle.id in groups:
            yield from ('', f'### {_ref(principle)}', *_section(groups[principle.id]))
    if None in groups:
        yield from ('', f'### {label("other")}', *_section(groups[None]))
    if changes.handbook:
        yield from ('', f'### {label("handbook")}', '')
        yield from (f'- {_field(change, "")}' for change in changes.handbook)


@dataclass
class _Group:
    """The changes of one principle's section, or of those tied to no principle."""

    objects: list[ObjectChange] = field(default_factory=list)
    links: list[LinkChange] = field(default_factory=list)


def _by_principle(changes: ChangeSet) -> dict[str | None, _Group]:
    """Each change under every principle it concerns, or under ``None``, in order."""
    groups: dict[str | None, _Group] = {}
    for change in changes.objects:
        for principle in change.principles or (None,):
            groups.setdefault(principle, _Group()).objects.append(change)
    for link in changes.links:
        for principle in link.principles or (None,):
            groups.setdefault(principle, _Group()).links.append(link)
    return groups


def _tally(changes: ChangeSet) -> str:
    objects = changes.objects
    concerned = {principle for change in objects for principle in change.principles}
    concerned.update(principle for link in changes.links for principle in link.principles)
    counts = [
        ('count-principles', len(concerned)),
        ('count-added', sum(change.change is Change.ADDED for change in objects)),
        ('count-removed', sum(change.change is Change.REMOVED for change in objects)),
        ('count-changed', sum(change.change is Change.CHANGED for change in objects)),
        ('count-statuses', len(changes.status_changes)),
        *((f'count-links-{kind}', sum(link.change in kinds for link in changes.links))
          for kind, kinds in _LINK_GROUPS),
    ]
    return view_label('separator').join(
        label(key, count=count) for key, count in counts if count)


_LINK_GROUPS = (
    ('added', {LinkChangeKind.ADDED}),
    ('removed', {LinkChangeKind.REMOVED}),
    ('inferred', {LinkChangeKind.NOW_INFERRED, LinkChangeKind.NO_LONGER_INFERRED}),
)


@dataclass(frozen=True)
class _Category:
    """One heading of a principle's section, and what it lists."""

    title: str
    objects: Callable[[ObjectChange], bool] | None = None
    links: frozenset[LinkChangeKind] = frozenset()


_CATEGORIES = (
    _Category('statuses', objects=lambda change: change.status is not None),
    _Category('revisions-added', objects=lambda change: (
        change.change is Change.ADDED and change.object.type == REVISION)),
    _Category('added', objects=lambda change: (
        change.change is Change.ADDED and change.object.type != REVISION)),
    _Category('removed', objects=lambda change: change.change is Change.REMOVED),
    _Category('changed', objects=lambda change: (
        change.change is Change.CHANGED
        and any(changed.name != 'status' for changed in change.fields))),
    *(_Category(f'links-{kind}', links=frozenset(kinds)) for kind, kinds in _LINK_GROUPS),
)


def _section(group: _Group) -> Iterator[str]:
    for category in _CATEGORIES:
        lines = []
        if category.objects is not None:
            for change in group.objects:
                if category.objects(change):
                    lines.extend(_object_lines(category.title, change))
        lines.extend(f'- {_link(link)}' for link in group.links if link.change in category.links)
        if lines:
            yield from ('', f'#### {label(category.title)}', '', *lines)


# -- one change ------------------------------------------------------------------


def _object_lines(category: str, change: ObjectChange) -> list[str]:
    ref = _ref(change.object)
    if category == 'statuses' and change.status is not None:
        return [f'- {_field(change.status, change.object.type, name=ref)}']
    hint = ''
    if change.renamed is not None:
        key = 'renamed-from' if change.change is Change.ADDED else 'renamed-to'
        hint = label(key, id=_code(change.renamed))
    objtype = change.object.type
    if change.change is Change.ADDED:
        shown = [_new_field(given, objtype) for given in change.fields
                 if given.name in {'status', 'summary'}]
    elif change.change is Change.CHANGED:
        shown = [_field(changed, objtype) for changed in change.fields
                 if changed.name != 'status']
    else:
        shown = []
    return [f'- {ref}{hint}', *(f'  - {line}' for line in shown)]


def _link(link: LinkChange) -> str:
    # the words of the labels' %(source)s, %(target)s and %(relation)s
    values = dict(source=_ref(link.source), target=_ref(link.target),
                  relation=_shown(FIELD_LABELS, link.relation))
    if link.change is LinkChangeKind.NOW_INFERRED:
        return label('now-inferred', link=label('link', **values))
    if link.change is LinkChangeKind.NO_LONGER_INFERRED:
        return label('no-longer-inferred', link=label('link', **values))
    return label('link-inferred' if link.inferred else 'link', **values)


def _ref(ref: Ref) -> str:
    kind = _shown(OBJECT_LABELS, ref.type)
    if not ref.name or ref.name == ref.id:
        return f'{kind} {_code(ref.id)}'
    return label('object', type=kind, id=_code(ref.id), name=escape(ref.name))


def _shown(labels: Mapping[str, str], name: str) -> str:
    """A label of the catalogue as it is; a name the vocabulary has no label for (an
    export of another version), escaped."""
    found = declared_label(labels, name)
    return escape(name) if found is None else found


def _code(object_id: str) -> str:
    return f'`{object_id}`' if OBJECT_ID.fullmatch(object_id) else escape(object_id)


def _field(change: FieldChange, objtype: str, name: str = '') -> str:
    """``name: old → new``, or a word diff of two long texts; ``name`` is the field's
    label unless given."""
    old, new = change.old, change.new
    enumerated = (objtype, change.name) in vocabulary().enumerated_fields
    if (not enumerated and isinstance(old, str | None) and isinstance(new, str | None)
            and max(_width(old or ''), _width(new or '')) > SHORT_TEXT):
        shown = _word_diff(old or '', new or '')
    else:
        shown = f'{_value(old, enumerated)} → {_value(new, enumerated)}'
    return label('field', field=name or _field_name(change.name, objtype), value=shown)


#: the handbook's own data, and what the export says of each object beside its fields
_OWN_LABELS = {'': frozenset({'format', 'project', 'version', 'language', 'releases',
                               'base_url'}),
               'object': frozenset({'file', 'name', 'url', 'text', 'citations', 'original'})}


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(character) in 'WF' else 1
               for character in text)


def _new_field(change: FieldChange, objtype: str) -> str:
    """``name: value`` of an object added."""
    enumerated = (objtype, change.name) in vocabulary().enumerated_fields
    return label('field', field=_field_name(change.name, objtype),
                 value=_value(change.new, enumerated))


def _field_name(name: str, objtype: str) -> str:
    """The label of a field of an object of ``objtype``, or of the handbook (``''``)."""
    if name in _OWN_LABELS['' if not objtype else 'object']:
        return label(name)
    return _shown(FIELD_LABELS, name) if objtype else escape(name)


def _value(value: Value, enumerated: bool) -> str:
    if value is None:
        return label('none')
    if isinstance(value, tuple):
        return view_label('separator').join(escape(item) for item in value)
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, str) and enumerated:
        return _shown(VALUE_LABELS, value)
    return escape(str(value))


def _word_diff(old: str, new: str) -> str:
    marks = {Piece.SAME: '{}', Piece.REMOVED: '<del>{}</del>', Piece.ADDED: '<ins>{}</ins>'}
    return ''.join(marks[piece.kind].format(escape(piece.text))
                   for piece in word_diff(old, new))
