"""Every page is valid HTML to the Nu HTML Checker (``vnu.jar`` of the ``vnu-jar`` package
pinned in ``package-lock.json``), apart from the theme's errors listed, each with its
reason, in ``nu-allowlist.txt``."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest
from conftest import checker, site_pages

ALLOWLIST = Path(__file__).with_name('nu-allowlist.txt')


@dataclass(frozen=True)
class Allowed:
    pattern: re.Pattern[str]
    reason: str
    line: int


def allowlist() -> list[Allowed]:
    entries = []
    for number, line in enumerate(ALLOWLIST.read_text(encoding='utf-8').splitlines(), start=1):
        if not line.strip() or line.startswith('#'):
            continue
        pattern, separator, reason = line.partition(' # ')
        assert separator and reason.strip(), (
            f'{ALLOWLIST.name}:{number}: write "<regex> # <reason>"'
        )
        entries.append(Allowed(re.compile(pattern.strip()), reason.strip(), number))
    return entries


@pytest.fixture(scope='session')
def nu_messages(site: Path) -> dict[str, list[dict[str, Any]]]:
    """The checker's messages for every page of the site, by page; one run of the checker."""
    java = shutil.which('java')
    if java is None:
        pytest.fail('the Nu HTML Checker needs Java: install a JRE (e.g. default-jre-headless)')
    files = [str(site / page) for page in site_pages()]
    vnu_jar = checker('vnu-jar/build/dist/vnu.jar')
    result = subprocess.run(
        [java, '-Xss1024k', '-jar', str(vnu_jar), '--format', 'json', '--exit-zero-always',
         *files],
        capture_output=True, text=True, check=True,
    )
    by_page: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for message in json.loads(result.stderr)['messages']:
        path = Path(unquote(urlparse(message.get('url', '')).path))
        by_page[path.relative_to(site).as_posix()].append(message)
    return by_page


def is_error(message: dict[str, Any]) -> bool:
    return message['type'] == 'error' or message.get('subType') == 'fatal' or (
        message['type'] == 'non-document-error'
    )


def describe(page: str, message: dict[str, Any]) -> str:
    where = f'{page}:{message.get("lastLine", "?")}:{message.get("firstColumn", "?")}'
    extract = ' '.join(str(message.get('extract', '')).split())
    return f'- {where}: {message["message"]}\n    {extract}'


def test_page_is_valid_html(nu_messages: dict[str, list[dict[str, Any]]], page: str) -> None:
    allowed = allowlist()
    errors = [
        message for message in nu_messages.get(page, [])
        if is_error(message)
        and not any(entry.pattern.search(message['message']) for entry in allowed)
    ]
    assert not errors, f'{page}: {len(errors)} HTML error(s)\n' + '\n'.join(
        describe(page, message) for message in errors
    )


def test_every_allowlist_entry_is_still_needed(
    nu_messages: dict[str, list[dict[str, Any]]],
) -> None:
    errors = [m['message'] for messages in nu_messages.values() for m in messages if is_error(m)]
    stale = [entry for entry in allowlist()
             if not any(entry.pattern.search(message) for message in errors)]
    assert not stale, 'entries of nu-allowlist.txt that match no error any more; remove them:\n' + (
        '\n'.join(f'- line {entry.line}: {entry.pattern.pattern}' for entry in stale)
    )
