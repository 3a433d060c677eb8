"""Messages for references that lead nowhere."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.domains import Domain

from .messages import __
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
    values = {'type': typ, 'target': quoted(target), 'id': cut(target)}
    if existing is not None:
        advice = __('%(target)s is a %(role)s: write {%(role)s}`%(id)s`') % {
            **values, 'role': f'gov:{existing.objtype}'}
    elif inventory in getattr(app.config, 'intersphinx_mapping', {}):
        advice = inventory_advice(app, inventory, typ, external_id)
    elif similar := cast('GovDomain', domain).suggestions.similar_id(target, _types(typ)):
        advice = __('did you mean %(similar)s?') % {'similar': quoted(similar)}
    else:
        advice = __('check the id, or define it with ":::{gov:%(type)s} %(id)s"') % values
    warn(GovWarning.UNKNOWN_REF, __(
        '{gov:%(type)s} reference to unknown %(type)s %(target)s: %(advice)s'
    ) % {**values, 'advice': advice}, Location.of_node(node))
    return True


def inventory_advice(app: Sphinx, inventory: str, typ: str, object_id: str) -> str:
    """What to check when a reference into another project's inventory leads nowhere."""
    loaded = getattr(app.env, 'intersphinx_named_inventory', {})
    values = {'inventory': quoted(inventory), 'type': typ, 'id': quoted(object_id)}
    if inventory not in loaded:
        return __('the inventory %(inventory)s of intersphinx_mapping did not load: fix its URL '
                  'or path (an intersphinx message near the top of the log says why)') % values
    return __('the inventory %(inventory)s has no %(type)s %(id)s: check the id') % values


def _types(reftype: str) -> tuple[str, ...]:
    """The object types a role links to: its own, or any for ``{any}``."""
    return (reftype,) if reftype in OBJECT_TYPES else ()
