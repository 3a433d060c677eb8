"""What publishing needs of the built handbook: sitemap.xml, descriptions and link
previews, and the deploy workflow."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

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


def test_every_action_is_pinned_to_a_release() -> None:
    for job in workflow('ci.yml')['jobs'].values():
        for step in job['steps']:
            if 'uses' in step:
                ref = str(step['uses']).partition('@')[2]
                assert ref.startswith('v') and ref[1:].split('.')[0].isdigit(), step['uses']
