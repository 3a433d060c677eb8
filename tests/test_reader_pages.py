"""Reader pages speak to readers: no directive, option, shell command or record id in
their text.

The handbook's readers are metropolitan staff. Directive and option names, commands
and the ids of records belong in ``CONTRIBUTING.md`` and the extension reference
(``about/``); a reader page names things in words and links them. The scan reads the
main text of every built page of the reader chapters, inline code included (an id in
backticks is still an id), but not code blocks, nor the citation id an object shows
beside its own title (the one place a reader is meant to find it).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from gov_provenance.export import JSON_NAME
from gov_provenance.model import OBJECT_TYPES

REPOSITORY = Path(__file__).parent.parent
SOURCES = REPOSITORY / 'handbook'
#: pages for contributors and partners (extension reference, reuse, changelog, ...)
CONTRIBUTOR_CHAPTERS = ('about',)
#: what the scan leaves out of a page's main text: code blocks, and the citation id
#: of an object, shown beside its title for those who cite it
NOT_RUNNING_TEXT = ('pre', '.gov-id')
#: the start of every directive and role of the extension
DIRECTIVE_PREFIX = 'gov:'
SHELL_COMMANDS = ('make ', 'pip ', 'sphinx-build', '127.0.0.1')
#: characters either side of a token shown in a report
CONTEXT = 12
#: pages that still show such tokens, with what they show; a fixed page fails here
#: (strict), so that its entry goes


def reader_pages(sources: Path = SOURCES) -> list[str]:
    """Every page of the reader chapters, by its source: ``index``, ``meetings/m03``, ..."""
    pages = (path.relative_to(sources).with_suffix('') for path in sources.rglob('*.md'))
    return sorted(page.as_posix() for page in pages
                  if page.parts[0] not in CONTRIBUTOR_CHAPTERS and '_static' not in page.parts)


def option_names() -> list[str]:
    """Every option of the extension's object directives, as written: ``:shapes:``."""
    return sorted({f':{spec.name}:' for objtype in OBJECT_TYPES.values()
                   for spec in objtype.fields})


def record_ids(site: Path) -> list[str]:
    """The ids of every object of the build, as the export lists them."""
    export = json.loads((site / JSON_NAME).read_text(encoding='utf-8'))
    return sorted({obj['id'] for obj in export['objects']})


def developer_tokens(ids: list[str]) -> re.Pattern[str]:
    """Directive prefix, option names, shell commands and record ids, as one pattern.

    An id matches only as a whole token: ``M03`` does not match inside ``M03-O2``.
    """
    literals = [DIRECTIVE_PREFIX, *option_names(), *SHELL_COMMANDS]
    whole_ids = [rf'(?<![\w.-]){re.escape(record_id)}(?![\w-])'
                 for record_id in sorted(ids, key=len, reverse=True)]
    return re.compile('|'.join([*map(re.escape, literals), *whole_ids]), re.ASCII)


def running_text(html: str) -> str:
    """The main text of a built page, whitespace collapsed, without what it may hold."""
    article = BeautifulSoup(html, 'html.parser').find('article')
    assert isinstance(article, Tag), 'the page has no <article>'
    for element in article.select(', '.join(NOT_RUNNING_TEXT)):
        element.decompose()
    return ' '.join(article.get_text(' ').split())


def findings(text: str, tokens: re.Pattern[str]) -> list[str]:
    """Each token found, with a little of the text around it."""
    return [f'{match[0]!r} in …{text[max(0, match.start() - CONTEXT):match.end() + CONTEXT]}…'
            for match in tokens.finditer(text)]


def page_text(site: Path, page_name: str) -> str:
    return running_text((site / f'{page_name}.html').read_text(encoding='utf-8'))


@pytest.fixture(scope='module')
def tokens(handbook_html: Path) -> re.Pattern[str]:
    return developer_tokens(record_ids(handbook_html))


@pytest.mark.parametrize('page_name', reader_pages())
def test_reader_page_has_no_developer_tokens(
    handbook_html: Path, tokens: re.Pattern[str], page_name: str
) -> None:
    found = findings(page_text(handbook_html, page_name), tokens)
    assert found == [], f'{page_name}.html shows to readers:\n' + '\n'.join(found)


def test_the_scan_covers_every_reader_chapter() -> None:
    pages = reader_pages()
    for chapter in ('index', 'glossary', 'principles/', 'meetings/', 'evidence/', 'guidelines/'):
        assert any(page == chapter or page.startswith(chapter) for page in pages), chapter
    assert not any(page.startswith('about/') for page in pages)


def test_the_scan_finds_each_kind_of_token() -> None:
    tokens = developer_tokens(['P01', 'M03', 'M03-O2', 'SRC-SURVEY'])
    text = running_text(
        '<article><p>意見（<code>gov:opinion</code>）の <code>:because:</code> と'
        ' <code>:shapes:</code>、make serve で 127.0.0.1 を開き、M03-O2 と SRC-SURVEY、P01に。</p>'
        '<p class="gov-object-header"><a class="gov-id">P01</a></p>'
        '<pre>make html</pre></article>'
    )
    assert [match[0] for match in tokens.finditer(text)] == [
        'gov:', ':because:', ':shapes:', 'make ', '127.0.0.1', 'M03-O2', 'SRC-SURVEY', 'P01',
    ]
    assert tokens.search('第3回会議（M03-R1）のこと、P010、XP01') is None


#: the wording that says the sources do not record something (see CONTRIBUTING.md's
#: vocabulary): a caveat shared by several pages is said once, on its chapter's index
NOT_RECORDED = '出典資料に記載'
#: at most this many times per reader page on average; past it, the caveats repeat
NOT_RECORDED_PER_PAGE = 2


def sentences_saying(text: str, phrase: str) -> set[str]:
    """The sentences of ``text`` (ending at 「。」) that contain ``phrase``."""
    return {sentence.strip() for sentence in re.split(r'(?<=。)', text) if phrase in sentence}


def repeated_not_recorded(texts: dict[str, str]) -> dict[str, list[str]]:
    """Each sentence saying :data:`NOT_RECORDED` on more than one page, with its pages."""
    pages_of: dict[str, list[str]] = {}
    for page, text in texts.items():
        for sentence in sentences_saying(text, NOT_RECORDED):
            pages_of.setdefault(sentence, []).append(page)
    return {sentence: pages for sentence, pages in pages_of.items() if len(pages) > 1}


def not_recorded_within_bound(texts: dict[str, str]) -> bool:
    count = sum(text.count(NOT_RECORDED) for text in texts.values())
    return 0 < count <= NOT_RECORDED_PER_PAGE * len(texts)


@pytest.fixture(scope='module')
def reader_texts(handbook_html: Path) -> dict[str, str]:
    return {page: page_text(handbook_html, page) for page in reader_pages()}


def test_no_not_recorded_sentence_is_repeated_across_pages(reader_texts: dict[str, str]) -> None:
    repeated = repeated_not_recorded(reader_texts)
    assert repeated == {}, 'say it once, on the chapter index:\n' + '\n'.join(
        f'{sentence} — {", ".join(pages)}' for sentence, pages in repeated.items())


def test_not_recorded_is_said_within_a_bound(reader_texts: dict[str, str]) -> None:
    count = sum(text.count(NOT_RECORDED) for text in reader_texts.values())
    assert not_recorded_within_bound(reader_texts), (
        f'{NOT_RECORDED!r} {count} times on {len(reader_texts)} pages')


def test_a_repeated_sentence_is_found() -> None:
    text = 'A。第2条の表題は、出典資料に記載がありません。B。'
    assert sentences_saying(text, NOT_RECORDED) == {'第2条の表題は、出典資料に記載がありません。'}
    assert sentences_saying('出典資料に記載なし', NOT_RECORDED) == {'出典資料に記載なし'}


def legends(site: Path, page_name: str) -> list[str]:
    """The legends of a page's pictures and lists, in their order."""
    soup = BeautifulSoup((site / f'{page_name}.html').read_text(encoding='utf-8'), 'html.parser')
    return [legend.get_text(' ', strip=True) for legend in soup.find_all(class_='gov-legend')]


@pytest.mark.parametrize('page_name', reader_pages())
def test_each_legend_is_said_once_on_a_page(handbook_html: Path, page_name: str) -> None:
    shown = legends(handbook_html, page_name)
    assert len(shown) == len(set(shown)), f'{page_name}: {shown}'


def reader_page_problems(site: Path, sources: Path) -> list[str]:
    """What every check above finds in a built site whose sources are ``sources``, for a
    handbook other than the repository's (one a contributor has added to)."""
    pages = reader_pages(sources)
    tokens = developer_tokens(record_ids(site))
    texts = {page: page_text(site, page) for page in pages}
    problems = [f'{page}.html shows to readers: {found}'
                for page, text in texts.items() if (found := findings(text, tokens))]
    problems += [f'said on several pages: {sentence} — {", ".join(on)}'
                 for sentence, on in repeated_not_recorded(texts).items()]
    if not not_recorded_within_bound(texts):
        problems.append(f'{NOT_RECORDED!r} is said too often')
    problems += [f'{page}: a legend said twice: {shown}' for page in pages
                 if len(shown := legends(site, page)) != len(set(shown))]
    return problems
