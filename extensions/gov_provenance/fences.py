"""What a forgotten closing fence makes of a page, reported where it is written.

MyST-Parser ends a colon fence at the next line of as many colons or more, or else at
the end of the text around it, and says nothing: a forgotten ``:::`` makes the next
object part of the text of the one before (whose fence the next ``:::`` then closes),
or makes the rest of the page the text of the last directive. The domain's directives
report both: an object (or a CSV file's import) written inside another object's text,
``gov.nested-object``, and a directive whose text runs to the end of its file,
``gov.unclosed-directive``. What is written stays recorded either way.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from .compat_myst import fence_of, runs_to_end_of_file
from .messages import __
from .warnings_ import GovWarning, Location, warn

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

#: ``env.temp_data``: the objects whose text is being read, outermost first
ENCLOSING = 'gov_enclosing'
#: ``env.temp_data``: the lines of each file read so far for the page being read
SOURCE_LINES = 'gov_source_lines'


@dataclass(frozen=True)
class Outer:
    """An object whose text is being read: as messages name it, and where it starts."""

    subject: str
    where: str


def enclosing(env: BuildEnvironment) -> Outer | None:
    """The innermost object whose text is being read, if any."""
    stack = cast('list[Outer]', env.temp_data.get(ENCLOSING) or [])
    return stack[-1] if stack else None


@contextmanager
def text_of(env: BuildEnvironment, outer: Outer) -> Iterator[None]:
    """While the text of ``outer`` is read."""
    stack = cast('list[Outer]', env.temp_data.setdefault(ENCLOSING, []))
    stack.append(outer)
    try:
        yield
    finally:
        stack.pop()


def lines_of(text: str) -> list[str]:
    """The lines of a text as MyST-Parser counts them: ended by ``\\n``, ``\\r\\n`` or
    ``\\r`` only (not by U+2028 and the others :meth:`str.splitlines` takes)."""
    lines = text.replace('\r\n', '\n').replace('\r', '\n').split('\n')
    return lines[:-1] if lines[-1] == '' else lines


def source_lines(env: BuildEnvironment, path: str) -> list[str] | None:
    """The lines of the page (or the file it includes) being read, once per page;
    ``None`` when it cannot be read again."""
    cache = cast('dict[str, list[str] | None]', env.temp_data.setdefault(SOURCE_LINES, {}))
    if path not in cache:
        try:
            text = Path(path).read_text(encoding=env.config.source_encoding, errors='replace')
        except (OSError, LookupError, ValueError):
            cache[path] = None
        else:
            cache[path] = lines_of(text)
    return cache[path]


def check_fences(env: BuildEnvironment, subject: str, location: Location,
                 block_text: str) -> None:
    """Report the directive of ``subject``, written at ``location`` as ``block_text``,
    when it is written inside an object's text, or its text runs to the end of its file."""
    outer = enclosing(env)
    if outer is not None:
        warn(GovWarning.NESTED_OBJECT, __(
            "%(subject)s is written inside the text of %(outer)s (%(where)s): close "
            "%(outer)s with a line of ':::' where its text ends, before this one"
        ) % {'subject': subject, 'outer': outer.subject, 'where': outer.where}, location)
    lines = source_lines(env, str(location.path))
    last = runs_to_end_of_file(block_text, location.line, lines) if lines else 0
    if last:
        warn(GovWarning.UNCLOSED_DIRECTIVE, __(
            "%(subject)s is never closed: its text runs to the end of the file (line "
            "%(last)d) and takes in all that follows; write a line of '%(fence)s' where its "
            "text ends"
        ) % {'subject': subject, 'last': last, 'fence': fence_of(block_text)}, location)
