"""Placeholder nodes, replaced by generated views when a document is resolved."""

from __future__ import annotations

from docutils import nodes


class gov_view(nodes.General, nodes.Element):  # docutils names node classes in lower case
    """Where a generated view goes.

    Attributes: ``kind`` (which view), ``target`` (the id it is about, or empty
    for views over the whole handbook) and ``number`` (its place among the page's
    views). It is replaced when the document is resolved (see
    :mod:`gov_provenance.rendering`).
    """


def skip_view(self: object, node: gov_view) -> None:
    """A placeholder no ``doctree-resolved`` handler filled shows nothing."""
    raise nodes.SkipNode
