"""The relations between all objects, built once after every document is read.

The graph is derived from the domain's records and never stored: it is rebuilt
lazily whenever the records change. Building it is linear in the number of
objects and relations.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .model import (
    EVIDENCE_TYPES,
    INVERSE_NAMES,
    OBJECT_TYPES,
    RELATIONS,
    GovObject,
    RelationField,
    SummaryRef,
    content_digest,
    id_key,
    natural_key,
    sorted_objects,
    summary_text,
)

#: how many unknown ids of one build get a suggestion by spelling
SPELLING_SUGGESTIONS = 100
#: the relations of each object type, as :func:`build_graph` links them
RELATIONS_OF = {
    objtype: [relation for relation in RELATIONS if relation.source_type == objtype]
    for objtype in OBJECT_TYPES
}
#: the inverse names by which a principle lists what shaped it
SHAPED_BY = sorted({relation.inverse for relation in RELATIONS
                    if relation.shapes_principle})


@dataclass(frozen=True)
class PrincipleLinks:
    """The principles one piece of evidence shaped, and which of them only by inference."""

    principles: list[GovObject]
    inferred: frozenset[str]


@dataclass
class Graph:
    """Every object by id, and every relation from both ends."""

    by_id: dict[str, GovObject] = field(default_factory=dict)
    duplicates: list[tuple[GovObject, GovObject]] = field(default_factory=list)
    #: inverse name -> id -> the objects that name it in a relation read by that name
    #: (see :class:`~gov_provenance.model.Relation`)
    named_in: dict[str, dict[str, list[GovObject]]] = field(
        default_factory=lambda: {name: defaultdict(list) for name in INVERSE_NAMES}
    )
    # answers computed once per graph: each view, check and digest asks again
    _evidence: dict[str, list[GovObject]] = field(default_factory=dict, repr=False)
    _shaped: dict[str, PrincipleLinks] = field(default_factory=dict, repr=False)
    _of_type: dict[str, list[GovObject]] = field(default_factory=dict, repr=False)
    _by_key: dict[str, list[GovObject]] = field(default_factory=dict, repr=False)
    _spelling: dict[str, None] = field(default_factory=dict, repr=False)

    def get(self, object_id: str, objtype: str | None = None) -> GovObject | None:
        obj = self.by_id.get(object_id)
        if obj is None or (objtype is not None and obj.objtype != objtype):
            return None
        return obj

    def named_by(self, object_id: str, inverse: str) -> list[GovObject]:
        """The objects that name ``object_id`` in a relation, read from its end by
        ``inverse``: ``named_by('P01', 'revisions')`` gives the principle's revisions
        (revisions in the order of their meetings' dates, other objects by id)."""
        return self.named_in[inverse].get(object_id, [])

    def targets(self, obj: GovObject, relation: RelationField) -> list[GovObject]:
        """The objects of this build that ``obj`` names in the relation's field, each
        once, of the types the relation names."""
        found = {}
        for target_id in obj.ids(relation.name):
            target = self.by_id.get(target_id)
            if target is not None and target.objtype in relation.targets:
                found[target.id] = target
        return list(found.values())

    def similar_id(self, wanted: str, objtypes: Collection[str] = ()) -> str | None:
        """The id of an object (of one of ``objtypes``, or of any type) that ``wanted``
        was most likely meant to name: the same id in another case or punctuation,
        else, for the first :data:`SPELLING_SUGGESTIONS` ids asked about, the closest
        in spelling; ``None`` when none is close."""
        if not self._by_key:
            for obj in self.by_id.values():
                self._by_key.setdefault(id_key(obj.id), []).append(obj)
        for obj in self._by_key.get(id_key(wanted), ()):
            if obj.id != wanted and (not objtypes or obj.objtype in objtypes):
                return obj.id
        if len(self._spelling) >= SPELLING_SUGGESTIONS:
            return None  # each costs a pass over every id: a file of typos costs no more
        self._spelling[wanted] = None
        ids = [obj.id for obj in self.by_id.values() if not objtypes or obj.objtype in objtypes]
        close = difflib.get_close_matches(wanted, ids, n=1, cutoff=0.8)
        return close[0] if close else None

    def of_type(self, objtype: str) -> list[GovObject]:
        if not self._of_type:
            by_type: dict[str, list[GovObject]] = defaultdict(list)
            for obj in self.by_id.values():
                by_type[obj.objtype].append(obj)
            self._of_type.update((name, sorted_objects(objs)) for name, objs in by_type.items())
            self._of_type.setdefault('', [])  # remember that the index is built
        return list(self._of_type.get(objtype, ()))

    def evidence_of(self, principle_id: str) -> list[GovObject]:
        """Opinions and findings that shaped a principle, and sources its revisions cite."""
        if principle_id not in self._evidence:
            self._evidence[principle_id] = self._find_evidence(principle_id)
        return self._evidence[principle_id]

    def _find_evidence(self, principle_id: str) -> list[GovObject]:
        evidence = {
            obj.id: obj for inverse in SHAPED_BY for obj in self.named_by(principle_id, inverse)
        }
        for revision in self.named_by(principle_id, 'revisions'):
            for cited in revision.refs('because'):
                obj = self.by_id.get(cited)
                if obj is not None and obj.objtype in EVIDENCE_TYPES:
                    evidence.setdefault(obj.id, obj)
        return sorted(evidence.values(), key=lambda obj: natural_key(obj.id))

    def principles_shaped_by(self, evidence: GovObject) -> list[GovObject]:
        """Principles named by ``shapes``, then those of the revisions that cite it."""
        return self._principle_links(evidence).principles

    def inferred_principles(self, evidence: GovObject) -> frozenset[str]:
        """Ids of the principles ``evidence`` is linked to only by inference.

        A link is inferred when it comes from ``shapes`` or a revision's ``because``
        of an object that records ``inferred`` (for a source: from such links of its
        findings), and no link that the record states (``shapes`` or a ``because`` of
        an object without ``inferred``) joins the two.
        """
        return self._principle_links(evidence).inferred

    def _principle_links(self, evidence: GovObject) -> PrincipleLinks:
        if self.by_id.get(evidence.id) is not evidence:  # a duplicate: not remembered
            return self._find_principles(evidence)
        if evidence.id not in self._shaped:
            self._shaped[evidence.id] = self._find_principles(evidence)
        return self._shaped[evidence.id]

    def _find_principles(self, evidence: GovObject) -> PrincipleLinks:
        found: dict[str, GovObject] = {}
        stated: set[str] = set()

        def add(principle: GovObject | None, is_stated: bool) -> None:
            if principle is not None:
                found.setdefault(principle.id, principle)
                if is_stated:
                    stated.add(principle.id)

        for principle_id in evidence.refs('shapes'):
            add(self.get(principle_id, 'principle'), not evidence.links_inferred)
        for revision in self.named_by(evidence.id, 'cited-by'):
            add(self.get(revision.ref('principle'), 'principle'), not revision.links_inferred)
        # a source's findings, one level deep: a finding's own :source: may name a
        # finding (itself, even), which is reported, never walked
        findings = self.named_by(evidence.id, 'findings') if evidence.objtype == 'source' else ()
        for finding in findings:
            links = self._principle_links(finding)
            for principle in links.principles:
                add(principle, principle.id not in links.inferred)
        return PrincipleLinks(sorted_objects(found.values()), frozenset(found.keys() - stated))


#: the name another project gives an object a summary links to (through intersphinx)
ExternalName = Callable[[SummaryRef], 'str | None']


def build_graph(
    records: Mapping[str, Sequence[GovObject]], external_name: ExternalName | None = None
) -> Graph:
    """Build the graph from the objects of each document, keyed by document name.

    Documents are visited in sorted order, so which of two duplicates wins does
    not depend on the order in which parallel readers finished. A summary that
    links to objects names them here, where every object is known.
    """
    graph = Graph()
    for obj in _in_document_order(records):
        first = graph.by_id.get(obj.id)
        if first is not None:
            graph.duplicates.append((first, obj))
            continue
        graph.by_id[obj.id] = obj
    _name_links_in_summaries(graph, external_name or (lambda ref: None))
    for obj in graph.by_id.values():
        for relation in RELATIONS_OF[obj.objtype]:
            for target in graph.targets(obj, relation):
                graph.named_in[relation.inverse][target.id].append(obj)
    for named_in in graph.named_in.values():
        for key, objects in named_in.items():
            named_in[key] = _revision_order(objects, graph)
    return graph


def _name_links_in_summaries(graph: Graph, external_name: ExternalName) -> None:
    """Replace each object whose summary links to objects by one whose summary shows
    their names; its digest changes with them, so the views that show it do too."""

    def name_of(ref: SummaryRef) -> str | None:
        target = graph.get(ref.target, ref.reftype if ref.reftype in OBJECT_TYPES else None)
        return target.display_name if target is not None else external_name(ref)

    for object_id, obj in list(graph.by_id.items()):
        if obj.summary_parts:
            summary = summary_text(obj.summary_parts, name_of)
            graph.by_id[object_id] = dataclasses.replace(
                obj, summary=summary, digest=content_digest(obj.digest, summary)
            )


def _in_document_order(records: Mapping[str, Sequence[GovObject]]) -> Iterable[GovObject]:
    # within a document, records are kept in the order they were read (an imported
    # row's line is a line of its file, not of the document)
    for docname in sorted(records):
        yield from records[docname]


def _revision_order(objects: list[GovObject], graph: Graph) -> list[GovObject]:
    """Sort revisions by the date of their meeting; everything else by id."""

    def key(obj: GovObject) -> tuple[object, ...]:
        if obj.objtype == 'revision':
            meeting = graph.get(obj.ref('meeting'), 'meeting')
            date = meeting.text('date') if meeting else ''
            return (date, natural_key(obj.id))
        return ('', natural_key(obj.id))

    return sorted(objects, key=key)
