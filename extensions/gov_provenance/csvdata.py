"""Read a CSV file into rows, each with the line it starts on, and report bad rows.

Nothing here knows about Sphinx: :mod:`.directives` turns rows into objects and
problems into warnings. Bytes that do not decode are kept as surrogate escapes
while the file is split into rows, so that one bad cell costs one row (named by
its line and column) and not the whole file.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

#: what ``:encoding:`` accepts besides any codec name Python knows
ENCODING_ALIASES = {
    # a UTF-8 file saved by Excel or Notepad starts with a byte order mark: drop it
    'utf-8': 'utf-8-sig',
    'utf8': 'utf-8-sig',
    'sjis': 'cp932',
}
DELIMITER_ALIASES = {'tab': '\t', '\\t': '\t', 'comma': ',', 'semicolon': ';'}
_ESCAPED_BYTE = re.compile('[\udc80-\udcff]+')


class ProblemKind(Enum):
    COLUMNS = 'csv-columns'
    ENCODING = 'csv-encoding'


@dataclass(frozen=True)
class Row:
    """One data row: its number (1 for the first row after the header), line and cells."""

    number: int
    line: int
    cells: dict[str, str]


@dataclass(frozen=True)
class RowProblem:
    """A row that cannot be read; ``column`` is the first cell at fault, or '' when the
    fault lies after the last column."""

    kind: ProblemKind
    number: int
    line: int
    column: str
    detail: str


@dataclass
class Table:
    header: list[str]
    rows: list[Row] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def row_count(self) -> int:
        """Every data row of the file, readable or not."""
        return len(self.rows) + len(self.problems)


class TableError(Exception):
    """The file as a whole cannot be read: ``line`` is where reading stopped, ``advice``
    what to do about it."""

    def __init__(
        self, message: str, line: int = 1, advice: str = 'save it as CSV with a header row'
    ) -> None:
        super().__init__(message)
        self.line = line
        self.advice = advice


def codec_name(encoding: str) -> str:
    """The codec to decode with; raise ``LookupError`` for an unknown encoding."""
    wanted = encoding.strip().lower().replace('_', '-')
    name = ENCODING_ALIASES.get(wanted, wanted)
    codecs.lookup(name)
    return name


def delimiter_char(delimiter: str) -> str:
    """The one-character delimiter meant by ``:delimiter:``; raise ``ValueError`` otherwise."""
    char = DELIMITER_ALIASES.get(delimiter.strip().lower(), delimiter.strip() or delimiter)
    if len(char) != 1:
        raise ValueError(delimiter)
    return char


def read_table(path: Path, encoding: str = 'utf-8', delimiter: str = ',') -> Table:
    """Read ``path``: the first row names the columns, every other row is data.

    Raise :class:`OSError` when the file cannot be opened and :class:`TableError`
    when it cannot be read as CSV at all.
    """
    text = path.read_bytes().decode(codec_name(encoding), errors='surrogateescape')
    reader = csv.reader(io.StringIO(text, newline=''), delimiter=delimiter_char(delimiter))
    table: Table | None = None
    number = 0
    start = 1
    try:
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue  # a blank line is not a row
            if table is None:
                table = _header(cells, line, encoding)
                continue
            number += 1
            _add_row(table, number, line, cells, encoding)
    except csv.Error as error:
        raise TableError(f'it is not valid CSV ({error})', reader.line_num) from error
    if table is None:
        raise TableError('it is empty: its first row must name the columns')
    return table


def _header(cells: list[str], line: int, encoding: str) -> Table:
    header = [cell.strip() for cell in cells]
    for cell in header:
        if _ESCAPED_BYTE.search(cell):
            raise TableError(
                f'its header has bytes that are not valid {encoding} ({_bytes_of(cell)})', line,
                advice=_encoding_advice(encoding),
            )
    duplicates = sorted({name for name in header if name and header.count(name) > 1})
    if duplicates:
        raise TableError(f'its header names the column {duplicates[0]!r} twice', line)
    return Table(header=header)


def _encoding_advice(encoding: str) -> str:
    if codec_name(encoding) == 'cp932':
        return 'if the file is UTF-8, remove :encoding: (utf-8 is the default)'
    return ("if Excel saved it as CSV in Japanese (Shift_JIS), add ':encoding: cp932' to the "
            'directive; otherwise save it as UTF-8')


def _add_row(table: Table, number: int, line: int, cells: list[str], encoding: str) -> None:
    width = len(table.header)
    if len(cells) > width:
        table.problems.append(RowProblem(
            ProblemKind.COLUMNS, number, line, '',
            f'the row has {len(cells)} cells and the header {width}: '
            f'{len(cells) - width} cell(s) come after the last column, {table.header[-1]!r}',
        ))
        return
    if len(cells) < width:
        table.problems.append(RowProblem(
            ProblemKind.COLUMNS, number, line, table.header[len(cells)],
            f'the row has {len(cells)} cells and the header {width}: this column and '
            'those after it are missing',
        ))
        return
    for name, cell in zip(table.header, cells, strict=True):
        if _ESCAPED_BYTE.search(cell):
            table.problems.append(RowProblem(
                ProblemKind.ENCODING, number, line, name,
                f'bytes that are not valid {encoding} ({_bytes_of(cell)})',
            ))
            return
    table.rows.append(Row(number, line, dict(zip(table.header, cells, strict=True))))


def _bytes_of(cell: str) -> str:
    """The undecodable bytes of a cell, as ``\\x82\\xa0``."""
    found = _ESCAPED_BYTE.search(cell)
    raw = found.group().encode('utf-8', errors='surrogateescape') if found else b''
    return ''.join(f'\\x{byte:02x}' for byte in raw[:8])
