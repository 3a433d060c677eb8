"""The pictures of provenance: a principle's timeline and the matrix's grid.

The ``diagram`` root (``roots/test-diagram``) records three principles, on one page:

- P1, shaped at meeting M1 (2022-01-24) by opinions O1 and O2 (O2 only by inference),
  by finding F1 of the survey S1 (2022-01-07 to 01-17) and, through its revision R1
  at meeting M2 (2022-03-10), by the workshop S2, whose date is not recorded;
- P2, shaped only by finding F2 of the undated workshop S2;
- P3, shaped by nothing (it records why in ``:gap:``).

The root's language is English, so the labels below are the extension's msgids.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from babel import Locale
from bs4 import BeautifulSoup, Tag
from common import BuiltRoot, absolute, body, object_element, object_uri, page, text
from gov_provenance.diagram import (
    NO_LINE_START,
    PRINCIPLES_PER_PANEL,
    Placement,
    TimeAxis,
    matrix_diagram,
    text_width,
    wrap,
)
from gov_provenance.model import GovObject, Written
from gov_provenance.views import EvidenceGroup, MatrixView, PrincipleView
from sphinx.testing.util import SphinxTestApp
from test_incremental import Project

pytestmark = pytest.mark.sphinx('html', testroot='diagram')

#: where each object of the root is defined: id -> (page, object type)
DEFINED = {
    'P1': ('principles', 'principle'),
    'P2': ('principles', 'principle'),
    'P3': ('principles', 'principle'),
    'M1': ('meetings', 'meeting'),
    'M2': ('meetings', 'meeting'),
    'R1': ('meetings', 'revision'),
    'S1': ('sources', 'source'),
    'S2': ('sources', 'source'),
}


@pytest.fixture
def built(built_root: BuiltRoot) -> SphinxTestApp:
    """The root, built once for every test that only reads the build."""
    return built_root('diagram')


def uri(app: SphinxTestApp, object_id: str) -> str:
    page_name, objtype = DEFINED[object_id]
    return object_uri(app, page_name, objtype, object_id)


def diagram_of(app: SphinxTestApp, page_name: str, principle: str) -> Tag | None:
    """The picture in a principle's view, if it has one."""
    element = object_element(app, page_name, 'principle', principle)
    found = element.find('div', class_='gov-diagram')
    return found if isinstance(found, Tag) else None


def principle_diagram(app: SphinxTestApp, principle: str) -> Tag:
    found = diagram_of(app, 'principles', principle)
    assert found is not None, f'{principle} shows no diagram'
    return found


def drawn_links(diagram: Tag, page_name: str) -> list[tuple[str, str]]:
    """``(uri, accessible name)`` of each link of the picture, in document order."""
    svg = diagram.find('svg')
    assert isinstance(svg, Tag)
    result = []
    for link in svg.find_all('a'):
        name = link.find('title', recursive=False)
        assert isinstance(name, Tag), f'a link of the diagram has no name: {link}'
        result.append((absolute(str(link['href']), page_name), text(name)))
    return result


def listed_links(diagram: Tag, page_name: str) -> list[tuple[str, str]]:
    """``(uri, text)`` of each link of the text under the picture."""
    details = diagram.find('details')
    assert isinstance(details, Tag), 'the diagram has no text alternative'
    return [(absolute(str(a['href']), page_name), text(a)) for a in details.find_all('a')]


def mark_x(mark: Tag) -> float:
    """Where a mark starts across the picture."""
    if mark.name == 'circle':
        return float(mark['cx']) - float(mark['r'])
    if mark.name == 'rect':
        return float(mark['x'])
    return min(float(point.split(',')[0]) for point in str(mark['points']).split())


def marks_of(diagram: Tag) -> list[Tag]:
    """The shape of each link of the picture (the legend's are not links)."""
    svg = diagram.find('svg')
    assert isinstance(svg, Tag)
    result = []
    for link in svg.find_all('a'):
        shapes = link.find_all(class_='gov-diagram-mark')
        assert len(shapes) == 1, f'a link of the diagram draws {len(shapes)} marks'
        result.append(shapes[0])
    return result


@pytest.mark.sphinx('html', testroot='diagram', freshenv=True)
def test_diagram_root_builds_without_warnings(app: SphinxTestApp) -> None:
    app.build()
    assert app.statuscode == 0
    assert app.warning.getvalue() == ''


# -- a principle's picture ------------------------------------------------------------


def test_each_element_links_to_its_object_in_time_order(built: SphinxTestApp) -> None:
    diagram = principle_diagram(built, 'P1')
    # S1 from January 7, M1 on January 24, R1 at M2 on March 10; S2, undated, last
    assert [href for href, _ in drawn_links(diagram, 'principles')] == [
        uri(built, 'S1'), uri(built, 'M1'), uri(built, 'R1'), uri(built, 'S2'),
    ]


def test_each_element_says_what_it_is(built: SphinxTestApp) -> None:
    names = [name for _, name in drawn_links(principle_diagram(built, 'P1'), 'principles')]
    assert [name.partition(' (')[0] for name in names] == [
        'Citizen survey: Findings: 1',
        'First meeting: Opinions: 2',
        'Revision: Name the user',
        'Staff workshop: the source as a whole',
    ]
    assert '(of which inferred: 1)' in names[1]
    assert names[1].endswith('(Jan 24, 2022)')
    assert names[3].endswith('(Date not recorded)')


def test_every_mark_is_a_link(built: SphinxTestApp) -> None:
    diagram = principle_diagram(built, 'P1')
    svg = diagram.find('svg')
    assert isinstance(svg, Tag)
    assert len(marks_of(diagram)) == 4
    # the legend's marks are the only others, hidden from assistive technology
    for mark in svg.find_all(class_='gov-diagram-mark'):
        if mark.find_parent('a') is None:
            assert mark.find_parent('g', attrs={'aria-hidden': 'true'}) is not None


def test_the_text_under_the_picture_says_the_same(built: SphinxTestApp) -> None:
    diagram = principle_diagram(built, 'P1')
    drawn = drawn_links(diagram, 'principles')
    listed = listed_links(diagram, 'principles')
    assert [href for href, _ in listed] == [href for href, _ in drawn]
    details = diagram.find('details')
    assert isinstance(details, Tag)
    items = [text(item) for item in details.find_all('li')]
    for item, (_, name) in zip(items, drawn, strict=True):
        assert item == name
    summary = details.find('summary')
    assert isinstance(summary, Tag) and text(summary) == 'The diagram as text'


def test_the_picture_is_named_and_described(built: SphinxTestApp) -> None:
    svg = principle_diagram(built, 'P1').find('svg')
    assert isinstance(svg, Tag)
    title, desc = by_reference(svg, 'aria-labelledby'), by_reference(svg, 'aria-describedby')
    assert text(title).startswith('When the opinions and findings on this principle were given')
    assert 'Time runs from left to right' in text(desc)
    assert svg['role'] == 'group'
    assert re.fullmatch(r'0 0 360 \d+(\.\d)?', str(svg['viewbox']))


def by_reference(svg: Tag, attribute: str) -> Tag:
    found = svg.find(id=str(svg[attribute]))
    assert isinstance(found, Tag), f'{attribute} names no element of the picture'
    return found


def test_marks_stand_at_their_dates(built: SphinxTestApp) -> None:
    survey, meeting, revision, workshop = marks_of(principle_diagram(built, 'P1'))
    assert (survey.name, meeting.name, revision.name, workshop.name) == (
        'rect', 'circle', 'polygon', 'rect'
    )
    assert mark_x(survey) < mark_x(meeting) < mark_x(revision) < mark_x(workshop)
    # the survey's period is a bar: ten days, wider than a day's square
    assert float(survey['width']) > float(workshop['width'])


def test_undated_marks_stand_apart(built: SphinxTestApp) -> None:
    diagram = principle_diagram(built, 'P1')
    *_, workshop = marks_of(diagram)
    divider = diagram.find('line', class_='gov-diagram-divider')
    assert isinstance(divider, Tag)
    assert mark_x(workshop) > float(divider['x1'])
    assert 'Date not recorded' in text(divider.find_parent('g'))


def test_an_inferred_link_is_dashed(built: SphinxTestApp) -> None:
    marks = marks_of(principle_diagram(built, 'P1'))
    dashed = ['gov-diagram-dashed' in mark['class'] for mark in marks]
    assert dashed == [False, True, False, False]  # M1's group holds the inferred O2


def test_a_principle_shaped_only_by_undated_evidence(built: SphinxTestApp) -> None:
    diagram = principle_diagram(built, 'P2')
    assert drawn_links(diagram, 'principles') == [
        (uri(built, 'S2'), 'Staff workshop: Findings: 1 (Date not recorded)')
    ]
    assert diagram.find(class_='gov-diagram-axis') is None, 'no date, no time axis'


def test_a_principle_without_evidence_has_no_diagram(built: SphinxTestApp) -> None:
    assert diagram_of(built, 'principles', 'P3') is None
    view = object_element(built, 'principles', 'principle', 'P3')
    assert 'No opinion or finding is linked to this principle.' in text(view)


def test_ids_are_unique_on_the_page(built: SphinxTestApp) -> None:
    ids = [str(tag['id']) for tag in page(built, 'principles').find_all(id=True)]
    assert len(ids) == len(set(ids))


# -- the matrix's picture -------------------------------------------------------------


def matrix_picture(app: SphinxTestApp) -> Tag:
    found = body(app, 'matrix').find('div', class_='gov-diagram')
    assert isinstance(found, Tag), 'the matrix shows no diagram'
    return found


def test_matrix_diagram_heads_a_column_per_principle(built: SphinxTestApp) -> None:
    svg = matrix_picture(built).find('svg')
    assert isinstance(svg, Tag)
    headings = svg.find_all('a', class_='gov-diagram-principle')
    assert [absolute(str(a['href']), 'matrix') for a in headings] == [
        uri(built, 'P1'), uri(built, 'P2'), uri(built, 'P3')
    ]
    assert [text(a.title) for a in headings] == ['#1 User focus', '#2 Openness',
                                                 '#3 Accessibility']


def test_matrix_diagram_has_a_row_per_meeting_and_source_in_time_order(
    built: SphinxTestApp,
) -> None:
    links = drawn_links(matrix_picture(built), 'matrix')
    rows = [(href, name) for href, name in links if href in {
        uri(built, object_id) for object_id in ('M1', 'M2', 'S1', 'S2')
    }]
    assert rows == [
        # text() reads the thin and ideographic spaces between date and name as spaces
        (uri(built, 'S1'), 'Jan 7 – 17, 2022 Citizen survey'),
        (uri(built, 'M1'), 'Jan 24, 2022 First meeting'),
        (uri(built, 'M2'), 'Mar 10, 2022 Second meeting'),
        (uri(built, 'S2'), 'Staff workshop (Date not recorded)'),
    ]


def test_matrix_cells_lead_to_the_evidence_on_the_principle_page(
    built: SphinxTestApp,
) -> None:
    svg = matrix_picture(built).find('svg')
    assert isinstance(svg, Tag)
    cells = [(absolute(str(a['href']), 'matrix'), text(a.title))
             for a in svg.find_all('a') if a.find(class_='gov-diagram-mark') is not None]
    principles = page(built, 'principles')
    for href, _ in cells:
        page_name, _, anchor = href.partition('#')
        if page_name == 'principles.html':
            assert principles.find(id=anchor) is not None, f'{href} leads nowhere'
    assert [name for _, name in cells] == [
        '#1 User focus: Findings: 1 — Citizen survey',
        '#1 User focus: Opinions: 2 (of which inferred: 1) — First meeting',
        '#1 User focus: Revision: Name the user — Second meeting',
        '#1 User focus: the source as a whole — Staff workshop',
        '#2 Openness: Findings: 1 — Staff workshop',
    ]
    assert cells[2][0] == uri(built, 'R1')
    counts = [text(a.find('text', class_='gov-diagram-count'))
              for a in svg.find_all('a') if a.find(class_='gov-diagram-mark') is not None]
    # the source as a whole has no items to count: a dash, not a number
    assert counts == ['1', '2', '1', '–', '1']


def test_matrix_text_lists_every_row_and_cell(built: SphinxTestApp) -> None:
    diagram = matrix_picture(built)
    drawn = [href for href, _ in drawn_links(diagram, 'matrix')]
    headings = [uri(built, principle) for principle in ('P1', 'P2', 'P3')]
    # the list names each principle in its cells rather than in headings of its own
    assert [href for href, _ in listed_links(diagram, 'matrix')] == [
        href for href in drawn if href not in headings
    ]
    details = diagram.find('details')
    assert isinstance(details, Tag)
    listed = ' '.join(details.get_text().split())
    assert 'Revisions reported at Second meeting' in listed
    assert 'Second meeting: no evidence linked' in listed


def test_many_principles_are_drawn_in_panels_of_ten() -> None:
    """Columns stay wide enough to read and to tap: the eleventh principle starts a
    second panel under the first, in the first one's column."""
    meeting = GovObject('meeting', 'M1', 'meetings', 'm1', Written('meetings.md', 1),
                        {'date': '2022-01-24'})
    opinion = GovObject('opinion', 'O1', 'meetings', 'o1', Written('meetings.md', 2),
                        {'meeting': 'M1'})
    rows = []
    for number in range(1, 13):
        principle = GovObject('principle', f'P{number}', 'principles', f'p{number}',
                              Written('principles.md', number),
                              {'number': number, 'label': f'Principle {number}'})
        group = EvidenceGroup('meeting', 'M1', meeting, (opinion,), f'p{number}-from-m1')
        rows.append(PrincipleView(principle, (group,), (), (), ()))
    placement = Placement(lambda obj, anchor: f'#{anchor or obj.anchor}', Locale.parse('en'),
                          'picture')
    drawn = matrix_diagram(MatrixView((meeting,), tuple(rows)), placement)
    assert drawn is not None
    svg = BeautifulSoup(drawn.astext(), 'html.parser').find('svg')
    assert isinstance(svg, Tag)
    headings = svg.find_all('a', class_='gov-diagram-principle')
    assert [str(a['href']) for a in headings] == [f'#p{number}' for number in range(1, 13)]
    first, eleventh = headings[0].find('text'), headings[PRINCIPLES_PER_PANEL].find('text')
    assert first['x'] == eleventh['x']
    assert float(eleventh['y']) > float(first['y'])
    cells = svg.find_all('a', class_='gov-diagram-meeting')
    assert len([cell for cell in cells if cell.find(class_='gov-diagram-mark')]) == 12


# -- the language of the pictures -------------------------------------------------------


@pytest.mark.sphinx('html', testroot='diagram', srcdir='diagram-ja',
                    confoverrides={'language': 'ja'})
def test_labels_and_dates_follow_the_language(app: SphinxTestApp) -> None:
    app.build()
    diagram = principle_diagram(app, 'P1')
    names = [name for _, name in drawn_links(diagram, 'principles')]
    assert names[1] == 'First meeting：意見2件（うち推定1件）（2022年1月24日）'
    assert names[3] == 'Staff workshop：取組全体（日付の記録なし）'
    summary = diagram.find('summary')
    assert isinstance(summary, Tag) and text(summary) == '図の内容を文章で読む'
    ticks = [text(tick) for tick in diagram.find_all('text', class_='gov-diagram-tick')]
    assert ticks[:2] == ['2022年1月', '2月']


# -- text set without a browser ---------------------------------------------------------


def test_lines_never_start_with_closing_punctuation() -> None:
    for width in range(2, 8):
        lines = wrap('あいう、えお。かきく「けこ」さし', width * 13, 13, 10)
        assert ''.join(lines) == 'あいう、えお。かきく「けこ」さし'
        assert not any(line[0] in NO_LINE_START for line in lines), lines
        assert not any(line.endswith('「') for line in lines), lines
        assert all(text_width(line, 13) <= width * 13 + 13 for line in lines)


def test_words_are_kept_whole_and_overflow_is_cut() -> None:
    assert wrap('Publish prototypes early', text_width('Publish prototypes', 13), 13, 2) == [
        'Publish prototypes', 'early'
    ]
    cut = wrap('あ' * 40, 10 * 13, 13, 2)
    assert len(cut) == 2 and cut[1].endswith('…')
    assert text_width(cut[1], 13) <= 10 * 13


def test_the_time_axis_runs_from_month_to_month() -> None:
    japanese = Locale.parse('ja')
    axis = TimeAxis(dt.date(2021, 11, 1), dt.date(2022, 4, 1), 0, 400)
    labels = [label for _, label, _ in axis.ticks(japanese) if label]
    # the year with the first month and with January, the month alone elsewhere
    assert labels == ['2021年11月', '12月', '2022年1月', '2月', '3月', '4月']
    assert axis.x(dt.date(2021, 11, 1)) == 0 and axis.x(dt.date(2022, 4, 1)) == 400
    # where the months are too close for a label each, every other month has one
    narrow = TimeAxis(dt.date(2021, 11, 1), dt.date(2022, 4, 1), 0, 250)
    assert [label for _, label, _ in narrow.ticks(japanese) if label] == [
        '2021年11月', '2022年1月', '3月'
    ]
    # over decades, a label every few years (whole years apart), and no line for each month
    decades = TimeAxis(dt.date(2001, 1, 1), dt.date(2031, 1, 1), 0, 250)
    assert [label for _, label, _ in decades.ticks(japanese)] == [
        '2001年1月', '2010年1月', '2019年1月', '2028年1月'
    ]


# -- incremental builds keep the pictures current ---------------------------------------


def incremental_names(app: SphinxTestApp, page_name: str, principle: str) -> list[str]:
    diagram = diagram_of(app, page_name, principle)
    assert diagram is not None, f'{principle} shows no diagram'
    return [name for _, name in drawn_links(diagram, page_name)]


def test_editing_shapes_redraws_the_pictures_that_show_it(rootdir: Path,
                                                          tmp_path: Path) -> None:
    # the incremental root: opinion M1-O1 shapes P01 and P02, M1-O2 shapes P03
    project = Project(rootdir, tmp_path)
    app, _ = project.build()
    assert incremental_names(app, 'p02', 'P02')[0].startswith('First meeting: Opinions: 1')
    assert incremental_names(app, 'p03', 'P03')[0].startswith('First meeting: Opinions: 1')
    project.edit('meeting-1.md', ':shapes: P01, P02', ':shapes: P01, P03')
    app, written = project.build()
    assert {'p02', 'p03', 'matrix'} <= written
    assert [name.partition(':')[0] for name in incremental_names(app, 'p02', 'P02')] == [
        'Second meeting'
    ]
    assert incremental_names(app, 'p03', 'P03')[0].startswith('First meeting: Opinions: 2')
    cells = [text(a.title) for a in body(app, 'matrix').select('.gov-diagram svg a')]
    assert '#3 Principle 3: Opinions: 2 — First meeting' in cells
    assert not any(cell.startswith('#2 Principle 2') and 'First meeting' in cell
                   for cell in cells)


def test_moving_a_meeting_moves_it_on_the_time_axis(rootdir: Path, tmp_path: Path) -> None:
    # the incremental root: P01 is shaped at M1 (2022-01-24) and at M2 (2022-03-10)
    project = Project(rootdir, tmp_path)
    app, _ = project.build()
    first, second = relative_positions(app)
    project.edit('meeting-2.md', ':date: 2022-03-10', ':date: 2022-05-20')
    app, written = project.build()
    assert {'p01', 'p02', 'matrix'} <= written
    assert incremental_names(app, 'p01', 'P01')[-1].endswith('(May 20, 2022)')
    # the axis now runs to June: M1 moves to the left, M2 to the right
    moved_first, moved_second = relative_positions(app)
    assert moved_first < first and moved_second > second


def relative_positions(app: SphinxTestApp) -> list[float]:
    """Where P01's marks stand along its time axis, from 0 (its start) to 1 (its end)."""
    diagram = diagram_of(app, 'p01', 'P01')
    assert diagram is not None
    axis = diagram.find('line', class_='gov-diagram-axis')
    assert isinstance(axis, Tag)
    left, right = float(axis['x1']), float(axis['x2'])
    return [(float(mark['cx']) - left) / (right - left) for mark in marks_of(diagram)]
