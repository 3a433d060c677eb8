"""Every warning the domain reports: its subtypes, and the one function that reports them.

A warning has the type ``gov``, a subtype from :class:`GovWarning` (so that
``suppress_warnings`` can silence one kind) and a location, always written as
``path:line`` (:class:`Location`). Its text is made printable: a value quoted in a
message cannot break the log line, forge another one (a CI annotation, say) or hide
itself behind a bidi override.

Each subtype's docstring says when it is reported and, after a blank line, what to do:
the extension reference draws its table of warnings from them (``gov-warnings``, in
:mod:`.reference`), each in English and, from the extension's catalogue, in Japanese.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.utils import get_source_line
from sphinx.util import logging

from .messages import __

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .model import Written

logger = logging.getLogger(__name__)

#: the type of every warning of the domain
WARNING_TYPE = 'gov'


class GovWarning(Enum):
    """The subtypes of the domain's warnings (``gov.<value>``)."""

    # -- a directive -------------------------------------------------------------------
    MISSING_ID = 'missing-id'
    """A directive, or a row of a CSV file, gives no id.

    Write an id after the directive's name, or in the row's id column.
    """
    INVALID_ID = 'invalid-id'
    """An id has a character other than letters, digits, ``.``, ``_`` and ``-``.

    Keep to letters, digits, ``.``, ``_`` and ``-``, starting with a letter or a digit; no
    spaces.
    """
    MISSING_OPTION = 'missing-option'
    """A required option is missing.

    Write the option under the directive line; the message says what it holds.
    """
    INVALID_OPTION = 'invalid-option'
    """An option's value is not of its kind: not a whole number, not one id, not a choice.

    Write a value of the option's type, as the directive's table gives it; a number is ASCII
    digits ``0`` to ``9`` only, up to 999,999,999.
    """
    UNKNOWN_STATUS = 'unknown-status'
    """A ``:status:`` is not one of the object type's statuses; its default is used.

    Write one of the statuses the directive's table lists.
    """
    INVALID_DATE = 'invalid-date'
    """A date is not ``YYYY-MM-DD``, or a period's start comes after its end.

    Write a date as ``2022-01-24``, and a period as ``2022-01-07/2022-01-17``.
    """
    CONTROL_CHARACTER = 'control-character'
    """A value holds a line break, a control or bidi control character, or a lone surrogate.

    Remove the character: a value is one line of plain text. Meanwhile a line break is read
    as a space, and the others are left out.
    """

    NESTED_OBJECT = 'nested-object'
    """An object, or a CSV file's import, is written inside the text of another object:
    most often the ``:::`` that closes the object before it is missing, so that the next
    ``:::`` closes that one instead.

    Close the outer object with a line of ``:::`` where its text ends; an object of its
    own is written after the other, never inside its text.
    """
    UNCLOSED_DIRECTIVE = 'unclosed-directive'
    """A directive of the domain is never closed: its text runs to the end of the file
    and takes in all that follows it.

    Write a line of colons (as many as open it, ``:::``) where its text ends.
    """

    # -- the whole handbook, after reading ----------------------------------------------
    UNKNOWN_REF = 'unknown-ref'
    """An option or a role names an id that no object of the expected type has, or an object
    names itself.

    Correct the id, or define the object it names; the message suggests a close id, or the
    role for an object of another type.
    """
    DUPLICATE_ID = 'duplicate-id'
    """Two objects have the same id.

    Rename one of them: an id is unique across the handbook.
    """
    SIMILAR_ID = 'similar-id'
    """Two ids differ only in case or in ``.``, ``_`` and ``-``, or an object's anchor is
    one that a view of another object gives (a principle ``p01-from-m01`` beside P01's
    opinions at M01): their anchors collide.

    Rename one of them; the warning points at the later definition, or at the object
    whose anchor a view gives.
    """
    NO_EVIDENCE = 'no-evidence'
    """A principle has no evidence, and no ``:gap:`` says why.

    Link its evidence (an opinion's or a finding's ``:shapes:``, a revision's
    ``:because:``), or record why it has none with ``:gap:``.
    """
    UNUSED_EVIDENCE = 'unused-evidence'
    """An opinion, finding or source shapes no principle, and no ``:gap:`` says why.

    Give it ``:shapes:``, cite it in a revision's ``:because:``, or record why it is linked
    to no principle with ``:gap:``.
    """
    INFERRED_WITHOUT_LINKS = 'inferred-without-links'
    """``:inferred:`` says how links were inferred, but there is no ``:shapes:``.

    Name the principles inferred in ``:shapes:``; to link none, remove ``:inferred:`` and
    say why in ``:gap:``.
    """
    STALE_GAP = 'stale-gap'
    """``:gap:`` says why links are missing, but they are there now.

    Remove ``:gap:`` if the links are right; if the gap still holds, remove the links.
    """

    # -- conf.py -----------------------------------------------------------------------
    INVALID_SETTING = 'invalid-setting'
    """A setting of the extension in ``conf.py`` is out of its range: ``gov_heading_level``
    not 1 to 6, ``gov_csv_max_bytes``, ``gov_view_sample_size`` or
    ``gov_view_list_page_size`` under 1, ``gov_view_sample_threshold`` under 0,
    ``gov_source_commit`` not a commit's id; its default is used meanwhile.

    Set a value within the range; the warning points at the setting's line of ``conf.py``.
    """

    # -- a page, as it is written -------------------------------------------------------
    ANCHOR_TAKEN = 'anchor-taken'
    """An id that a view gives its heading, group, table or picture (``gov-principle-table-1``)
    is one an element of the page has already: a label, a heading, an object's anchor; the
    view's id is numbered (``-2``), so that ids stay unique.

    Rename the label or the id that takes it; the warning points at the view's directive.
    """
    UNSAFE_LINK = 'unsafe-link'
    """A link leads to a ``javascript:``, ``vbscript:`` or ``data:`` address (a ``.bib``
    entry's ``url`` or ``\\url``, a Markdown link), which runs a script rather than opening
    a page; it is shown as text.

    Give the address of a web page.
    """

    # -- a CSV file of gov:import-csv or gov:findings-csv ---------------------------------
    CSV_FILE = 'csv-file'
    """The file as a whole cannot be imported: not found, refused, not CSV, columns missing,
    or (for gov:import-csv) a column that is no field of the type.

    Correct the path or the column names, keep the file inside the source directory, or give
    its ``:encoding:``; the message says which.
    """
    CSV_COLUMNS = 'csv-columns'
    """A row has more or fewer cells than the header has columns.

    Put a cell that holds the delimiter or a line break in quotes (``"``).
    """
    CSV_ENCODING = 'csv-encoding'
    """A cell the directive reads has bytes that its ``:encoding:`` cannot decode.

    Save the file again in that encoding, or give the file's own encoding in ``:encoding:``.
    """
    CSV_CELL = 'csv-cell'
    """A cell the directive reads is longer than a cell may be.

    Shorten the cell, or split its text over several rows.
    """
    CSV_QUOTE = 'csv-quote'
    """A quote opens a cell and is never closed.

    Close the quote, or remove it; a ``"`` inside a quoted cell is written twice, ``""``.
    """
    EMPTY_TEXT = 'empty-text'
    """A row's text cell is empty.

    Write the row's text, or remove the row.
    """

    # -- a release of gov:release -------------------------------------------------------
    INVALID_RELEASE = 'invalid-release'
    """A release's version is not ``MAJOR.MINOR.PATCH``, or its ``:date:`` is missing or not
    ``YYYY-MM-DD``.

    Write the version as ``MAJOR.MINOR.PATCH``, and in ``:date:`` the day it was published.
    """


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


#: how many warnings of one kind one file gets in full: the others are counted, and
#: their number is reported in one more warning (:func:`report_held_back`)
WARNINGS_PER_FILE = 20


@dataclass
class _HeldBack:
    """The warnings of one kind in one file beyond :data:`WARNINGS_PER_FILE`."""

    count: int
    first: Location


class _WarningLimit:
    """How many warnings of each kind each file has had in this build, so that a file
    of a hundred thousand bad rows gives a log of a bounded length."""

    def __init__(self) -> None:
        self.shown: Counter[tuple[str, GovWarning]] = Counter()
        self.held_back: dict[tuple[str, GovWarning], _HeldBack] = {}

    def admits(self, kind: GovWarning, location: Location) -> bool:
        key = (str(location.path), kind)
        if self.shown[key] < WARNINGS_PER_FILE:
            self.shown[key] += 1
            return True
        self.held_back.setdefault(key, _HeldBack(0, location)).count += 1
        return False


_limit = _WarningLimit()


def warn(kind: GovWarning, message: str, location: Location) -> None:
    """Report a problem at ``location``: in full for the first
    :data:`WARNINGS_PER_FILE` of its kind in its file, counted after them.

    ``message`` is in the project's language: marked with :func:`.messages.__` where it
    is made, its values filled in by name.
    """
    if _limit.admits(kind, location):
        _log_warning(kind, message, location)


def report_held_back(*event_args: object) -> None:
    """Report how many warnings of each kind each file had beyond the ones shown, in one
    warning each, where the first of them was: after each page is read (in the process
    that read it), after the checks and after each page is resolved."""
    for (_, kind), held in sorted(_limit.held_back.items(), key=lambda item: str(item[0])):
        _log_warning(kind, __(
            '%(count)s more warnings of this kind in this file are left out of the log (the '
            'first %(shown)d are shown): fix those, and build again to see the rest'
        ) % {'count': f'{held.count:,}', 'shown': WARNINGS_PER_FILE}, held.first)
    _limit.held_back.clear()


def start_counting(*event_args: object) -> None:
    """Forget the warnings counted so far (a new build starts reading)."""
    _limit.shown.clear()
    _limit.held_back.clear()


#: the attribute of a warning's log record that holds its location as written, before
#: :func:`log_text` escaped it for the log (see :class:`.compat.WarningRecorder`)
RAW_LOCATION = 'gov_location'


def _log_warning(kind: GovWarning, message: str, location: Location) -> None:
    logger.warning(log_text(message), location=log_text(str(location)),
                   type=WARNING_TYPE, subtype=kind.value,
                   extra={RAW_LOCATION: str(location)})


def info(message: str, *args: object) -> None:
    """Log progress: ``message % args`` (``message`` marked with :func:`.messages.__`),
    made one line of the log by :func:`log_text`."""
    logger.info(log_text(message % args if args else message))


def log_text(text: str) -> str:
    """``text`` as it may stand in the build log: printable (:func:`printable`), and not
    starting with ``::``, which a CI runner reads as a command (an annotation) when a
    line starts with it."""
    text = printable(text)
    if text.lstrip().startswith('::'):
        start = len(text) - len(text.lstrip())
        return f'{text[:start]}\\x3a{text[start + 1:]}'
    return text


#: what :func:`printable` escapes: controls, format characters, line and paragraph
#: separators, lone surrogates, private-use and unassigned code points, all of them
#: invisible, line-breaking or of no meaning in a log
UNPRINTABLE_CATEGORIES = frozenset({'Cc', 'Cf', 'Zl', 'Zp', 'Cs', 'Co', 'Cn'})


def printable(text: str) -> str:
    """``text`` with every invisible or line-breaking character written as an escape
    (``\\u202e``), so that a value cannot forge or hide a line of the build log."""
    if text.isprintable():
        return text
    return ''.join(
        char if unicodedata.category(char) not in UNPRINTABLE_CATEGORIES
        else char.encode('unicode_escape', 'backslashreplace').decode('ascii')
        for char in text
    )


def setup(app: Sphinx) -> None:
    """Count each build's warnings, and report those held back at the end of each step."""
    app.connect('env-before-read-docs', start_counting)
    for event in ('doctree-read', 'doctree-resolved', 'build-finished'):
        app.connect(event, report_held_back)
