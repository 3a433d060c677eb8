"""Text written in options is shown as text, never as markup.

The ``escaping`` root puts markup in every kind of option the views show (titles,
labels, summaries, members, gaps, scopes, times), with every view on the page, and
the build writes the domain indices and the general index too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from common import page
from sphinx.testing.util import SphinxTestApp


def payloads(srcdir: Path) -> list[str]:
    """Every option value of the root that contains markup."""
    source = (srcdir / 'index.md').read_text(encoding='utf-8')
    return re.findall(r'^:[\w-]+: (.*<.*)$', source, flags=re.MULTILINE)


def themes() -> list[pytest.param]:
    # the default theme, and the handbook's, whose templates are its own
    return [
        pytest.param(theme, id=theme, marks=pytest.mark.sphinx(
            'html', testroot='escaping', srcdir=f'escaping-{theme}',
            # without smart quotes, text shows each value exactly as written
            confoverrides={'html_theme': theme, 'smartquotes': False},
        ))
        for theme in ('alabaster', 'sphinx_book_theme')
    ]


@pytest.mark.parametrize('theme', themes())
def test_markup_in_options_is_escaped(app: SphinxTestApp, theme: str) -> None:
    app.build()
    assert app.warning.getvalue() == ''
    untrusted = payloads(app.srcdir)
    assert len(untrusted) >= 10
    pages = sorted(app.outdir.rglob('*.html'))
    assert {'index.html', 'gov-principles.html', 'gov-evidence.html', 'genindex.html'} <= {
        path.name for path in pages
    }
    for path in pages:
        html = path.read_text(encoding='utf-8')
        for payload in untrusted:
            assert payload not in html, f'{path.name} writes {payload!r} as markup'
        soup = BeautifulSoup(html, 'html.parser')
        scripts = [script for script in soup.find_all('script') if 'alert' in script.get_text()]
        assert scripts == [], path.name
        for element in soup.find_all(True):
            handlers = [name for name, value in element.attrs.items()
                        if name.startswith('on') and 'alert' in str(value)]
            assert handlers == [], f'{path.name}: <{element.name} {handlers}>'
            assert not str(element.get('href', '')).startswith('javascript:'), path.name
    # and each value is still shown, as text
    shown = page(app, 'index').get_text()
    for payload in untrusted:
        assert payload in shown
