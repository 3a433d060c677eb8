"""What to do about a warning of another tool that the handbook runs into most often,
added to the warning in the project's language.

- MyST-Parser's list of the options a directive of the domain takes, after one it does
  not (``:shape:`` on ``gov:opinion``): the option meant, ``did you mean :shapes:?``;
- Sphinx's "document isn't included in any toctree": the toctree to add the page to,
  the one of the index page of its folder (or of the folders above it);
- sphinxcontrib-bibtex's "could not find bibtex key": the key of the ``.bib`` files
  meant.

The warnings stay the other tools' own (their type, subtype and location); how they
are found and changed is :class:`.compat.WarningHints`'.
"""

from __future__ import annotations

import difflib
import posixpath
from collections.abc import Iterable

from sphinx.application import Sphinx

from .compat import WarningHints, bibtex_keys, missing_bibtex_key, unknown_option
from .messages import __
from .text import quoted


def closest(name: str, candidates: Iterable[str]) -> str | None:
    """The one of ``candidates`` ``name`` most likely misspells, if any is close."""
    found = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return found[0] if found else None


def option_hint(message: str, location: object) -> str:
    """``; did you mean :shapes:?`` for an option a directive of the domain does not take."""
    found = unknown_option(message)
    if found is None or not found[0].startswith('gov:'):
        return ''
    _, option, allowed = found
    meant = closest(option, allowed)
    return __('; did you mean :%(option)s:?') % {'option': meant} if meant else ''


class Hints:
    """The hints of one application, which read its environment."""

    def __init__(self, app: Sphinx) -> None:
        self.app = app

    def toctree_hint(self, message: str, location: object) -> str:
        """``; add 'm06' to a toctree of meetings/index.md``: the index page of the page's
        folder, or of the nearest folder above it that has one, or the root page."""
        env = self.app.env
        if env is None or not isinstance(location, str) or location not in env.found_docs:
            return ''
        folders = location.split('/')[:-1]
        for depth in range(len(folders), -1, -1):
            index = '/'.join([*folders[:depth], 'index']) if depth else env.config.root_doc
            if index != location and index in env.found_docs:
                entry = posixpath.relpath(location, posixpath.dirname(index) or '.')
                return __('; add %(entry)s to a toctree of %(index)s') % {
                    'entry': quoted(entry), 'index': env.doc2path(index, False).as_posix()}
        return ''

    def bibtex_hint(self, message: str, location: object) -> str:
        """``; did you mean 'tokyo_note_m03'?`` for a citation key no ``.bib`` file has."""
        key = missing_bibtex_key(message)
        env = self.app.env
        if key is None or env is None:
            return ''
        meant = closest(key, bibtex_keys(env))
        return __('; did you mean %(key)s?') % {'key': quoted(meant)} if meant else ''

    def install(self, app: Sphinx) -> None:
        """``builder-inited``: add the hints to the warnings of this build."""
        WarningHints({
            ('myst', 'directive_option'): option_hint,
            ('toc', 'not_included'): self.toctree_hint,
            ('bibtex', 'key_not_found'): self.bibtex_hint,
        }).install()


def setup(app: Sphinx) -> None:
    app.connect('builder-inited', Hints(app).install)
