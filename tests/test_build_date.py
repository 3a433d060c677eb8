"""The build's date stays out of the configuration: a new date writes again the pages
that show it, and reads none again.

A small project is built twice with the handbook's own ``conf.py``, on two
``SOURCE_DATE_EPOCH`` days, as two commits of different days would build it. Were the
date in the configuration (``myst_substitutions``), Sphinx would read every page again
(``[config changed ('myst_substitutions')]``).
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

# sphinx-sitemap 2.9 reads the environment's .app, which Sphinx 9 deprecates; not ours
pytestmark = pytest.mark.filterwarnings(
    "ignore:'sphinx.environment.BuildEnvironment.app' is deprecated")

REPOSITORY = Path(__file__).parent.parent
FIRST_DAY = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
SECOND_DAY = datetime(2027, 3, 2, 12, 0, tzinfo=UTC)

PAGES = {
    'index.md': '# Index\n\n```{toctree}\ndata\nplain\n```\n',
    'data.md': '# Data\n\nここにあるのは（{{ build_date }}）のデータです。\n',
    'plain.md': '# Plain\n\n日付のないページです。\n',
}


@dataclass
class Build:
    status: str
    read: set[str] = field(default_factory=set)
    written: set[str] = field(default_factory=set)


def build(srcdir: Path, day: datetime, monkeypatch: pytest.MonkeyPatch) -> Build:
    """Build ``srcdir`` with the handbook's configuration, incrementally, on ``day``."""
    monkeypatch.setenv('SOURCE_DATE_EPOCH', str(int(day.timestamp())))
    status = StringIO()
    result = Build('')
    # as sphinx-build does: the nodes, directives and roles it registers go with it
    with docutils_namespace():
        app = Sphinx(srcdir, REPOSITORY, srcdir / '_build' / 'html',
                     srcdir / '_build' / 'doctrees', 'html', status=status, warning=StringIO(),
                     freshenv=False)
        app.connect('env-before-read-docs',
                    lambda _app, _env, docnames: result.read.update(docnames))
        app.connect('html-page-context',
                    lambda _app, pagename, *_: result.written.add(pagename))
        app.build()
    result.status = status.getvalue()
    return result


def shown(srcdir: Path, page: str, selector: str) -> str:
    html = (srcdir / '_build' / 'html' / f'{page}.html').read_text(encoding='utf-8')
    element = BeautifulSoup(html, 'html.parser').select_one(selector)
    assert element is not None, f'{page}.html has no {selector}'
    return ' '.join(element.get_text().split())


def project(tmp_path: Path) -> Path:
    srcdir = tmp_path / 'src'
    srcdir.mkdir()
    for name, text in PAGES.items():
        (srcdir / name).write_text(text, encoding='utf-8')
    return srcdir


def commit(srcdir: Path) -> None:
    stamp = datetime(2027, 1, 10, tzinfo=UTC).isoformat()
    environment = {**os.environ, 'GIT_AUTHOR_DATE': stamp, 'GIT_COMMITTER_DATE': stamp,
                   'GIT_AUTHOR_NAME': 'Editor', 'GIT_AUTHOR_EMAIL': 'editor@example.org',
                   'GIT_COMMITTER_NAME': 'Editor', 'GIT_COMMITTER_EMAIL': 'editor@example.org'}
    for command in (['git', 'init', '--quiet'], ['git', 'add', '--all'],
                    ['git', 'commit', '--quiet', '-m', 'Pages']):
        subprocess.run(command, cwd=srcdir, env=environment, check=True, capture_output=True)


def test_a_new_day_reads_no_page_again_and_writes_the_pages_showing_the_date(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    srcdir = project(tmp_path)
    commit(srcdir)
    first = build(srcdir, FIRST_DAY, monkeypatch)
    assert first.read == {'index', 'data', 'plain'}
    assert 'のデータです' in shown(srcdir, 'data', 'article')
    assert '（2027年3月1日）' in shown(srcdir, 'data', 'article')

    second = build(srcdir, SECOND_DAY, monkeypatch)
    assert '[config changed' not in second.status
    assert second.read == set()
    assert '（2027年3月2日）' in shown(srcdir, 'data', 'article')
    # the page that shows the date, and its toctree parent; not the page without it,
    # whose last-updated date is its commit's
    assert second.written & {'index', 'data', 'plain'} == {'data', 'index'}
    assert shown(srcdir, 'plain', '.last-updated').endswith('2027年1月10日')


def test_without_history_a_new_day_dates_every_page_anew(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    srcdir = project(tmp_path)
    build(srcdir, FIRST_DAY, monkeypatch)
    assert shown(srcdir, 'plain', '.last-updated').endswith('2027年3月1日')

    second = build(srcdir, SECOND_DAY, monkeypatch)
    assert second.read == set()
    for page in ('index', 'data', 'plain'):
        assert shown(srcdir, page, '.last-updated').endswith('2027年3月2日'), page


def test_the_same_day_writes_nothing_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    srcdir = project(tmp_path)
    build(srcdir, FIRST_DAY, monkeypatch)
    again = build(srcdir, FIRST_DAY, monkeypatch)
    assert again.read == set()
    assert again.written & {'index', 'data', 'plain'} == set()
