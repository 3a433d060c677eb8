"""The JSON Schema of the export (``provenance.schema.json``), built from the vocabulary.

The object types, their fields (kind, choices, help, required), the relations and
their inverse names all come from :mod:`.model`, so that the schema cannot drift from
the export: a field or a relation is in the schema as soon as it is declared. Only
the export's envelope (the ``handbook`` block, an object's own keys) is written here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .model import OBJECT_TYPES, RELATIONS
from .vocabulary import FieldKind, FieldSpec, ObjectType, RelationField

JSONSchema = dict[str, Any]

DRAFT = 'https://json-schema.org/draft/2020-12/schema'
DATE_PATTERN = '[0-9]{4}-[0-9]{2}-[0-9]{2}'
#: :data:`.model.ID_PATTERN`, anchored, as JSON Schema's ``pattern`` is not
ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.\\-]*$'


def ref(name: str) -> JSONSchema:
    return {'$ref': f'#/$defs/{name}'}


def _text(spec: FieldSpec) -> JSONSchema:
    return {'type': 'string'}


def _integer(spec: FieldSpec) -> JSONSchema:
    return {'type': 'integer', 'minimum': spec.minimum}


def _choice(spec: FieldSpec) -> JSONSchema:
    return {'enum': list(spec.choices)}


def _ids(spec: FieldSpec) -> JSONSchema:
    return {'type': 'array', 'items': ref('id')}


#: a field's value in ``fields``, by its kind
KIND_SCHEMAS: dict[FieldKind, Callable[[FieldSpec], JSONSchema]] = {
    FieldKind.TEXT: _text,
    FieldKind.INTEGER: _integer,
    FieldKind.DATE: lambda spec: ref('date'),
    FieldKind.PERIOD: lambda spec: ref('period'),
    FieldKind.CHOICE: _choice,
    FieldKind.STATUS: _choice,
    FieldKind.REF: lambda spec: ref('id'),
    FieldKind.REFS: _ids,
}


def field_schema(spec: FieldSpec) -> JSONSchema:
    return {'description': spec.help, **KIND_SCHEMAS[spec.kind](spec)}


def fields_schema(objtype: ObjectType) -> JSONSchema:
    """What ``fields`` holds for an object of ``objtype``: its options, no other."""
    return {
        'type': 'object',
        'properties': {spec.name: field_schema(spec) for spec in objtype.fields},
        'required': [spec.name for spec in objtype.fields if spec.required],
        'additionalProperties': False,
    }


def relations_of_type(objtype: ObjectType) -> list[str]:
    """The keys an object's ``relations`` may have: the relations its fields make, and
    the inverse names of those that name its type."""
    names = [relation.name for relation in RELATIONS if relation.source_type == objtype.name]
    names += [relation.inverse for relation in RELATIONS if objtype.name in relation.targets]
    return list(dict.fromkeys(names))


def per_type(objtype: ObjectType) -> JSONSchema:
    return {
        'if': {'properties': {'type': {'const': objtype.name}}},
        'then': {'properties': {
            'fields': fields_schema(objtype),
            'relations': {'propertyNames': {'enum': relations_of_type(objtype)}},
        }},
    }


def relation_names() -> list[str]:
    return list(dict.fromkeys(relation.name for relation in RELATIONS))


def inverse_names() -> list[str]:
    return list(dict.fromkeys(relation.inverse for relation in RELATIONS))


#: the members of each object of the export, in its order (``export.ExportObject``)
OBJECT_MEMBERS = ('type id name summary url source fields relations absolute_url text '
                  'citations original').split()
#: a key of ``intersphinx_mapping``, as a copy's ``original`` names it
INVENTORY_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._\\-]*$'
#: the file an object was written in: the export's member ``source``, not an object type
_SOURCE_FILE: JSONSchema = dict(source={
    'description': "The source file, relative to the handbook's source directory.",
    'type': 'string',
})


def object_schema() -> JSONSchema:
    return {
        'type': 'object',
        'required': OBJECT_MEMBERS,
        'additionalProperties': False,
        'properties': {
            'type': ref('type'),
            'id': {
                'description': 'Stable id, unique across the handbook; the intersphinx name.',
                **ref('id'),
            },
            'name': {'description': 'The text a link to the object shows.', 'type': 'string'},
            'summary': {
                'description': "One line: the :summary: option, or the start of the object's "
                               'text.',
                'type': 'string',
            },
            'url': {
                'description': "Page and anchor, relative to the site's root.",
                'type': 'string',
                'pattern': '^[^#]*#.+$',
            },
            **_SOURCE_FILE,
            'fields': {
                'description': "The directive's options as written and checked; defaults "
                               'included.',
                'type': 'object',
            },
            'relations': {
                'description': 'Ids this object names (by field name) and ids that name it '
                               '(by inverse name).',
                'type': 'object',
                'propertyNames': {'anyOf': [ref('relation-name'), ref('inverse-name')]},
                'additionalProperties': {
                    'type': 'array', 'items': ref('id'), 'uniqueItems': True,
                },
            },
            'absolute_url': ref('absolute-url'),
            'text': {
                'description': "The object's whole text as plain text, its notes on sources "
                               'included: paragraphs apart by a blank line, each on one line; '
                               'empty when it has none (since format 1.4).',
                'type': 'string',
            },
            'citations': {
                'description': 'The keys of the references its text cites (sphinxcontrib-'
                               'bibtex {cite} roles), in the order first cited (since format '
                               '1.4).',
                'type': 'array',
                'items': {'type': 'string', 'minLength': 1},
                'uniqueItems': True,
            },
            'original': original_schema(),
        },
        'allOf': [per_type(objtype) for objtype in OBJECT_TYPES.values()],
    }


def original_schema() -> JSONSchema:
    return {
        'description': "For a copy of another project's object (:original:), that object: "
                       'the key of its project in intersphinx_mapping, its id, and its URL as '
                       "that project's inventory gives it (absolute, or relative to this "
                       "site's root; null when the inventory does not hold it); null for an "
                       "object of this project's own (since format 1.4).",
        'type': ['object', 'null'],
        'required': ['inventory', 'id', 'url'],
        'additionalProperties': False,
        'properties': {
            'inventory': {'type': 'string', 'pattern': INVENTORY_PATTERN},
            'id': ref('id'),
            'url': {'type': ['string', 'null']},
        },
    }


def relation_rules() -> list[JSONSchema]:
    """A relation as the vocabulary declares it: a type carries only its own relations,
    each with its inverse name, the types it may name, and ``inferred`` true only where
    the relation is ``inferable``."""
    by_type: dict[str, list[RelationField]] = {}
    for relation in RELATIONS:
        by_type.setdefault(relation.source_type, []).append(relation)
    rules: list[JSONSchema] = [{'properties': {'from_type': {'enum': list(by_type)}}}]
    for source_type, relations in by_type.items():
        rules.append(_when({'from_type': source_type},
                           {'relation': {'enum': [relation.name for relation in relations]}}))
        for relation in relations:
            then: JSONSchema = {'inverse': {'const': relation.inverse},
                                'to_type': {'enum': list(relation.targets)}}
            if not relation.inferable:
                then['inferred'] = {'const': False}
            rules.append(_when({'from_type': source_type, 'relation': relation.name}, then))
    return rules


def _when(values: dict[str, str], then: JSONSchema) -> JSONSchema:
    """``then`` applies to a relation whose keys have these ``values``."""
    return {
        'if': {'required': list(values),
               'properties': {key: {'const': value} for key, value in values.items()}},
        'then': {'properties': then},
    }


def relation_schema() -> JSONSchema:
    return {
        'type': 'object',
        'required': ['from', 'from_type', 'relation', 'inverse', 'to', 'to_type', 'inferred'],
        'additionalProperties': False,
        'properties': {
            'from': ref('id'),
            'from_type': ref('type'),
            'relation': ref('relation-name'),
            'inverse': ref('inverse-name'),
            'to': ref('id'),
            'to_type': ref('type'),
            'inferred': {
                'description': (
                    'True for a link of an object whose fields give `inferred`, in the '
                    "relation that field qualifies (an opinion's or finding's shapes, a "
                    "revision's because, since format 1.2): the record does not state the "
                    'link, it was inferred from what the record says. False for every other '
                    'relation (since format 1.1).'
                ),
                'type': 'boolean',
            },
        },
        'allOf': relation_rules(),
    }


def handbook_schema() -> JSONSchema:
    date_time = f'^{DATE_PATTERN}T[0-9]{{2}}:[0-9]{{2}}:[0-9]{{2}}Z$'
    return {
        'type': 'object',
        'required': ['project', 'version', 'language', 'base_url', 'commit'],
        'additionalProperties': False,
        'properties': {
            'project': {"description": "The project's name (Sphinx `project`).",
                        'type': 'string'},
            'version': {
                'description': "The handbook's version (Sphinx `release`); null when the "
                               'project sets none.',
                'type': ['string', 'null'],
                'minLength': 1,
            },
            'language': {
                'description': "The language of the handbook's text (Sphinx `language`).",
                'type': ['string', 'null'],
            },
            'base_url': {
                'description': "Where the site is published (Sphinx `html_baseurl`), ending "
                               "in '/': each absolute_url is it and the url; null when the "
                               'project sets none (since format 1.4).',
                'type': ['string', 'null'],
            },
            'commit': {
                'description': 'The commit the sources were built from: the configuration '
                               "value gov_source_commit, else git's HEAD where the sources "
                               'are; null when neither says (since format 1.4).',
                'type': ['string', 'null'],
                'pattern': '^[0-9a-f]{7,64}$',
            },
            'generated': {
                'description': 'When it was built, from SOURCE_DATE_EPOCH only (UTC); absent '
                               'otherwise, so that two builds of the same sources are '
                               'identical.',
                'type': 'string',
                'pattern': date_time,
            },
            'releases': {
                'description': "The handbook's releases (gov:release), newest first: each "
                               'version, the day it was published and where its page tells '
                               'what it changed for readers; absent when none is recorded '
                               '(since format 1.3).',
                'type': 'array',
                'items': {
                    'type': 'object',
                    'required': ['version', 'date', 'url', 'absolute_url'],
                    'additionalProperties': False,
                    'properties': {
                        'version': {
                            'type': 'string',
                            'pattern': '^[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.-]+)?$',
                        },
                        'date': {'type': 'string', 'pattern': f'^{DATE_PATTERN}$'},
                        'url': {'type': 'string'},
                        'absolute_url': ref('absolute-url'),
                    },
                },
            },
        },
    }


def provenance_schema() -> JSONSchema:
    """The schema of ``provenance.json``, Draft 2020-12."""
    return {
        '$schema': DRAFT,
        'title': 'gov-provenance export (provenance.json)',
        'description': (
            'Every object of a handbook built with the gov-provenance Sphinx extension, with '
            'its fields, its URL and its relations in both directions. Format 1.x: a minor '
            'version may add fields; none is removed or renamed before 2.0. The schema is '
            'strict (no unknown fields), so validate an export against the schema written '
            'next to it.'
        ),
        'type': 'object',
        'required': ['format', 'handbook', 'objects', 'relations'],
        'additionalProperties': False,
        'properties': {
            'format': {
                'description': 'Version of this export format (not of the handbook).',
                'type': 'string',
                'pattern': '^1\\.[0-9]+$',
            },
            'handbook': handbook_schema(),
            'objects': {
                'description': 'Every object, by type (in the order of the vocabulary), then '
                               'in reading order.',
                'type': 'array',
                'items': ref('object'),
            },
            'relations': {
                'description': 'Every relation between two objects of the handbook, once, '
                               'from the object whose field names the other.',
                'type': 'array',
                'items': ref('relation'),
            },
        },
        '$defs': {
            'id': {'type': 'string', 'pattern': ID_PATTERN},
            'type': {'enum': list(OBJECT_TYPES)},
            'date': {'type': 'string', 'pattern': f'^{DATE_PATTERN}$'},
            'period': {'type': 'string',
                       'pattern': f'^{DATE_PATTERN}(/{DATE_PATTERN})?$'},
            'absolute-url': {
                'description': "The url from the site's address (handbook.base_url); null "
                               'when the project sets none (since format 1.4).',
                'type': ['string', 'null'],
                'pattern': '^[^#]*#.+$',
            },
            'relation-name': {'enum': relation_names()},
            'inverse-name': {'enum': inverse_names()},
            'object': object_schema(),
            'relation': relation_schema(),
        },
    }


def schema_text() -> str:
    """The schema as the export writes it: indented, non-ASCII text as it is."""
    return json.dumps(provenance_schema(), indent=2, ensure_ascii=False) + '\n'
