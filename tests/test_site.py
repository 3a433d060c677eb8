"""What every page of the built handbook offers readers and contributors, and its export."""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from gov_provenance.export import CSV_NAMES, JSON_NAME, SCHEMA_NAME
from jsonschema import Draft202012Validator
from sphinx.util.inventory import InventoryFile

REPOSITORY = Path(__file__).parent.parent
SOURCES = REPOSITORY / 'handbook'
#: conf.py's defaults: the repository and branch the buttons point to
REPOSITORY_URL = 'https://github.com/tokyo-digital-service-handbook/handbook'
BRANCH = 'main'
#: the date of the tests' build (``SOURCE_DATE_EPOCH`` of the ``handbook_html`` fixture)
BUILD_DATE = '2022年1月24日'


def pyproject_version() -> str:
    text = (REPOSITORY / 'pyproject.toml').read_text(encoding='utf-8')
    match = re.search(r'^version = "([^"]+)"$', text, re.MULTILINE)
    assert match, 'pyproject.toml has no version'
    return match[1]


def source_pages() -> list[str]:
    """Every page written in the sources, e.g. ``principles/p01``."""
    return sorted(path.relative_to(SOURCES).with_suffix('').as_posix()
                  for path in SOURCES.rglob('*.md') if '_static' not in path.parts)


def hrefs(soup: BeautifulSoup, cls: str) -> list[str]:
    return [str(a.get('href')) for a in soup.find_all('a', class_=cls)]


@pytest.mark.parametrize('page_name', source_pages())
def test_every_page_has_edit_repository_and_issue_buttons(
    handbook_html: Path, page_name: str
) -> None:
    soup = BeautifulSoup((handbook_html / f'{page_name}.html').read_text(encoding='utf-8'),
                         'html.parser')
    source = f'handbook/{page_name}.md'
    assert hrefs(soup, 'btn-source-edit-button') == [
        f'{REPOSITORY_URL}/edit/{BRANCH}/{source}'
    ]
    assert hrefs(soup, 'btn-source-repository-button') == [REPOSITORY_URL]
    # the council's issue forms (.github/ISSUE_TEMPLATE), not a blank issue in English
    assert hrefs(soup, 'btn-source-issues-button') == [f'{REPOSITORY_URL}/issues/new/choose']
    last_updated = soup.select_one('article .last-updated')
    assert isinstance(last_updated, Tag), f'{page_name}.html shows no last-updated date'
    assert re.fullmatch(r'最終更新日：\d{4}年\d{1,2}月\d{1,2}日', last_updated.get_text(strip=True))
    version = soup.find(class_='handbook-version')
    assert isinstance(version, Tag) and pyproject_version() in version.get_text()


def chrome_labels(soup: BeautifulSoup) -> list[str]:
    """The visible text, titles and accessible names of the theme's page chrome."""
    for content in soup.find_all(['article', 'script', 'style', 'kbd']):
        content.decompose()
    labels = list(soup.stripped_strings)
    for element in soup.find_all(True):
        labels += [str(element[name]) for name in ('title', 'aria-label', 'placeholder')
                   if element.has_attr(name)]
    return labels


@pytest.mark.parametrize('page_name', ['index', 'principles/p03', 'search', 'genindex'])
def test_theme_labels_are_japanese(handbook_html: Path, page_name: str) -> None:
    """Buttons and landmarks speak the page's language (WCAG 2.1 3.1.2)."""
    soup = BeautifulSoup((handbook_html / f'{page_name}.html').read_text(encoding='utf-8'),
                         'html.parser')
    english = [label for label in chrome_labels(soup)
               if re.search('[A-Za-z]{3,}', label) and not re.search('[\u3040-\u9fff]', label)]
    assert english == [], f'{page_name}.html has labels in English: {english}'


def export(handbook_html: Path) -> dict[str, Any]:
    return json.loads((handbook_html / 'provenance.json').read_text(encoding='utf-8'))


def test_handbook_export_validates_against_its_schema(handbook_html: Path) -> None:
    schema = json.loads((handbook_html / 'provenance.schema.json').read_text(encoding='utf-8'))
    errors = [error.message for error in Draft202012Validator(schema).iter_errors(
        export(handbook_html))]
    assert errors == []
    assert export(handbook_html)['handbook']['version'] == pyproject_version()


def test_handbook_export_lists_what_objects_inv_lists(handbook_html: Path) -> None:
    """The inventory is Sphinx's own record of the objects, written apart from the export."""
    inventory = InventoryFile.loads((handbook_html / 'objects.inv').read_bytes(), uri='')
    listed = {
        name: (objtype.removeprefix('gov:'), item.uri)
        for objtype, items in inventory.data.items() if objtype.startswith('gov:')
        for name, item in items.items()
    }
    objects = export(handbook_html)['objects']
    assert {obj['id']: (obj['type'], obj['url']) for obj in objects} == listed
    written = sum(
        path.read_text(encoding='utf-8').count(':::{gov:principle} ')
        for path in (SOURCES / 'principles').glob('*.md')
    )
    assert Counter(obj['type'] for obj in objects)['principle'] == written > 0


#: the handbook's address, as conf.py sets html_baseurl
SITE_BASE = (os.environ.get('HANDBOOK_BASE_URL')
             or 'https://tokyo-digital-service-handbook.github.io/handbook/').rstrip('/') + '/'
CITATION = re.compile(r'\{cite:\w+\}`([^`]+)`')


def cited_in(path: Path) -> list[str]:
    """The citation keys of a page's roles, in order, each once, read with a pattern."""
    keys = (re.sub(r'\{[^{}]*\}', '', key).strip()
            for targets in CITATION.findall(path.read_text(encoding='utf-8'))
            for key in targets.split(','))
    return list(dict.fromkeys(keys))


def test_handbook_export_has_absolute_urls_texts_and_citations(handbook_html: Path) -> None:
    """Read off the principles' pages, which define one principle each; the copy the
    tests build has no git history, so no commit."""
    data = export(handbook_html)
    assert data['handbook']['base_url'] == SITE_BASE
    assert data['handbook']['commit'] is None
    objects = data['objects']
    assert all(obj['absolute_url'] == SITE_BASE + obj['url'] for obj in objects)
    principles = {obj['id']: obj for obj in objects if obj['type'] == 'principle'}
    for path in sorted((SOURCES / 'principles').glob('p*.md')):
        [object_id] = re.findall(r'\{gov:principle\} (\S+)', path.read_text(encoding='utf-8'))
        principle = principles[object_id]
        assert principle['citations'] == cited_in(path), path.name
        assert principle['original'] is None
    assert any(principle['citations'] for principle in principles.values())
    for obj in objects:
        if obj['summary'] and 'summary' not in obj['fields']:
            # the summary is the opening of the text, notes apart
            opening = obj['summary'].removesuffix('…')
            assert ' '.join(obj['text'].split()).startswith(opening), obj['id']


def downloads_section(handbook_html: Path) -> Tag:
    soup = BeautifulSoup((handbook_html / 'about' / 'reuse.html').read_text(encoding='utf-8'),
                         'html.parser')
    section = soup.find('section', id='reuse-downloads')
    assert isinstance(section, Tag), 'about/reuse.html has no downloads section'
    return section


def test_reuse_page_links_every_file_of_the_export(handbook_html: Path) -> None:
    """Each link is relative to the page, so it works offline and in a mirror of the site."""
    page_dir = handbook_html / 'about'
    targets = [(page_dir / str(a['href'])).resolve()
               for a in downloads_section(handbook_html).find_all('a', download=True)]
    assert [target for target in targets if not target.is_file()] == []
    assert sorted(target.relative_to(handbook_html.resolve()).as_posix() for target in targets) \
        == sorted([JSON_NAME, SCHEMA_NAME, *CSV_NAMES])


def test_reuse_page_dates_the_downloads(handbook_html: Path) -> None:
    text = ' '.join(downloads_section(handbook_html).get_text(' ').split())
    assert f'バージョン {pyproject_version()}（{BUILD_DATE}）' in text


def test_evidence_chapter_links_the_downloads(handbook_html: Path) -> None:
    soup = BeautifulSoup((handbook_html / 'evidence' / 'index.html').read_text(encoding='utf-8'),
                         'html.parser')
    assert '../about/reuse.html#reuse-downloads' in hrefs(soup, 'reference')
