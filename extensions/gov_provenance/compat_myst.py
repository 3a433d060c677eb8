"""What the extension relies on inside MyST-Parser: the text it hands a directive.

The MyST half of :mod:`.compat`, kept to the same rule: each piece says the version
it was written against and the internal it relies on, and ``tests/test_compat.py``
pins each one against the installed version.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# -- the line of a directive's option ------------------------------------------------------


def option_line(block_text: str, lineno: int, option: str) -> int:
    """The line where ``option`` is written in a directive whose text is ``block_text``
    and whose first line is ``lineno``: as ``:option: value``, or as ``option: value``
    in the YAML block that may open a MyST directive (between two ``---`` lines); else
    ``lineno``. An option written twice is read from its last line, as MyST-Parser keeps
    its last value.

    Written against MyST-Parser 5.2.0, which gives a directive no line per option.
    Relies on the ``block_text`` MyST-Parser passes a directive: the fence and its
    info on the first line, then the directive's text line for line as written; and
    on its rules (``_parse_directive_options``) for the YAML block (the text opens with
    a line starting ``---``, and the block ends at the next line starting ``---``) and
    for ``:name: value`` lines (they follow the first line, up to the first line that
    does not start with ``:``, or starts with ``:::``).
    """
    lines = block_text.splitlines()
    found = lineno
    for offset in _option_block(lines):
        if lines[offset].lstrip().removeprefix(':').startswith(f'{option}:'):
            found = lineno + offset
    return found


def _option_block(lines: list[str]) -> range:
    """The lines of a directive's text that hold its options: its YAML block, or the
    ``:name: value`` lines that follow the directive's line."""
    if yaml_end := _yaml_block_end(lines):
        return range(2, yaml_end)
    end = 1
    while end < len(lines) and _is_option_line(lines[end]):
        end += 1
    return range(1, end)


def _is_option_line(line: str) -> bool:
    text = line.lstrip()
    return text.startswith(':') and not text.startswith(':::')


def _yaml_block_end(lines: list[str]) -> int:
    """Where the YAML block of options that opens a directive's text ends (the index of
    its closing ``---``), or 0 when the text has none."""
    if len(lines) < 2 or not lines[1].startswith('---'):
        return 0
    for index in range(2, len(lines)):
        if lines[index].startswith('---'):
            return index
    return len(lines)


# -- a fence left open ---------------------------------------------------------------------

#: the fence that opens a MyST directive: colons, backquotes or tildes, three or more
_FENCE = re.compile(r'(:{3,}|`{3,}|~{3,})')


def fence_of(block_text: str) -> str:
    """The fence that opens a directive whose text MyST-Parser gives as ``block_text``
    (``:::``, ``::::``, a fence of backquotes), or ``''`` for a directive written in
    reStructuredText, which has none.

    Written against MyST-Parser 5.2.0 (see :func:`runs_to_end_of_file`).
    """
    found = _FENCE.match(block_text)
    return found[1] if found else ''


def runs_to_end_of_file(block_text: str, lineno: int, lines: Sequence[str]) -> int:
    """The last line of the text of a fenced directive written at ``lineno`` of a file
    of ``lines`` when its text runs to the end of the file, no fence having closed it;
    else 0 (a directive closed, or of no fence).

    Written against MyST-Parser 5.2.0, which closes a fence at the next line of as many
    of its characters or more, or else at the end of the text around it (the file, for a
    directive that is not inside another), and does not say which. Relies on the
    ``block_text`` it passes a directive: the fence and its info on the first line, the
    directive's text line for line (with a blank line put before a text that starts with
    a nested colon fence, ``render_colon_fence``), then the fence again, written or not
    (``render_directive``); and on ``lineno`` being the line of the opening fence in the
    file the directive is written in (an included file's own).
    """
    if not fence_of(block_text):
        return 0
    text = block_text.split('\n')[1:-2]
    after_opening = lines[lineno].lstrip() if lineno < len(lines) else ''
    if text and not text[0] and after_opening.startswith(':::'):
        text = text[1:]  # the blank line MyST-Parser puts before a nested fence
    last = lineno + len(text)
    return last if last >= len(lines) else 0
