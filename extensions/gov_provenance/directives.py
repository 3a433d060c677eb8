"""One directive per object type, and the directives that place handbook-wide views."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar, cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_id

from .locale import field_label, object_label, value_label
from .model import (
    ID_PATTERN,
    OBJECT_TYPES,
    FieldKind,
    FieldSpec,
    FieldValue,
    GovObject,
    ObjectType,
    content_digest,
    parse_date,
    parse_period,
    shorten,
    split_ids,
)
from .nodes import gov_view
from .views import OBJECT_VIEWS

if TYPE_CHECKING:
    from .domain import GovDomain

logger = logging.getLogger(__name__)

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

    def warn(self, subtype: str, message: str, option: str | None = None) -> None:
        source, _ = self.get_source_info()
        line = self.option_line(option) if option else self.lineno
        logger.warning(message, location=f'{source}:{line}', type='gov', subtype=subtype)

    def option_line(self, option: str) -> int:
        """The line where ``:option:`` is written, or the directive's own line."""
        for offset, line in enumerate(self.block_text.splitlines()):
            if line.lstrip().startswith(f':{option}:'):
                return self.lineno + offset
        return self.lineno

    def view_node(self, kind: str, target: str = '') -> gov_view:
        self.gov_domain.note_view(self.env.docname, kind, target)
        return gov_view('', kind=kind, target=target)


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
            self.warn('missing-id', (
                f'{self.directive_name} has no id: give one after the directive name, '
                f'e.g. ":::{{{self.directive_name}}} EXAMPLE-1"'
            ))
            return body
        if not ID_PATTERN.match(object_id):
            self.warn('invalid-id', (
                f'{self.directive_name} id {object_id!r} is not valid: use letters, digits, '
                '".", "_" and "-", starting with a letter or digit'
            ))
            return body

        fields = self.parse_fields(object_id)
        anchor = make_id(self.env, self.state.document, f'gov-{self.objtype}', object_id)
        obj = GovObject(
            objtype=self.objtype,
            id=object_id,
            docname=self.env.docname,
            lineno=self.lineno,
            anchor=anchor,
            fields=fields,
            option_lines={name: self.option_line(name) for name in self.options},
            summary=shorten(str(fields.get('summary', '')) or _plain_text(body)),
            digest=content_digest(
                self.objtype, object_id, self.env.docname, anchor,
                sorted(fields.items()), '\n'.join(self.content),
            ),
        )
        self.gov_domain.note_object(obj)
        return self.render(obj, body)

    # -- fields -----------------------------------------------------------------

    def parse_fields(self, object_id: str) -> dict[str, FieldValue]:
        fields: dict[str, FieldValue] = {}
        for spec in self.spec.fields:
            raw = self.options.get(spec.name)
            if raw is None or not str(raw).strip():
                if spec.required:
                    self.warn('missing-option', (
                        f'{self.directive_name} {object_id!r} needs the :{spec.name}: option '
                        f'({spec.help}); add it under the directive line'
                    ))
                if spec.default is not None:
                    fields[spec.name] = spec.default
                continue
            value = self.parse_field(object_id, spec, str(raw).strip())
            if value is not None:
                fields[spec.name] = value
            elif spec.default is not None:
                fields[spec.name] = spec.default
        return fields

    def parse_field(self, object_id: str, spec: FieldSpec, raw: str) -> FieldValue | None:
        where = f'{self.directive_name} {object_id!r} :{spec.name}:'
        if spec.kind is FieldKind.REF:
            ids = split_ids(raw)
            if len(ids) != 1:
                self.warn('invalid-option', f'{where} takes exactly one id, got {raw!r}',
                          spec.name)
                return None
            return ids[0]
        if spec.kind is FieldKind.REFS:
            return split_ids(raw)
        if spec.kind in {FieldKind.STATUS, FieldKind.CHOICE}:
            if raw in spec.choices:
                return raw
            subtype = 'unknown-status' if spec.kind is FieldKind.STATUS else 'invalid-option'
            fallback = f'; {spec.default!r} is used meanwhile' if spec.default else ''
            self.warn(subtype, (
                f'{where} value {raw!r} is unknown: use one of {", ".join(spec.choices)}'
                f'{fallback}'
            ), spec.name)
            return None
        if spec.kind is FieldKind.INTEGER:
            if raw.isdigit():
                return int(raw)
            self.warn('invalid-option', f'{where} must be a whole number, got {raw!r}',
                      spec.name)
            return None
        if spec.kind is FieldKind.DATE:
            try:
                return parse_date(raw).isoformat()
            except ValueError:
                self.warn('invalid-date', (
                    f'{where} {raw!r} is not a date: write it as YYYY-MM-DD, e.g. 2022-01-24'
                ), spec.name)
                return None
        if spec.kind is FieldKind.PERIOD:
            try:
                first, last = parse_period(raw)
            except ValueError:
                self.warn('invalid-date', (
                    f'{where} {raw!r} is not a period: write YYYY-MM-DD or '
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
            container += self.view_node(obj.objtype, obj.id)
        result: list[nodes.Node] = []
        if obj.objtype in GENERAL_INDEX_TYPES:
            entry = f'{object_label(obj.objtype)}; {obj.display_name}'
            result.append(addnodes.index(entries=[('single', entry, obj.anchor, '', None)]))
        result.append(container)
        return result

    def header(self, obj: GovObject) -> nodes.paragraph:
        header = nodes.paragraph('', classes=['gov-object-header'])
        header += nodes.inline('', object_label(obj.objtype), classes=['gov-kind'])
        header += nodes.Text(' ')
        header += nodes.reference(
            '', obj.id, refid=obj.anchor, classes=['gov-id'], reftitle=obj.id
        )
        name = obj.display_name if obj.display_name != obj.id else ''
        title = obj.title if obj.title != name else ''
        for text, cls in ((name, 'gov-name'), (title, 'gov-title')):
            if text:
                header += nodes.Text(' ')
                header += nodes.inline('', text, classes=[cls])
        if obj.status:
            header += nodes.Text(' ')
            header += status_badge(obj.status)
        return header

    def field_list(self, obj: GovObject) -> nodes.field_list:
        hidden = PRINCIPLE_HEADER_FIELDS if obj.objtype == 'principle' else HEADER_FIELDS
        field_list = nodes.field_list('', classes=['gov-fields'])
        for spec in self.spec.fields:
            if spec.name in hidden or spec.name == 'status' or spec.name not in obj.fields:
                continue
            value = obj.fields[spec.name]
            field = nodes.field()
            field += nodes.field_name('', field_label(spec.name))
            field += nodes.field_body('', nodes.paragraph('', '', *field_value(spec, value)))
            field_list += field
        return field_list


def field_value(spec: FieldSpec, value: FieldValue) -> list[nodes.Node]:
    """Render one field's value: links for references, labels for choices, text otherwise."""
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
    if spec.kind is FieldKind.PERIOD:
        return [nodes.Text(str(value).replace('/', ' – '))]
    return [nodes.Text(str(value))]


def field_xref(spec: FieldSpec, target: str) -> addnodes.pending_xref:
    """A link written by a field; a dangling one is reported by the consistency check."""
    reftype = spec.targets[0] if len(spec.targets) == 1 else 'any-evidence'
    return addnodes.pending_xref(
        '', nodes.inline('', target, classes=['gov-ref']),
        refdomain='gov', reftype=reftype, reftarget=target,
        refexplicit=False, refwarn=False, gov_field=True,
    )


def status_badge(status: str) -> nodes.inline:
    return nodes.inline('', value_label(status), classes=['gov-status', f'gov-status-{status}'])


#: nodes of a body that are not its prose: markup for one writer, comments, messages
NOT_PROSE = (nodes.raw, nodes.comment, nodes.system_message)
#: the space a removed citation leaves before closing punctuation
SPACE_BEFORE_PUNCTUATION = re.compile(r'\s+(?=[。、，．,.;:)）」』])')


def _plain_text(body: list[nodes.Node]) -> str:
    """The body's text as a reader sees it, for the summary other pages show.

    Citations show a label, not their key. Raw HTML is authored for its own page
    and comments for its source: neither becomes text elsewhere.
    """
    texts = []
    for node in body:
        if isinstance(node, NOT_PROSE):
            continue
        if isinstance(node, nodes.Element):
            node = node.deepcopy()
            for inner in list(node.findall(_left_out_of_summary)):
                inner.parent.remove(inner)
        texts.append(node.astext())
    return SPACE_BEFORE_PUNCTUATION.sub('', ' '.join(text for text in texts if text.strip()))


def _left_out_of_summary(node: nodes.Node) -> bool:
    if isinstance(node, NOT_PROSE):
        return True
    return isinstance(node, addnodes.pending_xref) and node.get('refdomain') == 'cite'


def object_directive(objtype: str) -> type[GovObjectDirective]:
    """The directive class of one object type, with an option per field."""
    option_spec = {spec.name: directives.unchanged for spec in OBJECT_TYPES[objtype].fields}
    name = ''.join(part.title() for part in objtype.split('-')) + 'Directive'
    return type(name, (GovObjectDirective,), {'objtype': objtype, 'option_spec': option_spec})


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
