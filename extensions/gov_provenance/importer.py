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
from .messages import __
from .model import FINDING, FINDING_SOURCE, OBJECT_TYPES, Written
from .nodes import plain_paragraphs
from .options import clean_value, id_problem, object_subject, translated_help
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
        path = self.arguments[0].strip() if self.arguments else ''
        self.check_fences(f'{self.directive_name} {quoted(path)}' if path else self.directive_name)
        objtype = self.object_type()
        if objtype is None:
            return []
        self.objtype = objtype
        if not self.arguments or not self.arguments[0].strip():
            self.warn(GovWarning.CSV_FILE, __(
                '%(directive)s names no file: write the path of the CSV file after the '
                'directive name, e.g. ":::{%(directive)s} data/answers.csv"'
            ) % {'directive': self.directive_name})
            return []
        try:
            relative, absolute = self.env.relfn2path(self.arguments[0], self.env.docname)
        except (OSError, RuntimeError, ValueError) as error:  # a loop of links, a NUL byte
            self.warn(GovWarning.CSV_FILE, __(
                '%(directive)s cannot follow the path %(path)s (%(error)s)'
            ) % {'directive': self.directive_name, 'path': quoted(self.arguments[0]),
                 'error': cut(str(error))})
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
        self.report_imported(imported, table.row_count - imported)
        return result

    def report_imported(self, imported: int, skipped: int) -> None:
        """Log how many rows became objects, and how many were skipped (each reported)."""
        values = {'page': self.env.docname, 'count': imported, 'file': self._shown,
                  'objects': self.objtype if imported == 1 else plural(self.objtype),
                  'skipped': skipped}
        message = __('%(page)s: imported %(count)d %(objects)s from %(file)s') % values
        if skipped == 1:
            message += __('; 1 row skipped (see the warning above)')
        elif skipped:
            message += __('; %(skipped)d rows skipped (see the warnings above)') % values
        info(message)

    def read(self, path: Path) -> Table | None:
        """The file's rows, or ``None`` after a warning that says why there are none."""
        encoding = self.options.get('encoding', 'utf-8')
        try:
            codec_name(encoding)
        except LookupError as error:
            self.warn(GovWarning.INVALID_OPTION, __(
                '%(directive)s :encoding: %(encoding)s %(problem)s: use utf-8 (a byte order '
                'mark is dropped), cp932 (Excel in Japanese, Shift_JIS) or another text '
                'encoding Python knows'
            ) % {'directive': self.directive_name, 'encoding': quoted(encoding),
                 'problem': error}, 'encoding')
            return None
        delimiter = self.options.get('delimiter', ',')
        try:
            delimiter_char(delimiter)
        except ValueError:
            self.warn(GovWarning.INVALID_OPTION, __(
                '%(directive)s :delimiter: %(delimiter)s is not one character that can '
                'separate cells: write e.g. ",", ";" or "tab" (not a quote or a line break)'
            ) % {'directive': self.directive_name, 'delimiter': quoted(delimiter)},
                'delimiter')
            return None
        try:
            data = read_file(path, self.env.srcdir, self.config.gov_csv_max_bytes)
        except FileRefused as error:
            self.warn(GovWarning.CSV_FILE, __('%(directive)s does not read %(file)s: %(why)s') % {
                'directive': self.directive_name, 'file': self._shown, 'why': error})
            return None
        except OSError as error:
            # inside the source directory: a file added later is read on the next build
            self.env.note_dependency(self._path)
            self.warn(GovWarning.CSV_FILE, __(
                '%(directive)s cannot read %(file)s: %(error)s; give the path relative to this '
                'page, or to the source directory with a leading "/"'
            ) % {'directive': self.directive_name, 'file': self._shown,
                 'error': error.strerror or error})
            return None
        self.env.note_dependency(self._path)
        try:
            return read_table(decode(data, encoding), encoding, delimiter, self.check_columns)
        except TableError as error:
            self.warn_at(error.line, GovWarning.CSV_FILE, __(
                '%(file)s cannot be imported: %(problem)s; %(advice)s'
            ) % {'file': self._shown, 'problem': error, 'advice': error.advice})
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
                self.warn(GovWarning.CSV_FILE, __(
                    '%(directive)s :%(option)s: names the column %(column)s, but the header of '
                    '%(file)s has %(header)s: name one of these with :%(option)s:'
                ) % {'directive': self.directive_name, 'option': option,
                     'column': column_name(column), 'file': self._shown,
                     'header': table.column_names()}, option if option in self.options else None)
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
        values = {'file': self._shown, 'row': problem.number,
                  'column': column_name(problem.column), 'problem': problem.detail,
                  'advice': advice(problem.kind, self.objtype)}
        self.warn_at(problem.line, problem.kind, (__(
            '%(file)s row %(row)d, column %(column)s: %(problem)s; %(advice)s'
        ) if problem.column else __('%(file)s row %(row)d: %(problem)s; %(advice)s')) % values)

    def import_row(self, row: Row) -> list[nodes.Node]:
        """Define the object of one row, as if written by hand, and render it."""
        id_column, text_column = self._columns['id'], self._columns['text']
        raw_id = row.cells[id_column].strip()
        object_id = self.options.get('id-prefix', '').strip() + raw_id
        invalid = id_problem(self.objtype, object_id if raw_id else '',
                             __('write one in this column, unique across the handbook'))
        if invalid:
            self.warn_at(row.line, invalid.kind, __(
                '%(file)s row %(row)d, column %(column)s: %(problem)s'
            ) % {'file': self._shown, 'row': row.number, 'column': column_name(id_column),
                 'problem': invalid.message})
            return []
        written = Written(self._path, row.line, row=row.number, columns=self._columns,
                          importer=self.directive_name)
        subject = object_subject(self.objtype, object_id)
        text, problem = clean_value(row.cells[text_column], subject,
                                    written.label('text'), 'text', multiline=True)
        if problem:
            self.warn_at(row.line, problem.kind, problem.message)
        text = text.strip()
        if not text:
            self.warn_at(row.line, GovWarning.EMPTY_TEXT, __(
                '%(file)s row %(row)d, column %(column)s is empty: write what the %(type)s '
                '%(id)s says there, or delete the row'
            ) % {'file': self._shown, 'row': row.number, 'column': column_name(text_column),
                 'type': self.objtype, 'id': quoted(object_id)})
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
            self.warn(GovWarning.MISSING_OPTION, __(
                '%(directive)s needs the :type: option (the type of the objects its rows are: '
                '%(types)s); add it under the directive line'
            ) % {'directive': self.directive_name, 'types': ', '.join(IMPORTABLE_TYPES)})
            return None
        if objtype not in IMPORTABLE_TYPES:
            self.warn(GovWarning.INVALID_OPTION, __(
                '%(directive)s :type: %(type)s is not a type a CSV file can hold%(suggestion)s: '
                'use one of %(types)s'
            ) % {'directive': self.directive_name, 'type': quoted(objtype),
                 'suggestion': did_you_mean(objtype, IMPORTABLE_TYPES),
                 'types': ', '.join(IMPORTABLE_TYPES)}, 'type')
            return None
        options = type_options(objtype)
        foreign = [option for option in self.options if option not in options]
        for option in foreign:
            self.warn(GovWarning.INVALID_OPTION, __(
                '%(directive)s :%(option)s: is no option for :type: %(type)s%(suggestion)s: a '
                'gov:%(type)s has the fields %(fields)s'
            ) % {'directive': self.directive_name, 'option': option, 'type': objtype,
                 'suggestion': did_you_mean(option, options),
                 'fields': ', '.join(OBJECT_TYPES[objtype].field_names)}, option)
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
                self.warn(GovWarning.MISSING_OPTION, __(
                    '%(directive)s needs the %(name)s of every gov:%(type)s (%(help)s): give it '
                    'with :%(name)s: under the directive line, or in a column %(column)s of '
                    '%(file)s'
                ) % {'directive': self.directive_name, 'name': spec.name, 'type': self.objtype,
                     'help': translated_help(spec), 'column': column_name(spec.name),
                     'file': self._shown})
                return None
        return columns

    def unknown_columns(self, table: Table, read: Iterable[str]) -> bool:
        """Whether the header has a named column that is not read (a warning says so)."""
        read = set(read)
        unknown = [name for name in table.header if name and name not in read]
        if not unknown:
            return False
        names = (*ROW_COLUMNS, *OBJECT_TYPES[self.objtype].field_names)
        others = __(' (and %(count)s more)') % {'count': f'{len(unknown) - 1:,}'} if len(
            unknown) > 1 else ''
        self.warn_at(table.line, GovWarning.CSV_FILE, __(
            '%(file)s cannot be imported: its column %(column)s%(others)s is no field of '
            'gov:%(type)s%(suggestion)s; name each column after what it holds (%(names)s) or '
            'with :<name>-column:, and delete the columns the handbook does not show'
        ) % {'file': self._shown, 'column': column_name(unknown[0]), 'others': others,
             'type': self.objtype, 'suggestion': did_you_mean(unknown[0], names),
             'names': ', '.join(names)})
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
            self.warn(GovWarning.MISSING_OPTION, __(
                '%(directive)s needs the :source: option (the id of the gov:source its findings '
                'come from); add it under the directive line'
            ) % {'directive': self.directive_name})
            return None
        return self.read_columns(table, self.COLUMNS)

    def row_defaults(self) -> dict[str, str]:
        return {FINDING_SOURCE.name: self.options[FINDING_SOURCE.name]}


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """`` (did you mean 'shapes'?)`` for a name close to one of ``candidates``."""
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return __(' (did you mean %(name)s?)') % {'name': repr(close[0])} if close else ''


def plural(objtype: str) -> str:
    """``findings``, ``opinions``: the objects of a type, for the log."""
    return f'{objtype[:-1]}ies' if objtype.endswith('y') and objtype[-2:-1] not in 'aeiou' \
        else f'{objtype}s'


def advice(kind: GovWarning, objtype: str) -> str:
    """What to do about a row of ``objtype`` that cannot be read, by kind."""
    if kind is GovWarning.CSV_COLUMNS:
        return __('give the row one cell per column of the header (quote a cell that holds '
                  'the delimiter or a line break)')
    if kind is GovWarning.CSV_ENCODING:
        return __('save the file in the encoding :encoding: names, or set :encoding: to the '
                  "file's (utf-8 or cp932)")
    if kind is GovWarning.CSV_CELL:
        return __('shorten the cell, or split the %(type)s over several rows') % {
            'type': objtype}
    return __('a quote inside a quoted cell is written twice ("")')
