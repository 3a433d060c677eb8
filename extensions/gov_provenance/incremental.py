"""Incremental rebuilds: rewrite exactly the pages whose generated content changed.

After reading, every page with a view or a link into the domain gets a digest of
what it would show. A page whose digest changed is written again even though its
source did not; every other page is left alone.

Sphinx also rewrites the toctree parents of every page it writes, so that their
navigation shows the page's current title. A page this module adds was not read
again, so its parents would be written byte for byte as they are: those parents
are left out for the duration of the write (see :meth:`IncrementalBuild.write_started`).

A page that warned is read again by the next build, so that its warnings come back
until they are fixed (see :class:`~.compat.WarningRecorder`).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import TYPE_CHECKING, cast

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment

from .changes import Reuse
from .compat import WarningRecorder, give_back_toctree_parents, hold_toctree_parents
from .model import content_digest
from .views import FRESH_VIEWS

if TYPE_CHECKING:
    from .domain import GovDomain


def _domain(env: BuildEnvironment) -> GovDomain:
    return cast('GovDomain', env.domains['gov'])


def page_digests(domain: GovDomain, views: Reuse[tuple[str, str], str]) -> dict[str, str]:
    """What each page shows of the domain, as one digest per page; the digest of each
    view is taken from the last build where nothing it shows changed (``views``), but
    for the views made fresh every time (:data:`~.views.FRESH_VIEWS`)."""
    graph, models = domain.graph, domain.view_models
    fresh = functools.cache(lambda kind, target: models.seen(kind, target).value)
    digests = {}
    for docname in domain.views.keys() | domain.links.keys():
        shown: list[object] = [
            (kind, target, fresh(kind, target) if kind in FRESH_VIEWS else views.get(
                (kind, target), target or None, functools.partial(models.seen, kind, target)))
            for kind, target in domain.views.get(docname, ())
        ]
        for target in domain.links.get(docname, ()):
            obj = graph.get(target)
            shown.append((target, obj.link_digest if obj is not None else None))
        digests[docname] = content_digest(shown)
    return digests


class IncrementalBuild:
    """The bookkeeping of one build: which pages to write again, and which toctree
    parents to leave alone while they are written (see the module's docstring).

    It also notes the pages that warned, which the next build reads again (see
    :class:`~.compat.WarningRecorder`). Created for each Sphinx application by :func:`setup`,
    which connects its methods to the build's events; nothing of it is kept in the
    environment.
    """

    def __init__(self, app: Sphinx) -> None:
        #: pages to write again because what they show changed
        self.outdated: AbstractSet[str] = frozenset()
        #: pages read in this build
        self.pages_read: AbstractSet[str] = frozenset()
        #: every page's numbers before reading (which reading one page can change on another)
        self.numbers_before: dict[str, object] = {}
        #: toctree parents left out of the current write, by child page
        self.held_parents: dict[str, set[str]] = {}
        self.recorder = WarningRecorder(app)

    def builder_inited(self, app: Sphinx) -> None:
        """Start noting the pages that warn."""
        self.recorder.install()

    def env_get_outdated(
        self, app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
        removed: set[str],
    ) -> list[str]:
        """Read again every page that warned in the last build."""
        self.recorder.start()
        try:
            warned = json.loads(
                (Path(app.doctreedir) / WARNED_PAGES).read_text(encoding='utf-8'))
        except (OSError, ValueError):
            return []
        if not isinstance(warned, list):
            return []
        return sorted(page for page in warned if isinstance(page, str) and page in env.found_docs)

    def env_before_read_docs(
        self, app: Sphinx, env: BuildEnvironment, docnames: list[str]
    ) -> None:
        """Remember which pages are read again, and every page's numbers."""
        self.pages_read = frozenset(docnames)
        self.numbers_before = {docname: numbers(env, docname) for docname in env.all_docs}

    def env_updated(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        """Work out, once per build, which pages show something that changed: Sphinx
        writes them again."""
        domain = _domain(env)
        views = Reuse(domain.graph, domain.sampling, domain.data['view-digests'])
        old, new = domain.digests, page_digests(domain, views)
        self.outdated = {
            docname for docname, digest in new.items()
            if old.get(docname) != digest and docname in env.all_docs
        }
        domain.data['digests'] = new
        domain.data['view-digests'] = views.memory()
        return sorted(self.outdated)

    def write_started(self, app: Sphinx, builder: Builder) -> None:
        """Keep Sphinx from rewriting the toctree parents of pages written only for
        their views.

        Sphinx rewrites the parents of every page it writes, in case the page's title,
        headings or front matter changed. A page this module adds was not read again:
        everything a parent's toctree shows of it is as it was, unless its numbers
        moved. The parents of a page that was read again are always written.
        """
        self.held_parents = hold_toctree_parents(
            builder.env, self._written_for_views_only(builder.env))

    def build_finished(self, app: Sphinx, exception: Exception | None) -> None:
        """Give Sphinx back the parents held during the write."""
        if app.env is not None:
            give_back_toctree_parents(app.env, self.held_parents)
        self.held_parents = {}

    def save_warned_pages(self, app: Sphinx, exception: Exception | None) -> None:
        """Keep the pages that warned for the next build."""
        pages = self.recorder.warned_pages()
        path = Path(app.doctreedir) / WARNED_PAGES
        if not pages:
            path.unlink(missing_ok=True)
            return
        path.write_text(json.dumps(sorted(pages)), encoding='utf-8')

    def _written_for_views_only(self, env: BuildEnvironment) -> Iterable[str]:
        for docname in self.outdated - self.pages_read:
            if docname in self.numbers_before and (
                numbers(env, docname) == self.numbers_before[docname]
            ):
                yield docname


def numbers(env: BuildEnvironment, docname: str) -> object:
    """The section and figure numbers a numbered toctree gives a page."""
    return (env.toc_secnumbers.get(docname), env.toc_fignumbers.get(docname))


# -- pages that warned -------------------------------------------------------------

#: where the pages that warned are kept from one build to the next, in the doctrees
WARNED_PAGES = 'gov-warned-pages.json'


def setup(app: Sphinx) -> None:
    """Give the application its bookkeeping, connected to the events it follows."""
    build = IncrementalBuild(app)
    app.connect('builder-inited', build.builder_inited)
    app.connect('env-get-outdated', build.env_get_outdated)
    app.connect('env-before-read-docs', build.env_before_read_docs)
    app.connect('env-updated', build.env_updated)
    app.connect('write-started', build.write_started)
    app.connect('build-finished', build.build_finished)
    app.connect('build-finished', build.save_warned_pages)
