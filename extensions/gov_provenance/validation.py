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
from .messages import __, either
from .model import INFERABLE_FIELD, PRINCIPLE, SHAPED_TYPES, GovObject
from .options import object_subject
from .text import cut, id_key, quoted, with_article
from .views import Views, generated_anchors
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
        for spec in obj.spec.reference_fields:
            named.setdefault(obj.docname, []).extend(obj.ids(spec.name))
    return {docname: sorted(ids) for docname, ids in named.items()}


class Checker:
    """Reports the problems of one graph, located in the files under ``srcdir``."""

    def __init__(self, graph: Graph, srcdir: Path, advice: Suggestions,
                 views: Views | None = None) -> None:
        self.graph = graph
        self.srcdir = srcdir
        self.suggestions = advice
        #: the principles' views, whose anchors are checked (those the pages show, when
        #: the build has them made)
        self.views = views or Views(graph)

    def warn(
        self, obj: GovObject, kind: GovWarning, message: str, option: str | None = None
    ) -> None:
        warn(kind, message, Location.written(self.srcdir, obj.written, option))

    def check(self) -> None:
        graph = self.graph
        for first, duplicate in graph.duplicates:
            self.warn(duplicate, GovWarning.DUPLICATE_ID, __(
                'duplicate id %(id)s%(column)s: %(a_type)s with this id is already defined at '
                '%(where)s; ids must be unique across the handbook, so rename one of them'
            ) % {'id': quoted(duplicate.id), 'column': _column(duplicate, 'id'),
                 **_kind(first), 'where': self.where(first)})
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
                self.warn(obj, GovWarning.SIMILAR_ID, __(
                    'id %(id)s%(column)s differs from %(other)s (%(a_type)s at %(where)s) only '
                    'in case or in ".", "_" and "-": their anchors and links would be taken for '
                    'each other; rename one of them'
                ) % {'id': quoted(obj.id), 'column': _column(obj, 'id'),
                     'other': quoted(first.id), **_kind(first), 'where': self.where(first)})

    def check_generated_anchors(self) -> None:
        """An object's anchor that a view of another object gives too (a principle
        ``p01-from-m01`` and P01's evidence from M01): a link to one leads to the other."""
        generated: dict[str, tuple[GovObject, str]] = {}
        for owner in self.graph.by_id.values():  # in document order
            if owner.objtype == PRINCIPLE.name:
                for anchor, what in generated_anchors(self.views.principle(owner)):
                    generated.setdefault(id_key(anchor), (owner, what))
        for obj in self.graph.by_id.values():
            owner, what = generated.get(id_key(obj.anchor), (obj, ''))
            if owner is not obj:
                self.warn(obj, GovWarning.SIMILAR_ID, __(
                    'id %(id)s%(column)s gives the anchor %(anchor)s, which the view of '
                    '%(a_type)s %(owner)s at %(where)s gives to %(what)s (in any case and with '
                    '".", "_" or "-"): links to one would lead to the other; rename %(id)s'
                ) % {'id': quoted(obj.id), 'column': _column(obj, 'id'),
                     'anchor': quoted(obj.anchor), **_kind(owner), 'owner': quoted(owner.id),
                     'where': self.where(owner), 'what': cut(what)})

    def check_references(self, obj: GovObject) -> None:
        for spec in obj.spec.reference_fields:
            if spec.name not in obj.fields:
                continue
            for target_id in obj.ids(spec.name):
                target = self.graph.get(target_id)
                if target is not None and target is not obj and target.objtype in spec.targets:
                    continue
                # the message, made only for a reference that is wrong: most are not
                values = {'where': _where(obj, spec.name), 'wanted': either(spec.targets),
                          'roles': _roles(spec.targets), 'target': quoted(target_id),
                          **_kind(obj)}
                if target is None:
                    self.warn(obj, GovWarning.UNKNOWN_REF, __(
                        '%(where)s names %(target)s, but no %(wanted)s has that id; %(advice)s'
                    ) % {**values, 'advice': self.advice(target_id, spec.targets)}, spec.name)
                elif target is obj:
                    self.warn(obj, GovWarning.UNKNOWN_REF, __(
                        '%(where)s names the %(type)s itself: name a %(roles)s'
                    ) % values, spec.name)
                else:  # a target of another type
                    self.warn(obj, GovWarning.UNKNOWN_REF, __(
                        '%(where)s names %(target)s, which is a %(found)s, not a %(roles)s: '
                        'check the id'
                    ) % {**values, 'found': f'gov:{target.objtype}'}, spec.name)

    def advice(self, target_id: str, objtypes: tuple[str, ...]) -> str:
        """What to do about a reference to an id nobody defined."""
        values = {'directive': f'gov:{objtypes[0]}', 'id': cut(target_id)}
        if similar := self.suggestions.similar_id(target_id, objtypes):
            return __('did you mean %(similar)s? Otherwise define it with '
                      '":::{%(directive)s} %(id)s"') % {**values, 'similar': quoted(similar)}
        return __('check the spelling or define it with ":::{%(directive)s} %(id)s"') % values

    def check_principle_has_evidence(self, principle: GovObject) -> None:
        evidence = self.graph.evidence_of(principle.id)
        if evidence and principle.text('gap'):
            self.warn_stale_gap(principle, [obj.id for obj in evidence])
        if evidence or principle.text('gap'):
            return
        self.warn(principle, GovWarning.NO_EVIDENCE, __(
            'principle %(id)s (%(name)s) has no evidence: no opinion or finding names it in '
            ':shapes: and no revision of it gives :because:; link the evidence, or record why '
            'it is missing with ":gap:"'
        ) % {'id': quoted(principle.id), 'name': cut(principle.display_name)})

    def check_evidence_shapes_something(self, evidence: GovObject) -> None:
        principles = self.graph.principles_shaped_by(evidence)
        if principles and evidence.text('gap'):
            self.warn_stale_gap(evidence, [obj.id for obj in principles])
        # ids named in :shapes: that lead to no principle were reported as unknown-ref
        if principles or evidence.text('gap') or evidence.refs('shapes'):
            return
        if evidence.origin:
            how = __('write principle ids in its shapes column (see :shapes-column:)')
        elif not evidence.counts_as_item:
            how = __('add findings that shape a principle')
        else:
            how = __('give it ":shapes:" with principle ids')
        self.warn(evidence, GovWarning.UNUSED_EVIDENCE, __(
            '%(subject)s%(column)s shapes no principle: %(how)s, cite it in a revision\'s '
            '":because:", or record why with ":gap:"'
        ) % {'subject': object_subject(evidence.objtype, evidence.id),
             'column': _column(evidence, 'id'), 'how': how})

    def warn_stale_gap(self, obj: GovObject, linked: list[str]) -> None:
        """``gap`` says that the links are missing, and they are there now."""
        message = __(
            '%(where)s says why it has no evidence, but evidence is linked to it now '
            '(%(linked)s): remove :gap:, or the links if the gap still holds'
        ) if obj.objtype in SHAPED_TYPES else __(
            '%(where)s says why it has no link to a principle, but a principle is linked to it '
            'now (%(linked)s): remove :gap:, or the links if the gap still holds'
        )
        shown = [cut(link) for link in linked[:5]] + (['…'] if len(linked) > 5 else [])
        self.warn(obj, GovWarning.STALE_GAP, message % {
            'where': _where(obj, 'gap'), 'linked': ', '.join(shown)}, 'gap')

    def check_inferred_has_links(self, obj: GovObject) -> None:
        """``inferred`` says how the links of its ``inferable`` field were inferred:
        without them it marks nothing, and was most likely meant for links that are
        missing."""
        field = INFERABLE_FIELD.get(obj.objtype)
        if field is None or not obj.links_inferred or obj.refs(field):
            return
        if obj.origin:
            missing = __('its row names no id in a %(field)s column')
            how = __('write the ids in its %(field)s column (see :%(field)s-column:), or '
                     'empty the cell')
        else:
            missing = __('it has no :%(field)s: naming them')
            how = __('add the ids to :%(field)s:, or remove :inferred:')
        advice = __(' (to record why it is linked to no principle, use ":gap:")') if (
            'gap' in obj.spec.field_names) else ''
        self.warn(obj, GovWarning.INFERRED_WITHOUT_LINKS, __(
            '%(where)s says how its links were inferred, but %(missing)s: %(how)s%(advice)s'
        ) % {'where': _where(obj, 'inferred'), 'missing': missing % {'field': field},
             'how': how % {'field': field}, 'advice': advice}, 'inferred')


def check_graph(graph: Graph, srcdir: Path, advice: Suggestions | None = None,
                views: Views | None = None) -> None:
    """Report every problem of the whole handbook; ``advice`` suggests ids for those
    that name none (by default, :func:`suggestions` of the graph alone); ``views``:
    the graph's views, when they are made already."""
    Checker(graph, srcdir, advice or suggestions(graph), views).check()


def _column(obj: GovObject, field: str) -> str:
    """`` (row 3, column 'id')`` for an imported object; nothing for a directive."""
    return __(' (%(column)s)') % {'column': obj.written.label(field)} if obj.origin else ''


def _where(obj: GovObject, option: str) -> str:
    """An object's option as a message names it: ``gov:opinion 'O1' :shapes:``."""
    return __('%(subject)s %(option)s') % {
        'subject': object_subject(obj.objtype, obj.id), 'option': obj.written.label(option)}


def _kind(obj: GovObject) -> dict[str, str]:
    """An object's type for a message: ``a principle`` (``a_type``) and ``principle``
    (``type``)."""
    return {'a_type': with_article(obj.objtype), 'type': obj.objtype}


def _roles(objtypes: tuple[str, ...]) -> str:
    return either([f'gov:{objtype}' for objtype in objtypes])
