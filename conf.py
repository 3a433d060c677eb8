"""Sphinx configuration of the Tokyo Digital Service Council handbook.

Sphinx runs with ``-c .`` on ``handbook/`` (see the Makefile), so this file sits at
the repository root while the sources live in ``handbook/``.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.i18n import CatalogRepository, format_date
from sphinx.writers.html5 import HTML5Translator

project = '東京デジタルサービス会議 ハンドブック'
author = '東京デジタルサービス会議 ハンドブック編集者'
release = package_version('gov-provenance')
version = release
_build_time = datetime.fromtimestamp(
    int(os.environ.get('SOURCE_DATE_EPOCH', datetime.now(UTC).timestamp())),
    tz=UTC,
)
copyright = f'{_build_time:%Y} {author}（CC BY 4.0）'

language = 'ja'
root_doc = 'index'
extensions = [
    'myst_parser',
    'sphinx.ext.intersphinx',
    'sphinxcontrib.bibtex',
    'sphinx_last_updated_by_git',
    'gov_provenance',
]
exclude_patterns = ['_build', 'Thumbs.db', '.DS_Store']
nitpicky = True

# -- last updated: each page's own date --------------------------------------
# A page shows the date of the last commit that changed its source (or a file it
# includes), from git; the same commit always gives the same date.
#: readers' one date format, as in 2022年1月24日 (Sphinx maps %-m and %-d itself,
#: on every platform)
html_last_updated_fmt = today_fmt = '%Y年%-m月%-d日'
#: the council's time zone, so that a date does not depend on the building machine's
git_last_updated_timezone = 'Asia/Tokyo'
#: a page without history keeps its "show source" and edit buttons
git_untracked_show_sourcelink = True
#: without git history (a copy of the sources, a shallow clone) a page shows the
#: build's date instead, SOURCE_DATE_EPOCH (see last_updated_without_history)
suppress_warnings = ['git.subprocess_error', 'git.command_not_found', 'git.too_shallow']

# -- MyST ----------------------------------------------------------------------
myst_enable_extensions = ['colon_fence', 'deflist', 'fieldlist', 'substitution']
myst_heading_anchors = 3
#: names a reusing government replaces to adopt a chapter as its own
myst_substitutions = {
    'organisation': '東京都',
    'organisation_en': 'Tokyo Metropolitan Government',
    'build_date': f'{_build_time.year}年{_build_time.month}月{_build_time.day}日',
}

# -- bibliography --------------------------------------------------------------
# relative to this file, not to handbook/ (Sphinx runs with -c .)
bibtex_bibfiles = ['handbook/references.bib']
bibtex_default_style = 'unsrt'
bibtex_reference_style = 'label'

# -- intersphinx: nothing is fetched at build time -----------------------------
intersphinx_mapping: dict[str, tuple[str, str | None]] = {}
intersphinx_disabled_reftypes = ['*']

# -- HTML ----------------------------------------------------------------------
#: where the handbook's repository lives; override for a fork or a mirror
repository_url = os.environ.get(
    'HANDBOOK_REPOSITORY_URL', 'https://github.com/tokyo-digital-service-handbook/handbook'
)
repository_branch = os.environ.get('HANDBOOK_REPOSITORY_BRANCH', 'main')

html_theme = 'sphinx_book_theme'
html_title = '東京デジタルサービス会議 ハンドブック'
html_search_language = 'ja'
html_static_path = ['handbook/_static']
#: overrides of the theme's templates, each with the reason in its header
templates_path = ['handbook/_templates']
#: relative to handbook/: Japanese for theme labels the themes' catalogues lack
locale_dirs = ['locales']
html_css_files = ['handbook.css']
html_theme_options = {
    'repository_url': repository_url,
    'repository_branch': repository_branch,
    'path_to_docs': 'handbook',
    'use_repository_button': True,
    'use_edit_page_button': True,
    'use_issues_button': True,
    'use_source_button': True,
    'use_download_button': False,
    'home_page_in_toc': True,
    'show_toc_level': 2,
    # the page's headings, named apart from the site's table of contents (目次)
    'toc_title': 'このページの見出し',
    # the last-updated date sits at the top of the page (_templates/page.html)
    'footer_content_items': ['author.html', 'copyright.html', 'extra-footer.html'],
    # pydata-sphinx-theme 0.17+ fills its top bar with a search field unless this is set,
    # and that bar carries a second, hidden pair of sidebar toggles: the themes' scripts
    # then wire the hidden pair (document.querySelector finds it first), and the visible
    # ☰ and page-contents buttons of the book theme do nothing. Empty, as the book
    # theme means it to be, the bar is not drawn; search stays in the sidebar and in
    # the page's header on a phone.
    'navbar_persistent': [],
    # the version on every page: what a partner cites, and what the changelog lists
    'extra_footer': f'<p class="handbook-version">ハンドブックのバージョン {release}</p>',
}
html_context = {'default_mode': 'light'}


# -- HTML fixes for accessibility and validity (checked by `make check`) --------
#: Jinja macro files the theme keeps in its static folder; Sphinx copies them into
#: the site, where they are neither pages nor valid HTML.
THEME_TEMPLATES_IN_STATIC = ('webpack-macros.html', 'sbt-webpack-macros.html')


class HandbookHTMLTranslator(HTML5Translator):
    """Docutils' HTML writer, with the bibliography in current ARIA.

    Docutils marks each citation ``role="doc-biblioentry"``, a role ARIA 1.3
    deprecates: its list then holds no ``listitem``. The handbook's references
    page is such a list, so each entry becomes a ``listitem``.
    """

    def visit_citation(self, node: nodes.citation) -> None:
        if not isinstance(node.previous_sibling(), nodes.citation):
            self.body.append('<div role="list" class="citation-list">\n')
        self.body.append(self.starttag(node, 'div', classes=['citation'], role='listitem'))


def remove_theme_templates(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != 'html':
        return
    static = Path(app.outdir, '_static')
    for name in THEME_TEMPLATES_IN_STATIC:
        static.joinpath(name).unlink(missing_ok=True)


def compile_catalogues(app: Sphinx) -> None:
    """Compile the ``.po`` files of ``locale_dirs`` that are newer than their ``.mo``.

    Sphinx compiles ``sphinx.po`` before it loads its translations, but the other
    catalogues (``booktheme.po``) only when it starts writing, after the themes have
    loaded theirs: the first build of a fresh clone would show the theme's buttons in
    English. This is Sphinx's own step, run for every catalogue before any is loaded.
    """
    config = app.config
    repository = CatalogRepository(
        app.srcdir, config.locale_dirs, config.language, config.source_encoding
    )
    for catalogue in repository.catalogs:
        if catalogue.is_outdated():
            catalogue.write_mo(config.language, config.gettext_allow_fuzzy_translations)


def last_updated_without_history(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Date a page that git has no date for with ``SOURCE_DATE_EPOCH``, if it is set.

    sphinx_last_updated_by_git leaves ``last_updated`` empty for a source outside a git
    repository, in a shallow clone, or not yet committed; the build's own date, the
    one the Makefile sets, keeps every build of the same sources the same. Without
    it the page shows no date rather than the time of the build.
    """
    epoch = os.environ.get('SOURCE_DATE_EPOCH')
    if context.get('last_updated') or doctree is None or not epoch:
        return
    # the extension has made the time zone's name a tzinfo by now
    time_zone = app.config.git_last_updated_timezone
    date = datetime.fromtimestamp(int(epoch), tz=UTC).astimezone(time_zone)
    context['last_updated'] = format_date(
        app.config.html_last_updated_fmt, date=date, language=app.config.language
    )


def setup(app: Sphinx) -> None:
    compile_catalogues(app)
    # holds only strings the theme's own catalogue leaves untranslated
    app.add_message_catalog('booktheme', str(Path(app.srcdir, *locale_dirs)))
    app.set_translator('html', HandbookHTMLTranslator)
    app.connect('build-finished', remove_theme_templates)
    # after sphinx_last_updated_by_git's own handler (priority 500)
    app.connect('html-page-context', last_updated_without_history, priority=600)
