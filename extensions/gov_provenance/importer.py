"""Objects imported from a CSV file, one per row: ``gov:import-csv`` and ``gov:findings-csv``.

A row is recorded and rendered exactly as the same object written by hand with its
directive; only where it was written differs (the file and its line), which every
warning about it names. Cells are untrusted text: they become text nodes, never
markup. Reading the file safely is :mod:`.csvdata`'s; the columns a row may have
come from its object type's fields (:mod:`.model`).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from .csvdata import (
    FileRefused,
    Row,
    RowProblem,
    Table,
    TableError,
    codec_name,
    decode,
    delimiter_char,
    read_file,
    read_table,
    undecodable,
)
from .directives import GovDirective
from .model import FINDING, FINDING_SOURCE, OBJECT_TYPES, Written
from .nodes import plain_paragraphs
from .options import clean_value, id_problem
from .text import column_name, cut, quoted
from .warnings_ import GovWarning, Location, info, warn

#: the object types a CSV file can hold, one object per row: the voices that come in
#: numbers (opinions, findings), each one item of a principle's evidence
IMPORTABLE_TYPES = tuple(
    name for name, spec in OBJECT_TYPES.items() if spec.is_evidence and spec.counts_as_item
)
#: the columns of a row beside its type's fields: its id, and its text
ROW_COLUMNS = ('id', 'text')
#: the options of both importers that say how to read the file
FILE_OPTIONS: dict[str, Callable[[str], Any]] = {
    'id-prefix': directives.unchanged,
    'encoding': directives.unchanged,
    'delimiter': directives.unchanged,
}


def type_options(objtype: str) -> dict[str, Callable[[str], Any]]:
    """The options ``gov:import-csv`` takes for rows of ``objtype``: the type, a value
    for every row of each of its fields, the column of each field, and the file's."""
    fields = OBJECT_TYPES[objtype].field_names
    return {
        'type': directives.unchanged,
        **dict.fromkeys(fields, directives.unchanged),
        **{f'{name}-column': directives.unchanged for name in (*ROW_COLUMNS, *fields)},
        **FILE_OPTIONS,
    }


class CsvImporter(GovDirective):
    """Read a CSV file and define one object per row; the columns each field is read
    from are the subclass's to say (:meth:`columns`)."""

    has_content = False
    # the path is checked by run(), so that a missing one gets a message of the domain
    optional_arguments = 1
    final_argument_whitespace = True
    directive_name: ClassVar[str]

    #: the type of the objects the rows are
    objtype = ''
    #: the file, relative to the source directory
    _path = ''
    #: the file as messages show it (a path may be a page long)
    _shown = ''
    #: field name (or ``id``, ``text``) -> the column of the file it is read from
    _columns: dict[str, str]

    def object_type(self) -> str | None:
        """The type of the rows' objects, or ``None`` after a warning that says why the
        options name none."""
        raise NotImplementedError

    def columns(self, table: Table) -> dict[str, str] | None:
        """Each field read, and its column: or ``None`` after a warning that says what
        is missing from the directive or the file."""
        raise NotImplementedError

    def row_defaults(self) -> dict[str, str]:
        """The fields the directive's options give every row that has no cell for them."""
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        objtype = self.object_type()
        if objtype is None:
            return []
        self.objtype = objtype
        if not self.arguments or not self.arguments[0].strip():
            self.warn(GovWarning.CSV_FILE, (
                f'{self.directive_name} names no file: write the path of the CSV file after '
                f'the directive name, e.g. ":::{{{self.directive_name}}} data/answers.csv"'
            ))
            return []
        try:
            relative, absolute = self.env.relfn2path(self.arguments[0], self.env.docname)
        except (OSError, RuntimeError, ValueError) as error:  # a loop of links, a NUL byte
            self.warn(GovWarning.CSV_FILE, (
                f'{self.directive_name} cannot follow the path {quoted(self.arguments[0])} '
                f'({cut(str(error))})'
            ))
            return []
        self._path = Path(relative).as_posix()
        self._shown = cut(self._path)
        table = self.read(Path(absolute))
        if table is None:
            return []
        result: list[nodes.Node] = []
        imported = 0
        # rows and unreadable rows in file order, so that warnings come in that order too
        entries: list[Row | RowProblem] = [*table.rows, *table.problems]
        for row in sorted(entries, key=lambda entry: entry.line):
            if isinstance(row, Row):
                row = self.undecodable(row) or row
            if isinstance(row, RowProblem):
                self.warn_problem(row)
                continue
            rendered = self.import_row(row)
            if rendered:
                imported += 1
                result += rendered
        skipped = table.row_count - imported
        info(
            '%s: imported %d %s from %s (%d rows; %d skipped, each with a warning)',
            self.env.docname, imported, plural(objtype), self._shown, table.row_count, skipped,
        )
        return result

    def read(self, path: Path) -> Table | None:
        """The file's rows, or ``None`` after a warning that says why there are none."""
        encoding = self.options.get('encoding', 'utf-8')
        try:
            codec_name(encoding)
        except LookupError as error:
            self.warn(GovWarning.INVALID_OPTION, (
                f'{self.directive_name} :encoding: {quoted(encoding)} {error}: use utf-8 (a '
                'byte order mark is dropped), cp932 (Excel in Japanese, Shift_JIS) or another '
                'text encoding Python knows'
            ), 'encoding')
            return None
        delimiter = self.options.get('delimiter', ',')
        try:
            delimiter_char(delimiter)
        except ValueError:
            self.warn(GovWarning.INVALID_OPTION, (
                f'{self.directive_name} :delimiter: {quoted(delimiter)} is not one character '
                'that can separate cells: write e.g. ",", ";" or "tab" (not a quote or a line '
                'break)'
            ), 'delimiter')
            return None
        try:
            data = read_file(path, self.env.srcdir, self.config.gov_csv_max_bytes)
        except FileRefused as error:
            self.warn(GovWarning.CSV_FILE,
                      f'{self.directive_name} does not read {self._shown}: {error}')
            return None
        except OSError as error:
            # inside the source directory: a file added later is read on the next build
            self.env.note_dependency(self._path)
            self.warn(GovWarning.CSV_FILE, (
                f'{self.directive_name} cannot read {self._shown}: {error.strerror or error}; '
                'give the path relative to this page, or to the source directory with a '
                'leading "/"'
            ))
            return None
        self.env.note_dependency(self._path)
        try:
            return read_table(decode(data, encoding), encoding, delimiter, self.check_columns)
        except TableError as error:
            self.warn_at(error.line, GovWarning.CSV_FILE, (
                f'{self._shown} cannot be imported: {error}; {error.advice}'
            ))
        return None

    def check_columns(self, table: Table) -> Collection[str] | None:
        """The columns to read, or ``None`` (see :meth:`columns`)."""
        columns = self.columns(table)
        if columns is None:
            return None
        self._columns = columns
        return columns.values()

    def read_columns(self, table: Table, defaults: dict[str, str]) -> dict[str, str] | None:
        """Each field's column: the one its ``:<name>-column:`` option names, else its
        entry in ``defaults`` where the file has it (``id`` and ``text`` it must have);
        ``None`` after a warning that the header lacks a column it must have."""
        header = set(table.header)
        columns = {}
        for name, default in defaults.items():
            option = f'{name}-column'
            if option not in self.options and name not in ROW_COLUMNS and (
                not default or default not in header
            ):
                continue  # an optional column the file lacks, or one read only when named
            column = self.options.get(option, default).strip()
            if column not in header:
                self.warn(GovWarning.CSV_FILE, (
                    f'{self.directive_name} :{option}: names the column {column_name(column)}, '
                    f'but the header of {self._shown} has {table.column_names()}: name one of '
                    f'these with :{option}:'
                ), option if option in self.options else None)
                return None
            columns[name] = column
        return columns

    def undecodable(self, row: Row) -> RowProblem | None:
        """The first cell the directive reads that has bytes its encoding cannot decode."""
        encoding = self.options.get('encoding', 'utf-8')
        for column in self._columns.values():
            if problem := undecodable(row, column, encoding):
                return problem
        return None

    def warn_problem(self, problem: RowProblem) -> None:
        where = f', column {column_name(problem.column)}' if problem.column else ''
        self.warn_at(problem.line, problem.kind, (
            f'{self._shown} row {problem.number}{where}: {problem.detail}; '
            f'{advice(problem.kind, self.objtype)}'
        ))

    def import_row(self, row: Row) -> list[nodes.Node]:
        """Define the object of one row, as if written by hand, and render it."""
        id_column, text_column = self._columns['id'], self._columns['text']
        raw_id = row.cells[id_column].strip()
        object_id = self.options.get('id-prefix', '').strip() + raw_id
        invalid = id_problem(self.objtype, object_id if raw_id else '',
                             'write one in this column, unique across the handbook')
        if invalid:
            self.warn_at(row.line, invalid.kind, (
                f'{self._shown} row {row.number}, column {column_name(id_column)}: '
                f'{invalid.message}'
            ))
            return []
        written = Written(self._path, row.line, row=row.number, columns=self._columns,
                          importer=self.directive_name)
        subject = f'gov:{self.objtype} {quoted(object_id)}'
        text, problem = clean_value(row.cells[text_column], subject,
                                    written.label('text'), 'text', multiline=True)
        if problem:
            self.warn_at(row.line, problem.kind, problem.message)
        text = text.strip()
        if not text:
            self.warn_at(row.line, GovWarning.EMPTY_TEXT, (
                f'{self._shown} row {row.number}, column {column_name(text_column)} is empty: '
                f'write what the {self.objtype} {quoted(object_id)} says there, or delete the row'
            ))
            return []
        options = self.row_defaults()
        for name, column in self._columns.items():
            if name not in ROW_COLUMNS and row.cells[column].strip():
                options[name] = row.cells[column]
        return self.define_object(self.objtype, object_id, options, plain_paragraphs(text),
                                  text, written)

    def warn_at(self, line: int, kind: GovWarning, message: str) -> None:
        """Report a problem at a line of the file."""
        warn(kind, message, Location(self.env.srcdir / self._path, line))


class ImportCsvDirective(CsvImporter):
    """Import objects of one type (``:type:``) from a CSV file: each row becomes one,
    as if written with its directive.

    The header names the columns: ``id``, ``text`` (the object's text) and the type's
    fields, each read from the column of its name or the one its ``:<name>-column:``
    option names. The directive's options give the fields a row leaves empty or has no
    column for. A column that is none of these is refused: the file is published with
    the handbook's sources, so it holds only what the handbook shows.
    """

    directive_name = 'gov:import-csv'
    #: the options of every type; :meth:`object_type` refuses those of another type
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        option: convert
        for objtype in IMPORTABLE_TYPES for option, convert in type_options(objtype).items()
    }

    def object_type(self) -> str | None:
        objtype = self.options.get('type', '').strip()
        if not objtype:
            self.warn(GovWarning.MISSING_OPTION, (
                f'{self.directive_name} needs the :type: option (the type of the objects its '
                f'rows are: {", ".join(IMPORTABLE_TYPES)}); add it under the directive line'
            ))
            return None
        if objtype not in IMPORTABLE_TYPES:
            self.warn(GovWarning.INVALID_OPTION, (
                f'{self.directive_name} :type: {quoted(objtype)} is not a type a CSV file can '
                f'hold{did_you_mean(objtype, IMPORTABLE_TYPES)}: use one of '
                f'{", ".join(IMPORTABLE_TYPES)}'
            ), 'type')
            return None
        options = type_options(objtype)
        foreign = [option for option in self.options if option not in options]
        for option in foreign:
            self.warn(GovWarning.INVALID_OPTION, (
                f'{self.directive_name} :{option}: is no option for :type: {objtype}'
                f'{did_you_mean(option, options)}: a gov:{objtype} has the fields '
                f'{", ".join(OBJECT_TYPES[objtype].field_names)}'
            ), option)
        return None if foreign else objtype

    def columns(self, table: Table) -> dict[str, str] | None:
        names = (*ROW_COLUMNS, *OBJECT_TYPES[self.objtype].field_names)
        columns = self.read_columns(table, {name: name for name in names})
        if columns is None:
            return None
        if self.unknown_columns(table, columns.values()):
            return None
        for spec in OBJECT_TYPES[self.objtype].fields:
            if spec.required and spec.name not in columns and spec.name not in self.options:
                self.warn(GovWarning.MISSING_OPTION, (
                    f'{self.directive_name} needs the {spec.name} of every gov:{self.objtype} '
                    f'({spec.help}): give it with :{spec.name}: under the directive line, or '
                    f'in a column {column_name(spec.name)} of {self._shown}'
                ))
                return None
        return columns

    def unknown_columns(self, table: Table, read: Iterable[str]) -> bool:
        """Whether the header has a named column that is not read (a warning says so)."""
        read = set(read)
        unknown = [name for name in table.header if name and name not in read]
        if not unknown:
            return False
        names = (*ROW_COLUMNS, *OBJECT_TYPES[self.objtype].field_names)
        others = f' (and {len(unknown) - 1:,} more)' if len(unknown) > 1 else ''
        self.warn_at(table.line, GovWarning.CSV_FILE, (
            f'{self._shown} cannot be imported: its column {column_name(unknown[0])}{others} '
            f'is no field of gov:{self.objtype}{did_you_mean(unknown[0], names)}; name each '
            f'column after what it holds ({", ".join(names)}) or with :<name>-column:, '
            'and delete the columns the handbook does not show'
        ))
        return True

    def row_defaults(self) -> dict[str, str]:
        return {name: self.options[name] for name in OBJECT_TYPES[self.objtype].field_names
                if name in self.options}


class FindingsCsvDirective(CsvImporter):
    """Import findings from a CSV file: each row becomes a ``gov:finding``.

    The first importer, kept as it is documented: ``:source:`` gives every row its
    source; the columns ``id``, ``text`` and ``shapes`` are read, and another field
    only from the column its ``:<name>-column:`` option names; other columns are
    left alone.
    """

    directive_name = 'gov:findings-csv'
    #: the finding's fields a column can fill, and the column read when none is named
    COLUMNS: ClassVar[dict[str, str]] = {
        name: name if name in {*ROW_COLUMNS, 'shapes'} else ''
        for name in (*ROW_COLUMNS, *FINDING.field_names) if name != FINDING_SOURCE.name
    }
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        FINDING_SOURCE.name: directives.unchanged,
        **{f'{name}-column': directives.unchanged for name in COLUMNS},
        **FILE_OPTIONS,
    }

    def object_type(self) -> str:
        return FINDING.name

    def columns(self, table: Table) -> dict[str, str] | None:
        if not self.options.get(FINDING_SOURCE.name, '').strip():
            self.warn(GovWarning.MISSING_OPTION, (
                f'{self.directive_name} needs the :source: option (the id of the gov:source '
                'its findings come from); add it under the directive line'
            ))
            return None
        return self.read_columns(table, self.COLUMNS)

    def row_defaults(self) -> dict[str, str]:
        return {FINDING_SOURCE.name: self.options[FINDING_SOURCE.name]}


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """`` (did you mean 'shapes'?)`` for a name close to one of ``candidates``."""
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f' (did you mean {close[0]!r}?)' if close else ''


def plural(objtype: str) -> str:
    """``findings``, ``opinions``: the objects of a type, for the log."""
    return f'{objtype[:-1]}ies' if objtype.endswith('y') and objtype[-2:-1] not in 'aeiou' \
        else f'{objtype}s'


def advice(kind: GovWarning, objtype: str) -> str:
    """What to do about a row of ``objtype`` that cannot be read, by kind."""
    return {
        GovWarning.CSV_COLUMNS: 'give the row one cell per column of the header (quote a '
                                'cell that holds the delimiter or a line break)',
        GovWarning.CSV_ENCODING: 'save the file in the encoding :encoding: names, or set '
                                 ":encoding: to the file's (utf-8 or cp932)",
        GovWarning.CSV_CELL: f'shorten the cell, or split the {objtype} over several rows',
        GovWarning.CSV_QUOTE: 'a quote inside a quoted cell is written twice ("")',
    }[kind]
