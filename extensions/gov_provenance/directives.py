"""One directive per object type, and the directives that place handbook-wide views."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
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
from .locale import field_label, object_label, reader_date, value_label, view_label
from .model import (
    ID_PATTERN,
    MAX_NUMBER,
    OBJECT_TYPES,
    FieldKind,
    FieldSpec,
    FieldValue,
    GovObject,
    ObjectType,
    SummaryParts,
    SummaryRef,
    clean_text,
    column_name,
    content_digest,
    describe_characters,
    parse_date,
    parse_number,
    parse_period,
    quoted,
    shorten,
    split_ids,
    summary_text,
)
from .nodes import gov_notes, gov_view
from .views import OBJECT_VIEWS
from .warnings_ import GovWarning, Location, info, warn

if TYPE_CHECKING:
    from .domain import GovDomain

#: fields shown in an object's header or in its generated view, not in its field list
HEADER_FIELDS = frozenset({'title', 'summary', 'shapes', 'gap'})
PRINCIPLE_HEADER_FIELDS = HEADER_FIELDS | {'label', 'number'}
#: objects listed in Sphinx's general index (evidence has its own domain index)
GENERAL_INDEX_TYPES = frozenset({'principle', 'meeting', 'source', 'working-group', 'guideline'})


class GovDirective(SphinxDirective):
    """Shared helpers of the domain's directives."""

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
        """The line where ``:option:`` is written, or the directive's own line."""
        for offset, line in enumerate(self.block_text.splitlines()):
            if line.lstrip().startswith(f':{option}:'):
                return self.lineno + offset
        return self.lineno

    def view_node(self, kind: str, target: str = '', *, primary: bool = True) -> gov_view:
        """A placeholder for a view; ``primary`` for the view of the page's own subject
        (the first object it defines, or a view of the whole handbook), whose headings
        rank with the page's sections and are listed in its contents."""
        number = self.gov_domain.note_view(self.env.docname, kind, target)
        return gov_view('', kind=kind, target=target, number=number, primary=primary)


class GovObjectDirective(GovDirective):
    """Define one object of the handbook: its id as argument, its fields as options."""

    objtype: ClassVar[str]
    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True  # so an id with a space gets our message, not docutils'

    @property
    def spec(self) -> ObjectType:
        return OBJECT_TYPES[self.objtype]

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
        return self.define(object_id, self.options, body, '\n'.join(self.content))

    def define(
        self, object_id: str, options: Mapping[str, str], body: list[nodes.Node], text: str
    ) -> list[nodes.Node]:
        """Record the object ``options`` describe and render it, ``body`` as its text."""
        fields = self.parse_fields(object_id, options)
        anchor = make_id(self.env, self.state.document, f'gov-{self.objtype}', object_id)
        parts: SummaryParts = () if fields.get('summary') else _summary_parts(body)
        obj = GovObject(
            objtype=self.objtype,
            id=object_id,
            docname=self.env.docname,
            lineno=self.object_line(),
            anchor=anchor,
            fields=fields,
            option_lines=self.option_lines(options),
            summary=shorten(str(fields.get('summary', ''))) or summary_text(parts),
            summary_parts=parts if any(isinstance(part, SummaryRef) for part in parts) else (),
            digest=content_digest(
                self.objtype, object_id, self.env.docname, anchor, sorted(fields.items()), text,
            ),
            **self.provenance(),
        )
        self.gov_domain.note_object(obj)
        return self.render(obj, body)

    # -- where the object is written: overridden for objects read from a data file

    def object_line(self) -> int:
        return self.lineno

    def option_lines(self, options: Mapping[str, str]) -> dict[str, int]:
        return {name: self.option_line(name) for name in options}

    def provenance(self) -> dict[str, Any]:
        """Where a data file's object was read from (see :class:`GovObject`)."""
        return {}

    def option_label(self, option: str) -> str:
        return f':{option}:'

    # -- fields -----------------------------------------------------------------

    def parse_fields(self, object_id: str, options: Mapping[str, str]) -> dict[str, FieldValue]:
        fields: dict[str, FieldValue] = {}
        for spec in self.spec.fields:
            raw = options.get(spec.name)
            if raw is not None:
                raw = self.clean_option(object_id, spec.name, str(raw).strip()).strip()
            if not raw:
                if spec.required:
                    self.warn(GovWarning.MISSING_OPTION, (
                        f'{self.directive_name} {object_id!r} needs the :{spec.name}: option '
                        f'({spec.help}); add it under the directive line'
                    ), spec.name)
                if spec.default is not None:
                    fields[spec.name] = spec.default
                continue
            value = self.parse_field(object_id, spec, raw)
            if value is not None:
                fields[spec.name] = value
            elif spec.default is not None:
                fields[spec.name] = spec.default
        return fields

    def clean_option(self, object_id: str, option: str, raw: str) -> str:
        """The value of an option as one line of text; a located warning names every
        line break, control and bidirectional control character that was taken out."""
        cleaned = clean_text(raw)
        if cleaned.removed:
            self.warn(GovWarning.CONTROL_CHARACTER, (
                f'{self.directive_name} {object_id!r} {self.option_label(option)} contains '
                f'{describe_characters(cleaned.removed)}: write it as one line of plain text '
                '(meanwhile a line break is read as a space, and the others are left out)'
            ), option)
        return cleaned.text

    def parse_field(self, object_id: str, spec: FieldSpec, raw: str) -> FieldValue | None:
        where = f'{self.directive_name} {object_id!r} {self.option_label(spec.name)}'
        if spec.kind is FieldKind.REF:
            ids = split_ids(raw)
            if len(ids) != 1:
                self.warn(GovWarning.INVALID_OPTION,
                          f'{where} takes exactly one id, got {quoted(raw)}', spec.name)
                return None
            return ids[0]
        if spec.kind is FieldKind.REFS:
            return split_ids(raw)
        if spec.kind in {FieldKind.STATUS, FieldKind.CHOICE}:
            if raw in spec.choices:
                return raw
            kind = (GovWarning.UNKNOWN_STATUS if spec.kind is FieldKind.STATUS
                    else GovWarning.INVALID_OPTION)
            fallback = f'; {spec.default!r} is used meanwhile' if spec.default else ''
            self.warn(kind, (
                f'{where} value {quoted(raw)} is unknown: use one of {", ".join(spec.choices)}'
                f'{fallback}'
            ), spec.name)
            return None
        if spec.kind is FieldKind.INTEGER:
            try:
                return parse_number(raw, spec.minimum)
            except ValueError:
                self.warn(GovWarning.INVALID_OPTION, (
                    f'{where} must be a whole number of at least {spec.minimum}, got '
                    f'{quoted(raw)}: write digits 0-9 only, up to {MAX_NUMBER:,}'
                ), spec.name)
                return None
        if spec.kind is FieldKind.DATE:
            try:
                return parse_date(raw).isoformat()
            except ValueError:
                self.warn(GovWarning.INVALID_DATE, (
                    f'{where} {quoted(raw)} is not a date: write it as YYYY-MM-DD, e.g. 2022-01-24'
                ), spec.name)
                return None
        if spec.kind is FieldKind.PERIOD:
            try:
                first, last = parse_period(raw)
            except ValueError:
                self.warn(GovWarning.INVALID_DATE, (
                    f'{where} {quoted(raw)} is not a period: write YYYY-MM-DD or '
                    'YYYY-MM-DD/YYYY-MM-DD (start before end), e.g. 2022-01-07/2022-01-17'
                ), spec.name)
                return None
            return first.isoformat() if first == last else f'{first}/{last}'
        return raw

    # -- rendering --------------------------------------------------------------

    def render(self, obj: GovObject, body: list[nodes.Node]) -> list[nodes.Node]:
        container = nodes.container(
            '', classes=['gov-object', f'gov-{obj.objtype}'], ids=[obj.anchor]
        )
        self.set_source_info(container)
        self.state.document.note_explicit_target(container)
        container += self.header(obj)
        fields = self.field_list(obj)
        if fields.children:
            container += fields
        container.extend(body)
        if obj.objtype in OBJECT_VIEWS:
            first = len(self.gov_domain.objects.get(self.env.docname, [])) == 1
            container += self.view_node(obj.objtype, obj.id, primary=first)
        result: list[nodes.Node] = []
        if obj.objtype in GENERAL_INDEX_TYPES:
            entry = f'{object_label(obj.objtype)}; {obj.display_name}'
            result.append(addnodes.index(entries=[('single', entry, obj.anchor, '', None)]))
        result.append(container)
        return result

    def header(self, obj: GovObject) -> nodes.paragraph:
        """The object's kind, name, title and status, and its id as a citation chip.

        Under a heading that already names the object (a principle's own page), the
        header does not repeat the name and title.
        """
        header = nodes.paragraph('', classes=['gov-object-header'])
        header += nodes.inline('', object_label(obj.objtype), classes=['gov-kind'])
        name = obj.display_name if obj.display_name != obj.id else ''
        title = obj.title if obj.title != name else ''
        heading = self.section_title()
        for text, cls in ((name, 'gov-name'), (title, 'gov-title')):
            if text and text not in heading:
                header += nodes.Text(' ')
                header += nodes.inline('', text, classes=[cls])
        if obj.status:
            header += nodes.Text(' ')
            header += status_badge(obj.status)
        header += nodes.Text(' ')
        header += citation_chip(obj)
        return header

    def section_title(self) -> str:
        """The text of the heading the directive is written under, if any."""
        section = self.state_machine.node
        if isinstance(section, nodes.section) and section.children:
            title = section[0]
            if isinstance(title, nodes.title):
                return title.astext()
        return ''

    def field_list(self, obj: GovObject) -> nodes.field_list:
        hidden = PRINCIPLE_HEADER_FIELDS if obj.objtype == 'principle' else HEADER_FIELDS
        field_list = nodes.field_list('', classes=['gov-fields'])
        for spec in self.spec.fields:
            if spec.name in hidden or spec.name == 'status' or spec.name not in obj.fields:
                continue
            value = obj.fields[spec.name]
            field = nodes.field()
            field += nodes.field_name('', field_label(spec.name))
            shown = field_value(spec, value, self.config.language)
            field += nodes.field_body('', nodes.paragraph('', '', *shown))
            field_list += field
        return field_list


def field_value(spec: FieldSpec, value: FieldValue, language: str | None) -> list[nodes.Node]:
    """Render one field's value: links for references, labels for choices, dates as
    readers of ``language`` write them, text otherwise."""
    if spec.is_reference:
        ids = value if isinstance(value, tuple) else (str(value),)
        result: list[nodes.Node] = []
        for index, target in enumerate(ids):
            if index:
                result.append(nodes.Text(', '))
            result.append(field_xref(spec, target))
        return result
    if spec.kind in {FieldKind.STATUS, FieldKind.CHOICE}:
        return [nodes.inline('', value_label(str(value)), classes=[f'gov-{spec.name}-{value}'])]
    if spec.kind in {FieldKind.DATE, FieldKind.PERIOD}:
        return [nodes.Text(reader_date(str(value), language))]
    return [nodes.Text(str(value))]


def field_xref(spec: FieldSpec, target: str) -> addnodes.pending_xref:
    """A link written by a field; a dangling one is reported by the consistency check."""
    reftype = spec.targets[0] if len(spec.targets) == 1 else 'any-evidence'
    return addnodes.pending_xref(
        '', nodes.inline('', target, classes=['gov-ref']),
        refdomain='gov', reftype=reftype, reftarget=target,
        refexplicit=False, refwarn=False, gov_field=True,
    )


def citation_chip(obj: GovObject) -> nodes.inline:
    """The id others cite the object by, small, beside its name: 「引用用 ID: P01」."""
    chip = nodes.inline('', view_label('citation-id') + ' ', classes=['gov-cite-id'])
    chip += nodes.reference('', obj.id, refid=obj.anchor, classes=['gov-id'], reftitle=obj.id)
    return chip


def status_badge(status: str) -> nodes.inline:
    return nodes.inline('', value_label(status), classes=['gov-status', f'gov-status-{status}'])


#: nodes of a body that are not its prose: markup for one writer, comments, messages
NOT_PROSE = (nodes.raw, nodes.comment, nodes.system_message)


def _summary_parts(body: list[nodes.Node]) -> SummaryParts:
    """The body's text as a reader sees it, for the summary other pages show.

    Citations show a label, not their key, and a link to an object of the domain
    shows that object's name, not its id (a :class:`SummaryRef`). Raw HTML is
    authored for its own page and comments for its source, notes on sources for the
    object's own page: none becomes text elsewhere.
    """
    parts: list[str | SummaryRef] = []
    for node in body:
        _add_parts(node, parts)
        parts.append(' ')
    return tuple(parts)


def _add_parts(node: nodes.Node, parts: list[str | SummaryRef]) -> None:
    if isinstance(node, nodes.Text):
        parts.append(node.astext())
    elif isinstance(node, (*NOT_PROSE, gov_notes)):
        return
    elif isinstance(node, addnodes.pending_xref) and node.get('refdomain') == 'cite':
        return
    elif isinstance(node, addnodes.pending_xref) and _names_an_object(node):
        parts.append(SummaryRef(node['reftype'], node['reftarget'], node.astext()))
    elif isinstance(node, nodes.Element):
        for child in node.children:
            _add_parts(child, parts)
            if not isinstance(node, nodes.TextElement):
                parts.append(' ')


def _names_an_object(node: addnodes.pending_xref) -> bool:
    """A link that shows the name of the object it names (no text of its own)."""
    if node.get('refexplicit'):
        return False
    return node.get('refdomain') == 'gov' or node.get('reftype') == 'any'


class FindingsCsvDirective(GovObjectDirective):
    """Import findings from a CSV file: each row becomes a ``gov:finding``.

    A row is recorded and rendered exactly as the same finding written by hand;
    only where it was written differs (the file and its line), which every warning
    about it names. Cells are untrusted text: they become text nodes, never markup.
    """

    objtype = 'finding'
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
        'source': directives.unchanged_required,
        **{f'{name}-column': directives.unchanged_required for name in COLUMNS},
        'id-prefix': directives.unchanged,
        'encoding': directives.unchanged_required,
        'delimiter': directives.unchanged_required,
    }

    _row: Row | None = None
    _path = ''
    #: field name -> the column of the file it is read from
    _columns: dict[str, str]

    @property
    def directive_name(self) -> str:
        return 'gov:findings-csv' if self._row is None else 'gov:finding'

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
            self._row = row
            try:
                rendered = self.import_row(row)
            finally:
                self._row = None
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
        if not self.options.get('source', '').strip():
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
        id_column, text_column = self._columns['id'], self._columns['text']
        raw_id = row.cells[id_column].strip()
        object_id = self.options.get('id-prefix', '').strip() + raw_id
        if not raw_id:
            self.warn(GovWarning.MISSING_ID, (
                f'{self._path} row {row.number}, column {column_name(id_column)} is empty: '
                'give every row an id, unique across the handbook'
            ))
            return []
        if not ID_PATTERN.fullmatch(object_id):
            self.warn(GovWarning.INVALID_ID, (
                f'{self._path} row {row.number}, column {column_name(id_column)}: id '
                f'{quoted(object_id)} is not valid: use letters, digits, ".", "_" and '
                '"-", starting with a letter or digit'
            ))
            return []
        text = self.clean_cell(object_id, text_column, row.cells[text_column]).strip()
        if not text:
            self.warn(GovWarning.EMPTY_TEXT, (
                f'{self._path} row {row.number}, column {column_name(text_column)} is empty: '
                f'write what the finding {object_id!r} says there, or delete the row'
            ))
            return []
        options = {'source': self.options['source']}
        for name, column in self._columns.items():
            if name not in {'id', 'text'} and row.cells[column].strip():
                options[name] = row.cells[column]
        return self.define(object_id, options, _paragraphs(text), text)

    def clean_cell(self, object_id: str, column: str, raw: str) -> str:
        """A text cell, whose line breaks make paragraphs: as :meth:`clean_option`."""
        cleaned = clean_text(raw, multiline=True)
        if cleaned.removed:
            self.warn(GovWarning.CONTROL_CHARACTER, (
                f'gov:finding {object_id!r} {self.option_label("text")} contains '
                f'{describe_characters(cleaned.removed)}: save the cell as plain text '
                '(meanwhile a line break is read as one, and the others are left out)'
            ))
        return cleaned.text

    # -- every object and warning of a row points at the row of the file

    def warn_at(self, line: int, kind: GovWarning, message: str) -> None:
        warn(kind, message, Location(self.env.srcdir / self._path, line))

    def location(self, option: str | None = None) -> Location:
        if self._row is None:
            return super().location(option)
        return Location(self.env.srcdir / self._path, self._row.line)

    def object_line(self) -> int:
        return self._row.line if self._row is not None else self.lineno

    def option_line(self, option: str) -> int:
        return self._row.line if self._row is not None else super().option_line(option)

    def option_lines(self, options: Mapping[str, str]) -> dict[str, int]:
        return {}  # every field of a row is on the row's line

    def provenance(self) -> dict[str, Any]:
        if self._row is None:
            return {}
        return {'origin': self._path, 'row': self._row.number, 'columns': self._columns}

    def option_label(self, option: str) -> str:
        if self._row is None or option not in self._columns:
            return f':{option}: of gov:findings-csv'
        return f'row {self._row.number}, column {column_name(self._columns[option])}'


_ADVICE = {
    GovWarning.CSV_COLUMNS: 'give the row one cell per column of the header (quote a cell that '
                         'holds the delimiter or a line break)',
    GovWarning.CSV_ENCODING: 'save the file in the encoding :encoding: names, or set :encoding: to '
                          "the file's (utf-8 or cp932)",
    GovWarning.CSV_CELL: 'shorten the cell, or split the finding over several rows',
    GovWarning.CSV_QUOTE: 'a quote inside a quoted cell is written twice ("")',
}


def _paragraphs(text: str) -> list[nodes.Node]:
    """Untrusted text as paragraphs of plain text, split at blank lines."""
    return [
        nodes.paragraph('', '', nodes.Text(chunk.strip()))
        for chunk in re.split(r'\n\s*\n', text) if chunk.strip()
    ]


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

    kind = 'matrix'


class CoverageDirective(HandbookViewDirective):
    """What is missing: principles without evidence, pending and unused evidence."""

    kind = 'coverage'


class PrincipleTableDirective(HandbookViewDirective):
    """All principles, with status and how much evidence, revision and guidance each has."""

    kind = 'principle-table'
