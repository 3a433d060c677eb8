"""Following the guide passes CI: the templates of ``CONTRIBUTING.md``, added to the
handbook where the guide says, build strictly and read well on the reader pages.

The guide marks each template a contributor copies with the file it goes into, on the
line before its block: ``<!-- template: handbook/meetings/m06.md -->``. The templates
are taken verbatim; only the placeholders a contributor replaces (a date, a citation
key) are filled in. Each is added to its file in a copy of the handbook, a new page
also to the toctree of its folder's index, as the guide says; the copy is built as
``make html`` builds it, and the checks of ``test_reader_pages.py`` run on the result.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from gov_provenance.export import JSON_NAME
from test_documented_examples import CONTRIBUTING, OBJECT_DIRECTIVE, blocks
from test_reader_pages import reader_page_problems
from working_tree import build_handbook, copy_working_tree

#: ``<!-- template: FILE -->``, the line before a block a contributor copies into FILE
TEMPLATE_MARK = re.compile(r'^<!-- template: (?P<file>handbook/\S+) -->$')
#: what a contributor writes in place of each placeholder of the templates
PLACEHOLDERS = {
    'YYYY年M月D日': '2022年9月30日',
    'YYYY-MM-DD': '2022-09-30',
    '出典のキー': 'tokyo_note_m05',
}
TOCTREE_END = re.compile(r'(^```\{toctree\}\n.*?)(^```$)', re.MULTILINE | re.DOTALL)


def templates() -> list[tuple[str, str]]:
    """``(file, text)`` of each marked block of the guide, in the guide's order."""
    lines = CONTRIBUTING.read_text(encoding='utf-8').splitlines()
    found = []
    for block in blocks(CONTRIBUTING):
        if block.line > 1 and (mark := TEMPLATE_MARK.match(lines[block.line - 2])):
            found.append((mark['file'], block.text))
    return found


def filled(text: str) -> str:
    for placeholder, value in PLACEHOLDERS.items():
        text = text.replace(placeholder, value)
    return text


def add_to_toctree(index: Path, page: str) -> None:
    """Add ``page`` at the end of the first toctree of ``index``."""
    text = index.read_text(encoding='utf-8')
    added, count = TOCTREE_END.subn(rf'\g<1>{page}\n\g<2>', text, count=1)
    assert count == 1, f'{index} has no toctree'
    index.write_text(added, encoding='utf-8')


def follow_the_guide(clone: Path) -> set[str]:
    """Add every template to its file in ``clone``; the ids of the objects they define."""
    ids = set()
    for name, text in templates():
        path = clone / name
        if not path.exists() and path.suffix == '.md':
            add_to_toctree(path.parent / 'index.md', path.stem)
        path.parent.mkdir(parents=True, exist_ok=True)
        before = path.read_text(encoding='utf-8') + '\n' if path.exists() else ''
        path.write_text(before + filled(text), encoding='utf-8')
        ids |= {match['argument'] for line in text.splitlines()
                if (match := OBJECT_DIRECTIVE.match(line)) and '-csv' not in match['type']}
    return ids


def test_the_guide_marks_the_template_of_each_record() -> None:
    marked = templates()
    kinds = {match['type'] for _, text in marked for line in text.splitlines()
             if (match := OBJECT_DIRECTIVE.match(line))}
    assert {'meeting', 'opinion', 'finding', 'revision', 'import-csv'} <= kinds
    assert any(name.endswith('.csv') for name, _ in marked)
    # every placeholder stands in some template, and none is left unfilled
    joined = '\n'.join(text for _, text in marked)
    assert all(placeholder in joined for placeholder in PLACEHOLDERS)
    assert 'YYYY' not in filled(joined) and '出典のキー' not in filled(joined)


@pytest.mark.slow
def test_the_guide_s_templates_pass_the_build_and_the_reader_checks(
    tmp_path: Path,
) -> None:
    clone = copy_working_tree(tmp_path)
    defined = follow_the_guide(clone)
    site = build_handbook(clone, SOURCE_DATE_EPOCH='1643000000')  # strict, no warning
    exported = {obj['id'] for obj in json.loads(
        (site / JSON_NAME).read_text(encoding='utf-8'))['objects']}
    assert defined <= exported
    assert {'SRC-SURVEY-A1', 'SRC-SURVEY-A2'} <= exported  # the CSV file's rows
    assert reader_page_problems(site, clone / 'handbook') == []
