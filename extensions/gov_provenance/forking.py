"""Keep Sphinx's writer processes from copying the whole environment (``-j``).

Sphinx forks a process for each batch of pages it writes in parallel. A forked
process shares the parent's memory until it writes to a page of it, and CPython's
garbage collector writes to every object it traverses: each writer's first full
collection walked, and so copied, the environment the main process had built, a
cost that grows with the handbook. Objects alive when writing starts are moved to
the permanent generation (:func:`gc.freeze`, as the CPython documentation advises
before forking) and handed back to the collector when the build ends. Serial
builds are left alone: there, freezing would only keep the doctrees Sphinx caches
for writing from being collected.

:func:`gc.unfreeze` hands back every frozen object, not only those one call froze.
A process that hosts the build may have frozen its own objects (a server that
forks workers, say): then the build freezes nothing, so that it never thaws
what it did not freeze.
"""

from __future__ import annotations

import gc

from sphinx.application import Sphinx
from sphinx.builders import Builder


class WriterFreeze:
    """Freezes the objects alive when pages are written in parallel, and thaws them
    when the build ends: only when it froze them itself."""

    def __init__(self) -> None:
        self.froze = False

    def write_started(self, app: Sphinx, builder: Builder) -> None:
        # parallel_ok: set by Sphinx for -j > 1 when every extension allows it
        if builder.parallel_ok and gc.get_freeze_count() == 0:
            gc.freeze()
            self.froze = True

    def build_finished(self, app: Sphinx, exception: Exception | None) -> None:
        if self.froze:
            gc.unfreeze()
            self.froze = False


def setup(app: Sphinx) -> None:
    freeze = WriterFreeze()
    app.connect('write-started', freeze.write_started)
    app.connect('build-finished', freeze.build_finished)
