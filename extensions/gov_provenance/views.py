"""What each generated view shows, as plain data.

The same model is rendered by :mod:`.rendering` and fingerprinted by
:mod:`.incremental`, so a page is rewritten exactly when what it shows changes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from docutils import nodes

from .graph import Graph
from .model import UNKNOWN_STATUS, GovObject, content_digest, natural_key, sorted_objects

#: the analyses of the whole evidence base: rewritten whenever any object changes,
#: so that a reader never sees them lag behind the pages they summarise
GLOBAL_VIEWS = frozenset({'matrix', 'coverage'})


@dataclass(frozen=True)
class EvidenceGroup:
    """Evidence of one principle from one meeting or one source."""

    group_id: str
    heading: GovObject | None
    #: the items of evidence, each with content of its own: what a count counts
    items: tuple[GovObject, ...]
    #: where the page shows the group (its items, else the sources linked as a whole)
    anchor: str
    #: the source itself, where it is linked as a whole (by a revision's ``because``):
    #: an activity, shown apart and never counted as an item
    whole: GovObject | None = None

    @property
    def linked(self) -> tuple[GovObject, ...]:
        """Everything linked from the group: the source as a whole, then its items."""
        return ((self.whole,) if self.whole is not None else ()) + self.items


@dataclass(frozen=True)
class RevisionEntry:
    revision: GovObject
    meeting: GovObject | None
    because: tuple[GovObject, ...]


@dataclass(frozen=True)
class PrincipleView:
    principle: GovObject
    opinion_groups: tuple[EvidenceGroup, ...]
    source_groups: tuple[EvidenceGroup, ...]
    revisions: tuple[RevisionEntry, ...]
    guidelines: tuple[GovObject, ...]
    #: ids of the evidence linked to the principle only by inference, sorted
    inferred: tuple[str, ...]

    @property
    def groups(self) -> dict[str, EvidenceGroup]:
        """Its groups of evidence, by the id of their meeting or source."""
        return {group.group_id: group for group in self.opinion_groups + self.source_groups}

    @property
    def evidence_count(self) -> int:
        return sum(len(group.items) for group in self.groups.values())

    @property
    def inferred_count(self) -> int:
        """How many of the items counted are linked only by inference."""
        return sum(obj.id in self.inferred for group in self.groups.values()
                   for obj in group.items)

    @property
    def related_sources(self) -> tuple[GovObject, ...]:
        """The sources linked as a whole, with no content of their own to count."""
        return tuple(group.whole for group in self.source_groups if group.whole is not None)


@dataclass(frozen=True)
class EvidenceView:
    evidence: GovObject
    principles: tuple[GovObject, ...]
    cited_by: tuple[GovObject, ...]
    findings: tuple[GovObject, ...]
    #: ids of the principles it is linked to only by inference, sorted
    inferred: tuple[str, ...]


@dataclass(frozen=True)
class MeetingView:
    meeting: GovObject
    opinions: tuple[GovObject, ...]
    revisions: tuple[GovObject, ...]


@dataclass(frozen=True)
class WorkingGroupView:
    working_group: GovObject
    guidelines: tuple[GovObject, ...]


@dataclass(frozen=True)
class MatrixView:
    columns: tuple[GovObject, ...]
    rows: tuple[PrincipleView, ...]


@dataclass(frozen=True)
class CoverageView:
    without_evidence: tuple[GovObject, ...]
    #: known not to be reflected yet
    pending: tuple[GovObject, ...]
    #: whose outcome the sources do not record: kept apart from ``pending``
    unknown: tuple[GovObject, ...]
    unused: tuple[GovObject, ...]


@dataclass(frozen=True)
class PrincipleRow:
    """One principle and how much evidence, revision and guidance it has."""

    principle: GovObject
    evidence: int
    revisions: int
    guidelines: int
    #: how much of ``evidence`` is linked to it only by inference
    inferred: int


@dataclass(frozen=True)
class PrincipleTableView:
    rows: tuple[PrincipleRow, ...]


View = (
    PrincipleView | EvidenceView | MeetingView | WorkingGroupView
    | MatrixView | CoverageView | PrincipleTableView
)


def group_anchor(principle: GovObject, group_id: str) -> str:
    """The anchor of one group of a principle's evidence (a matrix cell links to it)."""
    return nodes.make_id(f'{principle.anchor}-from-{group_id}')


def related_anchor(principle: GovObject) -> str:
    """The anchor of the sources a principle is linked to as a whole."""
    return nodes.make_id(f'{principle.anchor}-related')


def generated_anchors(graph: Graph, obj: GovObject) -> list[tuple[str, str]]:
    """The anchors a principle's view gives that are made from the ids of other objects,
    each with what it marks: its evidence from each meeting and source, and the sources
    linked to it as a whole."""
    if obj.objtype != 'principle':
        return []
    view = principle_view(graph, obj)
    anchors = [(group.anchor, f'its evidence from {group.group_id}')
               for group in view.opinion_groups + view.source_groups if group.items]
    if view.related_sources:
        anchors.append((related_anchor(obj), 'the sources linked to it as a whole'))
    return anchors


def principle_view(graph: Graph, principle: GovObject) -> PrincipleView:
    evidence = graph.evidence_of(principle.id)
    return PrincipleView(
        principle=principle,
        opinion_groups=_groups(graph, principle, evidence, 'opinion', 'meeting'),
        source_groups=_source_groups(graph, principle, evidence),
        revisions=tuple(
            RevisionEntry(
                revision=revision,
                meeting=graph.get(revision.ref('meeting'), 'meeting'),
                because=tuple(
                    obj for obj_id in revision.refs('because')
                    if (obj := graph.get(obj_id)) is not None
                ),
            )
            for revision in graph.named_by(principle.id, 'revisions')
        ),
        guidelines=tuple(graph.named_by(principle.id, 'implemented-by')),
        inferred=tuple(sorted(
            (obj.id for obj in evidence if principle.id in graph.inferred_principles(obj)),
            key=natural_key,
        )),
    )


def _groups(
    graph: Graph, principle: GovObject, evidence: list[GovObject], objtype: str, by: str
) -> tuple[EvidenceGroup, ...]:
    grouped: dict[str, list[GovObject]] = {}
    for obj in evidence:
        if obj.objtype == objtype:
            grouped.setdefault(obj.ref(by), []).append(obj)
    return tuple(
        EvidenceGroup(group_id, graph.get(group_id, by), tuple(items),
                      group_anchor(principle, group_id))
        for group_id, items in _by_heading(graph, grouped)
    )


def _source_groups(
    graph: Graph, principle: GovObject, evidence: list[GovObject]
) -> tuple[EvidenceGroup, ...]:
    """Findings grouped by source; a source cited as a whole is the group's ``whole``."""
    grouped: dict[str, list[GovObject]] = {}
    for obj in evidence:
        if obj.objtype == 'source':
            grouped.setdefault(obj.id, [])
        elif obj.objtype == 'finding':
            grouped.setdefault(obj.ref('source'), []).append(obj)
    wholes = {obj.id: obj for obj in evidence if not obj.counts_as_item}
    # a group with nothing to count leads to where the sources linked as a whole are
    return tuple(
        EvidenceGroup(group_id, graph.get(group_id, 'source'), tuple(items),
                      group_anchor(principle, group_id) if items else related_anchor(principle),
                      wholes.get(group_id))
        for group_id, items in _by_heading(graph, grouped)
    )


def _by_heading(
    graph: Graph, grouped: dict[str, list[GovObject]]
) -> list[tuple[str, list[GovObject]]]:
    def key(item: tuple[str, list[GovObject]]) -> tuple[object, ...]:
        heading = graph.get(item[0])
        return (heading.text('date') if heading else '', natural_key(item[0]))

    return sorted(grouped.items(), key=key)


def evidence_view(graph: Graph, evidence: GovObject) -> EvidenceView:
    return EvidenceView(
        evidence=evidence,
        principles=tuple(graph.principles_shaped_by(evidence)),
        cited_by=tuple(graph.named_by(evidence.id, 'cited-by')),
        findings=tuple(graph.named_by(evidence.id, 'findings')),
        inferred=tuple(sorted(graph.inferred_principles(evidence), key=natural_key)),
    )


def meeting_view(graph: Graph, meeting: GovObject) -> MeetingView:
    return MeetingView(
        meeting=meeting,
        opinions=tuple(graph.named_by(meeting.id, 'opinions')),
        revisions=tuple(graph.named_by(meeting.id, 'revisions')),
    )


def working_group_view(graph: Graph, working_group: GovObject) -> WorkingGroupView:
    return WorkingGroupView(working_group, tuple(graph.named_by(working_group.id, 'guidelines')))


def matrix_view(graph: Graph) -> MatrixView:
    return MatrixView(
        columns=tuple(graph.of_type('meeting') + graph.of_type('source')),
        rows=_principle_rows(graph),
    )


def principle_table_view(graph: Graph) -> PrincipleTableView:
    return PrincipleTableView(tuple(
        PrincipleRow(view.principle, view.evidence_count, len(view.revisions),
                     len(view.guidelines), view.inferred_count)
        for view in _principle_rows(graph)
    ))


def _principle_rows(graph: Graph) -> tuple[PrincipleView, ...]:
    return tuple(principle_view(graph, p) for p in graph.of_type('principle'))


def coverage_view(graph: Graph) -> CoverageView:
    principles = graph.of_type('principle')
    evidence = sorted_objects(
        obj for obj in graph.by_id.values() if obj.objtype in {'opinion', 'finding', 'source'}
    )
    return CoverageView(
        without_evidence=tuple(p for p in principles if not graph.evidence_of(p.id)),
        pending=tuple(obj for obj in evidence if obj.status == 'pending'),
        unknown=tuple(obj for obj in evidence if obj.status == UNKNOWN_STATUS),
        unused=tuple(obj for obj in evidence if not graph.principles_shaped_by(obj)),
    )


OBJECT_VIEWS: dict[str, Callable[[Graph, GovObject], View]] = {
    'principle': principle_view,
    'opinion': evidence_view,
    'finding': evidence_view,
    'source': evidence_view,
    'meeting': meeting_view,
    'working-group': working_group_view,
}
HANDBOOK_VIEWS: dict[str, Callable[[Graph], View]] = {
    'matrix': matrix_view,
    'coverage': coverage_view,
    'principle-table': principle_table_view,
}


def build_view(graph: Graph, kind: str, target: str) -> View | None:
    """The model of one view, or ``None`` when its object is missing."""
    if kind in HANDBOOK_VIEWS:
        return HANDBOOK_VIEWS[kind](graph)
    obj = graph.get(target, kind)
    return OBJECT_VIEWS[kind](graph, obj) if obj is not None else None


def fingerprint(value: object) -> object:
    """Replace each object by its digest, so the result changes with what is shown."""
    if isinstance(value, GovObject):
        return value.digest
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return tuple(fingerprint(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, tuple | list):
        return tuple(fingerprint(item) for item in value)
    return value


def view_digest(graph: Graph, kind: str, target: str) -> str:
    return content_digest(kind, target, fingerprint(build_view(graph, kind, target)))
