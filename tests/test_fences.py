"""A forgotten closing fence is a located warning, never a silent change of meaning.

MyST-Parser ends a fence at the next line of as many colons, or at the end of the text
around it: a missing ``:::`` puts the next object inside the text of the one before
(``gov.nested-object``), or runs the last directive to the end of its file
(``gov.unclosed-directive``). The roots of ``test_warnings.py`` hold one case each;
these projects hold the others: two directives left open on a new page, the fences that
are closed though they end the file, an included file, and an import inside an object.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from common import build, gov_warnings, line_of, object_element, write_project
from gov_provenance.fences import lines_of

OBJECTS = '''# Records

:::{gov:meeting} M1
:number: 1
:date: 2022-01-24
:::

:::{gov:principle} P01
:number: 1
:label: Users
:::

```{toctree}
new
```
'''


def warnings_of(tmp_path: Path, pages: dict[str, str],
                conf: str = '') -> tuple[Path, list[tuple[str, str, str]]]:
    srcdir = write_project(tmp_path / 'src', OBJECTS, conf)
    for name, text in pages.items():
        (srcdir / name).write_text(text, encoding='utf-8')
    app = build(srcdir, tmp_path / '_build')
    return srcdir, gov_warnings(app)


TWO_LEFT_OPEN = '''# A new page

:::{gov:opinion} O1
:meeting: M1
:shapes: P01

The first opinion, never closed.

:::{gov:opinion} O2
:meeting: M1
:shapes: P01

The second opinion, never closed either.
'''


def test_two_directives_left_open_on_a_new_page(tmp_path: Path) -> None:
    srcdir, found = warnings_of(tmp_path, {'new.md': TWO_LEFT_OPEN})
    new = srcdir / 'new.md'
    first, second = (f'{new}:{line_of(new, f":::{{gov:opinion}} {i}")}' for i in ('O1', 'O2'))
    last = len(lines_of(TWO_LEFT_OPEN))
    assert [(location, subtype) for location, subtype, _ in found] == [
        (first, 'unclosed-directive'), (second, 'nested-object'), (second, 'unclosed-directive'),
    ]
    assert found[0][2] == (
        f"gov:opinion 'O1' is never closed: its text runs to the end of the file (line {last}) "
        "and takes in all that follows; write a line of ':::' where its text ends")
    assert found[1][2].startswith(
        "gov:opinion 'O2' is written inside the text of gov:opinion 'O1' (new.md:3)")


@pytest.mark.parametrize('ending', ['\n', '', '\n\n\n'])
def test_a_fence_closed_on_the_last_line_is_no_warning(tmp_path: Path, ending: str) -> None:
    page = ('# A new page\n\n::::{gov:opinion} O1\n:meeting: M1\n:shapes: P01\n'
            ':::{note}\nA note that opens the text.\n:::\nThe rest.\n::::' + ending)
    _, found = warnings_of(tmp_path, {'new.md': page})
    assert found == []


def test_a_text_that_starts_with_a_fence_closed_on_the_last_line_is_no_warning(
    tmp_path: Path,
) -> None:
    """Without options, the text starts with the note's fence, before which MyST-Parser
    puts a blank line of its own."""
    page = '# A new page\n\n::::{gov:guideline} G1\n:::{note}\nA note.\n:::\n::::\n'
    _, found = warnings_of(tmp_path, {'new.md': page})
    assert {subtype for _, subtype, _ in found} == {'missing-option', 'no-evidence'}


def test_a_directive_of_backquotes_left_open(tmp_path: Path) -> None:
    page = '# A new page\n\n```{gov:opinion} O1\n:meeting: M1\n:shapes: P01\n\nText.\n'
    srcdir, found = warnings_of(tmp_path, {'new.md': page})
    [(location, subtype, message)] = found
    assert (location, subtype) == (f'{srcdir / "new.md"}:3', 'unclosed-directive')
    assert "write a line of '```'" in message


def test_an_included_file_left_open_is_located_in_it(tmp_path: Path) -> None:
    page = '# A new page\n\n```{include} part.md\n```\n\nAfter the included file.\n'
    part = 'Some text.\n\n:::{gov:opinion} O1\n:meeting: M1\n:shapes: P01\n\nText.\n'
    srcdir, found = warnings_of(tmp_path, {'new.md': page, 'part.md': part},
                                "exclude_patterns = ['part.md']\n")
    assert [(location, subtype) for location, subtype, _ in found] == [
        (f'{srcdir / "part.md"}:3', 'unclosed-directive')]


def test_an_import_inside_an_object_is_nested_and_still_imported(tmp_path: Path) -> None:
    page = ('# A new page\n\n:::{gov:source} S1\n:kind: survey\n\nThe survey.\n\n'
            ':::{gov:findings-csv} answers.csv\n:source: S1\n:::\n')
    srcdir, found = warnings_of(tmp_path, {'new.md': page, 'answers.csv': (
        'id,text,shapes\nA1,An answer.,P01\n')})
    assert [(location, subtype, message) for location, subtype, message in found] == [(
        f'{srcdir / "new.md"}:8', 'nested-object',
        "gov:findings-csv 'answers.csv' is written inside the text of gov:source 'S1' "
        "(new.md:3): close gov:source 'S1' with a line of ':::' where its text ends, before "
        'this one',
    )]


def test_an_object_inside_another_is_still_recorded_and_shown(tmp_path: Path) -> None:
    page = ('# A new page\n\n:::{gov:opinion} O1\n:meeting: M1\n:shapes: P01\n\nText.\n\n'
            ':::{gov:opinion} O2\n:meeting: M1\n:shapes: P01\n\nInside.\n:::\n')
    srcdir = write_project(tmp_path / 'src', OBJECTS)
    (srcdir / 'new.md').write_text(page, encoding='utf-8')
    app = build(srcdir, tmp_path / '_build')
    assert [subtype for _, subtype, _ in gov_warnings(app)] == ['nested-object']
    assert 'Inside.' in object_element(app, 'new', 'opinion', 'O2').get_text()


def test_lines_are_counted_as_myst_counts_them() -> None:
    assert lines_of('a\nb\u2028c\r\nd\re\n') == ['a', 'b\u2028c', 'd', 'e']
    assert lines_of('a\n\n') == ['a', ''] and lines_of('a') == ['a']
