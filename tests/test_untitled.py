"""An opinion or a finding without a title reads well: named by the opening of its
text, never by its id, wherever a reader meets it.

The ``untitled`` root writes an opinion and a finding without ``:title:`` (as the
guide's templates do) and imports two findings from a file of the columns
``id,text,shapes`` (as the README's example does).
"""

from __future__ import annotations

import pytest
from common import body, links, object_element, text
from sphinx.testing.util import SphinxTestApp
from test_reader_pages import NOT_RUNNING_TEXT, developer_tokens, findings

pytestmark = pytest.mark.sphinx('html', testroot='untitled')

OPINION_TEXT = ('窓口で同じことを何度も書かされるという意見です。'
                '書類を一つにまとめてほしいと求めました。')
IDS = ['P1', 'M1', 'M1-O1', 'S1', 'S1-F1', 'S1-A1', 'S1-A2']


def test_it_builds_without_a_warning(shared_app: SphinxTestApp) -> None:
    assert shared_app.warning.getvalue() == ''


@pytest.mark.parametrize('page', ['index', 'principle', 'voices'])
def test_no_page_shows_a_record_id(shared_app: SphinxTestApp, page: str) -> None:
    main = body(shared_app, page)
    for element in main.select(', '.join(NOT_RUNNING_TEXT)):
        element.decompose()
    shown = text(main)
    assert findings(shown, developer_tokens(IDS)) == []


def test_a_link_shows_the_first_sentence_of_its_text(shared_app: SphinxTestApp) -> None:
    shown = [name for _, name in links(body(shared_app, 'index').find('p'), 'index')]
    assert shown == ['一行の要約', '窓口で同じことを何度も書かされるという意見です',
                     '（複数行の回答は 引用符で囲みます）']


def test_a_view_links_each_voice_by_its_whole_summary(shared_app: SphinxTestApp) -> None:
    view = object_element(shared_app, 'principle', 'principle', 'P1')
    names = [name for _, name in links(view, 'principle') if name]
    assert OPINION_TEXT in names
    assert {'一行の要約', '（回答の本文）', '（複数行の回答は 引用符で囲みます）'} <= set(names)
    # the summary is the link, not repeated after it
    assert f'{OPINION_TEXT} — ' not in text(view)


def test_its_own_header_does_not_repeat_the_text_below_it(shared_app: SphinxTestApp) -> None:
    opinion = object_element(shared_app, 'voices', 'opinion', 'M1-O1')
    header = opinion.find(class_='gov-object-header')
    assert header is not None and header.find(class_='gov-name') is None
    assert text(opinion).count('窓口で同じことを何度も') == 1
