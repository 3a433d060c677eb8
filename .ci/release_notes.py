"""The notes of a release, from its section of CHANGELOG.md, for the tag ``vX.Y.Z``.

    python .ci/release_notes.py v0.2.0 > notes.md

Stops with a message, before anything is released, when the tag is not ``v`` and the
version of ``pyproject.toml``, or when CHANGELOG.md has no section for that version
(the release procedure of CONTRIBUTING.md, 「版を出す」, does both). The notes end with
how to install the wheel attached to the release. Standard library only.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent


def version() -> str:
    with (REPOSITORY / 'pyproject.toml').open('rb') as file:
        found: str = tomllib.load(file)['project']['version']
    return found


def changelog_section(changelog: str, number: str) -> str:
    """The text under ``## [number] - date``, up to the next section or link list."""
    heading = re.search(rf'^## \[{re.escape(number)}\][^\n]*\n', changelog, re.MULTILINE)
    if heading is None:
        raise SystemExit(f'CHANGELOG.md has no section "## [{number}] - YYYY-MM-DD": move the '
                         'unreleased changes under it first (CONTRIBUTING.md, 版を出す)')
    rest = changelog[heading.end():]
    end = re.search(r'^(## |\[[^\]]+\]: )', rest, re.MULTILINE)
    return rest[:end.start() if end else len(rest)].strip()


def notes(tag: str) -> str:
    number = version()
    if tag != f'v{number}':
        raise SystemExit(f'the tag {tag} is not the version of pyproject.toml ({number}): '
                         f'tag the release v{number}, or raise the version first')
    changelog = (REPOSITORY / 'CHANGELOG.md').read_text(encoding='utf-8')
    wheel = f'gov_provenance-{number}-py3-none-any.whl'
    return '\n\n'.join([
        changelog_section(changelog, number),
        '---',
        f'拡張機能 gov-provenance {number} の wheel と sdist を添付しています。'
        f'wheel をダウンロードして `pip install "./{wheel}[myst]"` で入れられます'
        '（ハンドブックの「再利用の方法」）。',
        f'The extension gov-provenance {number} is attached as a wheel and an sdist: '
        f'download the wheel and `pip install "./{wheel}[myst]"`.',
    ]) + '\n'


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit('usage: python .ci/release_notes.py vX.Y.Z')
    sys.stdout.write(notes(sys.argv[1]))


if __name__ == '__main__':
    main()
