"""Every warning of the domain: its subtype, its location, and ``-W``.

Each ``roots/test-warn-<case>`` root holds exactly one mistake, so its build must
report exactly one warning: at the file and line of the mistake (the option's own
line when an option is at fault), with the suffix ``[gov.<subtype>]``.
"""

from __future__ import annotations

import ast
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from common import (
    body,
    build,
    gov_warnings,
    line_of,
    object_element,
    strip_colors,
    text,
    write_project,
)
from gov_provenance.model import OBJECT_TYPES
from gov_provenance.warnings_ import GovWarning
from sphinx.errors import SphinxWarning
from sphinx.testing.util import SphinxTestApp

# a build reads its sources only once per environment: start afresh every time,
# or a second test on the same root would see no warning from reading
pytestmark = pytest.mark.sphinx('html', freshenv=True)


@dataclass(frozen=True)
class Case:
    root: str
    subtype: str
    #: the line at fault is the first line of ``file`` that contains ``needle``
    file: str
    needle: str
    #: the part of the message that names the problem and the object at fault
    message: str
    #: text of the faulty directive that must still be in the HTML
    kept: str = ''

    @property
    def id(self) -> str:
        return self.root.removeprefix('warn-')


CASES = [
    Case('warn-missing-id', 'missing-id', 'index.md', ':::{gov:principle}',
         'has no id', 'Text of a principle without an id.'),
    Case('warn-invalid-id', 'invalid-id', 'index.md', ':::{gov:principle} !P01',
         "'!P01' is not valid", 'Text of a principle with a bad id.'),
    Case('warn-invalid-id-space', 'invalid-id', 'index.md', ':::{gov:opinion} O 1',
         "'O 1' is not valid", 'Text of an opinion whose id has a space.'),
    Case('warn-missing-option', 'missing-option', 'index.md', ':::{gov:principle} P01',
         "'P01' needs the :number: option", 'Text of a principle without a number.'),
    Case('warn-invalid-option', 'invalid-option', 'index.md', ':format: by-post',
         ":format: value 'by-post' is unknown",
         'Minutes of a meeting held in an unknown format.'),
    Case('warn-invalid-number', 'invalid-option', 'index.md', ':number: 0',
         ':number: must be a whole number of at least 1, got', 'Text of a principle numbered 0.'),
    Case('warn-unknown-status', 'unknown-status', 'index.md', ':status: done',
         ":status: value 'done' is unknown",
         'Text of an opinion whose status is not one of the choices.'),
    Case('warn-invalid-date', 'invalid-date', 'index.md', ':date: 24/01/2022',
         ":date: '24/01/2022' is not a date",
         'Minutes of a meeting with a date in the wrong format.'),
    Case('warn-unknown-ref', 'unknown-ref', 'index.md', ':shapes: P01, P99',
         ":shapes: names 'P99', but no principle has that id",
         'Text of an opinion that names a principle nobody defined.'),
    Case('warn-unknown-role', 'unknown-ref', 'index.md', 'A principle nobody defined',
         "unknown principle 'P99'", 'A principle nobody defined'),
    Case('warn-no-evidence', 'no-evidence', 'index.md', ':::{gov:principle} P01',
         "'P01' (#1 User focus) has no evidence", 'Nothing shaped this principle.'),
    Case('warn-unused-evidence', 'unused-evidence', 'index.md', ':::{gov:opinion} O1',
         "'O1' shapes no principle", 'This opinion shapes no principle.'),
    Case('warn-duplicate-id', 'duplicate-id', 'b.md', ':::{gov:principle} P01',
         "duplicate id 'P01'",
         'The second definition, with the same id.'),
    Case('warn-inferred-without-links', 'inferred-without-links', 'index.md',
         ':inferred: Linked for its talk of users.',
         "gov:opinion 'O1' :inferred: says how its links were inferred, "
         'but it has no :shapes:',
         'This opinion says how links were inferred, but names no principle.'),
    Case('warn-self-reference', 'unknown-ref', 'index.md', ':source: F1',
         "gov:finding 'F1' :source: names the finding itself", 'A finding whose source is itself.'),
    Case('warn-similar-id', 'similar-id', 'index.md', ':::{gov:meeting} M_1',
         "id 'M_1' differs from 'M.1' (a meeting at index.md:8) only in case or in",
         'The second meeting, whose id differs from the first only in punctuation.'),
    Case('warn-stale-gap', 'stale-gap', 'index.md', ':gap: No opinion or finding',
         "gov:principle 'P01' :gap: says why it has no evidence, but evidence is linked to it "
         'now (O1)',
         'A principle whose gap says it has no evidence, though an opinion shapes it now.'),
    # one warning: the id leads nowhere, so the opinion shaping nothing follows from it
    Case('warn-unknown-ref-case', 'unknown-ref', 'index.md', ':shapes: p01',
         ":shapes: names 'p01', but no principle has that id; did you mean 'P01'?",
         'An opinion that names its principle in lower case, and names no other.'),
    Case('warn-anchor-taken', 'anchor-taken', 'index.md', ':::{gov:principle-table}',
         "a view gives the id 'gov-principle-table-2', which an element of the page has "
         'already', 'A principle whose id makes the anchor'),
    Case('warn-invalid-release', 'invalid-release', 'index.md', ':::{gov:release} 0.3.0',
         'release 0.3.0 needs :date: YYYY-MM-DD',
         'What a release with a date in the wrong format changed.'),
]


def cases() -> list[pytest.param]:
    return [
        pytest.param(case, id=case.id, marks=pytest.mark.sphinx(testroot=case.root))
        for case in CASES
    ]


def expected_location(app: SphinxTestApp, case: Case) -> str:
    path = Path(app.srcdir, case.file)
    return f'{path}:{line_of(path, case.needle)}'


def expected_subtypes(module: Path) -> set[str]:
    """The subtypes a test module expects: every string in it that is a subtype's value,
    which is how its cases, tables and assertions name what a build must report."""
    values = {kind.value for kind in GovWarning}
    return {
        node.value for node in ast.walk(ast.parse(module.read_text(encoding='utf-8')))
        if isinstance(node, ast.Constant) and node.value in values
    }


def test_every_subtype_has_a_case() -> None:
    """Every subtype of the registry is expected by a test: a case of this module (one
    root, one mistake), or a test of the module of its directive (a CSV file's rows,
    control characters)."""
    covered = {case.subtype for case in CASES}
    assert covered <= {kind.value for kind in GovWarning}
    elsewhere = set().union(*(expected_subtypes(module)
                              for module in sorted(Path(__file__).parent.glob('test_*.py'))
                              if module != Path(__file__)))
    assert {kind.value for kind in GovWarning} - covered - elsewhere == set()


@pytest.mark.parametrize('case', cases())
def test_warning_location_and_subtype(shared_app: SphinxTestApp, case: Case) -> None:
    app = shared_app
    warnings = gov_warnings(app)
    assert [(location, subtype) for location, subtype, _ in warnings] == [
        (expected_location(app, case), case.subtype)
    ]
    assert case.message in warnings[0][2]
    # nothing else was reported
    assert len(strip_colors(app.warning.getvalue()).strip().splitlines()) == 1


@pytest.mark.slow
@pytest.mark.parametrize('case', cases())
@pytest.mark.sphinx(warningiserror=True)
def test_warning_fails_a_strict_build(app: SphinxTestApp, case: Case) -> None:
    app.build()
    assert app.statuscode == 1
    warning = strip_colors(app.warning.getvalue())
    assert f'{expected_location(app, case)}: WARNING: ' in warning
    assert case.message in warning and f'[gov.{case.subtype}]' in warning
    assert 'with warnings treated as errors' in strip_colors(app.status.getvalue())


@pytest.mark.slow
@pytest.mark.parametrize('case', cases())
@pytest.mark.sphinx(exception_on_warning=True)
def test_warning_raises_when_warnings_are_exceptions(app: SphinxTestApp, case: Case) -> None:
    with pytest.raises(SphinxWarning) as raised:
        app.build()
    # Sphinx raises at the first warning, with its message; it puts the location in
    # front as it was given (a ``(docname, line)`` tuple or a node stays unformatted),
    # which the location test above covers in its formatted form
    assert case.message in strip_colors(str(raised.value))


@pytest.mark.parametrize('case', cases())
def test_faulty_directive_is_still_rendered(shared_app: SphinxTestApp, case: Case) -> None:
    assert case.kept in text(body(shared_app, Path(case.file).stem))


@pytest.mark.sphinx(testroot='warn-invalid-option')
def test_other_options_of_a_faulty_directive_are_kept(app: SphinxTestApp) -> None:
    app.build()
    meeting = text(object_element(app, 'index', 'meeting', 'M1'))
    assert 'Jan 24, 2022' in meeting and 'First meeting' in meeting
    assert 'by-post' not in meeting  # the rejected value is not shown as if it were valid


@pytest.mark.sphinx(testroot='warn-unknown-status')
def test_unknown_status_falls_back_to_the_default(app: SphinxTestApp) -> None:
    app.build()
    opinion = object_element(app, 'index', 'opinion', 'O1')
    default = OBJECT_TYPES['opinion'].field('status').default
    assert opinion.find('span', class_=f'gov-status-{default}') is not None


@pytest.mark.sphinx(testroot='warn-duplicate-id', parallel=2)
def test_duplicate_across_documents_read_in_parallel_is_reported_once(
    app: SphinxTestApp,
) -> None:
    from sphinx.util.parallel import parallel_available

    # Sphinx reads in parallel only with more than five documents to read
    assert parallel_available and app.parallel == 2 and len(app.env.found_docs) > 5
    app.build()
    reading = [line for line in strip_colors(app.status.getvalue()).splitlines()
               if line.startswith('reading sources')]
    assert any(' .. ' in line for line in reading), 'documents were not read in chunks'
    warnings = gov_warnings(app)
    assert len(warnings) == 1
    location, subtype, message = warnings[0]
    first = Path(app.srcdir, 'a.md')
    assert subtype == 'duplicate-id'
    assert location == f'{Path(app.srcdir, "b.md")}:{line_of(Path(app.srcdir, "b.md"), "P01")}'
    # the message names where the first definition is
    assert f'a.md:{line_of(first, ":::{gov:principle} P01")}' in message
    # the id leads to the first definition; both definitions are still shown
    assert text(object_element(app, 'a', 'principle', 'P01'))
    assert text(object_element(app, 'b', 'principle', 'P01'))


@pytest.mark.sphinx(testroot='gaps')
def test_gap_silences_missing_evidence_warnings(app: SphinxTestApp) -> None:
    app.build()
    assert gov_warnings(app) == []
    assert app.warning.getvalue() == ''


def test_without_gaps_the_same_root_warns(tmp_path: Path, rootdir: Path) -> None:
    """The ``gaps`` root, with its ``:gap:`` lines removed, reports each object."""
    srcdir = tmp_path / 'gaps'
    shutil.copytree(rootdir / 'test-gaps', srcdir)
    index = srcdir / 'index.md'
    lines = index.read_text(encoding='utf-8').splitlines(keepends=True)
    index.write_text(''.join(line for line in lines if not line.startswith(':gap:')),
                     encoding='utf-8')
    app = build(srcdir, tmp_path / '_build')
    assert sorted((location, subtype) for location, subtype, _ in gov_warnings(app)) == sorted([
        (f'{index}:{line_of(index, ":::{gov:principle} P01")}', 'no-evidence'),
        (f'{index}:{line_of(index, ":::{gov:opinion} O1")}', 'unused-evidence'),
        (f'{index}:{line_of(index, ":::{gov:source} S1")}', 'unused-evidence'),
    ])


@pytest.mark.sphinx(testroot='because-wrong-type')
def test_a_reason_of_the_wrong_type_is_no_evidence(app: SphinxTestApp) -> None:
    app.build()
    path = Path(app.srcdir, 'index.md')
    assert [(location, subtype) for location, subtype, _ in gov_warnings(app)] == [
        (f'{path}:{line_of(path, ":because: P01")}', 'unknown-ref'),
        # a principle named in :because: is not evidence of anything
        (f'{path}:{line_of(path, ":::{gov:principle} P01")}', 'no-evidence'),
    ]
    principle = text(object_element(app, 'index', 'principle', 'P01'))
    assert 'No opinion or finding is linked' in principle


def one_page(tmp_path: Path, text: str, conf: str = '', **kwargs: Any) -> SphinxTestApp:
    """Build a project of one page, ``index.md``; ``conf`` ends its ``conf.py``, and
    ``kwargs`` go to :func:`common.build`."""
    srcdir = tmp_path / 'src'
    write_project(srcdir, text, conf)
    return build(srcdir, tmp_path / 'build', **kwargs)


def test_options_in_a_yaml_block_are_located_at_their_own_lines(tmp_path: Path) -> None:
    """MyST's other way to write options, a YAML block between ``---`` lines: a
    warning about an option points at the option's line there too."""
    app = one_page(tmp_path, (
        '# Options in YAML\n\n'
        ':::{gov:meeting} M1\n---\nnumber: 1\ndate: 24/01/2022\n---\nThe minutes.\n:::\n\n'
        ':::{gov:opinion} O1\n---\nmeeting: M1\nstatus: done\nshapes: P99\n---\n'
        'An opinion.\n:::\n'
    ))
    index = Path(app.srcdir, 'index.md')
    assert [(location, subtype) for location, subtype, _ in gov_warnings(app)] == [
        (f'{index}:{line_of(index, "date: 24/01/2022")}', 'invalid-date'),
        (f'{index}:{line_of(index, "status: done")}', 'unknown-status'),
        (f'{index}:{line_of(index, "shapes: P99")}', 'unknown-ref'),
    ]


def test_an_anchor_a_view_makes_from_ids_is_an_id_similar_to_an_objects(
    tmp_path: Path
) -> None:
    """Principles ``P01`` and ``p01-from-m01`` on one page: P01's opinions at M01 would
    take the other principle's anchor. Both are reported, and every id stays unique."""
    app = one_page(tmp_path, (
        '# Anchors\n\n:::{gov:principle} P01\n:number: 1\n:label: One\n:::\n\n'
        ':::{gov:principle} p01-from-m01\n:number: 2\n:label: Two\n:gap: none\n:::\n\n'
        ':::{gov:meeting} M01\n:number: 1\n:date: 2022-01-24\n:::\n\n'
        ':::{gov:opinion} M01-O1\n:meeting: M01\n:shapes: P01\n:::\n'
    ))
    index = Path(app.srcdir, 'index.md')
    warnings = gov_warnings(app)
    assert [(location, subtype) for location, subtype, _ in warnings] == [
        (f'{index}:{line_of(index, "{gov:principle} p01-from-m01")}', 'similar-id'),
        (f'{index}:{line_of(index, "{gov:principle} P01")}', 'anchor-taken'),
    ]
    assert "gives to its evidence from M01" in warnings[0][2]
    ids = [str(tag['id']) for tag in body(app, 'index').find_all(id=True)]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize('directive', [':::{gov:findings-csv}\n:source: S1\n:::\n',
                                       ':::{gov:import-csv}\n:type: opinion\n:::\n',
                                       ':::{gov:release}\n:date: 2022-01-24\n:::\n',
                                       ':::{gov:release} 0.1.0 and more\n:date: 2022-01-24\n:::\n'])
def test_a_missing_or_spaced_argument_is_a_warning_of_the_domain(
    tmp_path: Path, directive: str
) -> None:
    """Docutils would report it in its own words (``1 argument(s) required``)."""
    app = one_page(tmp_path, f'# Arguments\n\n{directive}')
    index = Path(app.srcdir, 'index.md')
    assert [(location, subtype) for location, subtype, _ in gov_warnings(app)] == [
        (f'{index}:3', 'invalid-release' if 'release' in directive else 'csv-file')]
    assert '[docutils]' not in app.warning.getvalue()


@pytest.mark.parametrize('opening, closing, option', [
    pytest.param('', '', ':{}: {}', id='colon-lines'),
    pytest.param('---\n', '---\n', '{}: {}', id='yaml-block'),
])
def test_an_option_written_twice_is_located_at_the_line_read(
    tmp_path: Path, opening: str, closing: str, option: str
) -> None:
    """MyST-Parser keeps the last of two values of one option: the warning about it
    points at that line, in both ways of writing options, and never at the body."""
    app = one_page(tmp_path, (
        '# Twice\n\n:::{gov:meeting} M1\n' + opening + option.format('number', '1') + '\n'
        + option.format('date', '2022-01-24') + '\n' + option.format('number', 'x') + '\n'
        + closing + '\n:number: y\n:::\n'
    ))
    index = Path(app.srcdir, 'index.md')
    assert [(location, subtype) for location, subtype, _ in gov_warnings(app)] == [
        (f'{index}:{line_of(index, option.format("number", "x"))}', 'invalid-option'),
    ]


@pytest.mark.parametrize('value', [
    pytest.param('²', id='superscript'), pytest.param('①', id='circled'),
    pytest.param('٣', id='arabic-indic'), pytest.param('３', id='full-width'),
    pytest.param('1' + '0' * 5000, id='5000-digits'), pytest.param('1000000000', id='too-large'),
    pytest.param('-1', id='negative'),
])
@pytest.mark.slow  # one build each; the parser's own cases are in test_options.py
def test_a_number_takes_ascii_digits_within_a_bound(tmp_path: Path, value: str) -> None:
    """``:number:`` and ``:participants:`` (one number parser): a located warning for
    anything but ASCII digits up to 999,999,999, never a traceback or a silent value."""
    app = one_page(
        tmp_path,
        f'# Numbers\n\n:::{{gov:principle}} P01\n:number: {value}\n:label: User focus\n:::\n\n'
        f':::{{gov:source}} S1\n:kind: survey\n:participants: {value}\n:::\n',
        conf="suppress_warnings = ['gov.no-evidence', 'gov.unused-evidence']\n",
    )
    index = Path(app.srcdir, 'index.md')
    warnings = gov_warnings(app)
    assert [(location, subtype) for location, subtype, _ in warnings] == [
        (f'{index}:{line_of(index, ":number:")}', 'invalid-option'),
        (f'{index}:{line_of(index, ":participants:")}', 'invalid-option'),
    ]
    assert all('write digits 0-9 only, up to 999,999,999' in message for _, _, message in warnings)
    assert all(len(message) < 300 for _, _, message in warnings)  # the value quoted shortened
    assert 'participants' not in app.env.domains['gov'].graph.get('S1').fields  # type: ignore[attr-defined]


def test_ids_of_thousands_of_digits_sort_without_a_traceback(tmp_path: Path) -> None:
    long_ids = [f'O{"9" * 5000}', f'O{"1" + "0" * 5000}', 'O2']
    opinions = ''.join(
        f':::{{gov:opinion}} {object_id}\n:meeting: M1\n:shapes: P01\n:::\n\n'
        for object_id in long_ids
    )
    app = one_page(
        tmp_path,
        '# Long ids\n\n:::{gov:meeting} M1\n:number: 1\n:date: 2022-01-24\n:::\n\n'
        ':::{gov:principle} P01\n:number: 1\n:label: User focus\n:::\n\n' + opinions,
    )
    assert app.statuscode == 0 and gov_warnings(app) == []
    shaped = app.env.domains['gov'].graph.evidence_of('P01')  # type: ignore[attr-defined]
    assert [obj.id for obj in shaped] == ['O2', long_ids[0], long_ids[1]]


def test_a_duplicate_opinion_is_an_opinion(tmp_path: Path) -> None:
    opinion = ':::{gov:opinion} O1\n:meeting: M1\n:shapes: P01\n:::\n\n'
    app = one_page(
        tmp_path,
        '# Twice\n\n:::{gov:meeting} M1\n:number: 1\n:date: 2022-01-24\n:::\n\n'
        ':::{gov:principle} P01\n:number: 1\n:label: User focus\n:::\n\n' + opinion * 2,
    )
    [(_, subtype, message)] = gov_warnings(app)
    assert subtype == 'duplicate-id'
    assert "duplicate id 'O1': an opinion with this id is already defined at index.md:" in message


@pytest.mark.parametrize(('written', 'meant'), [
    pytest.param('p01', 'P01', id='case'), pytest.param('P_01', 'P01', id='punctuation'),
    pytest.param('P010', 'P01', id='spelling'),
])
def test_a_role_to_an_unknown_id_suggests_the_id_meant(
    tmp_path: Path, written: str, meant: str
) -> None:
    app = one_page(tmp_path, (
        '# Roles\n\n:::{gov:principle} P01\n:number: 1\n:label: User focus\n:gap: none\n'
        f':::\n\nSee {{gov:principle}}`{written}`.\n'
    ))
    [(_, subtype, message)] = gov_warnings(app)
    assert subtype == 'unknown-ref'
    assert f"reference to unknown principle {written!r}: did you mean {meant!r}?" in message


def test_an_id_far_from_every_other_gets_no_suggestion(tmp_path: Path) -> None:
    app = one_page(tmp_path, (
        '# Roles\n\n:::{gov:principle} P01\n:number: 1\n:label: User focus\n:gap: none\n'
        ':::\n\nSee {gov:principle}`Q99-X`.\n'
    ))
    [(_, _, message)] = gov_warnings(app)
    assert 'did you mean' not in message


def test_an_incremental_build_reports_no_configuration_change(tmp_path: Path) -> None:
    text = '# Page\n\n:::{gov:principle} P01\n:number: 1\n:label: A\n:gap: none\n:::\n'
    # the theme given as an override: SphinxTestApp changes a default one after the
    # environment is loaded, which an incremental build reports as a change
    one_page(tmp_path, text, confoverrides={'html_theme': 'alabaster'})
    again = build(tmp_path / 'src', tmp_path / 'build', confoverrides={'html_theme': 'alabaster'})
    status = strip_colors(again.status.getvalue())
    assert 'configuration has changed' not in status and 'config changed' not in status


# -- the extension reference's English summary lists every subtype ------------------
# (its table of warnings is drawn from the registry: see test_reference.py)

REFERENCE = Path(__file__).parents[1] / 'handbook' / 'about' / 'extension.md'
#: a subtype in the English summary, written without its type
SUMMARY_SUBTYPE = re.compile(r'`([a-z]+(?:-[a-z]+)+)`')


def section(heading: str) -> str:
    """The text of the reference's section under ``heading`` (up to the next heading)."""
    text = REFERENCE.read_text(encoding='utf-8')
    start = text.index(f'\n{heading}\n')
    following = re.search(r'\n#{2,3} ', text[start + 1:])
    return text[start:start + 1 + following.start()] if following else text[start:]


def summary_item(label: str, after: str = '') -> str:
    """An item of the English summary (``- **Warnings**: ...``), from ``after`` on."""
    summary = section('## English summary')
    start = summary.index(f'- **{label}**')
    end = summary.find('\n- **', start + 1)
    item = summary[start:end if end >= 0 else len(summary)]
    return item[item.index(after):] if after else item


def test_the_english_summary_lists_every_subtype() -> None:
    warnings = set(SUMMARY_SUBTYPE.findall(summary_item('Warnings')))
    csv = set(SUMMARY_SUBTYPE.findall(summary_item('CSV import', 'each bad row is a warning')))
    assert warnings | csv == {kind.value for kind in GovWarning}
