"""The ids of a document being written, and those its views give it.

A view gives its headings, groups, tables and pictures ids of their own, made from the
ids of the objects it shows (``gov-principle-p01-from-m01``) or from its place on the
page (``gov-coverage-pending-1``). An element of the page may have one of them already:
a label, a heading, or the anchor of an object whose id looks like a generated one. The
view's id is then numbered, so that no two elements of the page share an id, and a
warning says which id was taken (links to the view's place would lead to the other).
Two views that would give one id are numbered without a warning: they show objects
whose ids differ only in case or punctuation, or one id twice, which the checks of the
whole handbook report (``gov.similar-id``, ``gov.duplicate-id``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from docutils import nodes

from .messages import __
from .text import quoted
from .warnings_ import GovWarning, Location, warn


class PageAnchors:
    """The ids taken in one document being written (for a single-page build, the whole
    handbook), and the ids its views claim."""

    def __init__(self, written: Iterable[str]) -> None:
        #: the ids the page has before its views are drawn (:func:`page_ids`)
        self.written = frozenset(written)
        self.taken = set(self.written)

    def claim(self, wanted: str, location: Location, suffixes: Sequence[str] = ('',)) -> str:
        """``wanted``, or ``wanted-2`` (and so on) when the page has it already, after a
        warning; with ``suffixes``, an id prefix whose every ``prefix + suffix`` is free."""
        given, number = wanted, 1
        while any(given + suffix in self.taken for suffix in suffixes):
            number += 1
            given = f'{wanted}-{number}'
        if any(wanted + suffix in self.written for suffix in suffixes):
            warn(GovWarning.ANCHOR_TAKEN, __(
                'a view gives the id %(wanted)s, which an element of the page has already (a '
                'label, a heading, or the anchor of an object whose id looks like a generated '
                'one): the view takes %(given)s, and links to its place lead to the other '
                'element; rename that label or id'
            ) % {'wanted': quoted(wanted + suffixes[0]), 'given': quoted(given + suffixes[0])},
                location)
        self.taken.update(given + suffix for suffix in suffixes)
        return given


def views_and_ids(doctree: nodes.document, placeholder: type[nodes.Element]
                  ) -> tuple[list[nodes.Element], set[str]]:
    """The ``placeholder`` nodes of a document and every id it has, in one walk of it:
    a page of a large handbook has thousands of nodes, and each page is walked."""
    found: list[nodes.Element] = []
    ids: set[str] = set()
    for node in doctree.findall(nodes.Element):
        if node['ids']:
            ids.update(node['ids'])
        if isinstance(node, placeholder):
            found.append(node)
    return found, ids
