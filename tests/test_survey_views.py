"""Views at survey scale: a long list is shown as its count and a sample, and whole on
pages of its own, one click away and linked back.

The ``survey`` root sets a tiny threshold in its ``conf.py``: a list of more than 3
items shows 2 of them, and its whole list is on pages of 4. Principle P01 is shaped by
the 9 findings of the survey S1 (imported from a CSV file, F-5's text holding markup),
the 2 findings of the workshop S2 and the 5 opinions of the meeting M1 (on the
``minutes`` page), of which O3 and O5 are marked ``representative``.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from posixpath import dirname, join, normpath

import pytest
from bs4 import BeautifulSoup, Tag
from common import BuiltRoot, body, build, text
from gov_provenance.listpages import ListPages
from sphinx.testing.util import SphinxTestApp
from test_incremental import Project, content_pages

#: the settings of the root's conf.py
SAMPLE, PAGE = 2, 4
#: what P01's view lists, by group: every item of each, in order
GROUPS = {
    'gov-principle-p01-from-m1': ['O1', 'O2', 'O3', 'O4', 'O5'],
    'gov-principle-p01-from-s1': [f'F-{n}' for n in range(1, 10)],
    'gov-principle-p01-from-s2': ['W-1', 'W-2'],
}
#: the ids of P01's evidence, one item each
EVIDENCE = sorted(item for items in GROUPS.values() for item in items)


@pytest.fixture
def survey(built_root: BuiltRoot) -> SphinxTestApp:
    return built_root('survey')


def soup(app: SphinxTestApp, name: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / name).read_text(encoding='utf-8'), 'html.parser')


def group_of(page: Tag, anchor: str) -> tuple[list[str], Tag | None]:
    """The ids a group of a view lists, and the paragraph that says the list is longer."""
    heading = page.find(id=anchor)
    assert isinstance(heading, Tag), anchor
    listed = heading.find_next_sibling('ul')
    assert isinstance(listed, Tag), anchor
    more = listed.find_next_sibling()
    shown = [item_id(a) for a in listed.select('li > p > a:first-child')]
    return shown, more if isinstance(more, Tag) and 'gov-list-more' in more['class'] else None


def item_id(link: Tag) -> str:
    """The id of the record a link leads to, read from its anchor (``gov-finding-f-1``
    is ``F-1``): a record without a title is named by its text, as a reader sees it."""
    anchor = str(link['href']).rpartition('#')[2]
    return anchor.removeprefix('gov-').partition('-')[2].upper()


def target(page_name: str, href: str) -> tuple[str, str]:
    """The file (relative to the output) and anchor a link of ``page_name`` leads to."""
    path, _, anchor = href.partition('#')
    return normpath(join(dirname(page_name), path)), anchor


def whole_list(app: SphinxTestApp, page_name: str, more: Tag) -> list[tuple[str, str]]:
    """``(id, file#anchor)`` of every item on the pages ``more`` links to, in order,
    each page checked to link back to ``page_name``."""
    found = []
    for link in more.find_all('a'):
        list_page, _ = target(page_name, link['href'])
        page = soup(app, list_page)
        back = page.select_one('.gov-list-range a')
        assert back is not None and target(list_page, back['href'])[0] == page_name
        for item in page.select('.gov-view-list li > p > a:first-child'):
            found.append((item_id(item), '#'.join(target(list_page, item['href']))))
    return found


# -- the principle's view ---------------------------------------------------------------


def test_a_long_group_shows_its_count_and_a_sample(survey: SphinxTestApp) -> None:
    page = body(survey, 'principle')
    shown, more = group_of(page, 'gov-principle-p01-from-s1')
    assert shown == ['F-1', 'F-2'] and more is not None
    assert text(more).startswith('9 in all; the first 2 are shown here.')
    # the representative ones, where some are marked
    shown, more = group_of(page, 'gov-principle-p01-from-m1')
    assert shown == ['O3', 'O5'] and more is not None
    assert text(more).startswith('5 in all; the 2 marked as representative are shown here.')
    # a list no longer than the threshold is shown whole, as it always was
    assert group_of(page, 'gov-principle-p01-from-s2') == (['W-1', 'W-2'], None)


def test_the_page_lists_a_bounded_number_of_items(survey: SphinxTestApp) -> None:
    view = body(survey, 'principle').select_one('.gov-view-principle')
    assert view is not None
    # at most the sample of each group, whatever the number of items
    assert len(view.select('p.gov-group + ul > li')) == 2 + 2 + 2
    assert all(len(ul.find_all('li')) <= SAMPLE for ul in view.select('p.gov-group + ul'))


def test_every_item_is_one_click_away_and_links_back(survey: SphinxTestApp) -> None:
    page = body(survey, 'principle')
    for anchor, items in GROUPS.items():
        _, more = group_of(page, anchor)
        if more is None:
            continue
        found = whole_list(survey, 'principle.html', more)
        assert [item for item, _ in found] == items
        # a page per 4 items, each linked from the principle's page
        assert len(more.find_all('a')) == -(-len(items) // PAGE)
        for item, uri in found:  # each item leads to its own object, on its page
            path, anchor_id = uri.split('#')
            assert soup(survey, path).find(id=anchor_id) is not None, (item, uri)
            # and that object's view links to the principle again
            element = soup(survey, path).find(id=anchor_id)
            assert isinstance(element, Tag)
            related = element.select_one('.gov-view-evidence')
            assert related is not None and any(
                target(path, a['href'])[0] == 'principle.html' for a in related.find_all('a'))


def test_the_picture_draws_a_mark_per_group_with_its_count(survey: SphinxTestApp) -> None:
    marks = body(survey, 'principle').select('.gov-diagram-principle details li')
    assert sorted(text(mark) for mark in marks) == [
        'Citizen survey: Findings: 9 (Feb 1 – 28, 2022)',
        'First meeting: Opinions: 5 (Jan 24, 2022)',
        'Staff workshop: Findings: 2 (Jan 10, 2022)',
    ]


# -- the source's and the meeting's views -------------------------------------------------


@pytest.mark.parametrize(('page_name', 'anchor', 'shown', 'items'), [
    ('survey', 'gov-source-s1-source-findings', ['F-1', 'F-2'],
     GROUPS['gov-principle-p01-from-s1']),
    ('meeting', 'gov-meeting-m1-meeting-opinions', ['O3', 'O5'],
     GROUPS['gov-principle-p01-from-m1']),
])
def test_a_source_and_a_meeting_show_their_long_lists_in_part(
    survey: SphinxTestApp, page_name: str, anchor: str, shown: list[str], items: list[str],
) -> None:
    listed, more = group_of(body(survey, page_name), anchor)
    assert listed == shown and more is not None
    assert [item for item, _ in whole_list(survey, f'{page_name}.html', more)] == items


# -- the coverage page ------------------------------------------------------------------------

#: every item of the root not reflected yet: four survey findings, the workshop's W-2
#: and the meeting's five opinions
PENDING = {'F-1', 'F-4', 'F-5', 'F-8', 'W-2', 'O1', 'O2', 'O3', 'O4', 'O5'}


def test_the_coverage_page_shows_a_long_list_in_part(survey: SphinxTestApp) -> None:
    shown, more = group_of(body(survey, 'coverage'), 'gov-coverage-pending-1')
    assert shown == ['O3', 'O5'] and more is not None  # those marked as representative
    assert text(more).startswith('10 in all; the 2 marked as representative are shown here.')
    # every item one click away, on pages that lead back to the list's heading
    found = whole_list(survey, 'coverage.html', more)
    assert sorted(item for item, _ in found) == sorted(PENDING)
    assert len(found) == len(PENDING)
    back = soup(survey, 'gov-lists/coverage-pending/1.html').select_one('.gov-list-range a')
    assert back is not None and back['href'] == '../../coverage.html#gov-coverage-pending-1'
    assert text(back) == 'Back to Coverage'
    assert text(soup(survey, 'gov-lists/coverage-pending/1.html').find('h1')) == (
        'Opinions and findings not yet reflected')


def test_an_item_that_becomes_pending_is_counted_and_listed(
    rootdir: Path, tmp_path: Path,
) -> None:
    project = Project(rootdir, tmp_path, root='survey')
    project.build()
    project.edit('data/answers.csv', 'are hard to find.,reflected', 'are hard to find.,pending')
    app, written = project.build()
    # nothing F-2 was next to showed it on the coverage page: its count changed all the same
    assert 'coverage' in written
    _, more = group_of(body(app, 'coverage'), 'gov-coverage-pending-1')
    assert more is not None and text(more).startswith('11 in all;')
    assert 'F-2' in {item for item, _ in whole_list(app, 'coverage.html', more)}


# -- the evidence index ----------------------------------------------------------------------


def index_groups(app: SphinxTestApp) -> dict[str, list[tuple[str, str]]]:
    """``(text, file)`` of each entry under each group of the evidence index."""
    groups: dict[str, list[tuple[str, str]]] = {}
    entries: list[tuple[str, str]] = []
    for row in body(app, 'gov-evidence').select('table.modindextable tr'):
        if 'cap' in row.get('class', []):
            entries = groups.setdefault(text(row), [])
        elif (link := row.find('a')) is not None:
            entries.append((text(link), target('gov-evidence.html', link['href'])[0]))
    return groups


def test_the_evidence_index_shows_a_long_group_as_its_source_page_does(
    survey: SphinxTestApp, built_root: BuiltRoot,
) -> None:
    groups = index_groups(survey)
    # the source, its sample, and its whole list on the pages its own page links to
    source, *sample, = [entry for entry in groups['S1'] if 'gov-lists' not in entry[1]]
    assert source == ('Citizen survey', 'survey.html') and len(sample) == SAMPLE
    pages = [entry for entry in groups['S1'] if 'gov-lists' in entry[1]]
    assert pages == [('The whole list: 1–4', 'gov-lists/S1/findings/1.html'),
                     ('The whole list: 5–8', 'gov-lists/S1/findings/2.html'),
                     ('The whole list: 9', 'gov-lists/S1/findings/3.html')]
    _, more = group_of(body(survey, 'survey'), 'gov-source-s1-source-findings')
    assert more is not None
    assert [path for path, _ in (target('survey.html', a['href']) for a in more.find_all('a'))
            ] == [path for _, path in pages]
    # a short group, and every group of a handbook that shows its lists whole
    assert len(groups['S2']) == 1 + len(GROUPS['gov-principle-p01-from-s2'])
    whole = index_groups(built_root('survey', gov_view_sample_threshold=0))
    assert len(whole['S1']) == 1 + len(GROUPS['gov-principle-p01-from-s1'])
    assert not any('gov-lists' in path for entries in whole.values() for _, path in entries)


# -- the pages of the whole lists -----------------------------------------------------------


def test_a_list_page_escapes_the_records_text(survey: SphinxTestApp) -> None:
    page = soup(survey, 'gov-lists/P01/shaped-by/S1/2.html')
    assert page.find('script', string=lambda s: s is not None and 'alert' in s) is None
    assert page.find('b', string='bold') is None
    [item] = [li for li in page.select('.gov-view-list li')
              if item_id(li.select_one('a')) == 'F-5']
    assert 'A <b>bold</b> answer & a <script>alert(1)</script> in it.' in text(item)


def test_a_list_page_has_the_site_layout_and_language(built_root: BuiltRoot) -> None:
    app = built_root('survey', language='ja')
    page = soup(app, 'gov-lists/P01/shaped-by/S1/1.html')
    assert page.html is not None and page.html['lang'] == 'ja'
    # the theme's page: its navigation beside the list, the list in its main content
    assert page.find('div', role='main') is not None and page.select('.sphinxsidebar')
    assert text(page.find('h1')) in text(page.find('title'))
    assert text(page.select_one('.gov-list-range')).startswith('全9件のうち1～4件目です。')


def test_the_export_is_the_same_whatever_the_pages_show(
    survey: SphinxTestApp, built_root: BuiltRoot,
) -> None:
    whole = built_root('survey', gov_view_sample_threshold=0)
    assert not (whole.outdir / 'gov-lists').exists()
    for name in ('provenance.json', 'principles.csv', 'evidence.csv', 'links.csv'):
        assert (survey.outdir / name).read_bytes() == (whole.outdir / name).read_bytes(), name
    # and it holds every item
    row = next(line for line in (survey.outdir / 'principles.csv').read_text(
        encoding='utf-8-sig').splitlines() if line.startswith('P01,'))
    assert ' '.join(EVIDENCE) in row


def test_a_builder_without_list_pages_shows_every_item(built_root: BuiltRoot) -> None:
    app = built_root('survey', 'singlehtml')
    page = BeautifulSoup((app.outdir / 'index.html').read_text(encoding='utf-8'), 'html.parser')
    view = page.select_one('.gov-view-principle')
    assert view is not None and not view.select('.gov-list-more')
    shown = {item_id(a) for a in view.select('p.gov-group + ul li > p > a:first-child')}
    assert shown == set(EVIDENCE)


# -- incremental builds -----------------------------------------------------------------------


def test_an_item_outside_the_sample_rewrites_its_list_pages_only(
    rootdir: Path, tmp_path: Path,
) -> None:
    project = Project(rootdir, tmp_path, root='survey')
    first, _ = project.build()
    before = list_pages(first)
    project.edit('data/answers.csv', 'The letters use words', 'The letters use terms')
    app, written = project.build()
    # F-7: its own page, read again, and the two pages of whole lists that show it
    assert content_pages(app, written) == {'survey', 'index'}
    assert written & before.keys() == {'gov-lists/P01/shaped-by/S1/2', 'gov-lists/S1/findings/2'}
    assert 'The letters use terms' in text(soup(app, 'gov-lists/S1/findings/2.html'))
    # an item of the sample: the pages that show it as well
    project.edit('data/answers.csv', 'The form asks', 'The form still asks')
    app, written = project.build()
    assert content_pages(app, written) == {'survey', 'index', 'principle'}
    # F-1 is pending too: the coverage page's whole list holds it, not its sample
    assert written & before.keys() == {'gov-lists/P01/shaped-by/S1/1', 'gov-lists/S1/findings/1',
                                       'gov-lists/coverage-pending/1'}


def test_a_list_that_becomes_short_loses_its_pages(rootdir: Path, tmp_path: Path) -> None:
    project = Project(rootdir, tmp_path, root='survey')
    first, _ = project.build()
    assert list_pages(first).keys() >= {'gov-lists/P01/shaped-by/M1/1', 'gov-lists/M1/opinions/1'}
    minutes = (project.srcdir / 'minutes.md').read_text(encoding='utf-8')
    project.edit('minutes.md', minutes, minutes[:minutes.index(':::{gov:opinion} O4')])
    app, _ = project.build()
    # three opinions of M1 are left: shown whole, with no pages of their own
    assert group_of(body(app, 'principle'), 'gov-principle-p01-from-m1') == (
        ['O1', 'O2', 'O3'], None)
    assert sorted(list_pages(app)) == [
        *(f'gov-lists/P01/shaped-by/S1/{n}' for n in (1, 2, 3)),
        *(f'gov-lists/S1/findings/{n}' for n in (1, 2, 3)),
        # eight items not yet reflected, without O4 and O5
        *(f'gov-lists/coverage-pending/{n}' for n in (1, 2)),
    ]


def test_a_missing_list_page_is_written_again(rootdir: Path, tmp_path: Path) -> None:
    project = Project(rootdir, tmp_path, root='survey')
    first, _ = project.build()
    missing = first.outdir / 'gov-lists/S1/findings/3.html'
    written_before = missing.read_bytes()
    missing.unlink()
    app, written = project.build()
    assert written & list_pages(app).keys() == {'gov-lists/S1/findings/3'}
    assert missing.read_bytes() == written_before


def list_pages(app: SphinxTestApp) -> dict[str, Path]:
    root = app.outdir / 'gov-lists'
    return {path.relative_to(app.outdir).with_suffix('').as_posix(): path
            for path in root.rglob('*.html')}


def test_a_fresh_build_writes_what_an_incremental_one_does(rootdir: Path, tmp_path: Path) -> None:
    project = Project(rootdir, tmp_path, root='survey')
    project.build()
    project.edit('data/answers.csv', 'The staff were kind.', 'The staff were very kind.')
    app, _ = project.build()
    fresh = tmp_path / 'fresh'
    shutil.copytree(project.srcdir, fresh)
    again = build(fresh, tmp_path / 'fresh-build')
    for name, path in list_pages(app).items():
        assert path.read_bytes() == (again.outdir / f'{name}.html').read_bytes(), name
    assert list_pages(app).keys() == list_pages(again).keys()


def test_a_list_page_names_an_untitled_record_once(survey: SphinxTestApp) -> None:
    """A record without a title is linked by its whole summary, as the views link it,
    and the summary is not said again beside the link."""
    page = soup(survey, 'gov-lists/P01/shaped-by/S1/1.html')
    items = page.select('.gov-view-list li')
    assert items
    for item in items:
        link = item.select_one('a')
        assert link is not None and text(link).endswith('.')
        assert text(item).count(text(link)) == 1, text(item)


def test_list_pages_share_the_navigation_without_changing_a_byte(
    rootdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a theme whose sidebar shows the navigation (the tests' default shows none)
    theme = {'html_theme': 'alabaster'}
    shared = build(rootdir / 'test-survey', tmp_path / 'shared', confoverrides=theme)
    monkeypatch.setattr(ListPages, 'share_navigation', lambda *args: None)
    made = build(rootdir / 'test-survey', tmp_path / 'made', confoverrides=theme)
    pages = sorted(path.relative_to(shared.outdir)
                   for path in (shared.outdir / 'gov-lists').rglob('*.html'))
    # pages of three depths: a principle's list of one source, a source's list, the
    # coverage page's list
    assert {len(page.parts) for page in pages} == {3, 4, 5}
    for page in pages:
        written = (shared.outdir / page).read_text(encoding='utf-8')
        assert written == (made.outdir / page).read_text(encoding='utf-8'), page
        assert 'class="toctree-l1"' in written  # the navigation is there to be shared
