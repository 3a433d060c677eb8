"""Copy chapters of the Tokyo Digital Service Council handbook into this project.

Usage::

    python copy_chapter.py [--handbook PATH] [CHAPTER ...]

``--handbook`` is the handbook's source directory (``handbook/`` of a clone of its
repository; by default the one this example lives in). Each CHAPTER (default:
``principles``) is copied to a directory of the same name next to this script,
replacing what an earlier copy left, together with the bibliography the chapters
cite (``references.bib``). The copies are generated: edit the handbook, not them.
Only the standard library is used, so it runs before anything is installed.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_HANDBOOK = HERE.parent.parent / 'handbook'
SHARED_FILES = ('references.bib',)


def copy_chapter(handbook: Path, chapter: str, destination: Path) -> Path:
    """Copy ``handbook/<chapter>/`` to ``destination/<chapter>/`` and return the copy."""
    source = handbook / chapter
    if not (source / 'index.md').is_file():
        raise SystemExit(
            f'{source}: no chapter here (no index.md); name a directory of the handbook, '
            f'e.g. principles, and point --handbook at the handbook/ directory of a clone'
        )
    target = destination / chapter
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('chapters', nargs='*', default=['principles'], metavar='CHAPTER')
    parser.add_argument('--handbook', type=Path, default=DEFAULT_HANDBOOK,
                        help='the handbook/ directory of a clone (default: %(default)s)')
    parser.add_argument('--into', type=Path, default=HERE,
                        help='the Sphinx source directory to copy into (default: %(default)s)')
    args = parser.parse_args(argv)
    for chapter in args.chapters:
        target = copy_chapter(args.handbook, chapter, args.into)
        print(f'copied {args.handbook / chapter} -> {target}')
    for name in SHARED_FILES:
        shutil.copyfile(args.handbook / name, args.into / name)
        print(f'copied {args.handbook / name} -> {args.into / name}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
