"""The generated views, the domain indices and the roles, on the ``views`` root.

The root (``roots/test-views``) records three principles, two meetings, five
opinions, two sources with two findings, two revisions and a working group with
two guidelines. The expected values below are read off those sources: each test
says which part of the root it follows from.
"""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup, Tag
from common import BuiltRoot, body, by_id, links, object_element, object_uri, text
from sphinx.testing.util import SphinxTestApp

pytestmark = pytest.mark.sphinx('html', testroot='views')

#: where each object of the root is defined: id -> (page, object type)
DEFINED = {
    'P01': ('principles', 'principle'),
    'P02': ('principles', 'principle'),
    'P03': ('principles', 'principle'),
    'M1': ('meetings', 'meeting'),
    'M2': ('meetings', 'meeting'),
    'O1': ('opinions', 'opinion'),
    'O2': ('opinions', 'opinion'),
    'O3': ('opinions', 'opinion'),
    'O4': ('opinions', 'opinion'),
    'O5': ('opinions', 'opinion'),
    'S1': ('sources', 'source'),
    'S2': ('sources', 'source'),
    'F1': ('sources', 'finding'),
    'F2': ('sources', 'finding'),
    'R1': ('revisions', 'revision'),
    'R2': ('revisions', 'revision'),
    'WG1': ('groups', 'working-group'),
    'G1': ('groups', 'guideline'),
    'G2': ('groups', 'guideline'),
}


@pytest.fixture
def views(built_root: BuiltRoot) -> SphinxTestApp:
    """The root, built once for every test that only reads the build."""
    return built_root('views')


def uri(app: SphinxTestApp, object_id: str) -> str:
    """Where links to an object must lead: the anchor of its directive on its page."""
    page_name, objtype = DEFINED[object_id]
    return object_uri(app, page_name, objtype, object_id)


def view_of(app: SphinxTestApp, object_id: str) -> Tag:
    """The generated view inside an object's directive."""
    page_name, objtype = DEFINED[object_id]
    found = object_element(app, page_name, objtype, object_id).find('div', class_='gov-view')
    assert isinstance(found, Tag), f'{object_id} shows no view'
    return found


def sections(view: Tag) -> dict[str, Tag]:
    """The parts of a view after each of its headings, by heading text.

    Each value is a fresh element holding copies of the nodes up to the next heading.
    """
    result: dict[str, Tag] = {}
    current: Tag | None = None
    for child in view.find_all(recursive=False):
        if 'rubric' in child.get('class', []):
            current = BeautifulSoup('<div></div>', 'html.parser').div
            assert current is not None
            result[text(child)] = current
        elif current is not None:
            current.append(BeautifulSoup(str(child), 'html.parser'))
    return result


def item_uris(part: Tag, page_name: str) -> list[str]:
    """The first link of every list item of a part of a view."""
    return [links(item, page_name)[0][0] for item in part.find_all('li')]


def status_of(element: Tag) -> str:
    badge = element.find('span', class_='gov-status')
    assert isinstance(badge, Tag), f'no status badge in {text(element)!r}'
    classes = [cls for cls in badge['class'] if cls.startswith('gov-status-')]
    return classes[0].removeprefix('gov-status-')


@pytest.mark.sphinx('html', testroot='views', freshenv=True)
def test_views_root_builds_without_warnings(app: SphinxTestApp) -> None:
    app.build()
    assert app.statuscode == 0
    assert app.warning.getvalue() == ''


# -- principle view ---------------------------------------------------------------


def evidence_groups(app: SphinxTestApp, object_id: str) -> list[tuple[Tag, Tag]]:
    """(heading paragraph, list) of each evidence group of a principle's view."""
    view = view_of(app, object_id)
    result = []
    for heading in view.find_all('p', class_='gov-group'):
        items = heading.find_next_sibling()
        assert isinstance(items, Tag) and items.name == 'ul'
        result.append((heading, items))
    return result


def test_principle_view_groups_opinions_by_meeting(views: SphinxTestApp) -> None:
    # opinions.md: O1 and O5 at M1 shape P01, O2 at M2 shapes P01 and P02
    groups = evidence_groups(views, 'P01')
    opinion_groups = [(h, items) for h, items in groups if text(h).startswith('Opinions at')]
    assert [links(h, 'principles')[0][0] for h, _ in opinion_groups] == [
        uri(views, 'M1'), uri(views, 'M2')
    ]
    assert [text(h) for h, _ in opinion_groups] == [
        'Opinions at First meeting', 'Opinions at Second meeting'
    ]
    m1_items, m2_items = (items for _, items in opinion_groups)
    assert item_uris(m1_items, 'principles') == [uri(views, 'O1'), uri(views, 'O5')]
    assert item_uris(m2_items, 'principles') == [uri(views, 'O2')]
    assert [status_of(li) for li in m1_items.find_all('li')] == ['reflected', 'reflected']
    assert [status_of(li) for li in m2_items.find_all('li')] == ['pending']
    # an item shows the opinion's text, or its :summary: when it has one
    assert 'Ask users before building anything.' in text(m1_items)
    assert 'Publish prototypes early' in text(m2_items)
    assert 'A longer text' not in text(m2_items)


def test_principle_view_groups_findings_by_source(views: SphinxTestApp) -> None:
    # sources.md: F1 of S1 shapes P01; revisions.md: R2 of P01 cites S2 as a whole
    groups = evidence_groups(views, 'P01')
    source_groups = [(h, items) for h, items in groups if text(h).startswith('From')]
    assert [links(h, 'principles')[0] for h, _ in source_groups] == [
        (uri(views, 'S1'), 'Staff workshop')
    ]
    (_, s1_items), = source_groups
    assert item_uris(s1_items, 'principles') == [uri(views, 'F1')]
    assert status_of(s1_items.li) == 'reflected'
    # S2, cited as a whole, has no content of its own: it is listed apart, not as a group
    related = [(h, items) for h, items in groups if text(h).startswith('Related activities')]
    assert [item_uris(items, 'principles') for _, items in related] == [[uri(views, 'S2')]]
    # P02 has F2 only from S1, and nothing from S2
    p02_sources = [h for h, _ in evidence_groups(views, 'P02') if text(h).startswith('From')]
    assert [links(h, 'principles')[0][0] for h in p02_sources] == [uri(views, 'S1')]


def test_group_anchors_are_unique(views: SphinxTestApp) -> None:
    ids = [h['id'] for pid in ('P01', 'P02') for h, _ in evidence_groups(views, pid)]
    assert all(ids) and len(set(ids)) == len(ids)


def test_principle_view_lists_revisions_in_meeting_date_order(views: SphinxTestApp) -> None:
    # revisions.md: R1 was reported at M2 (2022-03-10), R2 at M1 (2022-01-24), so R2
    # comes first although its id sorts after R1's
    part = sections(view_of(views, 'P01'))['Revisions']
    entries = part.find_all('li')
    # dates as readers of the page's language write them (here English)
    assert [text(li.find('span', class_='gov-date')) for li in entries] == [
        'Jan 24, 2022', 'Mar 10, 2022'
    ]
    first, second = (links(li.p, 'principles') for li in entries)
    # a revision without a title is named by its summary
    assert first == [(uri(views, 'M1'), 'First meeting'), (uri(views, 'R2'), 'First wording')]
    assert second == [(uri(views, 'M2'), 'Second meeting'), (uri(views, 'R1'), 'Name prototypes')]
    becauses = [li.find('p', class_='gov-because') for li in entries]
    assert [text(b).split(':')[0] for b in becauses] == ['Because of', 'Because of']
    assert [u for u, _ in links(becauses[0], 'principles')] == [uri(views, 'O1'), uri(views, 'S2')]
    assert [u for u, _ in links(becauses[1], 'principles')] == [uri(views, 'O2'), uri(views, 'F1')]
    assert 'First wording' in text(entries[0]) and 'Name prototypes' in text(entries[1])
    # the summary that names it is not repeated after it
    assert 'First wording —' not in text(entries[0])


def test_principle_view_lists_implementing_guidelines(views: SphinxTestApp) -> None:
    # groups.md: G1 (adopted) implements P01; G2 (draft) implements P01 and P02
    p01 = sections(view_of(views, 'P01'))['Guidelines that implement it']
    assert links(p01, 'principles') == [
        (uri(views, 'G1'), 'Design system'), (uri(views, 'G2'), 'Form wording')
    ]
    assert [status_of(li) for li in p01.find_all('li')] == ['adopted', 'draft']
    p02 = sections(view_of(views, 'P02'))['Guidelines that implement it']
    assert [u for u, _ in links(p02, 'principles')] == [uri(views, 'G2')]


def test_principle_view_without_evidence_shows_its_gap(views: SphinxTestApp) -> None:
    view = view_of(views, 'P03')
    assert view.find('p', class_='gov-group') is None
    shown = text(view)
    assert 'No opinion or finding is linked to this principle.' in shown
    assert 'Why nothing is linked: Not discussed at a meeting yet' in shown
    assert 'No revision is recorded.' in shown
    assert 'No guideline that implements it is recorded.' in shown


# -- evidence, meeting and working-group views ------------------------------------


def test_evidence_view_lists_principles_shaped(views: SphinxTestApp) -> None:
    o2 = sections(view_of(views, 'O2'))
    assert [u for u, _ in links(o2['Related principles'], 'opinions')] == [
        uri(views, 'P01'), uri(views, 'P02')
    ]
    assert links(o2['Revisions linked to it'], 'opinions')[0][0] == uri(views, 'R1')
    # a source shaped the principles its findings shaped, and lists those findings
    s1 = sections(view_of(views, 'S1'))
    assert [u for u, _ in links(s1['Related principles'], 'sources')] == [
        uri(views, 'P01'), uri(views, 'P02')
    ]
    assert item_uris(s1['Findings from this source'], 'sources') == [
        uri(views, 'F1'), uri(views, 'F2')
    ]
    # a source cited as a whole shaped the principle of the revision citing it
    s2 = sections(view_of(views, 'S2'))
    assert [u for u, _ in links(s2['Related principles'], 'sources')] == [uri(views, 'P01')]
    assert [u for u, _ in links(s2['Revisions linked to it'], 'sources')] == [uri(views, 'R2')]


def test_evidence_view_of_unused_evidence_shows_its_gap(views: SphinxTestApp) -> None:
    o4 = sections(view_of(views, 'O4'))
    assert text(o4['Related principles']) == (
        'It is not linked to any principle. '
        'Why nothing is linked: About the meeting room, not the code'
    )
    assert 'Revisions linked to it' not in o4


def test_meeting_view(views: SphinxTestApp) -> None:
    m1 = sections(view_of(views, 'M1'))
    assert item_uris(m1['Opinions given at this meeting'], 'meetings') == [
        uri(views, 'O1'), uri(views, 'O3'), uri(views, 'O5')
    ]
    assert [status_of(li) for li in m1['Opinions given at this meeting'].find_all('li')] == [
        'reflected', 'noted', 'reflected'
    ]
    assert item_uris(m1['Revisions reported at this meeting'], 'meetings') == [
        uri(views, 'R2')
    ]
    m2 = sections(view_of(views, 'M2'))
    assert item_uris(m2['Opinions given at this meeting'], 'meetings') == [
        uri(views, 'O2'), uri(views, 'O4')
    ]
    assert item_uris(m2['Revisions reported at this meeting'], 'meetings') == [
        uri(views, 'R1')
    ]


def test_working_group_view(views: SphinxTestApp) -> None:
    wg1 = sections(view_of(views, 'WG1'))['Guidelines of this working group']
    assert links(wg1, 'groups') == [
        (uri(views, 'G1'), 'Design system'), (uri(views, 'G2'), 'Form wording')
    ]
    assert [status_of(li) for li in wg1.find_all('li')] == ['adopted', 'draft']


def test_fields_link_to_their_objects(views: SphinxTestApp) -> None:
    g2 = object_element(views, 'groups', 'guideline', 'G2')
    fields = g2.find('dl', class_='gov-fields')
    assert isinstance(fields, Tag)
    assert [u for u, _ in links(fields, 'groups')] == [
        uri(views, 'WG1'), uri(views, 'P01'), uri(views, 'P02')
    ]
    s1 = text(object_element(views, 'sources', 'source', 'S1'))
    assert 'Jan 7 – 17, 2022' in s1 and 'Staff workshop' in s1


# -- views over the whole handbook -------------------------------------------------

#: evidence per principle and meeting or source, counted in opinions.md, sources.md
#: and revisions.md (S2 is related to P01, R2 citing it as a whole, and counts nothing)
RELATED = 'Related'
EXPECTED_MATRIX: dict[str, dict[str, int | str]] = {
    'P01': {'M1': 2, 'M2': 1, 'S1': 1, 'S2': RELATED},
    'P02': {'M1': 1, 'M2': 1, 'S1': 1, 'S2': 0},
    'P03': {'M1': 0, 'M2': 0, 'S1': 0, 'S2': 0},
}


def test_matrix(views: SphinxTestApp) -> None:
    table = body(views, 'matrix').find('table', class_='gov-matrix')
    assert isinstance(table, Tag)
    header = table.thead.find_all('th')
    # meetings in date order, then sources
    columns = [links(th, 'matrix')[0][0] for th in header[1:-1]]
    assert columns == [uri(views, object_id) for object_id in ('M1', 'M2', 'S1', 'S2')]
    rows = table.tbody.find_all('tr')
    assert [links(row.th, 'matrix')[0][0] for row in rows] == [
        uri(views, object_id) for object_id in EXPECTED_MATRIX
    ]
    principles = body(views, 'principles')
    for row, (principle_id, expected) in zip(rows, EXPECTED_MATRIX.items(), strict=True):
        cells = row.find_all('td')
        shown = [text(cell) for cell in cells[:-1]]
        assert shown == [str(count) for count in expected.values()], principle_id
        assert int(text(cells[-1])) == sum(c for c in expected.values() if isinstance(c, int))
        for cell, column_id in zip(cells[:-1], expected, strict=True):
            link = cell.find('a')
            if not expected[column_id]:
                assert link is None
                continue
            if expected[column_id] == RELATED:
                # to the principle's list of what is related as a whole, not a group
                related = by_id(principles, link['href'].partition('#')[2])
                assert item_uris(related.find_next_sibling('ul'), 'principles') == [
                    uri(views, column_id)]
                continue
            # a count leads to the principle's group of evidence from that column
            page_name, _, anchor = link['href'].partition('#')
            assert page_name == 'principles.html'
            group = by_id(principles, anchor)
            assert 'gov-group' in group['class']
            owner = group.find_parent('div', class_='gov-principle')
            principle = object_element(views, 'principles', 'principle', principle_id)
            assert owner['id'] == principle['id']
            assert links(group, 'principles')[0][0] == uri(views, column_id)
            group_items = group.find_next_sibling('ul').find_all('li')
            assert len(group_items) == int(text(link))


def test_coverage(views: SphinxTestApp) -> None:
    parts = sections(body(views, 'coverage').find('div', class_='gov-view-coverage'))
    assert list(parts) == [
        'Principles with no linked evidence',
        'Opinions and findings not yet reflected',
        'Evidence linked to no principle',
    ]
    without = parts['Principles with no linked evidence']
    assert item_uris(without, 'coverage') == [uri(views, 'P03')]
    assert 'Why nothing is linked: Not discussed at a meeting yet' in text(without)
    pending = parts['Opinions and findings not yet reflected']
    assert sorted(item_uris(pending, 'coverage')) == sorted(
        [uri(views, 'F2'), uri(views, 'O2')]
    )
    assert {status_of(li) for li in pending.find_all('li')} == {'pending'}
    unused = parts['Evidence linked to no principle']
    assert item_uris(unused, 'coverage') == [uri(views, 'O4')]
    assert 'Why nothing is linked: About the meeting room, not the code' in text(unused)


def test_principle_table(views: SphinxTestApp) -> None:
    table = body(views, 'table').find('table', class_='gov-principle-table')
    assert isinstance(table, Tag)
    assert [text(th) for th in table.thead.find_all('th')] == [
        'Principle', 'Evidence', 'Revisions', 'Guidelines'
    ]
    rows = table.tbody.find_all('tr')
    # evidence: the matrix totals (S2, related as a whole, not counted); revisions:
    # revisions.md; guidelines: groups.md
    expected = {
        'P01': ('adopted', 4, 2, 2, 'Start from the user'),
        'P02': ('draft', 3, 0, 1, 'Work in the open'),
        'P03': ('draft', 0, 0, 0, ''),
    }
    for row, (principle_id, (status, evidence, revisions, guidelines, title)) in zip(
        rows, expected.items(), strict=True
    ):
        assert links(row.th, 'table')[0][0] == uri(views, principle_id)
        assert title in text(row.th)
        assert status_of(row.th) == status
        assert [int(text(td)) for td in row.find_all('td')] == [evidence, revisions, guidelines]


# -- domain indices ---------------------------------------------------------------


def index_rows(app: SphinxTestApp, name: str) -> list[tuple[str, str, str]]:
    """(kind of row, first link's uri, its text) of a domain index page."""
    table = body(app, name).find('table', class_='modindextable')
    assert isinstance(table, Tag)
    rows = []
    for row in table.find_all('tr'):
        classes = row.get('class', [])
        if 'pcap' in classes:
            continue
        if 'cap' in classes:
            rows.append(('group', '', text(row)))
            continue
        link = row.find('a')
        kind = 'sub' if any(cls.startswith('cg-') for cls in classes) else 'entry'
        rows.append((kind, str(link['href']), text(link)))
    return rows


def test_principle_index(views: SphinxTestApp) -> None:
    # grouped by status (P01 is adopted, P02 and P03 are drafts), in their order
    assert index_rows(views, 'gov-principles') == [
        ('group', '', 'Adopted'),
        ('entry', uri(views, 'P01'), '#1 User focus'),
        # its revisions, in meeting-date order, named by their summaries
        ('sub', uri(views, 'R2'), 'First wording'),
        ('sub', uri(views, 'R1'), 'Name prototypes'),
        ('group', '', 'Draft'),
        ('entry', uri(views, 'P02'), '#2 Openness'),
        ('entry', uri(views, 'P03'), '#3 Accessibility'),
    ]
    assert text(body(views, 'gov-principles').h1) == 'Principle index'


def test_evidence_index(views: SphinxTestApp) -> None:
    # a group is keyed by its meeting's or source's id; its first entry names it;
    # an opinion or finding without a title is named by the first sentence of its text
    assert index_rows(views, 'gov-evidence') == [
        ('group', '', 'M1'),
        ('entry', uri(views, 'M1'), 'First meeting'),
        ('sub', uri(views, 'O1'), 'Ask users before building anything'),
        ('sub', uri(views, 'O3'), 'Open the source code'),
        ('sub', uri(views, 'O5'), 'Measure satisfaction'),
        ('group', '', 'M2'),
        ('entry', uri(views, 'M2'), 'Second meeting'),
        ('sub', uri(views, 'O2'), 'Publish prototypes early'),
        ('sub', uri(views, 'O4'), 'Use a bigger room'),
        ('group', '', 'S1'),
        ('entry', uri(views, 'S1'), 'Staff workshop'),
        ('sub', uri(views, 'F1'), 'Staff want user research'),
        ('sub', uri(views, 'F2'), 'Staff want open repositories'),
        ('group', '', 'S2'),
        ('entry', uri(views, 'S2'), 'Citizen survey'),
    ]
    assert text(body(views, 'gov-evidence').h1) == 'Evidence index'


# -- roles ------------------------------------------------------------------------


def test_roles_link_to_every_object_type(views: SphinxTestApp) -> None:
    # refs.md: one role per object type; a link shows the object's name
    assert links(body(views, 'refs').ul, 'refs') == [
        (uri(views, 'P01'), '#1 User focus'),
        (uri(views, 'P01'), 'the first principle'),
        (uri(views, 'M1'), 'First meeting'),
        (uri(views, 'R1'), 'Name prototypes'),
        (uri(views, 'O2'), 'Publish prototypes early'),
        (uri(views, 'S1'), 'Staff workshop'),
        (uri(views, 'F1'), 'Staff want user research'),
        (uri(views, 'WG1'), 'UI/UX'),
        (uri(views, 'G1'), 'Design system'),
    ]



# -- other output formats -----------------------------------------------------------


@pytest.mark.sphinx('text', testroot='views')
def test_views_are_written_as_text(app: SphinxTestApp) -> None:
    """The same views in plain text: P01's lists the opinion that shaped it."""
    app.build()
    principles = (app.outdir / 'principles.txt').read_text(encoding='utf-8')
    p01 = principles[:principles.index('P02')]
    shaped_by = p01.index('Main opinions and findings on this principle')
    # an opinion without a title: linked by its summary
    assert '* Ask users before building anything. Reflected' in p01[shaped_by:]


@pytest.mark.sphinx('latex', testroot='views')
def test_views_are_written_as_latex_with_links(app: SphinxTestApp) -> None:
    app.build()
    (tex,) = app.outdir.glob('*.tex')
    source = tex.read_text(encoding='utf-8')
    # P01's view links to O1 (named by its text) as a LaTeX hyperlink to its anchor
    assert (r'{\hyperref[\detokenize{opinions:gov-opinion-O1}]'
            r'{\sphinxcrossref{Ask users before building anything.}}}') in source


def search_terms(app: SphinxTestApp) -> dict[str, list[str]]:
    """Each indexed word and the pages it is found on."""
    script = (app.outdir / 'searchindex.js').read_text(encoding='utf-8')
    index = json.loads(script[script.index('(') + 1:script.rindex(')')])
    docnames = index['docnames']
    return {term: sorted(docnames[i] for i in ([pages] if isinstance(pages, int) else pages))
            for term, pages in index['terms'].items()}


def test_the_search_index_holds_what_authors_wrote(views: SphinxTestApp) -> None:
    """A search finds an opinion on its own page (and where a field links to it by its
    name: R2's reasons), not on every page whose generated list repeats its summary
    ("Ask users before building anything.")."""
    terms = search_terms(views)
    assert terms['build'] == ['opinions', 'revisions']
    assert 'principles' in terms['design']  # P01's own text, "Design from what users need."
