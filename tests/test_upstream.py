"""Hostile input that MyST-Parser and sphinxcontrib-bibtex do not catch: a located
warning, never a traceback or a live script link; and the handbook's bibliography
as published carries no such link."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from common import build, gov_warnings, line_of, write_project
from gov_provenance.upstream import beyond_unicode, is_unsafe, without_escapes_beyond_unicode


@pytest.mark.parametrize(('text', 'found'), [
    (':label: "\\U00110000"', [(1, '\\U00110000')]),
    ('x\nlabel: "a \\UFFFFFFFF b"', [(2, '\\UFFFFFFFF')]),
    (':label: "\\U0010FFFF"', []),  # the last character there is
    (':label: "\\\\U00110000"', []),  # an escaped backslash, then text
    ('A paragraph on "\\U00110000"', []),  # not an option
    ('label: "a line,\n  and \\U00110000 on the next"', [(2, '\\U00110000')]),
    ('label: "never closed \\U00110000', [(1, '\\U00110000')]),
    ('label: "closed" and then \\U00110000', []),  # after the value
    (':label: \\U00110000', []),  # not quoted: no escape
])
def test_escapes_beyond_unicode_are_found_in_option_lines(
    text: str, found: list[tuple[int, str]]
) -> None:
    assert beyond_unicode(text) == found
    assert beyond_unicode(without_escapes_beyond_unicode(text)) == []


@pytest.mark.parametrize('syntax', ['---\nlabel: "\\U00110000"\n---', ':label: "\\U00110000"'])
def test_an_escape_beyond_unicode_is_a_located_warning(tmp_path: Path, syntax: str) -> None:
    srcdir = write_project(tmp_path / 'src', (
        f'# Escape\n\n:::{{gov:principle}} P1\n:number: 1\n{syntax}\n:gap: none\n:::\n'
        if syntax.startswith(':') else
        f'# Escape\n\n:::{{gov:principle}} P1\n{syntax}\n:::\n'
    ))
    app = build(srcdir, tmp_path / '_build')
    index = srcdir / 'index.md'
    warnings = gov_warnings(app)
    assert (f'{index}:{line_of(index, "U00110000")}', 'invalid-option') in [
        (location, subtype) for location, subtype, _ in warnings]
    assert app.statuscode == 0


@pytest.mark.parametrize('uri', ['javascript:alert(1)', ' JavaScript:x', '\tjavascript:x',
                                 'vbscript:x', 'data:text/html,x'])
def test_script_addresses_are_unsafe(uri: str) -> None:
    assert is_unsafe(uri)


@pytest.mark.parametrize('uri', ['https://example.org/javascript:x', 'mailto:a@b.c', '#x'])
def test_page_addresses_are_safe(uri: str) -> None:
    assert not is_unsafe(uri)


BIB = r"""@misc{hostile,
  title = {A hostile entry},
  author = {Someone},
  year = {2022},
  url = {javascript:alert(1)},
  note = {See \url{JavaScript:alert(2)}}
}
"""


def test_a_bibliography_carries_no_script_link(tmp_path: Path) -> None:
    srcdir = write_project(
        tmp_path / 'src', '# Sources\n\nCited {cite}`hostile`.\n\n```{bibliography}\n```\n',
        "extensions.append('sphinxcontrib.bibtex')\nbibtex_bibfiles = ['refs.bib']\n")
    (srcdir / 'refs.bib').write_text(BIB, encoding='utf-8')
    app = build(srcdir, tmp_path / '_build')
    assert [subtype for _, subtype, _ in gov_warnings(app)] == ['unsafe-link', 'unsafe-link']
    html = (app.outdir / 'index.html').read_text(encoding='utf-8')
    assert 'alert(1)' in html  # shown, as text
    assert not script_links(html)


def script_links(html: str) -> list[str]:
    soup = BeautifulSoup(html, 'html.parser')
    return [str(a['href']) for a in soup.find_all(href=True) if is_unsafe(str(a['href']))]


def test_the_published_bibliography_carries_no_script_link(handbook_html: Path) -> None:
    pages = sorted(handbook_html.rglob('*.html'))
    assert any('bibliography' in page.read_text(encoding='utf-8') for page in pages)
    for page in pages:
        assert script_links(page.read_text(encoding='utf-8')) == [], page

