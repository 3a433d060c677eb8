"""``python -m gov_provenance``: tools that read a built handbook.

``diff BASE HEAD`` prints, as Markdown, what changed in the records and their links
between the exports (``provenance.json``) of two build output folders: nothing when
they are equal. Exit status 0 when it compared them, 2 when it could not (a message
on standard error, one line).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .diff import ExportError, compare_folders, render_markdown
from .diff.labels import LANGUAGES

#: the exit status of a comparison that could not be made, as argparse's for bad usage
CANNOT_COMPARE = 2


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog='python -m gov_provenance',
        description='Tools that read the export of a handbook built with gov-provenance.')
    commands = main.add_subparsers(dest='command', required=True, metavar='COMMAND')
    diff = commands.add_parser(
        'diff', help='what changed in the records and their links between two builds',
        description='Print, as Markdown grouped by principle, what changed between the '
                    'exports (provenance.json) of two builds: objects added, removed or '
                    'changed, links, statuses, revisions. Nothing when they are equal.')
    diff.add_argument('base', metavar='BASE',
                      help='the build output folder (or provenance.json) before the change')
    diff.add_argument('head', metavar='HEAD',
                      help='the build output folder (or provenance.json) after the change')
    diff.add_argument('--lang', choices=LANGUAGES, default='ja',
                      help='the language of the report (default: ja)')
    diff.add_argument('--note-if-equal', action='store_true',
                      help='print one line saying so when nothing changed, instead of nothing')
    return main


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    try:
        changes = compare_folders(arguments.base, arguments.head)
    except ExportError as error:
        print(f'gov_provenance diff: {error}', file=sys.stderr)
        return CANNOT_COMPARE
    sys.stdout.write(render_markdown(changes, arguments.lang,
                                     note_if_equal=arguments.note_if_equal))
    return 0


if __name__ == '__main__':
    sys.exit(main())
