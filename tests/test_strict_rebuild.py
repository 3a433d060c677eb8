"""A strict build that failed keeps failing until the problem is fixed.

Sphinx reads a page only when its source changed, so a warning reported while
reading, checking or writing a page would not be reported again by a second build
with nothing fixed, which would then pass. The extension reads every page that
warned again on the next build. ``make html`` runs ``sphinx-build -W --keep-going``;
so does :func:`strict_build`, with the same directory for the doctrees each time.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from common import build, gov_warnings, line_of, strip_colors, write_project


def strict_build(srcdir: Path, builddir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, '-m', 'sphinx', '-W', '--keep-going', '-n', '-b', 'html',
         '-d', str(builddir / 'doctrees'), str(srcdir), str(builddir / 'html')],
        capture_output=True, text=True, timeout=300, check=False,
    )


@pytest.mark.slow  # sphinx-build run twice for each root
@pytest.mark.parametrize(('root', 'needle'), [
    pytest.param('warn-invalid-date', '[gov.invalid-date]', id='while-reading'),
    pytest.param('warn-no-evidence', '[gov.no-evidence]', id='while-checking'),
    pytest.param('warn-unknown-role', '[gov.unknown-ref]', id='while-writing'),
])
def test_a_failed_strict_build_fails_again(
    rootdir: Path, tmp_path: Path, root: str, needle: str
) -> None:
    srcdir = tmp_path / 'src'
    shutil.copytree(rootdir / f'test-{root}', srcdir)
    first = strict_build(srcdir, tmp_path / '_build')
    second = strict_build(srcdir, tmp_path / '_build')
    assert (first.returncode, second.returncode) == (1, 1)
    assert needle in first.stderr and needle in second.stderr
    assert strip_colors(second.stderr) == strip_colors(first.stderr)


@pytest.mark.slow  # sphinx-build run three times
def test_a_strict_build_passes_once_the_page_is_fixed(rootdir: Path, tmp_path: Path) -> None:
    srcdir = tmp_path / 'src'
    shutil.copytree(rootdir / 'test-warn-invalid-date', srcdir)
    assert strict_build(srcdir, tmp_path / '_build').returncode == 1
    index = srcdir / 'index.md'
    index.write_text(index.read_text(encoding='utf-8').replace('24/01/2022', '2022-01-24'),
                     encoding='utf-8')
    fixed = strict_build(srcdir, tmp_path / '_build')
    assert fixed.returncode == 0, fixed.stderr
    again = strict_build(srcdir, tmp_path / '_build')
    assert again.returncode == 0 and '0 added, 0 changed, 0 removed' in again.stdout


def test_a_row_of_a_data_file_that_warned_is_read_again(rootdir: Path, tmp_path: Path) -> None:
    """The warnings of ``roots/test-findings-csv-bad`` are located in its CSV files:
    the pages that import them are read again, and warn again."""
    srcdir = tmp_path / 'src'
    shutil.copytree(rootdir / 'test-findings-csv-bad', srcdir)
    first = build(srcdir, tmp_path / '_build')
    second = build(srcdir, tmp_path / '_build')
    assert gov_warnings(first) and sorted(gov_warnings(second)) == sorted(gov_warnings(first))


def test_a_suppressed_warning_does_not_read_its_page_again(
    rootdir: Path, tmp_path: Path
) -> None:
    srcdir = tmp_path / 'src'
    shutil.copytree(rootdir / 'test-warn-no-evidence', srcdir)
    overrides = {'suppress_warnings': ['gov.no-evidence']}
    build(srcdir, tmp_path / '_build', confoverrides=overrides)
    second = build(srcdir, tmp_path / '_build', confoverrides=overrides)
    assert '0 added, 0 changed, 0 removed' in strip_colors(second.status.getvalue())


def warned_twice(srcdir: Path, builddir: Path) -> tuple[list[tuple[str, str, str]], ...]:
    """The warnings of the extension in a build, and in a second one with nothing changed."""
    return gov_warnings(build(srcdir, builddir)), gov_warnings(build(srcdir, builddir))


BAD_MEETING = ':::{gov:meeting} M1\n:number: 1\n:date: 24/01/2022\n:::\n'


def test_a_warning_in_an_included_file_that_is_no_page_comes_back(tmp_path: Path) -> None:
    srcdir = write_project(tmp_path / 'src', '# Page\n\n```{include} parts/part.md\n```\n',
                           "exclude_patterns = ['parts']\n")
    (srcdir / 'parts').mkdir()
    part = srcdir / 'parts' / 'part.md'
    part.write_text(BAD_MEETING, encoding='utf-8')
    first, second = warned_twice(srcdir, tmp_path / '_build')
    assert [location for location, _, _ in first] == [f'{part}:{line_of(part, ":date:")}']
    assert second == first


def test_a_warning_in_a_file_whose_name_has_an_invisible_character_comes_back(
    tmp_path: Path
) -> None:
    name = 'zero\u200bwidth'
    srcdir = write_project(tmp_path / 'src', f'# Top\n\n```{{toctree}}\n{name}\n```\n')
    (srcdir / f'{name}.md').write_text(f'# Meeting\n\n{BAD_MEETING}', encoding='utf-8')
    first, second = warned_twice(srcdir, tmp_path / '_build')
    assert [subtype for _, subtype, _ in first] == ['invalid-date']
    assert '\\u200b' in first[0][0]  # the log shows the character, escaped
    assert second == first
