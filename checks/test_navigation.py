"""The site's navigation opens and closes by the buttons a reader sees.

On a phone (390×844, touch) the menu button (☰) opens the site navigation and the
page-contents button opens the page's headings, each as a drawer that a tap beside it
closes; at a desk (1280×800) the menu button hides the sidebar and shows it again.
The tests tap and click the visible buttons, as a reader does, and look at what a
reader would then see: whether the links are on screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from conftest import DISPLAYS, open_page

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page

#: pages of each kind that have headings of their own, so both buttons are drawn
PAGES = [
    'index.html',
    'principles/index.html',
    'principles/p03.html',
    'meetings/m03.html',
    'glossary.html',
    'about/extension.html',
]
#: links of the site navigation and of the page contents, wherever the theme has put
#: them: the theme moves a sidebar's nodes and classes into its drawer while it is open
SITE_NAVIGATION = '.bd-sidebar-primary nav.bd-docs-nav a'
PAGE_CONTENTS = '.bd-sidebar-secondary nav.page-toc a'
MENU_BUTTON = 'button.primary-toggle:visible'
CONTENTS_BUTTON = 'button.secondary-toggle:visible'


@pytest.fixture(scope='module')
def desk(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=DISPLAYS['desktop']['viewport'])
    yield context.new_page()
    context.close()


def the_button(tab: Page, selector: str, page: str, name: str) -> Locator:
    """The one button of that kind a reader can see."""
    buttons = tab.locator(selector)
    assert buttons.count() == 1, (
        f'{page}: {buttons.count()} visible {name} buttons (selector {selector}), expected one'
    )
    return buttons


def tap_beside_the_drawer(tab: Page, drawer_id: str) -> None:
    """Tap the dimmed page beside an open drawer, as a reader closes it on a phone."""
    box = tab.locator(f'#{drawer_id}').bounding_box()
    assert box is not None, f'#{drawer_id} is not drawn'
    viewport = tab.viewport_size
    assert viewport is not None
    right_of_it = box['x'] + box['width'] + 10
    x = right_of_it if right_of_it < viewport['width'] else box['x'] - 10
    assert 0 < x < viewport['width'], f'#{drawer_id} leaves no room beside it to tap'
    tab.touchscreen.tap(x, viewport['height'] / 2)


@pytest.mark.parametrize('start', PAGES)
@pytest.mark.parametrize(('button', 'links', 'drawer', 'name'), [
    pytest.param(MENU_BUTTON, SITE_NAVIGATION, 'pst-primary-sidebar-modal', 'menu',
                 id='menu'),
    pytest.param(CONTENTS_BUTTON, PAGE_CONTENTS, 'pst-secondary-sidebar-modal', 'page-contents',
                 id='page-contents'),
])
def test_phone_buttons_open_and_close_their_drawer(
    phone: Page, site_url: str, start: str, button: str, links: str, drawer: str, name: str
) -> None:
    from playwright.sync_api import expect

    tab = open_page(phone, f'{site_url}/{start}')
    first_link = tab.locator(links).first
    expect(first_link, f'{start}: {name} links are on screen before the tap').to_be_hidden()
    the_button(tab, button, start, name).tap()
    expect(first_link, f'{start}: tapping the {name} button shows no links').to_be_visible()
    tap_beside_the_drawer(tab, drawer)
    expect(first_link, f'{start}: a tap beside the {name} drawer leaves it open').to_be_hidden()
    the_button(tab, button, start, name).tap()
    expect(first_link, f'{start}: the {name} button does not open it again').to_be_visible()


@pytest.mark.parametrize('start', PAGES)
def test_desk_menu_button_hides_and_shows_the_sidebar(
    desk: Page, site_url: str, start: str
) -> None:
    from playwright.sync_api import expect

    tab = open_page(desk, f'{site_url}/{start}')
    first_link = tab.locator(SITE_NAVIGATION).first
    expect(first_link, f'{start}: the sidebar is not shown at first').to_be_visible()
    the_button(tab, MENU_BUTTON, start, 'menu').click()
    expect(first_link, f'{start}: the menu button does not hide the sidebar').to_be_hidden()
    the_button(tab, MENU_BUTTON, start, 'menu').click()
    expect(first_link, f'{start}: the menu button does not show the sidebar again').to_be_visible()
