"""The warnings of other tools a contributor meets most often say what to do.

A misspelled option of a directive of the domain gets the option meant, a page left
out of every toctree the index page to add it to, a citation key no ``.bib`` file has
the key meant: in the project's language, added to the other tool's own warning (its
type, subtype and location unchanged), once, in a serial and in a parallel build.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from common import build, line_of, strip_colors, write_project

#: ``path:line: WARNING: message [type.subtype]``, a warning of any tool
WARNING = re.compile(r'^(?P<location>\S+?): WARNING: (?P<message>.*) \[(?P<kind>[\w.-]+)\]$')

PAGE = '''# Hints

```{toctree}
meetings/index
```

:::{gov:principle} P01
:number: 1
:label: Users
:::

:::{gov:meeting} M1
:number: 1
:date: 2022-01-24
:::

:::{gov:opinion} O1
:meeting: M1
:shape: P01
:gap: a test of a misspelled option

An opinion {cite:p}`tokyo_note_m3`.
:::

```{bibliography}
```
'''
BIB = ('@misc{tokyo_note_m03, title = {Third meeting}, year = {2022}}\n'
       '@misc{tokyo_note_m04, title = {Fourth meeting}, year = {2022}}\n')
CONF = "extensions.append('sphinxcontrib.bibtex')\nbibtex_bibfiles = ['refs.bib']\n"


def warnings_of(tmp_path: Path, language: str = 'en', parallel: int = 0
                ) -> tuple[Path, dict[str, list[tuple[str, str]]]]:
    """Each warning of a build of the project, by its type and subtype."""
    srcdir = write_project(tmp_path / 'src', PAGE, CONF + f'language = {language!r}\n')
    (srcdir / 'refs.bib').write_text(BIB, encoding='utf-8')
    (srcdir / 'meetings').mkdir()
    (srcdir / 'meetings' / 'index.md').write_text('# Meetings\n\n```{toctree}\nm01\n```\n',
                                                  encoding='utf-8')
    for page in ('m01', 'm06'):
        (srcdir / 'meetings' / f'{page}.md').write_text(f'# {page}\n', encoding='utf-8')
    (srcdir / 'orphaned.md').write_text('# Orphaned\n', encoding='utf-8')
    app = build(srcdir, tmp_path / '_build', parallel=parallel)
    found: dict[str, list[tuple[str, str]]] = {}
    for line in strip_colors(app.warning.getvalue()).splitlines():
        if match := WARNING.match(line):
            found.setdefault(match['kind'], []).append((match['location'], match['message']))
    return srcdir, found


def test_each_warning_says_what_to_do(tmp_path: Path) -> None:
    srcdir, found = warnings_of(tmp_path)
    index = srcdir / 'index.md'
    [(location, message)] = found['myst.directive_option']
    assert location == f'{index}:{line_of(index, ":shape:")}'
    assert message.startswith("'gov:opinion': Unknown option key: 'shape' (allowed: [")
    assert message.endswith('; did you mean :shapes:?')
    not_included = dict(found['toc.not_included'])
    assert not_included == {
        str(srcdir / 'meetings' / 'm06.md'): "document isn't included in any toctree; add "
                                             "'m06' to a toctree of meetings/index.md",
        str(srcdir / 'orphaned.md'): "document isn't included in any toctree; add 'orphaned' "
                                     'to a toctree of index.md',
    }
    [(location, message)] = found['bibtex.key_not_found']
    assert location == f'{index}:{line_of(index, "An opinion")}'
    assert message == "could not find bibtex key \"tokyo_note_m3\"; did you mean 'tokyo_note_m03'?"


def test_the_hints_speak_the_project_s_language(tmp_path: Path) -> None:
    _, found = warnings_of(tmp_path, 'ja')
    assert found['myst.directive_option'][0][1].endswith('。:shapes: ではありませんか')
    assert any(message.endswith("。meetings/index.md の目次（toctree）に 'm06' を加えてください")
               for _, message in found['toc.not_included'])
    assert found['bibtex.key_not_found'][0][1].endswith("。'tokyo_note_m03' ではありませんか")


def test_a_parallel_build_gives_each_hint_once(tmp_path: Path) -> None:
    _, found = warnings_of(tmp_path, parallel=2)
    messages = [message for warnings in found.values() for _, message in warnings]
    assert sum(message.count('did you mean') for message in messages) == 2
    assert sum(message.count('to a toctree of') for message in messages) == 2


@pytest.mark.parametrize('page', [
    # no option of a source is close to it
    ':::{gov:source} S1\n:kind: survey\n:gap: none\n:zzz: x\n:::\n',
    # not a directive of the domain: MyST-Parser's warning as it is
    ':::{note}\n:clas: x\n\nA note.\n:::\n',
])
def test_no_guess_where_none_is_close_or_for_another_directive(tmp_path: Path, page: str) -> None:
    app = build(write_project(tmp_path / 'src', f'# Page\n\n{page}'), tmp_path / '_build')
    warnings = strip_colors(app.warning.getvalue())
    assert 'Unknown option key' in warnings and 'did you mean' not in warnings
