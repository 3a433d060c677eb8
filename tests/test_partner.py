"""The chapter reuse kit: ``examples/partner`` takes the principles chapter and builds.

The example is copied to a temporary directory, gets a fresh copy of the chapter from
this checkout with its own ``copy_chapter.py``, and is built strictly (``-W -n``)
against the ``objects.inv`` of the handbook built from the same checkout, offline.
Expectations are read off the chapter's sources, so they follow its content.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.util.inventory import InventoryFile

REPOSITORY = Path(__file__).parent.parent
EXAMPLE = REPOSITORY / 'examples' / 'partner'
CHAPTER = REPOSITORY / 'handbook' / 'principles'
HANDBOOK_URL = 'https://example.invalid/tokyo-handbook/'
ROLE = re.compile(r'\{gov:([\w-]+)\}`(?:[^`<]*<)?([^`>]+)>?`')
DIRECTIVE = re.compile(r'^:{3,}\{gov:[\w-]+\} (\S+)\s*$', re.MULTILINE)


def build_partner(srcdir: Path, handbook_html: Path, probe: str = '') -> Path:
    """Copy the example to ``srcdir``, copy the chapter into it, build it strictly.

    ``probe`` is appended to the chapter's index page, as a later edit of it might be.
    """
    shutil.copytree(EXAMPLE, srcdir, ignore=shutil.ignore_patterns(
        '_build', 'principles', 'references.bib'))
    subprocess.run(
        [sys.executable, str(srcdir / 'copy_chapter.py'),
         '--handbook', str(REPOSITORY / 'handbook'), 'principles'],
        check=True, capture_output=True, cwd=srcdir,
    )
    if probe:
        with (srcdir / 'principles' / 'index.md').open('a', encoding='utf-8') as index:
            index.write(f'\n{probe}\n')
    outdir = srcdir / '_build' / 'html'
    env = {
        **os.environ,
        'HANDBOOK_URL': HANDBOOK_URL,
        'HANDBOOK_INVENTORY': str(handbook_html / 'objects.inv'),
    }
    result = subprocess.run(
        [sys.executable, '-m', 'sphinx', '-W', '--keep-going', '-n', '-b', 'html',
         str(srcdir), str(outdir)],
        capture_output=True, text=True, timeout=600, check=False, env=env,
    )
    assert 'WARNING' not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
    return outdir


@pytest.fixture(scope='module')
def partner(handbook_html: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's built site."""
    return build_partner(tmp_path_factory.mktemp('partner') / 'src', handbook_html)


def chapter_pages() -> list[Path]:
    return sorted(CHAPTER.glob('*.md'))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding='utf-8'), 'html.parser')


def test_copy_refuses_a_directory_that_is_no_chapter(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(EXAMPLE / 'copy_chapter.py'), '--handbook',
         str(REPOSITORY / 'handbook'), '--into', str(tmp_path), 'no-such-chapter'],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode != 0
    assert 'no-such-chapter' in result.stderr and 'no chapter here' in result.stderr


def test_every_chapter_page_is_built(partner: Path) -> None:
    for source in chapter_pages():
        assert (partner / 'principles' / f'{source.stem}.html').is_file(), source.name


def test_organisation_is_the_partners(partner: Path) -> None:
    index = soup(partner / 'index.html').find('article')
    assert index is not None
    assert '〇〇区' in index.get_text() and 'Example City' in index.get_text()
    for source in chapter_pages():
        if '{{ organisation }}' in source.read_text(encoding='utf-8'):
            page = soup(partner / 'principles' / f'{source.stem}.html').find('article')
            assert page is not None and '〇〇区' in page.get_text(), source.name


def test_links_to_the_rest_of_the_handbook_lead_to_the_handbook(
    partner: Path, handbook_html: Path
) -> None:
    """Every object a chapter page names but does not define links to the handbook's site.

    What the chapter names follows its content; the probe below checks the same with
    links fixed by the test."""
    inventory = InventoryFile.loads((handbook_html / 'objects.inv').read_bytes(),
                                    uri=HANDBOOK_URL)
    in_handbook = {
        name: item.uri
        for objtype, items in inventory.data.items() if objtype.startswith('gov:')
        for name, item in items.items()
    }
    defined_here = {
        object_id for source in chapter_pages()
        for object_id in DIRECTIVE.findall(source.read_text(encoding='utf-8'))
    }
    for source in chapter_pages():
        named = {target for _, target in ROLE.findall(source.read_text(encoding='utf-8'))}
        page = soup(partner / 'principles' / f'{source.stem}.html')
        hrefs = {str(a.get('href')) for a in page.find_all('a')}
        for object_id in sorted(named - defined_here):
            assert in_handbook[object_id] in hrefs, f'{source.name}: {object_id}'


def test_page_links_from_the_chapter_lead_to_the_handbook(
    handbook_html: Path, tmp_path: Path
) -> None:
    """A chapter that later links to other pages of the handbook still builds, and the
    links lead to the handbook: a relative {doc}, a {ref} label and a meeting."""
    outdir = build_partner(tmp_path / 'src', handbook_html, probe=(
        '{doc}`../meetings/m03` {ref}`gov-reference-export` {gov:meeting}`M03`'
    ))
    page = soup(outdir / 'principles' / 'index.html')
    hrefs = {str(a.get('href')).partition('#')[0] for a in page.find_all('a')}
    assert {HANDBOOK_URL + 'meetings/m03.html', HANDBOOK_URL + 'about/extension.html'} <= hrefs
