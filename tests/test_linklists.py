"""A list of links to objects is written alike as one node (HTML) and as docutils
nodes (every other writer): :mod:`gov_provenance.linklists`."""

from __future__ import annotations

import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.utils import new_document
from gov_provenance.linklists import ListedObject, gov_object_list, list_nodes, object_list
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.testing.util import SphinxTestApp
from sphinx.writers.html import HTMLWriter
from sphinx.writers.html5 import HTML5Translator

pytestmark = pytest.mark.sphinx('html', testroot='views')

#: every shape an item takes, with text a hostile record could hold
ITEMS = [
    ListedObject('../principles/P01.html#gov-principle-P01', 'gov-principle-P01',
                 'Principle P01: <b>"title"</b>', '#1 Principle & co', '', 'adopted', False),
    ListedObject('', 'gov-finding-F1', 'Finding F1', 'F1',
                 'said <script>alert("x")</script> @ 10:00', 'pending', True),
    ListedObject('https://example.org/handbook/p.html#gov-principle-P02', 'gov-principle-P02',
                 'Principle\nP02', 'P02', '', '', False),
    ListedObject(None, 'gov-finding-F2', 'Finding F2', 'F2 — not on this build’s pages',
                 'detail\tafter', 'reflected', True),
]


def written(app: SphinxTestApp, node: nodes.Element) -> str:
    """``node`` as the HTML builder's translator writes it."""
    assert isinstance(app.builder, StandaloneHTMLBuilder)
    document = new_document('<test>', get_default_settings(HTMLWriter(app.builder)))
    document += node
    translator = app.builder.create_translator(document, app.builder)
    assert isinstance(translator, HTML5Translator)
    document.walkabout(translator)
    return ''.join(translator.body)


def test_html_node_writes_what_the_nodes_would(app: SphinxTestApp) -> None:
    one_node = written(app, gov_object_list('', items=ITEMS))
    as_nodes = written(app, list_nodes(ITEMS))
    assert one_node == as_nodes
    assert '<script>' not in one_node and '&lt;script&gt;' in one_node
    assert 'class="reference external" href="https://example.org/' in one_node
    assert 'href="#gov-finding-F1"' in one_node


def test_each_writer_gets_its_form(app: SphinxTestApp) -> None:
    assert isinstance(object_list(ITEMS, 'html'), gov_object_list)
    built = object_list(ITEMS, 'latex')
    assert isinstance(built, nodes.bullet_list) and len(built) == len(ITEMS)
    # an object on no page of this build is named, not linked
    assert not list(built[3].findall(nodes.reference))
