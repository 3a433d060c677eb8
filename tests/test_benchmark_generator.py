"""The benchmark's flavours show the same handbook, so the comparison is fair.

``benchmarks/generate.py`` writes one handbook with the extension (``gov``), the
same handbook in plain Sphinx (``plain``), where the generator writes out every list
the extension generates, and the same handbook with sphinx-needs (``needs``). Built
small, each must name the same findings on every page that shows findings, without
a warning.

sphinx-needs comes with the extra ``bench``, which the extra ``test`` includes: the
tests that build with it run wherever the tests run, and fail rather than skip in an
environment without it, so that a green run has built all three flavours.
"""

from __future__ import annotations

import copy
import json
import posixpath
import re
import statistics
import sys
from pathlib import Path
from typing import Any

import pytest
from bs4 import Tag
from common import body, build, text
from sphinx.testing.util import SphinxTestApp

sys.path.insert(0, str(Path(__file__).parents[1] / 'benchmarks'))
import run as bench_run
from generate import Handbook, edit_finding, make_handbook, write

BENCHMARKS = Path(bench_run.__file__).parent

# sphinx-needs 9.1 still calls APIs that Sphinx and docutils have deprecated: their
# warnings are not this project's to fix
pytestmark = [
    # sphinx-needs builds of a generated handbook: the benchmark's, not the extension's
    pytest.mark.slow,
    pytest.mark.filterwarnings('ignore::DeprecationWarning:sphinx_needs.*'),
    pytest.mark.filterwarnings('ignore::PendingDeprecationWarning:sphinx_needs.*'),
    pytest.mark.filterwarnings('ignore:The frontend.Option:DeprecationWarning:optparse'),
]

FINDING_ID = re.compile(r'\bF\d{5}\b')
#: a finding of the needs flavour, as a sphinx-needs user writes it in MyST
NEEDS_FINDING = re.compile(
    r'^:::\{finding\}\n:id: (?P<id>\S+)\n:source: (?P<source>\S+)\n'
    r'(?::shapes: (?P<shapes>.+)\n)?:status: (?P<status>\S+)\n\n(?P<text>.+)\n:::$',
    re.MULTILINE,
)
PAGES_WITH_FINDINGS = [
    'principles/P01', 'principles/P07', 'sources/SRC-1', 'sources/SRC-2',
    'findings/page-0001', 'findings/page-0002', 'coverage',
]


@pytest.fixture(scope='module')
def handbook() -> Handbook:
    # 200 findings: four pages of 50, one per source, the second and fourth from CSV
    handbook = make_handbook(200)
    assert handbook.csv_pages == {1, 3}
    return handbook


@pytest.fixture(scope='module')
def builds(
    handbook: Handbook, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, SphinxTestApp]:
    return {flavour: build_flavour(handbook, flavour, tmp_path_factory)
            for flavour in ('gov', 'plain')}


@pytest.fixture(scope='module')
def needs_app(handbook: Handbook, tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    return build_flavour(handbook, 'needs', tmp_path_factory)


def build_flavour(
    handbook: Handbook, flavour: str, tmp_path_factory: pytest.TempPathFactory
) -> SphinxTestApp:
    root = tmp_path_factory.mktemp(flavour)
    write(handbook, root / 'src', flavour)
    app = build(root / 'src', root / 'build')
    assert app.statuscode == 0
    assert app.warning.getvalue() == ''
    return app


def shown(app: SphinxTestApp, page: str) -> set[str]:
    """The findings a page shows: by id in its text (the plain flavour, and an object's
    own header), or by the id of what a link leads to (the extension names a finding
    without a title by the first sentence of its text, as a reader sees it); and, where
    the extension shows a long list in part, those the pages of the whole list it links
    to show: one click away."""
    found = _shown_on(body(app, page))
    for link in body(app, page).select('.gov-list-more a'):
        list_page = posixpath.normpath(posixpath.join(posixpath.dirname(page), link['href']))
        found |= _shown_on(body(app, list_page.removesuffix('.html')))
    return found


def _shown_on(page_body: Tag) -> set[str]:
    targets = (link['href'].upper() for link in page_body.find_all('a', href=True))
    linked = {match.group() for href in targets if (match := FINDING_ID.search(href))}
    return set(FINDING_ID.findall(text(page_body))) | linked


@pytest.mark.parametrize('page', PAGES_WITH_FINDINGS)
def test_both_flavours_show_the_same_findings(
    builds: dict[str, SphinxTestApp], page: str
) -> None:
    gov, plain = shown(builds['gov'], page), shown(builds['plain'], page)
    assert gov, f'{page} shows no finding'
    assert gov == plain


def test_the_gov_flavour_imports_its_csv_page(builds: dict[str, SphinxTestApp]) -> None:
    objects = builds['gov'].env.domains['gov'].data['objects']  # type: ignore[attr-defined]
    imported = objects['findings/page-0002']
    assert len(imported) == 50
    assert {obj.origin for obj in imported} == {'data/answers-0002.csv'}


# -- the needs flavour, as written ---------------------------------------------------


def test_the_needs_flavour_writes_every_finding_as_a_directive(
    handbook: Handbook, tmp_path: Path
) -> None:
    write(handbook, tmp_path, 'needs')
    written = {}
    for path in sorted((tmp_path / 'findings').glob('page-*.md')):
        for match in NEEDS_FINDING.finditer(path.read_text(encoding='utf-8')):
            shapes = tuple(match['shapes'].split(', ')) if match['shapes'] else ()
            written[match['id']] = (path.stem, match['source'], shapes, match['status'],
                                    match['text'])
    assert written == {
        f.id: (f'page-{f.page + 1:04d}', f.source, f.shapes, f.status, f.text)
        for f in handbook.findings
    }
    # sphinx-needs imports no CSV file of this shape: the CSV pages are directives too
    assert not (tmp_path / 'data').exists()


def test_the_needs_flavour_configures_sphinx_needs(handbook: Handbook, tmp_path: Path) -> None:
    write(handbook, tmp_path / 'needs', 'needs')
    write(handbook, tmp_path / 'gov', 'gov')
    conf = configuration(tmp_path / 'needs' / 'conf.py')
    assert conf['extensions'] == ['myst_parser', 'sphinx_needs']
    assert [t['directive'] for t in conf['needs_types']] == ['principle', 'source', 'finding']
    assert conf['needs_links']['shapes']['target_types'] == ['principle']
    assert conf['needs_links']['source']['target_types'] == ['source']
    # the deprecated names warn in sphinx-needs 9, and a warning fails a benchmark run
    assert 'needs_extra_links' not in conf and 'needs_extra_options' not in conf
    assert configuration(tmp_path / 'gov' / 'conf.py')['extensions'] == [
        'myst_parser', 'gov_provenance',
    ]


def configuration(path: Path) -> dict[str, Any]:
    namespace: dict[str, Any] = {}
    exec(path.read_text(encoding='utf-8'), namespace)
    return namespace


@pytest.mark.parametrize(('flavour', 'changed'), [
    ('gov', ['data/answers-0002.csv']),
    ('needs', ['findings/page-0002.md']),
])
def test_an_edited_finding_changes_the_file_that_holds_it(
    handbook: Handbook, tmp_path: Path, flavour: str, changed: list[str]
) -> None:
    write(handbook, tmp_path, flavour)
    finding = handbook.findings[50]
    assert finding.id == 'F00051'
    edited = edit_finding(handbook, 50, finding.text + '追記。')
    written = write(edited, tmp_path, flavour)
    assert [path.relative_to(tmp_path).as_posix() for path in written] == changed
    assert finding.text + '追記。' in (tmp_path / changed[0]).read_text(encoding='utf-8')


# -- the benchmark script ------------------------------------------------------------


def test_the_needs_flavour_without_sphinx_needs_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(bench_run.importlib.util, 'find_spec', lambda name: None)
    with pytest.raises(SystemExit, match='make bench'):
        bench_run.check_flavours(['gov', 'needs'])
    bench_run.check_flavours(['gov', 'plain', 'bare'])  # nothing else needs it


def test_an_unknown_flavour_is_refused_before_measuring() -> None:
    with pytest.raises(SystemExit, match='unknown flavour need: choose among gov, plain'):
        bench_run.check_flavours(['gov', 'need'])


def test_a_missing_report_folder_is_made_before_measuring(tmp_path: Path) -> None:
    output = tmp_path / 'missing' / 'deeper' / 'RESULTS.md'
    bench_run.check_output(output)
    assert output.parent.is_dir()


@pytest.mark.parametrize('where', ['under a file', 'a folder'])
def test_a_report_that_cannot_be_written_is_refused_before_measuring(
        tmp_path: Path, where: str) -> None:
    (tmp_path / 'taken').write_text('', encoding='utf-8')
    output = tmp_path / 'taken' / 'RESULTS.md' if where == 'under a file' else tmp_path
    with pytest.raises(SystemExit, match=r'cannot write the report to .*nothing was measured'):
        bench_run.check_output(output)


def test_the_report_states_whether_needs_was_measured(tmp_path: Path) -> None:
    measured = json.loads((BENCHMARKS / 'RESULTS.json').read_text(encoding='utf-8'))
    measured['flavours'] = [f for f in measured['flavours'] if f != 'needs']
    measured['full'] = [row for row in measured['full'] if row[1] != 'needs']
    bench_run.write_report(measured, tmp_path / 'without.md')
    assert 'Not measured in this run' in (tmp_path / 'without.md').read_text(encoding='utf-8')

    # the same runs again as needs, twice as slow as plain and as large as gov
    with_needs = copy.deepcopy(measured)
    with_needs['flavours'].append('needs')
    by_key = {(n, flavour, j): runs for n, flavour, j, runs in measured['full']}
    for n in measured['sizes']:
        for j in measured['jobs']:
            runs = [{'wall': 2 * plain['wall'], 'peak_mb': gov['peak_mb'], 'log': ''}
                    for plain, gov in zip(by_key[n, 'plain', j], by_key[n, 'gov', j],
                                          strict=True)]
            with_needs['full'].append([n, 'needs', j, runs])
    bench_run.write_report(with_needs, tmp_path / 'with.md')
    report = (tmp_path / 'with.md').read_text(encoding='utf-8')
    assert 'Not measured in this run' not in report
    n = max(measured['sizes'])
    row = next(line for line in report.splitlines() if line.startswith(f'| {n:,} | ')
               and line.count('|') == 12)
    cells = [cell.strip() for cell in row.strip('|').split('|')]
    assert cells[4] == '2.00×'  # wall, needs / plain
    assert cells[10] == '1.00×'  # peak memory, needs / gov


# -- the needs flavour, built (with sphinx-needs) -------------------------------------


def test_every_finding_is_a_need_with_its_links(
    handbook: Handbook, needs_app: SphinxTestApp
) -> None:
    from sphinx_needs.api import get_needs_view

    needs = get_needs_view(needs_app)
    for finding in handbook.findings:
        need = needs[finding.id]
        assert need['type'] == 'finding'
        assert need['docname'] == f'findings/page-{finding.page + 1:04d}'
        assert (need['source'], need['shapes']) == ([finding.source], list(finding.shapes))
        assert (need['status'], need['content'].strip()) == (finding.status, finding.text)
    for principle in handbook.principles:
        shaping = sorted(f.id for f in handbook.shaping(principle))
        assert sorted(needs[principle]['shapes_back']) == shaping
    for source in handbook.sources:
        found = sorted(f.id for f in handbook.findings if f.source == source)
        assert sorted(needs[source]['source_back']) == found


@pytest.mark.parametrize('page', PAGES_WITH_FINDINGS)
def test_the_needs_flavour_shows_the_same_findings(
    builds: dict[str, SphinxTestApp], needs_app: SphinxTestApp, page: str
) -> None:
    assert shown(needs_app, page) == shown(builds['gov'], page)


def test_an_edit_in_the_needs_flavour_is_measured(tmp_path: Path) -> None:
    handbook = make_handbook(100)
    srcdir, outdir = tmp_path / 'needs' / 'src', tmp_path / 'needs' / 'html'
    write(handbook, srcdir, 'needs')
    full = bench_run.sphinx_build(srcdir, outdir, jobs=1, fresh=True)
    [index] = bench_run.edited_findings(handbook, 'needs')
    result = bench_run.incremental(handbook, tmp_path, 'needs', index, full.wall, runs=2)
    assert result.edit == 'F00051 (page)'
    # built twice, as full builds are repeated: the median of the two is reported
    assert len(result.walls) == 2 and result.wall == statistics.median(result.walls)
    assert 'findings/page-0002' in result.written
    assert 'findings/page-0001' not in result.written
    assert 'findings/page-0002' in result.expected
    # the edit is undone and built again, for the next measurement
    assert handbook.findings[index].text in (outdir / 'findings/page-0002.html').read_text(
        encoding='utf-8')


@pytest.mark.parametrize(('index', 'shown_by'), [
    # F00001: the first of its source's findings, in the sample of its long list
    (0, 'sources/SRC-1'),
    # F00200: the last, on the page of the whole list only
    (199, 'gov-lists/SRC-4/findings/1'),
])
def test_an_edit_in_the_gov_flavour_rewrites_the_pages_that_show_it(
    tmp_path: Path, index: int, shown_by: str,
) -> None:
    # 200 findings: each source has 50, a long list; each principle few from a source
    handbook = make_handbook(200)
    srcdir, outdir = tmp_path / 'gov' / 'src', tmp_path / 'gov' / 'html'
    write(handbook, srcdir, 'gov')
    full = bench_run.sphinx_build(srcdir, outdir, jobs=1, fresh=True)
    result = bench_run.incremental(handbook, tmp_path, 'gov', index, full.wall)
    content = {page for page in result.written if page not in bench_run.ALWAYS_WRITTEN}
    assert shown_by in result.expected
    assert bench_run.verdict(result, sorted(content - {result.reread_parent})) == 'exactly'
    if index == 199:  # the source's page shows a sample that leaves it out
        assert 'sources/SRC-4' not in content
