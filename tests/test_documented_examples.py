"""The documentation's examples, pasted into new projects, build strictly.

The README's example project and the reuse page's (``handbook/about/reuse.md``) mark
each of their blocks with a comment just before it, ``<!-- example docs: conf.py -->``:
the example's name, then the file the block is (a path in the project's source
directory), or ``install`` for the ``pip install`` commands that set the project up.
Each project is written to a temporary directory exactly as the documentation shows
it and built as ``sphinx-build -W -n`` builds it: without a single warning. Every
object it defines must then be on its page and in ``objects.inv``, and its install
command must install every extension and theme its ``conf.py`` loads.

The extension reference (``handbook/about/extension.md``) shows one directive at a
time, not a project: each of its examples that defines an object is built on a page
of its own, beside stand-ins for the objects it names, and must build as strictly.
"""

from __future__ import annotations

import ast
import csv
import importlib.util
import json
import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from common import build, strip_colors
from gov_provenance.model import OBJECT_TYPES
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from sphinx.testing.util import SphinxTestApp
from sphinx.util.inventory import InventoryFile

REPOSITORY = Path(__file__).parent.parent
README = REPOSITORY / 'README.md'
REUSE = REPOSITORY / 'handbook' / 'about' / 'reuse.md'
REFERENCE = REPOSITORY / 'handbook' / 'about' / 'extension.md'
CONTRIBUTING = REPOSITORY / 'CONTRIBUTING.md'
PARTNER_CONF = REPOSITORY / 'examples' / 'partner' / 'conf.py'
PROJECT = 'gov-provenance'
#: where the reuse page's example finds the handbook: its own build, offline
HANDBOOK_URL = 'https://example.invalid/tokyo-handbook/'

FENCE_OPEN = re.compile(r'^(?P<indent> *)(?P<fence>`{3,}|~{3,})(?P<info>[\w-]*)\s*$')
#: ``<!-- example NAME: FILE -->``, the line before a block of an example project
EXAMPLE_MARK = re.compile(r'^ *<!-- example (?P<name>[\w-]+): (?P<file>\S+) -->\s*$')
#: a directive that defines objects: (object type, argument)
OBJECT_DIRECTIVE = re.compile(r'^:{3,}\{gov:(?P<type>[a-z-]+)\} +(?P<argument>\S+)\s*$')
OPTION = re.compile(r'^:(?P<name>[\w-]+):(?:\s+(?P<value>.*))?$')
YAML_OPTION = re.compile(r'^(?P<name>[\w-]+):(?:\s+(?P<value>.*))?$')
ID_LIST = re.compile(r'[\s,、]+')
CITATION = re.compile(r'\{cite:\w+\}`([^`]+)`')
#: a role of the domain: (object type, inventory name or None, id)
GOV_ROLE = re.compile(
    r'\{(?:external\+(?P<external>\w+):)?gov:(?P<type>[\w-]+)\}'
    r'`(?:[^`<]*<)?(?:(?P<inventory>\w+):)?(?P<id>[^`>:]+)>?`'
)


@dataclass(frozen=True)
class Block:
    """A fenced code block of a Markdown document."""

    document: Path
    line: int  #: of the opening fence, 1-based
    info: str  #: the language after the fence
    text: str  #: the content, without the indentation of the fence
    mark: re.Match[str] | None  #: the example comment on the line before, if any

    @property
    def where(self) -> str:
        return f'{self.document.relative_to(REPOSITORY)}:{self.line}'


def blocks(document: Path) -> Iterator[Block]:
    lines = document.read_text(encoding='utf-8').splitlines()
    index = 0
    while index < len(lines):
        opening = FENCE_OPEN.match(lines[index])
        if opening is None:
            index += 1
            continue
        indent, fence = len(opening['indent']), opening['fence']
        end = next((i for i in range(index + 1, len(lines))
                    if lines[i].strip() == fence), len(lines))
        content = [line[indent:] if not line[:indent].strip() else line.lstrip()
                   for line in lines[index + 1:end]]
        mark = EXAMPLE_MARK.match(lines[index - 1]) if index else None
        yield Block(document, index + 1, opening['info'], '\n'.join(content) + '\n', mark)
        index = end + 1


def example_projects(document: Path) -> dict[str, dict[str, Block]]:
    """The marked blocks of a document: example name -> file -> block."""
    projects: dict[str, dict[str, Block]] = {}
    for block in blocks(document):
        if block.mark is not None:
            files = projects.setdefault(block.mark['name'], {})
            assert block.mark['file'] not in files, f'{block.where}: marked twice'
            files[block.mark['file']] = block
    return projects


def write_project(files: dict[str, Block], srcdir: Path) -> None:
    for name, block in files.items():
        if name != 'install':
            path = srcdir / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(block.text, encoding='utf-8')


def strict_build(srcdir: Path, builddir: Path, **confoverrides: object) -> SphinxTestApp:
    """Build as ``sphinx-build -W -n`` does, and fail on any warning."""
    app = build(srcdir, builddir, confoverrides={'nitpicky': True, **confoverrides})
    warnings = strip_colors(app.warning.getvalue())
    assert app.statuscode == 0 and not warnings, warnings
    return app


# -- what a page defines -------------------------------------------------------------


def directive_options(lines: list[str]) -> dict[str, str]:
    """The options under a directive's first line, as ``:name: value`` lines or a
    YAML block between ``---`` lines."""
    options = {}
    yaml = bool(lines) and lines[0].strip() == '---'
    for line in lines[1:] if yaml else lines:
        if yaml and line.strip() == '---':
            break
        if not (option := (YAML_OPTION if yaml else OPTION).match(line.strip())):
            break
        options[option['name']] = (option['value'] or '').strip()
    return options


def directives(page: str) -> Iterator[tuple[str, str, dict[str, str]]]:
    """``(object type, argument, options)`` of each object directive of a page."""
    lines = page.splitlines()
    for number, line in enumerate(lines):
        if match := OBJECT_DIRECTIVE.match(line):
            yield match['type'], match['argument'], directive_options(lines[number + 1:])


def csv_rows(path: Path, options: dict[str, str]) -> list[dict[str, str]]:
    encoding = options.get('encoding', 'utf-8-sig')
    delimiter = {'tab': '\t'}.get(options.get('delimiter', ','), options.get('delimiter', ','))
    with path.open(encoding=encoding, newline='') as rows:
        return list(csv.DictReader(rows, delimiter=delimiter))


#: the directives that import objects from a CSV file, and the type of their objects
IMPORTERS = {
    'findings-csv': lambda options: 'finding',
    'import-csv': lambda options: options['type'],
}


def defined_objects(srcdir: Path, page: str) -> dict[str, str]:
    """Every object a page defines, those imported from CSV files included: id -> type."""
    defined = {}
    for objtype, argument, options in directives((srcdir / page).read_text(encoding='utf-8')):
        if objtype == 'release':  # a release of the handbook, not an object of the domain
            continue
        if objtype not in IMPORTERS:
            defined[argument] = objtype
            continue
        csv_path = srcdir / Path(page).parent / argument
        prefix, column = options.get('id-prefix', ''), options.get('id-column', 'id')
        for row in csv_rows(csv_path, options):
            defined[prefix + row[column]] = IMPORTERS[objtype](options)
    return defined


def assert_built(app: SphinxTestApp, defined: dict[str, str]) -> None:
    """Each object is in ``objects.inv`` with its type, at an element of its page that
    shows its id."""
    inventory = InventoryFile.loads((app.outdir / 'objects.inv').read_bytes(), uri='')
    listed = {
        name: (objtype.removeprefix('gov:'), item.uri)
        for objtype, items in inventory.data.items() if objtype.startswith('gov:')
        for name, item in items.items()
    }
    assert {name: objtype for name, (objtype, _) in listed.items()} == defined
    for object_id, (_, uri) in listed.items():
        page, _, anchor = uri.partition('#')
        soup = BeautifulSoup((app.outdir / page).read_text(encoding='utf-8'), 'html.parser')
        element = soup.find(id=anchor)
        assert element is not None, f'{object_id}: {page} has no #{anchor}'
        assert object_id in element.get_text(), f'{object_id}: not shown at {uri}'


# -- what an install command installs ------------------------------------------------


def installed_extras(command: str) -> Iterator[frozenset[str]]:
    """The extras of this project each ``pip install`` line of ``command`` names."""
    for line in command.splitlines():
        words = shlex.split(line, comments=True)
        if words[:2] != ['pip', 'install']:
            continue
        targets = [word for word in words[2:] if not word.startswith('-')]
        assert len(targets) == 1, f'one thing to install: {line}'
        target = targets[0]
        if '@' in target or not target.startswith(('.', '/')):
            requirement = Requirement(target)
            assert canonicalize_name(requirement.name) == PROJECT, line
            yield frozenset(requirement.extras)
        else:  # a local clone: a path, with its extras
            extras = re.search(r'\[([\w,-]*)\]$', target)
            yield frozenset(extras[1].split(',') if extras else ())


def distributions(extras: frozenset[str]) -> set[str]:
    """The distributions ``pip install gov-provenance[extras]`` installs, read from
    the metadata of the installed ones."""
    seen: set[tuple[str, frozenset[str]]] = set()
    pending = [(PROJECT, extras)]
    while pending:
        name, wanted = pending.pop()
        if (canonicalize_name(name), wanted) in seen:
            continue
        seen.add((canonicalize_name(name), wanted))
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        for line in requires:
            requirement = Requirement(line)
            marker = requirement.marker
            if marker is None or any(marker.evaluate({'extra': extra})
                                     for extra in wanted | {''}):
                pending.append((requirement.name, frozenset(requirement.extras)))
    return {name for name, _ in seen}


def distribution_of(module: str) -> str:
    """The installed distribution a module comes from."""
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin, f'{module} is not installed here'
    origin = Path(spec.origin).resolve()
    top = module.partition('.')[0]
    for name in metadata.packages_distributions().get(top, []):
        if any(Path(str(file.locate())).resolve() == origin
               for file in metadata.files(name) or []):
            return canonicalize_name(name)
    return canonicalize_name(top)  # this project, installed editable


def loaded_modules(conf: str) -> list[str]:
    """The extensions and the theme a ``conf.py`` names."""
    found: list[str] = []
    for statement in ast.parse(conf).body:
        if isinstance(statement, ast.Assign) and isinstance(statement.targets[0], ast.Name):
            name = statement.targets[0].id
            if name == 'extensions':
                found += ast.literal_eval(statement.value)
            elif name == 'html_theme':
                found.append(ast.literal_eval(statement.value))
    assert found, 'conf.py names no extension'
    return found


def assert_installs(install: Block, conf: str) -> None:
    needed = {module: distribution_of(module) for module in loaded_modules(conf)}
    commands = list(installed_extras(install.text))
    assert commands, f'{install.where}: no pip install'
    for extras in commands:
        installed = distributions(extras)
        missing = {module for module, dist in needed.items() if dist not in installed}
        assert not missing, (
            f'{install.where}: gov-provenance[{",".join(sorted(extras))}] does not install '
            f'what conf.py loads: {sorted(missing)}'
        )


# -- the README ----------------------------------------------------------------------


@pytest.fixture(scope='module')
def readme_example() -> dict[str, Block]:
    projects = example_projects(README)
    assert list(projects) == ['docs']
    return projects['docs']


def test_the_readme_example_is_a_whole_project(readme_example: dict[str, Block]) -> None:
    assert set(readme_example) >= {'install', 'conf.py', 'index.md'}
    for directive in directives(readme_example['index.md'].text):
        if directive[0] in IMPORTERS:
            assert directive[1] in readme_example, f'the example shows no {directive[1]}'


def test_the_readme_example_builds_strictly(
    readme_example: dict[str, Block], tmp_path: Path
) -> None:
    srcdir = tmp_path / 'docs'
    write_project(readme_example, srcdir)
    app = strict_build(srcdir, tmp_path / 'build')

    defined = defined_objects(srcdir, 'index.md')
    assert len(defined) >= 5
    # a partner's records carry a prefix of its own, never the handbook's ids
    assert all(object_id.startswith('EX-') for object_id in defined)
    assert_built(app, defined)


def test_the_readme_example_links_both_ways(
    readme_example: dict[str, Block], tmp_path: Path
) -> None:
    """What the README says of its example: the principle is shaped by the opinion and
    by each answer of the CSV file."""
    srcdir = tmp_path / 'docs'
    write_project(readme_example, srcdir)
    app = strict_build(srcdir, tmp_path / 'build')
    export = json.loads((app.outdir / 'provenance.json').read_text(encoding='utf-8'))
    principle = next(obj for obj in export['objects'] if obj['type'] == 'principle')
    shaping = {object_id for object_id, objtype in defined_objects(srcdir, 'index.md').items()
               if objtype in {'opinion', 'finding'}}
    assert set(principle['relations']['shaped-by']) == shaping
    assert any(object_id.startswith('EX-SRC-SURVEY-') for object_id in shaping)


def test_the_readme_install_provides_what_its_conf_loads(
    readme_example: dict[str, Block],
) -> None:
    assert_installs(readme_example['install'], readme_example['conf.py'].text)
    assert any(extras == frozenset({'myst'})
               for extras in installed_extras(readme_example['install'].text))
    # from the repository, and from a local clone
    assert 'git+https://' in readme_example['install'].text
    assert "pip install -e '/" in readme_example['install'].text


# -- the reuse page ------------------------------------------------------------------


@pytest.fixture(scope='module')
def reuse_examples() -> dict[str, dict[str, Block]]:
    projects = example_projects(REUSE)
    assert set(projects) == {'docs', 'chapter'}
    return projects


def test_the_reuse_page_install_provides_what_its_conf_loads(
    reuse_examples: dict[str, dict[str, Block]],
) -> None:
    example = reuse_examples['docs']
    assert_installs(example['install'], example['conf.py'].text)


def test_the_chapter_kit_install_provides_what_the_partner_example_loads(
    reuse_examples: dict[str, dict[str, Block]],
) -> None:
    assert_installs(reuse_examples['chapter']['install'],
                    PARTNER_CONF.read_text(encoding='utf-8'))


def test_the_reuse_page_example_links_to_the_handbook(
    reuse_examples: dict[str, dict[str, Block]], handbook_html: Path, tmp_path: Path
) -> None:
    """Built against the ``objects.inv`` of this handbook, its links lead to the objects
    it names there. The mapping's URL is the one thing the page asks to fill in."""
    example = reuse_examples['docs']
    srcdir = tmp_path / 'docs'
    write_project(example, srcdir)
    mapping = {'tokyo': (HANDBOOK_URL, str(handbook_html / 'objects.inv'))}
    app = strict_build(srcdir, tmp_path / 'build', intersphinx_mapping=mapping)

    inventory = InventoryFile.loads((handbook_html / 'objects.inv').read_bytes(),
                                    uri=HANDBOOK_URL)
    roles = list(GOV_ROLE.finditer(example['index.md'].text))
    assert roles
    soup = BeautifulSoup((app.outdir / 'index.html').read_text(encoding='utf-8'),
                         'html.parser')
    hrefs = {a['href'] for a in soup.find_all('a', href=True)}
    for role in roles:
        assert 'tokyo' in (role['external'], role['inventory']), role[0]
        assert inventory.data[f'gov:{role["type"]}'][role['id']].uri in hrefs, role[0]


# -- the extension reference ---------------------------------------------------------

#: an option that names another object, and the type of a stand-in for it (a revision's
#: :because: may name any evidence, of which a source is one)
NAMED_BY = {
    'principle': 'principle', 'shapes': 'principle', 'implements': 'principle',
    'meeting': 'meeting', 'source': 'source', 'because': 'source',
    'working-group': 'working-group',
}
STAND_IN = {
    'principle': ':::{{gov:principle}} {id}\n:number: {number}\n:label: {id}\n:::\n',
    'meeting': ':::{{gov:meeting}} {id}\n:number: {number}\n:date: 2000-01-01\n:::\n',
    'source': ':::{{gov:source}} {id}\n:kind: other\n:::\n',
    'working-group': ':::{{gov:working-group}} {id}\n:title: {id}\n:::\n',
}
REFERENCE_CONF = """\
extensions = ['myst_parser', 'sphinxcontrib.bibtex', 'gov_provenance']
myst_enable_extensions = ['colon_fence']
language = 'ja'
bibtex_bibfiles = ['references.bib']
# one directive is not a handbook: that a principle has no evidence, or a source
# shapes no principle, is a matter of the whole, not of the example
suppress_warnings = ['gov.no-evidence', 'gov.unused-evidence']
"""
EXAMPLE_PAGE = '# Example\n\n{example}\n```{{toctree}}\n:hidden:\n\nstand-ins\n```\n'
STAND_INS_PAGE = '# Stand-ins\n\n{stand_ins}\n```{{bibliography}}\n```\n'


def reference_examples(document: Path = REFERENCE) -> list[tuple[Block, Block | None]]:
    """Each block of the reference that defines objects, with the CSV file before it
    for one that imports one."""
    found: list[tuple[Block, Block | None]] = []
    previous: Block | None = None
    for block in blocks(document):
        first = block.text.partition('\n')[0]
        if block.info == 'markdown' and (match := OBJECT_DIRECTIVE.match(first)):
            data = previous if match['type'] in IMPORTERS else None
            assert data is None or data.info == 'text', \
                f'{block.where}: the CSV file it imports is not shown just before it'
            found.append((block, data))
        previous = block
    return found


def object_type(example: Block) -> str:
    match = OBJECT_DIRECTIVE.match(example.text.partition('\n')[0])
    assert match is not None
    return match['type']


def named_ids(srcdir: Path, example: str) -> dict[str, str]:
    """The ids an example names in options (and in its CSV file's shapes): id -> the
    type of its stand-in."""
    named: dict[str, str] = {}
    for objtype, argument, options in directives(example):
        for option, value in options.items():
            if option in NAMED_BY:
                named |= dict.fromkeys(filter(None, ID_LIST.split(value)), NAMED_BY[option])
        if objtype not in IMPORTERS:
            continue
        for row in csv_rows(srcdir / argument, options):
            for option, stand_in in NAMED_BY.items():
                if objtype == 'findings-csv' and option != 'shapes':
                    continue  # it reads no other column unless told
                column = options.get(f'{option}-column', option)
                named |= dict.fromkeys(filter(None, ID_LIST.split(row.get(column) or '')),
                                       stand_in)
    return named


@pytest.mark.parametrize(('example', 'data'), [
    pytest.param(example, data, id=example.where) for example, data in reference_examples()
])
def test_a_reference_example_builds_strictly(
    example: Block, data: Block | None, tmp_path: Path
) -> None:
    build_example(example, data, tmp_path)


def test_the_contributing_guide_csv_example_builds_strictly(tmp_path: Path) -> None:
    """The guide's other examples hold placeholders (``YYYY-MM-DD``); its CSV import is
    whole, and built as the reference's are."""
    imports = [(example, data) for example, data in reference_examples(CONTRIBUTING)
               if data is not None]
    assert imports, 'CONTRIBUTING.md shows no CSV import'
    for number, (example, data) in enumerate(imports):
        build_example(example, data, tmp_path / str(number))


def build_example(example: Block, data: Block | None, tmp_path: Path) -> None:
    """Build one example on a page of its own, beside stand-ins for what it names."""
    srcdir = tmp_path / 'src'
    srcdir.mkdir(parents=True)
    if data is not None:
        [(_, path, _)] = directives(example.text)
        (srcdir / path).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / path).write_text(data.text, encoding='utf-8')
    (srcdir / 'index.md').write_text(EXAMPLE_PAGE.format(example=example.text),
                                     encoding='utf-8')
    defined = defined_objects(srcdir, 'index.md')
    absent = {object_id: objtype for object_id, objtype in named_ids(srcdir, example.text).items()
              if object_id not in defined}
    stand_ins = ''.join(STAND_IN[objtype].format(id=object_id, number=900 + number)
                        for number, (object_id, objtype) in enumerate(sorted(absent.items())))
    (srcdir / 'stand-ins.md').write_text(STAND_INS_PAGE.format(stand_ins=stand_ins),
                                         encoding='utf-8')
    (srcdir / 'references.bib').write_text(''.join(
        f'@misc{{{key}, title = {{An example}}, year = {{2022}}}}\n'
        for key in sorted(set(CITATION.findall(example.text)))
    ), encoding='utf-8')
    (srcdir / 'conf.py').write_text(REFERENCE_CONF, encoding='utf-8')

    app = strict_build(srcdir, tmp_path / 'build')
    releases = re.findall(r'^:::\{gov:release\} (\S+)$', example.text, re.MULTILINE)
    assert defined or releases
    assert_built(app, defined | absent)
    index = (app.outdir / 'index.html').read_text(encoding='utf-8')
    for version in releases:
        assert f'id="release-{version.replace(".", "-")}"' in index


def test_every_object_type_has_a_reference_example() -> None:
    """Each object type of the model, and each CSV import, is shown
    by an example of the reference that the test above builds."""
    shown = {object_type(example) for example, _ in reference_examples()}
    assert set(OBJECT_TYPES) - shown == set()
    assert set(IMPORTERS) <= shown

