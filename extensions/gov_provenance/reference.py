"""The tables of the extension reference, drawn from the vocabulary and the warnings.

As MyST-Parser documents its configuration and its warnings from their declarations
(``myst-config``, ``myst-warnings``), two directives draw the reference's tables:

- ``gov-options`` with an object type as its argument: one row per option of its
  directive (``model.FieldSpec``): name, kind, whether required, choices with their
  labels and default, targets, least number, and the option's help;
- ``gov-warnings``: one row per subtype of :class:`.warnings_.GovWarning`, from the
  attribute docstring of each member: its first paragraph says when the warning is
  reported, the rest what to do.

Texts are shown in the project's language from the extension's catalogue, followed by
the English they are declared in (``日本語 / English``); in English, once. The help
and the docstrings may hold inline markup of the page's parser (code in double
backquotes).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.pycode import ModuleAnalyzer
from sphinx.util.docutils import SphinxDirective

from .locale import (
    N_,
    _,
    kind_label,
    object_label,
    reader_locale,
    translated,
    value_label,
    view_label,
)
from .messages import __
from .model import OBJECT_TYPES
from .text import quoted
from .vocabulary import FieldSpec
from .warnings_ import WARNING_TYPE, GovWarning

#: a cell: the inline nodes of its one paragraph
Cell = list[nodes.Node]

OPTION_COLUMNS = (N_('Option'), N_('Type'), N_('Required'), N_('Values'), N_('Meaning'))
WARNING_COLUMNS = (N_('Subtype'), N_('When it happens'), N_('What to do'))


@functools.cache
def warning_docs() -> dict[GovWarning, tuple[str, str]]:
    """Each subtype's docstring: (when it is reported, what to do), each one line."""
    analyzer = ModuleAnalyzer.for_module(GovWarning.__module__)
    attr_docs = analyzer.find_attr_docs()
    docs = {}
    for kind in GovWarning:
        paragraphs = _paragraphs(attr_docs.get((GovWarning.__qualname__, kind.name), []))
        docs[kind] = (paragraphs[0] if paragraphs else '', ' '.join(paragraphs[1:]))
    return docs


def _paragraphs(lines: Iterable[str]) -> list[str]:
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            paragraphs[-1].append(line.strip())
        elif paragraphs[-1]:
            paragraphs.append([])
    return [' '.join(words) for words in paragraphs if words]


def sentence(text: str) -> str:
    """An option's help (``the short label, e.g. …``) as a table shows it."""
    text = text[:1].upper() + text[1:]
    return text if text.endswith('.') else f'{text}.'


class ReferenceTable(SphinxDirective):
    """A table of the reference: texts in the page's language, then in English."""

    def english_too(self) -> bool:
        return reader_locale(self.config.language).language != 'en'

    def both(self, english: str, shown: str | None = None) -> Cell:
        """The message ``english`` in the page's language and, where that differs, in
        English (as ``shown``, if given)."""
        local, english = translated(english), shown or english
        if not self.english_too() or local == english:
            return self.inline(english)
        return [*self.inline(local), nodes.Text(' / '), *self.inline(english)]

    def inline(self, text: str) -> Cell:
        parsed, messages = self.parse_inline(text, lineno=self.lineno)
        return [*parsed, *messages]

    def table(self, header: Sequence[str], rows: Iterable[Sequence[Cell]],
              name: str) -> nodes.table:
        """A table as MyST-Parser makes one of a Markdown table."""
        table = nodes.table(classes=['colwidths-auto', f'gov-reference-{name}'])
        group = nodes.tgroup(cols=len(header))
        table += group
        group.extend(nodes.colspec(colwidth=100 // len(header)) for _column in header)
        group += nodes.thead('', self.row([self.both(column) for column in header]))
        group += nodes.tbody('', *(self.row(cells) for cells in rows))
        return table

    @staticmethod
    def row(cells: Sequence[Cell]) -> nodes.row:
        return nodes.row('', *(nodes.entry('', nodes.paragraph('', '', *cell))
                               for cell in cells))


class OptionsDirective(ReferenceTable):
    """``gov-options <object type>``: the options of the type's directive."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        objtype = OBJECT_TYPES.get(self.arguments[0])
        if objtype is None:
            raise self.error(__('gov-options: unknown object type %(type)s; use one of '
                                '%(types)s') % {'type': quoted(self.arguments[0]),
                                                'types': ', '.join(OBJECT_TYPES)})
        rows = (self.option_row(spec) for spec in objtype.fields)
        return [self.table(OPTION_COLUMNS, rows, 'options')]

    def option_row(self, spec: FieldSpec) -> list[Cell]:
        required = [nodes.Text(str(_('required')))] if spec.required else []
        return [
            [nodes.literal('', f':{spec.name}:')],
            [nodes.Text(kind_label(spec.kind))],
            required,
            self.values(spec),
            self.both(spec.help, sentence(spec.help)) if spec.help else [],
        ]

    def values(self, spec: FieldSpec) -> Cell:
        """What a value may be: its choices, the types it names, its least number."""
        if spec.choices:
            return self.choices(spec)
        if spec.targets:
            names = view_label('separator').join(object_label(name) for name in spec.targets)
            return [nodes.Text(str(_('%s id')) % names)]
        if spec.minimum:
            return formatted(str(_('at least %s')), nodes.literal('', str(spec.minimum)))
        return []

    @staticmethod
    def choices(spec: FieldSpec) -> Cell:
        cell: Cell = []
        for value in spec.choices:
            if cell:
                cell.append(nodes.Text(' / '))
            label = value_label(value)
            if value == spec.default:
                label = str(_('%s, default')) % label
            cell.append(nodes.literal('', value))
            cell.append(nodes.Text(str(_(' (%s)')) % label))
        return cell


class WarningsDirective(ReferenceTable):
    """``gov-warnings``: every subtype of the domain's warnings."""

    def run(self) -> list[nodes.Node]:
        rows = (
            [[nodes.literal('', f'{WARNING_TYPE}.{kind.value}')], self.both(when),
             self.both(fix) if fix else []]
            for kind, (when, fix) in warning_docs().items()
        )
        return [self.table(WARNING_COLUMNS, rows, 'warnings')]


def formatted(template: str, value: nodes.Node) -> Cell:
    """``template``'s text around its one ``%s``, which is ``value``."""
    before, _placeholder, after = template.partition('%s')
    return [node for node in (nodes.Text(before), value, nodes.Text(after)) if node.astext()]


def setup(app: Sphinx) -> None:
    app.add_directive('gov-options', OptionsDirective)
    app.add_directive('gov-warnings', WarningsDirective)
