"""What publishing needs of the built handbook: sitemap.xml, descriptions and link
previews, and the deploy workflow."""

from __future__ import annotations

import importlib.util
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from defusedxml import ElementTree

REPOSITORY = Path(__file__).parent.parent
#: conf.py's html_baseurl, which a deploying office may set through the environment
SITE_BASE = (os.environ.get('HANDBOOK_BASE_URL')
             or 'https://tokyo-digital-service-handbook.github.io/handbook/').rstrip('/') + '/'
SITEMAP = '{http://www.sitemaps.org/schemas/sitemap/0.9}'
WORKFLOWS = REPOSITORY / '.github' / 'workflows'


def built_pages(handbook_html: Path) -> list[str]:
    """Every page of the site, as a path from its root; the search page is a tool."""
    return sorted(
        path.relative_to(handbook_html).as_posix() for path in handbook_html.rglob('*.html')
        if path.parts[len(handbook_html.parts)] not in {'_static', '_sources', 'pagefind'}
        and path.name != 'search.html'
    )


def soup_of(handbook_html: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((handbook_html / page).read_text(encoding='utf-8'), 'html.parser')


def meta(soup: BeautifulSoup, **attrs: str) -> str:
    tag = soup.find('meta', attrs=attrs)
    assert tag is not None, attrs
    return str(tag['content'])


def test_the_sitemap_lists_every_page_with_its_absolute_address(handbook_html: Path) -> None:
    root = ElementTree.fromstring((handbook_html / 'sitemap.xml').read_bytes())
    locations = [loc.text or '' for loc in root.iter(f'{SITEMAP}loc')]
    assert len(locations) == len(set(locations))
    assert sorted(locations) == [SITE_BASE + page for page in built_pages(handbook_html)]


def test_every_page_has_a_description_and_a_preview(handbook_html: Path) -> None:
    sources = {path.relative_to(REPOSITORY / 'handbook').with_suffix('.html').as_posix()
               for path in (REPOSITORY / 'handbook').rglob('*.md')}
    for page in built_pages(handbook_html):
        soup = soup_of(handbook_html, page)
        description = meta(soup, name='description')
        assert description.strip(), page
        assert len(soup.find_all('meta', attrs={'name': 'description'})) == 1, page
        if page not in sources:
            # a generated page (an index): described by its title and the site's name
            assert description.endswith('東京デジタルサービス会議 ハンドブック'), page
            continue
        assert meta(soup, property='og:description') == description, page
        assert meta(soup, property='og:title').strip(), page
        assert meta(soup, property='og:url') == SITE_BASE + page
        # no image is drawn or fetched while building
        assert soup.find('meta', property='og:image') is None, page


def test_a_principle_is_described_by_its_summary_and_a_meeting_by_its_agenda(
        handbook_html: Path) -> None:
    export = json.loads((handbook_html / 'provenance.json').read_text('utf-8'))
    [principle] = [obj for obj in export['objects'] if obj['id'] == 'P03']
    soup = soup_of(handbook_html, 'principles/p03.html')
    assert meta(soup, name='description') == principle['summary']
    assert meta(soup, property='og:title') == (
        '#3 アクセシビリティ — 誰ひとり取り残されないようにしよう（推定）')
    meeting = meta(soup_of(handbook_html, 'meetings/m03.html'), name='description')
    assert meeting == ('第3回会議（2022年1月24日）の議題：'
                       '行動規範の策定状況（資料1 行動規範の策定状況）、'
                       'ワーキング・グループの活動状況（資料2 WG検討状況）')


def test_every_page_names_its_canonical_address(handbook_html: Path) -> None:
    for page in built_pages(handbook_html):
        link = soup_of(handbook_html, page).find('link', rel='canonical')
        assert link is not None and link['href'] == SITE_BASE + page, page


# -- the deploy workflow ---------------------------------------------------------


def workflow(name: str) -> dict[Any, Any]:
    loaded = yaml.safe_load((WORKFLOWS / name).read_text(encoding='utf-8'))
    assert isinstance(loaded, dict)
    # YAML 1.1 reads the key `on` as true
    loaded['on'] = loaded.pop(True, loaded.get('on'))
    return loaded


def steps_using(job: dict[str, Any], action: str) -> list[dict[str, Any]]:
    return [step for step in job['steps'] if str(step.get('uses', '')).startswith(f'{action}@')]


def test_the_workflow_publishes_main_after_the_checks() -> None:
    ci = workflow('ci.yml')
    assert ci['on']['push']['branches'] == ['main']
    assert 'pull_request' in ci['on']
    # least permissions: the workflow reads; only the deploy job may write to Pages
    assert ci['permissions'] == {'contents': 'read'}
    check, deploy = ci['jobs']['check'], ci['jobs']['deploy']
    assert deploy['needs'] == 'check'
    assert deploy['permissions'] == {'pages': 'write', 'id-token': 'write'}
    assert deploy['if'] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert deploy['environment']['name'] == 'github-pages'
    assert deploy['environment']['url'] == '${{ steps.deployment.outputs.page_url }}'
    [deployment] = steps_using(deploy, 'actions/deploy-pages')
    assert deployment['id'] == 'deployment'
    # the site is built by the checks and uploaded only when they pass
    [run] = [step for step in check['steps'] if step.get('run') == 'bash .ci/run']
    [upload] = steps_using(check, 'actions/upload-pages-artifact')
    assert check['steps'].index(upload) > check['steps'].index(run)
    assert upload['with']['path'] == '_build/html'
    # an `if:` without a status function runs only when every step before succeeded
    condition = upload.get('if', '')
    assert not any(status in condition for status in ('always()', 'cancelled()', 'failure()'))
    assert "github.ref == 'refs/heads/main'" in condition


def test_the_workflow_keeps_a_preview_of_a_pull_request_and_links_it() -> None:
    check = workflow('ci.yml')['jobs']['check']
    [preview] = [step for step in steps_using(check, 'actions/upload-artifact')
                 if step.get('id') == 'preview']
    assert preview['with']['path'] == '_build/html'
    [summary] = [step for step in check['steps'] if 'GITHUB_STEP_SUMMARY' in step.get('run', '')
                 and 'PREVIEW_URL' in step.get('env', {})]
    # the address comes in through the environment, never pasted into the script
    assert summary['env']['PREVIEW_URL'] == '${{ steps.preview.outputs.artifact-url }}'
    assert '$PREVIEW_URL' in summary['run'] and '${{' not in summary['run']


def test_a_pull_request_shows_what_it_changes_in_the_provenance() -> None:
    """The base branch is built and its export compared with the head's, into the run's
    summary and an artifact, on every pull request, whether or not a check failed."""
    check = workflow('ci.yml')['jobs']['check']
    steps = check['steps']
    [build] = [step for step in steps if 'make html' in step.get('run', '')]
    [compare] = [step for step in steps if '.ci/provenance-diff' in step.get('run', '')]
    assert steps.index(compare) > steps.index(build)
    for condition in ("github.event_name == 'pull_request'", '!cancelled()'):
        assert condition in compare['if']
    # the base commit comes in through the environment, never pasted into the script
    assert compare['env']['BASE_SHA'] == '${{ github.event.pull_request.base.sha }}'
    assert '"$BASE_SHA"' in compare['run'] and '${{' not in compare['run']
    assert '>> "$GITHUB_STEP_SUMMARY"' in compare['run']
    [kept] = [step for step in steps_using(check, 'actions/upload-artifact')
              if step['with']['name'] == 'provenance-diff']
    assert steps.index(kept) > steps.index(compare)
    assert kept['with']['path'] == '_build/provenance-diff.md'
    assert kept['with']['path'] in compare['run']
    assert "github.event_name == 'pull_request'" in kept['if'] and '!cancelled()' in kept['if']
    # nothing more than reading: the workflow's permissions, none of the job's own
    assert 'permissions' not in check


def test_the_provenance_script_builds_the_base_apart_and_compares_the_exports() -> None:
    script = REPOSITORY / '.ci' / 'provenance-diff'
    assert os.access(script, os.X_OK)
    text = script.read_text(encoding='utf-8')
    assert 'git worktree add' in text and 'make -C "$scratch/base" html' in text
    assert re.search(r'python -m gov_provenance diff --note-if-equal\s+\\?\s*'
                     r'"\$scratch/base/_build/html" _build/html', text)


def test_every_action_is_pinned() -> None:
    """GitHub's own actions to a release; any other to a commit, which its owner
    cannot move (with the release it is named as a comment)."""
    for path in sorted(WORKFLOWS.glob('*.yml')):
        text = path.read_text(encoding='utf-8')
        for job in workflow(path.name)['jobs'].values():
            for step in job.get('steps', []):
                if 'uses' not in step:
                    continue
                action, _, ref = str(step['uses']).partition('@')
                if action.startswith('actions/'):
                    assert ref.startswith('v') and ref[1:].split('.')[0].isdigit(), step['uses']
                else:
                    assert re.fullmatch(r'[0-9a-f]{40}', ref), f'{path.name}: {step["uses"]}'
                    # the release it is, said on its line or the line above
                    lines = text.splitlines()
                    at = next(i for i, line in enumerate(lines) if str(step['uses']) in line)
                    named = lines[at - 1] + lines[at]
                    assert re.search(r'# v\d+\.\d+\.\d+', named), step['uses']


def granted(workflow_name: str) -> dict[str, dict[str, str]]:
    """Each job's permissions: its own, or else the workflow's."""
    loaded = workflow(workflow_name)
    return {name: job.get('permissions', loaded.get('permissions', {}))
            for name, job in loaded['jobs'].items()}


def test_only_the_jobs_that_publish_may_write_or_ask_for_an_identity() -> None:
    """Least privilege, per job: the checks and the builds read; the deploy job writes
    to Pages, the release job to the tag's release, and PyPI's job only asks for the
    identity token that PyPI trusts."""
    writers = {
        (name, job): {scope for scope, level in permissions.items() if level == 'write'}
        for name in ('ci.yml', 'publish.yml')
        for job, permissions in granted(name).items()
    }
    assert {key: scopes for key, scopes in writers.items() if scopes} == {
        ('ci.yml', 'deploy'): {'pages', 'id-token'},
        ('ci.yml', 'release'): {'contents'},
        ('publish.yml', 'publish'): {'id-token'},
    }
    assert workflow('publish.yml')['permissions'] == {}
    assert granted('publish.yml')['publish'] == {'id-token': 'write'}


def run_steps(workflow_name: str) -> list[dict[str, Any]]:
    return [step for job in workflow(workflow_name)['jobs'].values()
            for step in job.get('steps', []) if 'run' in step]


@pytest.mark.parametrize('workflow_name', ['ci.yml', 'publish.yml'])
def test_no_script_pastes_an_expression(workflow_name: str) -> None:
    """A tag or an input reaches a script through the environment, never pasted into
    it, where a crafted name would run as a command."""
    for step in run_steps(workflow_name):
        assert '${{' not in step['run'], step['run']


# -- the extension's distributions and releases ------------------------------------


def test_every_run_builds_and_checks_the_wheel_and_the_sdist() -> None:
    dist = workflow('ci.yml')['jobs']['dist']
    assert [step['run'] for step in dist['steps'] if 'run' in step] == ['make dist']
    [upload] = steps_using(dist, 'actions/upload-artifact')
    assert (upload['with']['name'], upload['with']['path']) == ('dist', 'dist/')


def test_a_tag_attaches_the_checked_distributions_to_a_draft_release() -> None:
    ci = workflow('ci.yml')
    assert ci['on']['push']['tags'] == ['v*']
    release = ci['jobs']['release']
    # only after every check and the distributions' own passed, and only for a tag
    assert set(release['needs']) == {'check', 'dist'}
    assert release['if'] == "github.event_name == 'push' && startsWith(github.ref, 'refs/tags/v')"
    [download] = steps_using(release, 'actions/download-artifact')
    assert download['with']['name'] == 'dist'
    [attach] = [step for step in release['steps'] if 'run' in step]
    assert attach['env']['TAG'] == '${{ github.ref_name }}'
    script = attach['run']
    assert 'python3 .ci/release_notes.py "$TAG"' in script
    assert 'gh release create "$TAG" dist/* --draft --verify-tag' in script
    assert 'gh release upload "$TAG" dist/* --clobber' in script
    # the notes are written before anything is released, and stop it when they fail
    assert script.index('release_notes.py') < script.index('gh release')


def test_pypi_receives_the_files_of_a_published_release_through_trusted_publishing() -> None:
    publish = workflow('publish.yml')
    assert publish['on']['release'] == {'types': ['published']}
    assert publish['on']['workflow_dispatch']['inputs']['tag']['required'] is True
    fetch, job = publish['jobs']['fetch'], publish['jobs']['publish']
    # ready before the office has an account: a release publishes nothing until then
    assert fetch['if'] == ("github.event_name == 'workflow_dispatch' || "
                           "vars.PYPI_PUBLISH == 'true'")
    [download] = [step for step in fetch['steps'] if 'run' in step]
    assert download['env']['TAG'] == '${{ github.event.release.tag_name || inputs.tag }}'
    assert 'gh release download "$TAG"' in download['run']
    assert job['needs'] == 'fetch'
    assert job['environment']['name'] == 'pypi'
    [pypi] = steps_using(job, 'pypa/gh-action-pypi-publish')
    # trusted publishing: no password, no token
    assert 'with' not in pypi or not {'password', 'user'} & set(pypi['with'])


def load_release_notes() -> Any:
    spec = importlib.util.spec_from_file_location(
        'release_notes', REPOSITORY / '.ci' / 'release_notes.py')
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_release_notes_are_the_versions_changelog_section() -> None:
    release_notes = load_release_notes()
    version = release_notes.version()
    notes = release_notes.notes(f'v{version}')
    changelog = (REPOSITORY / 'CHANGELOG.md').read_text(encoding='utf-8')
    section = changelog.split(f'## [{version}]', 1)[1].split('\n', 1)[1]
    section = re.split(r'^(?:## |\[[^\]]+\]: )', section, flags=re.MULTILINE)[0].strip()
    assert section and notes.startswith(section)
    assert '未リリース' not in notes
    assert f'gov_provenance-{version}-py3-none-any.whl' in notes


def test_a_tag_that_is_not_the_version_releases_nothing() -> None:
    release_notes = load_release_notes()
    with pytest.raises(SystemExit, match=r'the tag v999\.0\.0 is not the version'):
        release_notes.notes('v999.0.0')
    with pytest.raises(SystemExit, match=r'CHANGELOG.md has no section "## \[9\.9\.9\]'):
        release_notes.changelog_section('## [未リリース]\n\n## [0.1.0] - 2026-12-02\n', '9.9.9')
