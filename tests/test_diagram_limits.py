"""The pictures at the limits of their input: text of any length, dates at the ends
of the calendar, and many pictures in one document (a single-page build)."""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable

import pytest
from babel import Locale
from bs4 import BeautifulSoup, Tag
from common import page
from gov_provenance.diagram import Placement, TimeAxis, principle_diagram, text_width, wrap
from gov_provenance.diagram.marks import Span
from gov_provenance.model import GovObject, Written
from gov_provenance.views import EvidenceGroup, PrincipleView
from sphinx.testing.util import SphinxTestApp

#: how much longer than SHORT text LONG text (8 times as long) may take to set; a
#: layout that re-measures what it has read takes about 64 times as long
GROWTH_BOUND = 24
SHORT, LONG = 16_000, 128_000


def cost(work: Callable[[int], object], length: int) -> float:
    """The least time ``work`` takes on ``length`` characters, over a few tries."""
    best = float('inf')
    for _ in range(3):
        start = time.perf_counter()
        work(length)
        best = min(best, time.perf_counter() - start)
    return best


def growth(work: Callable[[int], object]) -> float:
    work(SHORT)  # warm up
    return cost(work, LONG) / cost(work, SHORT)


def principle_shaped_at(meeting_fields: dict[str, object], label: str = 'Label'
                        ) -> PrincipleView:
    meeting = GovObject('meeting', 'M1', 'meetings', 'm1', Written('meetings.md', 1),
                        meeting_fields)
    opinion = GovObject('opinion', 'O1', 'meetings', 'o1', Written('meetings.md', 2),
                        {'meeting': 'M1'})
    principle = GovObject('principle', 'P1', 'principles', 'p1', Written('principles.md', 1),
                          {'number': 1, 'label': label})
    group = EvidenceGroup('meeting', 'M1', meeting, (opinion,), 'p1-from-m1')
    return PrincipleView(principle, (group,), (), (), ())


PLACEMENT = Placement(lambda obj, anchor: f'#{anchor or obj.anchor}', Locale.parse('en'),
                      'picture')


@pytest.mark.parametrize('unit', ['a', 'あ', 'word ', 'e\u0301', '「あ」'],
                         ids=['one-long-word', 'cjk', 'words', 'combining', 'brackets'])
def test_wrapping_takes_time_in_proportion_to_the_text(unit: str) -> None:
    def set_label(length: int) -> list[str]:
        return wrap(unit * (length // len(unit)), 344, 14, 2)

    assert growth(set_label) < GROWTH_BOUND


def test_a_long_title_is_drawn_in_time_in_proportion_to_it() -> None:
    def draw(length: int) -> object:
        return principle_diagram(principle_shaped_at(
            {'date': '2022-01-24', 'title': 'x' * length}), PLACEMENT)

    assert growth(draw) < GROWTH_BOUND


def test_a_long_title_is_cut_in_the_picture_and_given_whole_in_its_name() -> None:
    title = 'あ' * 100_000
    drawn = principle_diagram(principle_shaped_at({'date': '2022-01-24', 'title': title}),
                              PLACEMENT)
    assert drawn is not None
    svg = BeautifulSoup(drawn.children[0].astext(), 'html.parser')
    link = svg.find('a')
    assert isinstance(link, Tag)
    lines = [tspan.get_text() for tspan in link.find_all('tspan')]
    assert len(lines) == 2 and lines[1].endswith('…')
    assert all(text_width(line, 14) <= 360 for line in lines)
    name = link.find('title')
    assert isinstance(name, Tag) and title in name.get_text()


def test_the_time_axis_reaches_the_last_day_of_the_calendar() -> None:
    last = dt.date.max
    axis = TimeAxis.around([Span(dt.date(9999, 10, 1), last)], 0, 300)
    assert axis.end == last
    assert axis.x(last) == 300
    ticks = axis.ticks(Locale.parse('en'))
    # the axis closes on the last day, which starts no month and has no label
    assert ticks[-1] == (last, '', '')
    assert [label for _, label, _ in ticks if label] == ['Oct 9999', 'Nov', 'Dec']


@pytest.mark.sphinx('html', testroot='diagram-calendar-end')
def test_a_meeting_on_the_last_day_of_the_calendar_is_drawn(app: SphinxTestApp) -> None:
    app.build()
    assert app.statuscode == 0
    assert app.warning.getvalue() == ''
    svg = page(app, 'index').find('svg', class_='gov-diagram-svg')
    assert isinstance(svg, Tag)
    marks = svg.select('a .gov-diagram-mark')
    assert {mark.name for mark in marks} == {'circle', 'rect'}


@pytest.mark.sphinx('singlehtml', testroot='diagram', srcdir='diagram-singlehtml')
def test_pictures_have_ids_of_their_own_on_a_single_page(app: SphinxTestApp) -> None:
    app.build()
    single = page(app, 'index')
    pictures = single.find_all('svg', class_='gov-diagram-svg')
    assert len(pictures) >= 3  # two principles' and the matrix's
    ids = Counter(str(tag['id']) for tag in single.find_all(id=True))
    assert [ident for ident, count in ids.items() if count > 1] == []
    for picture in pictures:
        title = single.find(id=str(picture['aria-labelledby']))
        assert title is not None and title.parent is picture
