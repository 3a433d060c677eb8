"""The build's own date on the handbook's pages, kept out of the configuration.

Two things on a page come from the build's date (``SOURCE_DATE_EPOCH``, which the
Makefile sets to the last commit's) rather than from the page's sources:

- ``{{ build_date }}``, the date of the data the reuse page offers. It is the role
  ``build-date``, a placeholder each page fills in when it is written;
- the last-updated date of a page git has no date for (a copy of the sources without
  history, a shallow clone, a page not yet committed).

A date in the configuration (``myst_substitutions``) would change with every commit
made on another day, and Sphinx reads every page again when the configuration
changes. Here the configuration stays the same: when the build's date changes, the
pages that show it are written again, and no page is read again.
"""

from __future__ import annotations

import os
from collections.abc import Set as AbstractSet
from datetime import UTC, datetime, tzinfo
from typing import Any

from docutils import nodes
from docutils.parsers.rst.states import Inliner
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.i18n import format_date

#: the role of the placeholder; its text is the date's format (as ``today_fmt``)
ROLE = 'build-date'
#: the class that marks the placeholder in a doctree until the page is written
PLACEHOLDER = 'handbook-build-date'
#: the pages that show ``{{ build_date }}``, kept in the environment
PAGES = 'handbook_build_date_pages'
#: the days the pages were last written with (:func:`days_shown`), kept in the environment
LAST_DAYS = 'handbook_build_days'


def build_time() -> datetime:
    """``SOURCE_DATE_EPOCH`` in UTC, or the time now when it is not set."""
    epoch = os.environ.get('SOURCE_DATE_EPOCH')
    if epoch is None:
        return datetime.now(UTC)
    return datetime.fromtimestamp(int(epoch), tz=UTC)


def build_date(date_format: str, language: str) -> str:
    """The build's date in ``date_format``, a day in UTC as the export states it."""
    return format_date(date_format, date=build_time(), language=language)


def history_date(date_format: str, language: str, time_zone: tzinfo) -> str | None:
    """The last-updated date of a page without history: ``SOURCE_DATE_EPOCH`` in
    ``time_zone``, or ``None`` when it is not set (rather than the time of the build)."""
    if not os.environ.get('SOURCE_DATE_EPOCH'):
        return None
    date = build_time().astimezone(time_zone)
    return format_date(date_format, date=date, language=language)


# -- {{ build_date }}: a placeholder filled in when the page is written ---------------


def build_date_role(
    name: str, rawtext: str, text: str, lineno: int, inliner: Inliner,
    options: dict[str, Any] | None = None, content: list[str] | None = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """``{build-date}`%Y年%-m月%-d日```: the build's date in that format, later."""
    env = inliner.document.settings.env
    pages_showing_the_date(env).add(env.docname)
    placeholder = nodes.inline(rawtext, '', classes=[PLACEHOLDER])
    placeholder['format'] = text
    return [placeholder], []


def pages_showing_the_date(env: BuildEnvironment) -> set[str]:
    if not hasattr(env, PAGES):
        setattr(env, PAGES, set())
    pages: set[str] = getattr(env, PAGES)
    return pages


def fill_build_date(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for placeholder in list(doctree.findall(nodes.inline)):
        if PLACEHOLDER in placeholder['classes']:
            date = build_date(placeholder['format'], app.config.language)
            placeholder.parent.replace(placeholder, nodes.Text(date))


def forget_page(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    pages_showing_the_date(env).discard(docname)


def merge_pages(
    app: Sphinx, env: BuildEnvironment, docnames: AbstractSet[str], other: BuildEnvironment
) -> None:
    """Take the pages read by a parallel process (``-j``)."""
    pages_showing_the_date(env).update(pages_showing_the_date(other) & set(docnames))


# -- the last-updated date of a page without history -----------------------------------


def last_updated_without_history(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Date a page that git has no date for with ``SOURCE_DATE_EPOCH``, if it is set.

    sphinx_last_updated_by_git leaves ``last_updated`` empty for a source outside a git
    repository, in a shallow clone, or not yet committed; the build's own date, the
    one the Makefile sets, keeps every build of the same sources the same. Without
    it the page shows no date rather than the time of the build.
    """
    if context.get('last_updated') or doctree is None:
        return
    config = app.config
    # sphinx_last_updated_by_git has made the time zone's name a tzinfo by now
    date = history_date(config.html_last_updated_fmt, config.language,
                        config.git_last_updated_timezone)
    if date is not None:
        context['last_updated'] = date


def pages_without_history(env: BuildEnvironment) -> set[str]:
    """The pages sphinx_last_updated_by_git found no date for."""
    dates: dict[str, Any] = getattr(env, 'git_last_updated', {})
    return {docname for docname in env.all_docs
            if not dates.get(docname) or dates[docname][0] is None}


# -- writing again the pages that show the build's date -----------------------------


def days_shown(app: Sphinx) -> tuple[str, str | None]:
    """The days this build shows: the build's own (UTC), and the one a page without
    history shows (in the council's time zone; none without ``SOURCE_DATE_EPOCH``)."""
    moment = build_time()
    without_history = None
    if os.environ.get('SOURCE_DATE_EPOCH'):
        time_zone = app.config.git_last_updated_timezone
        without_history = moment.astimezone(time_zone).date().isoformat()
    return moment.date().isoformat(), without_history


def pages_to_write_again(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """When the build's date changed, the pages that show it: Sphinx writes them again.

    Sphinx reads a page again only when its source changed, and writes again only the
    pages it read; without this, an unchanged page would keep the last build's date.
    """
    days, last = days_shown(app), getattr(env, LAST_DAYS, None)
    setattr(env, LAST_DAYS, days)
    if last is None or last == days:
        return []
    pages = pages_showing_the_date(env) | pages_without_history(env)
    return sorted(pages & env.all_docs.keys())


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_role(ROLE, build_date_role)
    app.connect('doctree-resolved', fill_build_date)
    app.connect('env-purge-doc', forget_page)
    app.connect('env-merge-info', merge_pages)
    # after sphinx_last_updated_by_git's handlers (priority 500), whose dates they read
    app.connect('env-updated', pages_to_write_again, priority=600)
    app.connect('html-page-context', last_updated_without_history, priority=600)
    return {'parallel_read_safe': True, 'parallel_write_safe': True}
