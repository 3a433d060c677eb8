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

import json
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.util.logging import NAMESPACE, get_node_location, is_suppressed_warning

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


# -- pages that warned -------------------------------------------------------------

#: where the pages that warned are kept from one build to the next, in the doctrees
WARNED_PAGES = 'gov-warned-pages.json'


class WarningRecorder(logging.Handler):
    """Notes the page of every warning a build reports (``suppress_warnings`` aside).

    Sphinx reads a page only when its source changed, so a warning reported while
    reading, checking or writing a page is not reported again by the next build, and
    a strict build that failed passes when run again with nothing fixed. The next
    build reads these pages again (:func:`on_env_get_outdated`), so that their
    warnings come back until they are fixed. A warning located in a data file (a
    CSV file a directive imports) names the pages that depend on that file.
    """

    def __init__(self, app: Sphinx) -> None:
        super().__init__(logging.WARNING)
        self.app = app
        self.pages: set[str] = set()
        #: files that are no page (an imported CSV file): their readers are looked up
        #: when the build ends, once every page has noted what it reads
        self.files: set[Path] = set()

    def start(self) -> None:
        """Forget the last build's pages."""
        self.pages.clear()
        self.files.clear()

    def warned_pages(self) -> set[str]:
        """The pages that warned, and those that read a file that warned."""
        env = self.app.env
        if not self.files or env is None:
            return set(self.pages)
        readers = _readers(env)
        return self.pages.union(*(readers.get(_resolved(path), ()) for path in self.files))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            suppressed = self.app.config.suppress_warnings
            if is_suppressed_warning(getattr(record, 'type', '') or '',
                                     getattr(record, 'subtype', '') or '', suppressed):
                return
            self.note(getattr(record, 'location', None))
        except Exception:  # as every logging handler: report, never raise
            self.handleError(record)

    def note(self, location: object) -> None:
        """Note the page (or file) a warning's location names, in any form Sphinx takes."""
        env = self.app.env
        if env is None or not location:
            return
        if isinstance(location, tuple):
            if location[0]:
                self.pages.add(location[0])
            return
        if isinstance(location, nodes.Node):
            location = get_node_location(location)
        if not isinstance(location, str):
            return
        if location in env.found_docs:  # a docname, as Sphinx takes it too
            self.pages.add(location)
            return
        path, _, line = location.rpartition(':')
        if not path or not (line.isdecimal() or not line):
            path = location
        if docname := env.path2doc(path):
            self.pages.add(docname)
        else:
            self.files.add(Path(path))


def _readers(env: BuildEnvironment) -> dict[Path, set[str]]:
    """Each file a page depends on, and the pages that depend on it."""
    readers: dict[Path, set[str]] = {}
    for docname, dependencies in env.dependencies.items():
        for dependency in dependencies:
            readers.setdefault(_resolved(env.srcdir / dependency), set()).add(docname)
    return readers


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return path


def on_builder_inited(app: Sphinx) -> None:
    """Start noting the pages that warn (see :class:`WarningRecorder`)."""
    # first among the handlers, so that it sees a warning also when Sphinx's own
    # handler turns it into an exception (--exception-on-warning)
    logging.getLogger(NAMESPACE).handlers.insert(0, WarningRecorder(app))


def _recorder() -> WarningRecorder | None:
    for handler in logging.getLogger(NAMESPACE).handlers:
        if isinstance(handler, WarningRecorder):
            return handler
    return None


def on_env_get_outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Read again every page that warned in the last build."""
    if recorder := _recorder():
        recorder.start()
    try:
        warned = json.loads((Path(app.doctreedir) / WARNED_PAGES).read_text(encoding='utf-8'))
    except (OSError, ValueError):
        return []
    if not isinstance(warned, list):
        return []
    return sorted(page for page in warned if isinstance(page, str) and page in env.found_docs)


def save_warned_pages(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: keep the pages that warned for the next build."""
    recorder = _recorder()
    pages = recorder.warned_pages() if recorder is not None else set()
    path = Path(app.doctreedir) / WARNED_PAGES
    if not pages:
        path.unlink(missing_ok=True)
        return
    path.write_text(json.dumps(sorted(pages)), encoding='utf-8')
