"""The quality gates of the built handbook, run by ``make check``.

``make check`` builds the handbook into ``_build/html`` and runs these tests on it;
``HANDBOOK_SITE`` points them at another built site. Tests that take a ``page``
argument run once for every HTML file of the site, so a failure names its page.
The browser is the system's Chromium (``CHROMIUM_PATH``, default
``/usr/bin/chromium``): no test tool downloads one. The checkers, axe-core and the
Nu HTML Checker, are the versions pinned in ``package-lock.json``, which
``make check`` installs into ``node_modules``.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

REPOSITORY = Path(__file__).resolve().parent.parent
SITE = Path(os.environ.get('HANDBOOK_SITE', REPOSITORY / '_build' / 'html')).resolve()
CHROMIUM = os.environ.get('CHROMIUM_PATH', '/usr/bin/chromium')
NODE_MODULES = REPOSITORY / 'node_modules'
#: a headless browser that stays offline and leaves no profile behind
CHROMIUM_ARGS = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
]
#: how readers see the site: at a desk, on a phone, and in the theme's dark mode
#: (chosen with its switch, remembered in localStorage)
DISPLAYS: dict[str, dict[str, Any]] = {
    'desktop': {'viewport': {'width': 1280, 'height': 800}, 'mode': 'light'},
    'phone': {'viewport': {'width': 390, 'height': 844}, 'mode': 'light'},
    'desktop-dark': {'viewport': {'width': 1280, 'height': 800}, 'mode': 'dark'},
}


def checker(relative_path: str) -> Path:
    """A file of a checker installed from ``package-lock.json``; fails the gate if missing."""
    path = NODE_MODULES / relative_path
    if not path.is_file():
        pytest.fail(f'{path} is missing: run `make check`, which installs the checkers '
                    '(npm ci --ignore-scripts)')
    return path


def site_pages() -> list[str]:
    """Every HTML file of the built site, as a path relative to its root."""
    return sorted(path.relative_to(SITE).as_posix() for path in SITE.rglob('*.html'))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if 'page' in metafunc.fixturenames:
        metafunc.parametrize('page', site_pages())


@pytest.fixture(scope='session', autouse=True)
def site() -> Path:
    """The built site; every gate fails at once when there is none."""
    if not (SITE / 'index.html').is_file():
        pytest.exit(f'no built site at {SITE}: run `make check`, or set HANDBOOK_SITE', 2)
    return SITE


@pytest.fixture(scope='session')
def site_url(site: Path) -> Iterator[str]:
    """The site served over HTTP on a local port, as a reader's browser gets it."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(('127.0.0.1', 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f'http://127.0.0.1:{server.server_address[1]}'
    server.shutdown()
    server.server_close()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope='session')
def browser() -> Iterator[Browser]:
    os.environ.setdefault('PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD', '1')
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).is_file():
        pytest.fail(f'no Chromium at {CHROMIUM}: install Debian\'s chromium or set CHROMIUM_PATH')
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope='module')
def phone(browser: Browser) -> Iterator[Page]:
    """A tab as on a phone: its screen, and touch."""
    context = browser.new_context(
        viewport=DISPLAYS['phone']['viewport'], has_touch=True, is_mobile=True
    )
    yield context.new_page()
    context.close()


def open_page(tab: Page, url: str) -> Page:
    """``tab`` with ``url`` loaded; fails the gate when it does not load."""
    response = tab.goto(url)
    assert response is not None and response.ok, f'{url} did not load'
    return tab
