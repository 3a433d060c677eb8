"""Every link of the built site resolves, offline: an internal link names a file of the
site and, with a fragment, an element of that file; an external URL is well-formed."""

from __future__ import annotations

import functools
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

#: attributes that hold a URL, by element
URL_ATTRIBUTES = {
    'a': 'href', 'area': 'href', 'link': 'href', 'img': 'src', 'script': 'src',
    'iframe': 'src', 'source': 'src', 'video': 'src', 'audio': 'src', 'form': 'action',
}
EXTERNAL_SCHEMES = {'http', 'https', 'mailto'}


@functools.cache
def parsed(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding='utf-8'), 'html.parser')


@functools.cache
def anchors(path: Path) -> frozenset[str]:
    soup = parsed(path)
    ids = {str(element['id']) for element in soup.find_all(id=True)}
    names = {str(element['name']) for element in soup.find_all('a', attrs={'name': True})}
    return frozenset(ids | names)


def urls(page: Path) -> list[tuple[str, str]]:
    """``(element, url)`` of every URL written in a page."""
    found = []
    for tag, attribute in URL_ATTRIBUTES.items():
        for element in parsed(page).find_all(tag, attrs={attribute: True}):
            found.append((f'<{tag} {attribute}>', str(element[attribute]).strip()))
    return found


def problem(site: Path, page: Path, url: str) -> str | None:
    """What is wrong with one URL of ``page``, or ``None``."""
    parts = urlsplit(url)
    if parts.scheme:
        if parts.scheme not in EXTERNAL_SCHEMES:
            return f'scheme {parts.scheme!r} is not one of {sorted(EXTERNAL_SCHEMES)}'
        if parts.scheme == 'mailto':
            return None if '@' in parts.path else 'mailto: without an address'
        if not parts.netloc or ' ' in url:
            return 'not a well-formed URL (no host, or a space)'
        return None
    if url.startswith('//'):
        return 'protocol-relative URL: write the scheme'
    if parts.path:
        target = (page.parent / unquote(parts.path)).resolve()
        if target.is_dir():
            target = target / 'index.html'
        if not target.is_relative_to(site):
            return f'points outside the site, to {target}'
        if not target.is_file():
            return f'{PurePosixPath(target.relative_to(site))} does not exist'
    else:
        target = page
    fragment = unquote(parts.fragment)
    if fragment and target.suffix == '.html' and fragment not in anchors(target):
        return f'{target.relative_to(site).as_posix()} has no element with id {fragment!r}'
    return None


def test_links_resolve(site: Path, page: str) -> None:
    path = site / page
    broken = [
        f'- {element} {url!r}: {reason}'
        for element, url in urls(path)
        if (reason := problem(site, path, url)) is not None
    ]
    assert not broken, f'{page}: {len(broken)} broken link(s)\n' + '\n'.join(broken)


def test_the_check_sees_the_links(site: Path) -> None:
    """The front page links to every chapter, so a parser that found nothing would show."""
    internal = [url for _, url in urls(site / 'index.html') if not urlsplit(url).scheme]
    assert len(internal) > 10


def test_the_check_finds_broken_links(tmp_path: Path) -> None:
    (tmp_path / 'sub').mkdir()
    (tmp_path / 'sub' / 'page.html').write_text('<p id="here">x</p>', encoding='utf-8')
    (tmp_path / 'index.html').write_text('<p id="%E6%97%A5">x</p>', encoding='utf-8')
    page = tmp_path / 'sub' / 'page.html'
    fine = ['#here', '../index.html', '../index.html#%25E6%2597%25A5', '..',
            'https://example.org/a?b#c', 'mailto:someone@example.org']
    assert [url for url in fine if problem(tmp_path, page, url)] == []
    broken = ['#gone', 'missing.html', '../index.html#here', '../../outside.html',
              'javascript:alert(1)', 'https:///no-host', 'http://exa mple.org', '//example.org/x',
              'mailto:']
    assert [url for url in broken if problem(tmp_path, page, url) is None] == []
