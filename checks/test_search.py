"""Search finds what staff type, in Japanese, through ``search.html?q=``.

Each query of ``READER_QUERIES`` is typed as a reader types it, into the search
page's field; the page it names must be among the first results. Reader results
leave out the pages for contributors unless the reader asks for them; snippets come
from the article's text, never from the menus; the page says how many pages it found,
and what to try when it found none. The index is Pagefind's (conf.py, run_pagefind).
"""

from __future__ import annotations

import functools
import re
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import pytest
from conftest import QuietHandler, open_page

if TYPE_CHECKING:
    from playwright.sync_api import Page

#: what staff type, and the page that answers it: the words of the pages' titles and
#: text, the ids the pages ask readers to cite, and the words the council uses
READER_QUERIES: dict[str, str] = {
    '高齢者': 'principles/p03.html',
    '誰ひとり取り残されない': 'principles/p03.html',
    '行動規範': 'principles/index.html',
    'P03': 'principles/p03.html',
    'p07': 'principles/p07.html',
    'アクセシビリティ': 'principles/p03.html',
    '顧客視点': 'principles/p01.html',
    'オープンデータ': 'principles/p04.html',
    '見える化': 'principles/p07.html',
    '区市町村': 'principles/p06.html',
    '共創': 'principles/p08.html',
    'ラーニング': 'principles/p10.html',
    'チャレンジ': 'principles/p09.html',
    'セキュリティ': 'principles/p05.html',
    'データ利活用': 'principles/p04.html',
    '都民アンケート': 'evidence/citizen-survey.html',
    '職員ワークショップ': 'evidence/staff-workshop.html',
    '第3回会議': 'meetings/m03.html',
    '10か条': 'principles/index.html',
    'ガイドライン': 'guidelines/index.html',
    '用語集': 'glossary.html',
}
#: how far down a reader looks for the page they meant
FIRST_RESULTS = 3
#: pages for contributors (conf.py, developer_pages)
DEVELOPER_PAGES = ('about/extension.html', 'about/changelog.html')
#: words of the theme's menus and buttons that must never open a snippet
MENU_WORDS = ('端末の設定に従う', 'ライト', 'ダーク', '目次の表示', 'このページの見出し')


def searched(tab: Page, site_url: str, query: str, developer: bool = False) -> Page:
    """The search page after ``query`` is typed into its field and sent."""
    open_page(tab, f'{site_url}/search.html')
    field = tab.get_by_label('調べたい言葉')
    field.fill(query)
    if developer:
        tab.get_by_label('開発者向けのページ（拡張機能の説明、変更履歴）も含める').check()
    field.press('Enter')
    wait_for_results(tab)
    return tab


def wait_for_results(tab: Page) -> None:
    tab.wait_for_function('''() => {
        const status = document.querySelector('.handbook-search__status');
        return status && /件|ありませんでした/.test(status.textContent);
    }''')


def result_pages(tab: Page, site_url: str) -> list[str]:
    links = tab.locator('.handbook-search__results .handbook-search__title a')
    return [href.removeprefix(f'{site_url}/').split('#')[0]
            for href in links.evaluate_all('(links) => links.map((link) => link.href)')]


@pytest.mark.parametrize('query', READER_QUERIES)
def test_a_reader_query_finds_its_page(phone: Page, site_url: str, query: str) -> None:
    tab = searched(phone, site_url, query)
    pages = result_pages(tab, site_url)
    expected = READER_QUERIES[query]
    assert expected in pages[:FIRST_RESULTS], (
        f'「{query}」: {expected} is not among the first {FIRST_RESULTS} results: {pages[:8]}'
    )
    assert not set(pages) & set(DEVELOPER_PAGES), f'「{query}」 lists developer pages: {pages}'
    status = tab.locator('.handbook-search__status').inner_text()
    count = re.fullmatch(
        f'「{re.escape(query)}」に一致するページ：(\\d+)件(（上位\\d+件を表示）)?', status
    )
    assert count and int(count[1]) >= len(pages) > 0, f'「{query}」: status {status!r}'
    for excerpt in tab.locator('.handbook-search__excerpt').all_inner_texts():
        assert excerpt.strip(), f'「{query}」: a result has no snippet'
        assert not excerpt.startswith(MENU_WORDS), f'「{query}」: snippet from a menu: {excerpt}'


def test_a_shared_link_searches_at_once(phone: Page, site_url: str) -> None:
    tab = open_page(phone, f'{site_url}/search.html?q={quote("誰ひとり取り残されない")}')
    wait_for_results(tab)
    assert tab.get_by_label('調べたい言葉').input_value() == '誰ひとり取り残されない'
    assert result_pages(tab, site_url)[0] == 'principles/p03.html'


def test_the_theme_search_field_leads_to_the_results(phone: Page, site_url: str) -> None:
    tab = open_page(phone, f'{site_url}/principles/index.html')
    tab.locator('button.search-button:visible').first.tap()
    field = tab.locator('#pst-search-dialog input[name="q"]')
    field.fill('高齢者')
    field.press('Enter')
    tab.wait_for_url('**/search.html?q=*')
    wait_for_results(tab)
    assert 'principles/p03.html' in result_pages(tab, site_url)[:FIRST_RESULTS]


def test_developer_pages_are_found_when_asked_for(phone: Page, site_url: str) -> None:
    tab = searched(phone, site_url, 'ディレクティブ')
    assert 'about/extension.html' not in result_pages(tab, site_url)
    tab = searched(phone, site_url, 'ディレクティブ', developer=True)
    assert 'about/extension.html' in result_pages(tab, site_url)[:FIRST_RESULTS]
    assert 'developer=1' in tab.url


def test_no_result_says_what_to_try(phone: Page, site_url: str) -> None:
    tab = searched(phone, site_url, 'ぬゑゐ存在しない語')
    assert tab.locator('.handbook-search__status').inner_text() == (
        '「ぬゑゐ存在しない語」に一致するページはありませんでした。'
    )
    hint = tab.locator('.handbook-search__hint')
    assert hint.is_visible() and '原則の一覧' in hint.inner_text()
    assert tab.locator('.handbook-search__results li').count() == 0


def test_a_query_is_text_not_markup(phone: Page, site_url: str) -> None:
    query = '<img src=x onerror="window.injected=1">高齢者'
    tab = searched(phone, site_url, query)
    assert tab.evaluate('window.injected') is None
    assert tab.locator('.handbook-search__results img, .handbook-search__status img').count() == 0


def test_search_works_from_a_folder_of_a_host(phone: Page, site: Path, tmp_path: Path) -> None:
    """A host that serves the handbook under /handbook/ (not at its root) finds pages
    there, and links to them there."""
    (tmp_path / 'handbook').symlink_to(site, target_is_directory=True)
    handler = functools.partial(QuietHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(('127.0.0.1', 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        host = f'http://127.0.0.1:{server.server_address[1]}'
        tab = open_page(phone, f'{host}/handbook/search.html?q=P03')
        wait_for_results(tab)
        first = tab.locator('.handbook-search__title a').first.get_attribute('href')
        assert first == f'{host}/handbook/principles/p03.html', first
    finally:
        server.shutdown()
        server.server_close()
