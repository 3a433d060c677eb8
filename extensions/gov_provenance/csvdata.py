"""Read a CSV file into rows, each with the line it starts on, and find its bad rows.

Nothing here reports anything: :mod:`.directives` turns rows into objects and
problems (each of a :class:`~.warnings_.GovWarning` kind) into warnings. The file is
untrusted: it is read only when it is a regular file inside the source directory and
no larger than a limit, and every check is linear in its size. Bytes that do not
decode are kept as surrogate escapes while the file is split into rows, so that one
bad cell costs one row (named by its line and column) and not the whole file; the
same holds for a cell that is too long and for a quote that is never closed.
"""

from __future__ import annotations

import codecs
import collections
import contextlib
import csv
import io
import itertools
import os
import re
import stat
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .messages import __
from .text import column_name
from .warnings_ import GovWarning

#: what ``:encoding:`` accepts besides any text encoding Python knows
ENCODING_ALIASES = {
    # a UTF-8 file saved by Excel or Notepad starts with a byte order mark: drop it
    'utf-8': 'utf-8-sig',
    'utf8': 'utf-8-sig',
    'sjis': 'cp932',
}
DELIMITER_ALIASES = {'tab': '\t', '\\t': '\t', 'comma': ',', 'semicolon': ';'}
#: the longest cell a row may have, in characters (the limit of Python's csv module)
MAX_CELL = 131_072
#: the default of the ``gov_csv_max_bytes`` setting: the largest file read, in bytes
DEFAULT_MAX_BYTES = 50_000_000
#: how many column names a message quotes from a header
HEADER_NAMES_SHOWN = 10
_ESCAPED_BYTE = re.compile('[\udc80-\udcff]+')
#: text a codec must read back as written: the characters a CSV file is made of
_CODEC_PROBE = 'id,text\r\n"1";\t\n'


@dataclass(frozen=True)
class Row:
    """One data row: its number (1 for the first row after the header), its line and
    the cells of the columns kept (see :func:`read_table`)."""

    number: int
    line: int
    cells: dict[str, str]


@dataclass(frozen=True)
class RowProblem:
    """A row that cannot be read; ``column`` is the first cell at fault, or '' when the
    fault lies after the last column."""

    kind: GovWarning
    number: int
    line: int
    column: str
    detail: str


@dataclass
class Table:
    header: list[str]
    #: the line of the header, the file's first row
    line: int = 1
    rows: list[Row] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def row_count(self) -> int:
        """Every data row of the file, readable or not."""
        return len(self.rows) + len(self.problems)

    def column_names(self) -> str:
        """The header's names for a message: the first few, each shortened."""
        shown = ', '.join(column_name(name) for name in self.header[:HEADER_NAMES_SHOWN])
        more = len(self.header) - HEADER_NAMES_SHOWN
        return __('%(shown)s and %(more)d more') % {'shown': shown, 'more': more} if (
            more > 0) else shown


class TableError(Exception):
    """The file as a whole cannot be read: ``line`` is where reading stopped, ``advice``
    what to do about it."""

    def __init__(self, message: str, line: int = 1, advice: str = '') -> None:
        super().__init__(message)
        self.line = line
        self.advice = advice or __('save it as CSV with a header row')


class FileRefused(Exception):
    """The path names no file the directive may read; the message says why."""


# -- options ------------------------------------------------------------------------


def codec_name(encoding: str) -> str:
    """The codec to decode with; raise ``LookupError`` saying why ``encoding`` cannot be
    used: unknown, or not a text encoding a CSV file can be written in (``rot13``,
    ``base64`` and ``zlib_codec`` transform bytes; ``idna`` and ``punycode`` encode
    domain names and cannot keep an undecodable byte for its row's warning)."""
    wanted = encoding.strip().lower().replace('_', '-')
    name = ENCODING_ALIASES.get(wanted, wanted)
    try:
        info = codecs.lookup(name)
    except (LookupError, UnicodeError, ValueError):  # a name may hold anything, even a NUL
        raise LookupError(__('is unknown')) from None
    if not getattr(info, '_is_text_encoding', True):
        raise LookupError(__('is not a text encoding'))
    try:
        readable = _CODEC_PROBE.encode(name).decode(name, 'surrogateescape') == _CODEC_PROBE
    except (UnicodeError, LookupError, ValueError, TypeError):
        readable = False
    if not readable:
        raise LookupError(__('cannot read a CSV file'))
    return name


def delimiter_char(delimiter: str) -> str:
    """The one-character delimiter meant by ``:delimiter:``; raise ``ValueError`` otherwise
    (a line break, a quote or another control character cannot separate cells)."""
    char = DELIMITER_ALIASES.get(delimiter.strip().lower(), delimiter.strip() or delimiter)
    if len(char) != 1 or char == '"' or (not char.isprintable() and char != '\t'):
        raise ValueError(delimiter)
    return char


# -- the file -----------------------------------------------------------------------


def read_file(path: Path, root: Path, max_bytes: int) -> bytes:
    """The bytes of ``path``: a regular file inside ``root``, of at most ``max_bytes``.

    Raise :class:`FileRefused` for any other path, and :class:`OSError` when the
    file cannot be opened. The file's resolved path (every symbolic link followed)
    must lie inside ``root``; the checks of its type and size are made on the open
    file, so that the file cannot be swapped between check and read.
    """
    try:
        resolved = path.resolve()
    except (RuntimeError, ValueError) as error:  # a loop of symbolic links; a NUL byte
        raise FileRefused(__('the path cannot be followed (%(error)s)') % {
            'error': error}) from None
    if not resolved.is_relative_to(root.resolve()):
        raise FileRefused(__(
            'the path leads outside the source directory (through "..", an absolute path or a '
            'symbolic link); only files inside it are read'
        ))
    flags = os.O_RDONLY | getattr(os, 'O_NONBLOCK', 0) | getattr(os, 'O_NOFOLLOW', 0)
    descriptor = os.open(resolved, flags | getattr(os, 'O_CLOEXEC', 0))
    with os.fdopen(descriptor, 'rb') as stream:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise FileRefused(__('it is not a regular file'))
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise FileRefused(__(
            'it is larger than %(limit)s bytes, the limit the gov_csv_max_bytes setting sets'
        ) % {'limit': f'{max_bytes:,}'})
    return data


def decode(data: bytes, encoding: str) -> str:
    """The file's text; raise :class:`TableError` when the codec gives up on it as a whole."""
    try:
        return data.decode(codec_name(encoding), errors='surrogateescape')
    except (UnicodeError, LookupError, ValueError) as error:
        reason = error.reason if isinstance(error, UnicodeDecodeError) else __('it failed')
        raise TableError(__('it cannot be decoded as %(encoding)s (%(reason)s)') % {
            'encoding': encoding, 'reason': reason}, advice=_encoding_advice(encoding)) from None


# -- rows -----------------------------------------------------------------------------


def read_table(
    text: str,
    encoding: str = 'utf-8',
    delimiter: str = ',',
    columns: Callable[[Table], Collection[str] | None] = lambda table: table.header,
) -> Table | None:
    """Split ``text``: the first row names the columns, every other row is data.

    Once the header is read, ``columns`` is given the table and names the columns to
    keep: a row keeps only those cells, and only they can make it a bad row. When it
    gives ``None``, reading stops and ``None`` is returned. Raise
    :class:`TableError` when the file cannot be read as CSV at all. ``encoding``
    only words the messages: ``text`` is decoded already.
    """
    table: Table | None = None
    keep: list[tuple[int, str]] = []  # (index, name) of each column kept
    number = 0
    for line, cells, quote_line in _records(text, delimiter_char(delimiter)):
        if table is None and quote_line:
            raise TableError(__('its header opens a quote (") that no later quote closes'), line)
        if not quote_line and not any(cell.strip() for cell in cells):
            continue  # a blank line is not a row
        if table is None:
            table = _header(cells, line, encoding)
            wanted = columns(table)
            if wanted is None:
                return None
            wanted = set(wanted)
            keep = [(index, name) for index, name in enumerate(table.header) if name in wanted]
            continue
        number += 1
        if quote_line:
            table.problems.append(RowProblem(
                GovWarning.CSV_QUOTE, number, quote_line, _column(table, len(cells) - 1), __(
                    'a cell opens a quote (") that no later quote closes, which would make the '
                    'rest of the file one cell; close it with a quote, or remove it'),
            ))
        else:
            _add_row(table, number, line, cells, keep)
    if table is None:
        raise TableError(__('it is empty: its first row must name the columns'))
    return table


def _records(text: str, delimiter: str) -> Iterator[tuple[int, list[str], int]]:
    """Each record of ``text``: the line it starts on (from 1), its cells, and, for a
    record whose last quote is never closed, the line that quote opens on (else 0).
    Reading goes on from the line after that quote, so that it costs one row."""
    lines = io.StringIO(text, newline='').readlines()
    position = 0
    with _field_limit(len(text) + 1):
        while position < len(lines):
            reader = csv.reader(itertools.islice(lines, position, None), delimiter=delimiter)
            base = start = position
            try:
                for cells in reader:
                    end = base + reader.line_num
                    if swallowed := _unclosed_quote(lines, start, end, cells, delimiter):
                        position = end - swallowed + 1
                        yield start + 1, cells, position
                        break
                    yield start + 1, cells, 0
                    start = end
                else:
                    return
            except csv.Error as error:
                raise TableError(__('it is not valid CSV (%(error)s)') % {'error': error},
                                 base + reader.line_num) from error


@contextlib.contextmanager
def _field_limit(limit: int) -> Iterator[None]:
    """Let the csv module read a cell of any length: :func:`_add_row` rejects a long
    cell with its row, where the module's own limit would stop the whole file.
    The limit is the module's global state, so it is put back."""
    previous = csv.field_size_limit(max(limit, csv.field_size_limit()))
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _unclosed_quote(
    lines: list[str], first: int, end: int, cells: list[str], delimiter: str
) -> int:
    """For a record that ran to the end of the file (``lines[first:end]``) with a quote
    still open, how many lines its last cell spans; else 0.

    Only such a record is parsed again, strictly: the lenient reader of the whole
    file takes an unclosed quote for a cell that runs to the end.
    """
    if end < len(lines) or not cells:
        return 0
    raw = ''.join(lines[first:end])
    if '"' not in raw:
        return 0
    try:
        for _ in csv.reader(io.StringIO(raw, newline=''), delimiter=delimiter, strict=True):
            pass
    except csv.Error as error:
        if 'unexpected end of data' in str(error):
            return len(io.StringIO(cells[-1], newline='').readlines()) or 1
    return 0


def _column(table: Table, index: int) -> str:
    return table.header[index] if 0 <= index < len(table.header) else ''


def _header(cells: list[str], line: int, encoding: str) -> Table:
    header = [cell.strip() for cell in cells]
    for cell in header:
        if _ESCAPED_BYTE.search(cell):
            raise TableError(__(
                'its header has bytes that are not valid %(encoding)s (%(bytes)s)'
            ) % {'encoding': encoding, 'bytes': _bytes_of(cell)}, line,
                advice=_encoding_advice(encoding))
    counts = collections.Counter(name for name in header if name)
    duplicates = sorted(name for name, count in counts.items() if count > 1)
    if duplicates:
        raise TableError(__('its header names the column %(column)s twice') % {
            'column': column_name(duplicates[0])}, line)
    return Table(header=header, line=line)


def _encoding_advice(encoding: str) -> str:
    try:
        is_cp932 = codec_name(encoding) == 'cp932'
    except LookupError:
        is_cp932 = False
    if is_cp932:
        return __('if the file is UTF-8, remove :encoding: (utf-8 is the default)')
    return __("if Excel saved it as CSV in Japanese (Shift_JIS), add ':encoding: cp932' to the "
              'directive; otherwise save it as UTF-8')


def _add_row(
    table: Table, number: int, line: int, cells: list[str], keep: list[tuple[int, str]]
) -> None:
    width = len(table.header)
    if len(cells) > width:
        table.problems.append(RowProblem(GovWarning.CSV_COLUMNS, number, line, '', __(
            'the row has %(cells)d cells and the header %(width)d: %(extra)d cell(s) come after '
            'the last column, %(column)s'
        ) % {'cells': len(cells), 'width': width, 'extra': len(cells) - width,
             'column': column_name(table.header[-1])}))
        return
    if len(cells) < width:
        table.problems.append(RowProblem(
            GovWarning.CSV_COLUMNS, number, line, table.header[len(cells)], __(
                'the row has %(cells)d cells and the header %(width)d: this column and those '
                'after it are missing'
            ) % {'cells': len(cells), 'width': width}))
        return
    kept = {name: cells[index] for index, name in keep}
    for name, cell in kept.items():
        if len(cell) > MAX_CELL:
            table.problems.append(RowProblem(GovWarning.CSV_CELL, number, line, name, __(
                'the cell has %(length)s characters, more than the %(limit)s a cell may hold'
            ) % {'length': f'{len(cell):,}', 'limit': f'{MAX_CELL:,}'}))
            return
    table.rows.append(Row(number, line, kept))


def undecodable(row: Row, column: str, encoding: str) -> RowProblem | None:
    """The problem of a cell with bytes that are not valid ``encoding``, if it has any.

    Only the cells of the columns the directive reads are checked: a column it does
    not read costs no row, and its content never appears in a message.
    """
    if not _ESCAPED_BYTE.search(row.cells[column]):
        return None
    return RowProblem(
        GovWarning.CSV_ENCODING, row.number, row.line, column, __(
            'bytes that are not valid %(encoding)s (%(bytes)s)'
        ) % {'encoding': encoding, 'bytes': _bytes_of(row.cells[column])},
    )


def _bytes_of(cell: str) -> str:
    """The undecodable bytes of a cell, as ``\\x82\\xa0``."""
    found = _ESCAPED_BYTE.search(cell)
    raw = found.group().encode('utf-8', errors='surrogateescape') if found else b''
    return ''.join(f'\\x{byte:02x}' for byte in raw[:8])
