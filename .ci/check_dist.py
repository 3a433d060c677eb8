"""Check the extension's distributions before they are attached to a release.

    python .ci/check_dist.py dist/       # the wheel and the sdist that `make dist` built
    python .ci/check_dist.py --installed # the package as installed (in a fresh venv)

The first form checks that ``dist/`` holds one wheel and one sdist of the version in
``pyproject.toml``, and that each holds every file of the package as the repository
has it (modules, the compiled ``.mo`` catalogues and their ``.po``, the stylesheet,
``py.typed``) and the licence. The second imports the installed package, from outside
this repository, and builds a small Sphinx project in Japanese with it: the labels come
from its catalogue, the page links its stylesheet and the export carries its schema
(built from the modules). Standard library only, besides Sphinx for the build.
"""

from __future__ import annotations

import argparse
import email.parser
import importlib
import sys
import tarfile
import tempfile
import tomllib
import zipfile
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
PACKAGE = 'gov_provenance'
SOURCE = REPOSITORY / 'extensions' / PACKAGE
LICENCE = 'LICENSE'

#: a page with one record, in reStructuredText: the bare extension reads it
PAGE = """\
試験
====

.. gov:principle:: EX-P1
   :number: 1
   :label: 利用者視点
   :title: 利用者の視点で手続きを見直そう
   :status: draft
   :gap: 試験のためのページです。

   本文。
"""
#: what the page shows only if the extension found its Japanese catalogue
JAPANESE_LABELS = ('原則', '案')


def project() -> tuple[str, str]:
    """The distribution's name and version, from pyproject.toml."""
    with (REPOSITORY / 'pyproject.toml').open('rb') as file:
        metadata = tomllib.load(file)['project']
    return metadata['name'], metadata['version']


def package_files() -> set[str]:
    """Every file of the package in the repository, relative to the package."""
    return {path.relative_to(SOURCE).as_posix() for path in SOURCE.rglob('*')
            if path.is_file() and '__pycache__' not in path.parts}


def distributions(folder: Path) -> tuple[Path | None, Path | None, list[str]]:
    """The wheel and the sdist of this version in ``folder``, and what is wrong."""
    name, version = project()
    stem = f'{name.replace("-", "_")}-{version}'
    wheels = sorted(folder.glob('*.whl'))
    sdists = sorted(folder.glob('*.tar.gz'))
    problems = []
    if [path.name for path in wheels] != [f'{stem}-py3-none-any.whl']:
        problems.append(f'{folder} should hold one wheel, {stem}-py3-none-any.whl; '
                        f'it holds {[path.name for path in wheels]}')
    if [path.name for path in sdists] != [f'{stem}.tar.gz']:
        problems.append(f'{folder} should hold one sdist, {stem}.tar.gz; '
                        f'it holds {[path.name for path in sdists]}')
    return (wheels[0] if len(wheels) == 1 else None,
            sdists[0] if len(sdists) == 1 else None, problems)


def wheel_problems(wheel: Path) -> list[str]:
    name, version = project()
    with zipfile.ZipFile(wheel) as archive:
        members = set(archive.namelist())
        info = f'{name.replace("-", "_")}-{version}.dist-info'
        metadata = email.parser.Parser().parsestr(
            archive.read(f'{info}/METADATA').decode('utf-8')
        ) if f'{info}/METADATA' in members else None
    problems = [f'{wheel.name} lacks {PACKAGE}/{file}'
                for file in sorted(package_files()) if f'{PACKAGE}/{file}' not in members]
    if f'{info}/licenses/{LICENCE}' not in members:
        problems.append(f'{wheel.name} lacks the licence ({info}/licenses/{LICENCE})')
    if metadata is None:
        problems.append(f'{wheel.name} has no {info}/METADATA')
    elif (metadata['Name'], metadata['Version']) != (name, version):
        problems.append(f'{wheel.name} says it is {metadata["Name"]} {metadata["Version"]}')
    return problems


def sdist_problems(sdist: Path) -> list[str]:
    name, version = project()
    top = f'{name.replace("-", "_")}-{version}'
    with tarfile.open(sdist) as archive:
        members = set(archive.getnames())
    wanted = [f'extensions/{PACKAGE}/{file}' for file in sorted(package_files())]
    wanted += [LICENCE, 'README.md', 'pyproject.toml']
    return [f'{sdist.name} lacks {file}' for file in wanted if f'{top}/{file}' not in members]


def check_folder(folder: Path) -> list[str]:
    wheel, sdist, problems = distributions(folder)
    if wheel is not None:
        problems += wheel_problems(wheel)
    if sdist is not None:
        problems += sdist_problems(sdist)
    return problems


# -- the package as installed ----------------------------------------------------------


def installed_problems() -> list[str]:
    """Import the installed package and build a page in Japanese with it."""
    # an editable install of the repository puts its folder on the path: not this
    sys.path[:] = [entry for entry in sys.path if Path(entry or '.').resolve() != SOURCE.parent]
    try:
        package = importlib.import_module(PACKAGE)
    except ImportError as error:
        return [f'{PACKAGE} is not installed here ({error}): install the wheel first']
    installed = Path(package.__file__ or '').parent
    if installed.resolve() == SOURCE.resolve():
        return [f'{PACKAGE} was imported from the repository ({installed}), not as installed']
    problems = [f'the installed package lacks {file}' for file in sorted(package_files())
                if not (installed / file).is_file()]
    return problems + build_problems()


def build_problems() -> list[str]:
    from sphinx.cmd.build import build_main

    with tempfile.TemporaryDirectory() as folder:
        srcdir, outdir = Path(folder) / 'src', Path(folder) / 'html'
        srcdir.mkdir()
        (srcdir / 'conf.py').write_text(
            f"extensions = [{PACKAGE!r}]\nlanguage = 'ja'\n", encoding='utf-8')
        (srcdir / 'index.rst').write_text(PAGE, encoding='utf-8')
        if build_main(['-W', '-q', '-b', 'html', str(srcdir), str(outdir)]) != 0:
            return ['a small project did not build with the installed package']
        page = (outdir / 'index.html').read_text(encoding='utf-8')
        problems = [f'the page lacks the Japanese label {label!r}: is the catalogue installed?'
                    for label in JAPANESE_LABELS if label not in page]
        if 'gov-provenance.css' not in page or not (outdir / '_static' /
                                                   'gov-provenance.css').is_file():
            problems.append('the page lacks the extension\'s stylesheet')
        if not (outdir / 'provenance.schema.json').is_file():
            problems.append('the export lacks its JSON Schema')
        return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument('folder', nargs='?', type=Path, help='where make dist wrote them')
    where.add_argument('--installed', action='store_true',
                       help='check the installed package instead')
    args = parser.parse_args()
    problems = installed_problems() if args.installed else check_folder(args.folder)
    for problem in problems:
        print(f'check_dist: {problem}', file=sys.stderr)
    if problems:
        raise SystemExit(1)
    name, version = project()
    print(f'check_dist: {name} {version}: '
          + ('installed, imports and builds a page in Japanese' if args.installed
             else f'the wheel and the sdist in {args.folder} hold all '
                  f'{len(package_files())} files of the package and the licence'))


if __name__ == '__main__':
    main()
