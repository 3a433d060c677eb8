"""Two clean builds of the handbook write byte-identical sites.

The builds differ in everything a build should not depend on: their output and
doctree directories, and Python's hash seed (which reorders sets and unsorted
dicts of strings). They share ``SOURCE_DATE_EPOCH``, the one input that fixes the
date the site shows.
"""

from __future__ import annotations

import difflib
import filecmp
import os
import subprocess
import sys
from pathlib import Path

from conftest import REPOSITORY

#: the date of the last commit when `make check` runs; any fixed value otherwise
DEFAULT_EPOCH = '1767225600'


def build(destination: Path, hash_seed: str) -> Path:
    destination.mkdir(parents=True)
    site = destination / 'html'
    environment = {
        **os.environ,
        'SOURCE_DATE_EPOCH': os.environ.get('SOURCE_DATE_EPOCH', DEFAULT_EPOCH),
        'PYTHONHASHSEED': hash_seed,
    }
    result = subprocess.run(
        [sys.executable, '-m', 'sphinx', '-b', 'html', '-c', str(REPOSITORY),
         '-W', '--keep-going', '-n', '-q', '-d', str(destination / 'doctrees'),
         str(REPOSITORY / 'handbook'), str(site)],
        capture_output=True, text=True, env=environment, cwd=destination,
    )
    assert result.returncode == 0, f'the build failed:\n{result.stderr}'
    return site


def files(root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in root.rglob('*') if path.is_file()}


def first_difference(first: Path, second: Path) -> str:
    try:
        a = first.read_text(encoding='utf-8').splitlines()
        b = second.read_text(encoding='utf-8').splitlines()
    except UnicodeDecodeError:
        return '    (binary files differ)'
    diff = list(difflib.unified_diff(a, b, 'first build', 'second build', n=1, lineterm=''))
    return '\n'.join(f'    {line[:200]}' for line in diff[:12])


def test_two_clean_builds_are_identical(tmp_path: Path) -> None:
    first = build(tmp_path / 'first', hash_seed='1')
    second = build(tmp_path / 'second-build', hash_seed='2')
    names = files(first)
    assert names == files(second), (
        f'only in the first build: {sorted(names - files(second))}; '
        f'only in the second: {sorted(files(second) - names)}'
    )
    assert len(names) > 50 and 'index.html' in names and 'objects.inv' in names
    differing = sorted(
        name for name in names if not filecmp.cmp(first / name, second / name, shallow=False)
    )
    assert not differing, f'{len(differing)} of {len(names)} files differ:\n' + '\n'.join(
        f'- {name}\n{first_difference(first / name, second / name)}' for name in differing
    )
