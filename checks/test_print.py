"""A printed page reads on paper: its collapsed notes open, the sources its numbers
cite listed with their addresses, external links with their URLs, and the text
starting on the first page (the theme's printed title and contents, which took a
page of their own, are left out).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conftest import open_page

if TYPE_CHECKING:
    from playwright.sync_api import Page

PRINCIPLE = 'principles/p03.html'


def printed(tab: Page, url: str) -> Page:
    open_page(tab, url)
    tab.emulate_media(media='print')
    return tab


def test_collapsed_notes_print_open(phone: Page, site_url: str) -> None:
    tab = printed(phone, f'{site_url}/{PRINCIPLE}')
    try:
        notes = tab.locator('article details').first
        assert notes.get_attribute('open') is None, 'the notes are open on screen already'
        content = notes.locator(':scope > :not(summary)').first
        assert content.is_visible(), '出典と確かさ prints closed'
    finally:
        tab.emulate_media(media='screen')


def test_cited_sources_print_with_their_addresses(phone: Page, site_url: str) -> None:
    tab = printed(phone, f'{site_url}/{PRINCIPLE}')
    try:
        references = tab.locator('.handbook-print-references')
        assert references.is_visible(), 'the page prints its numbers without their sources'
        cited = {text.strip() for text in tab.locator(
            'article a.reference.internal[href*="references.html#"]').all_inner_texts()}
        numbers = {str(value) for value in references.locator('li').evaluate_all(
            '(items) => items.map((item) => item.value)')}
        assert cited and cited <= numbers, f'cited {sorted(cited)}, printed {sorted(numbers)}'
        assert 'https://' in references.inner_text()
    finally:
        tab.emulate_media(media='screen')
    assert not tab.locator('.handbook-print-references').is_visible(), 'shown on screen too'


def test_external_links_print_their_url(phone: Page, site_url: str) -> None:
    tab = printed(phone, f'{site_url}/about/references.html')
    try:
        link = tab.locator('article a.reference.external[href^="http"]').first
        after = link.evaluate("(a) => getComputedStyle(a, '::after').content")
        assert link.get_attribute('href') in after, after
    finally:
        tab.emulate_media(media='screen')


def test_the_text_starts_on_the_first_page(phone: Page, site_url: str) -> None:
    tab = printed(phone, f'{site_url}/{PRINCIPLE}')
    try:
        assert not tab.locator('#jb-print-docs-body').is_visible()
        title = tab.locator('article h1').first.bounding_box()
        assert title is not None and title['y'] < 300, f'the title prints at {title}'
    finally:
        tab.emulate_media(media='screen')
