"""The language of the extension's messages: its warnings and progress lines follow the
project's ``language`` through the extension's catalogue, as its labels do (:mod:`.locale`).

A message is written in English and marked with :func:`__`, as Sphinx marks the
messages of its log, where it is made: that is when it is reported, once the extension
has registered its catalogue for the project's language (in ``setup()``). Made outside
a build (a check of records alone), it stays English. The values a message quotes go in
by name (``%(id)s``), so that a translation orders them as its language does; they are
never translated, nor is the code the log adds (``[gov.unknown-ref]``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sphinx.locale import get_translation

#: the extension's catalogue: ``locales/<language>/LC_MESSAGES/gov_provenance.mo``
MESSAGE_CATALOG = 'gov_provenance'
LOCALE_DIR = Path(__file__).parent / 'locales'

_translation = get_translation(MESSAGE_CATALOG)


def __(message: str) -> str:
    """``message`` in the project's language, now (English when no catalogue is loaded)."""
    return str(_translation(message))


def either(names: Sequence[str]) -> str:
    """``gov:opinion or gov:finding``, in the project's language."""
    return __(' or ').join(names)


def every(names: Sequence[str]) -> str:
    """``id, text, shapes``: a list of names, in the project's language."""
    return __(', ').join(names)
