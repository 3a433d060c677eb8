"""Text from untrusted values, and the values read from it: ids, numbers and dates,
text made safe to show and to quote in a message, and the order ids sort in.

Pure functions of strings: nothing here knows the vocabulary or Sphinx.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

#: an id, matched against the whole value (``fullmatch``); ASCII only
ID_PATTERN = re.compile(r'[A-Za-z0-9][A-Za-z0-9_.\-]*')
ID_SEPARATOR = re.compile(r'[\s,、]+')
#: the largest whole number an option takes (a number, a count of participants)
MAX_NUMBER = 999_999_999
#: ASCII digits only: ``\d`` and ``str.isdigit`` also accept ``²``, ``①`` and ``٣``
_DIGITS = re.compile(r'[0-9]+')
_DATE = re.compile(r'[0-9]{4}-[0-9]{2}-[0-9]{2}')


@functools.lru_cache(maxsize=1 << 16)
def natural_key(text: str) -> tuple[tuple[int, int, str], ...]:
    """Sort ``P2`` before ``P10``.

    A run of digits sorts by its value, compared as text of a given length so that
    an id of thousands of digits costs no conversion to ``int``.
    """
    key = []
    for part in re.split(r'([0-9]+)', text):
        if _DIGITS.fullmatch(part):
            value = part.lstrip('0')
            key.append((0, len(value), value + ' ' + part))
        elif part:
            key.append((1, 0, part))
    return tuple(key)


def id_key(object_id: str) -> str:
    """What is left of an id where case and ``.``, ``_``, ``-`` do not count, as in
    an HTML anchor made from it (``M.1``, ``m_1`` and ``M-1`` are one)."""
    return re.sub(r'[._\-]+', '-', object_id.lower()).rstrip('-')


def with_article(noun: str) -> str:
    """``a principle``, ``an opinion``."""
    return f'{"an" if noun[:1] in "aeiou" else "a"} {noun}'


def split_ids(raw: str) -> tuple[str, ...]:
    """Split an option listing ids, separated by commas or whitespace."""
    return tuple(part for part in ID_SEPARATOR.split(raw.strip()) if part)


def parse_number(raw: str, minimum: int = 0, maximum: int = MAX_NUMBER) -> int:
    """Parse a whole number written in ASCII digits, from ``minimum`` to ``maximum``;
    raise ``ValueError`` on anything else."""
    text = raw.strip()
    # the length is checked before the conversion: int() of thousands of digits raises
    if not _DIGITS.fullmatch(text) or len(text.lstrip('0')) > len(str(maximum)):
        raise ValueError(raw)
    value = int(text)
    if not minimum <= value <= maximum:
        raise ValueError(raw)
    return value


def parse_date(raw: str) -> dt.date:
    """Parse ``YYYY-MM-DD``; raise ``ValueError`` on anything else."""
    if not _DATE.fullmatch(raw.strip()):
        raise ValueError(raw)
    return dt.date.fromisoformat(raw.strip())


def parse_period(raw: str) -> tuple[dt.date, dt.date]:
    """Parse a date or an ISO 8601 interval ``start/end``."""
    start, _, end = raw.strip().partition('/')
    first = parse_date(start)
    last = parse_date(end) if end else first
    if last < first:
        raise ValueError(raw)
    return first, last


def shorten(text: str, width: int = 120) -> str:
    """``text`` as one line of at most ``width`` characters, whitespace collapsed
    (and control characters dropped, as :func:`clean_text` does)."""
    collapsed = ' '.join(clean_text(text).text.split())
    if len(collapsed) <= width:
        return collapsed
    return collapsed[: width - 1].rstrip() + '…'


# -- text from untrusted values -----------------------------------------------------

#: what ends a line for :meth:`str.splitlines` (and so for Sphinx's inventory reader)
LINE_BREAKS = frozenset('\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029')
#: every character :func:`clean_text` changes: C0 and C1 controls, line breaks, the
#: bidirectional embeddings, overrides and isolates, which reorder the text after them
#: (the marks U+200E, U+200F and U+061C do not, and are kept), and lone surrogates
#: (a YAML escape such as "\\ud800" in a MyST option block), which no page can encode
_UNSAFE = re.compile(
    '[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]'
)


@dataclass(frozen=True)
class CleanText:
    """A value made safe to show: ``removed`` lists the characters that were replaced
    or dropped, each once, in the order they first appear."""

    text: str
    removed: tuple[str, ...] = ()


def clean_text(raw: str, *, multiline: bool = False) -> CleanText:
    """The text of an untrusted value, as one line (or as lines, for ``multiline``).

    A tab becomes a space. A line break becomes a space, or in ``multiline`` text a
    ``\\n`` (``\\r\\n`` and ``\\r`` silently, as a spreadsheet writes them). Every
    other control character and every bidirectional control is dropped. Whatever
    was changed, except tabs and the line ends of ``multiline`` text, is listed in
    :attr:`CleanText.removed`, so that the author can be told.
    """
    if not _UNSAFE.search(raw):
        return CleanText(raw)
    if multiline:
        raw = raw.replace('\r\n', '\n').replace('\r', '\n')
    removed: dict[str, None] = {}
    chars = []
    for char in raw:
        if char == '\t':
            chars.append(' ')
        elif multiline and char == '\n':
            chars.append(char)
        elif char in LINE_BREAKS:
            chars.append('\n' if multiline else ' ')
            removed[char] = None
        elif _UNSAFE.match(char):
            removed[char] = None
        else:
            chars.append(char)
    return CleanText(''.join(chars), tuple(removed))


def describe_characters(chars: Iterable[str]) -> str:
    """``U+2028 (LINE SEPARATOR), U+0007 (a control character)`` for a message."""
    return ', '.join(f'U+{ord(char):04X} ({_character_name(char)})' for char in chars)


def _character_name(char: str) -> str:
    if name := unicodedata.name(char, ''):
        return name
    if char in LINE_BREAKS:
        return 'a line break'
    return 'a lone surrogate' if unicodedata.category(char) == 'Cs' else 'a control character'


#: how many characters of a value a message quotes
QUOTED_WIDTH = 80


def cut(value: str, width: int = QUOTED_WIDTH) -> str:
    """``value`` as a message shows it: at most ``width`` characters, the last an
    ellipsis when it was cut (a value may be a page long)."""
    return value if len(value) <= width else value[: width - 1] + '…'


def quoted(value: str, width: int = QUOTED_WIDTH) -> str:
    """A value as a message quotes it: cut to ``width`` characters (:func:`cut`), in
    quotes, with any invisible character written as an escape (a value may be hostile)."""
    return repr(cut(value, width))


def column_name(name: str) -> str:
    """A data file's column as a message quotes it (a header is untrusted, and may be
    thousands of characters long)."""
    return quoted(name, 40)


# -- summaries ----------------------------------------------------------------------


@dataclass(frozen=True)
class SummaryRef:
    """A link in a summary taken from an object's text: a reader sees the name of the
    object it names (``#1 顧客視点``), which is known only once every page is read;
    ``text`` is what the link shows when that object is found nowhere."""

    reftype: str
    target: str
    text: str


#: a summary as written: text, and links whose text is the name of what they name
SummaryParts = tuple[str | SummaryRef, ...]
#: what a citation is written before, with a space a summary leaves out
CLOSING_PUNCTUATION = '。、，．,.;:)）」』'
#: the space a removed citation leaves before closing punctuation
SPACE_BEFORE_PUNCTUATION = re.compile(rf'\s+(?=[{re.escape(CLOSING_PUNCTUATION)}])')


def summary_text(
    parts: SummaryParts, name_of: Callable[[SummaryRef], str | None] = lambda ref: None
) -> str:
    """A summary from ``parts``, each link shown by ``name_of`` it, or by its own text."""
    return shorten(SPACE_BEFORE_PUNCTUATION.sub('', joined_text(parts, name_of)))


def joined_text(
    parts: SummaryParts, name_of: Callable[[SummaryRef], str | None] = lambda ref: None
) -> str:
    """The text of ``parts`` as one line, each link shown by ``name_of`` it, or by its
    own text, whitespace collapsed and control characters dropped."""
    text = ''.join(
        part if isinstance(part, str) else (name_of(part) or part.text) for part in parts
    )
    return ' '.join(clean_text(text).text.split())
