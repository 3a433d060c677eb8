"""What each generated view shows, as plain data.

Each view is built once per graph (:class:`Views`): the same model is fingerprinted
by :mod:`.incremental`, so a page is rewritten exactly when what it shows changes,
rendered by :mod:`.rendering` and drawn by :mod:`.diagram`, and its rows are the
export's (:mod:`.export`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from docutils import nodes

from .changes import Made
from .graph import Graph
from .listings import NOT_SHOWN, WHOLE, Listing, Sampling
from .messages import __
from .model import (
    EVIDENCE_TYPES,
    FINDING_SOURCE,
    GROUPED_UNDER,
    GROUPINGS,
    GUIDELINE_IMPLEMENTS,
    GUIDELINE_WORKING_GROUP,
    OBJECT_TYPES,
    OPINION_MEETING,
    PRINCIPLE,
    REVISION_BECAUSE,
    REVISION_MEETING,
    REVISION_PRINCIPLE,
    SHAPED_BY,
    UNKNOWN_STATUS,
    GovObject,
    ViewKind,
    content_digest,
    sorted_objects,
)
from .text import natural_key
from .vocabulary import RelationField

#: the views whose digest every build works out again rather than take it from the
#: last: the coverage page lists what nothing it showed was next to (an item that has
#: just become pending), and counts it
FRESH_VIEWS = frozenset({ViewKind.COVERAGE.value})


@dataclass(frozen=True)
class EvidenceGroup:
    """Evidence of one principle from one meeting or one source."""

    #: the object type it is grouped by (a meeting, a source): see ``GROUPED_UNDER``
    kind: str
    group_id: str
    heading: GovObject | None
    #: the items of evidence, each with content of its own: what a count counts (the
    #: page shows them as ``listing``)
    items: tuple[GovObject, ...] = field(metadata=NOT_SHOWN)
    #: where the page shows the group (its items, else the sources linked as a whole)
    anchor: str = ''
    #: the source itself, where it is linked as a whole (by a revision's ``because``):
    #: an activity, shown apart and never counted as an item
    whole: GovObject | None = None
    #: the items as the principle's page lists them: all, or a sample
    listing: Listing | None = None

    @property
    def linked(self) -> tuple[GovObject, ...]:
        """Everything linked from the group: the source as a whole, then its items."""
        return ((self.whole,) if self.whole is not None else ()) + self.items

    @property
    def counts(self) -> tuple[int, ...]:
        """How many of its items are of each type a group counts, in the order of
        ``GROUPINGS`` (opinions, then findings)."""
        return tuple(sum(obj.objtype == grouping.source_type for obj in self.items)
                     for grouping in GROUPINGS)


@dataclass(frozen=True)
class RevisionEntry:
    revision: GovObject
    meeting: GovObject | None
    because: tuple[GovObject, ...]


@dataclass(frozen=True)
class PrincipleView:
    principle: GovObject
    #: its evidence by where it came from: by meeting, then by source (the order of
    #: ``GROUPINGS``), each in the order of their dates
    evidence_groups: tuple[EvidenceGroup, ...]
    revisions: tuple[RevisionEntry, ...]
    guidelines: tuple[GovObject, ...]
    #: ids of the evidence linked to the principle only by inference, sorted
    inferred: tuple[str, ...]

    @property
    def groups(self) -> dict[str, EvidenceGroup]:
        """Its groups of evidence, by the id of their meeting or source."""
        return {group.group_id: group for group in self.evidence_groups}

    def groups_under(self, kind: str) -> tuple[EvidenceGroup, ...]:
        """Its groups of evidence headed by an object of type ``kind``."""
        return tuple(group for group in self.evidence_groups if group.kind == kind)

    @property
    def counted(self) -> tuple[GovObject, ...]:
        """The items of evidence it counts, by id."""
        return tuple(sorted((obj for group in self.evidence_groups for obj in group.items),
                            key=lambda obj: natural_key(obj.id)))

    @property
    def evidence_count(self) -> int:
        return sum(len(group.items) for group in self.groups.values())

    @cached_property
    def inferred_ids(self) -> frozenset[str]:
        """``inferred`` as a set: a principle may have thousands of items to look up."""
        return frozenset(self.inferred)

    def inferred_among(self, objects: Iterable[GovObject]) -> int:
        """How many of ``objects`` are linked to the principle only by inference."""
        return sum(obj.id in self.inferred_ids for obj in objects)

    @property
    def inferred_count(self) -> int:
        """How many of the items counted are linked only by inference."""
        return sum(self.inferred_among(group.items) for group in self.evidence_groups)

    @property
    def related_sources(self) -> tuple[GovObject, ...]:
        """The sources linked as a whole, with no content of their own to count."""
        return tuple(group.whole for group in self.evidence_groups if group.whole is not None)


@dataclass(frozen=True)
class EvidenceView:
    evidence: GovObject
    principles: tuple[GovObject, ...]
    cited_by: tuple[GovObject, ...]
    #: a source's findings
    findings: Listing
    #: ids of the principles it is linked to only by inference, sorted
    inferred: tuple[str, ...]


@dataclass(frozen=True)
class MeetingView:
    """What other pages record of a meeting: what its own page records is read where
    it stands."""

    meeting: GovObject
    opinions: Listing
    revisions: Listing


@dataclass(frozen=True)
class WorkingGroupView:
    working_group: GovObject
    guidelines: tuple[GovObject, ...]


@dataclass(frozen=True)
class MatrixView:
    columns: tuple[GovObject, ...]
    rows: tuple[PrincipleView, ...]

    def shows(self) -> tuple[object, ...]:
        """What the matrix shows of its rows (:func:`fingerprint`): each principle, its
        revisions, and how many items of each type each group holds and how many are
        inferred, but not the items, so that editing an item's text leaves it alone."""
        return (self.columns, tuple(
            (row.principle, row.revisions, tuple(
                (group.group_id, group.kind, group.anchor, group.whole, group.counts,
                 row.inferred_among(group.linked))
                for group in row.evidence_groups))
            for row in self.rows))


@dataclass(frozen=True)
class CoverageView:
    without_evidence: tuple[GovObject, ...]
    #: known not to be reflected yet
    pending: Listing
    #: whose outcome the sources do not record: kept apart from ``pending``
    unknown: Listing
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


def heading_anchor(owner: GovObject, key: str) -> str:
    """The anchor of the heading ``key`` (a view label) of ``owner``'s view."""
    return nodes.make_id(f'{owner.anchor}-{key}')


def handbook_heading_anchor(key: str, number: int) -> str:
    """The anchor of the heading ``key`` (a view label) of a view of the whole handbook,
    the ``number``-th view of its page."""
    return nodes.make_id(f'gov-{key}-{number}')


def related_anchor(principle: GovObject) -> str:
    """The anchor of the sources a principle is linked to as a whole."""
    return nodes.make_id(f'{principle.anchor}-related')


def generated_anchors(view: PrincipleView) -> list[tuple[str, str]]:
    """The anchors a principle's view gives that are made from the ids of other objects,
    each with what it marks: its evidence from each meeting and source, and the sources
    linked to it as a whole."""
    anchors = [(group.anchor, __('its evidence from %(group)s') % {'group': group.group_id})
               for group in view.evidence_groups if group.items]
    if view.related_sources:
        anchors.append((related_anchor(view.principle),
                        __('the sources linked to it as a whole')))
    return anchors


def principle_view(graph: Graph, principle: GovObject,
                   sampling: Sampling = WHOLE) -> PrincipleView:
    evidence = graph.evidence_of(principle.id)
    return PrincipleView(
        principle=principle,
        evidence_groups=tuple(
            group for relation in GROUPINGS
            for group in _groups(graph, principle, evidence, relation, sampling)),
        revisions=tuple(
            RevisionEntry(
                revision=revision,
                meeting=graph.get(revision.ref(REVISION_MEETING.name), *REVISION_MEETING.targets),
                because=tuple(
                    obj for obj_id in revision.refs(REVISION_BECAUSE.name)
                    if (obj := graph.get(obj_id)) is not None
                ),
            )
            for revision in graph.named_by(principle.id, REVISION_PRINCIPLE.inverse)
        ),
        guidelines=graph.named_by(principle.id, GUIDELINE_IMPLEMENTS.inverse),
        inferred=tuple(sorted(
            (obj.id for obj in evidence if principle.id in graph.inferred_principles(obj)),
            key=natural_key,
        )),
    )


def _groups(graph: Graph, principle: GovObject, evidence: tuple[GovObject, ...],
            relation: RelationField, sampling: Sampling) -> tuple[EvidenceGroup, ...]:
    """The evidence the relation groups (opinions by meeting, findings by source); an
    object of the heading's type linked itself (a source a revision cites as a whole)
    is its group's ``whole``."""
    [kind] = relation.targets
    grouped: dict[str, list[GovObject]] = {}
    for obj in evidence:
        if obj.objtype == kind:
            grouped.setdefault(obj.id, [])
        elif obj.objtype == relation.source_type:
            grouped.setdefault(obj.ref(relation.name), []).append(obj)
    wholes = {obj.id: obj for obj in evidence if not obj.counts_as_item}
    groups = []
    for group_id, found in _by_heading(graph, grouped):
        items = tuple(found)
        # a group with nothing to count leads to where the sources linked as a whole are
        anchor = group_anchor(principle, group_id) if items else related_anchor(principle)
        listing = sampling.listing(principle, SHAPED_BY.inverse, relation.relation.group_heading,
                                   items, anchor, group_id)
        groups.append(EvidenceGroup(kind, group_id, graph.get(group_id, kind), items, anchor,
                                    wholes.get(group_id), listing))
    return tuple(groups)


def _by_heading(
    graph: Graph, grouped: dict[str, list[GovObject]]
) -> list[tuple[str, list[GovObject]]]:
    def key(item: tuple[str, list[GovObject]]) -> tuple[object, ...]:
        heading = graph.get(item[0])
        return (heading.day if heading else '', natural_key(item[0]))

    return sorted(grouped.items(), key=key)


def evidence_view(graph: Graph, evidence: GovObject,
                  sampling: Sampling = WHOLE) -> EvidenceView:
    return EvidenceView(
        evidence=evidence,
        principles=graph.principles_shaped_by(evidence),
        cited_by=graph.named_by(evidence.id, REVISION_BECAUSE.inverse),
        findings=_listing(graph, evidence, FINDING_SOURCE, sampling),
        inferred=tuple(sorted(graph.inferred_principles(evidence), key=natural_key)),
    )


def meeting_view(graph: Graph, meeting: GovObject,
                 sampling: Sampling = WHOLE) -> MeetingView:
    return MeetingView(
        meeting=meeting,
        opinions=_listing(graph, meeting, OPINION_MEETING, sampling, elsewhere=True),
        revisions=_listing(graph, meeting, REVISION_MEETING, sampling, elsewhere=True),
    )


def _listing(graph: Graph, owner: GovObject, relation: RelationField, sampling: Sampling,
             *, elsewhere: bool = False) -> Listing:
    """What names ``owner`` in ``relation``, as its view lists it under the relation's
    heading; ``elsewhere``: only what other pages than the owner's record."""
    named = graph.named_by(owner.id, relation.inverse)
    if elsewhere:
        named = tuple(obj for obj in named if obj.docname != owner.docname)
    return sampling.listing(owner, relation.inverse, relation.heading, named,
                            heading_anchor(owner, relation.heading))


def working_group_view(graph: Graph, working_group: GovObject,
                       sampling: Sampling = WHOLE) -> WorkingGroupView:
    return WorkingGroupView(working_group,
                            graph.named_by(working_group.id, GUIDELINE_WORKING_GROUP.inverse))


def matrix_view(views: Views) -> MatrixView:
    """Every principle against where its evidence came from: the meetings, then the
    sources (each type a group of evidence is headed by)."""
    graph = views.graph
    return MatrixView(
        columns=tuple(obj for kind in GROUPED_UNDER for obj in graph.of_type(kind)),
        rows=views.principle_rows(),
    )


def principle_table_view(views: Views) -> PrincipleTableView:
    return PrincipleTableView(tuple(
        PrincipleRow(view.principle, view.evidence_count, len(view.revisions),
                     len(view.guidelines), view.inferred_count)
        for view in views.principle_rows()
    ))


def coverage_view(views: Views) -> CoverageView:
    graph = views.graph
    evidence = sorted_objects(obj for name in EVIDENCE_TYPES for obj in graph.of_type(name))
    return CoverageView(
        # a copy's evidence is its original's, in the project it was copied from
        without_evidence=tuple(view.principle for view in views.principle_rows()
                               if not graph.evidence_of(view.principle.id)
                               and not view.principle.original),
        pending=_coverage_listing(views, 'coverage-pending', tuple(
            obj for obj in evidence if obj.status == 'pending')),
        unknown=_coverage_listing(views, 'coverage-unknown', tuple(
            obj for obj in evidence if obj.status == UNKNOWN_STATUS)),
        unused=tuple(obj for obj in evidence
                     if not graph.principles_shaped_by(obj) and not obj.original),
    )


def _coverage_listing(views: Views, heading: str, items: tuple[GovObject, ...]) -> Listing:
    """A list of the coverage page, named by its heading's view label; where the page
    shows it is known only once the page is written (:mod:`.listpages`)."""
    return views.sampling.listing(None, heading, heading, items, '')


#: the view under an object, by the type's :attr:`~gov_provenance.vocabulary.ObjectType.view`
OBJECT_VIEWS: dict[ViewKind, Callable[[Graph, GovObject, Sampling], View]] = {
    ViewKind.PRINCIPLE: principle_view,
    ViewKind.EVIDENCE: evidence_view,
    ViewKind.MEETING: meeting_view,
    ViewKind.WORKING_GROUP: working_group_view,
}
#: the views of the whole handbook, each placed by a directive of its name
HANDBOOK_VIEWS: dict[ViewKind, Callable[[Views], View]] = {
    ViewKind.MATRIX: matrix_view,
    ViewKind.COVERAGE: coverage_view,
    ViewKind.PRINCIPLE_TABLE: principle_table_view,
}
_HANDBOOK_KINDS = {kind.value: kind for kind in HANDBOOK_VIEWS}


class Views:
    """The views of one graph, each built once, when it is first asked for: the page
    digests after reading, the pages as they are written and the export share them.
    A view is asked for by its placeholder's ``kind`` and ``target`` (an object type and
    an id, or a view of the whole handbook and ``''``). Made again with the graph; in
    a parallel build, each writer process works on the copy it was forked with."""

    def __init__(self, graph: Graph, sampling: Sampling = WHOLE) -> None:
        self.graph = graph
        #: which lists the pages show in part (the builder's)
        self.sampling = sampling
        self._built: dict[tuple[str, str], View | None] = {}

    def get(self, kind: str, target: str = '') -> View | None:
        """The model of one view, or ``None`` when its object is missing. An item of
        evidence's view, shown on its own page alone, is made each time it is asked
        for rather than kept: twenty thousand of them are not held through the write."""
        key = (kind, target)
        if key in self._built:
            return self._built[key]
        view = self._build(kind, target)
        if kind not in EVIDENCE_TYPES:
            self._built[key] = view
        return view

    def _build(self, kind: str, target: str) -> View | None:
        if kind in _HANDBOOK_KINDS:
            return HANDBOOK_VIEWS[_HANDBOOK_KINDS[kind]](self)
        spec = OBJECT_TYPES.get(kind)
        obj = self.graph.get(target, kind)
        if obj is None or spec is None or spec.view is None:
            return None
        return OBJECT_VIEWS[spec.view](self.graph, obj, self.sampling)

    def principle(self, principle: GovObject) -> PrincipleView:
        view = self.get(principle.objtype, principle.id)
        assert isinstance(view, PrincipleView), principle.id
        return view

    def principle_rows(self) -> tuple[PrincipleView, ...]:
        """The view of every principle, in their order: the rows of the matrix, of the
        principle table and of the export's ``principles.csv``."""
        return tuple(self.principle(p) for p in self.graph.of_type(PRINCIPLE.name))

    def seen(self, kind: str, target: str = '') -> Made[str]:
        """What the view shows, as a digest that changes exactly when that does, with
        the ids of the objects it shows."""
        shown: set[str] = set()
        digest = content_digest(kind, target,
                                fingerprint(self.get(kind, target), self.graph, shown))
        return Made(digest, tuple(shown))


def fingerprint(value: object, graph: Graph, shown: set[str] | None = None) -> object:
    """Replace each object by its digest (:meth:`Graph.digest`), so the result changes
    with what is shown; add the ids of those objects to ``shown``."""
    if isinstance(value, GovObject):
        if shown is not None:
            shown.add(value.id)
        return graph.digest(value)
    if isinstance(value, tuple | list):
        return tuple(fingerprint(item, graph, shown) for item in value)
    if isinstance(value, MatrixView):
        return fingerprint(value.shows(), graph, shown)
    names = _shown_fields(type(value))
    if names is not None:
        return tuple(fingerprint(getattr(value, name), graph, shown) for name in names)
    return value


#: class -> the fields of it that a page shows (see :func:`_shown_fields`)
_SHOWN_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _shown_fields(cls: type) -> tuple[str, ...] | None:
    """The fields of a view model's class that a page shows (see ``NOT_SHOWN``);
    ``None`` for a class that is not a dataclass. Worked out once per class: the
    digests walk a model for each object of the handbook."""
    if cls not in _SHOWN_FIELDS:
        _SHOWN_FIELDS[cls] = tuple(
            f.name for f in dataclasses.fields(cls) if f.metadata.get('shown', True)
        ) if dataclasses.is_dataclass(cls) else None
    return _SHOWN_FIELDS[cls]
