"""The extension's messages follow the project's ``language``, as its labels do.

Every warning and progress line is marked for translation where it is made
(``messages.__``) and has its Japanese in the extension's catalogue; a build in
Japanese reports in Japanese, with the same codes (``[gov.unknown-ref]``), the same
``file:line`` and the same quoted values as in English.
"""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import gov_provenance
import pytest
from babel.messages.extract import extract_from_dir
from common import build, gov_warnings, line_of, strip_colors, write_project
from test_locale import japanese
from test_warnings import CASES, Case, expected_location

PACKAGE = Path(gov_provenance.__file__).parent
#: hiragana, katakana or a kanji: a message in Japanese has some
JAPANESE = re.compile(r'[\u3040-\u30ff\u4e00-\u9fff]')
#: a value a message quotes: ``'P99'`` (not a fence, ``':::'``, which it shows how to write)
QUOTED = re.compile(r"'[^']*\w[^']*'")

#: the calls that report a message, or carry one to where it is reported
REPORTING = frozenset({
    'warn', 'warn_at', 'info', 'Problem', 'InvalidValue', 'RowProblem', 'TableError',
    'FileRefused', 'LookupError', 'error',
})


def marked_messages() -> list[tuple[str, int, str]]:
    """``(file, line, msgid)`` of every message marked with ``__`` in the package, as
    Babel's extractor (``pybabel extract -k __``) finds them."""
    return [(filename, lineno, message)
            for filename, lineno, message, _comments, _context in extract_from_dir(
                str(PACKAGE), method_map=[('**.py', 'python')],
                keywords={'__': None}, comment_tags=())]


def test_every_message_has_its_japanese() -> None:
    found = marked_messages()
    assert len(found) > 100
    catalog = japanese()
    untranslated = [f'{filename}:{lineno}: {message!r}' for filename, lineno, message in found
                    if not (catalog.get(message) and catalog[message].string)]
    assert untranslated == []


def unmarked_messages(source: str) -> list[int]:
    """The lines where a reporting call is given a message that is not marked: text in
    quotes, or an f-string, rather than ``__('…')``."""

    def is_text(node: ast.expr) -> bool:
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            return is_text(node.left)
        return isinstance(node, ast.JoinedStr) or (
            isinstance(node, ast.Constant) and isinstance(node.value, str)
            and ' ' in node.value)

    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(
            node.func, 'id', '')
        if name in REPORTING and any(map(is_text, node.args)):
            lines.append(node.lineno)
    return lines


def test_the_check_finds_a_message_left_unmarked() -> None:
    source = (
        "warn(GovWarning.UNKNOWN_REF, f'{subject} names nothing', location)\n"
        "self.warn(GovWarning.CSV_FILE, 'the file is missing: %s' % path)\n"
        "info(__('%(page)s: imported') % values)\n"
        "raise LookupError(__('is unknown'))\n"
        "warn(kind, message, Location(path, 1))\n"
    )
    assert unmarked_messages(source) == [1, 2]


def test_every_reported_message_is_marked() -> None:
    modules = sorted(PACKAGE.rglob('*.py'))
    found = [f'{path.relative_to(PACKAGE)}:{line}' for path in modules
             for line in unmarked_messages(path.read_text(encoding='utf-8'))]
    assert found == [], 'mark each message with __() (gov_provenance.messages)'


# -- a build in each language ----------------------------------------------------------

PAGE = '''# Messages

:::{gov:principle} P01
:number: 1
:label: Users
:::

:::{gov:meeting} M1
:number: 1
:date: 24/01/2022
:::

:::{gov:opinion} O1
:meeting: M1
:shapes: P01, P99
:::

:::{gov:findings-csv} answers.csv
:source: S1
:::

:::{gov:source} S1
:kind: survey
:::
'''
ANSWERS = 'id,text,shapes\n1,An answer,P01\n2,"Too many",cells,P01\n'


def build_in(language: str, tmp_path: Path) -> tuple[Path, list[tuple[str, str, str]], str]:
    srcdir = write_project(tmp_path / language, PAGE, f'language = {language!r}\n')
    (srcdir / 'answers.csv').write_text(ANSWERS, encoding='utf-8')
    app = build(srcdir, tmp_path / f'{language}-build')
    return srcdir, gov_warnings(app), strip_colors(app.status.getvalue())


@pytest.mark.parametrize('language', ['en', 'ja'])
def test_warnings_follow_the_language(language: str, tmp_path: Path) -> None:
    srcdir, found, status = build_in(language, tmp_path)
    index, answers = srcdir / 'index.md', srcdir / 'answers.csv'
    located = {(location, subtype): message for location, subtype, message in found}
    date = located.pop((f'{index}:{line_of(index, ":date:")}', 'invalid-date'))
    unknown = located.pop((f'{index}:{line_of(index, ":shapes: P01, P99")}', 'unknown-ref'))
    row = located.pop((f'{answers}:3', 'csv-columns'))
    assert located == {}
    for message in (date, unknown, row):
        # the values it quotes, whatever the language
        assert bool(JAPANESE.search(message)) is (language == 'ja'), message
    assert "'24/01/2022'" in date and 'YYYY-MM-DD' in date
    assert "'P99'" in unknown and ":shapes:" in unknown and "gov:opinion 'O1'" in unknown
    assert 'answers.csv' in row
    if language == 'en':
        assert ":shapes: names 'P99', but no principle has that id" in unknown
        assert 'answers.csv row 2: the row has 4 cells and the header 3' in row
        assert 'imported 1 finding from answers.csv; 1 row skipped (see the warning above)' \
            in status
    else:
        assert "gov:opinion 'O1' の :shapes: に 'P99' とありますが" in unknown
        assert 'answers.csv の 2 行目' in row
        assert 'answers.csv から 1 件を取り込みました。1 行は取り込んでいません' in status


@pytest.mark.parametrize('case', [pytest.param(case, id=case.id) for case in CASES])
def test_each_warning_in_japanese(case: Case, rootdir: Path, tmp_path: Path) -> None:
    """Each root of ``test_warnings.py`` built in Japanese: the same one warning, at the
    same place, of the same subtype, in Japanese, quoting the same values."""
    srcdir = tmp_path / 'src'
    shutil.copytree(rootdir / f'test-{case.root}', srcdir)
    app = build(srcdir, tmp_path / 'build', confoverrides={'language': 'ja'})
    [(location, subtype, message)] = gov_warnings(app)
    assert (location, subtype) == (expected_location(app, case), case.subtype)
    assert JAPANESE.search(message), message
    for value in QUOTED.findall(case.message):
        assert value in message, (value, message)

