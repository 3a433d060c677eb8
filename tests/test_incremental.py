"""Incremental builds rewrite exactly the pages whose generated content changed.

The ``incremental`` root has one page per principle (``p01`` .. ``p03``), two
meeting pages with their opinions, a guidelines page, a page of plain links
(``notes``), the matrix, the coverage page and a principle table (``table``). Opinion ``M1-O1`` (on
``meeting-1``) shapes P01 and P02, not P03.

Pages a build writes besides the changed content pages, ignored below:

- Sphinx's own pages (``genindex``, ``search``) and the domain indices
  (``gov-principles``, ``gov-evidence``) are written on every build;
- Sphinx rewrites the toctree parent of every page it writes (here ``index``), so
  that its navigation stays current. The extension holds that back for the pages it
  writes only for their views, which were not read again (``roots/test-incremental-parents``
  shows it, with a parent per chapter); a page read again always has its parents
  written. The parents are taken from the environment, not assumed.
"""

from __future__ import annotations

import gc
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import cast

import pytest
from common import body, object_element, text
from gov_provenance.domain import GovDomain
from sphinx.environment import BuildEnvironment
from sphinx.testing.util import SphinxTestApp


class Project:
    """A copy of the root in a temporary directory, built again after each edit."""

    def __init__(self, rootdir: Path, tmp_path: Path, root: str = 'incremental') -> None:
        self.srcdir = tmp_path / 'src'
        self.builddir = tmp_path / 'build'
        #: more listeners for each build: (event, callback)
        self.listeners: list[tuple[str, Callable[..., object]]] = []
        shutil.copytree(rootdir / f'test-{root}', self.srcdir)

    def build(self) -> tuple[SphinxTestApp, set[str]]:
        """Build, returning the app and the names of the pages it wrote."""
        app = SphinxTestApp('html', srcdir=self.srcdir, builddir=self.builddir, freshenv=False)
        written: set[str] = set()
        app.connect('html-page-context', lambda _app, pagename, *_: written.add(pagename))
        for event, listener in self.listeners:
            app.connect(event, listener)
        try:
            app.build()
        finally:
            app.cleanup()
        assert app.statuscode == 0
        assert app.warning.getvalue() == ''
        return app, written

    def edit(self, name: str, old: str, new: str, encoding: str = 'utf-8') -> None:
        path = self.srcdir / name
        source = path.read_text(encoding=encoding)
        assert old in source
        path.write_text(source.replace(old, new), encoding=encoding)
        # make the change visible to Sphinx even where timestamps are coarse
        later = max(time.time_ns(), path.stat().st_mtime_ns) + 2 * 10**9
        os.utime(path, ns=(later, later))


def gov_domain(app: SphinxTestApp) -> GovDomain:
    return cast(GovDomain, app.env.domains['gov'])


def content_pages(app: SphinxTestApp, written: set[str]) -> set[str]:
    """The written pages that come from a source file (not genindex, search, indices)."""
    return written & app.env.found_docs


def toctree_parents(app: SphinxTestApp, docnames: set[str]) -> set[str]:
    return {parent for docname in docnames for parent in app.env.files_to_rebuild.get(docname, ())}


@pytest.fixture
def project(rootdir: Path, tmp_path: Path) -> Project:
    return Project(rootdir, tmp_path)


def test_unchanged_sources_rewrite_nothing(project: Project) -> None:
    app, written = project.build()
    assert content_pages(app, written) == app.env.found_docs
    app, written = project.build()
    assert content_pages(app, written) == set()


def test_the_environment_read_back_is_set_aside_from_the_collector_while_it_builds(
    project: Project,
) -> None:
    frozen: list[int] = []

    def note(app: SphinxTestApp, builder: object) -> None:
        frozen.append(gc.get_freeze_count())

    project.listeners = [('write-started', note)]
    project.build()
    project.edit('meeting-1.md', 'Ask users', 'Ask residents')
    project.build()
    # a fresh build has nothing to set aside; an incremental one gives it back at the end
    assert frozen[0] == 0 and frozen[1] > 0
    assert gc.get_freeze_count() == 0


def test_the_environment_is_read_back_with_the_collector_paused(
    project: Project, monkeypatch: pytest.MonkeyPatch,
) -> None:
    collecting_while_read: list[bool] = []
    before_reading: list[tuple[bool, int]] = []
    setup = BuildEnvironment.setup

    def setup_noting(env: BuildEnvironment, app: object) -> None:
        # called by Sphinx right after it unpickles the environment
        collecting_while_read.append(gc.isenabled())
        setup(env, app)

    monkeypatch.setattr(BuildEnvironment, 'setup', setup_noting)
    project.listeners = [('env-get-outdated', lambda *_: before_reading.append(
        (gc.isenabled(), gc.get_freeze_count())) or [])]
    project.build()
    collecting_while_read.clear()
    project.edit('meeting-1.md', 'Ask users', 'Ask residents')
    project.build()
    assert collecting_while_read == [False]
    # running again before the sources are read, with what was read back set aside
    assert before_reading[0] == (True, 0)
    assert before_reading[1][0] and before_reading[1][1] > 0
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_editing_an_opinion_rewrites_exactly_the_pages_that_show_it(project: Project) -> None:
    project.build()
    project.edit(
        'meeting-1.md',
        ':status: pending\n\nAsk users before building anything.',
        ':status: reflected\n\nInterview users before building anything.',
    )
    app, written = project.build()
    expected = {
        'meeting-1',  # the opinion's own page (and its meeting's view)
        'p01', 'p02',  # the principles it shapes list it with its text and status
        'coverage',  # lists every item not yet reflected
    }
    # and the toctree parent of the page read again
    assert toctree_parents(app, {'meeting-1'}) == {'index'}
    assert content_pages(app, written) == expected | {'index'}
    # what was rewritten shows the change
    for page_name in ('p01', 'p02'):
        view = text(object_element(app, page_name, 'principle', page_name.upper()))
        assert 'Interview users before building anything.' in view
        assert 'Ask users' not in view
    coverage = body(app, 'coverage')
    assert 'M1-O1' not in text(coverage)  # no longer pending
    # the matrix and the principle table show counts only, and no count changed
    assert not {'matrix', 'table'} & written


def test_removing_an_opinion_removes_it_from_every_page(project: Project) -> None:
    project.build()
    opinion = (
        ':::{gov:opinion} M1-O1\n:meeting: M1\n:shapes: P01, P02\n:status: pending\n\n'
        'Ask users before building anything.\n:::\n\n'
    )
    project.edit('meeting-1.md', opinion, '')
    app, written = project.build()
    assert {'meeting-1', 'p01', 'p02', 'matrix', 'coverage'} <= content_pages(app, written)
    assert not {'p03', 'meeting-2', 'guidelines', 'notes'} & written
    assert 'table' in written  # P01 and P02 lost one piece of evidence each
    for path in sorted(app.outdir.rglob('*.html')):
        html = path.read_text(encoding='utf-8').lower()
        assert 'm1-o1' not in html, f'{path.name} still shows the removed opinion'


def test_renaming_a_principle_rewrites_the_pages_that_link_to_it(project: Project) -> None:
    project.build()
    project.edit('p03.md', ':label: Principle 3', ':label: Renamed principle')
    app, written = project.build()
    expected = {
        'p03',  # its own page
        'notes',  # links to it with the {any} role
        'guidelines',  # guideline G1 implements it
        'meeting-1',  # an opinion there shapes it
        'table', 'matrix',  # list every principle by name
    }
    assert content_pages(app, written) == expected | {'index'}  # p03's toctree parent
    for page_name in ('notes', 'guidelines', 'meeting-1', 'table'):
        assert '#3 Renamed principle' in text(body(app, page_name))


def test_the_parents_of_pages_written_only_for_their_views_are_not_written(
    rootdir: Path, tmp_path: Path
) -> None:
    project = Project(rootdir, tmp_path, root='incremental-parents')
    project.build()
    project.edit('meeting-1.md', 'Ask users', 'Interview users')
    app, written = project.build()
    # the page read again and its parent; the principles that show the opinion, but
    # not their parent ``principles``, nor ``index``
    assert content_pages(app, written) == {'meeting-1', 'meetings', 'p01', 'p02'}
    assert toctree_parents(app, {'p01', 'p02'}) == {'principles'}


def test_a_new_page_title_rewrites_the_toctree_parent(project: Project) -> None:
    project.build()
    project.edit('p03.md', '# Principle 3', '# The third principle')
    app, written = project.build()
    assert 'index' in written
    assert 'The third principle' in text(body(app, 'index'))
    # the pages that show the principle itself did not change: only its page is written
    assert content_pages(app, written) == {'p03', 'index'}


def test_a_new_heading_rewrites_the_toctree_parent(project: Project) -> None:
    project.build()
    project.edit('p01.md', 'The text of principle 1.\n:::\n',
                 'The text of principle 1.\n:::\n\n## Notes\n\nA new section.\n')
    app, written = project.build()
    assert 'index' in written
    assert 'Notes' in text(body(app, 'index'))


# -- incremental builds give the pages a fresh build gives ---------------------------------

#: edits made one after another, each followed by an incremental build that must give
#: every page the main content a fresh build of the same sources gives
EDITS = [
    pytest.param('p01.md', 'The text of principle 1.\n:::\n',
                 'The text of principle 1.\n:::\n\n## Notes\n\nA section.\n\n### Detail\n\nMore.\n',
                 id='new-headings'),
    pytest.param('p01.md', '# Principle 1\n', '---\ntocdepth: 1\n---\n# Principle 1\n',
                 id='front-matter-tocdepth'),
    pytest.param('meeting-1.md', 'Ask users before building anything.',
                 'Interview users before building anything.', id='opinion-text'),
    pytest.param('p01.md', 'tocdepth: 1', 'tocdepth: 2', id='front-matter-tocdepth-again'),
    pytest.param('p02.md', '# Principle 2', '# The second principle', id='page-title'),
    pytest.param('p03.md', ':label: Principle 3', ':label: Renamed principle', id='label'),
    pytest.param('meeting-2.md', ':shapes: P01, P02', ':shapes: P03', id='shapes'),
    pytest.param('p01.md', '---\ntocdepth: 2\n---\n', '', id='front-matter-removed'),
    pytest.param('notes.md', '# Notes\n', '# Notes\n\n## A heading of plain links\n',
                 id='heading-on-a-page-of-links'),
    pytest.param('meeting-1.md', ':title: First meeting', ':title: The first meeting',
                 id='meeting-title'),
    pytest.param('meeting-1.md', ':status: pending', ':status: reflected', id='status'),
    pytest.param('meeting-2.md', ':meeting: M2', ':meeting: M1', id='opinion-moved'),
    # a revision of P03 for an opinion of the first meeting, which now shaped P03 too
    pytest.param('meeting-2.md', ':title: Second meeting\n:::\n',
                 ':title: Second meeting\n:::\n\n:::{gov:revision} R1\n:principle: P03\n'
                 ':meeting: M2\n:because: M1-O1\n:summary: Ask first\n:::\n',
                 id='revision-added'),
    pytest.param('meeting-2.md', ':because: M1-O1', ':because: M1-O2', id='revision-reason'),
    pytest.param('meeting-1.md', ':date: 2022-01-24', ':date: 2022-04-01', id='meeting-date'),
    pytest.param('meeting-2.md', ':::{gov:revision} R1', ':::{gov:revision} R2',
                 id='revision-renamed'),
    # an object no result of the last build showed: the views of the whole handbook
    # (the matrix, the coverage page, the principle table) list it all the same
    pytest.param('p03.md', 'The text of principle 3.\n:::\n',
                 'The text of principle 3.\n:::\n\n:::{gov:principle} P04\n:number: 4\n'
                 ':label: Principle 4\n:status: adopted\n:gap: Not discussed yet.\n\n'
                 'The text of principle 4.\n:::\n',
                 id='principle-added'),
    pytest.param('meeting-2.md', ':title: Second meeting\n:::\n',
                 ':title: Second meeting\n:::\n\n:::{gov:meeting} M3\n:number: 3\n'
                 ':date: 2022-06-01\n:title: Third meeting\n:::\n', id='meeting-added'),
]


def main_contents(app: SphinxTestApp) -> dict[str, str]:
    return {name: str(body(app, name)) for name in sorted(app.env.found_docs)}


def export_files(app: SphinxTestApp) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(Path(app.outdir).iterdir())
            if path.suffix in {'.json', '.csv'}}


@pytest.mark.slow  # two builds for each edit of EDITS
def test_every_edit_gives_the_pages_of_a_fresh_build(project: Project, tmp_path: Path) -> None:
    project.build()
    for number, edit in enumerate(EDITS):
        name, old, new = edit.values
        project.edit(name, old, new)
        incremental, _ = project.build()
        fresh = SphinxTestApp('html', srcdir=project.srcdir,
                              builddir=tmp_path / f'fresh-{number}', freshenv=True)
        try:
            fresh.build()
        finally:
            fresh.cleanup()
        assert main_contents(incremental) == main_contents(fresh), f'after {edit.id}'
        # what the views show, and the export, taken in part from the last build
        assert gov_domain(incremental).digests == gov_domain(fresh).digests, edit.id
        assert export_files(incremental) == export_files(fresh), f'after {edit.id}'
