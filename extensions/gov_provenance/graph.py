"""The relations between all objects, built once after every document is read.

The graph is derived from the domain's records and never stored: it is rebuilt
lazily whenever the records change. Building it is linear in the number of
objects and relations.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field

from .model import (
    EVIDENCE_TYPES,
    OBJECT_TYPES,
    GovObject,
    SummaryRef,
    content_digest,
    id_key,
    natural_key,
    sorted_objects,
    summary_text,
)

#: how many unknown ids of one build get a suggestion by spelling
SPELLING_SUGGESTIONS = 100


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
    #: principle id -> opinions and findings whose ``shapes`` name it
    shaped_by: dict[str, list[GovObject]] = field(default_factory=lambda: defaultdict(list))
    #: principle id -> its revisions
    revisions_of: dict[str, list[GovObject]] = field(default_factory=lambda: defaultdict(list))
    #: principle id -> guidelines that implement it
    implemented_by: dict[str, list[GovObject]] = field(
        default_factory=lambda: defaultdict(list)
    )
    #: evidence id -> revisions whose ``because`` cites it
    cited_by: dict[str, list[GovObject]] = field(default_factory=lambda: defaultdict(list))
    #: meeting id -> opinions given there
    opinions_at: dict[str, list[GovObject]] = field(default_factory=lambda: defaultdict(list))
    #: meeting id -> revisions reported there
    revisions_at: dict[str, list[GovObject]] = field(default_factory=lambda: defaultdict(list))
    #: source id -> its findings
    findings_of: dict[str, list[GovObject]] = field(default_factory=lambda: defaultdict(list))
    #: working group id -> its guidelines
    guidelines_of: dict[str, list[GovObject]] = field(default_factory=lambda: defaultdict(list))
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
        evidence = {obj.id: obj for obj in self.shaped_by.get(principle_id, ())}
        for revision in self.revisions_of.get(principle_id, ()):
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

        A link is inferred when it comes from ``shapes`` of an object that records
        ``inferred`` (for a source: from such links of its findings) and no revision
        of that principle cites the evidence in ``because``, which states the link.
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
        for revision in self.cited_by.get(evidence.id, ()):
            add(self.get(revision.ref('principle'), 'principle'), True)
        # a source's findings, one level deep: a finding's own :source: may name a
        # finding (itself, even), which is reported, never walked
        findings = self.findings_of.get(evidence.id, ()) if evidence.objtype == 'source' else ()
        for finding in findings:
            links = self._principle_links(finding)
            for principle in links.principles:
                add(principle, principle.id not in links.inferred)
        return PrincipleLinks(sorted_objects(found.values()), frozenset(found.keys() - stated))


#: the name another project gives an object a summary links to (through intersphinx)
ExternalName = Callable[[SummaryRef], 'str | None']


def build_graph(
    records: Mapping[str, Mapping[str, GovObject]], external_name: ExternalName | None = None
) -> Graph:
    """Build the graph from records keyed by document name, then by id.

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
        _link(graph, obj)
    for relation in (
        graph.shaped_by, graph.revisions_of, graph.implemented_by, graph.cited_by,
        graph.opinions_at, graph.revisions_at, graph.findings_of, graph.guidelines_of,
    ):
        for key, objects in relation.items():
            relation[key] = _revision_order(objects, graph)
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


def _in_document_order(records: Mapping[str, Mapping[str, GovObject]]) -> Iterable[GovObject]:
    # within a document, records are kept in the order they were read (an imported
    # row's line is a line of its file, not of the document)
    for docname in sorted(records):
        yield from records[docname].values()


def _link(graph: Graph, obj: GovObject) -> None:
    if obj.objtype in {'opinion', 'finding'}:
        for principle_id in set(obj.refs('shapes')):
            graph.shaped_by[principle_id].append(obj)
    if obj.objtype == 'opinion':
        graph.opinions_at[obj.ref('meeting')].append(obj)
    elif obj.objtype == 'finding':
        graph.findings_of[obj.ref('source')].append(obj)
    elif obj.objtype == 'revision':
        graph.revisions_of[obj.ref('principle')].append(obj)
        graph.revisions_at[obj.ref('meeting')].append(obj)
        for cited in set(obj.refs('because')):
            graph.cited_by[cited].append(obj)
    elif obj.objtype == 'guideline':
        graph.guidelines_of[obj.ref('working-group')].append(obj)
        for principle_id in set(obj.refs('implements')):
            graph.implemented_by[principle_id].append(obj)


def _revision_order(objects: list[GovObject], graph: Graph) -> list[GovObject]:
    """Sort revisions by the date of their meeting; everything else by id."""

    def key(obj: GovObject) -> tuple[object, ...]:
        if obj.objtype == 'revision':
            meeting = graph.get(obj.ref('meeting'), 'meeting')
            date = meeting.text('date') if meeting else ''
            return (date, natural_key(obj.id))
        return ('', natural_key(obj.id))

    return sorted(objects, key=key)
