"""Releases of the handbook: ``gov:release``, what changed for readers in one version.

Each directive records a version, its date and what it changed for readers, as plain
text, keyed by the document that defines it (like ``sphinx.ext.todo``'s records), so
that the feeds (:mod:`.feeds`) and the export can list the releases without reading
the changelog for developers. On the page, a release is a target (``release-0-1-0``)
followed by its content.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from .text import cut, natural_key, parse_date, quoted
from .warnings_ import GovWarning, Location, warn

#: a version as Semantic Versioning writes it, without a leading ``v``
VERSION = re.compile(r'[0-9]+\.[0-9]+\.[0-9]+(?:-[0-9A-Za-z.-]+)?')
#: where the environment keeps the releases: docname -> [Release]
ENV_KEY = 'gov_releases'


@dataclass(frozen=True)
class Release:
    """One release, as its page records it."""

    version: str
    date: dt.date
    #: what changed for readers, as plain text (one line per paragraph or item)
    text: str
    docname: str
    anchor: str


def release_anchor(version: str) -> str:
    return nodes.make_id(f'release-{version}')


class ReleaseDirective(SphinxDirective):
    """``gov:release 0.1.0`` with ``:date: YYYY-MM-DD``: what one version changed."""

    # the version is checked by run(), so that a missing one gets a message of the domain
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict[str, object]] = {'date': directives.unchanged}

    def run(self) -> list[nodes.Node]:
        """The release's content, recorded when its version and date are valid; shown
        either way, so that a mistake hides nothing from readers."""
        container = nodes.container('', classes=['gov-release'])
        container += self.parse_content_to_nodes()
        version = self.arguments[0].strip() if self.arguments else ''
        date = self._date(version)
        if date is not None:
            container['ids'] = [release_anchor(version)]
            releases = _releases(self.env).setdefault(self.env.docname, [])
            releases.append(Release(version, date, plain_text(container), self.env.docname,
                                    container['ids'][0]))
        return [container]

    def _date(self, version: str) -> dt.date | None:
        location = Location(self.env.doc2path(self.env.docname), self.lineno)
        if not VERSION.fullmatch(version):
            warn(GovWarning.INVALID_RELEASE,
                 f'release {quoted(version)} is not a version such as 0.1.0: write '
                 'MAJOR.MINOR.PATCH, as in pyproject.toml', location)
            return None
        try:
            return parse_date(self.options.get('date', ''))
        except ValueError:
            warn(GovWarning.INVALID_RELEASE,
                 f'release {cut(version)} needs :date: YYYY-MM-DD, the day it was published',
                 location)
            return None


def plain_text(node: nodes.Element) -> str:
    """The node's paragraphs (and list items' paragraphs), one a line, without markup."""
    lines = (' '.join(paragraph.astext().split()) for paragraph in node.findall(nodes.paragraph))
    return '\n'.join(line for line in lines if line)


def _releases(env: BuildEnvironment) -> dict[str, list[Release]]:
    if not hasattr(env, ENV_KEY):
        setattr(env, ENV_KEY, {})
    releases: dict[str, list[Release]] = getattr(env, ENV_KEY)
    return releases


def all_releases(env: BuildEnvironment) -> list[Release]:
    """Every release of the build, newest first."""
    found = [release for records in _releases(env).values() for release in records]
    return sorted(found, key=lambda release: (release.date, natural_key(release.version)),
                  reverse=True)


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _releases(env).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: Iterable[str],
           other: BuildEnvironment) -> None:
    mine = _releases(env)
    theirs = _releases(other)
    for docname in docnames:
        if docname in theirs:
            mine[docname] = theirs[docname]


def setup(app: Sphinx) -> None:
    app.add_directive_to_domain('gov', 'release', ReleaseDirective)
    app.connect('env-purge-doc', _purge)
    app.connect('env-merge-info', _merge)
