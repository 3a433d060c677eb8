"""The extension's wheel and sdist, as CI attaches them to each release (``make dist``),
hold what a partner needs: the modules (the export's schema among them, built by
``schema.py``), the Japanese catalogue, the stylesheet, ``py.typed`` and the licence
(``.ci/check_dist.py``)."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

REPOSITORY = Path(__file__).parent.parent
CHECK_DIST = REPOSITORY / '.ci' / 'check_dist.py'


def load_check_dist() -> ModuleType:
    spec = importlib.util.spec_from_file_location('check_dist', CHECK_DIST)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check_dist = load_check_dist()
NAME, VERSION = check_dist.project()
STEM = f'{NAME.replace("-", "_")}-{VERSION}'
#: what a partner's build cannot do without, named rather than derived
ESSENTIAL = ('locales/ja/LC_MESSAGES/gov_provenance.mo', 'static/gov-provenance.css',
             'schema.py', 'py.typed', '__init__.py')


def test_the_package_files_include_what_a_partner_needs() -> None:
    files = check_dist.package_files()
    assert set(ESSENTIAL) <= files
    assert not any('__pycache__' in file or file.endswith('.pyc') for file in files)


def fake_wheel(folder: Path, leave_out: str = '') -> Path:
    """A wheel of this version holding every file of the package but ``leave_out``."""
    wheel = folder / f'{STEM}-py3-none-any.whl'
    with zipfile.ZipFile(wheel, 'w') as archive:
        for file in check_dist.package_files() - {leave_out}:
            archive.writestr(f'gov_provenance/{file}', '')
        archive.writestr(f'{STEM}.dist-info/licenses/LICENSE', '')
        archive.writestr(f'{STEM}.dist-info/METADATA',
                         f'Metadata-Version: 2.4\nName: {NAME}\nVersion: {VERSION}\n')
    return wheel


def fake_sdist(folder: Path, leave_out: str = '') -> Path:
    sdist = folder / f'{STEM}.tar.gz'
    names = [f'extensions/gov_provenance/{file}' for file in check_dist.package_files()]
    names += ['LICENSE', 'README.md', 'pyproject.toml']
    empty = folder / 'empty'
    empty.write_bytes(b'')
    with tarfile.open(sdist, 'w:gz') as archive:
        for name in names:
            if name != leave_out:
                archive.add(empty, arcname=f'{STEM}/{name}')
    empty.unlink()
    return sdist


def test_complete_distributions_pass(tmp_path: Path) -> None:
    fake_wheel(tmp_path)
    fake_sdist(tmp_path)
    assert check_dist.check_folder(tmp_path) == []


@pytest.mark.parametrize('missing', ESSENTIAL)
def test_a_wheel_without_a_file_of_the_package_fails(tmp_path: Path, missing: str) -> None:
    wheel = fake_wheel(tmp_path, leave_out=missing)
    assert check_dist.wheel_problems(wheel) == [f'{wheel.name} lacks gov_provenance/{missing}']


@pytest.mark.parametrize('missing', ['LICENSE', 'extensions/gov_provenance/py.typed'])
def test_an_sdist_without_a_file_fails(tmp_path: Path, missing: str) -> None:
    sdist = fake_sdist(tmp_path, leave_out=missing)
    assert check_dist.sdist_problems(sdist) == [f'{sdist.name} lacks {missing}']


def test_a_folder_with_another_version_or_two_wheels_fails(tmp_path: Path) -> None:
    fake_wheel(tmp_path)
    (tmp_path / 'gov_provenance-0.0.1-py3-none-any.whl').write_bytes(b'')
    problems = check_dist.check_folder(tmp_path)
    assert any('should hold one wheel' in problem for problem in problems)
    assert any('should hold one sdist' in problem for problem in problems)


@pytest.mark.slow  # python -m build in an isolated environment, and a build with the wheel
def test_the_built_wheel_and_sdist_hold_the_package_and_work_installed(tmp_path: Path) -> None:
    dist = tmp_path / 'dist'
    subprocess.run([sys.executable, '-m', 'build', '--quiet', '--outdir', str(dist),
                    str(REPOSITORY)], check=True, capture_output=True, timeout=600)
    assert check_dist.check_folder(dist) == []
    wheel, sdist, _ = check_dist.distributions(dist)
    with zipfile.ZipFile(wheel) as archive:
        members = set(archive.namelist())
    assert {f'gov_provenance/{file}' for file in ESSENTIAL} <= members
    assert f'{STEM}.dist-info/licenses/LICENSE' in members
    # nothing of the handbook, its tests or its build tools
    assert all(member.startswith(('gov_provenance/', f'{STEM}.dist-info/'))
               for member in members), sorted(members)
    with tarfile.open(sdist) as tar:
        names = set(tar.getnames())
    assert f'{STEM}/extensions/gov_provenance/locales/ja/LC_MESSAGES/gov_provenance.mo' in names

    # installed apart from the repository (its dependencies are this environment's)
    target = tmp_path / 'installed'
    subprocess.run([sys.executable, '-m', 'pip', 'install', '--quiet', '--no-deps',
                    '--target', str(target), str(wheel)], check=True, capture_output=True)
    result = subprocess.run(
        [sys.executable, str(CHECK_DIST), '--installed'],
        capture_output=True, text=True, cwd=tmp_path, timeout=300, check=False,
        env={**os.environ, 'PYTHONPATH': str(target)},
    )
    assert result.returncode == 0, result.stderr
    assert 'installed, imports and builds a page in Japanese' in result.stdout


#: where a partner reads which wheel to install
INSTALL_DOCS = ('README.md', 'handbook/about/reuse.md', 'examples/partner/README.md')


@pytest.mark.parametrize('document', INSTALL_DOCS)
def test_the_docs_install_the_wheel_of_this_version(document: str) -> None:
    """The wheel a partner is told to install is the one the release attaches: raising
    the version means saying so where the wheel is named."""
    text = (REPOSITORY / document).read_text(encoding='utf-8')
    named = set(re.findall(r'gov_provenance-(\d+\.\d+\.\d+)-py3-none-any\.whl', text))
    assert named == {VERSION}, f'{document} names the wheel of {sorted(named)}, not {VERSION}'
