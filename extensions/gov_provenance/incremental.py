"""Incremental rebuilds: rewrite exactly the pages whose generated content changed.

After reading, every page with a view or a link into the domain gets a digest of
what it would show. A page whose digest changed is written again even though its
source did not; every other page is left alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .graph import Graph
from .model import content_digest
from .views import GLOBAL_VIEWS, view_digest

if TYPE_CHECKING:
    from .domain import GovDomain


def _domain(env: BuildEnvironment) -> GovDomain:
    return cast('GovDomain', env.domains['gov'])


def page_digests(domain: GovDomain) -> dict[str, str]:
    """What each page shows of the domain, as one digest per page."""
    graph = domain.graph
    everything = _handbook_digest(graph)
    digests = {}
    for docname in domain.views.keys() | domain.links.keys():
        shown: list[object] = [
            (kind, target,
             everything if kind in GLOBAL_VIEWS else view_digest(graph, kind, target))
            for kind, target in domain.views.get(docname, ())
        ]
        for target in domain.links.get(docname, ()):
            obj = graph.get(target)
            shown.append((target, obj.link_digest if obj is not None else None))
        digests[docname] = content_digest(shown)
    return digests


def _handbook_digest(graph: Graph) -> str:
    return content_digest(sorted((obj.id, obj.digest) for obj in graph.by_id.values()))


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> None:
    """Work out, once per build, which pages show something that changed."""
    domain = _domain(env)
    old, new = domain.digests, page_digests(domain)
    domain.outdated_pages = {
        docname for docname, digest in new.items()
        if old.get(docname) != digest and docname in env.all_docs
    }
    domain.data['digests'] = new


def on_env_get_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    return sorted(_domain(env).outdated_pages)
