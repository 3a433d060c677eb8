"""Objects copied from another project (``:original: tokyo:P01``), and where their
originals are: read from that project's intersphinx inventory, as a role's link to
``tokyo:P01`` would be.

A copy is the partner's record of the same object: it is shown and linked in the
partner's pages like any other, but it is not the partner's own. Its page links to the
original for its sources and history (:mod:`.rendering`), it is not listed as the
partner's in ``objects.inv`` (:meth:`.domain.GovDomain.get_objects`), no check asks it
for evidence of its own (:mod:`.validation`), and the export says whose it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sphinx.environment import BuildEnvironment
from sphinx.util.osutil import relative_uri

from .graph import Graph
from .model import GovObject
from .options import ORIGINAL_OPTION
from .warnings_ import GovWarning, Location, warn


@dataclass(frozen=True)
class InventoryEntry:
    """An object of another project's inventory, as intersphinx read it."""

    #: its address: absolute, or relative to the root of this project's site
    uri: str
    #: the text a link to it shows
    name: str
    #: the project's name (its ``project``), as the inventory gives it
    project: str


@dataclass(frozen=True)
class Original:
    """The object a copy was made from."""

    inventory: str
    id: str
    #: where it is, when the inventory holds it
    entry: InventoryEntry | None


def inventories(env: BuildEnvironment) -> Mapping[str, Mapping[str, Mapping[str, Any]]]:
    """The inventories intersphinx loaded, by their key in ``intersphinx_mapping``."""
    return getattr(env, 'intersphinx_named_inventory', None) or {}


def inventory_entry(env: BuildEnvironment, inventory: str, roles: Iterable[str],
                    object_id: str) -> InventoryEntry | None:
    """The object ``object_id`` of the inventory ``inventory``, of the first of the
    ``roles`` (``gov:principle``) that has one."""
    loaded = inventories(env).get(inventory)
    if not loaded:
        return None
    for role in roles:
        item = loaded.get(role, {}).get(object_id)
        if item is not None:
            return _entry(item, object_id)
    return None


def _entry(item: Any, object_id: str) -> InventoryEntry:
    if isinstance(item, tuple):  # the inventory of an older Sphinx: a plain tuple
        project, _, uri, name = item
    else:
        project, uri, name = item.project_name, item.uri, item.display_name
    return InventoryEntry(str(uri), object_id if name in {None, '-'} else str(name),
                          str(project))


def original_of(env: BuildEnvironment, domain: str, obj: GovObject) -> Original | None:
    """The original of ``obj``, if it is a copy: an object of its type in the inventory
    ``obj.original`` names."""
    if not obj.original:
        return None
    inventory, _, object_id = obj.original.partition(':')
    entry = inventory_entry(env, inventory, [f'{domain}:{obj.objtype}'], object_id)
    return Original(inventory, object_id, entry)


def href_from(target_uri: str, uri: str) -> str:
    """``uri`` (an inventory's address) as a link from the page at ``target_uri``: an
    address relative to the site's root is made relative to the page."""
    if '://' in uri or uri.startswith('/'):
        return uri
    return relative_uri(target_uri, '').removeprefix('./') + uri


def check_originals(env: BuildEnvironment, domain: str, graph: Graph) -> None:
    """Report each copy whose original the inventory it names does not hold."""
    for obj in sorted(graph.by_id.values(), key=lambda obj: obj.docname):
        original = original_of(env, domain, obj)
        if original is None or original.entry is not None:
            continue
        warn(GovWarning.UNKNOWN_REF, (
            f'gov:{obj.objtype} {obj.id!r} is a copy of {obj.original!r} (:{ORIGINAL_OPTION}:), '
            f'which leads nowhere: {_advice(env, original, obj.objtype)}'
        ), Location.written(env.srcdir, obj.written, ORIGINAL_OPTION))


def _advice(env: BuildEnvironment, original: Original, objtype: str) -> str:
    mapping = getattr(env.config, 'intersphinx_mapping', None) or {}
    if original.inventory not in mapping:
        return (f'{original.inventory!r} is not a key of intersphinx_mapping: name the '
                'project it was copied from there (with sphinx.ext.intersphinx in extensions)')
    if original.inventory not in inventories(env):
        return (f'the inventory {original.inventory!r} of intersphinx_mapping did not load: '
                'fix its URL or path (an intersphinx message near the top of the log says why)')
    return (f'the inventory {original.inventory!r} has no {objtype} {original.id!r}: check '
            'the id')
