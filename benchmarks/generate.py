"""Generate a synthetic handbook of N findings: with the extension, without it, with sphinx-needs.

Every flavour holds the same content on the same pages:

- ``gov``: the extension's directives. Principles, sources and findings are
  ``gov:`` objects; half the finding pages write ``gov:finding`` by hand, the other
  half import a CSV file of 50 rows with ``gov:findings-csv``; the matrix and the
  coverage page are ``gov:matrix`` and ``gov:coverage``.
- ``bare``: plain Sphinx and MyST, only what an author writes by hand: each
  object a labelled heading with its fields and the links it names itself
  (a finding's source and principles), and no generated list at all. This is
  the floor: it shows less than the other two.
- ``plain``: plain Sphinx and MyST, no extension. Every object is a labelled
  heading, its fields a paragraph, and every list the extension would generate
  (what shaped a principle, the findings of a source, the principles a finding
  shaped, the matrix, the coverage lists, the two domain indices) is written out
  by this generator as ordinary paragraphs, lists, tables and ``{ref}`` links.
- ``needs``: the same handbook with sphinx-needs, the way its users model it, for
  comparison. Principles, sources and findings are need types; a finding links to
  the principles it shapes and to its source (two link types), and every need shows
  its incoming links; the matrix and the coverage lists are ``needtable`` directives.
  sphinx-needs has no CSV import of this shape, so every finding is a directive.

The content is deterministic for a given ``n`` and ``seed``. Files are written
only when their content changes, so that an edit regenerated into the plain
flavour touches exactly the files that show it.

    python benchmarks/generate.py --n 1000 --flavour gov /tmp/bench/gov
"""

from __future__ import annotations

import argparse
import csv
import io
import random
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

PRINCIPLES = 20
SOURCES = 4
PAGE_SIZE = 50
STATUSES = ('pending', 'reflected', 'noted')
STATUS_LABELS = {'pending': 'Pending', 'reflected': 'Reflected', 'noted': 'Noted'}
#: synthetic words; the text is filler of realistic length, in Japanese script
WORDS = (
    '申請', '窓口', '手続き', '書類', 'オンライン', 'スマートフォン', '説明', '案内', '待ち時間',
    '分かりやすい', '使いにくい', '改善', '必要', '情報', '検索', '予約', '支払い', '通知',
    '高齢者', '子育て', '多言語', 'アクセシビリティ', '入力', '画面', '確認', '電話', '相談',
)

CONF = """\
project = 'Benchmark handbook'
extensions = {extensions!r}
myst_enable_extensions = ['colon_fence']
exclude_patterns = ['_build']
language = 'en'
html_theme = {theme!r}
"""
#: the ``needs`` flavour's configuration, in sphinx-needs' own settings: a need
#: type per kind of object, a link type per relation (each need shows the links it
#: makes and, by default, those it receives), and the fields the other flavours show
NEEDS_CONF = """\
needs_types = [
    {'directive': 'principle', 'title': 'Principle', 'prefix': 'P', 'color': '#BFD8D2'},
    {'directive': 'source', 'title': 'Source', 'prefix': 'SRC-', 'color': '#FEDCD2'},
    {'directive': 'finding', 'title': 'Finding', 'prefix': 'F', 'color': '#DCB239'},
]
needs_links = {
    'shapes': {'outgoing': 'shapes', 'incoming': 'shaped by', 'target_types': ['principle']},
    'source': {'outgoing': 'source', 'incoming': 'findings', 'target_types': ['source']},
}
needs_fields = {
    'number': {'schema': {'type': 'integer'}, 'nullable': True},
    'kind': {'nullable': True},
}
needs_id_required = True
needs_id_regex = '^[A-Z0-9-]+$'
# a finding has no title of its own: its text is, cut as the extension's summary is
needs_title_from_content = True
needs_max_title_length = 120
"""


@dataclass(frozen=True)
class Finding:
    id: str
    source: str
    shapes: tuple[str, ...]
    status: str
    text: str
    page: int

    @property
    def summary(self) -> str:
        """The extension's default summary: the text, cut to 120 characters."""
        collapsed = ' '.join(self.text.split())
        return collapsed if len(collapsed) <= 120 else collapsed[:119].rstrip() + '…'


@dataclass
class Handbook:
    n: int
    findings: list[Finding]
    csv_pages: frozenset[int]
    principles: list[str] = field(default_factory=lambda: [
        f'P{number:02d}' for number in range(1, PRINCIPLES + 1)
    ])
    sources: list[str] = field(default_factory=lambda: [
        f'SRC-{number}' for number in range(1, SOURCES + 1)
    ])

    @property
    def pages(self) -> int:
        return (len(self.findings) + PAGE_SIZE - 1) // PAGE_SIZE

    def on_page(self, page: int) -> list[Finding]:
        return self.findings[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]

    def shaping(self, principle: str) -> Iterator[Finding]:
        return (f for f in self.findings if principle in f.shapes)


def make_handbook(n: int, seed: int = 1, csv_share: float = 0.5) -> Handbook:
    rng = random.Random(seed)
    pages = (n + PAGE_SIZE - 1) // PAGE_SIZE
    every = round(1 / csv_share) if csv_share > 0 else 0
    csv_pages = frozenset(p for p in range(pages) if every and p % every == every - 1)
    findings = []
    for index in range(n):
        page = index // PAGE_SIZE
        count = rng.choice((1, 1, 2, 3))
        shapes = tuple(sorted(rng.sample(range(1, PRINCIPLES + 1), count)))
        findings.append(Finding(
            id=f'F{index + 1:05d}',
            source=f'SRC-{page % SOURCES + 1}',
            shapes=tuple(f'P{number:02d}' for number in shapes),
            status=rng.choice(STATUSES),
            text=''.join(rng.choice(WORDS) for _ in range(rng.randint(8, 30))) + '。',
            page=page,
        ))
    return Handbook(n, findings, csv_pages)


def edit_finding(handbook: Handbook, index: int, text: str) -> Handbook:
    """The same handbook with the text of one finding changed."""
    findings = list(handbook.findings)
    findings[index] = replace(findings[index], text=text)
    return Handbook(handbook.n, findings, handbook.csv_pages)


# -- writing ---------------------------------------------------------------------


def write(handbook: Handbook, outdir: Path, flavour: str, theme: str = 'alabaster') -> list[Path]:
    """Write the handbook as ``flavour`` (see :data:`WRITERS`); return the files changed."""
    files = WRITERS[flavour](handbook).files()
    extensions = ['myst_parser', *EXTENSIONS.get(flavour, ())]
    files['conf.py'] = CONF.format(extensions=extensions, theme=theme)
    if flavour == 'needs':
        files['conf.py'] += NEEDS_CONF
    changed = []
    for name, content in files.items():
        path = outdir / name
        if path.exists() and path.read_text(encoding='utf-8') == content:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding='utf-8')
        changed.append(path)
    return changed


def page_name(page: int) -> str:
    return f'findings/page-{page + 1:04d}'


def csv_name(page: int) -> str:
    return f'data/answers-{page + 1:04d}.csv'


class Writer(ABC):
    """The files of one flavour; each flavour writes the same pages its own way."""

    def __init__(self, handbook: Handbook) -> None:
        self.handbook = handbook

    @abstractmethod
    def principle(self, number: int, principle: str) -> str: ...

    @abstractmethod
    def source(self, source: str) -> str: ...

    @abstractmethod
    def finding_page(self, page: int) -> str: ...

    def finding_page_title(self, page: int) -> str:
        """The same title on a page of findings in every flavour."""
        findings = self.handbook.on_page(page)
        return f'Findings {findings[0].id} to {findings[-1].id}'

    @abstractmethod
    def matrix(self) -> str: ...

    @abstractmethod
    def coverage(self) -> str: ...

    def files(self) -> dict[str, str]:
        hb = self.handbook
        files = {
            'index.md': self.index(),
            'principles/index.md': toctree('Principles', hb.principles),
            'sources/index.md': toctree('Sources', hb.sources),
            'findings/index.md': toctree(
                'Findings', [page_name(page).removeprefix('findings/') for page in range(hb.pages)]
            ),
            'matrix.md': self.matrix(),
            'coverage.md': self.coverage(),
        }
        for number, principle in enumerate(hb.principles, start=1):
            files[f'principles/{principle}.md'] = self.principle(number, principle)
        for source in hb.sources:
            files[f'sources/{source}.md'] = self.source(source)
        for page in range(hb.pages):
            files[f'{page_name(page)}.md'] = self.finding_page(page)
            if page in hb.csv_pages:
                files.update(self.data_files(page))
        return files

    def index(self) -> str:
        return toctree('Benchmark handbook', self.index_entries())

    def index_entries(self) -> list[str]:
        return ['principles/index', 'sources/index', 'findings/index', 'matrix', 'coverage']

    def data_files(self, page: int) -> dict[str, str]:
        return {}


def toctree(title: str, entries: list[str]) -> str:
    return f'# {title}\n\n```{{toctree}}\n:maxdepth: 1\n\n' + '\n'.join(entries) + '\n```\n'


class GovWriter(Writer):
    def principle(self, number: int, principle: str) -> str:
        return (
            f'# Principle {number}\n\n:::{{gov:principle}} {principle}\n:number: {number}\n'
            f':label: Principle {number}\n:status: adopted\n\nWhat principle {number} asks.\n:::\n'
        )

    def source(self, source: str) -> str:
        return (
            f'# {source}\n\n:::{{gov:source}} {source}\n:kind: survey\n:title: Survey {source}\n\n'
            f'How {source} was run.\n:::\n'
        )

    def finding_page(self, page: int) -> str:
        findings = self.handbook.on_page(page)
        head = f'# {self.finding_page_title(page)}\n\n'
        if page in self.handbook.csv_pages:
            return head + (
                f':::{{gov:findings-csv}} /{csv_name(page)}\n:source: {findings[0].source}\n'
                ':status-column: status\n:::\n'
            )
        return head + ''.join(
            f':::{{gov:finding}} {f.id}\n:source: {f.source}\n:shapes: {", ".join(f.shapes)}\n'
            f':status: {f.status}\n\n{f.text}\n:::\n\n'
            for f in findings
        )

    def data_files(self, page: int) -> dict[str, str]:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator='\n')
        writer.writerow(('id', 'text', 'shapes', 'status'))
        for f in self.handbook.on_page(page):
            writer.writerow((f.id, f.text, ' '.join(f.shapes), f.status))
        return {csv_name(page): out.getvalue()}

    def matrix(self) -> str:
        return '# Matrix\n\n:::{gov:matrix}\n:::\n'

    def coverage(self) -> str:
        return '# Coverage\n\n:::{gov:coverage}\n:::\n'


class PlainWriter(Writer):
    """The same pages in plain MyST: what the extension generates, written out."""

    def index_entries(self) -> list[str]:
        return [*super().index_entries(), 'principle-index', 'evidence-index']

    def files(self) -> dict[str, str]:
        files = super().files()
        files['principle-index.md'] = self.principle_index()
        files['evidence-index.md'] = self.evidence_index()
        return files

    def principle(self, number: int, principle: str) -> str:
        lines = [
            f'# Principle {number}', '', f'(gov-principle-{principle})=',
            f'## Principle {principle} #{number} Principle {number} Adopted', '',
            f'What principle {number} asks.', '', '### What shaped this principle', '',
        ]
        by_source: dict[str, list[Finding]] = {}
        for finding in self.handbook.shaping(principle):
            by_source.setdefault(finding.source, []).append(finding)
        if not by_source:
            lines += ['No opinion or finding is recorded for this principle yet.', '']
        for source in sorted(by_source):
            lines += [
                f'({group_anchor(principle, source)})=',
                f'From {{ref}}`Survey {source} <gov-source-{source}>`', '',
            ]
            lines += [item(f) for f in by_source[source]]
            lines.append('')
        lines += [
            '### Revisions', '', 'No revision is recorded.', '',
            '### Guidelines that implement it', '', 'No guideline implements it yet.', '',
        ]
        return '\n'.join(lines)

    def source(self, source: str) -> str:
        findings = [f for f in self.handbook.findings if f.source == source]
        principles = sorted({p for f in findings for p in f.shapes})
        lines = [
            f'# {source}', '', f'(gov-source-{source})=', f'## Source {source} Survey {source}',
            '', 'Kind: Citizen survey', '', f'How {source} was run.', '',
            '### Principles it shaped', '',
        ]
        lines += [f'- {principle_link(p)}' for p in principles]
        lines += ['', '### Findings from this source', '']
        lines += [item(f) for f in findings]
        return '\n'.join(lines) + '\n'

    def finding_page(self, page: int) -> str:
        findings = self.handbook.on_page(page)
        lines = [f'# {self.finding_page_title(page)}', '']
        for f in findings:
            lines += [
                f'(gov-finding-{f.id})=', f'## Finding {f.id} {STATUS_LABELS[f.status]}', '',
                f'Source: {{ref}}`Survey {f.source} <gov-source-{f.source}>`', '',
                f.text, '', '### Principles it shaped', '',
            ]
            lines += [f'- {principle_link(p)} Adopted' for p in f.shapes]
            lines.append('')
        return '\n'.join(lines)

    def matrix(self) -> str:
        hb = self.handbook
        header = ['Principle', *(f'{{ref}}`Survey {s} <gov-source-{s}>`' for s in hb.sources),
                  'Total']
        rows = []
        for principle in hb.principles:
            counts = dict.fromkeys(hb.sources, 0)
            for finding in hb.shaping(principle):
                counts[finding.source] += 1
            cells = [principle_link(principle)] + [
                f'{{ref}}`{count} <{group_anchor(principle, s)}>`' if count else '0'
                for s, count in counts.items()
            ]
            rows.append([*cells, str(sum(counts.values()))])
        table = ['| ' + ' | '.join(header) + ' |', '|' + '---|' * len(header)]
        table += ['| ' + ' | '.join(row) + ' |' for row in rows]
        return '# Matrix\n\nEvidence per principle, by meeting and by source\n\n' + \
            '\n'.join(table) + '\n'

    def coverage(self) -> str:
        pending = [f for f in self.handbook.findings if f.status == 'pending']
        lines = [
            '# Coverage', '', '## Principles without evidence', '', 'Nothing to report.', '',
            '## Opinions and findings not yet reflected', '',
        ]
        lines += [f'- {{ref}}`{f.id} <gov-finding-{f.id}>`' for f in pending]
        lines += ['', '## Evidence that shapes no principle', '', 'Nothing to report.', '']
        return '\n'.join(lines)

    def principle_index(self) -> str:
        lines = ['# Principle index', '', '## Adopted', '']
        lines += [f'- {principle_link(p)} {p}' for p in self.handbook.principles]
        return '\n'.join(lines) + '\n'

    def evidence_index(self) -> str:
        lines = ['# Evidence index', '']
        for source in self.handbook.sources:
            lines += [f'## {source}', '', f'- {{ref}}`Survey {source} <gov-source-{source}>`']
            lines += [
                f'  - {{ref}}`{f.id} <gov-finding-{f.id}>` {STATUS_LABELS[f.status]} {f.summary}'
                for f in self.handbook.findings if f.source == source
            ]
            lines.append('')
        return '\n'.join(lines)


class BareWriter(PlainWriter):
    """Plain Sphinx with only what an author writes by hand: each object a heading with
    its fields and ``{ref}`` links on one line, no generated list and no backlink."""

    def index_entries(self) -> list[str]:
        return Writer.index_entries(self)

    def files(self) -> dict[str, str]:
        return Writer.files(self)

    def principle(self, number: int, principle: str) -> str:
        return (
            f'# Principle {number}\n\n(gov-principle-{principle})=\n'
            f'## Principle {principle} #{number} Principle {number} Adopted\n\n'
            f'What principle {number} asks.\n'
        )

    def source(self, source: str) -> str:
        return (
            f'# {source}\n\n(gov-source-{source})=\n## Source {source} Survey {source}\n\n'
            f'Kind: Citizen survey\n\nHow {source} was run.\n'
        )

    def finding_page(self, page: int) -> str:
        lines = [f'# {self.finding_page_title(page)}', '']
        for f in self.handbook.on_page(page):
            shaped = ', '.join(principle_link(p) for p in f.shapes)
            lines += [
                f'(gov-finding-{f.id})=', f'## Finding {f.id}', '',
                f'Source: {{ref}}`Survey {f.source} <gov-source-{f.source}>` · '
                f'Principles: {shaped} · {STATUS_LABELS[f.status]}', '', f.text, '',
            ]
        return '\n'.join(lines)

    def matrix(self) -> str:
        return '# Matrix\n\nNot written by hand.\n'

    def coverage(self) -> str:
        return '# Coverage\n\nNot written by hand.\n'


class NeedsWriter(Writer):
    """The same pages with sphinx-needs: need types, link types and ``needtable``."""

    def principle(self, number: int, principle: str) -> str:
        return (
            f'# Principle {number}\n\n:::{{principle}} Principle {number}\n:id: {principle}\n'
            f':number: {number}\n:status: adopted\n:title_from_content: false\n\n'
            f'What principle {number} asks.\n:::\n'
        )

    def source(self, source: str) -> str:
        return (
            f'# {source}\n\n:::{{source}} Survey {source}\n:id: {source}\n:kind: survey\n'
            f':title_from_content: false\n\nHow {source} was run.\n:::\n'
        )

    def finding_page(self, page: int) -> str:
        findings = self.handbook.on_page(page)
        return f'# {self.finding_page_title(page)}\n\n' + ''.join(
            self.finding(f) for f in findings
        )

    def finding(self, finding: Finding) -> str:
        shapes = f':shapes: {", ".join(finding.shapes)}\n' if finding.shapes else ''
        return (
            f':::{{finding}}\n:id: {finding.id}\n:source: {finding.source}\n{shapes}'
            f':status: {finding.status}\n\n{finding.text}\n:::\n\n'
        )

    def matrix(self) -> str:
        return (
            '# Matrix\n\n:::{needtable}\n:types: principle\n'
            ':columns: id;title;status;shapes_back as "Shaped by"\n:::\n'
        )

    def coverage(self) -> str:
        return (
            '# Coverage\n\n## Principles without evidence\n\n'
            + needtable('type == "principle" and len(shapes_back) == 0')
            + '\n## Opinions and findings not yet reflected\n\n'
            + needtable('type == "finding" and status == "pending"')
            + '\n## Evidence that shapes no principle\n\n'
            + needtable('type == "finding" and len(shapes) == 0')
        )


def needtable(filter_string: str) -> str:
    return f':::{{needtable}}\n:filter: {filter_string}\n:columns: id;title;status\n:::\n'


WRITERS: dict[str, type[Writer]] = {
    'gov': GovWriter, 'plain': PlainWriter, 'bare': BareWriter, 'needs': NeedsWriter,
}
FLAVOURS = tuple(WRITERS)
#: the Sphinx extensions of each flavour, besides MyST
EXTENSIONS: dict[str, tuple[str, ...]] = {'gov': ('gov_provenance',), 'needs': ('sphinx_needs',)}


def group_anchor(principle: str, source: str) -> str:
    return f'gov-principle-{principle}-from-{source}'.lower()


def principle_link(principle: str) -> str:
    number = int(principle[1:])
    return f'{{ref}}`#{number} Principle {number} <gov-principle-{principle}>`'


def item(finding: Finding) -> str:
    return (f'- {{ref}}`{finding.id} <gov-finding-{finding.id}>` — {finding.summary} '
            f'{STATUS_LABELS[finding.status]}')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('outdir', type=Path)
    parser.add_argument('--n', type=int, default=1000, help='number of findings')
    parser.add_argument('--flavour', choices=FLAVOURS, default='gov')
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--csv-share', type=float, default=0.5,
                        help='share of finding pages imported from CSV (gov flavour)')
    parser.add_argument('--theme', default='alabaster')
    args = parser.parse_args()
    handbook = make_handbook(args.n, args.seed, args.csv_share)
    changed = write(handbook, args.outdir, args.flavour, args.theme)
    print(f'{len(changed)} files written to {args.outdir}')


if __name__ == '__main__':
    main()
