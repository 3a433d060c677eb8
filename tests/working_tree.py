"""A copy of the working tree, as a fresh clone holds it, and the handbook built from it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).parent.parent
#: Pagefind as this working tree installed it (npm ci), which a fresh clone lacks as
#: it lacks .venv
PAGEFIND = REPOSITORY / 'node_modules' / '.bin' / 'pagefind'


def clone_files() -> list[str]:
    """What a clone of the working tree holds: files git tracks or would add, not those it
    ignores (the compiled ``.mo`` catalogues of the handbook, ``_build``, ``.venv``)."""
    listed = subprocess.run(
        ['git', 'ls-files', '--cached', '--others', '--exclude-standard', '-z'],
        cwd=REPOSITORY, capture_output=True, check=True,
    ).stdout.decode('utf-8')
    return [name for name in listed.split('\0') if name and (REPOSITORY / name).is_file()]


def copy_working_tree(destination: Path) -> Path:
    """Copy the files of :func:`clone_files` into ``destination``, without git's history."""
    for name in clone_files():
        (destination / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPOSITORY / name, destination / name)
    return destination


def build_handbook(clone: Path, **environment: str) -> Path:
    """``make html`` of ``clone``, strict, with ``environment`` added; the site's path."""
    outdir = clone / '_build' / 'html'
    result = subprocess.run(
        [sys.executable, '-m', 'sphinx', '-W', '--keep-going', '-n', '-q', '-b', 'html',
         '-c', str(clone), str(clone / 'handbook'), str(outdir)],
        capture_output=True, text=True, timeout=600, check=False, cwd=clone,
        env={**os.environ, 'HANDBOOK_PAGEFIND': str(PAGEFIND), **environment},
    )
    assert result.returncode == 0 and 'WARNING' not in result.stderr, result.stderr
    assert (outdir / 'index.html').is_file()
    return outdir
