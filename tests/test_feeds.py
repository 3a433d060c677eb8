"""The Atom feeds (RFC 4287): the handbook's and each principle's, and their links.

A test root with hostile text checks what a feed holds and how it is escaped; the
built handbook checks that every link of every feed resolves in the site.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from common import build, gov_warnings, page, write_project
from defusedxml import ElementTree
from sphinx.testing.util import SphinxTestApp

ATOM = '{http://www.w3.org/2005/Atom}'
BASE = 'https://example.org/handbook/'
#: the elements RFC 4287 requires of a feed (author: when an entry has none) and an entry
FEED_ELEMENTS = ('id', 'title', 'updated', 'author')
ENTRY_ELEMENTS = ('id', 'title', 'updated', 'link', 'content')
#: conf.py's html_baseurl, which a deploying office may set through the environment
SITE_BASE = (os.environ.get('HANDBOOK_BASE_URL')
             or 'https://tokyo-digital-service-handbook.github.io/handbook/').rstrip('/') + '/'


def feed(outdir: Path, name: str) -> ElementTree.Element:
    return ElementTree.fromstring((outdir / 'feeds' / name).read_bytes())


def entries(root: ElementTree.Element) -> list[ElementTree.Element]:
    return root.findall(f'{ATOM}entry')


def child(element: ElementTree.Element, name: str) -> str:
    found = element.find(f'{ATOM}{name}')
    assert found is not None, f'no <{name}>'
    return found.text or ''


def titles(root: ElementTree.Element) -> list[str]:
    return [child(entry, 'title') for entry in entries(root)]


def assert_valid_atom(root: ElementTree.Element) -> None:
    assert root.tag == f'{ATOM}feed'
    for name in FEED_ELEMENTS:
        assert root.find(f'{ATOM}{name}') is not None, name
    [self_link] = [link for link in root.findall(f'{ATOM}link') if link.get('rel') == 'self']
    assert self_link.get('href', '').startswith(('https://', 'http://'))
    ids = [child(entry, 'id') for entry in entries(root)]
    assert len(ids) == len(set(ids)), 'an entry id is repeated'
    for entry in entries(root):
        for name in ENTRY_ELEMENTS:
            assert entry.find(f'{ATOM}{name}') is not None, name
        assert urlsplit(child(entry, 'id')).scheme == 'https'
    updated = [child(entry, 'updated') for entry in entries(root)]
    assert updated == sorted(updated, reverse=True), 'entries are not newest first'
    if updated:
        assert child(root, 'updated') == updated[0]


@pytest.fixture(scope='module')
def feeds_app(tmp_path_factory: pytest.TempPathFactory, rootdir: Path) -> SphinxTestApp:
    import shutil

    srcdir = tmp_path_factory.mktemp('feeds') / 'src'
    shutil.copytree(rootdir / 'test-feeds', srcdir)
    return build(srcdir, srcdir / '_build')


def test_the_feeds_are_atom(feeds_app: SphinxTestApp) -> None:
    outdir = Path(feeds_app.outdir)
    feeds = sorted(path.relative_to(outdir / 'feeds').as_posix()
                   for path in (outdir / 'feeds').rglob('*.atom'))
    assert feeds == ['handbook.atom', 'principles/P1.atom', 'principles/P2.atom',
                     'principles/P3.atom']
    for name in feeds:
        assert_valid_atom(feed(outdir, name))


def test_one_entry_per_revision_meeting_and_release_newest_first(
        feeds_app: SphinxTestApp) -> None:
    root = feed(Path(feeds_app.outdir), 'handbook.atom')
    assert [child(entry, 'updated')[:10] for entry in entries(root)] == [
        '2022-04-01', '2022-03-31', '2022-03-31', '2022-03-31', '2022-01-25',
        '2022-01-24', '2022-01-24']
    assert child(root, 'updated') == '2022-04-01T00:00:00+09:00'
    links = [entry.find(f'{ATOM}link').get('href') for entry in entries(root)]
    assert links == [
        f'{BASE}updates.html#release-0-2-0',
        f'{BASE}meetings.html#gov-meeting-M2',
        f'{BASE}meetings.html#gov-revision-R2',
        f'{BASE}meetings.html#gov-revision-R3',
        f'{BASE}updates.html#release-0-1-0',
        f'{BASE}meetings.html#gov-meeting-M1',
        f'{BASE}meetings.html#gov-revision-R1',
    ]


def test_a_principle_feed_holds_its_own_revisions(feeds_app: SphinxTestApp) -> None:
    outdir = Path(feeds_app.outdir)
    first = feed(outdir, 'principles/P1.atom')
    assert [child(entry, 'id').rsplit('-', 1)[1] for entry in entries(first)] == ['R2', 'R1']
    assert titles(first)[0] == '#1 Oneの修正：Later change'
    [alternate] = [link for link in first.findall(f'{ATOM}link') if link.get('rel') == 'alternate']
    assert alternate.get('href') == f'{BASE}principles.html'
    second = feed(outdir, 'principles/P2.atom')
    assert [child(entry, 'id').rsplit('-', 1)[1] for entry in entries(second)] == ['R3']
    never_revised = feed(outdir, 'principles/P3.atom')
    assert entries(never_revised) == []
    # a feed without entries is dated by the handbook's newest change, not by the clock
    assert child(never_revised, 'updated') == '2022-04-01T00:00:00+09:00'


def test_an_entry_says_what_changed_why_and_where(feeds_app: SphinxTestApp) -> None:
    root = feed(Path(feeds_app.outdir), 'principles/P1.atom')
    content = BeautifulSoup(child(entries(root)[1], 'content'), 'html.parser')
    paragraphs = [p.get_text() for p in content.find_all('p')]
    assert paragraphs == [
        '変更点：Added </p><script>alert(1)</script>',
        '理由：An opinion <img src=x onerror=alert(1)> & more',
        '報告された会議：First meeting（2022年1月24日）',
    ]
    # every record text is escaped: the content's HTML holds no element of a record
    assert content.find('script') is None and content.find('img') is None


def test_an_inferred_reason_is_marked_as_the_pages_mark_it(feeds_app: SphinxTestApp) -> None:
    root = feed(Path(feeds_app.outdir), 'principles/P1.atom')
    later, first = (BeautifulSoup(child(entry, 'content'), 'html.parser')
                    for entry in entries(root))
    assert [p.get_text() for p in later.find_all('p')][1:3] == [
        '理由（推定）：An opinion <img src=x onerror=alert(1)> & more',
        '推定の理由：The minutes <b>do not say</b> which opinion led to it.',
    ]
    assert later.find('b') is None
    assert '推定' not in first.get_text()


def test_record_texts_are_escaped_in_the_xml(feeds_app: SphinxTestApp) -> None:
    outdir = Path(feeds_app.outdir)
    text = (outdir / 'feeds' / 'principles' / 'P1.atom').read_text(encoding='utf-8')
    assert '<script>' not in text and '<principle>' not in text
    root = feed(outdir, 'principles/P1.atom')
    assert child(root, 'title') == 'Feeds <test> & co：#1 Oneの修正'
    assert root.find(f'{ATOM}author/{ATOM}name').text == 'Editors "of" <feeds>'


def test_a_meeting_entry_gives_its_agenda(feeds_app: SphinxTestApp) -> None:
    root = feed(Path(feeds_app.outdir), 'handbook.atom')
    [first_meeting] = [entry for entry in entries(root)
                       if child(entry, 'id').endswith('#gov-meeting-M1')]
    assert child(first_meeting, 'title') == 'First meetingの記録（2022年1月24日）'
    content = BeautifulSoup(child(first_meeting, 'content'), 'html.parser')
    assert content.find('script') is None
    assert content.get_text().startswith(
        'First meeting（2022年1月24日）の議題：The code of conduct <script>alert(1)</script>、'
        'Working groups')


def test_a_release_entry_gives_what_changed_for_readers(feeds_app: SphinxTestApp) -> None:
    root = feed(Path(feeds_app.outdir), 'handbook.atom')
    newest = entries(root)[0]
    assert child(newest, 'title') == 'ハンドブック バージョン 0.2.0'
    content = BeautifulSoup(child(newest, 'content'), 'html.parser')
    assert [p.get_text() for p in content.find_all('p')] == [
        'What changed for readers <script>x</script>.', 'An item of the release.']
    release = page(feeds_app, 'updates').find(id='release-0-2-0')
    assert release is not None and 'An item of the release.' in release.get_text()


def test_each_page_announces_its_feeds(feeds_app: SphinxTestApp) -> None:
    def announced(name: str) -> list[tuple[str, str]]:
        return [(str(link['title']), str(link['href']))
                for link in page(feeds_app, name).find_all(
                    'link', rel='alternate', type='application/atom+xml')]

    everything = ('Feeds <test> & coの更新', 'feeds/handbook.atom')
    assert announced('index') == [everything]
    assert announced('principles') == [
        everything,
        ('Feeds <test> & co：#1 Oneの修正', 'feeds/principles/P1.atom'),
        ('Feeds <test> & co：#2 Twoの修正', 'feeds/principles/P2.atom'),
        ('Feeds <test> & co：#3 Threeの修正', 'feeds/principles/P3.atom'),
    ]
    assert gov_warnings(feeds_app) == []


def test_two_builds_write_the_same_feeds(feeds_app: SphinxTestApp, tmp_path: Path,
                                         rootdir: Path) -> None:
    import shutil

    srcdir = tmp_path / 'again'
    shutil.copytree(rootdir / 'test-feeds', srcdir)
    again = build(srcdir, srcdir / '_build')
    first = Path(feeds_app.outdir, 'feeds')
    for path in first.rglob('*.atom'):
        assert Path(again.outdir, 'feeds', path.relative_to(first)).read_bytes() \
            == path.read_bytes()


def test_no_feed_without_the_sites_address(tmp_path: Path, rootdir: Path) -> None:
    import shutil

    srcdir = tmp_path / 'unpublished'
    shutil.copytree(rootdir / 'test-feeds', srcdir)
    conf = srcdir / 'conf.py'
    conf.write_text(conf.read_text().replace("html_baseurl = 'https://example.org/handbook'",
                                             ''))
    app = build(srcdir, srcdir / '_build')
    assert not Path(app.outdir, 'feeds').exists()
    assert page(app, 'index').find('link', type='application/atom+xml') is None


def test_a_principle_of_a_very_long_id_has_a_feed_of_a_short_name(tmp_path: Path) -> None:
    long_id = 'P' + '0' * 3_000
    srcdir = write_project(tmp_path / 'src', (
        f'# Long\n\n:::{{gov:principle}} {long_id}\n:number: 1\n:label: Long\n:gap: none\n:::\n'
    ), "html_baseurl = 'https://example.org/handbook'\n")
    app = build(srcdir, tmp_path / '_build')
    assert app.statuscode == 0
    [feed] = Path(app.outdir, 'feeds', 'principles').glob('*.atom')
    assert feed.name.startswith('P000') and len(feed.name) < 255
    links = [str(link['href']) for link in page(app, 'index').find_all(
        'link', type='application/atom+xml')]
    assert any(href.endswith(f'principles/{feed.name}') for href in links)


# -- the built handbook -------------------------------------------------------------


def site_target(handbook_html: Path, url: str) -> tuple[Path, str]:
    assert url.startswith(SITE_BASE), url
    path, _, anchor = url.removeprefix(SITE_BASE).partition('#')
    return handbook_html / path, anchor


def test_every_feed_link_resolves_in_the_site(handbook_html: Path) -> None:
    feeds = sorted(path.relative_to(handbook_html / 'feeds').as_posix()
                   for path in (handbook_html / 'feeds').rglob('*.atom'))
    assert feeds == ['handbook.atom',
                     *(f'principles/P{number:02}.atom' for number in range(1, 11))]
    pages: dict[Path, BeautifulSoup] = {}
    for name in feeds:
        root = feed(handbook_html, name)
        assert_valid_atom(root)
        urls = [link.get('href') for link in root.iter(f'{ATOM}link')]
        for url in urls:
            target, anchor = site_target(handbook_html, url)
            assert target.is_file(), url
            if anchor:
                soup = pages.setdefault(target, BeautifulSoup(target.read_text('utf-8'),
                                                              'html.parser'))
                assert soup.find(id=anchor) is not None, url


def test_the_handbook_feed_has_an_entry_per_revision_meeting_and_release(
        handbook_html: Path) -> None:
    export = json.loads((handbook_html / 'provenance.json').read_text('utf-8'))
    expected = {
        f"{SITE_BASE}{obj['url']}" for obj in export['objects']
        if obj['type'] in {'revision', 'meeting'}
    }
    root = feed(handbook_html, 'handbook.atom')
    ids = [child(entry, 'id') for entry in entries(root)]
    releases = [entry_id for entry_id in ids if '#release-' in entry_id]
    assert set(ids) - set(releases) == expected
    assert len(ids) == len(expected) + len(releases)
    version = re.search(r'^version = "([^"]+)"$',
                        (Path(__file__).parent.parent / 'pyproject.toml').read_text('utf-8'),
                        re.MULTILINE)
    assert version is not None
    assert f"{SITE_BASE}about/updates.html#release-{version[1].replace('.', '-')}" in releases


def test_each_principle_feed_has_its_revisions(handbook_html: Path) -> None:
    export = json.loads((handbook_html / 'provenance.json').read_text('utf-8'))
    for principle in (obj for obj in export['objects'] if obj['type'] == 'principle'):
        revisions = {f"{SITE_BASE}{obj['url']}" for obj in export['objects']
                     if obj['type'] == 'revision'
                     and obj['fields']['principle'] == principle['id']}
        root = feed(handbook_html, f"principles/{principle['id']}.atom")
        assert {child(entry, 'id') for entry in entries(root)} == revisions, principle['id']


def test_the_export_carries_the_releases(feeds_app: SphinxTestApp) -> None:
    export = json.loads(Path(feeds_app.outdir, 'provenance.json').read_text('utf-8'))
    assert export['handbook']['releases'] == [
        {'version': '0.2.0', 'date': '2022-04-01', 'url': 'updates.html#release-0-2-0',
         'absolute_url': f'{BASE}updates.html#release-0-2-0'},
        {'version': '0.1.0', 'date': '2022-01-25', 'url': 'updates.html#release-0-1-0',
         'absolute_url': f'{BASE}updates.html#release-0-1-0'},
    ]


def test_the_handbooks_newest_release_is_its_version(handbook_html: Path) -> None:
    export = json.loads((handbook_html / 'provenance.json').read_text('utf-8'))
    assert export['handbook']['releases'][0]['version'] == export['handbook']['version']
