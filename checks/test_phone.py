"""A phone reader's first screens: what they tap, and what they must not have to scroll.

At 390 and 320 px the previous/next links at the foot of every page show their
whole labels; the meetings read as cards; a heading chosen in the page-contents
drawer closes the drawer; the menu opens on the ten principles; the home page shows
them on its first screen; deep pages show where they sit (breadcrumbs).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from conftest import open_page, site_pages
from test_layout import WIDER_THAN_THE_SCREEN

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

#: the widths of the phones readers hold: a common one, and the narrowest in use
PHONE_WIDTHS = (390, 320)

#: elements whose text is cut off: wider content than their box, in a box that clips
CLIPPED = '''(selector) => [...document.querySelectorAll(selector)].filter((element) => {
    const style = getComputedStyle(element);
    return element.getClientRects().length > 0 && style.overflowX !== 'visible'
        && element.scrollWidth > element.clientWidth + 1;
}).map((element) => element.textContent.trim().slice(0, 80))'''


@pytest.fixture(scope='module', params=PHONE_WIDTHS, ids=lambda width: f'{width}px')
def narrow(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(
        viewport={'width': request.param, 'height': 740}, has_touch=True, is_mobile=True
    )
    yield context.new_page()
    context.close()


def test_previous_and_next_fit_a_phone(narrow: Page, site_url: str) -> None:
    width = narrow.viewport_size['width'] if narrow.viewport_size else 0
    problems = []
    for page in site_pages():
        tab = open_page(narrow, f'{site_url}/{page}')
        for link in tab.locator('.prev-next-area a').all():
            box = link.bounding_box()
            label = link.locator('.prev-next-title').inner_text()
            if box is None or box['x'] < 0 or box['x'] + box['width'] > width + 0.5:
                problems.append(f'{page}: 「{label}」 is drawn past the screen: {box}')
        clipped = tab.evaluate(CLIPPED, '.prev-next-area *')
        problems += [f'{page}: 「{text}」 is cut off' for text in clipped]
        measured = tab.evaluate(WIDER_THAN_THE_SCREEN, width)
        if measured['scrollWidth'] > width:
            problems.append(f'{page}: {measured["scrollWidth"]} px wide: {measured["wide"][:2]}')
    assert not problems, f'at {width} px:\n' + '\n'.join(problems)


def test_the_meetings_read_as_cards(phone: Page, site_url: str) -> None:
    tab = open_page(phone, f'{site_url}/meetings/index.html')
    width = tab.viewport_size['width'] if tab.viewport_size else 0
    summaries = tab.locator('.handbook-cards td[data-label="主な内容"]')
    assert summaries.count() == 5
    for summary in summaries.all():
        box = summary.bounding_box()
        assert box is not None and box['x'] >= 0 and box['x'] + box['width'] <= width, (
            f'主な内容 is off screen: {box}'
        )
    first = summaries.first
    label = first.evaluate("(cell) => getComputedStyle(cell, '::before').content")
    assert label == '"主な内容："', label


def test_choosing_a_heading_closes_the_drawer(phone: Page, site_url: str) -> None:
    from playwright.sync_api import expect

    tab = open_page(phone, f'{site_url}/principles/p03.html')
    tab.locator('button.secondary-toggle:visible').tap()
    drawer = tab.locator('#pst-secondary-sidebar-modal')
    expect(drawer).to_have_attribute('open', '')
    heading = drawer.locator('nav.page-toc a').last
    target = heading.get_attribute('href')
    heading.tap()
    expect(drawer).not_to_have_attribute('open', '')
    assert target and tab.url.endswith(target)
    assert tab.locator(f'[id="{target.lstrip("#")}"]').first.is_visible()


def test_the_menu_opens_on_the_ten_principles(phone: Page, site_url: str) -> None:
    from playwright.sync_api import expect

    tab = open_page(phone, f'{site_url}/meetings/m01.html')
    tab.locator('button.primary-toggle:visible').tap()
    principle = tab.locator('#pst-primary-sidebar-modal a', has_text='#10 ラーニング')
    expect(principle).to_be_visible()


def test_the_home_page_shows_the_principles_first(phone: Page, site_url: str) -> None:
    tab = open_page(phone, f'{site_url}/index.html')
    height = tab.viewport_size['height'] if tab.viewport_size else 0
    links = tab.locator('article .handbook-principles a')
    assert links.count() == 10
    for link in links.all():
        box = link.bounding_box()
        assert box is not None and box['y'] + box['height'] <= height, (
            f'「{link.inner_text()}」 is below the first screen: {box}'
        )
    links.nth(2).tap()
    tab.wait_for_url('**/principles/p03.html')


def test_a_deep_page_shows_where_it_sits(phone: Page, site_url: str) -> None:
    tab = open_page(phone, f'{site_url}/principles/p03.html')
    crumbs = tab.get_by_role('navigation', name='パンくずリスト')
    parent = crumbs.get_by_role('link', name='行動規範（デジタル10か条）')
    assert parent.is_visible()
    parent.tap()
    tab.wait_for_url('**/principles/index.html')
    home = open_page(tab, f'{site_url}/index.html')
    assert home.get_by_role('navigation', name='パンくずリスト').count() == 0
