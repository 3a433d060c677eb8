"""The live preview (``make serve``) shows on every page that its last build failed, and
where (``_ext/handbook_preview.py``); the next build without a warning takes it away.

sphinx-autobuild itself is a long-running server: these tests build a small project
the way it does, with ``HANDBOOK_PREVIEW`` set as ``make serve`` sets it, and read the
pages it would serve.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from common import build

REPOSITORY = Path(__file__).parent.parent
sys.path.insert(0, str(REPOSITORY / '_ext'))
from handbook_preview import END, START, Problem, banner, mark_pages  # noqa: E402

CONF = f"""\
import sys
sys.path.insert(0, {str(REPOSITORY / '_ext')!r})
extensions = ['myst_parser', 'handbook_preview']
"""
INDEX = '# Index\n\n```{toctree}\nother\n```\n'
#: a page with two mistakes, one of which puts markup into its warning
BROKEN = '# Other\n\nA {doc}`nowhere` link.\n\n```{note<script>alert(1)</script>}\ntext\n```\n'
FIXED = '# Other\n\nA {doc}`index` link.\n'


def project(srcdir: Path, other: str) -> Path:
    srcdir.mkdir(parents=True, exist_ok=True)
    (srcdir / 'conf.py').write_text(CONF, encoding='utf-8')
    (srcdir / 'index.md').write_text(INDEX, encoding='utf-8')
    (srcdir / 'other.md').write_text(other, encoding='utf-8')
    return srcdir


def status_banner(page: Path) -> Tag | None:
    soup = BeautifulSoup(page.read_text(encoding='utf-8'), 'html.parser')
    found = soup.find(class_='handbook-preview-status')
    assert found is None or isinstance(found, Tag)
    return found


def test_a_failed_build_shows_its_warnings_on_every_page_until_a_build_passes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('HANDBOOK_PREVIEW', '1')
    srcdir = project(tmp_path / 'src', BROKEN)
    app = build(srcdir, tmp_path / '_build')
    outdir = Path(app.outdir)
    for page in ('index', 'other', 'genindex'):
        shown = status_banner(outdir / f'{page}.html')
        assert shown is not None, f'{page}.html does not say the build failed'
        assert shown.get('role') == 'alert'
        assert 'プレビューのビルドに失敗しました（警告 2 件）' in shown.get_text()
    items = [' '.join(item.get_text().split())
             for item in status_banner(outdir / 'index.html').find_all('li')]  # type: ignore[union-attr]
    assert len(items) == 2
    # each with its file and line, as the terminal shows it
    assert any(item.endswith("other.md:3 unknown document: 'nowhere' [ref.doc]")
               for item in items), items
    assert any('other.md:5' in item and "'note<script>alert(1)</script>'" in item
               for item in items), items
    # the warning's text is text: no element comes of it
    page = (outdir / 'other.html').read_text(encoding='utf-8')
    assert '<script>alert(1)' not in page
    assert '&lt;script&gt;alert(1)&lt;/script&gt;' in page
    # inside the body, once
    assert page.count(START) == 1 and page.index('<body') < page.index(START)

    (srcdir / 'other.md').write_text(FIXED, encoding='utf-8')
    build(srcdir, tmp_path / '_build')
    for page_path in sorted(outdir.glob('*.html')):
        assert START not in page_path.read_text(encoding='utf-8'), page_path.name


def test_without_the_preview_a_failed_build_writes_its_pages_as_they_are(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv('HANDBOOK_PREVIEW', raising=False)
    app = build(project(tmp_path / 'src', BROKEN), tmp_path / '_build')
    assert 'unknown document' in app.warning.getvalue()
    for page in sorted(Path(app.outdir).glob('*.html')):
        assert START not in page.read_text(encoding='utf-8'), page.name


# -- the banner and the pages, without a build ------------------------------------------


def test_the_banner_escapes_every_text_it_shows() -> None:
    shown = banner([Problem('handbook/<b>.md:3', 'a </li><script>alert(1)</script> b')],
                   RuntimeError('stopped at <iframe>'))
    assert '<script>' not in shown and '<iframe>' not in shown and '<b>' not in shown
    assert '&lt;script&gt;alert(1)&lt;/script&gt;' in shown
    assert 'handbook/&lt;b&gt;.md:3' in shown
    assert 'RuntimeError: stopped at &lt;iframe&gt;' in shown
    # a comment in a warning cannot close the banner's bounds early
    assert banner([Problem('a.md:1', f'{END} -->')], None).count('-->') == 2


def test_a_long_list_names_the_rest_by_their_count() -> None:
    problems = [Problem(f'a.md:{line}', 'x') for line in range(1, 41)]
    shown = banner(problems, None)
    assert shown.count('<li>') == 30
    assert 'ほか 10 件' in shown and '警告 40 件' in shown


def test_pages_are_marked_once_and_cleared_but_not_the_theme_files(tmp_path: Path) -> None:
    page = '<!DOCTYPE html>\n<html><body class="x">\n<p>text</p>\n</body></html>\n'
    for name in ('index.html', 'about/page.html', '_static/template.html'):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(page, encoding='utf-8')
    first = banner([Problem('a.md:1', 'first')], None)
    assert mark_pages(tmp_path, first) == 2
    assert mark_pages(tmp_path, banner([Problem('a.md:2', 'second')], None)) == 2
    marked = (tmp_path / 'about' / 'page.html').read_text(encoding='utf-8')
    assert marked.count(START) == 1 and 'second' in marked and 'first' not in marked
    assert (tmp_path / '_static' / 'template.html').read_text(encoding='utf-8') == page
    assert mark_pages(tmp_path, None) == 2
    assert (tmp_path / 'about' / 'page.html').read_text(encoding='utf-8') == page
    assert mark_pages(tmp_path, None) == 0
