"""Pictures of provenance: the principle and matrix views, drawn as inline SVG.

A principle's picture places the meetings and sources whose voices shaped it, and
its revisions, on a time axis. The matrix's picture sets every principle against
every meeting and source, earliest first, with the revisions reported at each
meeting. Both are drawn at build time from the view model alone
(:class:`.views.PrincipleView`, :class:`.views.MatrixView`), which
:mod:`.incremental` fingerprints: an incremental build draws a picture again exactly
when what it shows changes. Nothing runs in the reader's browser and no program is
called.

Every element of a picture is a link, and a list under it (in ``<details>``) says the
same in words. Colours come from CSS classes (``gov-provenance.css``), so the theme's
dark mode restyles them; shapes and words, not colour alone, tell the kinds apart.
The drawing scales with its ``viewBox`` to the width of the page, and is laid out for
the narrowest one, a phone's.

- :mod:`.marks`: what each picture shows, read from the view models;
- :mod:`.timeline` and :mod:`.grid`: where it is drawn;
- :mod:`.svg`: the elements it is drawn with, escaped as they are written;
- :mod:`.text`: text measured and broken into lines;
- :mod:`.alternative`: the list that says the same in words.
"""

from __future__ import annotations

from docutils import nodes

from ..model import ViewKind
from ..views import MatrixView, PrincipleView
from . import alternative
from .grid import PRINCIPLES_PER_PANEL, GridDrawing
from .marks import Placement, matrix_rows, principle_marks
from .text import NO_LINE_START, text_width, wrap
from .timeline import TimeAxis, TimelineDrawing

__all__ = [
    'NO_LINE_START', 'PRINCIPLES_PER_PANEL', 'Placement', 'TimeAxis', 'figure',
    'matrix_diagram', 'principle_diagram', 'text_width', 'wrap',
]


def figure(view: PrincipleView | MatrixView, placement: Placement) -> list[nodes.Node]:
    """The picture of a view, and the list under it; nothing when there is nothing to draw."""
    if isinstance(view, PrincipleView):
        drawn = principle_diagram(view, placement)
    else:
        drawn = matrix_diagram(view, placement)
    return [drawn] if drawn is not None else []


def principle_diagram(view: PrincipleView, placement: Placement) -> nodes.container | None:
    """The meetings and sources that shaped a principle, and its revisions, in time;
    ``None`` when there is nothing to draw."""
    marks = principle_marks(view, placement)
    if not marks:
        return None
    return alternative.figure(ViewKind.PRINCIPLE.value, TimelineDrawing(marks, placement).svg(),
                              alternative.principle_items(marks))


def matrix_diagram(view: MatrixView, placement: Placement) -> nodes.container | None:
    """Every principle against every meeting and source; ``None`` without principles."""
    if not view.rows:
        return None
    rows = matrix_rows(view, placement)
    return alternative.figure(ViewKind.MATRIX.value, GridDrawing(view.rows, rows, placement).svg(),
                              alternative.matrix_items(rows))
