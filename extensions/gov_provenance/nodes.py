"""The nodes of the domain: how an object is shown where it is defined, the one way
to link to an object, the placeholders of generated views, collapsed notes, and the
summary taken from a body.

Directives (:mod:`.directives`) call these builders; the views drawn later
(:mod:`.rendering`) use the same badges and links.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import NoUri

from .locale import field_label, object_label, reader_date, value_label, view_label
from .model import INFERABLE_FIELD, STATUS_TONES, FieldValue, GovObject
from .text import SummaryParts, SummaryRef
from .vocabulary import FieldKind, FieldSpec

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.writers.html5 import HTML5Translator


class gov_view(nodes.General, nodes.Element):  # docutils names node classes in lower case
    """Where a generated view goes.

    Attributes: ``kind`` (which view), ``target`` (the id it is about, or empty
    for views over the whole handbook) and ``number`` (its place among the page's
    views), ``primary`` (whether it shows the page's own subject, see
    :meth:`~gov_provenance.directives.GovDirective.view_node`). It is replaced when the
    document is resolved (see
    :mod:`gov_provenance.rendering`).
    """


def skip_view(self: object, node: gov_view) -> None:
    """A placeholder no ``doctree-resolved`` handler filled shows nothing."""
    raise nodes.SkipNode


class gov_notes(nodes.container):
    """Notes on an object's sources and certainty, shown collapsed.

    Its first child is the title (a rubric); HTML shows it as the ``<summary>`` of a
    ``<details>`` element, other writers as the container and rubric it is made of.
    """


def visit_notes_html(self: HTML5Translator, node: gov_notes) -> None:
    title, *body = node.children
    self.body.append(self.starttag(node, 'details'))
    self.body.append(f'<summary>{self.encode(title.astext())}</summary>\n')
    for child in body:
        child.walkabout(self)
    self.body.append('</details>\n')
    raise nodes.SkipNode


# -- an object, where it is defined --------------------------------------------------


def object_container(
    obj: GovObject, body: list[nodes.Node], heading: str, language: str | None
) -> nodes.container:
    """The object as its page shows it: its header, its fields, then ``body``.

    ``heading`` is the text of the section heading it is written under.
    """
    container = nodes.container('', classes=['gov-object', f'gov-{obj.objtype}'],
                                ids=[obj.anchor])
    container += object_header(obj, heading)
    fields = field_list(obj, language)
    if fields.children:
        container += fields
    container.extend(body)
    return container


def index_entries(obj: GovObject) -> list[nodes.Node]:
    """The object's entry in Sphinx's general index, for the types listed there."""
    if not obj.spec.in_general_index:
        return []
    entry = f'{object_label(obj.objtype)}; {obj.display_name}'
    return [addnodes.index(entries=[('single', entry, obj.anchor, '', None)])]


def object_header(obj: GovObject, heading: str) -> nodes.paragraph:
    """The object's kind, name, title and status, and its id as a citation chip.

    Under a heading that already names the object (a principle's own page), the
    header does not repeat the name and title; nor does it repeat the opening of the
    text that follows it (an object named by its summary).
    """
    header = nodes.paragraph('', classes=['gov-object-header'])
    header += nodes.inline('', object_label(obj.objtype), classes=['gov-kind'])
    name = obj.display_name if obj.display_name != obj.id and not obj.named_by_summary else ''
    title = obj.title if obj.title != name else ''
    for text, cls in ((name, 'gov-name'), (title, 'gov-title')):
        if text and text not in heading:
            header += nodes.Text(' ')
            header += nodes.inline('', text, classes=[cls])
    if obj.number_inferred:
        header += nodes.Text(' ')
        header += nodes.reference('', '', number_inferred_badge(), internal=True,
                                  refid=number_inferred_anchor(obj))
    if obj.status:
        header += nodes.Text(' ')
        header += status_badge(obj.status)
    header += nodes.Text(' ')
    header += citation_chip(obj)
    return header


def number_inferred_anchor(principle: GovObject) -> str:
    """Where a principle says why its number is paired with its title by inference."""
    return nodes.make_id(f'{principle.anchor}-number-inferred')


def field_list(obj: GovObject, language: str | None) -> nodes.field_list:
    """The fields the header and the views do not show."""
    result = nodes.field_list('', classes=['gov-fields'])
    for spec in obj.spec.fields:
        if not spec.in_field_list or spec.name not in obj.fields:
            continue
        field = nodes.field()
        name = nodes.field_name('', field_label(spec.name))
        if spec.name == 'number-inferred':  # where the mark beside its title leads
            name['ids'] = [number_inferred_anchor(obj)]
        field += name
        shown = field_value(spec, obj.fields[spec.name], language)
        if spec.name == INFERABLE_FIELD.get(obj.objtype) and obj.links_inferred:
            shown += [nodes.Text(' '), inferred_badge()]
        field += nodes.field_body('', nodes.paragraph('', '', *shown))
        result += field
    return result


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


class ObjectLinks:
    """Resolved links to objects from the page ``docname``: a role's (resolved by the
    domain) and a view's are made alike, showing the object's name (or other content)
    and saying on hover what the object is.

    An object on a page outside the document being written (a LaTeX or Texinfo build
    of some chapters) has no address in it: the link leads to the object's web page
    when ``html_baseurl`` gives one, and is plain text otherwise.
    """

    def __init__(self, builder: Builder, docname: str) -> None:
        self.builder = builder
        self.docname = docname
        #: the relative URI of each page linked to (views link to few pages, many times);
        #: empty for a page the document being written does not hold
        self._page_uris: dict[str, str] = {}

    def link(self, obj: GovObject, content: nodes.Element | None = None,
             anchor: str = '') -> nodes.Element:
        """A link to ``obj`` (or to ``anchor`` inside it) that shows its name, or
        ``content`` when given; only ``content`` where ``obj`` cannot be linked to."""
        content = content if content is not None else nodes.inline('', obj.display_name)
        target = anchor or obj.anchor
        uri = self.uri(obj, target)
        if uri is None:
            return content
        link = nodes.reference('', '', content, internal=not _is_absolute(uri),
                               reftitle=link_title(obj))
        if uri:
            link['refuri'] = uri
        else:
            link['refid'] = target
        return link

    def uri(self, obj: GovObject, target: str) -> str | None:
        """The address of ``target`` in ``obj``'s page from the page written: ``''`` on
        that page itself, ``None`` where the page cannot be linked to."""
        if obj.docname == self.docname:
            return ''
        page = self.page_uri(obj.docname)
        return f'{page}#{target}' if page else None

    def href(self, obj: GovObject, anchor: str = '') -> str:
        """The URL of ``obj`` (or of ``anchor`` inside it) for markup that no writer
        rewrites (a picture's links); empty where ``obj`` cannot be linked to."""
        target = anchor or obj.anchor
        if obj.docname == self.docname:
            return f'#{target}'
        page = self.page_uri(obj.docname)
        if not page:
            return ''
        # a single-page build gives ``#document-…``: the target is on this page
        return f'#{target}' if '#' in page else f'{page}#{target}'

    def page_uri(self, docname: str) -> str:
        if docname not in self._page_uris:
            try:
                uri = self.builder.get_relative_uri(self.docname, docname)
            except NoUri:
                uri = web_page_uri(self.builder.config, docname)
            self._page_uris[docname] = uri
        return self._page_uris[docname]


def web_page_uri(config: Config, docname: str) -> str:
    """The address of a page on the published site (``html_baseurl``), or ``''``."""
    base = config.html_baseurl
    if not base:
        return ''
    suffix = config.html_file_suffix or '.html'
    return f'{base.rstrip("/")}/{docname}{suffix}'


def _is_absolute(uri: str) -> bool:
    return '://' in uri


def link_title(obj: GovObject) -> str:
    """What a link to ``obj`` says on hover: its kind, id and title."""
    title = f'{object_label(obj.objtype)} {obj.id}'
    if obj.title and obj.title != obj.display_name:
        title += f': {obj.title}'
    return title


def citation_chip(obj: GovObject) -> nodes.inline:
    """The id others cite the object by, small, beside its name: 「引用用 ID: P01」."""
    chip = nodes.inline('', view_label('citation-id') + ' ', classes=['gov-cite-id'])
    chip += nodes.reference('', obj.id, refid=obj.anchor, classes=['gov-id'], reftitle=obj.id)
    return chip


def status_badge(status: str) -> nodes.inline:
    """A status in words, with the classes of :func:`status_classes`."""
    return nodes.inline('', value_label(status), classes=status_classes(status))


def status_classes(status: str) -> list[str]:
    """A status's classes: its own and its tone's (:data:`.model.STATUS_TONES`)."""
    return ['gov-status', f'gov-status-{status}', f'gov-tone-{STATUS_TONES[status].value}']


def inferred_badge() -> nodes.inline:
    """The mark of a link that the record does not state: a word, not a colour alone."""
    return nodes.inline('', view_label('inferred'), classes=['gov-inferred'])


def number_inferred_badge() -> nodes.inline:
    """The mark beside a principle whose number and title are paired by inference."""
    return nodes.inline('', view_label('number-inferred'),
                        classes=['gov-inferred', 'gov-number-inferred'])


def plain_paragraphs(text: str) -> list[nodes.Node]:
    """Untrusted text as paragraphs of plain text, split at blank lines."""
    return [
        nodes.paragraph('', '', nodes.Text(chunk.strip()))
        for chunk in re.split(r'\n\s*\n', text) if chunk.strip()
    ]


# -- the summary other pages show ------------------------------------------------------

#: nodes of a body that are not its prose: markup for one writer, comments, messages
NOT_PROSE = (nodes.raw, nodes.comment, nodes.system_message)


def summary_parts(body: list[nodes.Node]) -> SummaryParts:
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
            if not isinstance(node, (nodes.TextElement, nodes.Inline)):
                parts.append(' ')


def _names_an_object(node: addnodes.pending_xref) -> bool:
    """A link that shows the name of the object it names (no text of its own)."""
    if node.get('refexplicit'):
        return False
    return node.get('refdomain') == 'gov' or node.get('reftype') == 'any'
