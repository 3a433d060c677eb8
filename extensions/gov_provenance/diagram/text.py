"""Text measured and set without a browser: widths, and Japanese line breaking.

Every function here takes time in proportion to the text it reads, and no more: a
label of a hundred thousand characters is read once, and wrapping stops reading as
soon as it knows the text will not fit in the lines it may take (the link's
``<title>`` gives it in full).
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterator

#: characters a line may not start with (closing brackets, small kana, punctuation)
NO_LINE_START = frozenset(
    '、。，．,.:;：；!?！？)]}）］｝〕〉》」』】’”ー…‥・'
    'ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々'
)
#: characters a line may not end with (opening brackets)
NO_LINE_END = frozenset('([{（［｛〔〈《「『【‘“')
ELLIPSIS = '…'
#: how much wider than its room a line may be measured, as sums of widths are rounded
ROUNDING = 1e-9


@functools.lru_cache(maxsize=4096)
def char_width(char: str) -> float:
    """A character's width in ems, close enough to set labels without a browser:
    full width for CJK characters, a little more than a Latin letter's average else."""
    if unicodedata.combining(char):
        return 0.0
    return 1.0 if unicodedata.east_asian_width(char) in {'W', 'F', 'A'} else 0.62


def text_width(text: str, size: float) -> float:
    return sum(char_width(char) for char in text) * size


def wrap(text: str, width: float, size: float, max_lines: int) -> list[str]:
    """``text`` in lines no wider than ``width``, broken between CJK characters or at
    spaces, never before closing punctuation; what does not fit in ``max_lines`` is
    cut, with an ellipsis."""
    lines: list[str] = []
    for line in _lines(' '.join(text.split()), width / size):
        if len(lines) == max_lines:
            return [*lines[:-1], _with_ellipsis(lines[-1], width / size)]
        lines.append(line)
    return lines


def _lines(text: str, ems: float) -> Iterator[str]:
    """The lines of ``text``, each at most ``ems`` wide, as they are needed."""
    line: list[str] = []
    used = 0.0  # the line's width, with the space it may end with
    for unit in _units(text):
        word = unit.rstrip(' ')
        unit_width, trimmed = text_width(unit, 1), text_width(word, 1)
        if line and used + trimmed > ems + ROUNDING:
            yield ''.join(line).rstrip()
            line, used = [], 0.0
        if line or trimmed <= ems + ROUNDING:
            line.append(unit)
            used += unit_width
            continue
        # a unit wider than a line: cut it where the width runs out, as far as read
        pieces = _cut(word, ems)
        line_end = next(pieces)
        for piece in pieces:
            yield line_end
            line_end = piece
        line_end += unit[len(word):]  # the space after the word, which takes no room
        line, used = [line_end], text_width(line_end, 1)
    if ''.join(line).strip():
        yield ''.join(line).rstrip()


def _units(text: str) -> Iterator[str]:
    """Pieces a line is not broken within: a word of Latin letters with the space
    after it, or a CJK character, each with the punctuation that clings to it."""
    start = 0
    for index in range(1, len(text)):
        char, last = text[index], text[index - 1]
        wide = char_width(char) == 1.0
        clings = (
            char in NO_LINE_START or last in NO_LINE_END
            or (not wide and char != ' ' and char_width(last) < 1.0 and last != ' ')
            or (char == ' ' and last != ' ')
        )
        if not clings:
            yield text[start:index]
            start = index
    if text:
        yield text[start:]


def _cut(text: str, ems: float) -> Iterator[str]:
    """``text`` in pieces at most ``ems`` wide (each of at least one character)."""
    start = 0
    used = 0.0
    for index, char in enumerate(text):
        width = char_width(char)
        if index > start and used + width > ems + ROUNDING:
            yield text[start:index]
            start, used = index, 0.0
        used += width
    yield text[start:]


def _with_ellipsis(line: str, ems: float) -> str:
    """``line`` shortened until an ellipsis after it fits in ``ems``."""
    kept = list(line)
    used = text_width(line, 1) + char_width(ELLIPSIS)
    while kept and used > ems + ROUNDING:
        used -= char_width(kept.pop())
    return ''.join(kept).rstrip() + ELLIPSIS
