"""Every page passes axe-core's WCAG 2.1 A and AA rules, at a desk, on a phone and in
the theme's dark mode; the site says it is Japanese, has a working skip link and
shows where focus is."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest
from conftest import DISPLAYS, checker

if TYPE_CHECKING:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import Browser, Page

#: the rules of WCAG 2.0 and 2.1, levels A and AA; no rule is switched off
WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']
#: pages whose keyboard path is walked: the front page and a page of each kind
KEYBOARD_PAGES = ['index.html', 'principles/p01.html', 'evidence/matrix.html', 'genindex.html']
#: how many Tab presses the focus check follows on each of those pages
TAB_STOPS = 60


@pytest.fixture(scope='module')
def tabs(browser: Browser) -> Iterator[dict[str, Page]]:
    """One browser tab per display, reused from page to page."""
    contexts = {}
    for name, display in DISPLAYS.items():
        context = browser.new_context(viewport=display['viewport'])
        # as the theme's switch stores it: the mode chosen and the theme it resolves to,
        # which the page applies before it is first drawn
        mode = display['mode']
        context.add_init_script(
            f'localStorage.setItem("mode", "{mode}"); localStorage.setItem("theme", "{mode}");'
        )
        contexts[name] = context
    yield {name: context.new_page() for name, context in contexts.items()}
    for context in contexts.values():
        context.close()


def open_page(tabs: dict[str, Page], display: str, url: str) -> Page:
    tab = tabs[display]
    response = tab.goto(url)
    assert response is not None and response.ok, f'{url} did not load'
    mode = DISPLAYS[display]['mode']
    assert tab.evaluate('document.documentElement.dataset.theme') == mode, (
        f'{url} is not in {mode} mode: does the theme still read localStorage "mode"?'
    )
    return tab


@pytest.fixture(scope='session')
def axe() -> Axe:
    """axe-core as pinned in package-lock.json, not the older copy the wrapper bundles."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe.from_file(checker('axe-core/axe.min.js'))


@pytest.mark.parametrize('display', list(DISPLAYS))
def test_no_axe_violations(
    tabs: dict[str, Page], site_url: str, page: str, display: str, axe: Axe
) -> None:
    tab = open_page(tabs, display, f'{site_url}/{page}')
    results = axe.run(tab, options={
        'runOnly': {'type': 'tag', 'values': WCAG_TAGS},
        'resultTypes': ['violations'],
    })
    violations = results.response['violations']
    assert not violations, axe_report(page, display, violations)


def axe_report(page: str, display: str, violations: list[dict[str, Any]]) -> str:
    lines = [f'{page} ({display}): {len(violations)} accessibility rule(s) violated']
    for violation in violations:
        lines.append(f'- {violation["id"]} ({violation["impact"]}): {violation["help"]}')
        lines.append(f'  {violation["helpUrl"]}')
        for node in violation['nodes']:
            lines.append(f'  * {" ".join(map(str, node["target"]))}')
            lines.append(f'    {node["html"][:300]}')
            for line in str(node.get('failureSummary', '')).splitlines():
                lines.append(f'    {line}')
    return '\n'.join(lines)


def test_page_language_is_japanese(tabs: dict[str, Page], site_url: str, page: str) -> None:
    tab = open_page(tabs, 'desktop', f'{site_url}/{page}')
    assert tab.evaluate('document.documentElement.lang') == 'ja', (
        f'{page}: <html lang> should be "ja" (conf.py: language)'
    )


@pytest.mark.parametrize('display', list(DISPLAYS))
@pytest.mark.parametrize('start', KEYBOARD_PAGES)
def test_skip_link_is_first_and_reaches_the_content(
    tabs: dict[str, Page], site_url: str, start: str, display: str
) -> None:
    tab = open_page(tabs, display, f'{site_url}/{start}')
    tab.keyboard.press('Tab')
    # the theme slides the link in (a 0.15 s transition)
    tab.wait_for_timeout(400)
    focused = tab.evaluate('''() => {
        const el = document.activeElement;
        const box = el.getBoundingClientRect();
        return {href: el.getAttribute('href'), text: el.textContent.trim(),
                visible: box.width > 1 && box.height > 1 && box.top >= 0
                         && box.left >= 0 && box.bottom <= innerHeight};
    }''')
    assert focused['href'] == '#main-content', (
        f'{start} ({display}): the first Tab stop is {focused}, not the skip link'
    )
    assert focused['visible'], f'{start} ({display}): the focused skip link is not on screen'
    assert focused['text'], f'{start} ({display}): the skip link has no text'
    tab.keyboard.press('Enter')
    tab.keyboard.press('Tab')
    inside = tab.evaluate('''() => {
        const main = document.getElementById('main-content');
        return {exists: main !== null,
                contains: main !== null && main.contains(document.activeElement),
                focused: document.activeElement.outerHTML.slice(0, 200)};
    }''')
    assert inside['exists'], f'{start}: the skip link points to #main-content, which is missing'
    assert inside['contains'], (
        f'{start} ({display}): after the skip link, Tab goes to {inside["focused"]}, '
        'outside the main content'
    )


FOCUS_STATE = '''() => {
    const el = document.activeElement;
    if (el === null || el === document.body) return null;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
        element: el.outerHTML.slice(0, 160),
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
        shadow: style.boxShadow !== 'none',
        shown: box.width > 0 && box.height > 0 && style.visibility !== 'hidden',
    };
}'''


@pytest.mark.parametrize('display', list(DISPLAYS))
@pytest.mark.parametrize('start', KEYBOARD_PAGES)
def test_focus_is_visible(tabs: dict[str, Page], site_url: str, start: str,
                          display: str) -> None:
    tab = open_page(tabs, display, f'{site_url}/{start}')
    unmarked: list[str] = []
    reached = 0
    for _ in range(TAB_STOPS):
        tab.keyboard.press('Tab')
        state = tab.evaluate(FOCUS_STATE)
        if state is None or not state['shown']:
            continue
        reached += 1
        if not (state['outline'] or state['shadow']):
            if state['element'] not in unmarked:
                unmarked.append(state['element'])
    assert reached > 5, f'{start} ({display}): Tab reached only {reached} visible elements'
    assert not unmarked, (
        f'{start} ({display}): {len(unmarked)} focused element(s) show no outline or shadow:\n'
        + '\n'.join(f'- {element}' for element in unmarked)
    )
