"""Atom feeds (RFC 4287) of what changed: one for the whole handbook, one per principle.

The handbook's feed has an entry for each revision of a principle, each meeting
record and each release (``gov:release``), newest first; a principle's feed has the
revisions of that principle, so that a reader can follow the clause that concerns
them. Every date comes from the records, never from the clock, so that two builds of
the same sources write the same bytes. feedgen writes the XML, escaping every text;
the HTML of an entry's content is built here from escaped record texts.

Feeds need absolute addresses: they are written only when ``html_baseurl`` is set.
Each page announces the handbook's feed in its ``<head>``, and a principle's page its
own feed too.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urljoin
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from feedgen.feed import FeedGenerator
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.config import Config
from sphinx.locale import get_translation

from .exportparts import object_url
from .locale import MESSAGE_CATALOG, reader_date
from .messages import __
from .model import MEETING, PRINCIPLE, GovObject, content_digest
from .previews import meeting_agenda
from .releases import Release, all_releases
from .text import natural_key
from .views import RevisionEntry, Views
from .warnings_ import info

if TYPE_CHECKING:
    from .domain import GovDomain

_ = get_translation(MESSAGE_CATALOG)

FEED_FOLDER = 'feeds'
HANDBOOK_FEED = 'handbook.atom'
#: the principles' feeds, apart from the handbook's, whatever a principle's id is
PRINCIPLE_FOLDER = 'principles'
ATOM_TYPE = 'application/atom+xml'
#: builders whose pages are one file each, linked by the URLs the feeds give
PAGE_BUILDERS = frozenset({'html', 'dirhtml'})
#: what XML 1.0 cannot carry, even escaped (a record's text never holds it, but a
#: release's text comes from the page as written)
_NOT_XML = re.compile('[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]')


@dataclass(frozen=True)
class FeedEntry:
    """One change, as every feed that lists it shows it."""

    title: str
    day: dt.date
    #: the page and anchor it links to, relative to the site's root
    url: str
    #: plain text, one paragraph each; escaped when the entry is written
    paragraphs: tuple[str, ...]
    #: ids of the principles whose feeds list it
    principles: tuple[str, ...] = ()


# -- what the feeds hold ---------------------------------------------------------


def revision_entry(
    builder: Builder, principle: GovObject, entry: RevisionEntry, summary: str
) -> FeedEntry | None:
    """A revision, dated by the meeting where it was reported; none without that date."""
    meeting = entry.meeting
    day = _date(meeting.day) if meeting is not None else None
    if meeting is None or day is None:
        return None
    revision = entry.revision
    language = builder.config.language
    paragraphs = [_('What changed: %s') % (summary or revision.title or revision.id)]
    if entry.because:
        names = '、'.join(obj.display_name for obj in entry.because)
        if revision.links_inferred:
            # as the pages mark it: the reasons are the handbook's reading, with how
            paragraphs.append(_('Because of (inferred): %s') % names)
            paragraphs.append(_('How it was inferred: %s') % revision.text('inferred'))
        else:
            paragraphs.append(_('Because of: %s') % names)
    paragraphs.append(_('Reported at: %s (%s)') % (meeting.display_name,
                                                    reader_date(meeting.day, language)))
    return FeedEntry(
        title=_('%s revised: %s') % (principle.display_name, revision.title or revision.id),
        day=day, url=object_url(builder, revision), paragraphs=tuple(paragraphs),
        principles=(principle.id,),
    )


def meeting_entry(builder: Builder, meeting: GovObject, agenda: str,
                  summary: str) -> FeedEntry | None:
    day = _date(meeting.day)
    if day is None:
        return None
    when = reader_date(meeting.day, builder.config.language)
    paragraphs = tuple(text for text in (agenda, summary) if text)
    return FeedEntry(title=_('Record of %s (%s)') % (meeting.display_name, when),
                     day=day, url=object_url(builder, meeting), paragraphs=paragraphs)


def release_entry(builder: Builder, release: Release) -> FeedEntry:
    url = f'{builder.get_target_uri(release.docname)}#{release.anchor}'
    return FeedEntry(title=_('Handbook version %s') % release.version, day=release.date,
                     url=url, paragraphs=tuple(release.text.splitlines()))


def handbook_entries(app: Sphinx, views: Views) -> list[FeedEntry]:
    """Every entry of the handbook's feed, newest first."""
    builder, graph = app.builder, views.graph
    entries: list[FeedEntry] = [release_entry(builder, release)
                                for release in all_releases(app.env)]
    for meeting in graph.of_type(MEETING.name):
        agenda = meeting_agenda(app.env, meeting)
        if (found := meeting_entry(builder, meeting, agenda, graph.summary(meeting))) is not None:
            entries.append(found)
    for view in views.principle_rows():
        for revision in view.revisions:
            found = revision_entry(builder, view.principle, revision,
                                   graph.summary(revision.revision))
            if found is not None:
                entries.append(found)
    return newest_first(entries)


def newest_first(entries: Iterable[FeedEntry]) -> list[FeedEntry]:
    """By date, newest first; on one day, in the order given (releases, meetings,
    revisions, each in reading order), so that the order never depends on the build."""
    return sorted(entries, key=lambda entry: entry.day, reverse=True)


# -- writing ---------------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    """What every feed of one build shares."""

    base_url: str
    title: str
    author: str
    language: str
    timezone: dt.tzinfo

    def absolute(self, url: str) -> str:
        return urljoin(self.base_url, url)

    def moment(self, day: dt.date) -> dt.datetime:
        """A record's day as a time: its first moment in the council's time zone."""
        return dt.datetime.combine(day, dt.time(), tzinfo=self.timezone)


def feed_xml(site: Site, title: str, feed_path: str, page_url: str,
             entries: Sequence[FeedEntry], fallback_day: dt.date) -> bytes:
    """One feed as Atom: ``feed_path`` and ``page_url`` are relative to the site's root."""
    generator = FeedGenerator()
    feed_url = site.absolute(feed_path)
    generator.id(feed_url)
    generator.title(_xml_text(title))
    generator.author({'name': _xml_text(site.author)})
    generator.link(href=site.absolute(page_url), rel='alternate', type='text/html')
    generator.link(href=feed_url, rel='self', type=ATOM_TYPE)
    generator.language(site.language)
    # no version: a new release of the extension alone does not change the feeds
    generator.generator('gov-provenance')
    newest = entries[0].day if entries else fallback_day
    generator.updated(site.moment(newest))
    for entry in entries:
        item = generator.add_entry(order='append')
        url = site.absolute(entry.url)
        item.id(url)
        item.title(_xml_text(entry.title))
        item.link(href=url, rel='alternate', type='text/html')
        item.published(site.moment(entry.day))
        item.updated(site.moment(entry.day))
        item.content(entry_html(entry), type='html')
    xml: bytes = generator.atom_str(pretty=True)
    return xml


def entry_html(entry: FeedEntry) -> str:
    """The entry's paragraphs as HTML, every text escaped."""
    return ''.join(f'<p>{html.escape(_xml_text(text))}</p>' for text in entry.paragraphs)


def _xml_text(text: str) -> str:
    return _NOT_XML.sub('', text)


#: the longest id a feed's file is named after in full: a file name has at most 255
#: bytes, and an id has no bound
LONGEST_FEED_NAME = 100


def feed_path(principle_id: str | None = None) -> str:
    """Where a feed is written, relative to the site's root: the handbook's, or a
    principle's (ids are ASCII letters, digits, ``.``, ``_`` and ``-``), named after
    its id, or for a longer id after its start and a digest of the whole."""
    if principle_id:
        name = principle_id
        if len(name) > LONGEST_FEED_NAME:
            name = f'{name[:LONGEST_FEED_NAME // 2]}-{content_digest(principle_id)}'
        return f'{FEED_FOLDER}/{PRINCIPLE_FOLDER}/{name}.atom'
    return f'{FEED_FOLDER}/{HANDBOOK_FEED}'


def site_of(app: Sphinx) -> Site | None:
    """The feeds' shared data, or ``None`` when no feed is written for this build."""
    config = app.config
    if not config.gov_feeds or app.builder.name not in PAGE_BUILDERS or not config.html_baseurl:
        return None
    base_url = config.html_baseurl.rstrip('/') + '/'
    return Site(base_url=base_url, title=str(config.project), author=str(config.author),
                language=config.language or 'en', timezone=_timezone(config))


def _timezone(config: Config) -> dt.tzinfo:
    try:
        return ZoneInfo(config.gov_feed_timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return dt.UTC


def write_feeds(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the handbook's feed and each principle's."""
    site = site_of(app)
    if exception is not None or site is None:
        return
    views = cast('GovDomain', app.env.domains['gov']).view_models
    graph = views.graph
    entries = handbook_entries(app, views)
    fallback = entries[0].day if entries else dt.date(1970, 1, 1)
    Path(app.builder.outdir, FEED_FOLDER, PRINCIPLE_FOLDER).mkdir(parents=True, exist_ok=True)
    root = app.config.root_doc
    written = [feed_path()]
    Path(app.builder.outdir, feed_path()).write_bytes(feed_xml(
        site, _('%s: changes') % site.title, feed_path(),
        app.builder.get_target_uri(root), entries, fallback))
    for principle in graph.of_type(PRINCIPLE.name):
        own = [entry for entry in entries if principle.id in entry.principles]
        path = feed_path(principle.id)
        Path(app.builder.outdir, path).write_bytes(feed_xml(
            site, _('%s: revisions of %s') % (site.title, principle.display_name), path,
            app.builder.get_target_uri(principle.docname), own, fallback))
        written.append(path)
    info(__('gov: wrote %(count)d feeds in %(folder)s/') % {
        'count': len(written), 'folder': FEED_FOLDER})


# -- announcing them -------------------------------------------------------------


def announce_feeds(app: Sphinx, pagename: str, templatename: str,
                   context: dict[str, Any], doctree: Any) -> None:
    """``html-page-context``: the page's ``<head>`` names the feeds that concern it."""
    if site_of(app) is None:
        return
    domain = cast('GovDomain', app.env.domains['gov'])
    feeds = [(_('%s: changes') % app.config.project, feed_path())]
    feeds += [
        (_('%s: revisions of %s') % (app.config.project, obj.display_name), feed_path(obj.id))
        for obj in sorted(domain.objects.get(pagename, ()), key=lambda obj: natural_key(obj.id))
        if obj.objtype == PRINCIPLE.name
    ]
    pathto = context['pathto']
    context['metatags'] = context.get('metatags', '') + ''.join(
        f'<link rel="alternate" type="{ATOM_TYPE}" title="{html.escape(title)}" '
        f'href="{html.escape(pathto(path, resource=True))}">\n'
        for title, path in feeds
    )


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def setup(app: Sphinx) -> None:
    app.add_config_value('gov_feeds', True, 'html', types=frozenset({bool}))
    app.add_config_value('gov_feed_timezone', 'Asia/Tokyo', 'html', types=frozenset({str}))
    app.connect('html-page-context', announce_feeds)
    app.connect('build-finished', write_feeds)
