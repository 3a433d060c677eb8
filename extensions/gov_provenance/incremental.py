"""Incremental rebuilds: rewrite exactly the pages whose generated content changed.

After reading, every page with a view or a link into the domain gets a digest of
what it would show. A page whose digest changed is written again even though its
source did not; every other page is left alone.

Sphinx also rewrites the toctree parents of every page it writes, so that their
navigation shows the page's current title. A page this module adds was not read
again, so its parents would be written byte for byte as they are: those parents
are left out for the duration of the write (see :func:`on_write_started`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

from sphinx.application import Sphinx
from sphinx.builders import Builder
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


# -- toctree parents ---------------------------------------------------------------


def numbers(env: BuildEnvironment, docname: str) -> object:
    """The section and figure numbers a numbered toctree gives a page."""
    return (env.toc_secnumbers.get(docname), env.toc_fignumbers.get(docname))


def on_env_before_read_docs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Remember which pages are read again, and every page's numbers (which reading
    one page can change on another)."""
    domain = _domain(env)
    domain.pages_read = frozenset(docnames)
    domain.numbers_before = {docname: numbers(env, docname) for docname in env.all_docs}


def on_write_started(app: Sphinx, builder: Builder) -> None:
    """Keep Sphinx from rewriting the toctree parents of pages written only for their views.

    Sphinx rewrites the parents of every page it writes, in case the page's title,
    headings or front matter changed. A page this module adds was not read again:
    everything a parent's toctree shows of it is as it was, unless its numbers
    moved. The parents of a page that was read again are always written.
    """
    env = builder.env
    domain = _domain(env)
    held = {}
    for docname in _written_for_views_only(env, domain):
        if docname in env.files_to_rebuild:
            held[docname] = env.files_to_rebuild.pop(docname)
    domain.held_parents = held


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Give Sphinx back the parents held during the write."""
    if app.env is None:
        return
    domain = _domain(app.env)
    app.env.files_to_rebuild.update(domain.held_parents)
    domain.held_parents = {}


def _written_for_views_only(env: BuildEnvironment, domain: GovDomain) -> Iterable[str]:
    for docname in domain.outdated_pages - domain.pages_read:
        before = domain.numbers_before.get(docname)
        if docname in domain.numbers_before and numbers(env, docname) == before:
            yield docname

