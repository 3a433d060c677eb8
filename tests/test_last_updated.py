"""Each page shows the date its own source last changed, from git, at the top of the page.

The handbook is built from a copy of the working tree made into a repository of two
commits on different days: a page changed by the second shows its date, every other
page the first's. Without history, a page shows the build's date (SOURCE_DATE_EPOCH),
so that builds of the same sources stay identical.
"""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from working_tree import build_handbook, copy_working_tree

# two more builds of the whole handbook, from copies with a git history of their own
pytestmark = pytest.mark.slow

#: 23 January 2022, 20:00 UTC: already the 24th in Tokyo, whose dates the site shows
FIRST_COMMIT = datetime(2022, 1, 23, 20, 0, tzinfo=UTC)
SECOND_COMMIT = datetime(2022, 3, 31, 3, 0, tzinfo=UTC)
#: the page the second commit changes
CHANGED_PAGE = 'glossary'
#: a date no commit has: a page showing it has been dated by the build, not by git
BUILD_DATE = datetime(2030, 6, 15, 12, 0, tzinfo=UTC)


def commit(repository: Path, date: datetime, message: str) -> None:
    stamp = date.isoformat()
    environment = {**os.environ, 'GIT_AUTHOR_DATE': stamp, 'GIT_COMMITTER_DATE': stamp,
                   'GIT_AUTHOR_NAME': 'Editor', 'GIT_AUTHOR_EMAIL': 'editor@example.org',
                   'GIT_COMMITTER_NAME': 'Editor', 'GIT_COMMITTER_EMAIL': 'editor@example.org'}
    for command in (['git', 'add', '--all'], ['git', 'commit', '--quiet', '-m', message]):
        subprocess.run(command, cwd=repository, env=environment, check=True,
                       capture_output=True)


@pytest.fixture(scope='module')
def site_with_history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    clone = copy_working_tree(tmp_path_factory.mktemp('history'))
    subprocess.run(['git', 'init', '--quiet'], cwd=clone, check=True)
    commit(clone, FIRST_COMMIT, 'First edition')
    with (clone / 'handbook' / f'{CHANGED_PAGE}.md').open('a', encoding='utf-8') as page:
        page.write('\n')
    commit(clone, SECOND_COMMIT, 'Edit one page')
    return build_handbook(clone, SOURCE_DATE_EPOCH=str(int(BUILD_DATE.timestamp())))


def last_updated(site: Path, page: str) -> str | None:
    soup = BeautifulSoup((site / f'{page}.html').read_text(encoding='utf-8'), 'html.parser')
    element = soup.select_one('article .last-updated')
    assert element is None or isinstance(element, Tag)
    return None if element is None else element.get_text(strip=True)


def test_a_changed_page_shows_the_date_of_its_commit(site_with_history: Path) -> None:
    assert last_updated(site_with_history, CHANGED_PAGE) == '最終更新日：2022年3月31日'


@pytest.mark.parametrize('page', ['index', 'principles/p03', 'meetings/m01', 'about/extension'])
def test_other_pages_show_the_date_of_the_commit_that_last_changed_them(
    site_with_history: Path, page: str
) -> None:
    """The first commit's date, in Tokyo's time zone and the readers' format."""
    assert last_updated(site_with_history, page) == '最終更新日：2022年1月24日'


def test_pages_without_a_source_show_no_date(site_with_history: Path) -> None:
    assert last_updated(site_with_history, 'genindex') is None
    assert last_updated(site_with_history, 'search') is None


def test_without_history_a_page_shows_the_build_date(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    clone = copy_working_tree(tmp_path_factory.mktemp('no-history'))
    site = build_handbook(clone, SOURCE_DATE_EPOCH=str(int(BUILD_DATE.timestamp())))
    for page in ('index', CHANGED_PAGE, 'principles/p03'):
        assert last_updated(site, page) == '最終更新日：2030年6月15日', page
