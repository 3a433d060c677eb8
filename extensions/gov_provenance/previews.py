"""A page's description, for search engines and link previews, from its own record.

A principle's page is described by the principle's summary, a meeting's page by the
meeting's agenda (the first numbered list of the page) or, without one, its summary.
The description goes into ``<meta name="description">`` and, for sphinxext-opengraph,
into the page's ``og:description``; other pages keep what that extension reads from
their first paragraph, and a generated page (an index) is described by its title.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.locale import get_translation

from .locale import MESSAGE_CATALOG, reader_date
from .model import OBJECT_TYPES, GovObject
from .text import shorten

if TYPE_CHECKING:
    from .domain import GovDomain

_ = get_translation(MESSAGE_CATALOG)

#: the types of the record that describes the page it is defined on, in order of choice
DESCRIBING_TYPES = tuple(name for name, spec in OBJECT_TYPES.items() if spec.describes_page)
#: as long as a search result or a preview shows, about 120 Japanese characters
DESCRIPTION_WIDTH = 120


def agenda_of(doctree: nodes.document) -> tuple[str, ...]:
    """The items of the page's first numbered list, each as one line."""
    agenda = next(iter(doctree.findall(nodes.enumerated_list)), None)
    if agenda is None:
        return ()
    return tuple(' '.join(item.astext().split()) for item in agenda.children)


def agenda_line(meeting: GovObject, doctree: nodes.document, language: str | None) -> str:
    """``第3回会議（2022年1月24日）の議題：…、…``, or empty when the page has no agenda."""
    items = agenda_of(doctree)
    if not items:
        return ''
    day = reader_date(meeting.day, language)
    return _('Agenda of %s (%s): %s') % (meeting.display_name, day, '、'.join(items))


def meeting_agenda(env: BuildEnvironment, meeting: GovObject) -> str:
    """The agenda of the meeting, read from the page that records it."""
    return agenda_line(meeting, env.get_doctree(meeting.docname), env.config.language)


def page_description(env: BuildEnvironment, pagename: str,
                     doctree: nodes.document | None) -> str:
    """What describes the page, from its principle or meeting; empty for other pages."""
    domain = cast('GovDomain', env.domains['gov'])
    objects = domain.objects.get(pagename, ())
    for objtype in DESCRIBING_TYPES:
        obj = next((obj for obj in objects if obj.objtype == objtype), None)
        if obj is None:
            continue
        agenda = (agenda_line(obj, doctree, env.config.language)
                  if obj.spec.has_agenda and doctree is not None else '')
        return shorten(agenda or domain.graph.summary(obj), DESCRIPTION_WIDTH)
    return ''


def describe_page(app: Sphinx, pagename: str, templatename: str,
                  context: dict[str, Any], doctree: nodes.document | None) -> None:
    """``html-page-context``, before sphinxext-opengraph's: the page's description."""
    if doctree is None:
        # a generated page (an index, the search page): its title, in the site's name
        title = html.unescape(re.sub(r'<[^>]+>', '', str(context.get('title', ''))))
        description = f'{title} — {app.config.project}' if title else str(app.config.project)
    else:
        description = page_description(app.env, pagename, doctree)
    if not description:
        return
    # a copy: the page's metadata belongs to the environment
    context['meta'] = {**(context.get('meta') or {}),
                       # sphinxext-opengraph escapes only the quotes of an override
                       'og:description': html.escape(description, quote=False)}
    context['metatags'] = (context.get('metatags', '') +
                           f'<meta name="description" content="{html.escape(description)}">\n')


def setup(app: Sphinx) -> None:
    app.connect('html-page-context', describe_page, priority=400)
