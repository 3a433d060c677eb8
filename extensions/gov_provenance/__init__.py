"""Provenance for a council's code of conduct: the ``gov`` Sphinx domain.

Every principle shows the member opinions, workshop and survey findings that
shaped it, its revisions and the guidelines that implement it; every opinion and
finding shows the principles it shaped.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.typing import ExtensionMetadata

from . import (
    collector,
    feeds,
    hints,
    incremental,
    listpages,
    previews,
    reference,
    releases,
    settings,
    upstream,
    warnings_,
)
from .domain import GovDomain
from .export import write_export
from .linklists import gov_object_list, visit_object_list_html
from .messages import LOCALE_DIR, MESSAGE_CATALOG
from .nodes import gov_notes, gov_view, skip_view, visit_notes_html
from .references import on_warn_missing_reference
from .rendering import list_view_headings, render_views

try:
    __version__ = version('gov-provenance')
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = '0.0.0'

STATIC_DIR = Path(__file__).parent / 'static'


def _add_static_path(app: Sphinx, config: Config) -> None:
    # before the environment compares the configuration with the last build's: added
    # later, every incremental build would report that html_static_path changed
    config.html_static_path.append(str(STATIC_DIR))


def _add_css_file(app: Sphinx) -> None:
    if app.builder.format == 'html':
        app.add_css_file('gov-provenance.css')


def setup(app: Sphinx) -> ExtensionMetadata:
    settings.add_settings(app)
    app.add_config_value('gov_export', True, '', types=frozenset({bool}))
    # the export's only: a new commit rebuilds nothing
    app.add_config_value('gov_source_commit', '', '', types=frozenset({str}))
    app.add_domain(GovDomain)
    app.add_node(
        gov_view,
        html=(skip_view, None), latex=(skip_view, None), text=(skip_view, None),
        man=(skip_view, None), texinfo=(skip_view, None),
    )
    app.add_node(gov_notes, html=(visit_notes_html, None))
    app.add_node(gov_object_list, html=(visit_object_list_html, None))
    app.connect('doctree-resolved', render_views)
    app.connect('html-page-context', list_view_headings)
    app.add_message_catalog(MESSAGE_CATALOG, str(LOCALE_DIR))
    incremental.setup(app)
    listpages.setup(app)
    warnings_.setup(app)
    hints.setup(app)
    upstream.setup(app)
    app.connect('warn-missing-reference', on_warn_missing_reference)
    app.connect('config-inited', _add_static_path)
    app.connect('builder-inited', _add_css_file)
    app.connect('build-finished', write_export)
    collector.setup(app)
    releases.setup(app)
    feeds.setup(app)
    previews.setup(app)
    reference.setup(app)
    return {
        'version': __version__,
        'env_version': GovDomain.data_version,
        'parallel_read_safe': True,
        'parallel_write_safe': True,
    }


__all__ = ['GovDomain', 'setup']


