"""The domain's own nodes: placeholders for generated views, and collapsed notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
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
