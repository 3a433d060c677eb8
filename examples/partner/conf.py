"""A fictional municipality's Sphinx project that reuses the handbook's principles.

〇〇区 (Example City) does not exist: this project shows what a partner
government's ``conf.py`` needs in order to take a chapter of the Tokyo Digital
Service Council handbook into its own handbook.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import ConfigError
from sphinx.util import docname_join

project = '〇〇区 デジタルサービス ハンドブック（架空の例）'
author = '〇〇区（架空）'
language = 'ja'
root_doc = 'index'

extensions = [
    'myst_parser',
    'sphinx.ext.intersphinx',
    'sphinxcontrib.bibtex',
    'gov_provenance',
]
exclude_patterns = ['_build', 'README.md']
nitpicky = True

HERE = Path(__file__).resolve().parent
#: the handbook built next to this example (``make html`` at the repository's root)
LOCAL_HANDBOOK = HERE.parent.parent / '_build' / 'html'


def copied_chapters() -> dict[str, dict[str, str]]:
    """The title of each chapter copy_chapter.py copied, and the version of the handbook
    it copied it from: the attribution on index.md names both."""
    record = HERE / 'handbook-chapters.json'
    if not record.is_file():
        raise ConfigError(f'{record} is missing: copy the chapter first, with '
                          f'copy_chapter.py (make chapter)')
    chapters: dict[str, dict[str, str]] = json.loads(record.read_text(encoding='utf-8'))
    return chapters


COPIED_CHAPTERS = copied_chapters()

# The chapter names the organisation as {{ organisation }}: set your own. Set every
# key the copied chapter uses (copy_chapter.py lists them); a missing one fails the
# strict build with a myst.substitution warning. The chapter uses only
# ``organisation``; this project's own index.md uses the others.
myst_enable_extensions = ['colon_fence', 'deflist', 'fieldlist', 'substitution']
myst_heading_anchors = 3
myst_substitutions = {
    'organisation': '〇〇区',
    'organisation_en': 'Example City',
    'principles_title': COPIED_CHAPTERS['principles']['title'],
    'principles_version': COPIED_CHAPTERS['principles']['handbook_version'],
}

# The chapter cites the handbook's bibliography; copy_chapter.py copies it too.
bibtex_bibfiles = ['references.bib']
bibtex_default_style = 'unsrt'
bibtex_reference_style = 'label'

# Meetings, opinions, sources and revisions the chapter links to stay in the
# handbook: intersphinx resolves those links to the handbook's site.
#
# HANDBOOK_URL: where the handbook is published; write its address, ending in "/".
# A relative URL would be relative to the top of this project's HTML output. By
# default, the handbook built next to this example, as a file: URL.
HANDBOOK_URL = os.environ.get('HANDBOOK_URL', LOCAL_HANDBOOK.as_uri() + '/')
# HANDBOOK_INVENTORY: the handbook's objects.inv, read offline. A relative path is
# relative to the source directory (the one holding index.md), not to conf.py when
# they differ. Empty: fetched from HANDBOOK_URL + 'objects.inv'.
HANDBOOK_INVENTORY = os.environ.get('HANDBOOK_INVENTORY', str(LOCAL_HANDBOOK / 'objects.inv'))
# "tokyo" is the name copy_chapter.py writes before the ids of the handbook's records
# ({gov:revision}`tokyo:M03-R1`), and in each copied record's original
# (:original: tokyo:P01): keep the two the same (its --inventory option). Each copied
# principle's page then links to the same principle in the handbook for its sources and
# history, and this project's objects.inv does not list the copies as its own.
intersphinx_mapping = {'tokyo': (HANDBOOK_URL, HANDBOOK_INVENTORY or None)}
# The chapter's {term}, {ref} and {doc} links need the handbook's glossary, labels and
# pages. A gov link reaches the handbook only by naming it ("tokyo:"), so that one to a
# record this project lacks fails the build instead of leading to Tokyo's record.
intersphinx_disabled_reftypes = ['gov:*']

html_theme = 'sphinx_book_theme'
html_title = project
html_search_language = 'ja'


def _doc_link_from_the_handbook(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: Element
) -> None:
    """Make a chapter's relative {doc} link (``../meetings/m03``) absolute, so that
    intersphinx finds that page in the handbook's objects.inv."""
    if node.get('refdomain') == 'std' and node.get('reftype') == 'doc':
        node['reftarget'] = docname_join(node['refdoc'], node['reftarget'])


def setup(app: Sphinx) -> None:
    app.connect('missing-reference', _doc_link_from_the_handbook, priority=100)
