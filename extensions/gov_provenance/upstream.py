"""Hostile input that the parsers and extensions the handbook runs with do not catch.

- MyST-Parser (5.x) reads the escape ``\\U00110000`` (a code point past U+10FFFF, the
  last one) in a directive's options and stops the whole build with a ``ValueError`` and
  a traceback. Each page, and each file a page includes, is read first here: such an
  escape in an option line becomes ``\\uFFFD`` (the replacement character) with a
  located warning.
- sphinxcontrib-bibtex turns ``\\url{javascript:…}`` (or a ``url`` field) of a ``.bib``
  entry into a live link, and a Markdown link may lead there too. When a page is
  resolved, a link to a ``javascript:``, ``vbscript:`` or ``data:`` address becomes its
  text, with a located warning.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx

from .text import quoted
from .warnings_ import GovWarning, Location, warn

#: the double-quoted value of an option (``:name: "…"``, or ``name: "…"`` in a YAML
#: block), to its closing quote over line ends, or to the end of the text when no quote
#: closes it (MyST-Parser reads its escapes before it finds out)
_QUOTED_OPTION = re.compile(r'^[ \t]*:?[A-Za-z][\w-]*:[ \t]+"((?:[^"\\]|\\.)*)',
                            re.MULTILINE | re.DOTALL)
#: an escape ``\\UXXXXXXXX`` after an even number of backslashes (so, not ``\\\\U…``)
_LONG_ESCAPE = re.compile(r'(?<!\\)((?:\\\\)*)\\U([0-9A-Fa-f]{8})')
LAST_CODE_POINT = 0x10FFFF


def _escapes_beyond_unicode(text: str) -> list[re.Match[str]]:
    """Each escape of a quoted option value in ``text`` that names no character."""
    return [escape for value in _QUOTED_OPTION.finditer(text)
            for escape in _LONG_ESCAPE.finditer(text, value.start(1), value.end(1))
            if int(escape[2], 16) > LAST_CODE_POINT]


def beyond_unicode(text: str) -> list[tuple[int, str]]:
    """Each escape of ``text`` that names no character: its line (from 1) and itself."""
    found, line, counted = [], 1, 0
    for escape in _escapes_beyond_unicode(text):  # in the order of the text
        line += text.count('\n', counted, escape.start())
        counted = escape.start()
        found.append((line, f'\\U{escape[2]}'))
    return found


def without_escapes_beyond_unicode(text: str) -> str:
    """``text`` with each escape that names no character written ``\\uFFFD``."""
    parts, last = [], 0
    for escape in _escapes_beyond_unicode(text):
        parts += [text[last:escape.start()], f'{escape[1]}\\uFFFD']
        last = escape.end()
    return ''.join([*parts, text[last:]])


def check_source(path: str, content: list[str]) -> None:
    """Report and replace the escapes of a source that name no character."""
    found = beyond_unicode(content[0])
    for line, escape in found:
        warn(GovWarning.INVALID_OPTION, (
            f'the escape {escape} names no character (the last is \\U0010FFFF), and '
            'MyST-Parser would stop the build on it: write the character itself; it is '
            'read as U+FFFD meanwhile'
        ), Location(path, line))
    if found:
        content[0] = without_escapes_beyond_unicode(content[0])


def _on_source_read(app: Sphinx, docname: str, content: list[str]) -> None:
    check_source(str(app.env.doc2path(docname)), content)


def _on_include_read(app: Sphinx, relative_path: object, parent_docname: str,
                     content: list[str]) -> None:
    check_source(str(app.srcdir / str(relative_path)), content)


#: what a link's address starts with where a browser would run it, not show a page
UNSAFE_SCHEMES = ('javascript:', 'vbscript:', 'data:')
#: what a browser skips before it reads a URL's scheme: spaces and controls
_SKIPPED_IN_URL = re.compile(r'[\x00-\x20]+')


def is_unsafe(uri: str) -> bool:
    return _SKIPPED_IN_URL.sub('', uri).lower().startswith(UNSAFE_SCHEMES)


def unlink_unsafe(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: a link that would run a script is shown as its text."""
    for reference in list(doctree.findall(nodes.reference)):
        uri = reference.get('refuri', '')
        if not is_unsafe(uri):
            continue
        warn(GovWarning.UNSAFE_LINK, (
            f'a link leads to {quoted(uri, 40)}, an address that runs a script rather '
            'than opening a page (a .bib entry\'s url or \\url, or a Markdown link): it '
            'is shown as text; give the address of a web page'
        ), Location.of_node(reference))
        reference.replace_self(nodes.inline('', '', *reference.children))


def setup(app: Sphinx) -> None:
    app.connect('source-read', _on_source_read)
    app.connect('include-read', _on_include_read)
    app.connect('doctree-resolved', unlink_unsafe)
