"""What contributors rely on outside the handbook: CI mirrors the local checks, and the
templates GitHub reads are well formed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

REPOSITORY = Path(__file__).parent.parent
GITHUB = REPOSITORY / '.github'


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding='utf-8'))


def workflow_steps() -> list[dict[str, Any]]:
    steps = []
    for path in sorted((GITHUB / 'workflows').glob('*.yml')):
        for job in load(path)['jobs'].values():
            steps += job['steps']
    return steps


def test_ci_runs_on_pull_requests_and_main() -> None:
    for path in sorted((GITHUB / 'workflows').glob('*.yml')):
        # YAML 1.1 reads the key ``on`` as True
        triggers = load(path).get('on', load(path).get(True))
        assert 'pull_request' in triggers, path.name
        assert triggers['push']['branches'] == ['main'], path.name


def test_ci_runs_what_contributors_run_and_keeps_the_site() -> None:
    steps = workflow_steps()
    assert next(step['run'] for step in steps if 'run' in step) == 'bash .ci/run'
    uploads = [step for step in steps if str(step.get('uses', '')).startswith(
        'actions/upload-artifact@')]
    assert '_build/html' in [step['with']['path'] for step in uploads]
    setup = [step for step in steps if str(step.get('uses', '')).startswith(
        'actions/setup-python@')]
    assert [step['with']['python-version'] for step in setup] == ['3.11']
    assert (REPOSITORY / '.ci' / 'run').is_file()


@pytest.mark.parametrize('name', ['content-change.yml', 'new-evidence.yml'])
def test_issue_forms_are_well_formed(name: str) -> None:
    form = load(GITHUB / 'ISSUE_TEMPLATE' / name)
    assert form['name'] and form['description']
    ids = [item['id'] for item in form['body'] if item['type'] != 'markdown']
    assert len(ids) == len(set(ids)), f'{name}: duplicate field ids'
    for item in form['body']:
        assert item['type'] in {'markdown', 'input', 'textarea', 'dropdown', 'checkboxes'}
        assert item['attributes'], item


def test_codeowners_paths_exist() -> None:
    for line in (GITHUB / 'CODEOWNERS').read_text(encoding='utf-8').splitlines():
        if line.strip() and not line.startswith('#'):
            pattern, *owners = line.split()
            assert owners, line
            if pattern != '*':
                assert (REPOSITORY / pattern.strip('/')).exists(), pattern
