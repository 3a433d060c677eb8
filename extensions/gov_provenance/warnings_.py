"""Every warning the domain reports: its subtypes, and the one function that reports them.

A warning has the type ``gov``, a subtype from :class:`GovWarning` (so that
``suppress_warnings`` can silence one kind) and a location, always written as
``path:line`` (:class:`Location`). Its text is made printable: a value quoted in a
message cannot break the log line, forge another one (a CI annotation, say) or hide
itself behind a bidi override.

The extension reference (``handbook/about/extension.md``) lists every subtype in its
tables of warnings; ``tests/test_warnings.py`` compares them with this enum.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.utils import get_source_line
from sphinx.util import logging

if TYPE_CHECKING:
    from .model import Written

logger = logging.getLogger(__name__)

#: the type of every warning of the domain
WARNING_TYPE = 'gov'


class GovWarning(Enum):
    """The subtypes of the domain's warnings (``gov.<value>``)."""

    # -- a directive -------------------------------------------------------------------
    MISSING_ID = 'missing-id'
    """A directive, or a row of a CSV file, gives no id."""
    INVALID_ID = 'invalid-id'
    """An id has a character other than letters, digits, ``.``, ``_`` and ``-``."""
    MISSING_OPTION = 'missing-option'
    """A required option is missing."""
    INVALID_OPTION = 'invalid-option'
    """An option's value is not of its kind: not a whole number, not one id, not a choice."""
    UNKNOWN_STATUS = 'unknown-status'
    """A ``:status:`` is not one of the object type's statuses; its default is used."""
    INVALID_DATE = 'invalid-date'
    """A date is not ``YYYY-MM-DD``, or a period's start comes after its end."""
    CONTROL_CHARACTER = 'control-character'
    """A value holds a line break, a control or bidi control character, or a lone surrogate."""

    # -- the whole handbook, after reading ----------------------------------------------
    UNKNOWN_REF = 'unknown-ref'
    """An option or a role names an id that no object of the expected type has."""
    DUPLICATE_ID = 'duplicate-id'
    """Two objects have the same id."""
    SIMILAR_ID = 'similar-id'
    """Two ids differ only in case or in ``.``, ``_`` and ``-``: their anchors collide."""
    NO_EVIDENCE = 'no-evidence'
    """A principle has no evidence, and no ``:gap:`` says why."""
    UNUSED_EVIDENCE = 'unused-evidence'
    """An opinion, finding or source shapes no principle, and no ``:gap:`` says why."""
    INFERRED_WITHOUT_LINKS = 'inferred-without-links'
    """``:inferred:`` says how links were inferred, but there is no ``:shapes:``."""
    STALE_GAP = 'stale-gap'
    """``:gap:`` says why links are missing, but they are there now."""

    # -- a CSV file of gov:import-csv or gov:findings-csv ---------------------------------
    CSV_FILE = 'csv-file'
    """The file as a whole cannot be imported: not found, refused, not CSV, columns missing,
    or (for gov:import-csv) a column that is no field of the type."""
    CSV_COLUMNS = 'csv-columns'
    """A row has more or fewer cells than the header has columns."""
    CSV_ENCODING = 'csv-encoding'
    """A cell the directive reads has bytes that its ``:encoding:`` cannot decode."""
    CSV_CELL = 'csv-cell'
    """A cell the directive reads is longer than a cell may be."""
    CSV_QUOTE = 'csv-quote'
    """A quote opens a cell and is never closed."""
    EMPTY_TEXT = 'empty-text'
    """A row's text cell is empty."""

    # -- a release of gov:release -------------------------------------------------------
    INVALID_RELEASE = 'invalid-release'
    """A release's version is not ``MAJOR.MINOR.PATCH``, or its ``:date:`` is missing or
    not ``YYYY-MM-DD``."""


@dataclass(frozen=True)
class Location:
    """Where a warning points: a file (a page's source, or a data file) and a line."""

    path: str | Path
    line: int

    @classmethod
    def written(cls, srcdir: Path, where: Written, option: str | None = None) -> Location:
        """Where an object, or one of its options, was written: a line of a page or of
        a data file."""
        return cls(srcdir / where.file, where.line_of(option))

    @classmethod
    def of_node(cls, node: nodes.Node) -> Location:
        """The source and line of a doctree node, as Sphinx records them."""
        source, line = get_source_line(node)
        return cls(source or '<unknown>', line or 0)

    def __str__(self) -> str:
        return f'{self.path}:{self.line}' if self.line else f'{self.path}:'


def warn(kind: GovWarning, message: str, location: Location) -> None:
    """Report a problem at ``location``."""
    logger.warning(printable(message), location=printable(str(location)),
                   type=WARNING_TYPE, subtype=kind.value)


def info(message: str, *args: object) -> None:
    """Log progress; values in ``args`` are made printable like a warning's."""
    logger.info(message, *(printable(arg) if isinstance(arg, str) else arg for arg in args))


#: what :func:`printable` escapes: controls, format characters, line and paragraph
#: separators and lone surrogates, all of them invisible or line-breaking in a log
_UNPRINTABLE_CATEGORIES = frozenset({'Cc', 'Cf', 'Zl', 'Zp', 'Cs'})


def printable(text: str) -> str:
    """``text`` with every invisible or line-breaking character written as an escape
    (``\\u202e``), so that a value cannot forge or hide a line of the build log."""
    if text.isprintable():
        return text
    return ''.join(
        char if unicodedata.category(char) not in _UNPRINTABLE_CATEGORIES
        else char.encode('unicode_escape', 'backslashreplace').decode('ascii')
        for char in text
    )
