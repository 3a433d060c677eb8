"""Reading a built export (``provenance.json``) as the published format describes it.

Only the JSON is read, never the extension's records: a diff depends on the format
(the published schema, :func:`gov_provenance.schema.provenance_schema`), so it reads
exports of other versions of the extension too. Every version of format 1 is read (a
minor version only adds fields); anything else is an :class:`ExportError` with one line
to show.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..schema import provenance_schema

#: the file a build writes into its output directory
EXPORT_NAME = 'provenance.json'
#: the format versions this reader knows: 1.0 to 1.4 so far, and any later 1.x,
#: which the schema promises only adds fields
KNOWN_FORMAT = re.compile(r'1\.(0|[1-9][0-9]{0,3})')
#: an object's id, as the schema's ``$defs/id`` gives it
OBJECT_ID = re.compile(r'[A-Za-z0-9][A-Za-z0-9_.\-]*')

#: a value of an object's field: text, a number, or a list of ids
Value = str | int | float | bool | tuple[str, ...] | None


class ExportError(ValueError):
    """A file that cannot be compared: missing, not JSON, not an export, or of an
    unknown format version. Its message is one line naming the file."""


@dataclass(frozen=True)
class ExportObject:
    """One object of an export, as ``objects[]`` gives it."""

    type: str
    id: str
    name: str
    summary: str
    fields: Mapping[str, Value]
    #: the page that defines it, relative to the source directory
    source: str = ''
    url: str = ''
    #: its whole text; ``None`` in an export older than format 1.4, which has none
    text: str | None = None
    #: the keys of the references it cites; ``None`` before format 1.4
    citations: tuple[str, ...] | None = None
    #: ``inventory:id`` of the object it is a copy of; ``None`` for an object of its own
    original: str | None = None


#: the members of an object an export may lack, each read as text: those of
#: :class:`ExportObject` that default to empty text. Its ``absolute_url`` (format 1.4)
#: is not read: it is the handbook's ``base_url`` and its ``url``, each compared
OPTIONAL_MEMBERS = tuple(member.name for member in dataclasses.fields(ExportObject)
                         if member.default == '')
#: what the handbook's data holds that is not compared: the build's time, and the commit
#: it was built from, which differs between any two builds a diff is asked about
NOT_COMPARED = frozenset({'releases', 'generated', 'commit'})


@dataclass(frozen=True)
class ExportLink:
    """One relation of an export, as ``relations[]`` gives it."""

    source_type: str
    source: str
    relation: str
    inverse: str
    target_type: str
    target: str
    inferred: bool

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        """What makes it the same link in two exports; ``inferred`` is what may change."""
        return (self.source_type, self.source, self.relation, self.target_type, self.target)


@dataclass(frozen=True)
class Export:
    """A whole export: its format version, the handbook's data, objects and relations."""

    format: str
    handbook: Mapping[str, Value]
    releases: tuple[tuple[str, str], ...]
    objects: tuple[ExportObject, ...]
    links: tuple[ExportLink, ...]


def export_file(path: Path) -> Path:
    """``path`` itself when it is a file, else the export inside the folder ``path``."""
    return path / EXPORT_NAME if path.is_dir() else path


def load_export(path: str | Path) -> Export:
    """Read the export in the folder ``path`` (a build's output), or the file ``path``."""
    given = Path(path)
    if not given.exists():
        raise ExportError(f'{given}: no such folder or file; give a build output folder '
                          f'holding {EXPORT_NAME}')
    file = export_file(given)
    if not file.is_file():
        raise ExportError(f'{given}: holds no {EXPORT_NAME}; is it the output folder of a '
                          'build with gov_export = True?')
    try:
        data = json.loads(file.read_text(encoding='utf-8'), parse_constant=_not_json)
    except OSError as error:
        raise ExportError(f'{file}: cannot be read ({error.strerror or error})') from None
    except UnicodeDecodeError:
        raise ExportError(f'{file}: is not UTF-8 text, so not an export') from None
    except json.JSONDecodeError as error:
        raise ExportError(
            f'{file}:{error.lineno}:{error.colno}: malformed JSON ({error.msg})') from None
    except ValueError as error:
        raise ExportError(f'{file}: malformed JSON ({error})') from None
    except RecursionError:
        raise ExportError(f'{file}: malformed JSON (nested too deeply)') from None
    try:
        return parse_export(data)
    except ExportError as error:
        raise ExportError(f'{file}: {error}') from None


def _not_json(constant: str) -> None:
    """``NaN`` and ``Infinity``, which Python reads but JSON does not have."""
    raise ValueError(f'{constant} is not JSON')


def parse_export(data: Any) -> Export:
    """An export from JSON data already parsed; :class:`ExportError` when it is not one."""
    _expect(isinstance(data, dict), 'the top level is not a JSON object')
    version = data.get('format')
    _expect(isinstance(version, str), 'it has no "format" version')
    if not KNOWN_FORMAT.fullmatch(version):
        shown = re.sub(r'[^0-9A-Za-z.]', '?', version[:20])
        raise ExportError(
            f'format version "{shown}" is unknown; this reader knows format 1.x '
            '(a newer major version needs a newer gov-provenance)')
    handbook = data.get('handbook')
    _expect(isinstance(handbook, dict), '"handbook" is not an object')
    objects = data.get('objects')
    relations = data.get('relations')
    _expect(isinstance(objects, list), '"objects" is not a list')
    _expect(isinstance(relations, list), '"relations" is not a list')
    return Export(
        format=version,
        handbook={key: _value(value) for key, value in sorted(handbook.items())
                  if key not in NOT_COMPARED},
        releases=_releases(handbook.get('releases', [])),
        objects=_unique(_object(item, index) for index, item in enumerate(objects)),
        links=tuple(_link(item, index) for index, item in enumerate(relations)),
    )


def _expect(condition: bool, problem: str) -> None:
    if not condition:
        raise ExportError(f'not a gov-provenance export: {problem}')


def _text(item: Mapping[str, Any], key: str, where: str) -> str:
    value = item.get(key)
    _expect(isinstance(value, str), f'{where} has no text "{key}"')
    return str(value)


def _id(item: Mapping[str, Any], key: str, where: str) -> str:
    value = _text(item, key, where)
    _expect(OBJECT_ID.fullmatch(value) is not None, f'{where} "{key}" is not an id')
    return value


def _object(item: Any, index: int) -> ExportObject:
    where = f'objects[{index}]'
    _expect(isinstance(item, dict), f'{where} is not an object')
    values = item.get('fields', {})
    _expect(isinstance(values, dict), f'{where} "fields" is not an object')
    return ExportObject(
        type=_text(item, 'type', where), id=_id(item, 'id', where),
        name=_text(item, 'name', where), summary=_text(item, 'summary', where),
        fields={str(name): _value(value) for name, value in values.items()},
        **{member: str(item.get(member, '')) for member in OPTIONAL_MEMBERS},
        text=_optional_text(item, 'text', where),
        citations=_citations(item, where),
        original=_original(item, where),
    )


def _optional_text(item: Mapping[str, Any], key: str, where: str) -> str | None:
    """A member of text a later format added: ``None`` where the export lacks it."""
    if key not in item:
        return None
    return _text(item, key, where)


def _citations(item: Mapping[str, Any], where: str) -> tuple[str, ...] | None:
    if 'citations' not in item:
        return None
    keys = item['citations']
    _expect(isinstance(keys, list) and all(isinstance(key, str) for key in keys),
            f'{where} "citations" is not a list of text')
    return tuple(keys)


def _original(item: Mapping[str, Any], where: str) -> str | None:
    """``inventory:id`` of a copy's original; ``None`` for an object of its own."""
    original = item.get('original')
    if original is None:
        return None
    _expect(isinstance(original, dict), f'{where} "original" is not an object')
    inventory = _text(original, 'inventory', f'{where}.original')
    return f'{inventory}:{_id(original, "id", f"{where}.original")}'


def _link(item: Any, index: int) -> ExportLink:
    where = f'relations[{index}]'
    _expect(isinstance(item, dict), f'{where} is not an object')
    inferred = item.get('inferred', False)  # since format 1.1
    _expect(isinstance(inferred, bool), f'{where} "inferred" is not true or false')
    return ExportLink(
        source_type=_text(item, 'from_type', where), source=_id(item, 'from', where),
        relation=_text(item, 'relation', where), inverse=str(item.get('inverse', '')),
        target_type=_text(item, 'to_type', where), target=_id(item, 'to', where),
        inferred=inferred,
    )


def _releases(items: Any) -> tuple[tuple[str, str], ...]:
    _expect(isinstance(items, list), '"handbook.releases" is not a list')
    found = []
    for index, item in enumerate(items):
        where = f'handbook.releases[{index}]'
        _expect(isinstance(item, dict), f'{where} is not an object')
        found.append((_text(item, 'version', where), _text(item, 'date', where)))
    return tuple(found)


def _unique(objects: Any) -> tuple[ExportObject, ...]:
    """The objects, the first of each type and id kept (an export has no duplicates)."""
    found: dict[tuple[str, str], ExportObject] = {}
    for obj in objects:
        found.setdefault((obj.type, obj.id), obj)
    return tuple(found.values())


def _value(value: Any) -> Value:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    # no field of format 1 holds anything else: kept as its JSON text, to be shown
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


# -- what the published schema says of fields -----------------------------------

@dataclass(frozen=True)
class Vocabulary:
    """What the schema says of fields: which name other objects (a relation, shown
    as links) and which take one of a few values (shown by their labels)."""

    reference_fields: frozenset[str]
    enumerated_fields: frozenset[tuple[str, str]]


@functools.cache
def vocabulary() -> Vocabulary:
    definitions = provenance_schema()['$defs']
    enumerated = {
        (rule['if']['properties']['type']['const'], name)
        for rule in definitions['object']['allOf']
        for name, field in rule['then']['properties']['fields']['properties'].items()
        if 'enum' in field
    }
    return Vocabulary(frozenset(definitions['relation-name']['enum']), frozenset(enumerated))
