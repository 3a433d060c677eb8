"""What conf.py and the templates add to every page of the handbook: the search index
and what it reads, the short previous/next labels, the handbook's standing and its
feedback route, one viewport tag. The browser's view of them is checked in checks/."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType, SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

REPOSITORY = Path(__file__).parent.parent


@pytest.fixture(scope='module')
def conf() -> ModuleType:
    spec = importlib.util.spec_from_file_location('handbook_conf', REPOSITORY / 'conf.py')
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def soup_of(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding='utf-8'), 'html.parser')


@pytest.mark.parametrize(('title', 'label'), [
    ('第2回 東京デジタルサービス会議（2021年12月27日）', '第2回会議'),
    ('第12回 〇〇市デジタル会議（2030年1月1日）', '第12回会議'),
    ('#3 アクセシビリティ — 誰ひとり取り残されないようにしよう', '#3 アクセシビリティ'),
    ('会議の記録', '会議の記録'),
    ('<span>A &amp; B</span> — <script>x</script>', 'A &amp; B'),
])
def test_short_labels(conf: ModuleType, title: str, label: str) -> None:
    assert conf.short_label(title) == label


def test_a_missing_pagefind_is_a_warning_not_a_traceback(
    conf: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(conf, 'pagefind_warning', warnings.append)
    app = SimpleNamespace(builder=SimpleNamespace(format='html'), outdir=str(tmp_path))
    not_a_program = tmp_path / 'pagefind.txt'
    not_a_program.write_text('', encoding='utf-8')
    for missing in (tmp_path / 'no-pagefind', not_a_program):
        monkeypatch.setattr(conf, 'PAGEFIND', missing)
        conf.run_pagefind(app, None)
    assert len(warnings) == 2 and all('run `make html`' in w for w in warnings), warnings
    broken = tmp_path / 'pagefind'
    broken.write_text('#!/bin/sh\necho "no such site" >&2\nexit 3\n', encoding='utf-8')
    broken.chmod(0o755)
    monkeypatch.setattr(conf, 'PAGEFIND', broken)
    conf.run_pagefind(app, None)
    assert warnings[-1].endswith('no such site'), warnings


def test_the_site_has_a_japanese_search_index(handbook_html: Path) -> None:
    entry = json.loads((handbook_html / '_pagefind' / 'pagefind-entry.json').read_text('utf-8'))
    assert list(entry['languages']) == ['ja']
    assert not (handbook_html / 'searchindex.js').exists()
    search = soup_of(handbook_html, 'search.html')
    form = search.select_one('form.handbook-search')
    assert isinstance(form, Tag) and form['data-index'] == '_pagefind/pagefind.js'
    assert search.select_one('input[name="q"]') is not None


@pytest.mark.parametrize(('page', 'audience'), [
    ('principles/p03.html', 'reader'),
    ('meetings/m03.html', 'reader'),
    ('about/extension.html', 'developer'),
    ('about/changelog.html', 'developer'),
])
def test_search_reads_the_article_only(handbook_html: Path, page: str, audience: str) -> None:
    soup = soup_of(handbook_html, page)
    (body,) = soup.select('[data-pagefind-body]')
    assert body.find_parent('article') is not None
    assert body['data-pagefind-filter'] == f'audience:{audience}'
    assert body.find('h1', attrs={'data-pagefind-weight': '10'}) is not None
    assert not body.find_parent(class_='bd-sidebar-primary')


def test_previous_and_next_have_short_labels(handbook_html: Path) -> None:
    soup = soup_of(handbook_html, 'meetings/m03.html')
    labels = [p.get_text(strip=True) for p in soup.select('.prev-next-area .prev-next-title')]
    assert labels == ['第2回会議', '第4回会議']


def test_every_page_states_what_the_handbook_is_and_takes_feedback(
    handbook_html: Path, conf: ModuleType
) -> None:
    for page in ('index.html', 'principles/p03.html', 'search.html'):
        soup = soup_of(handbook_html, page)
        assert len(soup.select('meta[name="viewport"]')) == 1, page
        standing = soup.select_one('footer .handbook-standing')
        assert isinstance(standing, Tag) and '公開資料' in standing.get_text(), page
        assert conf.author in standing.get_text()
        link = soup.select_one('footer a.handbook-feedback')
        assert isinstance(link, Tag), page
        mail = urlsplit(str(link['href']))
        assert mail.scheme == 'mailto' and mail.path == conf.feedback_email
        title = soup.title.get_text() if soup.title else ''
        subject = parse_qs(mail.query)['subject'][0]
        assert subject.startswith('ハンドブックへの意見：')
        assert subject.removeprefix('ハンドブックへの意見：') in title, (subject, title)
