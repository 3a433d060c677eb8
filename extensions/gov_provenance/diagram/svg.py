"""The pieces every picture is drawn with, as ElementTree elements.

Text from the records only ever becomes an element's text or an attribute's value,
which ElementTree escapes when it writes them: no value can become markup.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence

from ..locale import view_label
from ..model import OBJECT_TYPES
from ..vocabulary import Shape
from .text import text_width

#: the width of every picture in SVG units: about a phone's text column in CSS
#: pixels, so that text drawn at 14 units reads at about 14 px there
WIDTH = 360
MARGIN = 8
LABEL_SIZE = 14
SMALL_SIZE = 12
LABEL_LINE = 18
SMALL_LINE = 14
#: how many lines a label may take before it is cut short (the list says it in full)
LABEL_LINES = 2
#: the object types a picture draws, in the order of their shapes (the legend's order)
SHAPES = tuple(name for shape in Shape for name, spec in OBJECT_TYPES.items()
               if spec.shape is shape)

Element = ET.Element


def number(value: float) -> str:
    """A coordinate as SVG writes it: at most one decimal, the same on every build."""
    return f'{value:.1f}'.removesuffix('.0')


def element(name: str, children: Iterable[Element | None] = (), text: str | None = None,
            **attributes: str | float | None) -> Element:
    """``<name attributes>text children</name>``; an attribute name ending in ``_``
    loses it (``class_``), and ``_`` between words becomes ``-``."""
    drawn = Element(name, {
        key.rstrip('_').replace('_', '-'): number(value) if isinstance(value, float | int)
        else value
        for key, value in attributes.items() if value is not None
    })
    drawn.text = text or None
    drawn.extend(child for child in children if child is not None)
    return drawn


def written(drawn: Element) -> str:
    return ET.tostring(drawn, encoding='unicode')


def picture(ident: str, height: float, title_key: str, desc_key: str,
            parts: Iterable[Element | None]) -> Element:
    return element(
        'svg',
        [element('title', text=view_label(title_key), id=f'{ident}-title'),
         element('desc', text=view_label(desc_key), id=f'{ident}-desc'), *parts],
        xmlns='http://www.w3.org/2000/svg', class_='gov-diagram-svg',
        viewBox=f'0 0 {WIDTH} {number(height)}', width=WIDTH, height=number(height),
        role='group', aria_labelledby=f'{ident}-title', aria_describedby=f'{ident}-desc',
    )


def anchor(href: str, name: str, content: Iterable[Element | None], cls: str) -> Element:
    """A link whose accessible name (and tooltip) is ``name``, in full; without
    ``href``, a mark that leads nowhere."""
    return element('a', [element('title', text=name), *content], href=href or None,
                   class_=f'gov-diagram-link {cls}')


def group(parts: Iterable[Element | None], hidden: bool = False) -> Element | None:
    children = [part for part in parts if part is not None]
    if not children:
        return None
    return element('g', children, aria_hidden='true' if hidden else None)


def text(content: str, x: float, y: float, cls: str, size: float,
         anchor: str = 'start') -> Element:
    return element('text', text=content, x=x, y=y, class_=cls, font_size=size,
                   text_anchor=anchor if anchor != 'start' else None)


def label(lines: Sequence[str], x: float, y: float, cls: str = 'gov-diagram-label') -> Element:
    return set_lines(lines, x, y, cls, LABEL_SIZE)


def set_lines(lines: Sequence[str], x: float, y: float, cls: str, size: float,
              anchor: str = 'start') -> Element:
    """Text set in ``lines``, the first on the baseline ``y``."""
    step = LABEL_LINE if size == LABEL_SIZE else SMALL_LINE
    spans = [element('tspan', text=line, x=x, dy=step if index else None)
             for index, line in enumerate(lines)]
    return element('text', spans, x=x, y=y, class_=cls, font_size=size,
                   text_anchor=anchor if anchor != 'start' else None)


def hit_area(x: float, y: float, width: float, height: float) -> Element:
    """The area a pointer or a finger selects, which shows the focus too."""
    return element('rect', x=x, y=y, width=width, height=height, rx=4,
                   class_='gov-diagram-hit')


def shape(kind: str, left: float, right: float, y: float, inferred: bool,
          size: float = 6) -> Element:
    """The mark of an object of type ``kind``, by the type's shape: a meeting's circle, a
    source's square (a bar across its period), a revision's diamond; a dashed outline
    for a link inferred."""
    cls = f'gov-diagram-mark gov-diagram-mark-{kind}' + (' gov-diagram-dashed' if inferred
                                                         else '')
    middle = (left + right) / 2
    drawn = OBJECT_TYPES[kind].shape
    if drawn is Shape.CIRCLE:
        return element('circle', cx=middle, cy=y, r=size, class_=cls)
    if drawn is Shape.BAR:
        return element('rect', x=left, y=y - size, width=right - left, height=2 * size,
                       rx=2.5, class_=cls)
    corners = [(middle, y - size - 1), (middle + size + 1, y), (middle, y + size + 1),
               (middle - size - 1, y)]
    return element('polygon', points=' '.join(f'{number(x)},{number(y)}' for x, y in corners),
                   class_=cls)


def legend(shapes: Sequence[str], inferred: bool, top: float) -> tuple[Element | None, float]:
    """What each shape means, in words; the picture's height below it."""
    entries: list[tuple[str | None, str]] = [
        (kind, view_label(f'diagram-legend-{kind}')) for kind in shapes]
    if inferred:  # a dashed circle
        entries.append((None, view_label('diagram-legend-inferred')))
    parts = []
    x, y = float(MARGIN), top + 10
    for kind, words in entries:
        width = 16 + text_width(words, SMALL_SIZE)
        if x > MARGIN and x + width > WIDTH - MARGIN:
            x, y = MARGIN, y + 18
        if kind is None:
            parts.append(element('circle', cx=x + 6, cy=y, r=5.5,
                                 class_='gov-diagram-mark gov-diagram-dashed '
                                        'gov-diagram-mark-legend'))
        else:
            parts.append(shape(kind, x + 1, x + 11, y, False, size=5))
        parts.append(text(words, x + 16, y + 4, 'gov-diagram-tick', SMALL_SIZE))
        x += width + 14
    return group(parts, hidden=True), y + 8 + MARGIN
