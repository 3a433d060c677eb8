"""The chapter reuse kit: ``examples/partner`` takes the principles chapter and builds.

The example is copied to a temporary directory, gets a fresh copy of the chapter from
this checkout with its own ``copy_chapter.py``, and is built strictly (``-W -n``)
against the ``objects.inv`` of the handbook built from the same checkout, offline.
Expectations are read off the chapter's sources, so they follow its content.
A second build adds records of the partner's own with the ids of the handbook's
(``M03``, ``M03-R1``, ``M03-O2``): the chapter's links must still lead to the handbook.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from bs4 import BeautifulSoup
from gov_provenance.model import OBJECT_TYPES
from sphinx.util.inventory import InventoryFile

REPOSITORY = Path(__file__).parent.parent
EXAMPLE = REPOSITORY / 'examples' / 'partner'
CHAPTER = REPOSITORY / 'handbook' / 'principles'
HANDBOOK_URL = 'https://example.invalid/tokyo-handbook/'
ROLE = re.compile(r'\{gov:([\w-]+)\}`(?:[^`<]*<)?([^`>]+)>?`')
DIRECTIVE = re.compile(r'^:{3,}\{gov:[\w-]+\} (\S+)\s*$', re.MULTILINE)

# Records of the partner's own that take the ids of records of the handbook the chapter
# links to. The revision revises P01, whose page names none of these ids.
OWN_RECORDS = """\
---
orphan: true
---
# 〇〇区の記録

:::{gov:meeting} M03
:number: 3
:date: 2024-05-01
:title: 〇〇区 第3回会議
:::

:::{gov:opinion} M03-O2
:meeting: M03
:title: 〇〇区の意見
:gap: 〇〇区の記録の例
:::

:::{gov:revision} M03-R1
:principle: P01
:meeting: M03
:title: 〇〇区の改定
:::

:::{gov:working-group} WG-SECURITY
:title: 〇〇区のセキュリティ部会
:::
"""
OWN_IDS = ('M03', 'M03-R1', 'M03-O2', 'WG-SECURITY')


def load_copy_chapter() -> ModuleType:
    """The example's ``copy_chapter.py``, a script rather than a module of a package."""
    spec = importlib.util.spec_from_file_location('copy_chapter', EXAMPLE / 'copy_chapter.py')
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


copy_chapter = load_copy_chapter()


def edited_handbook(root: Path, probe: str) -> Path:
    """A copy of what copy_chapter.py reads of the handbook, ``probe`` added to the
    chapter's index page; returns its ``handbook/`` directory."""
    handbook = root / 'handbook'
    shutil.copytree(CHAPTER, handbook / 'principles')
    shutil.copyfile(REPOSITORY / 'handbook' / 'references.bib', handbook / 'references.bib')
    shutil.copyfile(REPOSITORY / 'pyproject.toml', root / 'pyproject.toml')
    with (handbook / 'principles' / 'index.md').open('a', encoding='utf-8') as index:
        index.write(f'\n{probe}\n')
    return handbook


def run_partner(
    srcdir: Path, handbook_html: Path, probe: str = '', pages: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Copy the example to ``srcdir``, copy the chapter into it, build it strictly.

    ``probe`` is appended to the chapter's index page before it is copied, as a later
    edit of the handbook might add it; ``pages`` (name: Markdown) are pages of the
    partner's own, added next to index.md.
    """
    shutil.copytree(EXAMPLE, srcdir, ignore=shutil.ignore_patterns(
        '_build', 'principles', 'references.bib', 'handbook-chapters.json'))
    handbook = REPOSITORY / 'handbook'
    if probe:
        handbook = edited_handbook(srcdir.parent / 'edited', probe)
    subprocess.run(
        [sys.executable, str(srcdir / 'copy_chapter.py'),
         '--handbook', str(handbook), 'principles'],
        check=True, capture_output=True, cwd=srcdir,
    )
    for name, markdown in (pages or {}).items():
        (srcdir / f'{name}.md').write_text(markdown, encoding='utf-8')
    env = {
        **os.environ,
        'HANDBOOK_URL': HANDBOOK_URL,
        'HANDBOOK_INVENTORY': str(handbook_html / 'objects.inv'),
    }
    return subprocess.run(
        [sys.executable, '-m', 'sphinx', '-W', '--keep-going', '-n', '-b', 'html',
         str(srcdir), str(srcdir / '_build' / 'html')],
        capture_output=True, text=True, timeout=600, check=False, env=env,
    )


def build_partner(
    srcdir: Path, handbook_html: Path, probe: str = '', pages: dict[str, str] | None = None
) -> Path:
    """The output directory of :func:`run_partner`, which must build without a warning."""
    result = run_partner(srcdir, handbook_html, probe, pages)
    assert 'WARNING' not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
    return srcdir / '_build' / 'html'


@pytest.fixture(scope='module')
def partner(handbook_html: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's built site."""
    return build_partner(tmp_path_factory.mktemp('partner') / 'src', handbook_html)


@pytest.fixture(scope='module')
def partner_with_own_records(
    handbook_html: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The example, with records of its own that take ids of the handbook's records."""
    return build_partner(tmp_path_factory.mktemp('partner-own') / 'src', handbook_html,
                         pages={'own-records': OWN_RECORDS})


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


@pytest.mark.slow
def test_every_chapter_page_is_built(partner: Path) -> None:
    for source in chapter_pages():
        assert (partner / 'principles' / f'{source.stem}.html').is_file(), source.name


@pytest.mark.slow
def test_organisation_is_the_partners(partner: Path) -> None:
    index = soup(partner / 'index.html').find('article')
    assert index is not None
    assert '〇〇区' in index.get_text() and 'Example City' in index.get_text()
    for source in chapter_pages():
        if '{{ organisation }}' in source.read_text(encoding='utf-8'):
            page = soup(partner / 'principles' / f'{source.stem}.html').find('article')
            assert page is not None and '〇〇区' in page.get_text(), source.name


def handbook_uris(handbook_html: Path) -> dict[str, str]:
    """The URI of each of the handbook's records, by id, as intersphinx links to it."""
    inventory = InventoryFile.loads((handbook_html / 'objects.inv').read_bytes(),
                                    uri=HANDBOOK_URL)
    return {
        name: item.uri
        for objtype, items in inventory.data.items() if objtype.startswith('gov:')
        for name, item in items.items()
    }


def named_not_defined(source: Path) -> set[str]:
    """The ids a chapter page links to that the chapter does not define."""
    defined_here = {
        object_id for page in chapter_pages()
        for object_id in DIRECTIVE.findall(page.read_text(encoding='utf-8'))
    }
    named = {target for _, target in ROLE.findall(source.read_text(encoding='utf-8'))}
    return named - defined_here


# the partner's project built as its office builds it, copy_chapter.py and sphinx-build
# each run as a process, is slow; the tests of copy_chapter.py's rewriting run in-process
@pytest.mark.slow
@pytest.mark.parametrize('site', ['partner', 'partner_with_own_records'])
def test_links_to_the_rest_of_the_handbook_lead_to_the_handbook(
    site: str, handbook_html: Path, request: pytest.FixtureRequest
) -> None:
    """Every object a chapter page names but does not define links to the handbook's site,
    also when the partner's project defines objects with the same ids.

    What the chapter names follows its content; the probe below checks the same with
    links fixed by the test."""
    built: Path = request.getfixturevalue(site)
    in_handbook = handbook_uris(handbook_html)
    for source in chapter_pages():
        page = soup(built / 'principles' / f'{source.stem}.html')
        hrefs = {str(a.get('href')) for a in page.find_all('a')}
        for object_id in sorted(named_not_defined(source)):
            assert in_handbook[object_id] in hrefs, f'{source.name}: {object_id}'


@pytest.mark.slow
def test_own_records_with_the_handbooks_ids_do_not_take_the_chapters_links(
    partner_with_own_records: Path, handbook_html: Path
) -> None:
    """No link of the chapter that names M03, M03-R1 or M03-O2 leads to the partner's own
    record of that id; the partner's records are built, and shown where they belong."""
    in_handbook = handbook_uris(handbook_html)
    checked = 0
    for source in chapter_pages():
        page = soup(partner_with_own_records / 'principles' / f'{source.stem}.html')
        hrefs = {str(a.get('href')) for a in page.find_all('a')}
        for object_id in sorted(named_not_defined(source) & set(OWN_IDS)):
            fragment = '#' + in_handbook[object_id].partition('#')[2]
            local = {href for href in hrefs
                     if href.endswith(fragment) and not href.startswith(HANDBOOK_URL)}
            assert not local, f'{source.name}: {object_id} leads to {local}'
            checked += 1
    assert checked, 'the chapter names none of the ids the test gives the partner'
    own = soup(partner_with_own_records / 'principles' / 'p01.html')
    assert '../own-records.html#' + in_handbook['M03-R1'].partition('#')[2] in {
        str(a.get('href')) for a in own.find_all('a')
    }


@pytest.mark.slow
def test_a_plain_id_in_the_partners_pages_does_not_reach_the_handbook(
    handbook_html: Path, tmp_path: Path
) -> None:
    """A gov link the partner writes in its own pages to an id it has not recorded fails
    the build, even though the handbook has that id: it is not silently sent there."""
    page = '---\norphan: true\n---\n# 〇〇区の記録\n\n{gov:opinion}`M03-O3` を参考にします。\n'
    result = run_partner(tmp_path / 'src', handbook_html, pages={'own-page': page})
    assert result.returncode != 0
    assert re.search(r"own-page\.md:\d+: WARNING: .*'M03-O3'.* \[gov\.unknown-ref\]",
                     result.stderr), result.stderr


@pytest.mark.slow
def test_attribution_names_the_chapter_and_the_handbooks_version(
    partner: Path, handbook_html: Path
) -> None:
    """The example's index page cites the chapter by title and the version the handbook's
    pages show, as the reuse page asks."""
    shown = soup(handbook_html / 'index.html').find(class_='handbook-version')
    assert shown is not None
    version = shown.get_text().split()[-1]
    title = (CHAPTER / 'index.md').read_text(encoding='utf-8').splitlines()[0].lstrip('# ')
    index = soup(partner / 'index.html').find('article')
    assert index is not None
    assert f'ハンドブック「{title}」バージョン {version}（CC BY 4.0' in index.get_text()


@pytest.mark.slow
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


# -- each copied principle keeps its provenance --------------------------------------


def chapter_principles() -> dict[str, str]:
    """The id of each principle the chapter defines, by the name of its page."""
    return {
        source.stem: object_id for source in chapter_pages()
        for object_id in re.findall(r'^:{3,}\{gov:principle\} (\S+)\s*$',
                                    source.read_text(encoding='utf-8'), re.MULTILINE)
    }


def test_the_example_does_not_silence_the_missing_evidence_warning() -> None:
    """So that the strict builds below show that copies ask for no evidence."""
    conf = (EXAMPLE / 'conf.py').read_text(encoding='utf-8')
    assert 'suppress_warnings' not in conf
    assert len(chapter_principles()) == 10


@pytest.mark.slow
def test_each_copied_principle_links_to_its_original_in_the_handbook(
    partner: Path, handbook_html: Path
) -> None:
    """Instead of lines saying that it has no evidence and no revisions."""
    in_handbook = handbook_uris(handbook_html)
    for page_name, object_id in chapter_principles().items():
        view = soup(partner / 'principles' / f'{page_name}.html').find(
            'div', class_='gov-view-principle')
        assert view is not None, page_name
        [original] = view.find_all('p', class_='gov-original')
        assert original.a is not None and original.a['href'] == in_handbook[object_id]
        assert original.get_text().startswith('この原則の出典と経緯は、'), page_name
        assert '記録はありません' not in view.get_text(), page_name


@pytest.mark.slow
def test_the_copies_are_not_the_partners_own(partner: Path, handbook_html: Path) -> None:
    """Not in the partner's objects.inv; in its export, as copies of the handbook's."""
    inventory = InventoryFile.loads((partner / 'objects.inv').read_bytes(), uri='')
    listed = {name for objtype, items in inventory.data.items() if objtype.startswith('gov:')
              for name in items}
    copied = set(chapter_principles().values())
    assert not listed & copied
    export = json.loads((partner / 'provenance.json').read_text(encoding='utf-8'))
    in_handbook = handbook_uris(handbook_html)
    originals = {obj['id']: obj['original'] for obj in export['objects']}
    assert {object_id: originals[object_id] for object_id in copied} == {
        object_id: {'inventory': 'tokyo', 'id': object_id, 'url': in_handbook[object_id]}
        for object_id in copied
    }


# -- copy_chapter.py: naming the handbook's inventory -------------------------------

CHAPTER_PAGE = """\
# 原則

::::{gov:principle} P01
:number: 1

本文。
::::

```{gov:principle} P02
:number: 2
```

修正（{gov:revision}`M03-R1`）、{gov:revision}`第3回会議での修正 <M03-R1>`、{gov:principle}`P01`、
{gov:principle}`第2条 <P02>`、{gov:opinion}`M03-O2`。
"""


def test_links_to_records_outside_the_chapter_name_the_inventory() -> None:
    defined = copy_chapter.defined_ids([CHAPTER_PAGE])
    assert defined == {'P01', 'P02'}
    linked = copy_chapter.link_to_inventory(CHAPTER_PAGE, defined)
    assert '修正（{gov:revision}`tokyo:M03-R1`）' in linked
    assert '{gov:revision}`第3回会議での修正 <tokyo:M03-R1>`' in linked
    assert '{gov:opinion}`tokyo:M03-O2`' in linked
    # the chapter's own principles stay where the chapter defines them
    assert '{gov:principle}`P01`' in linked and '{gov:principle}`第2条 <P02>`' in linked
    assert copy_chapter.link_to_inventory(CHAPTER_PAGE, defined, 'handbook').count(
        'handbook:M03-R1') == 2


def test_naming_the_inventory_twice_changes_nothing() -> None:
    defined = copy_chapter.defined_ids([CHAPTER_PAGE])
    once = copy_chapter.link_to_inventory(CHAPTER_PAGE, defined)
    twice = copy_chapter.link_to_inventory(once, copy_chapter.defined_ids([once]))
    assert twice == once
    assert 'tokyo:tokyo:' not in twice and once.count('tokyo:') == 3


def test_other_roles_code_and_named_inventories_are_left_alone() -> None:
    text = (
        '{term}`行動規範`、{ref}`gov-principles`、{doc}`../meetings/m03`、{any}`M03`、'
        '{gov:meeting}`other:M03`、{gov:meeting}`!M03`、'
        '`` {gov:principle}`P09` `` の書き方。\n'
        '\n'
        '```markdown\n'
        ':::{gov:principle} P05\n'
        '{gov:opinion}`M03-O1`\n'
        '```\n'
        '\n'
        '```{toctree}\n'
        'p01\n'
        '```\n'
        '\n'
        '{gov:principle}`P05` と {gov:meeting}`M04`。\n'
    )
    defined = copy_chapter.defined_ids([text])
    assert defined == set(), 'a directive shown in a code block defines nothing'
    linked = copy_chapter.link_to_inventory(text, defined)
    assert linked == text.replace(
        '{gov:principle}`P05` と {gov:meeting}`M04`',
        '{gov:principle}`tokyo:P05` と {gov:meeting}`tokyo:M04`',
    )


def test_each_object_the_chapter_defines_names_its_original() -> None:
    marked = copy_chapter.mark_originals(CHAPTER_PAGE)
    assert '::::{gov:principle} P01\n:original: tokyo:P01\n:number: 1\n' in marked
    assert '```{gov:principle} P02\n:original: tokyo:P02\n:number: 2\n' in marked
    assert copy_chapter.mark_originals(marked) == marked
    assert ':original: handbook:P01' in copy_chapter.mark_originals(CHAPTER_PAGE, 'handbook')


def test_an_original_goes_into_a_yaml_block_and_one_given_is_kept() -> None:
    text = (
        ':::{gov:principle} P01\n---\nnumber: 1\nlabel: Users\n---\nText.\n:::\n\n'
        '  :::{gov:opinion} O1\n  :meeting: M1\n  :original: other:X1\n  :::\n\n'
        '```markdown\n:::{gov:principle} P05\n:::\n```\n'
    )
    marked = copy_chapter.mark_originals(text)
    assert marked == text.replace('---\nnumber: 1', '---\noriginal: tokyo:P01\nnumber: 1')


def test_object_directives_are_the_extensions_object_types() -> None:
    assert copy_chapter.OBJECT_DIRECTIVES == set(OBJECT_TYPES)


def test_copy_records_the_chapter_and_names_the_inventory_given(tmp_path: Path) -> None:
    def copy() -> None:
        copy_chapter.main(['--handbook', str(REPOSITORY / 'handbook'), '--into',
                           str(tmp_path), '--inventory', 'tokyo-handbook', 'principles'])

    copy()
    copied = {page.name: page.read_text(encoding='utf-8')
              for page in (tmp_path / 'principles').glob('*.md')}
    for source in chapter_pages():
        for object_id in named_not_defined(source):
            assert re.search(f'[`<]tokyo-handbook:{re.escape(object_id)}[`>]',
                             copied[source.name]), f'{source.name}: {object_id}'
    for page_name, object_id in chapter_principles().items():
        assert f'}} {object_id}\n:original: tokyo-handbook:{object_id}\n' in copied[
            f'{page_name}.md']
    with (REPOSITORY / 'pyproject.toml').open('rb') as pyproject:
        version = tomllib.load(pyproject)['project']['version']
    record = json.loads((tmp_path / 'handbook-chapters.json').read_text(encoding='utf-8'))
    title = (CHAPTER / 'index.md').read_text(encoding='utf-8').splitlines()[0].lstrip('# ')
    assert record == {'principles': {'title': title, 'handbook_version': version}}
    copy()  # a copy made again is the same
    assert copied == {page.name: page.read_text(encoding='utf-8')
                      for page in (tmp_path / 'principles').glob('*.md')}


def test_copy_refuses_an_inventory_name_with_a_colon(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(EXAMPLE / 'copy_chapter.py'), '--into', str(tmp_path),
         '--inventory', 'tokyo:', 'principles'],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode != 0
    assert "'tokyo:' is no inventory name" in result.stderr
    assert not (tmp_path / 'principles').exists()
