"""Pages load light and whole: a principle page weighs at most 900 KB, decoded, with
everything it loads; no page asks for a file the site lacks (favicon.ico included);
each page has one viewport tag.

Weights are what the browser receives, decoded (a host may compress them further),
counted over every response while the page loads and its fonts are drawn.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from conftest import DISPLAYS, open_page

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Response

#: the heaviest a principle page may be, with all it loads, decoded
MAX_PRINCIPLE_BYTES = 900 * 1024
PRINCIPLES = [f'principles/p{number:02d}.html' for number in range(1, 11)]


def loaded(tab: Page, url: str) -> list[Response]:
    """Every response the page gets until it has settled."""
    responses: list[Response] = []

    def listener(response: Response) -> None:
        responses.append(response)

    tab.on('response', listener)
    open_page(tab, url)
    tab.wait_for_load_state('networkidle')
    tab.evaluate('document.fonts.ready.then(() => true)')
    tab.remove_listener('response', listener)
    return responses


@pytest.fixture(params=['desktop', 'phone'])
def fresh_tab(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A tab of its own, with an empty cache: the page pays for all it loads."""
    phone = request.param == 'phone'
    context = browser.new_context(
        viewport=DISPLAYS[request.param]['viewport'], has_touch=phone, is_mobile=phone
    )
    yield context.new_page()
    context.close()


@pytest.mark.parametrize('principle', PRINCIPLES)
def test_a_principle_page_weighs_at_most_900_kb(
    fresh_tab: Page, site_url: str, principle: str
) -> None:
    responses = loaded(fresh_tab, f'{site_url}/{principle}')
    sizes = {response.url.removeprefix(site_url): len(response.body())
             for response in responses if response.ok}
    total = sum(sizes.values())
    heaviest = sorted(sizes.items(), key=lambda item: -item[1])[:6]
    assert total <= MAX_PRINCIPLE_BYTES, (
        f'{principle} loads {total / 1024:.0f} KB, more than {MAX_PRINCIPLE_BYTES // 1024} KB; '
        'heaviest: ' + ', '.join(f'{url} {size / 1024:.0f} KB' for url, size in heaviest)
    )
    assert not any('fontawesome.js' in url or 'searchindex' in url for url in sizes), sizes


def test_no_page_asks_for_a_missing_file(phone: Page, site_url: str, page: str) -> None:
    responses = loaded(phone, f'{site_url}/{page}')
    missing = [f'{response.status} {response.url}' for response in responses
               if response.status >= 400]
    assert not missing, f'{page} asks for files the site lacks:\n' + '\n'.join(missing)
    assert phone.locator('meta[name="viewport"]').count() == 1, f'{page}: not one viewport tag'
    icon = phone.locator('link[rel="icon"]')
    assert icon.count() == 1, f'{page}: no icon of its own, so browsers ask for /favicon.ico'
