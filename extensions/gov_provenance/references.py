"""Messages for references that lead nowhere."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.domains import Domain

from .model import OBJECT_TYPES
from .text import cut, quoted
from .warnings_ import GovWarning, Location, warn

if TYPE_CHECKING:
    from .domain import GovDomain


def on_warn_missing_reference(
    app: Sphinx, domain: Domain | None, node: pending_xref
) -> bool | None:
    """Report a dangling ``{gov:...}`` role as ``gov.unknown-ref`` (once, with its location)."""
    if domain is None or domain.name != 'gov':
        return None
    if node.get('gov_field'):
        return True  # a field's reference was reported by the consistency check
    typ, target = node['reftype'], node['reftarget']
    existing = cast('GovDomain', domain).graph.get(target)
    inventory, _, external_id = target.rpartition(':')
    if existing is not None:
        role = f'gov:{existing.objtype}'
        advice = f'{quoted(target)} is a {role}: write {{{role}}}`{cut(target)}`'
    elif inventory in getattr(app.config, 'intersphinx_mapping', {}):
        advice = inventory_advice(app, inventory, typ, external_id)
    elif similar := cast('GovDomain', domain).suggestions.similar_id(target, _types(typ)):
        advice = f'did you mean {quoted(similar)}?'
    else:
        advice = f'check the id, or define it with ":::{{gov:{typ}}} {cut(target)}"'
    warn(GovWarning.UNKNOWN_REF,
         f'{{gov:{typ}}} reference to unknown {typ} {quoted(target)}: {advice}',
         Location.of_node(node))
    return True


def inventory_advice(app: Sphinx, inventory: str, typ: str, object_id: str) -> str:
    """What to check when a reference into another project's inventory leads nowhere."""
    loaded = getattr(app.env, 'intersphinx_named_inventory', {})
    if inventory not in loaded:
        return (f'the inventory {quoted(inventory)} of intersphinx_mapping did not load: fix its '
                'URL or path (an intersphinx message near the top of the log says why)')
    return f'the inventory {quoted(inventory)} has no {typ} {quoted(object_id)}: check the id'


def _types(reftype: str) -> tuple[str, ...]:
    """The object types a role links to: its own, or any for ``{any}``."""
    return (reftype,) if reftype in OBJECT_TYPES else ()
