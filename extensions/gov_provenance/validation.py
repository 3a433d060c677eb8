"""Checks over the whole handbook, run once after every document has been read.

Each problem is a warning of type ``gov`` with its own subtype and the document
and line of the directive at fault, so ``-W`` stops the build with a message a
contributor can act on (and ``suppress_warnings`` can silence one kind).
"""

from __future__ import annotations

from collections.abc import Callable

from sphinx.util import logging

from .graph import Graph
from .model import OBJECT_TYPES, FieldKind, GovObject

logger = logging.getLogger(__name__)


def warn(obj: GovObject, subtype: str, message: str, option: str | None = None) -> None:
    line = obj.line_of(option) if option else obj.lineno
    logger.warning(message, location=(obj.docname, line), type='gov', subtype=subtype)


def check_graph(graph: Graph, source_of: Callable[[str], str]) -> None:
    """Report every problem of the whole handbook; ``source_of`` names a document's file."""
    for first, duplicate in graph.duplicates:
        warn(duplicate, 'duplicate-id', (
            f'duplicate id {duplicate.id!r}: a {first.objtype} with this id is already defined '
            f'at {source_of(first.docname)}:{first.lineno}; ids must be unique across the '
            'handbook, so rename one of them'
        ))
    objects = sorted(graph.by_id.values(), key=lambda obj: (obj.docname, obj.lineno))
    for obj in objects:
        check_references(graph, obj)
    for obj in objects:
        if obj.objtype == 'principle':
            check_principle_has_evidence(graph, obj)
        elif OBJECT_TYPES[obj.objtype].is_evidence:
            check_evidence_shapes_something(graph, obj)


def check_references(graph: Graph, obj: GovObject) -> None:
    for spec in OBJECT_TYPES[obj.objtype].fields:
        if not spec.is_reference or spec.name not in obj.fields:
            continue
        wanted = ' or '.join(spec.targets)
        ids = obj.refs(spec.name) if spec.kind is FieldKind.REFS else (obj.ref(spec.name),)
        for target_id in ids:
            target = graph.get(target_id)
            if target is None:
                warn(obj, 'unknown-ref', (
                    f'gov:{obj.objtype} {obj.id!r} :{spec.name}: names {target_id!r}, but no '
                    f'{wanted} has that id; check the spelling or define it with '
                    f'":::{{gov:{spec.targets[0]}}} {target_id}"'
                ), spec.name)
            elif target.objtype not in spec.targets:
                warn(obj, 'unknown-ref', (
                    f'gov:{obj.objtype} {obj.id!r} :{spec.name}: names {target_id!r}, which is '
                    f'a gov:{target.objtype}, not a {_roles(spec.targets)}: check the id'
                ), spec.name)


def check_principle_has_evidence(graph: Graph, principle: GovObject) -> None:
    if graph.evidence_of(principle.id) or principle.text('gap'):
        return
    warn(principle, 'no-evidence', (
        f'principle {principle.id!r} ({principle.display_name}) has no evidence: no opinion or '
        'finding names it in :shapes: and no revision of it gives :because:; link the '
        'evidence, or record why it is missing with ":gap:"'
    ))


def check_evidence_shapes_something(graph: Graph, evidence: GovObject) -> None:
    if graph.principles_shaped_by(evidence) or evidence.text('gap'):
        return
    how = ('give it ":shapes:" with principle ids'
           if evidence.objtype != 'source' else 'add findings that shape a principle')
    warn(evidence, 'unused-evidence', (
        f'gov:{evidence.objtype} {evidence.id!r} shapes no principle: {how}, cite it in a '
        'revision\'s ":because:", or record why with ":gap:"'
    ))


def _roles(objtypes: tuple[str, ...]) -> str:
    return ' or '.join(f'gov:{objtype}' for objtype in objtypes)
