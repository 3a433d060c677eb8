"""A fictional municipality's Sphinx project that reuses the handbook's principles.

〇〇区 (Example City) does not exist: this project shows what a partner
government's ``conf.py`` needs in order to take a chapter of the Tokyo Digital
Service Council handbook into its own handbook.
"""

from __future__ import annotations

import os

from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
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

# The chapter names the organisation through these substitutions: set your own.
# Every key the handbook's conf.py defines in myst_substitutions must be set here.
myst_enable_extensions = ['colon_fence', 'deflist', 'fieldlist', 'substitution']
myst_heading_anchors = 3
myst_substitutions = {
    'organisation': '〇〇区',
    'organisation_en': 'Example City',
}

# The chapter cites the handbook's bibliography; copy_chapter.py copies it too.
bibtex_bibfiles = ['references.bib']
bibtex_default_style = 'unsrt'
bibtex_reference_style = 'label'

# Meetings, opinions, sources and revisions the chapter links to stay in the
# handbook: intersphinx resolves those links to the handbook's site. Write the
# handbook's published address in HANDBOOK_URL. By default this example uses the
# handbook built next to it (``make html`` at the repository's root), offline.
HANDBOOK_URL = os.environ.get('HANDBOOK_URL', '../../../_build/html/')
#: where objects.inv is read from; empty: fetched from HANDBOOK_URL
HANDBOOK_INVENTORY = os.environ.get('HANDBOOK_INVENTORY', '../../_build/html/objects.inv')
intersphinx_mapping = {'tokyo': (HANDBOOK_URL, HANDBOOK_INVENTORY or None)}
# also let the chapter's {doc}, {ref} and {term} links reach the handbook's other
# pages and its glossary
intersphinx_disabled_reftypes: list[str] = []

# This project records no opinion or finding of its own yet: the evidence behind
# each principle stays in the handbook, which the chapter's text links to. Remove
# this line once your own council's opinions are recorded with gov:opinion.
suppress_warnings = ['gov.no-evidence']

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
