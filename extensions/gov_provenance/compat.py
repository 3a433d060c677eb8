"""What the extension relies on inside Sphinx and MyST-Parser, in one place.

Each piece below uses something these projects do not promise to keep: an attribute
of the build environment, the shape of the tree of a page's contents, the text of a
directive as MyST-Parser hands it over, the records of Sphinx's logging. Each says
the version it was written against and the internal it relies on;
``tests/test_compat.py`` pins each one against the installed versions, so that an
upgrade that changes one fails there, by name, rather than in a build.
"""

from __future__ import annotations

import ast
import logging
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment
from sphinx.environment.adapters.toctree import document_toc
from sphinx.util.logging import NAMESPACE, get_node_location, is_suppressed_warning

from .warnings_ import RAW_LOCATION

#: the versions every piece was written against (``constraints.txt`` pins them)
WRITTEN_AGAINST = {'sphinx': '9.0.4', 'myst-parser': '5.2.0', 'sphinxcontrib-bibtex': '2.7.0'}


# -- the toctree parents Sphinx writes with a page ---------------------------------------


def hold_toctree_parents(
    env: BuildEnvironment, docnames: Iterable[str]
) -> dict[str, set[str]]:
    """Take the toctree parents of ``docnames`` out of the pages Sphinx writes with
    them, and return them for :func:`give_back_toctree_parents`.

    Written against Sphinx 9.0.4. Relies on ``BuildEnvironment.files_to_rebuild``, a
    dict of docname -> the docnames whose toctree includes it, which
    ``Builder.write()`` reads after it emits ``write-started`` to add the parents of
    every page it writes.
    """
    held = {}
    for docname in docnames:
        if docname in env.files_to_rebuild:
            held[docname] = env.files_to_rebuild.pop(docname)
    return held


def give_back_toctree_parents(env: BuildEnvironment, held: Mapping[str, set[str]]) -> None:
    """Put back what :func:`hold_toctree_parents` took, for the next build to read."""
    env.files_to_rebuild.update(held)


# -- what the HTML builder decides a page is written with ---------------------------------


def html_build_hash(builder: Any) -> str:
    """What Sphinx compares to decide that every page must be written again (the
    HTML configuration and the tags); '' for a builder that has none.

    Written against Sphinx 9.0.4. Relies on ``StandaloneHTMLBuilder.build_info``, a
    ``BuildInfo`` with ``config_hash`` and ``tags_hash``, which ``get_outdated_docs()``
    compares with the last build's ``.buildinfo``.
    """
    info = getattr(builder, 'build_info', None)
    return f'{getattr(info, "config_hash", "")} {getattr(info, "tags_hash", "")}'.strip()


def newest_template_time(builder: Any) -> float:
    """When the newest template the builder reads last changed (seconds since the
    epoch); 0 for a builder without templates.

    Written against Sphinx 9.0.4. Relies on ``BuiltinTemplateLoader.newest_template_mtime()``,
    which ``StandaloneHTMLBuilder.get_outdated_docs()`` compares with each page's file.
    """
    templates = getattr(builder, 'templates', None)
    return float(templates.newest_template_mtime()) if templates is not None else 0.0


def output_path(builder: StandaloneHTMLBuilder, pagename: str) -> Path:
    """The file the builder writes the page ``pagename`` to.

    Written against Sphinx 9.0.4. Relies on ``StandaloneHTMLBuilder.get_output_path()``
    (``DirectoryHTMLBuilder`` gives ``<name>/index.html``), which ``handle_page()``
    writes to.
    """
    return Path(builder.get_output_path(pagename))


# -- the page's contents, with headings Sphinx never read --------------------------------


def add_to_page_contents(
    app: Sphinx, pagename: str, context: dict[str, Any], doctree: nodes.document | None,
    is_heading: Callable[[nodes.rubric], bool],
) -> None:
    """On ``html-page-context``: the page's contents (its local table of contents) with
    the rubrics of the written page that ``is_heading`` accepts, each under its section.

    Sphinx collects a page's contents when it reads the page; a heading added later,
    when the page is written, is added to the contents of that page alone (toctrees
    of other pages never show it).

    Written against Sphinx 9.0.4. Relies on ``document_toc(env, docname, tags)``, which
    gives a copy of ``env.tocs[docname]``: a ``bullet_list`` of ``list_item``, each
    a ``compact_paragraph`` holding a ``reference`` whose ``anchorname`` is ``''``
    for the page's title and ``'#<id>'`` for a section, then a ``bullet_list`` of its
    subsections; on the ``tocdepth`` of the page's metadata (1: no subsections shown);
    and on ``StandaloneHTMLBuilder.render_partial()`` and the ``toc`` and
    ``display_toc`` of the page's context, set before ``html-page-context``.
    """
    builder = app.builder
    if not isinstance(builder, StandaloneHTMLBuilder) or doctree is None:
        return
    if pagename not in app.env.tocs:
        return
    if app.env.metadata[pagename].get('tocdepth', 0) == 1:
        return
    headings = [node for node in doctree.findall(nodes.rubric) if is_heading(node)]
    if not headings:
        return
    toc = document_toc(app.env, pagename, app.tags)
    if not isinstance(toc, nodes.bullet_list):
        return
    if not with_headings(toc, headings):
        return
    context['toc'] = builder.render_partial(toc)['fragment']
    context['display_toc'] = True


def with_headings(toc: nodes.bullet_list, headings: Iterable[nodes.Element]) -> int:
    """Add each of ``headings`` to ``toc``, under its section; how many were added."""
    added: dict[int, int] = {}  # sublist -> headings added to it so far
    entries = {
        reference['anchorname']: reference.parent.parent
        for reference in toc.findall(nodes.reference)
    }
    for heading in headings:
        section, child = heading.parent, heading
        while section is not None and not isinstance(section, nodes.section):
            section, child = section.parent, section
        if section is None:
            continue
        top_level = isinstance(section.parent, nodes.document)
        entry = entries.get(f'#{section["ids"][0]}' if section['ids'] else '')
        if entry is None and top_level:
            entry = entries.get('')
        if entry is None:
            continue
        # after the subsections written before the heading, before those after it
        place = section.index(child)
        before = sum(isinstance(node, nodes.section) for node in section.children[:place])
        sublists = [node for node in entry.children if isinstance(node, nodes.bullet_list)]
        if not sublists:
            sublists.append(nodes.bullet_list())
            entry += sublists[0]
        anchor = f'#{heading["ids"][0]}'
        link = nodes.reference('', '', nodes.Text(heading.astext()), internal=True,
                               refuri=anchor, anchorname=anchor)
        # in document order, so after the headings added before it
        position = before + added.get(id(sublists[0]), 0)
        added[id(sublists[0])] = added.get(id(sublists[0]), 0) + 1
        sublists[0].insert(position, nodes.list_item('', addnodes.compact_paragraph('', '', link)))
    return sum(added.values())


# -- the pages that warned --------------------------------------------------------------


class WarningRecorder(logging.Handler):
    """Notes the page of every warning a build reports (``suppress_warnings`` aside).

    Sphinx reads a page only when its source changed, so a warning reported while
    reading, checking or writing a page is not reported again by the next build, and
    a strict build that failed passes when run again with nothing fixed. The pages
    noted here are read again by the next build (see :mod:`.incremental`), so that
    their warnings come back until they are fixed. A warning located in a file that is
    no page (a CSV file a directive imports, a file a page includes, which
    ``path2doc()`` names as a page all the same) names the pages that depend on it; the
    location of a warning of the domain is the one it carries as written
    (``RAW_LOCATION``), not the one escaped for the log.

    Written against Sphinx 9.0.4. Relies on: Sphinx's loggers living under
    ``NAMESPACE`` (``'sphinx'``), whose handlers Sphinx sets before ``builder-inited``;
    a record keeping ``location``, ``type`` and ``subtype`` as the caller gave them
    (a docname, ``(docname, line)``, a node or ``'path:line'``), as
    ``SphinxLoggerAdapter`` passes them in ``extra``; ``is_suppressed_warning(type,
    subtype, suppress_warnings)``; ``get_node_location(node)``; and
    ``BuildEnvironment.path2doc()`` and ``dependencies``.
    """

    def __init__(self, app: Sphinx) -> None:
        super().__init__(logging.WARNING)
        self.app = app
        self.pages: set[str] = set()
        #: files that are no page (an imported CSV file): their readers are looked up
        #: when the build ends, once every page has noted what it reads
        self.files: set[Path] = set()

    def install(self) -> None:
        """Listen to every warning of the build: first among the handlers, so that it
        sees a warning also when Sphinx's own handler turns it into an exception
        (``--exception-on-warning``)."""
        logging.getLogger(NAMESPACE).handlers.insert(0, self)

    def start(self) -> None:
        """Forget the last build's pages."""
        self.pages.clear()
        self.files.clear()

    def warned_pages(self) -> set[str]:
        """The pages that warned, and those that read a file that warned."""
        env = self.app.env
        if not self.files or env is None:
            return set(self.pages)
        readers = _readers(env)
        return self.pages.union(*(readers.get(_resolved(path), ()) for path in self.files))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            suppressed = self.app.config.suppress_warnings
            if is_suppressed_warning(getattr(record, 'type', '') or '',
                                     getattr(record, 'subtype', '') or '', suppressed):
                return
            # a warning of the domain carries its location as written, before escaping
            self.note(getattr(record, RAW_LOCATION, None) or getattr(record, 'location', None))
        except Exception:  # as every logging handler: report, never raise
            self.handleError(record)

    def note(self, location: object) -> None:
        """Note the page (or file) a warning's location names, in any form Sphinx takes."""
        env = self.app.env
        if env is None or not location:
            return
        if isinstance(location, tuple):
            if location[0]:
                self.pages.add(location[0])
            return
        if isinstance(location, nodes.Node):
            location = get_node_location(location)
        if not isinstance(location, str):
            return
        if location in env.found_docs:  # a docname, as Sphinx takes it too
            self.pages.add(location)
            return
        path, _, line = location.rpartition(':')
        if not path or not (line.isdecimal() or not line):
            path = location
        docname = env.path2doc(path)
        if docname in env.found_docs:
            self.pages.add(docname)
        else:
            self.files.add(Path(path))


def _readers(env: BuildEnvironment) -> dict[Path, set[str]]:
    """Each file a page depends on, and the pages that depend on it."""
    readers: dict[Path, set[str]] = {}
    for docname, dependencies in env.dependencies.items():
        for dependency in dependencies:
            readers.setdefault(_resolved(env.srcdir / dependency), set()).add(docname)
    return readers


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return path


# -- other tools' warnings, with a hint ---------------------------------------------------

#: a hint for a warning of another tool: given the warning's message and location, the
#: text to add to it, or ``''``
Hint = Callable[[str, object], str]
#: the attribute of a record a hint was added to (a record may be handled twice)
HINTED = 'gov_hinted'


class WarningHints(logging.Handler):
    """Adds a hint to a warning another tool reports (MyST-Parser, Sphinx,
    sphinxcontrib-bibtex), found by its type and subtype: ``hints[type, subtype]``.

    Written against Sphinx 9.0.4. Relies on: Sphinx's loggers living under
    ``NAMESPACE``, whose handlers it sets before ``builder-inited`` and calls in their
    order with the same record, so that a handler placed first changes the message the
    others write; a record keeping ``type``, ``subtype`` and ``location`` as the caller
    gave them (a docname, ``(docname, line)``, a node); and a warning's message given
    already formatted. A record held back and handled again (``pending_warnings``, or
    sent by a worker of a parallel build) gets its hint once.
    """

    def __init__(self, hints: Mapping[tuple[str, str], Hint]) -> None:
        super().__init__(logging.WARNING)
        self.hints = hints

    def install(self) -> None:
        logging.getLogger(NAMESPACE).handlers.insert(0, self)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            key = (getattr(record, 'type', '') or '', getattr(record, 'subtype', '') or '')
            hint = self.hints.get(key)
            if hint is None or getattr(record, HINTED, False):
                return
            message = record.getMessage()
            if added := hint(message, getattr(record, 'location', None)):
                record.msg, record.args = message + added, ()
            setattr(record, HINTED, True)
        except Exception:  # as every logging handler: report, never raise
            self.handleError(record)


#: MyST-Parser's warning for an option its directive does not take (``myst.directive_option``)
_UNKNOWN_OPTION = re.compile(
    r"^'(?P<directive>[^']+)': Unknown option key: '(?P<option>[^']*)' "
    r'\(allowed: (?P<allowed>\[.*\])\)$', re.DOTALL)


def unknown_option(message: str) -> tuple[str, str, list[str]] | None:
    """``(directive, option, the options it takes)`` of MyST-Parser's warning for an
    option a directive does not take; ``None`` for any other message.

    Written against MyST-Parser 5.2.0: ``parse_directive_text`` words it ``Unknown
    option key: 'shape' (allowed: [...])`` (a sorted list) and ``run_directive`` puts
    the directive's name before it, ``'gov:opinion': ...``, type ``myst``, subtype
    ``directive_option``.
    """
    found = _UNKNOWN_OPTION.match(message)
    if found is None:
        return None
    try:
        allowed = ast.literal_eval(found['allowed'])
    except (ValueError, SyntaxError):
        return None
    if not isinstance(allowed, list):
        return None
    return found['directive'], found['option'], [str(name) for name in allowed]


#: sphinxcontrib-bibtex's warning for a citation key no ``.bib`` file has
_MISSING_KEY = re.compile(r'^could not find bibtex key "(?P<key>.*)"$', re.DOTALL)


def missing_bibtex_key(message: str) -> str | None:
    """The key of sphinxcontrib-bibtex's warning for a citation no ``.bib`` file has.

    Written against sphinxcontrib-bibtex 2.7.0: ``could not find bibtex key "%s"``,
    type ``bibtex``, subtype ``key_not_found`` (its domain, directives and footnote roles).
    """
    found = _MISSING_KEY.match(message)
    return found['key'] if found else None


def bibtex_keys(env: BuildEnvironment) -> list[str]:
    """Every key of the project's ``.bib`` files, as sphinxcontrib-bibtex read them.

    Written against sphinxcontrib-bibtex 2.7.0: its domain ``cite`` keeps them in
    ``bibdata.data.entries`` (pybtex's entries, by key).
    """
    try:
        entries = env.domains['cite'].bibdata.data.entries  # type: ignore[attr-defined]
        return [str(key) for key in entries]
    except (AttributeError, KeyError, TypeError):
        return []
