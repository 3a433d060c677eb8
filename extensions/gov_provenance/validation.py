"""Checks over the whole handbook, run once after every document has been read.

Each problem is a warning of type ``gov`` with its own subtype and the document
and line of the directive at fault (for an imported row: its file and line), so
``-W`` stops the build with a message a contributor can act on (and
``suppress_warnings`` can silence one kind). Every check visits each object once.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .graph import Graph
from .model import INFERABLE_FIELD, SHAPED_TYPES, GovObject
from .text import cut, id_key, quoted, with_article
from .views import generated_anchors
from .warnings_ import GovWarning, Location, warn

#: how many unknown ids of one build get a suggestion by spelling
SPELLING_SUGGESTIONS = 100


@dataclass(frozen=True)
class Suggestions:
    """"Did you mean" for the ids of a build that name no object.

    The same id in another case or punctuation is always suggested. A suggestion by
    spelling costs a pass over every id, so that only the first
    :data:`SPELLING_SUGGESTIONS` unknown ids get one (a file of typos costs no more):
    the first in a fixed order, the pages by name and each page's ids in theirs, so
    that a build gives the same advice whatever order its pages are checked, resolved
    or written in (in parallel, or only some of them by an incremental build).
    """

    graph: Graph
    #: the unknown ids that get a suggestion by spelling
    spelled: frozenset[str]

    def similar_id(self, wanted: str, objtypes: Collection[str] = ()) -> str | None:
        return self.graph.similar_id(wanted, objtypes, by_spelling=wanted in self.spelled)


def suggestions(graph: Graph, named: Mapping[str, Iterable[str]] | None = None) -> Suggestions:
    """The suggestions of a build, from ``named``: page -> the ids it names (in its
    roles and its objects' fields); by default, the ids its objects' fields name."""
    if named is None:
        named = _named_in_fields(graph)
    unknown = (object_id for docname in sorted(named) for object_id in named[docname]
               if object_id not in graph.by_id)
    return Suggestions(graph, frozenset(itertools.islice(dict.fromkeys(unknown),
                                                         SPELLING_SUGGESTIONS)))


def _named_in_fields(graph: Graph) -> dict[str, list[str]]:
    named: dict[str, list[str]] = {}
    for obj in graph.by_id.values():
        for spec in obj.spec.fields:
            if spec.is_reference:
                named.setdefault(obj.docname, []).extend(obj.ids(spec.name))
    return {docname: sorted(ids) for docname, ids in named.items()}


class Checker:
    """Reports the problems of one graph, located in the files under ``srcdir``."""

    def __init__(self, graph: Graph, srcdir: Path, advice: Suggestions) -> None:
        self.graph = graph
        self.srcdir = srcdir
        self.suggestions = advice

    def warn(
        self, obj: GovObject, kind: GovWarning, message: str, option: str | None = None
    ) -> None:
        warn(kind, message, Location.written(self.srcdir, obj.written, option))

    def check(self) -> None:
        graph = self.graph
        for first, duplicate in graph.duplicates:
            self.warn(duplicate, GovWarning.DUPLICATE_ID, (
                f'duplicate id {quoted(duplicate.id)}{_column(duplicate, "id")}: '
                f'{with_article(first.objtype)} with this id is already defined at '
                f'{self.where(first)}; ids must be unique across the handbook, so rename one '
                'of them'
            ))
        self.check_similar_ids()
        self.check_generated_anchors()
        # documents in order; within one, the order its objects were read
        objects = sorted(graph.by_id.values(), key=lambda obj: obj.docname)
        for obj in objects:
            self.check_references(obj)
        for obj in objects:
            # a copy's evidence is its original's, recorded in the project it comes from
            if obj.objtype in SHAPED_TYPES and not obj.original:
                self.check_principle_has_evidence(obj)
            elif obj.spec.is_evidence and not obj.original:
                self.check_evidence_shapes_something(obj)
            self.check_inferred_has_links(obj)

    def where(self, obj: GovObject) -> str:
        """``path:line`` of an object, for a message about another one."""
        return f'{obj.written.file}:{obj.written.line}'

    def check_similar_ids(self) -> None:
        """Ids that differ only in case or in ``.``, ``_``, ``-`` make the same anchor."""
        seen: dict[str, GovObject] = {}
        for obj in self.graph.by_id.values():  # in document order
            first = seen.setdefault(id_key(obj.id), obj)
            if first is not obj:
                self.warn(obj, GovWarning.SIMILAR_ID, (
                    f'id {quoted(obj.id)}{_column(obj, "id")} differs from {quoted(first.id)} '
                    f'({with_article(first.objtype)} at {self.where(first)}) only in case or in '
                    '".", "_" and "-": their anchors and links would be taken for each other; '
                    'rename one of them'
                ))

    def check_generated_anchors(self) -> None:
        """An object's anchor that a view of another object gives too (a principle
        ``p01-from-m01`` and P01's evidence from M01): a link to one leads to the other."""
        generated: dict[str, tuple[GovObject, str]] = {}
        for owner in self.graph.by_id.values():
            for anchor, what in generated_anchors(self.graph, owner):
                generated.setdefault(id_key(anchor), (owner, what))
        for obj in self.graph.by_id.values():
            owner, what = generated.get(id_key(obj.anchor), (obj, ''))
            if owner is not obj:
                self.warn(obj, GovWarning.SIMILAR_ID, (
                    f'id {quoted(obj.id)}{_column(obj, "id")} gives the anchor '
                    f'{quoted(obj.anchor)}, which the view of {with_article(owner.objtype)} '
                    f'{quoted(owner.id)} at {self.where(owner)} gives to {cut(what)} (in any '
                    'case and with ".", "_" or "-"): links to one would lead to the other; '
                    f'rename {quoted(obj.id)}'
                ))

    def check_references(self, obj: GovObject) -> None:
        for spec in obj.spec.fields:
            if not spec.is_reference or spec.name not in obj.fields:
                continue
            wanted = ' or '.join(spec.targets)
            where = f'gov:{obj.objtype} {quoted(obj.id)} {obj.written.label(spec.name)}'
            for target_id in obj.ids(spec.name):
                target = self.graph.get(target_id)
                if target is None:
                    self.warn(obj, GovWarning.UNKNOWN_REF, (
                        f'{where} names {quoted(target_id)}, but no {wanted} has that id; '
                        f'{self.advice(target_id, spec.targets)}'
                    ), spec.name)
                elif target is obj:
                    self.warn(obj, GovWarning.UNKNOWN_REF, (
                        f'{where} names the {obj.objtype} itself: name a {_roles(spec.targets)}'
                    ), spec.name)
                elif target.objtype not in spec.targets:
                    self.warn(obj, GovWarning.UNKNOWN_REF, (
                        f'{where} names {quoted(target_id)}, which is a gov:{target.objtype}, '
                        f'not a {_roles(spec.targets)}: check the id'
                    ), spec.name)

    def advice(self, target_id: str, objtypes: tuple[str, ...]) -> str:
        """What to do about a reference to an id nobody defined."""
        define = f'define it with ":::{{gov:{objtypes[0]}}} {cut(target_id)}"'
        if similar := self.suggestions.similar_id(target_id, objtypes):
            return f'did you mean {quoted(similar)}? Otherwise {define}'
        return f'check the spelling or {define}'

    def check_principle_has_evidence(self, principle: GovObject) -> None:
        evidence = self.graph.evidence_of(principle.id)
        if evidence and principle.text('gap'):
            self.warn_stale_gap(principle, [obj.id for obj in evidence])
        if evidence or principle.text('gap'):
            return
        self.warn(principle, GovWarning.NO_EVIDENCE, (
            f'principle {quoted(principle.id)} ({cut(principle.display_name)}) has no evidence: no '
            'opinion or finding names it in :shapes: and no revision of it gives :because:; '
            'link the evidence, or record why it is missing with ":gap:"'
        ))

    def check_evidence_shapes_something(self, evidence: GovObject) -> None:
        principles = self.graph.principles_shaped_by(evidence)
        if principles and evidence.text('gap'):
            self.warn_stale_gap(evidence, [obj.id for obj in principles])
        # ids named in :shapes: that lead to no principle were reported as unknown-ref
        if principles or evidence.text('gap') or evidence.refs('shapes'):
            return
        if evidence.origin:
            how = 'write principle ids in its shapes column (see :shapes-column:)'
        elif not evidence.counts_as_item:
            how = 'add findings that shape a principle'
        else:
            how = 'give it ":shapes:" with principle ids'
        self.warn(evidence, GovWarning.UNUSED_EVIDENCE, (
            f'gov:{evidence.objtype} {quoted(evidence.id)}{_column(evidence, "id")} shapes no '
            f'principle: {how}, cite it in a revision\'s ":because:", or record why with '
            '":gap:"'
        ))

    def warn_stale_gap(self, obj: GovObject, linked: list[str]) -> None:
        """``gap`` says that the links are missing, and they are there now."""
        shaped = obj.objtype in SHAPED_TYPES
        what = 'evidence' if shaped else 'a principle'
        self.warn(obj, GovWarning.STALE_GAP, (
            f'gov:{obj.objtype} {quoted(obj.id)} {obj.written.label("gap")} says why it has no '
            f'{"evidence" if shaped else "link to a principle"}, but '
            f'{what} is linked to it now ({", ".join(cut(link) for link in linked[:5])}'
            f'{", …" if len(linked) > 5 else ""}): remove :gap:, or the links if the gap '
            'still holds'
        ), 'gap')

    def check_inferred_has_links(self, obj: GovObject) -> None:
        """``inferred`` says how the links of its ``inferable`` field were inferred:
        without them it marks nothing, and was most likely meant for links that are
        missing."""
        field = INFERABLE_FIELD.get(obj.objtype)
        if field is None or not obj.links_inferred or obj.refs(field):
            return
        where = f'gov:{obj.objtype} {quoted(obj.id)} {obj.written.label("inferred")}'
        if obj.origin:
            missing = f'its row names no id in a {field} column'
            how = (f'write the ids in its {field} column (see :{field}-column:), or '
                   'empty the cell')
        else:
            missing = f'it has no :{field}: naming them'
            how = f'add the ids to :{field}:, or remove :inferred:'
        advice = ' (to record why it is linked to no principle, use ":gap:")' if (
            'gap' in obj.spec.field_names) else ''
        self.warn(obj, GovWarning.INFERRED_WITHOUT_LINKS, (
            f'{where} says how its links were inferred, but {missing}: {how}{advice}'
        ), 'inferred')


def check_graph(graph: Graph, srcdir: Path, advice: Suggestions | None = None) -> None:
    """Report every problem of the whole handbook; ``advice`` suggests ids for those
    that name none (by default, :func:`suggestions` of the graph alone)."""
    Checker(graph, srcdir, advice or suggestions(graph)).check()


def _column(obj: GovObject, field: str) -> str:
    """`` (row 3, column 'id')`` for an imported object; nothing for a directive."""
    return f' ({obj.written.label(field)})' if obj.origin else ''


def _roles(objtypes: tuple[str, ...]) -> str:
    return ' or '.join(f'gov:{objtype}' for objtype in objtypes)
