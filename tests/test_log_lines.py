"""The build log as untrusted values leave it: every line of the extension's one line,
none a CI command, none longer than a bound, and a bounded number of them per file."""

from __future__ import annotations

from pathlib import Path

import pytest
from common import build, gov_warnings, strip_colors, write_project
from gov_provenance.warnings_ import WARNINGS_PER_FILE, log_text

#: a folder name that a CI runner would read as an annotation at the start of a line
FORGED = '::error file=conf.py,line=1::Approved by security'


@pytest.mark.parametrize('text', [FORGED, '  ::warning::x', '\n::error::x', '\u2028::error::x'])
def test_no_log_text_starts_a_ci_command(text: str) -> None:
    shown = log_text(text)
    assert not shown.lstrip().startswith('::')
    assert shown.isprintable()


def test_an_info_line_of_a_forged_folder_name_is_no_ci_command(tmp_path: Path) -> None:
    srcdir = write_project(tmp_path / 'src', f'# T\n\n```{{toctree}}\n{FORGED}/page\n```\n')
    folder = srcdir / FORGED
    folder.mkdir()
    (folder / 'page.md').write_text(
        '# Page\n\n:::{gov:source} S1\n:kind: survey\n:gap: none\n:::\n\n'
        ':::{gov:findings-csv} data.csv\n:source: S1\n:gap-column: gap\n:::\n',
        encoding='utf-8')
    (folder / 'data.csv').write_text('id,text,shapes,gap\n1,hello,,none\n', encoding='utf-8')
    app = build(srcdir, tmp_path / '_build')
    log = strip_colors(app.status.getvalue())
    imported = [line for line in log.splitlines() if 'imported 1 findings' in line]
    assert len(imported) == 1
    assert not any(line.lstrip().startswith('::') for line in log.splitlines())
    assert gov_warnings(app) == []


#: the longest message a warning of the extension may have: its advice, and each
#: value it quotes cut to QUOTED_WIDTH characters
LONGEST_MESSAGE = 600
HUGE = 'x' * 100_000


def test_every_value_a_message_quotes_is_cut(tmp_path: Path) -> None:
    srcdir = write_project(tmp_path / 'src', (
        '# Long values\n\n'
        f':::{{gov:principle}} P1\n:number: 1\n:label: {HUGE}\n:::\n\n'
        f':::{{gov:principle}} {HUGE} {HUGE}\n:number: 2\n:label: L\n:::\n\n'
        f':::{{gov:opinion}} O1\n:meeting: {HUGE}\n:shapes: P2 {HUGE}\n:status: {HUGE}\n:::\n\n'
        f'{{gov:principle}}`{HUGE}` and {{gov:meeting}}`{HUGE[:-1]}y`\n'
    ))
    app = build(srcdir, tmp_path / '_build')
    warnings = gov_warnings(app)
    assert {subtype for _, subtype, _ in warnings} >= {
        'invalid-id', 'unknown-ref', 'unknown-status', 'no-evidence'}
    for _, _, message in warnings:
        assert len(message) <= LONGEST_MESSAGE, message[:200]
    assert max(map(len, strip_colors(app.warning.getvalue()).splitlines())) < 1000


def test_a_file_of_many_bad_rows_gives_a_log_of_bounded_length(tmp_path: Path) -> None:
    rows = 5_000
    srcdir = write_project(tmp_path / 'src', (
        '# Rows\n\n:::{gov:source} S1\n:kind: survey\n:gap: none\n:::\n\n'
        ':::{gov:findings-csv} data.csv\n:source: S1\n:::\n'
    ))
    (srcdir / 'data.csv').write_text(
        'id,text,shapes\n' + ''.join(f'{number},text\n' for number in range(rows)),
        encoding='utf-8')
    app = build(srcdir, tmp_path / '_build')
    warnings = gov_warnings(app)
    assert {subtype for _, subtype, _ in warnings} == {'csv-columns'}
    assert len(warnings) == WARNINGS_PER_FILE + 1
    location, _, summary = warnings[-1]
    assert location == f'{srcdir / "data.csv"}:{WARNINGS_PER_FILE + 2}'
    assert f'{rows - WARNINGS_PER_FILE:,} more warnings' in summary
