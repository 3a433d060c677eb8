"""Measure the extension against plain Sphinx on synthetic handbooks; write RESULTS.md.

For each N, the generator (:mod:`generate`) writes the same handbook four times:
``gov`` (the extension), ``plain`` (plain Sphinx showing the same information, the
baseline of the targets), ``bare`` (plain Sphinx with only the hand-written
objects, a floor) and ``needs`` (sphinx-needs, for comparison; installed by
``make bench``). Each is built from scratch in a child process whose wall time
and peak resident memory are taken (``os.wait4``); then one finding is edited and
the incremental build is timed, and the pages it rewrote are listed from the
modification times of the output.

    python benchmarks/run.py                          # N = 1000, 5000, 20000; 3 runs
    python benchmarks/run.py --sizes 1000 --repeat 1  # a quick look
    make bench BENCH_ARGS='--sizes 1000,5000'

Run it on a quiet machine: every other process on it adds to the wall times.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from generate import FLAVOURS, Finding, Handbook, edit_finding, make_handbook, page_name, write

HERE = Path(__file__).parent
#: what Sphinx (and sphinx-needs: its permalink page) writes on every build, whatever changed
ALWAYS_WRITTEN = frozenset({
    'genindex', 'search', 'gov-principles', 'gov-evidence', 'py-modindex', 'permalink',
})


@dataclass(frozen=True)
class Run:
    wall: float
    peak_mb: float
    log: str = ''
    #: CPU time, user and system, of the build and the worker processes it waited for;
    #: less affected than wall time by other processes on a shared machine (0: not measured)
    cpu: float = 0.0


@dataclass
class Measure:
    runs: list[Run] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(run.wall for run in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(run.peak_mb for run in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(run.cpu for run in self.runs)


@dataclass(frozen=True)
class Incremental:
    flavour: str
    edit: str
    wall: float
    full: float
    written: tuple[str, ...]
    expected: tuple[str, ...]
    toctree_parents: tuple[str, ...]
    #: the toctree parent of the page Sphinx read again, which it writes as well, so
    #: that a changed title, heading or ``tocdepth`` of that page shows there
    reread_parent: str = ''
    #: the wall time of each time the edit was built (``wall`` is their median)
    walls: tuple[float, ...] = ()


def sphinx_build(srcdir: Path, outdir: Path, jobs: int, fresh: bool) -> Run:
    """Build ``srcdir`` in a child process; its wall time and peak memory."""
    command = [sys.executable, '-m', 'sphinx', '-b', 'html', '-j', str(jobs),
               '-d', str(outdir / '.doctrees'), str(srcdir), str(outdir)]
    if fresh:
        shutil.rmtree(outdir, ignore_errors=True)
    with tempfile.TemporaryFile('w+') as log:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read()
    if child.returncode != 0 or 'WARNING' in output:
        raise SystemExit(f'build of {srcdir} failed or warned:\n{output[-3000:]}')
    # ru_maxrss is in KiB on Linux: the largest of the build's processes
    return Run(wall, usage.ru_maxrss / 1024, output, usage.ru_utime + usage.ru_stime)


def output_times(outdir: Path) -> dict[str, int]:
    return {
        path.relative_to(outdir).with_suffix('').as_posix(): path.stat().st_mtime_ns
        for path in outdir.rglob('*.html')
    }


def incremental(
    handbook: Handbook, root: Path, flavour: str, index: int, full: float, runs: int = 1
) -> Incremental:
    """Edit finding ``index``'s text, rebuild, and list the pages written again; the
    edit is made and built ``runs`` times (put back and built again after each), and
    its wall time is their median, as a full build's is."""
    srcdir, outdir = root / flavour / 'src', root / flavour / 'html'
    finding = handbook.findings[index]
    edited = edit_finding(handbook, index, finding.text.replace('。', '（改訂）。'))
    walls: list[float] = []
    written: list[str] = []
    for _ in range(max(runs, 1)):
        before = output_times(outdir)
        time.sleep(1.1)  # so that the edit is newer than the last build, even on coarse clocks
        changed = write(edited, srcdir, flavour)
        assert changed, 'the edit changed no file'
        walls.append(sphinx_build(srcdir, outdir, jobs=1, fresh=False).wall)
        after = output_times(outdir)
        # the same edit writes the same pages each time: those of the first are listed
        if len(walls) == 1:
            written = sorted(name for name, mtime in after.items() if before.get(name) != mtime)
        time.sleep(1.1)
        write(handbook, srcdir, flavour)  # put it back, and build, for the next edit
        sphinx_build(srcdir, outdir, jobs=1, fresh=False)
    if flavour == 'gov':
        expected = gov_pages_showing(handbook, finding)
    elif flavour == 'needs':
        # its text shows on its page, and as its title in a table of the coverage page
        # if it is in one; the pages that link to it show its id only
        expected = {page_name(finding.page)}
        if finding.status == 'pending' or not finding.shapes:
            expected.add('coverage')
    else:
        # without an extension, the pages that show it are the files the edit changed
        expected = {path.relative_to(srcdir).with_suffix('').as_posix() for path in changed}
    parents = parents_of(expected)
    how = 'CSV row' if finding.page in handbook.csv_pages and flavour == 'gov' else 'page'
    return Incremental(
        flavour, f'{finding.id} ({how})', statistics.median(walls), full, tuple(written),
        tuple(sorted(expected)), tuple(sorted(parents - expected)),
        min(parents_of({page_name(finding.page)}), default=''), tuple(walls),
    )


#: the extension's settings of long lists, which the generated conf.py leaves at their
#: defaults: a list of more items shows the first SAMPLE_SIZE, and its whole list is on
#: pages of LIST_PAGE_SIZE items
SAMPLE_THRESHOLD, SAMPLE_SIZE, LIST_PAGE_SIZE = 30, 10, 500


def gov_pages_showing(handbook: Handbook, finding: Finding) -> set[str]:
    """The pages of the gov flavour that show ``finding``: its own page; each list it is
    in, on the page of the list (a principle's findings from its source, its source's
    findings) when the list is short or the finding is in its sample, and on the page
    of the whole list that holds it when the list is long; and, for a pending finding,
    the coverage page's list of what is not reflected yet, as the other lists (the
    matrix shows counts, which an edit of a finding's text leaves as they were)."""
    pages = {page_name(finding.page)}
    lists = [(f'principles/{p}', f'gov-lists/{p}/shaped-by/{finding.source}',
              [f for f in handbook.findings if f.source == finding.source and p in f.shapes])
             for p in finding.shapes]
    lists.append((f'sources/{finding.source}', f'gov-lists/{finding.source}/findings',
                  [f for f in handbook.findings if f.source == finding.source]))
    if finding.status == 'pending':
        lists.append(('coverage', 'gov-lists/coverage-pending',
                      [f for f in handbook.findings if f.status == 'pending']))
    for owner, whole, items in lists:
        place = [f.id for f in items].index(finding.id)  # by id, as the generator numbers them
        if len(items) <= SAMPLE_THRESHOLD or place < SAMPLE_SIZE:
            pages.add(owner)
        if len(items) > SAMPLE_THRESHOLD:
            pages.add(f'{whole}/{place // LIST_PAGE_SIZE + 1}')
    return pages


def parents_of(docnames: set[str]) -> set[str]:
    """The toctree parents of pages in the generated layout (Sphinx rewrites them too)."""
    parents = set()
    for name in docnames:
        if name.startswith('gov-lists/'):  # the extension's pages, in no toctree
            continue
        folder, _, _ = name.rpartition('/')
        parents.add(f'{folder}/index' if folder else 'index')
    return parents - docnames


def machine(flavours: list[str]) -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path('/proc/cpuinfo').read_text().splitlines():
            if line.startswith('model name'):
                cpu = line.split(':', 1)[1].strip()
                break
        mem = next(line for line in Path('/proc/meminfo').read_text().splitlines()
                   if line.startswith('MemTotal'))
        ram = f'{int(mem.split()[1]) / 1024**2:.1f} GiB'
    except (OSError, StopIteration):
        ram = 'unknown'
    return {
        'CPU': cpu,
        'cores': str(os.cpu_count()),
        'RAM': ram,
        'OS': platform.platform(),
        'Python': platform.python_version(),
        'Sphinx': version('sphinx'),
        'docutils': version('docutils'),
        'MyST-Parser': version('myst-parser'),
        'gov-provenance': version('gov-provenance'),
    } | ({'sphinx-needs': installed('sphinx-needs')} if 'needs' in flavours else {})


def installed(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return 'not installed'


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--sizes', default='1000,5000,20000',
                        help='comma-separated numbers of findings (default: %(default)s)')
    parser.add_argument('--repeat', type=int, default=3,
                        help='builds of each flavour, size and -j, and of each edit; the median '
                        'is reported')
    parser.add_argument('--jobs', default='1,2', help='values of -j to compare')
    parser.add_argument('--flavours', default=','.join(FLAVOURS),
                        help='comma-separated flavours to build (default: %(default)s)')
    parser.add_argument('--workdir', type=Path, default=None,
                        help='where handbooks are generated and built (default: a temporary dir)')
    parser.add_argument('--output', type=Path, default=HERE / 'RESULTS.md',
                        help='the report; the measurements are saved next to it in .json')
    parser.add_argument('--render-only', action='store_true',
                        help='measure nothing: write the report again from its .json')
    args = parser.parse_args()
    check_output(args.output)
    if args.render_only:
        measured = json.loads(args.output.with_suffix('.json').read_text(encoding='utf-8'))
        write_report(measured, args.output)
        return
    sizes = [int(size) for size in args.sizes.split(',')]
    jobs = [int(j) for j in args.jobs.split(',')]
    flavours = args.flavours.split(',')
    check_flavours(flavours)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix='gov-bench-'))
    load_before = os.getloadavg()
    started = dt.datetime.now(dt.UTC)
    commit = source_commit()  # before the run: the code measured

    full: dict[tuple[int, str, int], Measure] = {}
    edits: list[tuple[int, Incremental]] = []
    for n in sizes:
        handbook = make_handbook(n)
        root = workdir / f'n{n}'
        for flavour in flavours:
            write(handbook, root / flavour / 'src', flavour)
        for repeat in range(args.repeat):
            for j in jobs:
                for flavour in flavours:
                    measure = full.setdefault((n, flavour, j), Measure())
                    run = sphinx_build(root / flavour / 'src', root / flavour / 'html', j, True)
                    measure.runs.append(run)
                    print(f'N={n} {flavour:5} -j {j} run {repeat + 1}: '
                          f'{run.wall:6.2f} s (CPU {run.cpu:6.2f} s) {run.peak_mb:7.1f} MB',
                          flush=True)
        # the last full build of each flavour was at the last -j; build once more at -j 1
        for flavour in flavours:
            sphinx_build(root / flavour / 'src', root / flavour / 'html', 1, True)
            base = full[(n, flavour, 1)].wall
            for index in edited_findings(handbook, flavour):
                result = incremental(handbook, root, flavour, index, base, args.repeat)
                edits.append((n, result))
                print(f'N={n} {flavour:5} edit {result.edit}: {result.wall:.2f} s, '
                      f'{len(result.written)} pages written', flush=True)
    measured = {
        'full': [[n, flavour, j, [dataclasses.asdict(run) | {'log': ''} for run in m.runs]]
                 for (n, flavour, j), m in full.items()],
        'edits': [[n, dataclasses.asdict(result)] for n, result in edits],
        'sizes': sizes, 'jobs': jobs, 'flavours': flavours,
        'load': [load_before, os.getloadavg()], 'started': started.isoformat(),
        'commit': commit, 'machine': machine(flavours),
    }
    args.output.with_suffix('.json').write_text(json.dumps(measured, indent=1), encoding='utf-8')
    write_report(measured, args.output)
    print(f'wrote {args.output} (builds in {workdir})')


def incremental_from_json(result: dict[str, Any]) -> Incremental:
    """An edit's measurement as saved in JSON, where tuples became lists."""
    fields: dict[str, Any] = {key: tuple(value) if isinstance(value, list) else value
                              for key, value in result.items()}
    return Incremental(**fields)


def write_report(measured: dict[str, Any], output: Path) -> None:
    """Write the report from measurements (as saved next to it in JSON)."""
    full = {(n, flavour, j): Measure([Run(**run) for run in runs])
            for n, flavour, j, runs in measured['full']}
    edits = [(n, incremental_from_json(result)) for n, result in measured['edits']]
    load_before, load_after = (tuple(load) for load in measured['load'])
    # the machine and versions measured on; older results did not save them
    versions = measured.get('machine') or machine(measured['flavours'])
    report = render(full, edits, measured['sizes'], measured['jobs'], measured['flavours'],
                    versions, load_before, load_after,
                    dt.datetime.fromisoformat(measured['started']))
    report = report.replace('{commit}', measured.get('commit', 'unknown'))
    output.write_text(report, encoding='utf-8')


def check_flavours(flavours: list[str]) -> None:
    """Stop before measuring if a flavour is unknown or its extension is not installed."""
    unknown = [flavour for flavour in flavours if flavour not in FLAVOURS]
    if unknown:
        raise SystemExit(f'unknown flavour {", ".join(unknown)}: choose among '
                         f'{", ".join(FLAVOURS)} (--flavours)')
    if 'needs' in flavours and importlib.util.find_spec('sphinx_needs') is None:
        raise SystemExit(
            'the needs flavour is built with sphinx-needs, which is not installed: run '
            "`make bench`, which installs it (the extra 'bench' of pyproject.toml), or "
            'leave needs out of --flavours'
        )


def check_output(output: Path) -> None:
    """Make the report's folder, and stop before measuring if the report and its
    .json could not be written there: a run takes minutes, and would be lost."""
    folder = output.parent
    try:
        if output.is_dir():
            raise IsADirectoryError(f'{output} is a folder')
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        raise SystemExit(
            f'cannot write the report to {output}: {error.strerror or error}. '
            'Choose a file in a folder you can write to (--output path/RESULTS.md); '
            'nothing was measured'
        ) from None


def source_commit() -> str:
    """The commit of the code measured, if it runs from a git checkout."""
    try:
        found = subprocess.run(
            ['git', 'describe', '--always', '--dirty', '--exclude', '*'], cwd=HERE.parent,
            capture_output=True, text=True, check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return 'unknown'
    return found.stdout.strip()


def edited_findings(handbook: Handbook, flavour: str) -> list[int]:
    """One finding in a CSV file and one on a hand-written page (the first of each,
    which the samples of long lists show), and for the extension the last finding,
    which a long list shows only on the page of its whole list."""
    in_csv = next(i for i, f in enumerate(handbook.findings) if f.page in handbook.csv_pages)
    by_hand = next(i for i, f in enumerate(handbook.findings)
                   if f.page not in handbook.csv_pages)
    return [in_csv, by_hand, len(handbook.findings) - 1] if flavour == 'gov' else [in_csv]


# -- the report ---------------------------------------------------------------------


def render(
    full: dict[tuple[int, str, int], Measure],
    edits: list[tuple[int, Incremental]],
    sizes: list[int],
    jobs: list[int],
    flavours: list[str],
    versions: dict[str, str],
    load_before: tuple[float, float, float],
    load_after: tuple[float, float, float],
    started: dt.datetime,
) -> str:
    template = (HERE / 'RESULTS.template.md').read_text(encoding='utf-8')
    runs = max(len(m.runs) for m in full.values())
    lines = ['| | |', '|---|---|']
    lines += [f'| {key} | {value} |' for key, value in versions.items()]
    lines.append(f'| load average (1, 5, 15 min) before / after | '
                 f'{_load(load_before)} / {_load(load_after)} |')
    lines.append(f'| run | {started:%Y-%m-%d %H:%M} UTC, median of {runs} full build(s) |')
    lines.append('| code measured | commit {commit} of this repository |')
    tables = {'machine': '\n'.join(lines)}

    rows = ['| N | plain wall (s) | gov wall (s) | **gov / plain** | bare wall (s) | '
            '**gov / bare** | plain peak (MB) | gov peak (MB) | **gov / plain** | '
            'bare peak (MB) |', '|---:|' + '---:|' * 9]
    for n in sizes:
        plain, gov, bare = (full.get((n, f, 1)) for f in ('plain', 'gov', 'bare'))
        rows.append('| ' + ' | '.join([
            f'{n:,}', _s(plain), _s(gov), _ratio(gov, plain, 'wall'), _s(bare),
            _ratio(gov, bare, 'wall'), _mb(plain), _mb(gov), _ratio(gov, plain, 'peak_mb'),
            _mb(bare),
        ]) + ' |')
    rows += ['', '| N | plain CPU (s) | gov CPU (s) | **gov / plain** | bare CPU (s) | '
             '**gov / bare** |', '|---:|' + '---:|' * 5]
    for n in sizes:
        plain, gov, bare = (full.get((n, f, 1)) for f in ('plain', 'gov', 'bare'))
        rows.append('| ' + ' | '.join([
            f'{n:,}', _cpu(plain), _cpu(gov), _ratio(gov, plain, 'cpu'), _cpu(bare),
            _ratio(gov, bare, 'cpu'),
        ]) + ' |')
    tables['full'] = '\n'.join(rows)

    rows = ['| N | flavour | ' + ' | '.join(f'-j {j} (s)' for j in jobs) +
            f' | -j {jobs[-1]} / -j {jobs[0]} |', '|---:|---|' + '---:|' * (len(jobs) + 1)]
    for n in sizes:
        for flavour in flavours:
            measures = [full.get((n, flavour, j)) for j in jobs]
            rows.append(f'| {n:,} | {flavour} | ' + ' | '.join(_s(m) for m in measures) +
                        f' | {_ratio(measures[-1], measures[0], "wall")} |')
    tables['parallel'] = '\n'.join(rows)

    rows = ['| N | flavour | edit | wall (s) | % of full | content pages written | '
            'pages that show the finding | toctree parents (Sphinx) | other pages (Sphinx) |',
            '|---:|---|---|---:|---:|---|---|---|---|']
    for n, result in edits:
        content = [w for w in result.written if w not in ALWAYS_WRITTEN]
        extra = [w for w in content if w not in result.expected and
                 w not in result.toctree_parents]
        missing = [w for w in result.expected if w not in content]
        always = [w for w in result.written if w in ALWAYS_WRITTEN]
        rows.append('| ' + ' | '.join([
            f'{n:,}', result.flavour, result.edit, f'{result.wall:.2f}',
            f'{100 * result.wall / result.full:.1f} %',
            f'{len(content)}: ' + ', '.join(f'`{w}`' for w in content),
            f'{verdict(result, content)}: ' + ', '.join(f'`{w}`' for w in result.expected) +
            (' (also: ' + ', '.join(extra) + ')' if extra else '') +
            (' (not written: ' + ', '.join(f'`{w}`' for w in missing) + ')' if missing else ''),
            ', '.join(f'`{w}`' for w in result.toctree_parents if w in content) or '—',
            ', '.join(f'`{w}`' for w in always) or '—',
        ]) + ' |')
    tables['incremental'] = '\n'.join(rows)
    tables['targets'] = targets(full, edits, max(sizes), jobs)
    tables['needs'] = needs_tables(full, edits, sizes, jobs) if 'needs' in flavours else (
        'Not measured in this run: `--flavours` left `needs` out.'
    )
    tables['needs_version'] = versions.get('sphinx-needs', 'not measured')
    return template.format(**tables)


def verdict(result: Incremental, content: list[str]) -> str:
    """How the content pages written compare with the pages that show the finding."""
    written, shown = set(content), set(result.expected)
    if written == shown:
        return 'exactly'
    if not shown <= written:
        return 'not all of'
    if written - shown <= set(result.toctree_parents):
        return 'these, and toctree parents'
    return 'these, and other pages'


def needs_tables(
    full: dict[tuple[int, str, int], Measure], edits: list[tuple[int, Incremental]],
    sizes: list[int], jobs: list[int],
) -> str:
    """The needs flavour beside gov and plain: full builds, then -j and one edit."""
    rows = ['| N | plain wall (s) | gov wall (s) | needs wall (s) | needs / plain | '
            'needs / gov | plain peak (MB) | gov peak (MB) | needs peak (MB) | needs / plain | '
            'needs / gov |', '|---:|' + '---:|' * 10]
    for n in sizes:
        plain, gov, needs = (full.get((n, f, 1)) for f in ('plain', 'gov', 'needs'))
        rows.append('| ' + ' | '.join([
            f'{n:,}', _s(plain), _s(gov), _s(needs), _ratio(needs, plain, 'wall'),
            _ratio(needs, gov, 'wall'), _mb(plain), _mb(gov), _mb(needs),
            _ratio(needs, plain, 'peak_mb'), _ratio(needs, gov, 'peak_mb'),
        ]) + ' |')
    rows += ['', f'| N | flavour | -j {jobs[-1]} / -j {jobs[0]} | edit | incremental wall (s) | '
             '% of full | content pages written |', '|---:|---|---:|---|---:|---:|---:|']
    for n in sizes:
        for flavour in ('gov', 'plain', 'needs'):
            first, last = full.get((n, flavour, jobs[0])), full.get((n, flavour, jobs[-1]))
            for size, result in edits:
                if size != n or result.flavour != flavour:
                    continue
                content = [w for w in result.written if w not in ALWAYS_WRITTEN]
                rows.append('| ' + ' | '.join([
                    f'{n:,}', flavour, _ratio(last, first, 'wall'), result.edit,
                    f'{result.wall:.2f}', f'{100 * result.wall / result.full:.1f} %',
                    str(len(content)),
                ]) + ' |')
    return '\n'.join(rows)


def targets(
    full: dict[tuple[int, str, int], Measure], edits: list[tuple[int, Incremental]],
    n: int, jobs: list[int],
) -> str:
    """Each target of the issue at the largest N, with this run's figure."""
    gov = full.get((n, 'gov', 1))
    lines = [f'At N = {n:,}, in this run:', '']
    for name in ('plain', 'bare'):
        base = full.get((n, name, 1))
        if not gov or not base:
            continue
        wall = gov.wall / base.wall
        cpu = f', CPU time {gov.cpu / base.cpu:.2f}×' if gov.cpu and base.cpu else ''
        lines.append(f'- full build, gov / {name}: wall time {wall:.2f}×{cpu} '
                     f'(target ≤ {FULL_TARGET:.2f}×: {_met(wall <= FULL_TARGET)})')
    for name in ('plain', 'bare'):
        base = full.get((n, name, 1))
        if gov and base:
            peak = gov.peak_mb / base.peak_mb
            lines.append(f'- peak memory, gov / {name}: {peak:.2f}× (target ≤ 1×, no higher '
                         f'than {name}: {_met(peak <= 1)})')
    parallel = full.get((n, 'gov', max(jobs)))
    if gov and parallel and max(jobs) > 1:
        ratio = parallel.wall / gov.wall
        lines.append(f'- gov, -j {max(jobs)} / -j 1: {ratio:.2f}× (target < 1: {_met(ratio < 1)})')
    for size, result in edits:
        if size == n and result.flavour == 'bare':
            lines.append(f'- the same kind of edit in bare, Sphinx alone: '
                         f'{100 * result.wall / result.full:.1f} % of its full build')
    for size, result in edits:
        if size == n and result.flavour == 'gov':
            share = result.wall / result.full
            content = {w for w in result.written if w not in ALWAYS_WRITTEN}
            exact = content - {result.reread_parent} == set(result.expected)
            lines.append(
                f'- incremental build after editing {result.edit}: {100 * share:.1f} % of the '
                f'full build (target ≤ {100 * INCREMENTAL_TARGET:.0f} %: '
                f'{_met(share <= INCREMENTAL_TARGET)}); pages rewritten: '
                f'{"exactly those that show the finding" if exact else "NOT exactly"}'
                f'{", and the toctree parent of the page read again" if exact else ""} '
                f'({_met(exact)})'
            )
    return '\n'.join(lines)


#: the targets: a full build of the extension at most FULL_TARGET times plain Sphinx's
#: (against both baselines), an incremental build at most INCREMENTAL_TARGET of a full one
FULL_TARGET, INCREMENTAL_TARGET = 1.05, 0.05


def _met(ok: bool) -> str:
    return 'met' if ok else '**not met**'


def _s(measure: Measure | None) -> str:
    return f'{measure.wall:.2f}' if measure else '—'


def _cpu(measure: Measure | None) -> str:
    return f'{measure.cpu:.2f}' if measure and measure.cpu else '—'


def _mb(measure: Measure | None) -> str:
    return f'{measure.peak_mb:.0f}' if measure else '—'


def _ratio(top: Measure | None, bottom: Measure | None, attribute: str) -> str:
    if top is None or bottom is None or not getattr(bottom, attribute):
        return '—'
    return f'{getattr(top, attribute) / getattr(bottom, attribute):.2f}×'


def _load(load: tuple[float, float, float]) -> str:
    return ', '.join(f'{value:.2f}' for value in load)


if __name__ == '__main__':
    main()
