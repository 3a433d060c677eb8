"""What an object's text says, read once when its directive is parsed: the whole text
as plain paragraphs, and the keys of the references it cites.

Both are plain data stored with the object (:class:`~.model.GovObject`), for the
export. The paragraphs read the text as the summary does (:func:`.nodes.summary_parts`:
a citation shows no key, a link to an object the name of that object), but keep all
of it, notes on sources included.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from docutils import nodes
from sphinx import addnodes

from .nodes import NOT_PROSE, gov_notes, gov_view, summary_parts
from .text import CLOSING_PUNCTUATION, SummaryParts, clean_text

#: the domain of sphinxcontrib-bibtex's citation roles (``{cite:p}``, ``{cite:t}``, …)
CITE_DOMAIN = 'cite'
#: the text a citation role may give before or after a key: ``{cite:p}`{see}key{p. 3}```
_AROUND_KEY = re.compile(r'\{[^{}]*\}')
#: where a citation stood in a copy of a paragraph's nodes, for the time it is read
_CITED = '\x1e'  # a control character: no text of a page is it alone


def paragraphs(body: Iterable[nodes.Node]) -> tuple[SummaryParts, ...]:
    """The text of ``body``, one entry per paragraph (a list item, a table cell and a
    heading are paragraphs of their own)."""
    found: list[SummaryParts] = []
    for node in _blocks(body):
        parts = _without_citations(node)
        if any(part.strip() if isinstance(part, str) else part.text for part in parts):
            found.append(parts)
    return tuple(found)


def kept_once(summary: str, text: tuple[SummaryParts, ...]) -> str:
    """``summary``, as the very string of the text's first paragraph where it is all of
    that paragraph's text (a short finding's): the environment's pickle then holds it
    once, not twice, for each of thousands of findings."""
    for part in text[0] if text else ():
        if isinstance(part, str) and part == summary:
            return part
    return summary


def _without_citations(block: nodes.Node) -> SummaryParts:
    """The parts of ``block``'s text, as :func:`.nodes.summary_parts` reads them, with
    no space left where a citation stood before closing punctuation (``citing [1].``
    reads ``citing.``). Any other space is the author's, and kept."""
    citations = [node for node in block.findall(addnodes.pending_xref)
                 if node.get('refdomain') == CITE_DOMAIN]
    if not citations:
        return summary_parts([block])
    copy = block.deepcopy()  # the page keeps its citations
    for node in list(copy.findall(addnodes.pending_xref)):
        if node.get('refdomain') == CITE_DOMAIN:
            node.parent.replace(node, nodes.Text(_CITED))
    parts = list(summary_parts([copy]))
    for index, part in enumerate(parts):
        if part != _CITED:
            continue
        after = next((later for later in parts[index + 1:] if later != _CITED), '')
        before = parts[index - 1] if index else ''
        if isinstance(after, str) and after[:1] in CLOSING_PUNCTUATION and isinstance(before, str):
            parts[index - 1] = before.rstrip()
    return tuple(part for part in parts if part != _CITED)


def citation_keys(body: Iterable[nodes.Node]) -> tuple[str, ...]:
    """The keys of the references ``body`` cites, each once, in the order first cited."""
    keys: dict[str, None] = {}
    for block in _blocks(body):
        for node in block.findall(addnodes.pending_xref):
            if node.get('refdomain') == CITE_DOMAIN:
                keys.update(dict.fromkeys(_keys(str(node.get('reftarget', '')))))
    return tuple(keys)


def _keys(target: str) -> Iterator[str]:
    """``key1,key2`` as a citation role's target gives them, without text around them."""
    for part in _AROUND_KEY.sub('', target).split(','):
        key = clean_text(part).text.strip()
        if key:
            yield key


def _blocks(body: Iterable[nodes.Node]) -> Iterator[nodes.Node]:
    """The nodes of ``body`` that hold text directly (paragraphs, headings, code), in
    order; an object written inside the text is its own."""
    for node in body:
        if isinstance(node, (*NOT_PROSE, gov_view)) or _is_object(node):
            continue
        if isinstance(node, gov_notes):
            yield from _blocks(node.children[1:])  # after its title
        elif isinstance(node, nodes.TextElement):
            yield node
        elif isinstance(node, nodes.Element):
            yield from _blocks(node.children)


def _is_object(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and 'gov-object' in node.get('classes', ())
