"""Every builder Sphinx ships builds a project with the domain, views and pictures.

The root ``builders`` has a principle table and a matrix over every object type, a
page outside every toctree, and ``latex_documents`` and ``texinfo_documents`` of one
chapter whose principle is shaped by an opinion on another page: the partial PDF a
partner makes. A link to an object outside the document being written leads to its
web page when ``html_baseurl`` gives one, and is text otherwise.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from common import build, gov_warnings, strip_colors
from sphinx.testing.util import SphinxTestApp

#: every builder of Sphinx and of the packages it installs (sphinxcontrib-*)
BUILDERS = ('html', 'dirhtml', 'singlehtml', 'json', 'pickle', 'epub', 'latex', 'texinfo',
            'text', 'man', 'xml', 'gettext')
BASEURL = 'https://example.invalid/handbook/'


def warnings_of(app: SphinxTestApp) -> list[str]:
    return strip_colors(app.warning.getvalue()).splitlines()


@pytest.mark.slow
@pytest.mark.parametrize('buildername', BUILDERS)
def test_every_builder_builds_without_a_warning(
    buildername: str, rootdir: Path, tmp_path: Path
) -> None:
    srcdir = tmp_path / 'src'
    shutil.copytree(rootdir / 'test-builders', srcdir)
    app = build(srcdir, tmp_path / '_build', buildername)
    assert app.statuscode == 0
    assert warnings_of(app) == []
    assert any(app.outdir.iterdir())


@pytest.mark.sphinx('json', testroot='builders')
def test_a_json_build_writes_the_indices_names_as_text(shared_app: SphinxTestApp) -> None:
    assert warnings_of(shared_app) == []
    context = json.loads((shared_app.outdir / 'globalcontext.json').read_text('utf-8'))
    names = {link[0]: link[1] for link in context['rellinks']}
    page = json.loads((shared_app.outdir / 'gov-principles.fjson').read_text('utf-8'))
    assert names['gov-principles'] == page['indextitle'] != ''


@pytest.mark.sphinx('latex', testroot='builders')
def test_a_chapter_alone_shows_links_to_other_pages_as_text(shared_app: SphinxTestApp) -> None:
    assert gov_warnings(shared_app) == []
    chapter = (shared_app.outdir / 'chapter.tex').read_text('utf-8')
    # the opinion and its meeting are on a page the chapter does not hold
    assert 'Forms are hard' in chapter and 'First meeting' in chapter
    assert 'meetings:' not in chapter
    # the whole handbook links to them
    handbook = (shared_app.outdir / 'handbook.tex').read_text('utf-8')
    assert r'\hyperref[\detokenize{meetings:gov-opinion-M01-O1}]' in handbook


@pytest.mark.sphinx('latex', testroot='builders', confoverrides={'html_baseurl': BASEURL})
def test_a_chapter_alone_links_to_the_web_pages_of_other_pages(
    shared_app: SphinxTestApp
) -> None:
    chapter = (shared_app.outdir / 'chapter.tex').read_text('utf-8')
    assert rf'\sphinxhref{{{BASEURL}meetings.html\#gov-opinion-M01-O1}}' in chapter


@pytest.mark.sphinx('texinfo', testroot='builders')
def test_the_whole_handbook_shows_a_page_outside_its_tree_as_text(
    shared_app: SphinxTestApp
) -> None:
    handbook = (shared_app.outdir / 'handbook.texi').read_text('utf-8')
    # the principle table lists the principle of the page outside every toctree
    assert 'Far away' in handbook
    assert 'orphan' not in handbook
