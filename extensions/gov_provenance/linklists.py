"""Lists of links to objects, the bulk of every view: one node a list in HTML.

A list item built of docutils nodes is eight nodes (item, paragraph, reference,
inline, texts, badges); a handbook of 20,000 findings draws some 40,000 such lists,
and creating, writing and collecting those nodes was most of what the views cost.
For HTML the list is one :class:`gov_object_list` node that writes the markup the
HTML writer writes for the same nodes; every other writer gets the nodes themselves
(:func:`list_nodes`), built from the same :class:`ListedObject` items.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from docutils import nodes

from .locale import value_label, view_label
from .model import GovObject
from .nodes import ObjectLinks, inferred_badge, link_title, status_badge, status_classes

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator


class ListedObject(NamedTuple):
    """One item of a list of objects: a link that shows ``label``, then ``detail``,
    the object's status and whether it is linked by inference."""

    #: the page and anchor linked to; ``''`` for an anchor of the page itself
    #: (``refid``), ``None`` where the object cannot be linked to
    refuri: str | None
    refid: str
    #: what the link says on hover
    title: str
    label: str
    #: text after the link (a summary or title), or ``''``
    detail: str
    #: the object's status, or ``''``
    status: str
    inferred: bool

    @property
    def internal(self) -> bool:
        return '://' not in (self.refuri or '')


class gov_object_list(nodes.General, nodes.Element):  # docutils names node classes in lower case
    """A bullet list of links to objects, written by :func:`visit_object_list_html`.

    Attribute ``items``: the :class:`ListedObject` items, in order.
    """


def label_and_detail(obj: GovObject, detail: str) -> tuple[str, str]:
    """What a link to ``obj`` in a list shows, and the ``detail`` (a summary or title)
    after it: an object named by the opening of its summary is linked by the whole
    summary, and a detail that only repeats the name is left out."""
    if detail and obj.named_by_summary:
        return detail, ''
    return obj.display_name, '' if detail == obj.display_name else detail


def listed(links: ObjectLinks, obj: GovObject, label: str, detail: str = '',
           status: str = '', inferred: bool = False) -> ListedObject:
    """``obj`` as an item of a list of links from the page ``links`` are made on."""
    return ListedObject(links.uri(obj, obj.anchor), obj.anchor, link_title(obj), label,
                        detail, status, inferred)


def object_list(items: Sequence[ListedObject], output_format: str) -> nodes.Element:
    """The list of ``items`` for a writer of ``output_format``."""
    if output_format == 'html':
        return gov_object_list('', items=list(items))
    return list_nodes(items)


# -- docutils nodes, for every writer but HTML --------------------------------------------


def list_nodes(items: Sequence[ListedObject]) -> nodes.bullet_list:
    return nodes.bullet_list('', *(nodes.list_item('', item_paragraph(item)) for item in items))


def item_paragraph(item: ListedObject) -> nodes.paragraph:
    paragraph = nodes.paragraph()
    label = nodes.inline('', item.label)
    if item.refuri is None:
        paragraph += label
    else:
        link = nodes.reference('', '', label, internal=item.internal, reftitle=item.title)
        if item.refuri:
            link['refuri'] = item.refuri
        else:
            link['refid'] = item.refid
        paragraph += link
    if item.detail:
        paragraph += nodes.Text(f' — {item.detail}')
    if item.status:
        paragraph += nodes.Text(' ')
        paragraph += status_badge(item.status)
    if item.inferred:
        paragraph += nodes.Text(' ')
        paragraph += inferred_badge()
    return paragraph


# -- HTML -----------------------------------------------------------------------------------


def visit_object_list_html(self: HTML5Translator, node: gov_object_list) -> None:
    """Write the list as the HTML writer writes :func:`list_nodes`' nodes."""
    self.body.append(self.starttag(node, 'ul', CLASS='simple'))
    for item in node['items']:
        self.body.append(f'<li><p>{_item_html(self, item)}</p></li>\n')
    self.body.append('</ul>\n')
    raise nodes.SkipNode


def _item_html(self: HTML5Translator, item: ListedObject) -> str:
    html = f'<span>{self.encode(item.label)}</span>'
    if item.refuri is not None:
        kind = 'internal' if item.internal else 'external'
        href = item.refuri or f'#{item.refid}'
        html = (f'<a class="reference {kind}" href="{self.attval(href)}" '
                f'title="{self.attval(item.title)}">{html}</a>')
    if item.detail:
        html += self.encode(f' — {item.detail}')
    if item.status:
        html += (f' <span class="{" ".join(status_classes(item.status))}">'
                 f'{self.encode(value_label(item.status))}</span>')
    if item.inferred:
        html += f' <span class="gov-inferred">{self.encode(view_label("inferred"))}</span>'
    return html
