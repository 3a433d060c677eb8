"""Helpers shared by the tests: reading built pages and finding lines in sources."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from bs4 import BeautifulSoup, Tag
from sphinx.testing.util import SphinxTestApp

#: ``path:line: WARNING: message [gov.subtype]``, one warning of the domain
GOV_WARNING = re.compile(
    r'^(?P<location>\S+?:\d+): WARNING: (?P<message>.*) \[gov\.(?P<subtype>[\w-]+)\]$'
)


#: the ``conf.py`` of a project a test writes: the extension, in MyST Markdown
MINIMAL_CONF = (
    "extensions = ['myst_parser', 'gov_provenance']\n"
    "myst_enable_extensions = ['colon_fence']\n"
)


def write_project(srcdir: Path, index: str, conf: str = '') -> Path:
    """A new project in ``srcdir``: :data:`MINIMAL_CONF` and ``conf``, and ``index``
    as its root page."""
    srcdir.mkdir(parents=True, exist_ok=True)
    (srcdir / 'conf.py').write_text(MINIMAL_CONF + conf, encoding='utf-8')
    (srcdir / 'index.md').write_text(index, encoding='utf-8')
    return srcdir


def build(srcdir: Path, builddir: Path, buildername: str = 'html', **kwargs: Any) -> SphinxTestApp:
    """Build ``srcdir`` once into ``builddir`` and release the application.

    ``kwargs`` go to :class:`SphinxTestApp` (``confoverrides``, ``parallel``, ...).
    """
    app = SphinxTestApp(buildername, srcdir=srcdir, builddir=builddir, **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


class BuiltRoot(Protocol):
    """The ``built_root`` fixture of ``conftest.py``: a root built once per session."""

    def __call__(self, root: str, buildername: str = 'html', **confoverrides: Any) -> SphinxTestApp:
        ...


def page(app: SphinxTestApp, name: str) -> BeautifulSoup:
    """A built HTML page, parsed."""
    return BeautifulSoup((app.outdir / f'{name}.html').read_text(encoding='utf-8'), 'html.parser')


def body(app: SphinxTestApp, name: str) -> Tag:
    """The main content of a built page, without the theme's navigation."""
    found = page(app, name).find('div', role='main')
    assert isinstance(found, Tag), f'{name}.html has no main content'
    return found


def text(element: Tag) -> str:
    """The visible text of an element, with whitespace collapsed."""
    return ' '.join(element.get_text(' ').split())


def by_id(soup: Tag, element_id: str) -> Tag:
    found = soup.find(id=element_id)
    assert isinstance(found, Tag), f'no element with id {element_id!r}'
    return found


def links(element: Tag, page_name: str) -> list[tuple[str, str]]:
    """``(uri, text)`` of every link in an element on page ``page_name``, in document order.

    A link within the page (``#anchor``) is given as ``page_name.html#anchor``, the
    way a link from another page writes it.
    """
    return [(absolute(str(a.get('href', '')), page_name), text(a)) for a in element.find_all('a')]


def absolute(href: str, page_name: str) -> str:
    return f'{page_name}.html{href}' if href.startswith('#') else href


def line_of(path: Path, needle: str) -> int:
    """The 1-based number of the first line of ``path`` that contains ``needle``."""
    for number, line in enumerate(path.read_text(encoding='utf-8').splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f'{needle!r} is not in {path}')


def gov_warnings(app: SphinxTestApp) -> list[tuple[str, str, str]]:
    """``(location, subtype, message)`` of every ``gov`` warning of a build."""
    found = []
    for line in strip_colors(app.warning.getvalue()).splitlines():
        if match := GOV_WARNING.match(line):
            found.append((match['location'], match['subtype'], match['message']))
    return found


def strip_colors(text: str) -> str:
    """Drop terminal escape sequences: colours, and the line erasing Sphinx adds when
    it thinks it writes to a terminal (as it does wherever ``CI`` is set)."""
    return re.sub(r'\x1b\[[0-9;]*[A-Za-z]', '', text)


def object_element(app: SphinxTestApp, name: str, objtype: str, object_id: str) -> Tag:
    """The element an object's directive rendered on page ``name``, found by its shown id."""
    for element in body(app, name).find_all('div', class_=f'gov-{objtype}'):
        shown = element.find('a', class_='gov-id')
        if shown is not None and text(shown) == object_id:
            return element
    raise AssertionError(f'{name}.html shows no {objtype} {object_id!r}')


def object_uri(app: SphinxTestApp, name: str, objtype: str, object_id: str) -> str:
    """``page.html#anchor`` of an object, as links from another page write it."""
    element = object_element(app, name, objtype, object_id)
    assert element.get('id'), f'{objtype} {object_id!r} has no anchor'
    return f'{name}.html#{element["id"]}'


def defined_objects(srcdir: Path) -> dict[str, tuple[str, str]]:
    """Every object a root defines, read from its sources: id -> (page, object type)."""
    directive = re.compile(r'^:::\{gov:([\w-]+)\} (\S+)\s*$')
    found = {}
    for path in sorted(srcdir.rglob('*.md')):
        for line in path.read_text(encoding='utf-8').splitlines():
            if match := directive.match(line):
                found[match[2]] = (path.relative_to(srcdir).with_suffix('').as_posix(), match[1])
    return found


#: a gov directive's first line, with any fence length: (object type, id)
GOV_DIRECTIVE = re.compile(r'^:{3,}\{gov:([\w-]+)\} (\S+)\s*$')
#: an option line of a directive: (name, value)
DIRECTIVE_OPTION = re.compile(r'^:([\w-]+):\s*(.*)$')


def directive_options(srcdir: Path) -> Iterator[tuple[str, str, str]]:
    """``(id, option, value)`` for every option of every gov directive in a root's pages."""
    for path in sorted(srcdir.rglob('*.md')):
        current = None
        for line in path.read_text(encoding='utf-8').splitlines():
            if match := GOV_DIRECTIVE.match(line):
                current = match[2]
            elif current and (option := DIRECTIVE_OPTION.match(line)):
                yield current, option[1], option[2].strip()
            else:
                current = None
