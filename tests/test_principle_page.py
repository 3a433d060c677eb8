"""A principle's page as a reader meets it, on the ``principle-page`` root (Japanese).

The root records two principles (P01 under a heading that names it, P02 under
one that does not), two meetings of which only the first has opinions, and two
opinions on P01, one of them linked by inference.
"""

from __future__ import annotations

import json

import pytest
from bs4 import Tag
from common import body, links, object_element, page, text
from sphinx.testing.util import SphinxTestApp

pytestmark = pytest.mark.sphinx('html', testroot='principle-page')


@pytest.fixture
def built(app: SphinxTestApp) -> SphinxTestApp:
    app.build()
    return app


def header(app: SphinxTestApp, name: str, object_id: str) -> Tag:
    found = object_element(app, name, 'principle', object_id).find(class_='gov-object-header')
    assert isinstance(found, Tag)
    return found


def test_the_id_is_a_citation_chip(built: SphinxTestApp) -> None:
    chip = header(built, 'p01', 'P01').find(class_='gov-cite-id')
    assert isinstance(chip, Tag)
    assert text(chip) == '引用用 ID: P01'
    assert chip.find('a', class_='gov-id')['href'] == '#gov-principle-P01'


def test_the_header_does_not_repeat_the_heading(built: SphinxTestApp) -> None:
    # P01's heading already gives its name and title; P02's gives neither
    assert header(built, 'p01', 'P01').find(class_=['gov-name', 'gov-title']) is None
    p02 = header(built, 'p02', 'P02')
    assert text(p02.find(class_='gov-name')) == '#2 Openness'
    assert text(p02.find(class_='gov-title')) == 'Work in the open'


def test_notes_are_collapsed_after_the_text(built: SphinxTestApp) -> None:
    p01 = object_element(built, 'p01', 'principle', 'P01')
    notes = p01.find('details', class_='gov-notes')
    assert isinstance(notes, Tag)
    assert text(notes.summary) == '出典と確かさ'
    assert 'open' not in notes.attrs
    assert "The title is the draft's" in text(notes)
    order = [child for child in p01.find_all(['p', 'details', 'div'], recursive=False)]
    names = [element.name if element.name != 'div' else element['class'][1]
             for element in order]
    # header, what it asks, the notes, then the generated view
    assert names == ['p', 'p', 'details', 'gov-view-principle']
    assert text(order[1]) == 'Services begin with the people who use them.'


def test_notes_stay_out_of_the_summary(built: SphinxTestApp) -> None:
    export = json.loads((built.outdir / 'provenance.json').read_text(encoding='utf-8'))
    p01 = next(obj for obj in export['objects'] if obj['id'] == 'P01')
    assert p01['summary'] == 'Services begin with the people who use them.'


def test_view_headings_are_in_the_page_contents(built: SphinxTestApp) -> None:
    sidebar = page(built, 'p01').find('div', class_='sphinxsidebarwrapper')
    assert isinstance(sidebar, Tag)
    contents = sidebar.find('ul')
    assert isinstance(contents, Tag)
    entries = [(href, name) for href, name in links(contents, 'p01')]
    assert [name for _, name in entries] == [
        '#1 User focus — Start from the user',
        'この原則に関する主な意見・知見', '修正の記録', 'この原則を実践するガイドライン',
        'Background',
    ]
    view = object_element(built, 'p01', 'principle', 'P01').find(class_='gov-view')
    headings = view.find_all('h2', class_='rubric')
    assert [href.rpartition('#')[2] for href, _ in entries[1:4]] == [
        heading['id'] for heading in headings
    ]


def test_dates_are_written_for_readers(built: SphinxTestApp) -> None:
    m1 = text(object_element(built, 'meetings', 'meeting', 'M1'))
    assert '2022年1月24日' in m1 and '2022-01-24' not in m1


def test_the_matrix_leaves_out_columns_without_links(built: SphinxTestApp) -> None:
    overview = body(built, 'overview')
    table = overview.find('table', class_='gov-matrix')
    assert isinstance(table, Tag)
    assert [name for _, name in links(table.thead, 'overview')] == ['First meeting']
    legend = [p for p in overview.find_all('p', class_='gov-legend') if 'Second meeting' in text(p)]
    assert len(legend) == 1
    assert [name for _, name in links(legend[0], 'overview')] == ['Second meeting']


def test_the_matrix_reads_as_a_list_on_a_phone(built: SphinxTestApp) -> None:
    items = body(built, 'overview').find('ul', class_='gov-matrix-list').find_all('li')
    assert [text(item) for item in items] == [
        '#1 User focus — First meeting 2件 計2件（うち推定1件）',
        '#2 Openness — 記録はありません。',
    ]
    count = items[0].find_all('a')[1]
    assert count['href'] == 'p01.html#gov-principle-p01-from-m1'


def test_the_principle_table_reads_as_cards_on_a_phone(built: SphinxTestApp) -> None:
    cards = body(built, 'overview').find('ul', class_='gov-principle-cards').find_all('li')
    assert [text(card.find(class_='gov-card-counts')) for card in cards] == [
        '意見・知見2件（うち推定1件）、修正0件、ガイドライン0件',
        '意見・知見0件、修正0件、ガイドライン0件',
    ]
    assert links(cards[0], 'overview')[0] == ('p01.html#gov-principle-P01', '#1 User focus')


def test_only_the_pages_subject_lists_its_view_headings(built: SphinxTestApp) -> None:
    # meetings.md defines M1 first, then M2 and two opinions
    sidebar = page(built, 'meetings').find('div', class_='sphinxsidebarwrapper')
    assert isinstance(sidebar, Tag)
    listed = [name for _, name in links(sidebar.find('ul'), 'meetings')]
    assert listed == ['Meetings', 'この会議で出された意見', 'この会議で報告された修正', 'Notes']
    m1 = object_element(built, 'meetings', 'meeting', 'M1').find(class_='gov-view')
    assert {heading.name for heading in m1.find_all(class_='rubric')} == {'h2'}
    o1 = object_element(built, 'meetings', 'opinion', 'O1').find(class_='gov-view')
    assert 'gov-view-secondary' in o1['class']
    assert {heading.name for heading in o1.find_all(class_='rubric')} == {'h3'}
