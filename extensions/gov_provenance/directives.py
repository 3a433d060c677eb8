"""One directive per object type, the import of findings from a CSV file, and the
directives that place handbook-wide views.

A directive reads its options (:mod:`.options`), records the object with the domain
and returns the nodes that show it (:mod:`.nodes`); everything it reports points at
where the object was written (:class:`~.model.Written`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_id

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
from .locale import view_label
from .model import (
    FINDING_SOURCE,
    OBJECT_TYPES,
    GovObject,
    SummaryParts,
    SummaryRef,
    ViewKind,
    Written,
    content_digest,
    summary_text,
)
from .nodes import (
    gov_notes,
    gov_view,
    index_entries,
    object_container,
    plain_paragraphs,
    summary_parts,
)
from .options import parse_options
from .text import ID_PATTERN, clean_text, column_name, describe_characters, quoted, shorten
from .warnings_ import GovWarning, Location, info, warn

if TYPE_CHECKING:
    from .domain import GovDomain


class GovDirective(SphinxDirective):
    """What the domain's directives share: locating what they report, placing views,
    and defining objects."""

    @property
    def gov_domain(self) -> GovDomain:
        return cast('GovDomain', self.env.domains['gov'])

    def warn(self, kind: GovWarning, message: str, option: str | None = None) -> None:
        warn(kind, message, self.location(option))

    def location(self, option: str | None = None) -> Location:
        """Where ``:option:`` (or the directive) is written in the source."""
        source, _ = self.get_source_info()
        return Location(source, self.option_line(option) if option else self.lineno)

    def option_line(self, option: str) -> int:
        """The line where an option is written, as ``:option: value`` or, in the YAML
        block that may open a MyST directive (between two ``---`` lines), as
        ``option: value``; else the directive's own line."""
        lines = self.block_text.splitlines()
        yaml_end = _yaml_block_end(lines)
        for offset, line in enumerate(lines):
            text = line.lstrip()
            if text.startswith(f':{option}:') or (
                1 < offset < yaml_end and text.startswith(f'{option}:')
            ):
                return self.lineno + offset
        return self.lineno

    def written(self) -> Written:
        """Where the directive is written: its page's source, its line and its options'."""
        source, _ = self.get_source_info()
        path = Path(source)
        if path.is_relative_to(self.env.srcdir):
            path = path.relative_to(self.env.srcdir)
        return Written(path.as_posix(), self.lineno,
                       {name: self.option_line(name) for name in self.options})

    def view_node(self, kind: str, target: str = '', *, primary: bool = True) -> gov_view:
        """A placeholder for a view; ``primary`` for the view of the page's own subject
        (the first object it defines, or a view of the whole handbook), whose headings
        rank with the page's sections and are listed in its contents."""
        number = self.gov_domain.note_view(self.env.docname, kind, target)
        return gov_view('', kind=kind, target=target, number=number, primary=primary)

    def define_object(
        self,
        objtype: str,
        object_id: str,
        options: Mapping[str, str],
        body: list[nodes.Node],
        text: str,
        written: Written,
    ) -> list[nodes.Node]:
        """Record the object ``options`` describe, written at ``written``, and return
        the nodes that show it, ``body`` as its text (``text`` as written)."""
        parsed = parse_options(OBJECT_TYPES[objtype], object_id, options, written)
        for problem in parsed.problems:
            warn(problem.kind, problem.message,
                 Location.written(self.env.srcdir, written, problem.option))
        fields = parsed.fields
        anchor = make_id(self.env, self.state.document, f'gov-{objtype}', object_id)
        parts: SummaryParts = () if fields.get('summary') else summary_parts(body)
        obj = GovObject(
            objtype=objtype,
            id=object_id,
            docname=self.env.docname,
            anchor=anchor,
            written=written,
            fields=fields,
            summary=shorten(str(fields.get('summary', ''))) or summary_text(parts),
            summary_parts=parts if any(isinstance(part, SummaryRef) for part in parts) else (),
            digest=content_digest(
                objtype, object_id, self.env.docname, anchor, sorted(fields.items()), text,
            ),
        )
        self.gov_domain.note_object(obj)
        container = object_container(obj, body, self.section_title(), self.config.language)
        self.set_source_info(container)
        self.state.document.note_explicit_target(container)
        if OBJECT_TYPES[objtype].view is not None:
            first = len(self.gov_domain.objects.get(self.env.docname, [])) == 1
            container += self.view_node(objtype, object_id, primary=first)
        return [*index_entries(obj), container]

    def section_title(self) -> str:
        """The text of the heading the directive is written under, if any."""
        section = self.state_machine.node
        if isinstance(section, nodes.section) and section.children:
            title = section[0]
            if isinstance(title, nodes.title):
                return title.astext()
        return ''


def _yaml_block_end(lines: list[str]) -> int:
    """Where the YAML block of options that opens a directive's text ends (the index of
    its closing ``---``, as MyST-Parser reads it), or 0 when the text has none."""
    if len(lines) < 2 or not lines[1].startswith('---'):
        return 0
    for index in range(2, len(lines)):
        if lines[index].startswith('---'):
            return index
    return len(lines)


class GovObjectDirective(GovDirective):
    """Define one object of the handbook: its id as argument, its fields as options."""

    objtype: ClassVar[str]
    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True  # so an id with a space gets our message, not docutils'

    @property
    def directive_name(self) -> str:
        return f'gov:{self.objtype}'

    def run(self) -> list[nodes.Node]:
        body = self.parse_content_to_nodes()
        object_id = self.arguments[0].strip() if self.arguments else ''
        if not object_id:
            self.warn(GovWarning.MISSING_ID, (
                f'{self.directive_name} has no id: give one after the directive name, '
                f'e.g. ":::{{{self.directive_name}}} EXAMPLE-1"'
            ))
            return body
        if not ID_PATTERN.fullmatch(object_id):
            self.warn(GovWarning.INVALID_ID, (
                f'{self.directive_name} id {object_id!r} is not valid: use letters, digits, '
                '".", "_" and "-", starting with a letter or digit'
            ))
            return body
        return self.define_object(self.objtype, object_id, self.options, body,
                                  '\n'.join(self.content), self.written())


class FindingsCsvDirective(GovDirective):
    """Import findings from a CSV file: each row becomes a ``gov:finding``.

    A row is recorded and rendered exactly as the same finding written by hand;
    only where it was written differs (the file and its line), which every warning
    about it names. Cells are untrusted text: they become text nodes, never markup.
    """

    has_content = False
    required_arguments = 1
    optional_arguments = 0
    final_argument_whitespace = True
    #: the finding's fields a column can fill, and the column read when none is named
    COLUMNS: ClassVar[dict[str, str]] = {
        'id': 'id', 'text': 'text', 'shapes': 'shapes',
        'status': '', 'summary': '', 'title': '', 'gap': '', 'inferred': '',
    }
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        FINDING_SOURCE.name: directives.unchanged_required,
        **{f'{name}-column': directives.unchanged_required for name in COLUMNS},
        'id-prefix': directives.unchanged,
        'encoding': directives.unchanged_required,
        'delimiter': directives.unchanged_required,
    }

    #: the file, relative to the source directory
    _path = ''
    #: field name -> the column of the file it is read from
    _columns: dict[str, str]

    def run(self) -> list[nodes.Node]:
        try:
            relative, absolute = self.env.relfn2path(self.arguments[0], self.env.docname)
        except (OSError, RuntimeError, ValueError) as error:  # a loop of links, a NUL byte
            self.warn(GovWarning.CSV_FILE, (
                f'gov:findings-csv cannot follow the path {quoted(self.arguments[0])} '
                f'({error})'
            ))
            return []
        self._path = Path(relative).as_posix()
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
            '%s: imported %d findings from %s (%d rows; %d skipped, each with a warning)',
            self.env.docname, imported, self._path, table.row_count, skipped,
        )
        return result

    def read(self, path: Path) -> Table | None:
        """The file's rows, or ``None`` after a warning that says why there are none."""
        encoding = self.options.get('encoding', 'utf-8')
        try:
            codec_name(encoding)
        except LookupError as error:
            self.warn(GovWarning.INVALID_OPTION, (
                f'gov:findings-csv :encoding: {quoted(encoding)} {error}: use utf-8 (a byte order '
                'mark is dropped), cp932 (Excel in Japanese, Shift_JIS) or another text '
                'encoding Python knows'
            ), 'encoding')
            return None
        delimiter = self.options.get('delimiter', ',')
        try:
            delimiter_char(delimiter)
        except ValueError:
            self.warn(GovWarning.INVALID_OPTION, (
                f'gov:findings-csv :delimiter: {quoted(delimiter)} is not one character that can '
                'separate cells: write e.g. ",", ";" or "tab" (not a quote or a line break)'
            ), 'delimiter')
            return None
        try:
            data = read_file(path, self.env.srcdir, self.config.gov_csv_max_bytes)
        except FileRefused as error:
            self.warn(GovWarning.CSV_FILE, f'gov:findings-csv does not read {self._path}: {error}')
            return None
        except OSError as error:
            # inside the source directory: a file added later is read on the next build
            self.env.note_dependency(self._path)
            self.warn(GovWarning.CSV_FILE, (
                f'gov:findings-csv cannot read {self._path}: {error.strerror or error}; '
                'give the path relative to this page, or to the source directory with a '
                'leading "/"'
            ))
            return None
        self.env.note_dependency(self._path)
        try:
            return read_table(decode(data, encoding), encoding, delimiter, self.check_options)
        except TableError as error:
            self.warn_at(error.line, GovWarning.CSV_FILE, (
                f'{self._path} cannot be imported: {error}; {error.advice}'
            ))
        return None

    def check_options(self, table: Table) -> Collection[str] | None:
        """Map each field to its column: the columns to read, or ``None`` after a
        warning that says what is missing from the directive or the file."""
        if not self.options.get(FINDING_SOURCE.name, '').strip():
            self.warn(GovWarning.MISSING_OPTION, (
                'gov:findings-csv needs the :source: option (the id of the gov:source its '
                'findings come from); add it under the directive line'
            ))
            return None
        header = set(table.header)
        columns = {}
        for name, default in self.COLUMNS.items():
            option = f'{name}-column'
            column = self.options.get(option, default).strip()
            if not column:
                continue  # a field read only when its column is named
            if column in header:
                columns[name] = column
            elif option in self.options or name in {'id', 'text'}:
                self.warn(GovWarning.CSV_FILE, (
                    f'gov:findings-csv :{option}: names the column {column_name(column)}, but '
                    f'the header of {self._path} has {table.column_names()}: name one of '
                    f'these with :{option}:'
                ), option if option in self.options else None)
                return None
        self._columns = columns
        return columns.values()

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
            f'{self._path} row {problem.number}{where}: {problem.detail}; '
            f'{_ADVICE[problem.kind]}'
        ))

    def import_row(self, row: Row) -> list[nodes.Node]:
        """Define the finding of one row, as if written by hand, and render it."""
        id_column, text_column = self._columns['id'], self._columns['text']
        raw_id = row.cells[id_column].strip()
        object_id = self.options.get('id-prefix', '').strip() + raw_id
        if not raw_id:
            self.warn_at(row.line, GovWarning.MISSING_ID, (
                f'{self._path} row {row.number}, column {column_name(id_column)} is empty: '
                'give every row an id, unique across the handbook'
            ))
            return []
        if not ID_PATTERN.fullmatch(object_id):
            self.warn_at(row.line, GovWarning.INVALID_ID, (
                f'{self._path} row {row.number}, column {column_name(id_column)}: id '
                f'{quoted(object_id)} is not valid: use letters, digits, ".", "_" and '
                '"-", starting with a letter or digit'
            ))
            return []
        written = Written(self._path, row.line, row=row.number, columns=self._columns)
        text = self.clean_cell(object_id, written, row.cells[text_column]).strip()
        if not text:
            self.warn_at(row.line, GovWarning.EMPTY_TEXT, (
                f'{self._path} row {row.number}, column {column_name(text_column)} is empty: '
                f'write what the finding {object_id!r} says there, or delete the row'
            ))
            return []
        options = {FINDING_SOURCE.name: self.options[FINDING_SOURCE.name]}
        for name, column in self._columns.items():
            if name not in {'id', 'text'} and row.cells[column].strip():
                options[name] = row.cells[column]
        return self.define_object(FINDING_SOURCE.source_type, object_id, options,
                                  plain_paragraphs(text), text, written)

    def clean_cell(self, object_id: str, written: Written, raw: str) -> str:
        """A text cell, whose line breaks make paragraphs; a located warning names every
        control and bidirectional control character that was taken out."""
        cleaned = clean_text(raw, multiline=True)
        if cleaned.removed:
            self.warn_at(written.line, GovWarning.CONTROL_CHARACTER, (
                f'gov:finding {object_id!r} {written.label("text")} contains '
                f'{describe_characters(cleaned.removed)}: save the cell as plain text '
                '(meanwhile a line break is read as one, and the others are left out)'
            ))
        return cleaned.text

    def warn_at(self, line: int, kind: GovWarning, message: str) -> None:
        """Report a problem at a line of the file."""
        warn(kind, message, Location(self.env.srcdir / self._path, line))


#: what to do about a row that cannot be read, by kind
_ADVICE = {
    GovWarning.CSV_COLUMNS: 'give the row one cell per column of the header (quote a cell '
                            'that holds the delimiter or a line break)',
    GovWarning.CSV_ENCODING: 'save the file in the encoding :encoding: names, or set '
                             ":encoding: to the file's (utf-8 or cp932)",
    GovWarning.CSV_CELL: 'shorten the cell, or split the finding over several rows',
    GovWarning.CSV_QUOTE: 'a quote inside a quoted cell is written twice ("")',
}


def object_directive(objtype: str) -> type[GovObjectDirective]:
    """The directive class of one object type, with an option per field."""
    option_spec = {spec.name: directives.unchanged for spec in OBJECT_TYPES[objtype].fields}
    name = ''.join(part.title() for part in objtype.split('-')) + 'Directive'
    return type(name, (GovObjectDirective,), {'objtype': objtype, 'option_spec': option_spec})


class NotesDirective(SphinxDirective):
    """Notes on where an object's record comes from and how certain it is.

    Written in an object's text, after what a reader needs first; shown collapsed
    under the title 「出典と確かさ」 (Sources and certainty).
    """

    has_content = True

    def run(self) -> list[nodes.Node]:
        notes = gov_notes('', nodes.rubric('', view_label('notes')), classes=['gov-notes'])
        self.set_source_info(notes)
        notes.extend(self.parse_content_to_nodes())
        return [notes]


class HandbookViewDirective(GovDirective):
    """Place a view computed over the whole handbook."""

    kind: ClassVar[str]
    has_content = False

    def run(self) -> list[nodes.Node]:
        node = self.view_node(self.kind)
        self.set_source_info(node)
        return [node]


class MatrixDirective(HandbookViewDirective):
    """The traceability matrix: principles by meetings and sources."""

    kind = ViewKind.MATRIX.value


class CoverageDirective(HandbookViewDirective):
    """What is missing: principles without evidence, pending and unused evidence."""

    kind = ViewKind.COVERAGE.value


class PrincipleTableDirective(HandbookViewDirective):
    """All principles, with status and how much evidence, revision and guidance each has."""

    kind = ViewKind.PRINCIPLE_TABLE.value

