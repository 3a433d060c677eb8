"""What the garbage collector is spared: objects that live until the build ends.

CPython's full collections walk every object the collector tracks, a cost that grows
with the handbook, to free nothing when those objects live on. Two kinds do:

- An incremental build reads the last build's environment back whole (millions of
  objects at survey scale), then makes the graph and the views from it. The collector
  is paused while the environment is read back (from ``config-inited``, just before
  Sphinx loads it, to ``builder-inited``): each full collection on the way would walk
  everything read so far. What was read is then moved to the permanent generation
  (:func:`gc.freeze`), and so are the graph and views once they are made.
- Sphinx forks a process for each batch of pages it writes in parallel (``-j``). A
  forked process shares the parent's memory until it writes to a page of it, and the
  collector writes to every object it traverses: each writer's first full collection
  walked, and so copied, the environment the main process had built. Objects alive
  when writing starts are frozen, as the CPython documentation advises before forking.

While the export's parts are read back and written, the collector is paused
(:func:`collector_paused`): they are many, and none is garbage.

A fresh serial build is left alone: there, freezing would only keep the doctrees Sphinx
caches for writing from being collected. Everything frozen is handed back to the
collector when the build ends. :func:`gc.unfreeze` hands back every frozen object, not
only those one call froze: a process that hosts the build may have frozen its own
objects (a server that forks workers, say), and then the build freezes nothing, so
that it never thaws what it did not freeze.

When the process exits, everything still alive is frozen (:func:`spare_exit`, run by
:mod:`atexit`): the interpreter's last collection would otherwise walk and free the
environment, which Sphinx's logging keeps alive after the build, only for the
operating system to take the memory back a moment later. Objects still alive then
are not promised their ``__del__`` at exit anyway (see :meth:`object.__del__`).
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import gc
from collections.abc import Iterator

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.config import Config
from sphinx.environment import BuildEnvironment


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the garbage collector while hundreds of thousands of objects are made and
    none becomes garbage (the export's parts read back and written): each of them
    would otherwise bring the collector nearer to walking everything again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def spare_exit() -> None:
    """Keep the interpreter's last collection from walking what is about to be freed
    with the whole process."""
    gc.freeze()


class SetAside:
    """Freezes what lives until the build ends, and thaws it when the build ends: only
    when it froze it itself."""

    def __init__(self) -> None:
        self.froze = False
        #: whether the collector was running when the environment began to be read back
        self.paused = False

    def config_inited(self, app: Sphinx, config: Config) -> None:
        # Sphinx reads the environment back next, before the builder is made
        self.paused = gc.isenabled()
        gc.disable()

    def builder_inited(self, app: Sphinx) -> None:
        if app.env is not None and app.env.all_docs:  # read back from the last build
            self.freeze()
        if self.paused:
            gc.enable()
            self.paused = False

    def freeze(self) -> None:
        if self.froze or gc.get_freeze_count() == 0:
            gc.freeze()
            self.froze = True

    def env_updated(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        if self.froze:  # the graph and views made from it, which last as long
            gc.freeze()
        return []

    def write_started(self, app: Sphinx, builder: Builder) -> None:
        # parallel_ok: set by Sphinx for -j > 1 when every extension allows it
        if builder.parallel_ok:
            self.freeze()

    def build_finished(self, app: Sphinx, exception: Exception | None) -> None:
        if self.froze:
            gc.unfreeze()
            self.froze = False


def setup(app: Sphinx) -> None:
    aside = SetAside()
    # last among the extensions' config-inited listeners, first among builder-inited's
    app.connect('config-inited', aside.config_inited, priority=900)
    app.connect('builder-inited', aside.builder_inited, priority=100)
    # after the pages' digests (incremental.py), which make the graph and the views
    app.connect('env-updated', aside.env_updated, priority=900)
    app.connect('write-started', aside.write_started)
    app.connect('build-finished', aside.build_finished)
    _spare_exit_once()


@functools.cache
def _spare_exit_once() -> None:
    atexit.register(spare_exit)
