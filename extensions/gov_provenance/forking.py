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
"""

from __future__ import annotations

import gc

from sphinx.application import Sphinx
from sphinx.builders import Builder


def freeze_before_parallel_write(app: Sphinx, builder: Builder) -> None:
    """``write-started``: freeze what exists when pages are about to be written in parallel."""
    if builder.parallel_ok:  # set by Sphinx for -j > 1 when every extension allows it
        gc.freeze()


def unfreeze(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: give the frozen objects back to the collector."""
    if app.builder.parallel_ok:
        gc.unfreeze()
