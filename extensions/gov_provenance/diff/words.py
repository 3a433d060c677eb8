"""A word-level diff of two texts, Japanese included.

Japanese is written without spaces, so a text is cut where its kind of character
changes: a run of kanji, of hiragana, of katakana, of Latin letters and digits, of
spaces; each other character (punctuation) alone. ``行政機関がこうした行動規範を``
reads as 行政機関 / がこうした / 行動規範 / を, close enough to words that a changed
word shows as one change.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

_KANJI = '\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ'
_HIRAGANA = '\u3041-\u309f'
_KATAKANA = '\u30a0-\u30ff\u31f0-\u31ffｦ-ﾟ'  # with ー, and the half-width forms
_RUN = re.compile(
    rf'[{_KANJI}]+|[{_HIRAGANA}]+|[{_KATAKANA}]+'
    # letters and digits of every other script: Latin, full-width, Hangul...
    rf'|(?:(?![{_KANJI}{_HIRAGANA}{_KATAKANA}])[^\W_])+'
    r'|\s+'
    r'|.',
    re.DOTALL,
)
#: changes between which fewer than this many characters stay the same are joined,
#: so that a sentence rewritten reads as one change, not as a comb of small ones
JOIN_BELOW = 3
#: above this many words, a text is shown whole before and after: the diff of two
#: texts takes time quadratic in their length
MAX_WORDS = 2000


class Piece(StrEnum):
    SAME = 'same'
    REMOVED = 'removed'
    ADDED = 'added'


@dataclass(frozen=True)
class TextPiece:
    kind: Piece
    text: str


def words(text: str) -> list[str]:
    """``text`` cut into runs of one kind of character; joined, they give it back."""
    return _RUN.findall(unicodedata.normalize('NFC', text)) if text else []


def word_diff(old: str, new: str) -> tuple[TextPiece, ...]:
    """The pieces that turn ``old`` into ``new``: kept, removed and added runs."""
    before, after = words(old), words(new)
    if len(before) + len(after) > MAX_WORDS:
        return _whole(old, new)
    pieces: list[TextPiece] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        removed, added = ''.join(before[old_start:old_end]), ''.join(after[new_start:new_end])
        if tag == 'equal':
            pieces.append(TextPiece(Piece.SAME, removed))
            continue
        if removed:
            pieces.append(TextPiece(Piece.REMOVED, removed))
        if added:
            pieces.append(TextPiece(Piece.ADDED, added))
    return _joined(pieces)


def _whole(old: str, new: str) -> tuple[TextPiece, ...]:
    return tuple(TextPiece(kind, text) for kind, text in
                 ((Piece.REMOVED, old), (Piece.ADDED, new)) if text)


def _joined(pieces: list[TextPiece]) -> tuple[TextPiece, ...]:
    """The pieces with each short run kept between two changes taken into both, and
    then the removed and added text of each stretch of changes gathered."""
    stretches: list[list[TextPiece]] = [[]]
    for index, piece in enumerate(pieces):
        between = 0 < index < len(pieces) - 1
        if piece.kind is Piece.SAME and not (between and len(piece.text) < JOIN_BELOW):
            stretches.append([piece])
            stretches.append([])
        else:
            stretches[-1].append(piece)
    joined: list[TextPiece] = []
    for stretch in stretches:
        if len(stretch) == 1 and stretch[0].kind is Piece.SAME:
            joined.append(stretch[0])
        elif stretch:
            joined.extend(_whole(_side(stretch, Piece.REMOVED), _side(stretch, Piece.ADDED)))
    return tuple(joined)


def _side(stretch: list[TextPiece], kind: Piece) -> str:
    return ''.join(piece.text for piece in stretch if piece.kind in (kind, Piece.SAME))
