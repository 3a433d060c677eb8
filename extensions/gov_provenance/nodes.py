"""Placeholder nodes, replaced by generated views when a document is resolved."""

from __future__ import annotations

from docutils import nodes


class gov_view(nodes.General, nodes.Element):  # docutils names node classes in lower case
    """Where a generated view goes.

    Attributes: ``kind`` (which view) and ``target`` (the id it is about, or
    empty for views over the whole handbook). The node is replaced by the
    :class:`~gov_provenance.transforms.RenderViews` post-transform.
    """


def skip_view(self: object, node: gov_view) -> None:
    """A view left unrendered (a builder without post-transforms) shows nothing."""
    raise nodes.SkipNode
