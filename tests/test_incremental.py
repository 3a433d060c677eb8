"""Incremental builds rewrite exactly the pages whose generated content changed.

The ``incremental`` root has one page per principle (``p01`` .. ``p03``), two
meeting pages with their opinions, a guidelines page, a page of plain links
(``notes``), the matrix, the coverage page and a principle table (``table``). Opinion ``M1-O1`` (on
``meeting-1``) shapes P01 and P02, not P03.

Pages a build writes besides the changed content pages, ignored below:

- Sphinx's own pages (``genindex``, ``search``) and the domain indices
  (``gov-principles``, ``gov-evidence``) are written on every build;
- Sphinx rewrites the toctree parent of every page it writes (here ``index``), so
  that its navigation stays current; the extension holds that back when the
  page's title and headings are unchanged, as the parent would be written
  identically. The parents are taken from the environment, not assumed.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from common import body, object_element, text
from sphinx.testing.util import SphinxTestApp


class Project:
    """A copy of the root in a temporary directory, built again after each edit."""

    def __init__(self, rootdir: Path, tmp_path: Path, root: str = 'incremental') -> None:
        self.srcdir = tmp_path / 'src'
        self.builddir = tmp_path / 'build'
        shutil.copytree(rootdir / f'test-{root}', self.srcdir)

    def build(self) -> tuple[SphinxTestApp, set[str]]:
        """Build, returning the app and the names of the pages it wrote."""
        app = SphinxTestApp('html', srcdir=self.srcdir, builddir=self.builddir, freshenv=False)
        written: set[str] = set()
        app.connect('html-page-context', lambda _app, pagename, *_: written.add(pagename))
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
        'matrix', 'coverage',  # views over the whole handbook
    }
    # its toctree parent ``index`` shows titles only, and no title changed
    assert toctree_parents(app, expected) == {'index'}
    assert content_pages(app, written) == expected
    # what was rewritten shows the change
    for page_name in ('p01', 'p02'):
        view = text(object_element(app, page_name, 'principle', page_name.upper()))
        assert 'Interview users before building anything.' in view
        assert 'Ask users' not in view
    coverage = body(app, 'coverage')
    assert 'M1-O1' not in text(coverage)  # no longer pending
    # the principle table shows counts only, and no count changed
    assert 'table' not in written


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
        'table',  # lists every principle by name
        'matrix', 'coverage',  # views over the whole handbook
    }
    assert content_pages(app, written) == expected
    for page_name in ('notes', 'guidelines', 'meeting-1', 'table'):
        assert '#3 Renamed principle' in text(body(app, page_name))


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
