"""A parallel build (``-j 2``) writes the same output as a serial one (``-j 1``)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from common import build, strip_colors
from sphinx.testing.util import SphinxTestApp
from sphinx.util.parallel import parallel_available

# builds that fork worker processes, each beside a serial build to compare with
pytestmark = pytest.mark.slow


def output_files(outdir: Path) -> dict[str, bytes]:
    return {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in sorted(outdir.rglob('*'))
        if path.is_file()
    }


def ran_in_chunks(app: SphinxTestApp, phase: str) -> bool:
    """Whether Sphinx reported ``phase`` for chunks of documents (``a .. c``), as it
    does when it hands them to worker processes."""
    return any(
        line.startswith(phase) and ' .. ' in line
        for line in strip_colors(app.status.getvalue()).splitlines()
    )


@pytest.mark.skipif(not parallel_available, reason='this platform cannot build in parallel')
@pytest.mark.parametrize('root', ['views', 'survey'])
def test_parallel_build_writes_identical_output(rootdir: Path, tmp_path: Path, root: str) -> None:
    # each root has more than five pages, so Sphinx really reads and writes them in
    # worker processes; the survey root's views show samples, and its whole lists are
    # pages of their own (written in the main process)
    srcdir = rootdir / f'test-{root}'
    serial = build(srcdir, tmp_path / 'j1', parallel=1)
    parallel = build(srcdir, tmp_path / 'j2', parallel=2)
    assert serial.statuscode == parallel.statuscode == 0
    assert ran_in_chunks(parallel, 'reading sources')
    assert ran_in_chunks(parallel, 'writing output')
    assert not ran_in_chunks(serial, 'reading sources')
    one, two = output_files(serial.outdir), output_files(parallel.outdir)
    # every file is compared, the search index and objects.inv included: nothing in
    # them depends on the order in which worker processes finished
    assert sum(name.endswith('.html') for name in one) > 5
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []


@pytest.mark.skipif(not parallel_available, reason='this platform cannot build in parallel')
def test_a_parallel_build_returns_frozen_objects_to_the_collector(
    rootdir: Path, tmp_path: Path
) -> None:
    """Objects frozen for the writer processes are handed back when the build ends."""
    before = gc.get_freeze_count()
    app = build(rootdir / 'test-views', tmp_path / 'j2', parallel=2)
    assert app.statuscode == 0
    assert gc.get_freeze_count() == before


@pytest.mark.skipif(not parallel_available, reason='this platform cannot build in parallel')
def test_writing_in_parallel_freezes_the_environment(rootdir: Path, tmp_path: Path) -> None:
    counts: list[int] = []
    app = SphinxTestApp('html', srcdir=rootdir / 'test-views', builddir=tmp_path / 'j2',
                        parallel=2)
    app.connect('html-page-context', lambda *_: counts.append(gc.get_freeze_count()))
    try:
        app.build()
    finally:
        app.cleanup()
    assert counts and min(counts) > 0


@pytest.mark.skipif(not parallel_available, reason='this platform cannot build in parallel')
def test_a_parallel_build_leaves_what_its_host_froze_frozen(
    rootdir: Path, tmp_path: Path
) -> None:
    """``gc.unfreeze()`` thaws every frozen object: a build must not thaw its host's."""
    gc.freeze()  # as a host that forks workers would, before it builds
    try:
        assert gc.get_freeze_count() > 0
        app = build(rootdir / 'test-views', tmp_path / 'j2', parallel=2)
        assert app.statuscode == 0
        # an object frozen by the host may have been freed since (by its reference
        # count), but the host's objects as a whole are still frozen
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
