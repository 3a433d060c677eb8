"""One directive per object type, and the directives that place handbook-wide views
(the import of objects from a CSV file is :mod:`.importer`'s).

A directive reads its options (:mod:`.options`), records the object with the domain
and returns the nodes that show it (:mod:`.nodes`); everything it reports points at
where the object was written (:class:`~.model.Written`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_id

from .body import citation_keys, kept_once, paragraphs
from .compat_myst import option_line
from .fences import Outer, check_fences, text_of
from .locale import view_label
from .messages import __
from .model import OBJECT_TYPES, GovObject, ViewKind, Written, content_digest
from .nodes import (
    gov_notes,
    gov_view,
    index_entries,
    object_container,
    summary_parts,
)
from .options import ORIGINAL_OPTION, id_problem, object_subject, parse_options, parse_original
from .text import SummaryParts, SummaryRef, shorten, summary_text
from .warnings_ import GovWarning, Location, warn

if TYPE_CHECKING:
    from .domain import GovDomain


class GovDirective(SphinxDirective):
    """What the domain's directives share: locating what they report, placing views,
    and defining objects."""

    @property
    def gov_domain(self) -> GovDomain:
        return cast('GovDomain', self.env.domains['gov'])

    def warn(self, kind: GovWarning, message: str, option: str | None = None) -> None:
        warn(kind, message, self.location(option))

    def location(self, option: str | None = None) -> Location:
        """Where ``:option:`` (or the directive) is written in the source."""
        source, _ = self.get_source_info()
        return Location(source, self.option_line(option) if option else self.lineno)

    def option_line(self, option: str) -> int:
        """The line where an option is written (:func:`~.compat.option_line`)."""
        return option_line(self.block_text, self.lineno, option)

    def written(self) -> Written:
        """Where the directive is written: its page's source, its line and its options'."""
        source, _ = self.get_source_info()
        path = Path(source)
        if path.is_relative_to(self.env.srcdir):
            path = path.relative_to(self.env.srcdir)
        return Written(path.as_posix(), self.lineno,
                       {name: self.option_line(name) for name in self.options})

    def check_fences(self, subject: str) -> None:
        """Report the directive written inside an object's text, or never closed
        (:mod:`.fences`); ``subject`` names it."""
        check_fences(self.env, subject, self.location(), self.block_text)

    def view_node(self, kind: str, target: str = '', *, primary: bool = True) -> gov_view:
        """A placeholder for a view; ``primary`` for the view of the page's own subject
        (the first object it defines, or a view of the whole handbook), whose headings
        rank with the page's sections and are listed in its contents."""
        number = self.gov_domain.note_view(self.env.docname, kind, target)
        return gov_view('', kind=kind, target=target, number=number, primary=primary)

    def define_object(
        self,
        objtype: str,
        object_id: str,
        options: Mapping[str, str],
        body: list[nodes.Node],
        text: str,
        written: Written,
    ) -> list[nodes.Node]:
        """Record the object ``options`` describe, written at ``written``, and return
        the nodes that show it, ``body`` as its text (``text`` as written)."""
        parsed = parse_options(OBJECT_TYPES[objtype], object_id, options, written)
        original, original_problems = parse_original(f'gov:{objtype} {object_id!r}',
                                                     options.get(ORIGINAL_OPTION))
        for problem in [*parsed.problems, *original_problems]:
            warn(problem.kind, problem.message,
                 Location.written(self.env.srcdir, written, problem.option))
        fields = parsed.fields
        anchor = make_id(self.env, self.state.document, f'gov-{objtype}', object_id)
        parts: SummaryParts = () if fields.get('summary') else summary_parts(body)
        text_paragraphs = paragraphs(body)
        summary = shorten(str(fields.get('summary', ''))) or summary_text(parts)
        obj = GovObject(
            objtype=objtype,
            id=object_id,
            docname=self.env.docname,
            anchor=anchor,
            written=written,
            fields=fields,
            summary=kept_once(summary, text_paragraphs),
            summary_parts=parts if any(isinstance(part, SummaryRef) for part in parts) else (),
            paragraphs=text_paragraphs,
            citations=citation_keys(body),
            original=original,
            digest=content_digest(
                objtype, object_id, self.env.docname, anchor, sorted(fields.items()), text,
                original,
            ),
        )
        self.gov_domain.note_object(obj)
        container = object_container(obj, body, self.section_title(), self.config.language)
        self.set_source_info(container)
        self.state.document.note_explicit_target(container)
        if OBJECT_TYPES[objtype].view is not None:
            first = len(self.gov_domain.objects.get(self.env.docname, [])) == 1
            container += self.view_node(objtype, object_id, primary=first)
        return [*index_entries(obj), container]

    def section_title(self) -> str:
        """The text of the heading the directive is written under, if any."""
        section = self.state_machine.node
        if isinstance(section, nodes.section) and section.children:
            title = section[0]
            if isinstance(title, nodes.title):
                return title.astext()
        return ''


class GovObjectDirective(GovDirective):
    """Define one object of the handbook: its id as argument, its fields as options."""

    objtype: ClassVar[str]
    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True  # so an id with a space gets our message, not docutils'

    @property
    def directive_name(self) -> str:
        return f'gov:{self.objtype}'

    def run(self) -> list[nodes.Node]:
        object_id = self.arguments[0].strip() if self.arguments else ''
        subject = object_subject(self.objtype, object_id) if object_id else self.directive_name
        self.check_fences(subject)
        written = self.written()
        with text_of(self.env, Outer(subject, f'{written.file}:{written.line}')):
            body = self.parse_content_to_nodes()
        invalid = id_problem(self.objtype, object_id, __(
            'give one after the directive name, e.g. ":::{%(directive)s} EXAMPLE-1"'
        ) % {'directive': self.directive_name})
        if invalid:
            self.warn(invalid.kind, invalid.message)
            return body
        return self.define_object(self.objtype, object_id, self.options, body,
                                  '\n'.join(self.content), written)


def object_directive(objtype: str) -> type[GovObjectDirective]:
    """The directive class of one object type, with an option per field."""
    option_spec = {spec.name: directives.unchanged for spec in OBJECT_TYPES[objtype].fields}
    option_spec[ORIGINAL_OPTION] = directives.unchanged
    name = ''.join(part.title() for part in objtype.split('-')) + 'Directive'
    return type(name, (GovObjectDirective,), {'objtype': objtype, 'option_spec': option_spec})


class NotesDirective(SphinxDirective):
    """Notes on where an object's record comes from and how certain it is.

    Written in an object's text, after what a reader needs first; shown collapsed
    under the title 「出典と確かさ」 (Sources and certainty).
    """

    has_content = True

    def run(self) -> list[nodes.Node]:
        notes = gov_notes('', nodes.rubric('', view_label('notes')), classes=['gov-notes'])
        self.set_source_info(notes)
        notes.extend(self.parse_content_to_nodes())
        return [notes]


class HandbookViewDirective(GovDirective):
    """Place a view computed over the whole handbook."""

    kind: ClassVar[str]
    has_content = False

    def run(self) -> list[nodes.Node]:
        self.check_fences(self.name)
        node = self.view_node(self.kind)
        self.set_source_info(node)
        return [node]


class MatrixDirective(HandbookViewDirective):
    """The traceability matrix: principles by meetings and sources."""

    kind = ViewKind.MATRIX.value


class CoverageDirective(HandbookViewDirective):
    """What is missing: principles without evidence, pending and unused evidence."""

    kind = ViewKind.COVERAGE.value


class PrincipleTableDirective(HandbookViewDirective):
    """All principles, with status and how much evidence, revision and guidance each has."""

    kind = ViewKind.PRINCIPLE_TABLE.value

