"""Every page reads on a phone (390×844): nothing scrolls sideways, and no heading
breaks inside a word.

A table wider than the screen scrolls inside its own box; the page itself must not.
Headings break between phrases (ハンドブック, never ハンドブ/ック); the check looks
at every line break of a heading, as drawn, and fails where the characters on both
sides belong to one katakana or Latin word.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conftest import DISPLAYS, open_page

if TYPE_CHECKING:
    from playwright.sync_api import Page

PHONE_WIDTH: int = DISPLAYS['phone']['viewport']['width']

#: the innermost elements drawn past the right edge of the screen, outside any box
#: that scrolls or clips them and outside the theme's off-screen drawers: what makes
#: the page scroll sideways
WIDER_THAN_THE_SCREEN = '''(width) => {
    const escapes = (element) => {
        for (let box = element; box; box = box.parentElement) {
            const style = getComputedStyle(box);
            if (style.position === 'fixed') return false;
            if (box !== element && style.overflowX !== 'visible') {
                return box.getBoundingClientRect().right > width + 0.5;
            }
        }
        return true;
    };
    const wide = [...document.body.querySelectorAll('*')].filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.right > width + 0.5 && escapes(element);
    });
    const innermost = wide.filter((element) => !wide.some(
        (other) => other !== element && element.contains(other)));
    return {
        scrollWidth: document.documentElement.scrollWidth,
        wide: innermost.slice(0, 5).map((element) => `${element.outerHTML.slice(0, 160)} `
            + `(right edge at ${Math.round(element.getBoundingClientRect().right)} px)`),
    };
}'''

#: line breaks inside a word of a heading: the characters before and after a break,
#: when both are katakana (with ー) or both Latin letters or digits
BROKEN_WORDS = r'''() => {
    const katakana = /[\p{Script=Katakana}ー]/u;
    const latin = /[A-Za-z0-9]/;
    const broken = [];
    for (const heading of document.querySelectorAll('article :is(h1, h2, h3, h4, h5, h6)')) {
        const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
        let before = null;
        for (let text = walker.nextNode(); text; text = walker.nextNode()) {
            if (text.parentElement.closest('.headerlink')) continue;
            for (let i = 0; i < text.length; i++) {
                const character = text.data[i];
                if (/\s/.test(character)) { before = null; continue; }
                const range = document.createRange();
                range.setStart(text, i);
                range.setEnd(text, i + 1);
                const box = range.getClientRects()[0];
                if (!box) continue;
                const newLine = before && box.top >= before.bottom - 2 && box.left < before.left;
                if (newLine && ((katakana.test(before.character) && katakana.test(character))
                                || (latin.test(before.character) && latin.test(character)))) {
                    broken.push(`${heading.textContent.trim().replace(/#$/, '')}: `
                                + `${before.character}/${character}`);
                }
                before = {bottom: box.bottom, left: box.left, character};
            }
        }
    }
    return broken;
}'''


def test_no_page_scrolls_sideways_on_a_phone(phone: Page, site_url: str, page: str) -> None:
    tab = open_page(phone, f'{site_url}/{page}')
    measured = tab.evaluate(WIDER_THAN_THE_SCREEN, PHONE_WIDTH)
    assert measured['scrollWidth'] <= PHONE_WIDTH, (
        f'{page} is {measured["scrollWidth"]} px wide on a {PHONE_WIDTH} px phone; '
        'drawn past the edge:\n' + '\n'.join(f'- {element}' for element in measured['wide'])
    )


def test_headings_do_not_break_inside_words_on_a_phone(
    phone: Page, site_url: str, page: str
) -> None:
    tab = open_page(phone, f'{site_url}/{page}')
    broken = tab.evaluate(BROKEN_WORDS)
    assert broken == [], f'{page}: headings broken inside a word:\n' + '\n'.join(
        f'- {line}' for line in broken
    )
