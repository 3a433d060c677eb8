"""Roles that link to the domain's objects: ``{gov:principle}`P01``` and the like."""

from __future__ import annotations

from docutils import nodes
from sphinx.roles import XRefRole


class GovXRefRole(XRefRole):
    """Link to an object by id; the link shows the object's name unless a title is given.

    ``{gov:principle}`P03``` shows "#3 アクセシビリティ";
    ``{gov:principle}`this principle <P03>``` shows the given title.
    """

    def __init__(self) -> None:
        super().__init__(innernodeclass=nodes.inline, warn_dangling=True)
