"""Each object's part of the export: its record, its links and its row of a table.

A part is made once per build, or taken from the last build where nothing it shows
changed (:mod:`.changes`): the last build's parts are kept in the doctrees, and a
large handbook's export is written again in a fraction of the time it takes to make.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple, TypedDict

from sphinx.builders import Builder

from .changes import Made, Reuse, neighbours
from .graph import Graph, link_name
from .model import OBJECT_TYPES, PRINCIPLE, RELATIONS, RELATIONS_OF, FieldValue, GovObject
from .originals import Original
from .tables import OBJECT_TABLES, evidence_row, link_row, object_row, principle_row, row_text
from .text import SummaryRef, joined_text
from .views import Views
from .vocabulary import RelationField

#: the types with a table of their own (:data:`~.tables.OBJECT_TABLES`)
TABLE_TYPES = frozenset(objtype.name for objtype in OBJECT_TABLES.values())


@dataclass(frozen=True)
class Link:
    """One relation between two objects of the build."""

    source: GovObject
    relation: RelationField
    target: GovObject

    @property
    def inferred(self) -> bool:
        """A link of an ``inferable`` relation (``shapes``, ``because``) of an object
        that says how its links were inferred."""
        return self.relation.inferable and self.source.links_inferred


def object_url(builder: Builder, obj: GovObject) -> str:
    """Where the object is shown, relative to the site root."""
    return f'{builder.get_target_uri(obj.docname)}#{obj.anchor}'


class Site:
    """Where the export's objects are shown, and what they show: their addresses
    (relative to the site's root, and absolute from ``html_baseurl``), their texts
    with the names of the objects they link to, and the originals of copies."""

    def __init__(
        self, builder: Builder, graph: Graph, base_url: str = '',
        external_name: Callable[[SummaryRef], str | None] = lambda ref: None,
        original_of: Callable[[GovObject], Original | None] = lambda obj: None,
    ) -> None:
        self.builder = builder
        self.graph = graph
        #: ``html_baseurl``, ending in ``/``; empty when the project sets none
        self.base_url = base_url.rstrip('/') + '/' if base_url else ''
        self.external_name = external_name
        self.original_of = original_of

    def url(self, obj: GovObject) -> str:
        return object_url(self.builder, obj)

    def absolute(self, url: str) -> str | None:
        """``url`` (relative to the site root) from ``html_baseurl``, if set."""
        return self.base_url + url if self.base_url else None

    def summary(self, obj: GovObject) -> str:
        return self.graph.summary(obj)

    def text(self, obj: GovObject) -> str:
        """The object's whole text, notes included, paragraphs apart by a blank line."""
        def name_of(ref: SummaryRef) -> str | None:
            return link_name(self.graph.by_id, ref, self.external_name)

        return '\n\n'.join(
            text for parts in obj.paragraphs if (text := joined_text(parts, name_of)))

    def original(self, obj: GovObject) -> dict[str, str | None] | None:
        """Whose copy the object is (``:original:``), and where that is, if it is one."""
        original = self.original_of(obj)
        if original is None:
            return None
        url = original.entry.uri if original.entry is not None else None
        return {'inventory': original.inventory, 'id': original.id, 'url': url}


def export_objects(graph: Graph) -> list[GovObject]:
    """Every object, by type in the vocabulary's order, then in reading order."""
    return [obj for objtype in OBJECT_TYPES for obj in graph.of_type(objtype)]


#: an object's place in :func:`export_objects`, by type and id
ExportOrder = Mapping[tuple[str, str], int]


def export_order(objects: Sequence[GovObject]) -> ExportOrder:
    return {(obj.objtype, obj.id): index for index, obj in enumerate(objects)}


def relations_of(graph: Graph, obj: GovObject, order: ExportOrder) -> dict[str, list[str]]:
    """The ids an object names in its fields and the ids that name it, by relation,
    each list in export order."""
    result: dict[str, dict[str, GovObject]] = {}
    for relation in RELATIONS:
        if relation.source_type == obj.objtype:
            for target in graph.targets(obj, relation):
                result.setdefault(relation.name, {})[target.id] = target
        if obj.objtype in relation.targets:
            for other in graph.named_by(obj.id, relation.inverse):
                if other.objtype == relation.source_type:
                    result.setdefault(relation.inverse, {})[other.id] = other
    return {
        name: [other.id for other in sorted(
            found.values(), key=lambda other: order[other.objtype, other.id])]
        for name, found in sorted(result.items())
    }


class ExportedObject(TypedDict):
    """One object of ``provenance.json``."""

    type: str
    id: str
    name: str
    summary: str
    url: str
    #: the page that defines it, relative to the source directory
    source: str
    fields: dict[str, str | int | list[str]]
    relations: dict[str, list[str]]
    absolute_url: str | None
    text: str
    citations: list[str]
    original: dict[str, str | None] | None


class Parts(NamedTuple):
    """Everything the export writes for one object."""

    #: its line of ``provenance.json``
    json: bytes
    #: the links it makes: each its relation's name, its line of ``provenance.json``
    #: and its row of ``links.csv``
    links: tuple[tuple[str, bytes, bytes], ...]
    #: its row of the CSV table of its type, or nothing for a type without one
    row: bytes


class ObjectParts:
    """Each object's part of the export, made once per build, or taken from the last
    build where nothing it shows changed (see :mod:`.changes`)."""

    def __init__(self, site: Site, views: Views, reuse: Reuse[str, Parts]) -> None:
        self.site = site
        self.graph = site.graph
        self.views = views
        self.reuse = reuse
        #: every object, in the export's order
        self.objects = export_objects(site.graph)
        self.order = export_order(self.objects)

    def of(self, obj: GovObject) -> Parts:
        return self.reuse.get(obj.id, obj.id, functools.partial(self._make, obj))

    def _make(self, obj: GovObject) -> Made[Parts]:
        graph, site = self.graph, self.site
        links = []
        for relation in RELATIONS_OF[obj.objtype]:
            for target in graph.targets(obj, relation):
                link = Link(obj, relation, target)
                links.append((relation.name, compact_json(link_data(link)).encode(),
                              row_text(link_row(link)).encode()))
        row = self._row(obj)
        shown = {obj.id, *(other.id for other in neighbours(graph, obj)),
                 *(object_id for spec in obj.spec.reference_fields
                   for object_id in obj.ids(spec.name)),
                 *_text_refs(obj)}
        if obj.objtype == PRINCIPLE.name:
            shown.update(other.id for other in self.views.principle(obj).related_sources)
        return Made(Parts(compact_json(exported(graph, site, obj, self.order)).encode(),
                          tuple(links), row),
                    tuple(shown), lasting=not _depends_on_other_projects(graph, obj))

    def _row(self, obj: GovObject) -> bytes:
        if obj.objtype == PRINCIPLE.name:
            row = principle_row(self.views.principle(obj), self.site)
        elif obj.spec.is_evidence:
            row = evidence_row(self.graph, self.site, obj)
        elif obj.objtype in TABLE_TYPES:
            row = object_row(self.graph, self.site, obj)
        else:
            return b''
        return row_text(row).encode()


def link_data(link: Link) -> dict[str, str | bool]:
    """A link as ``provenance.json`` writes it."""
    return {
        'from': link.source.id, 'from_type': link.source.objtype,
        'relation': link.relation.name, 'inverse': link.relation.inverse,
        'to': link.target.id, 'to_type': link.target.objtype,
        'inferred': link.inferred,
    }


def _text_refs(obj: GovObject) -> set[str]:
    """The ids the object's text links to."""
    return {part.target for parts in (obj.summary_parts, *obj.paragraphs)
            for part in parts if isinstance(part, SummaryRef)}


def _depends_on_other_projects(graph: Graph, obj: GovObject) -> bool:
    """Whether the object's part of the export shows what another project's inventory
    says (the original of a copy, a name its text links to), which can change when
    nothing here does."""
    return bool(obj.original) or any(ref not in graph.by_id for ref in _text_refs(obj))


def exported(graph: Graph, site: Site, obj: GovObject, order: ExportOrder) -> ExportedObject:
    url = site.url(obj)
    return ExportedObject(
        type=obj.objtype,
        id=obj.id,
        name=obj.display_name,
        summary=graph.summary(obj),
        url=url,
        source=site.builder.env.doc2path(obj.docname, base=False).as_posix(),
        fields={name: _json_value(value) for name, value in obj.fields.items()},
        relations=relations_of(graph, obj, order),
        absolute_url=site.absolute(url),
        text=site.text(obj),
        citations=list(obj.citations),
        original=site.original(obj),
    )


def _json_value(value: FieldValue) -> str | int | list[str]:
    return list(value) if isinstance(value, tuple) else value


def compact_json(value: object) -> str:
    """``value`` as JSON on one line, its text as it is (not escaped to ``\\uXXXX``)."""
    return json.dumps(value, ensure_ascii=False, separators=(', ', ': '))
