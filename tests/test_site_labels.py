"""The first build of a fresh clone speaks Japanese on every page.

The handbook's ``.po`` catalogues are committed, their ``.mo`` files are not: a
fresh clone has none. A catalogue compiled only after Sphinx and the themes loaded
theirs leaves that first build with the theme's English labels. These tests build
a copy of the handbook that has no compiled catalogue, once, and scan every page
and the search index for the English labels the theme and Sphinx would otherwise
write.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

#: labels that sphinx-book-theme, pydata-sphinx-theme and Sphinx write in English
#: unless a catalogue translates them: each must not appear as text, title, label or
#: placeholder of any page
ENGLISH_LABELS = [
    # the book theme's header buttons and search box
    'Search',
    'Search...',
    'Repository',
    'Source repositories',
    'Show source',
    'Suggest edit',
    'Open issue',
    'Download source file',
    'Print to PDF',
    'Fullscreen mode',
    'Toggle primary sidebar',
    'Toggle secondary sidebar',
    'Contents',
    'By',
    # pydata-sphinx-theme's chrome
    'Site navigation',
    'On this page',
    'Skip to main content',
    'Back to top',
    'Color mode',
    'System Settings',
    'Light',
    'Dark',
    'Previous',
    'previous',
    'Next',
    'next',
    '© Copyright',
    'Copyright',
    'Last updated on',
    # Sphinx's permalinks
    'Link to this heading',
    'Link to this table',
    'Link to this term',
    'Link to this definition',
    'Link to this code',
    'Link to this image',
    'Link to this toctree',
]
#: attributes that a reader sees or hears
LABEL_ATTRIBUTES = ('title', 'aria-label', 'placeholder', 'alt', 'value')
#: where a page quotes code, which may be English
CODE_ELEMENTS = ['script', 'style', 'code', 'pre', 'kbd', 'samp']


@pytest.fixture(scope='module')
def first_build(handbook_html: Path) -> Path:
    """The handbook built once from a copy that, like a fresh clone, has no ``.mo`` file
    (the session's build, see ``conftest.py``)."""
    return handbook_html


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob('*.html'))


def english_label(text: str) -> str | None:
    """The English label a text is, or holds when the label is a phrase."""
    text = ' '.join(text.split())
    for label in ENGLISH_LABELS:
        if text == label or (' ' in label and label in text):
            return label
    return None


def english_labels(page: Path) -> list[str]:
    soup = BeautifulSoup(page.read_text(encoding='utf-8'), 'html.parser')
    for code in soup.find_all(CODE_ELEMENTS):
        code.decompose()
    found = [f'text {text!r}' for text in soup.stripped_strings if english_label(text)]
    for element in soup.find_all(True):
        for name in LABEL_ATTRIBUTES:
            value = element.get(name)
            if isinstance(value, str) and english_label(value):
                found.append(f'<{element.name} {name}="{value}">')
    return found


def test_no_page_of_the_first_build_has_english_labels(first_build: Path) -> None:
    found = {
        page.relative_to(first_build).as_posix(): labels
        for page in pages(first_build) if (labels := english_labels(page))
    }
    assert len(pages(first_build)) > 30
    assert found == {}, 'pages with English labels:\n' + '\n'.join(
        f'- {name}: {", ".join(sorted(set(labels)))}' for name, labels in found.items()
    )


def test_the_first_build_labels_the_buttons_in_japanese(first_build: Path) -> None:
    """The scan above can only find what it knows: the Japanese labels must be there."""
    soup = BeautifulSoup((first_build / 'principles' / 'p03.html').read_text(encoding='utf-8'),
                         'html.parser')
    labels = set(soup.stripped_strings) | {
        str(element[name]) for element in soup.find_all(True)
        for name in LABEL_ATTRIBUTES if element.has_attr(name)
    }
    for japanese in ('修正を提案', 'ソースを表示', 'リポジトリ', '課題を報告', '検索...',
                     'この見出しへのリンク'):
        assert japanese in labels, f'principles/p03.html has no {japanese!r}'
    copyright = soup.find(class_='copyright')
    assert copyright is not None and copyright.get_text().split()[0] == '©'


def test_the_first_build_writes_a_japanese_search_index(first_build: Path) -> None:
    """Search reads Pagefind's index of the pages (conf.py), in Japanese, from the
    first build; Sphinx's own index, which search no longer uses, is not written."""
    entry = json.loads((first_build / '_pagefind' / 'pagefind-entry.json').read_text('utf-8'))
    assert list(entry['languages']) == ['ja'], entry
    assert entry['languages']['ja']['page_count'] > 30, entry
    assert not (first_build / 'searchindex.js').exists()
