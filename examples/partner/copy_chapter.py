"""Copy chapters of the Tokyo Digital Service Council handbook into a partner's project.

Usage::

    python copy_chapter.py [--handbook PATH] [--into DIR] [--inventory NAME] [CHAPTER ...]

``--handbook`` is the handbook's source directory (``handbook/`` of a clone of its
repository; by default the one this example lives in). ``--into`` is the Sphinx source
directory of the partner's project (by default the directory of this script). Each
CHAPTER (default: ``principles``) is copied to ``<into>/<CHAPTER>/``, replacing what an
earlier copy left, together with the bibliography the chapters cite
(``references.bib``) and ``handbook-chapters.json``, which records each copied
chapter's title and the version of the handbook it was copied from: the attribution
that the content's licence (CC BY 4.0) asks for names both.

A chapter links by id to records it does not define itself, such as
``{gov:revision}`M03-R1``` (a revision recorded on a meeting's page of the handbook).
In the copy, each such link names the handbook's inventory: ``{gov:revision}`tokyo:M03-R1```,
``{gov:revision}`text <tokyo:M03-R1>```. Intersphinx then resolves it to the handbook
even after the partner's project records an ``M03-R1`` of its own, which would
otherwise silently take the link. ``--inventory`` is that inventory's name (default:
``tokyo``); it must be the key under which the partner's ``conf.py`` lists the
handbook in ``intersphinx_mapping``. Left as they are: links to records the copied
chapters define themselves (``:::{gov:principle} P01``), links that already name an
inventory, links in code, and every other role (``{term}``, ``{ref}``, ``{doc}``).
Findings that a chapter reads from a CSV file (``gov:findings-csv``) are not seen as
defined there, so links to them lead to the handbook.

Each record the copied chapters define gets ``:original: tokyo:P01`` (its own id, with
the same inventory name): it is the handbook's record, copied. The partner's pages
then link each copy to its original in the handbook for its sources and history, the
partner's ``objects.inv`` does not list it as the partner's own, and the build asks it
for no evidence of its own.

The copies are generated: edit the handbook, not them. Only the standard library is
used, so this runs before anything is installed.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import shutil
import sys
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_HANDBOOK = HERE.parent.parent / 'handbook'
DEFAULT_INVENTORY = 'tokyo'
SHARED_FILES = ('references.bib',)
RECORD_FILE = 'handbook-chapters.json'

#: the gov directives that define an object with the id given as their argument
OBJECT_DIRECTIVES = frozenset({
    'principle', 'revision', 'meeting', 'opinion', 'source', 'finding',
    'working-group', 'guideline',
})
#: directives whose content is code, not Markdown
CODE_DIRECTIVES = frozenset({'code-block', 'code', 'sourcecode', 'code-cell', 'eval-rst'})

OBJECT_ID = re.compile(r'[A-Za-z0-9][A-Za-z0-9._-]*')
INVENTORY_NAME = re.compile(r'[A-Za-z0-9][A-Za-z0-9._-]*')
FENCE = re.compile(r'^\s*(?P<fence>`{3,}|~{3,}|:{3,})(?P<info>.*)$')
DEFINITION = re.compile(
    r'^\s*(?::{3,}|`{3,}|~{3,})\{gov:(?P<objtype>[\w-]+)\}[ \t]+(?P<id>\S+)'
)
# A code span, with the gov role it is the content of, if any: a role inside a longer
# code span (``{gov:principle}`P01` `` in prose about roles) is then part of that span.
ROLE_OR_CODE = re.compile(
    r'(?P<role>\{gov:[\w-]+\})?(?P<ticks>`+)(?P<body>.+?)(?<!`)(?P=ticks)(?!`)'
)
# The same split into title and target as Sphinx's XRefRole.
TITLED = re.compile(r'^.+?\s*<(?P<target>[^<>]*)>$', re.DOTALL)
SUBSTITUTION = re.compile(r'\{\{\s*(\w+)\s*\}\}')
OPTION = re.compile(r'^\s*:[\w-]+:')
HEADING = re.compile(r'^#\s+(?P<title>.+?)\s*#*\s*$', re.MULTILINE)


# -- reading Markdown ------------------------------------------------------------


def _closes(fence: str, opening: str) -> bool:
    return fence[0] == opening[0] and len(fence) >= len(opening)


def markdown_lines(text: str) -> Iterator[tuple[str, bool]]:
    """Each line of a MyST page (with its line ending) and whether it is code.

    Code is a fenced block without a directive (```` ```python ````) or in a code
    directive; the content of other directives (``:::{note}``, ```` ```{toctree} ````)
    is Markdown, and so is read, and their closing fences are told from openings.
    """
    open_directives: list[str] = []
    code_fence: str | None = None
    for line in text.splitlines(keepends=True):
        match = FENCE.match(line)
        if code_fence is not None:
            if match and not match['info'].strip() and _closes(match['fence'], code_fence):
                code_fence = None
            yield line, True
            continue
        if match is None:
            yield line, False
            continue
        fence, info = match['fence'], match['info'].strip()
        if not info and open_directives and _closes(fence, open_directives[-1]):
            open_directives.pop()
            yield line, False
            continue
        directive = info[1:].partition('}')[0] if info.startswith('{') else None
        if fence.startswith(':') and directive is None:
            yield line, False  # a stray closing colon fence; colon fences hold no code
        elif directive is not None and directive not in CODE_DIRECTIVES:
            open_directives.append(fence)
            yield line, False
        else:
            code_fence = fence
            yield line, True


def defined_ids(texts: Iterable[str]) -> set[str]:
    """The ids that gov directives in these pages define (``:::{gov:principle} P01``)."""
    found: set[str] = set()
    for text in texts:
        for line, is_code in markdown_lines(text):
            match = None if is_code else DEFINITION.match(line)
            if match and match['objtype'] in OBJECT_DIRECTIVES:
                found.add(match['id'])
    return found


# -- rewriting links ---------------------------------------------------------------


def _with_inventory(body: str, defined: set[str], inventory: str) -> str:
    """The content of a gov role, with ``inventory:`` before its target if needed."""
    titled = TITLED.match(body)
    start, end = titled.span('target') if titled else (0, len(body))
    target = body[start:end].strip()
    # an id never holds ":", so a target with one already names an inventory;
    # "!" before it asks for no link at all
    if target in defined or not OBJECT_ID.fullmatch(target):
        return body
    at = body.index(target, start)
    return f'{body[:at]}{inventory}:{body[at:]}'


def link_to_inventory(text: str, defined: set[str], inventory: str = DEFAULT_INVENTORY) -> str:
    """``text`` with every gov role whose target is not in ``defined`` naming ``inventory``.

    Running it again changes nothing: a target that names an inventory is kept.
    """
    def rewrite(match: re.Match[str]) -> str:
        if match['role'] is None:
            return match[0]
        body = _with_inventory(match['body'], defined, inventory)
        return f"{match['role']}{match['ticks']}{body}{match['ticks']}"

    return ''.join(
        line if is_code else ROLE_OR_CODE.sub(rewrite, line)
        for line, is_code in markdown_lines(text)
    )


# -- marking the copies ----------------------------------------------------------------


def _option_block(following: list[str]) -> tuple[bool, list[str]]:
    """Whether a directive's options are a YAML block (``---``), and their lines."""
    if following and following[0].strip() == '---':
        block = list(itertools.takewhile(lambda line: line.strip() != '---', following[1:]))
        return True, block
    return False, list(itertools.takewhile(lambda line: OPTION.match(line), following))


def mark_originals(text: str, inventory: str = DEFAULT_INVENTORY) -> str:
    """``text`` with ``:original: inventory:id`` under each object directive it defines
    (``:::{gov:principle} P01``), unless the directive names its original already.

    The extension then links each copy to its original in the handbook, keeps it out of
    the partner's ``objects.inv`` and asks it for no evidence of its own. Running it
    again changes nothing.
    """
    lines = list(markdown_lines(text))
    result = []
    for index, (line, is_code) in enumerate(lines):
        result.append(line)
        match = None if is_code else DEFINITION.match(line)
        if not match or match['objtype'] not in OBJECT_DIRECTIVES:
            continue
        yaml, options = _option_block([following for following, _ in lines[index + 1:]])
        if any(option.strip().lstrip(':').startswith('original:') for option in options):
            continue
        indent = line[:len(line) - len(line.lstrip())]
        ending = line[len(line.rstrip('\r\n')):] or '\n'
        original = f'{inventory}:{match["id"]}'
        if yaml:
            result.append(lines[index + 1][0])  # the block's opening "---" comes first
            lines[index + 1] = (f'{indent}original: {original}{ending}', False)
        else:
            result.append(f'{indent}:original: {original}{ending}')
    return ''.join(result)


# -- copying -----------------------------------------------------------------------


def handbook_version(handbook: Path) -> str:
    """The handbook's version, as its pages show it: ``version`` in ``pyproject.toml``."""
    pyproject = handbook.resolve().parent / 'pyproject.toml'
    try:
        with pyproject.open('rb') as file:
            return str(tomllib.load(file)['project']['version'])
    except (OSError, KeyError, tomllib.TOMLDecodeError) as error:
        raise SystemExit(
            f'{pyproject}: cannot read the handbook\'s version ({error}); point --handbook '
            f'at the handbook/ directory of a clone of the repository'
        ) from error


def chapter_title(chapter: Path) -> str:
    """The title of a chapter: the first level-1 heading of its ``index.md``."""
    match = HEADING.search((chapter / 'index.md').read_text(encoding='utf-8'))
    return match['title'] if match else chapter.name


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


def link_chapters_to_inventory(chapters: list[Path], inventory: str) -> int:
    """Name ``inventory`` in the copied chapters' links to records they do not define,
    and under each record they define, as its original (:func:`mark_originals`).

    Ids defined in any of the chapters copied together count as defined. Returns the
    number of files changed.
    """
    pages = sorted(page for chapter in chapters for page in chapter.rglob('*.md'))
    texts = {page: page.read_text(encoding='utf-8') for page in pages}
    defined = defined_ids(texts.values())
    changed = 0
    for page, text in texts.items():
        linked = mark_originals(link_to_inventory(text, defined, inventory), inventory)
        if linked != text:
            page.write_text(linked, encoding='utf-8')
            changed += 1
    return changed


def record_copies(destination: Path, chapters: list[Path], version: str) -> Path:
    """Add the copied chapters' titles and the handbook's version to the record file."""
    record_path = destination / RECORD_FILE
    record: dict[str, dict[str, str]] = {}
    if record_path.is_file():
        record = json.loads(record_path.read_text(encoding='utf-8'))
    for chapter in chapters:
        record[chapter.name] = {'title': chapter_title(chapter), 'handbook_version': version}
    record_path.write_text(
        json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + '\n',
        encoding='utf-8',
    )
    return record_path


def substitutions_used(chapters: list[Path]) -> list[str]:
    """The MyST substitutions (``{{ organisation }}``) the chapters' pages use."""
    return sorted({
        name for chapter in chapters for page in chapter.rglob('*.md')
        for name in SUBSTITUTION.findall(page.read_text(encoding='utf-8'))
    })


def inventory_name(value: str) -> str:
    if not INVENTORY_NAME.fullmatch(value):
        raise argparse.ArgumentTypeError(
            f'{value!r} is no inventory name: use the key of intersphinx_mapping, '
            f'letters, digits, ".", "_" and "-" (no ":"), e.g. {DEFAULT_INVENTORY}'
        )
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=re.sub(r'Usage::\n\n.*?\n\n', '', __doc__, flags=re.DOTALL),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument('chapters', nargs='*', default=['principles'], metavar='CHAPTER',
                        help='a directory of the handbook (default: principles)')
    parser.add_argument('--handbook', type=Path, default=DEFAULT_HANDBOOK, metavar='PATH',
                        help='the handbook/ directory of a clone (default: %(default)s)')
    parser.add_argument('--into', type=Path, default=HERE, metavar='DIR',
                        help='the Sphinx source directory to copy into (default: %(default)s)')
    parser.add_argument('--inventory', type=inventory_name, default=DEFAULT_INVENTORY,
                        metavar='NAME',
                        help='the key of the handbook in intersphinx_mapping: links to '
                             'records the chapters do not define name it '
                             '(default: %(default)s)')
    args = parser.parse_args(argv)
    version = handbook_version(args.handbook)
    copies = []
    for chapter in args.chapters:
        target = copy_chapter(args.handbook, chapter, args.into)
        copies.append(target)
        print(f'copied {args.handbook / chapter} -> {target}')
    changed = link_chapters_to_inventory(copies, args.inventory)
    print(f'links to the handbook\'s records, and each copied record as its original, '
          f'name the inventory {args.inventory!r} ({changed} files)')
    for name in SHARED_FILES:
        shutil.copyfile(args.handbook / name, args.into / name)
        print(f'copied {args.handbook / name} -> {args.into / name}')
    record = record_copies(args.into, copies, version)
    print(f'recorded handbook version {version} in {record}')
    used = substitutions_used(copies)
    if used:
        print(f'set these keys in myst_substitutions: {", ".join(used)}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
