"""Each internal of Sphinx and MyST-Parser that :mod:`gov_provenance.compat` relies on,
pinned: a test here fails when an upgrade changes its shape.

Every piece of ``compat.py`` was written against the versions in
:data:`~gov_provenance.compat.WRITTEN_AGAINST` (Sphinx 9.0.4, MyST-Parser 5.2.0); each
test below names the piece it pins and what it relies on. When one fails after an
upgrade, fix that piece, then write the new version into ``WRITTEN_AGAINST``.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path
from typing import Any, ClassVar

import pytest
from docutils import nodes
from docutils.core import publish_doctree
from docutils.parsers.rst import Directive, directives
from gov_provenance import compat, compat_myst, fences
from gov_provenance.listpages import TEMPLATE, TEMPLATES_DIR
from myst_parser.mdit_to_docutils.base import DocutilsRenderer
from myst_parser.parsers.directives import parse_directive_text
from myst_parser.parsers.docutils_ import Parser as MystParser
from sphinx import addnodes
from sphinx.builders import Builder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment.adapters.toctree import document_toc
from sphinx.testing.util import SphinxTestApp
from sphinx.util import logging as sphinx_logging
from sphinxcontrib.bibtex import directives as bibtex_directives
from sphinxcontrib.bibtex import domain as bibtex_domain
from sphinxcontrib.bibtex import foot_roles as bibtex_foot_roles


def parameters(function: Any) -> list[str]:
    return list(inspect.signature(function).parameters)


@pytest.mark.parametrize('package', sorted(compat.WRITTEN_AGAINST))
def test_the_installed_versions_are_those_compat_was_written_for(package: str) -> None:
    """A new major version may change any internal: read each piece again before
    raising the bound in pyproject.toml."""
    installed, written = version(package), compat.WRITTEN_AGAINST[package]
    assert installed.split('.')[0] == written.split('.')[0], (
        f'{package} {installed} is installed; compat.py was written against {written}'
    )


# -- hold_toctree_parents: BuildEnvironment.files_to_rebuild, read by Builder.write -------


@pytest.mark.sphinx('html', testroot='incremental-parents')
def test_files_to_rebuild_maps_each_page_to_its_toctree_parents(
    shared_app: SphinxTestApp,
) -> None:
    parents = shared_app.env.files_to_rebuild
    assert isinstance(parents, dict)
    assert parents['p01'] == {'principles'} and parents['principles'] == {'index'}
    assert all(isinstance(value, set) for value in parents.values())


def test_builder_write_reads_files_to_rebuild_after_write_started() -> None:
    """What the parents are held from: ``Builder.write()`` emits ``write-started``, then
    adds the parents of every page it writes."""
    source = inspect.getsource(Builder.write)
    started = source.index("'write-started'")
    assert started < source.index('env.files_to_rebuild.get(docname')


@pytest.mark.sphinx('html', testroot='incremental-parents')
def test_held_parents_are_given_back(shared_app: SphinxTestApp) -> None:
    env = shared_app.env
    before = {docname: set(parents) for docname, parents in env.files_to_rebuild.items()}
    held = compat.hold_toctree_parents(env, ['p01', 'not-a-page'])
    assert held == {'p01': {'principles'}} and 'p01' not in env.files_to_rebuild
    compat.give_back_toctree_parents(env, held)
    assert env.files_to_rebuild == before


# -- the list pages: the build info, the templates' time, a page's file -------------------


@pytest.mark.sphinx('html', testroot='survey')
def test_the_html_builder_says_what_every_page_is_written_with(
    shared_app: SphinxTestApp,
) -> None:
    builder = shared_app.builder
    info = builder.build_info  # type: ignore[attr-defined]
    assert compat.html_build_hash(builder) == f'{info.config_hash} {info.tags_hash}'
    assert info.config_hash and info.tags_hash
    # and compares it, then the templates' time, to decide that a page is out of date
    source = inspect.getsource(StandaloneHTMLBuilder.get_outdated_docs)
    assert 'self.build_info != build_info' in source
    assert 'self.templates.newest_template_mtime()' in source
    assert compat.html_build_hash(object()) == ''


@pytest.mark.sphinx('html', testroot='survey')
def test_the_newest_template_is_the_extension_s_or_older(shared_app: SphinxTestApp) -> None:
    newest = compat.newest_template_time(shared_app.builder)
    assert newest >= (TEMPLATES_DIR / TEMPLATE).stat().st_mtime
    assert compat.newest_template_time(object()) == 0.0


@pytest.mark.parametrize(('buildername', 'written'), [
    ('html', 'gov-lists/P01/shaped-by/S1/1.html'),
    ('dirhtml', 'gov-lists/P01/shaped-by/S1/1/index.html'),
])
def test_a_page_is_written_where_the_builder_says(
    built_root: Any, buildername: str, written: str,
) -> None:
    app = built_root('survey', buildername)
    path = compat.output_path(app.builder, 'gov-lists/P01/shaped-by/S1/1')
    assert path == app.outdir / written and path.is_file()
    assert 'self.get_output_path(pagename)' in inspect.getsource(
        StandaloneHTMLBuilder.handle_page)


# -- add_to_page_contents: document_toc, its tree, render_partial, the page's context -------


def test_document_toc_takes_the_environment_a_docname_and_the_tags() -> None:
    assert parameters(document_toc) == ['env', 'docname', 'tags']
    assert parameters(StandaloneHTMLBuilder.render_partial) == ['self', 'node']


def test_the_page_context_has_the_contents_before_html_page_context() -> None:
    source = inspect.getsource(StandaloneHTMLBuilder.get_doc_context)
    assert "'toc': toc" in source and "'display_toc'" in source
    assert 'document_toc(self.env, docname, self.tags)' in source


@pytest.mark.sphinx('html', testroot='principle-page')
def test_a_page_contents_is_a_list_of_references_by_anchor(shared_app: SphinxTestApp) -> None:
    """The page's title has the anchor ``''``; a section, ``'#<id>'``; each entry is a
    ``list_item`` of a ``compact_paragraph`` and the list of its subsections."""
    app = shared_app
    toc = document_toc(app.env, 'p01', app.tags)  # a title, and a section "Background"
    assert isinstance(toc, nodes.bullet_list)
    page = toc[0]
    assert isinstance(page, nodes.list_item)
    assert isinstance(page[0], addnodes.compact_paragraph)
    title = page[0][0]
    assert isinstance(title, nodes.reference) and title['anchorname'] == ''
    sections = [node for node in page.children if isinstance(node, nodes.bullet_list)]
    assert len(sections) == 1
    anchors = [reference['anchorname'] for reference in sections[0].findall(nodes.reference)]
    assert anchors == ['#background']
    for reference in sections[0].findall(nodes.reference):
        assert isinstance(reference.parent.parent, nodes.list_item)


def test_a_heading_is_added_under_its_section_in_document_order() -> None:
    toc = nodes.bullet_list('', nodes.list_item(
        '', addnodes.compact_paragraph('', '', nodes.reference('', 'Page', anchorname='')),
        nodes.bullet_list('', nodes.list_item('', addnodes.compact_paragraph(
            '', '', nodes.reference('', 'Part', anchorname='#part')))),
    ))
    document = nodes.document(None, None)
    page = nodes.section(ids=['page'])
    part = nodes.section(ids=['part'])
    before, after = nodes.rubric('', 'Before', ids=['before']), nodes.rubric('', 'In', ids=['in'])
    page += [nodes.title('', 'Page'), before, part]
    part += [nodes.title('', 'Part'), after]
    document += page
    assert compat.with_headings(toc, [before, after]) == 2
    assert [reference['anchorname'] for reference in toc.findall(nodes.reference)] == [
        '', '#before', '#part', '#in',
    ]


# -- option_line: MyST-Parser's block_text and its YAML block of options ---------------------


class Recorder(Directive):
    """A directive that keeps what MyST-Parser gives it."""

    seen: ClassVar[list[tuple[int, str, dict[str, str]]]] = []
    required_arguments = 1
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        'first': directives.unchanged, 'second': directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        self.seen.append((self.lineno, self.block_text, dict(self.options)))
        return []


@pytest.fixture
def recorded() -> Iterator[list[tuple[int, str, dict[str, str]]]]:
    directives.register_directive('gov-compat-record', Recorder)
    Recorder.seen = []
    yield Recorder.seen
    directives._directives.pop('gov-compat-record', None)


MYST_PAGE = """\
# A page

:::{gov-compat-record} yaml
---
first: 1
second: 2
---
Body.
:::

:::{gov-compat-record} colons
:first: 1
:second: 2

Body.
:::
"""


def test_a_directive_gets_its_text_line_for_line(
    recorded: list[tuple[int, str, dict[str, str]]],
) -> None:
    publish_doctree(MYST_PAGE, parser=MystParser(), settings_overrides={
        'myst_enable_extensions': ['colon_fence'], 'report_level': 5,
    })
    lines = MYST_PAGE.splitlines()
    assert len(recorded) == 2
    for lineno, block_text, options in recorded:
        assert options == {'first': '1', 'second': '2'}
        assert block_text.splitlines()[0] == lines[lineno - 1]
        for option in options:
            written = compat_myst.option_line(block_text, lineno, option)
            assert lines[written - 1].lstrip(':').startswith(f'{option}:'), (option, written)
        assert compat_myst.option_line(block_text, lineno, 'absent') == lineno


def test_myst_reads_the_yaml_block_between_two_lines_that_start_with_dashes() -> None:
    assert parameters(parse_directive_text)[:3] == ['directive_class', 'first_line', 'content']
    parsed = parse_directive_text(Recorder, 'argument', '---\nfirst: 1\n----\nBody.\n', line=1)
    assert parsed.options == {'first': '1'} and parsed.body == ['Body.']
    # a line after the block that looks like an option is the body's, and compat agrees
    block = ':::{gov-compat-record} argument\n---\nfirst: 1\n---\nsecond: 2\n:::\n'
    parsed = parse_directive_text(Recorder, 'argument', block.split('\n', 1)[1][:-4], line=1)
    assert 'second' not in parsed.options
    assert compat_myst.option_line(block, 1, 'second') == 1


# -- runs_to_end_of_file: where MyST-Parser ends a fence, and the block_text it passes --------

FENCED_PAGE = """\
# A page

:::{gov-compat-record} closed
Body.
:::

::::{gov-compat-record} nested-first
:::{note}
Inside, \u2028 with a line separator that ends no line.
:::
::::

```{gov-compat-record} backquotes
Body.
```

:::{gov-compat-record} open
Body that runs to the end,

# and takes a heading in.
"""


@pytest.mark.parametrize('ending', ['\n', '', '\n\n', '\r\n'])
def test_a_fence_left_open_runs_to_the_end_of_the_file(
    recorded: list[tuple[int, str, dict[str, str]]], ending: str,
) -> None:
    """MyST-Parser closes what it finds closed and runs an open fence to the end of the
    text around it; ``block_text`` and the line let compat tell the two apart."""
    page = FENCED_PAGE.rstrip('\n').replace('\n', '\r\n' if ending == '\r\n' else '\n')
    page += ending
    publish_doctree(page, parser=MystParser(), settings_overrides={
        'myst_enable_extensions': ['colon_fence'], 'report_level': 5,
    })
    lines = fences.lines_of(page)
    found = {block_text.split('\n', 1)[0].split('} ')[1]: compat_myst.runs_to_end_of_file(
        block_text, lineno, lines) for lineno, block_text, _ in recorded}
    assert found == {'closed': 0, 'nested-first': 0, 'backquotes': 0, 'open': len(lines)}
    assert {compat_myst.fence_of(block_text) for _, block_text, _ in recorded} == {
        ':::', '::::', '```'}
    assert compat_myst.fence_of('.. gov:principle:: P1\n') == ''


# -- WarningRecorder: Sphinx's logging namespace and the records its loggers make -------------


class Capture(logging.Handler):
    """What a handler placed first sees of each record, when it sees it: Sphinx's own
    handlers rewrite ``location`` afterwards, on the same record."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[object, str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((getattr(record, 'location', None), getattr(record, 'type', ''),
                             getattr(record, 'subtype', '')))


@pytest.fixture
def captured() -> Iterator[list[tuple[object, str, str]]]:
    capture = Capture()
    logging.getLogger(sphinx_logging.NAMESPACE).handlers.insert(0, capture)
    yield capture.records
    logging.getLogger(sphinx_logging.NAMESPACE).handlers.remove(capture)


def test_a_record_keeps_its_location_type_and_subtype_as_given(
    captured: list[tuple[object, str, str]],
) -> None:
    assert sphinx_logging.NAMESPACE == 'sphinx'
    node = nodes.paragraph()
    node.source, node.line = '/project/page.md', 3
    logger = sphinx_logging.getLogger('gov_provenance.compat-test')
    for location in ('page', ('page', 3), node, '/project/page.md:3'):
        logger.warning('a warning', location=location, type='gov', subtype='no-evidence')
    assert [location for location, _, _ in captured] == [
        'page', ('page', 3), node, '/project/page.md:3',
    ]
    assert {(kind, subtype) for _, kind, subtype in captured} == {('gov', 'no-evidence')}
    assert sphinx_logging.get_node_location(node) == '/project/page.md:3'


def test_is_suppressed_warning_takes_type_subtype_and_the_setting() -> None:
    assert parameters(sphinx_logging.is_suppressed_warning) == [
        'warning_type', 'sub_type', 'suppress_warnings',
    ]
    suppressed = sphinx_logging.is_suppressed_warning
    assert suppressed('gov', 'no-evidence', ['gov.no-evidence'])
    assert suppressed('gov', 'no-evidence', ['gov'])
    assert not suppressed('gov', 'no-evidence', ['gov.stale-gap'])


@pytest.mark.sphinx('html', testroot='findings-csv')
def test_the_environment_maps_paths_and_data_files_to_pages(shared_app: SphinxTestApp) -> None:
    env = shared_app.env
    survey = Path(shared_app.srcdir, 'survey.md')
    assert env.path2doc(str(survey)) == 'survey'
    assert env.path2doc(str(Path(shared_app.srcdir, 'data', 'answers.csv'))) is None
    recorder = compat.WarningRecorder(shared_app)
    recorder.note(f'{Path(shared_app.srcdir, "data", "answers.csv")}:4')
    recorder.note(('p01', 2))
    recorder.note(f'{survey}:3')
    assert recorder.warned_pages() == {'survey', 'p01'}


# -- WarningHints and the warnings it adds to: MyST-Parser's, Sphinx's, sphinxcontrib-bibtex's --


def test_myst_words_an_unknown_option_as_compat_reads_it() -> None:
    parsed = parse_directive_text(Recorder, 'argument', ':shape: P01\n', line=1)
    [warning] = parsed.warnings
    assert warning.type.value == 'directive_option'
    # as run_directive puts the directive's name before it
    assert "{name!r}: {_warning.msg}" in inspect.getsource(DocutilsRenderer.run_directive)
    found = compat.unknown_option(f"{'gov:opinion'!r}: {warning.msg}")
    assert found == ('gov:opinion', 'shape', sorted(Recorder.option_spec))
    assert compat.unknown_option("'gov:opinion': Unknown directive type") is None


def test_sphinxcontrib_bibtex_words_a_missing_key_as_compat_reads_it() -> None:
    for module in (bibtex_domain, bibtex_directives, bibtex_foot_roles):
        source = inspect.getsource(module)
        assert "'could not find bibtex key \"%s\"' % key" in source, module.__name__
        assert 'subtype="key_not_found"' in source
    assert compat.missing_bibtex_key('could not find bibtex key "a key"') == 'a key'
    assert compat.missing_bibtex_key('could not find bibtex file') is None


def test_the_bibtex_domain_keeps_the_keys_it_read(tmp_path: Path) -> None:
    srcdir = tmp_path / 'src'
    srcdir.mkdir()
    (srcdir / 'conf.py').write_text(
        "extensions = ['sphinxcontrib.bibtex']\nbibtex_bibfiles = ['refs.bib']\n",
        encoding='utf-8')
    (srcdir / 'index.rst').write_text('Page\n====\n', encoding='utf-8')
    (srcdir / 'refs.bib').write_text('@misc{one, title = {One}}\n@misc{Two, title = {Two}}\n',
                                     encoding='utf-8')
    app = SphinxTestApp('html', srcdir=srcdir, builddir=tmp_path / '_build')
    try:
        app.build()
        assert sorted(compat.bibtex_keys(app.env)) == ['Two', 'one']
    finally:
        app.cleanup()


def test_a_record_handled_twice_gets_its_hint_once() -> None:
    hints = compat.WarningHints({('toc', 'not_included'): lambda message, location: '; hint'})
    record = logging.LogRecord('sphinx.test', logging.WARNING, '', 0, 'a warning', (), None)
    record.type, record.subtype = 'toc', 'not_included'
    hints.handle(record)
    hints.handle(record)  # as pending_warnings() hands it over again
    assert record.getMessage() == 'a warning; hint'
    other = logging.LogRecord('sphinx.test', logging.WARNING, '', 0, 'other', (), None)
    hints.handle(other)
    assert other.getMessage() == 'other'
