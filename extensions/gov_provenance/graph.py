"""The relations between all objects, built once after every document is read.

The graph is derived from the domain's records and never stored: it is built again,
whole, whenever the records change, and never changes after. Building it is linear
in the number of objects and relations.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from .model import (
    CITING,
    EVIDENCE_TYPES,
    OBJECT_TYPES,
    RELATIONS,
    RELATIONS_OF,
    SHAPED_TYPES,
    SHAPING,
    GovObject,
    content_digest,
    sorted_objects,
)
from .text import SummaryRef, id_key, natural_key, summary_text
from .vocabulary import RelationField

#: the relations by which a source shapes what the evidence grouped under it shapes
_SHAPING_THROUGH = tuple(relation for relation in RELATIONS
                         if relation.relation.target_shapes_too)
#: for each relation that cites evidence, the carrier's relation to what it is a reason for
_REASONS = tuple(
    (citing, OBJECT_TYPES[citing.source_type].relation(citing.relation.reasons_for))
    for citing in CITING
)


#: inverse name -> id -> the objects that name it in a relation read by that name
#: (see :class:`~gov_provenance.vocabulary.Relation`)
NamedIn = Mapping[str, Mapping[str, tuple[GovObject, ...]]]


@dataclass(frozen=True)
class PrincipleLinks:
    """The principles one piece of evidence shaped, and which of them only by inference."""

    principles: tuple[GovObject, ...]
    inferred: frozenset[str]


@dataclass(frozen=True)
class Graph:
    """Every object by id, and every relation from both ends.

    ``by_id`` holds the records as the domain keeps them; what the graph learns of them
    from the whole handbook (the names in a summary, the evidence of a principle, the
    principles a piece of evidence shaped) is kept beside them.
    """

    by_id: Mapping[str, GovObject]
    duplicates: tuple[tuple[GovObject, GovObject], ...]
    named_in: NamedIn
    #: object type -> its objects, in the order readers expect them
    by_type: Mapping[str, tuple[GovObject, ...]]
    #: :func:`~gov_provenance.text.id_key` -> the objects whose id it is
    by_key: Mapping[str, tuple[GovObject, ...]]
    #: id -> its summary with the names of the objects it links to
    summaries: Mapping[str, str]
    #: principle id -> its evidence (see :meth:`evidence_of`)
    evidence: Mapping[str, tuple[GovObject, ...]]
    #: evidence id -> the principles it shaped (see :meth:`principles_shaped_by`)
    shaped: Mapping[str, PrincipleLinks]

    def get(self, object_id: str, objtype: str | None = None) -> GovObject | None:
        obj = self.by_id.get(object_id)
        if obj is None or (objtype is not None and obj.objtype != objtype):
            return None
        return obj

    def named_by(self, object_id: str, inverse: str) -> tuple[GovObject, ...]:
        """The objects that name ``object_id`` in a relation, read from its end by
        ``inverse`` (a relation's :attr:`~RelationField.inverse`: a principle's
        revisions, a meeting's opinions), revisions in the order of their meetings'
        dates, other objects by id."""
        return self.named_in[inverse].get(object_id, ())

    def targets(self, obj: GovObject, relation: RelationField) -> tuple[GovObject, ...]:
        """The objects of this build that ``obj`` names in the relation's field, each
        once, of the types the relation names."""
        return _targets(self.by_id, obj, relation)

    def of_type(self, objtype: str) -> tuple[GovObject, ...]:
        return self.by_type.get(objtype, ())

    def summary(self, obj: GovObject) -> str:
        """What ``obj``'s summary shows, its links named by the objects they name."""
        named = self.summaries.get(obj.id)
        return named if named is not None and self.by_id.get(obj.id) is obj else obj.summary

    def digest(self, obj: GovObject) -> str:
        """What a reader sees of ``obj``: its own digest, and the names its summary shows."""
        named = self.summaries.get(obj.id)
        if named is not None and self.by_id.get(obj.id) is obj:
            return content_digest(obj.digest, named)
        return obj.digest

    def similar_id(self, wanted: str, objtypes: Collection[str] = (), *,
                   by_spelling: bool = True) -> str | None:
        """The id of an object (of one of ``objtypes``, or of any type) that ``wanted``
        was most likely meant to name: the same id in another case or punctuation,
        else, ``by_spelling``, the closest in spelling (a pass over every id: the
        checks ask for a bounded number, see :class:`~.validation.Suggestions`);
        ``None`` when none is close."""
        for obj in self.by_key.get(id_key(wanted), ()):
            if obj.id != wanted and (not objtypes or obj.objtype in objtypes):
                return obj.id
        if not by_spelling:
            return None
        ids = [obj.id for obj in self.by_id.values() if not objtypes or obj.objtype in objtypes]
        close = difflib.get_close_matches(wanted, ids, n=1, cutoff=0.8)
        return close[0] if close else None

    def evidence_of(self, principle_id: str) -> tuple[GovObject, ...]:
        """Opinions and findings that shaped a principle, and sources its revisions cite."""
        return self.evidence.get(principle_id, ())

    def principles_shaped_by(self, evidence: GovObject) -> tuple[GovObject, ...]:
        """Principles named by ``shapes``, then those of the revisions that cite it."""
        return self._links(evidence).principles

    def inferred_principles(self, evidence: GovObject) -> frozenset[str]:
        """Ids of the principles ``evidence`` is linked to only by inference.

        A link is inferred when it comes from ``shapes`` or a revision's ``because``
        of an object that records ``inferred`` (for a source: from such links of its
        findings), and no link that the record states (``shapes`` or a ``because`` of
        an object without ``inferred``) joins the two.
        """
        return self._links(evidence).inferred

    def _links(self, evidence: GovObject) -> PrincipleLinks:
        if self.by_id.get(evidence.id) is evidence and evidence.id in self.shaped:
            return self.shaped[evidence.id]
        # a duplicate, asked about: its links, never kept
        return _find_principles(self.by_id, self.named_in, evidence, self.shaped)


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
    by_id: dict[str, GovObject] = {}
    duplicates = []
    for obj in _in_document_order(records):
        first = by_id.get(obj.id)
        if first is not None:
            duplicates.append((first, obj))
        else:
            by_id[obj.id] = obj
    by_type: dict[str, list[GovObject]] = defaultdict(list)
    by_key: dict[str, list[GovObject]] = defaultdict(list)
    for obj in by_id.values():
        by_type[obj.objtype].append(obj)
        by_key[id_key(obj.id)].append(obj)
    sorted_by_type = {name: tuple(sorted_objects(by_type[name])) for name in OBJECT_TYPES}
    named_in = _named_in(by_id)
    evidence = {principle.id: _find_evidence(by_id, named_in, principle.id)
                for name in SHAPED_TYPES for principle in sorted_by_type[name]}
    shaped: dict[str, PrincipleLinks] = {}
    # what is shaped through others (a source, through its findings) after those others
    for name in sorted(EVIDENCE_TYPES, key=_shaped_through):
        for obj in sorted_by_type[name]:
            shaped[obj.id] = _find_principles(by_id, named_in, obj, shaped)
    return Graph(
        by_id=by_id,
        duplicates=tuple(duplicates),
        named_in=named_in,
        by_type=sorted_by_type,
        by_key={key: tuple(objects) for key, objects in by_key.items()},
        summaries=_named_summaries(by_id, external_name or (lambda ref: None)),
        evidence=evidence,
        shaped=shaped,
    )


def _shaped_through(objtype: str) -> bool:
    return any(objtype in relation.targets for relation in _SHAPING_THROUGH)


def _named_in(by_id: Mapping[str, GovObject]) -> NamedIn:
    named_in: dict[str, dict[str, list[GovObject]]] = {
        relation.inverse: defaultdict(list) for relation in RELATIONS
    }
    for obj in by_id.values():
        for relation in RELATIONS_OF[obj.objtype]:
            for target_id in dict.fromkeys(obj.ids(relation.name)):
                target = by_id.get(target_id)
                if target is not None and target.objtype in relation.targets:
                    named_in[relation.inverse][target.id].append(obj)

    def in_order(objects: list[GovObject]) -> tuple[GovObject, ...]:
        """Objects dated by another (a revision, by its meeting) by that date; everything
        else by id."""
        return tuple(sorted(objects, key=lambda obj: (_dated(by_id, obj), natural_key(obj.id))))

    return {inverse: {target: in_order(objects) for target, objects in named.items()}
            for inverse, named in named_in.items()}


def _dated(by_id: Mapping[str, GovObject], obj: GovObject) -> str:
    """The day of the object that dates ``obj`` (a revision's meeting), or ''."""
    spec = obj.spec
    if not spec.dated_by:
        return ''
    dating = by_id.get(obj.ref(spec.dated_by))
    return dating.day if dating is not None and dating.objtype in spec.field(
        spec.dated_by).targets else ''


def link_name(by_id: Mapping[str, GovObject], ref: SummaryRef,
              external_name: ExternalName = lambda ref: None) -> str | None:
    """The name a link in an object's text shows (:class:`SummaryRef`): the name of the
    object of ``by_id`` it names, else the one another project's inventory gives it."""
    target = by_id.get(ref.target)
    if target is not None and (ref.reftype not in OBJECT_TYPES or target.objtype == ref.reftype):
        return target.display_name
    return external_name(ref)


def _named_summaries(by_id: Mapping[str, GovObject], external_name: ExternalName
                     ) -> dict[str, str]:
    """The summary of each object whose summary links to objects, showing their names."""
    return {object_id: summary_text(obj.summary_parts,
                                    lambda ref: link_name(by_id, ref, external_name))
            for object_id, obj in by_id.items() if obj.summary_parts}


def _in_document_order(records: Mapping[str, Sequence[GovObject]]) -> Iterable[GovObject]:
    # within a document, records are kept in the order they were read (an imported
    # row's line is a line of its file, not of the document)
    for docname in sorted(records):
        yield from records[docname]


def _targets(by_id: Mapping[str, GovObject], obj: GovObject,
             relation: RelationField) -> tuple[GovObject, ...]:
    found = {}
    for target_id in obj.ids(relation.name):
        target = by_id.get(target_id)
        if target is not None and target.objtype in relation.targets:
            found[target.id] = target
    return tuple(found.values())


def _find_evidence(by_id: Mapping[str, GovObject], named_in: NamedIn,
                   principle_id: str) -> tuple[GovObject, ...]:
    """What shaped the principle, and what the objects that name it give as reasons."""
    evidence = {obj.id: obj for relation in SHAPING
                for obj in named_in[relation.inverse].get(principle_id, ())}
    for citing, reason_for in _REASONS:
        for carrier in named_in[reason_for.inverse].get(principle_id, ()):
            for cited in carrier.refs(citing.name):
                obj = by_id.get(cited)
                if obj is not None and obj.objtype in EVIDENCE_TYPES:
                    evidence.setdefault(obj.id, obj)
    return tuple(sorted(evidence.values(), key=lambda obj: natural_key(obj.id)))


def _find_principles(by_id: Mapping[str, GovObject], named_in: NamedIn, evidence: GovObject,
                     shaped: Mapping[str, PrincipleLinks]) -> PrincipleLinks:
    """The principles ``evidence`` shaped: those it names, those of the objects that
    give it as a reason, and (for a source) those of what is grouped under it, whose
    links are in ``shaped`` already."""
    found: dict[str, GovObject] = {}
    stated: set[str] = set()

    def add(principles: Iterable[GovObject], is_stated: bool) -> None:
        for principle in principles:
            found.setdefault(principle.id, principle)
            if is_stated:
                stated.add(principle.id)

    for relation in RELATIONS_OF[evidence.objtype]:
        if relation.shapes_principle:
            add(_targets(by_id, evidence, relation),
                not (relation.inferable and evidence.links_inferred))
    for citing, reason_for in _REASONS:
        for carrier in named_in[citing.inverse].get(evidence.id, ()):
            add(_targets(by_id, carrier, reason_for),
                not (citing.inferable and carrier.links_inferred))
    # a source's findings, one level deep: a finding's own :source: may name a
    # finding (itself, even), which is reported, never walked
    for relation in _SHAPING_THROUGH:
        if evidence.objtype not in relation.targets:
            continue
        for item in named_in[relation.inverse].get(evidence.id, ()):
            links = shaped.get(item.id) or _find_principles(by_id, named_in, item, shaped)
            for principle in links.principles:
                add((principle,), principle.id not in links.inferred)
    return PrincipleLinks(tuple(sorted_objects(found.values())),
                          frozenset(found.keys() - stated))
