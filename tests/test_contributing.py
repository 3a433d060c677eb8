"""What contributors rely on outside the handbook: CI mirrors the local checks, and the
templates GitHub reads are well formed."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

REPOSITORY = Path(__file__).parent.parent
GITHUB = REPOSITORY / '.github'


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding='utf-8'))


CI = GITHUB / 'workflows' / 'ci.yml'


def check_steps() -> list[dict[str, Any]]:
    """The steps of CI's job that runs the checks (the other jobs build the extension's
    distributions, publish and release)."""
    steps: list[dict[str, Any]] = load(CI)['jobs']['check']['steps']
    return steps


def test_ci_runs_on_pull_requests_and_main() -> None:
    # YAML 1.1 reads the key ``on`` as True
    triggers = load(CI).get('on', load(CI).get(True))
    assert 'pull_request' in triggers
    assert triggers['push']['branches'] == ['main']


def test_ci_runs_what_contributors_run_and_keeps_the_site() -> None:
    steps = check_steps()
    assert next(step['run'] for step in steps if 'run' in step) == 'bash .ci/run'
    uploads = [step for step in steps if str(step.get('uses', '')).startswith(
        'actions/upload-artifact@')]
    assert '_build/html' in [step['with']['path'] for step in uploads]
    setup = [step for step in steps if str(step.get('uses', '')).startswith(
        'actions/setup-python@')]
    assert [step['with']['python-version'] for step in setup] == ['3.11']
    assert (REPOSITORY / '.ci' / 'run').is_file()


ISSUE_FORMS = sorted(path.name for path in (GITHUB / 'ISSUE_TEMPLATE').glob('*.yml')
                     if path.name != 'config.yml')


@pytest.mark.parametrize('name', ISSUE_FORMS)
def test_issue_forms_are_well_formed(name: str) -> None:
    form = load(GITHUB / 'ISSUE_TEMPLATE' / name)
    assert form['name'] and form['description']
    # Japanese first, for the staff who report
    assert re.match(r'[\u3040-\u30ff\u4e00-\u9fff]', form['name']), form['name']
    ids = [item['id'] for item in form['body'] if item['type'] != 'markdown']
    assert len(ids) == len(set(ids)), f'{name}: duplicate field ids'
    for item in form['body']:
        assert item['type'] in {'markdown', 'input', 'textarea', 'dropdown', 'checkboxes'}
        assert item['attributes'], item


def test_every_issue_starts_from_a_form() -> None:
    """The 「課題を報告」 button opens the choice of forms (conf.py); a blank issue,
    in English and without the page or the sources, is not offered."""
    config = load(GITHUB / 'ISSUE_TEMPLATE' / 'config.yml')
    assert config['blank_issues_enabled'] is False
    assert {'content-change.yml', 'new-evidence.yml', 'site-problem.yml'} <= set(ISSUE_FORMS)


def gap_phrase(text: str, where: str) -> str:
    found = re.findall(r'記載のないことは[^「]*「([^」]+)」', text)
    assert len(found) == 1, f'{where} should name the gap phrase once, found {found}'
    return found[0]


def test_the_pull_request_template_asks_for_the_gap_phrase_of_the_guide() -> None:
    guide = gap_phrase((REPOSITORY / 'CONTRIBUTING.md').read_text(encoding='utf-8'),
                       'CONTRIBUTING.md')
    template = gap_phrase((GITHUB / 'pull_request_template.md').read_text(encoding='utf-8'),
                          'the pull request template')
    assert template == guide == '出典資料に記載なし'


# -- Windows staff: the devcontainer ------------------------------------------------------

SYSTEM_PACKAGES = REPOSITORY / '.ci' / 'install-system-packages'


def test_the_devcontainer_installs_what_ci_installs() -> None:
    """A Debian with Python 3.11 (what CI runs), set up by the project's own steps: the
    system's packages of .ci/run, then every extra and node package (make setup)."""
    container = json.loads((REPOSITORY / '.devcontainer' / 'devcontainer.json').read_text(
        encoding='utf-8'))
    image = container['image']
    assert image.startswith('mcr.microsoft.com/devcontainers/python:')
    assert image.endswith('-3.11-bookworm'), image
    assert container['postCreateCommand'] == 'bash .ci/install-system-packages && make setup'
    # make serve's port, forwarded to the PC's browser
    assert 8000 in container['forwardPorts']
    assert 'bash .ci/install-system-packages' in (REPOSITORY / '.ci' / 'run').read_text(
        encoding='utf-8')


def test_the_system_packages_are_those_make_check_needs() -> None:
    script = SYSTEM_PACKAGES.read_text(encoding='utf-8')
    for package in ('chromium', 'default-jre-headless', 'npm', 'fonts-noto-cjk', 'git'):
        assert f'missing+=({package})' in script, package
    makefile = (REPOSITORY / 'Makefile').read_text(encoding='utf-8')
    setup = re.search(r'^setup:(.*?)\n\n', makefile, re.MULTILINE | re.DOTALL)
    assert setup is not None, 'the Makefile has no setup target'
    for extra in ('test', 'check', 'serve', 'lint'):
        assert f'$(call installed,{extra})' in setup[1], extra
    assert '$(NODE_STAMP)' in setup[1]


def test_scripts_keep_lf_line_endings_on_windows() -> None:
    """Git for Windows would check the scripts out with CRLF, which bash in the
    devcontainer cannot run; CSV data keeps the bytes the tests read."""
    attributes = (REPOSITORY / '.gitattributes').read_text(encoding='utf-8').splitlines()
    assert '* text=auto eol=lf' in attributes
    assert '*.csv -text' in attributes


def test_codeowners_paths_exist() -> None:
    for line in (GITHUB / 'CODEOWNERS').read_text(encoding='utf-8').splitlines():
        if line.strip() and not line.startswith('#'):
            pattern, *owners = line.split()
            assert owners, line
            if pattern != '*':
                assert (REPOSITORY / pattern.strip('/')).exists(), pattern
