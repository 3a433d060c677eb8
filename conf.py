"""Sphinx configuration of the Tokyo Digital Service Council handbook.

Sphinx runs with ``-c .`` on ``handbook/`` (see the Makefile), so this file sits at
the repository root while the sources live in ``handbook/``.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.i18n import CatalogRepository
from sphinx.writers.html5 import HTML5Translator

# the handbook's own small extensions, beside this file (_ext/)
LOCAL_EXTENSIONS = str(Path(__file__).parent / '_ext')
if LOCAL_EXTENSIONS not in sys.path:
    sys.path.insert(0, LOCAL_EXTENSIONS)
from handbook_dates import build_time  # noqa: E402 (found through LOCAL_EXTENSIONS)

project = '東京デジタルサービス会議 ハンドブック'
author = '東京デジタルサービス会議 ハンドブック編集者'
release = package_version('gov-provenance')
version = release
#: a new year writes every page again (Sphinx reads none again: see handbook_dates)
copyright = f'{build_time():%Y} {author}（CC BY 4.0）'

language = 'ja'
root_doc = 'index'
extensions = [
    'myst_parser',
    'sphinx.ext.intersphinx',
    'sphinxcontrib.bibtex',
    'sphinx_last_updated_by_git',
    'sphinx_sitemap',
    'sphinxext.opengraph',
    'gov_provenance',
    # {{ build_date }}, and the date of a page without history (from SOURCE_DATE_EPOCH)
    'handbook_dates',
    # make serve: a failed build shows its warnings on every page of the preview
    'handbook_preview',
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
#: build's date instead, SOURCE_DATE_EPOCH (_ext/handbook_dates.py)
suppress_warnings = ['git.subprocess_error', 'git.command_not_found', 'git.too_shallow']

# -- MyST ----------------------------------------------------------------------
myst_enable_extensions = ['colon_fence', 'deflist', 'fieldlist', 'substitution']
myst_heading_anchors = 3
#: names a reusing government replaces to adopt a chapter as its own; and the
#: build's date, a placeholder filled in as each page is written (_ext/handbook_dates.py):
#: a date here would make Sphinx read every page again whenever it changes
myst_substitutions = {
    'organisation': '東京都',
    'organisation_en': 'Tokyo Metropolitan Government',
    'build_date': '{build-date}`%Y年%-m月%-d日`',
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

# -- publishing: the site's address, sitemap, link previews and feeds ----------
#: where the site is published, ending in '/': every absolute address derives from it
#: (each page's canonical link, sitemap.xml, link previews, the Atom feeds). An office
#: publishing elsewhere sets HANDBOOK_BASE_URL, or changes this line.
html_baseurl = (os.environ.get('HANDBOOK_BASE_URL')
                or 'https://tokyo-digital-service-handbook.github.io/handbook/')
if not html_baseurl.endswith('/'):
    html_baseurl += '/'
#: the pages' own addresses, with no language or version folder in between
sitemap_url_scheme = '{link}'
#: the site has one language: no alternates
sitemap_locales = [None]
#: the search page is a tool, not a page to find
sitemap_excludes = ['search.html']
ogp_site_url = html_baseurl
#: no image is drawn or fetched while building: a preview shows the title and text
ogp_social_cards = {'enable': False}
#: a page's description is its record's summary (gov_provenance.previews), else its
#: first paragraph, cut where a preview cuts it
ogp_description_length = 120
#: the council's time zone: a record's day starts there (feeds)
gov_feed_timezone = git_last_updated_timezone

html_theme = 'sphinx_book_theme'
html_title = '東京デジタルサービス会議 ハンドブック'
html_search_language = 'ja'
html_static_path = ['handbook/_static']
#: overrides of the theme's templates, each with the reason in its header
templates_path = ['handbook/_templates']
#: relative to handbook/: Japanese for theme labels the themes' catalogues lack
locale_dirs = ['locales']
html_css_files = ['handbook.css']
html_js_files = [('handbook.js', {'defer': 'defer'})]
#: the tab's icon; without one, browsers ask every host for /favicon.ico
html_favicon = 'handbook/_static/favicon.svg'
#: the search page is the handbook's own: Pagefind's index, written after the build
#: (run_pagefind); Sphinx's index, which splits Japanese queries differently from
#: the pages, is not written (see builder-inited below)
html_additional_pages = {'search': 'search.html'}
#: pages for contributors and reusing offices: kept out of readers' search results
#: unless a reader asks for them on the search page
developer_pages = ['about/extension', 'about/changelog']
#: where readers send feedback without a GitHub account. A deploying office sets
#: its own address here (or in HANDBOOK_FEEDBACK_EMAIL); example.jp is reserved
#: for examples and reaches no one.
feedback_email = os.environ.get('HANDBOOK_FEEDBACK_EMAIL', 'handbook-feedback@example.jp')
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
    'footer_content_items': [
        'about-handbook.html', 'feedback.html', 'copyright.html', 'extra-footer.html'
    ],
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
html_context = {
    'default_mode': 'light',
    'author': author,
    'feedback_email': feedback_email,
    'developer_pages': developer_pages,
}


# -- HTML fixes for accessibility and validity (checked by `make check`) --------
#: Jinja macro files the theme keeps in its static folder; Sphinx copies them into
#: the site, where they are neither pages nor valid HTML.
THEME_TEMPLATES_IN_STATIC = ('webpack-macros.html', 'sbt-webpack-macros.html')


#: Pagefind's weight of a page's title (h1); Pagefind's own is 7, body text 1
TITLE_WEIGHT = 10


class HandbookHTMLTranslator(HTML5Translator):
    """Docutils' HTML writer, with the bibliography in current ARIA, one viewport tag,
    and page titles that weigh most in search.

    Docutils marks each citation ``role="doc-biblioentry"``, a role ARIA 1.3
    deprecates: its list then holds no ``listitem``. The handbook's references
    page is such a list, so each entry becomes a ``listitem``.
    """

    def __init__(self, document: nodes.document, builder: Any) -> None:
        super().__init__(document, builder)
        # Sphinx's layout writes the page's viewport tag; docutils' second is dropped
        self.meta = [tag for tag in self.meta if 'name="viewport"' not in tag]

    def visit_title(self, node: nodes.title) -> None:
        super().visit_title(node)
        # a page's own title outranks the pages that only mention it (第3回会議 finds
        # the third meeting's page before the fourth's, which names it in its text)
        if self.section_level == 1 and isinstance(node.parent, nodes.section):
            # the heading's tag is the last part written that opens with <h1
            index = max(i for i, part in enumerate(self.body) if part.startswith('<h1'))
            self.body[index] = self.body[index].replace(
                '<h1', f'<h1 data-pagefind-weight="{TITLE_WEIGHT}"', 1
            )

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


# -- search: Pagefind's index of the written site -------------------------------
#: the index's folder in the site; the search page (_templates/search.html) loads it
PAGEFIND_FOLDER = '_pagefind'
#: Pagefind as package-lock.json pins it. From 1.6 it segments Japanese pages with
#: ICU4X, as the browser's Intl.Segmenter segments the query; 1.5's segmenter split
#: 取り残されない otherwise than the query and found nothing.
PAGEFIND = Path(os.environ.get(
    'HANDBOOK_PAGEFIND', Path(__file__).parent / 'node_modules' / '.bin' / 'pagefind'
))


def without_sphinx_search(app: Sphinx) -> None:
    """Leave out Sphinx's search index, which the handbook's search page does not use.

    The search page itself is an additional page (``html_additional_pages``), so
    that ``search.html?q=`` keeps working for the theme's search field and for
    links readers share.
    """
    if app.builder.format == 'html':
        app.builder.search = False  # type: ignore[attr-defined]


def run_pagefind(app: Sphinx, exception: Exception | None) -> None:
    """Index the written site with Pagefind, which segments Japanese words.

    Pagefind reads the pages as readers get them: the article of each page, marked
    ``data-pagefind-body`` (_templates/page.html), so that no menu word reaches a
    snippet. It runs on every HTML build, so ``make html``, ``make serve`` and the
    tests' builds all write the same site.
    """
    if exception is not None or app.builder.format != 'html':
        return
    if not PAGEFIND.is_file():
        pagefind_warning(f'Pagefind is not installed ({PAGEFIND}), so the site has no search '
                         'index: run `make html`, which installs it (npm ci)')
        return
    # a fresh index each build: an incremental build leaves no fragment of an old page
    shutil.rmtree(Path(app.outdir, PAGEFIND_FOLDER), ignore_errors=True)
    command = [str(PAGEFIND), '--site', str(app.outdir),
               '--output-subdir', PAGEFIND_FOLDER, '--force-language', 'ja',
               '--exclude-selectors', '.headerlink', '--keep-index-url', '--silent']
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:
        pagefind_warning(f'Pagefind could not run ({PAGEFIND}: {error.strerror}): '
                         'run `make html`, which installs it (npm ci)')
        return
    if result.returncode != 0:
        message = ' '.join(result.stderr.split())[:500]
        pagefind_warning(f'Pagefind could not index {app.outdir}: {message}')


def pagefind_warning(message: str) -> None:
    logging.getLogger(__name__).warning(message, type='handbook', subtype='search')


# -- the issue button: the council's Japanese issue forms ---------------------------
def issue_forms_button(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Point the theme's 「課題を報告」 button at the repository's issue forms.

    The book theme opens a blank issue titled in English; the repository's forms
    (.github/ISSUE_TEMPLATE: 内容の修正, 新しい根拠, サイトの不具合) ask for the page,
    the problem and the sources, in Japanese.
    """
    github_issue = f"{repository_url.rstrip('/')}/issues/new"
    for button in header_buttons(context.get('header_buttons', [])):
        # GitHub's form only: a mirror on GitLab keeps the theme's own link
        if button.get('label') == 'source-issues-button' and (
                str(button.get('url', '')).startswith(f'{github_issue}?')):
            button['url'] = f'{github_issue}/choose'


def header_buttons(buttons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The theme's header buttons, those in groups included."""
    found = []
    for button in buttons:
        found.append(button)
        found += header_buttons(button.get('buttons', []))
    return found


# -- previous and next: short labels that fit a phone -------------------------
#: 第2回 東京デジタルサービス会議（2021年12月27日） reads 第2回会議 at the foot of a page,
#: whatever the council's name (a reusing government's meetings have their own)
MEETING_TITLE = re.compile(r'^(第\d+回)\s*\S*会議')


def short_label(title: str) -> str:
    """A page's title as the previous/next links show it: its short name alone.

    A principle keeps its number and short name (#3 アクセシビリティ), a meeting
    its ordinal (第2回会議); other titles are short already.
    """
    text = html.unescape(re.sub(r'<[^>]+>', '', title)).strip()
    meeting = MEETING_TITLE.match(text)
    return html.escape(f'{meeting[1]}会議' if meeting else text.split(' — ', 1)[0])


def short_neighbour_labels(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    for neighbour in ('prev', 'next'):
        if context.get(neighbour):
            context[f'{neighbour}_title'] = short_label(context[neighbour]['title'])


def setup(app: Sphinx) -> None:
    compile_catalogues(app)
    # holds only strings the theme's own catalogue leaves untranslated
    app.add_message_catalog('booktheme', str(Path(app.srcdir, *locale_dirs)))
    app.set_translator('html', HandbookHTMLTranslator)
    app.connect('builder-inited', without_sphinx_search)
    app.connect('build-finished', remove_theme_templates)
    # after remove_theme_templates, so that Pagefind reads the site as it is published
    app.connect('build-finished', run_pagefind, priority=900)
    app.connect('html-page-context', short_neighbour_labels)
    # after the theme's buttons (priority 501)
    app.connect('html-page-context', issue_forms_button, priority=600)
