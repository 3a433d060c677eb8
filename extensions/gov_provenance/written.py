"""Where an object was written: the place every message about it points to."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .messages import __
from .text import column_name


@dataclass(frozen=True)
class Written:
    """Where an object was written: a directive on a page, or a row of a data file.

    Every message about the object, or about one of its options, points here.
    """

    #: the page's source (or the file it includes), or the data file, relative to
    #: the source directory
    file: str
    #: the directive's line, or the line of the file its row starts on
    line: int
    #: each option's own line; a row's options are all on its line
    option_lines: Mapping[str, int] = field(default_factory=dict)
    #: a row's number, 1 for the first after the header; 0 for a directive
    row: int = 0
    #: field -> the column a row's field was read from; one mapping shared by a file's rows
    columns: Mapping[str, str] = field(default_factory=dict)
    #: the directive that imported a row (``gov:import-csv``), whose options give the
    #: fields a row has no column for
    importer: str = ''

    def line_of(self, option: str | None) -> int:
        """The line of ``option``, or of the object when it has no line of its own."""
        return self.option_lines.get(option, self.line) if option else self.line

    def label(self, option: str) -> str:
        """``:shapes:`` for a directive, ``row 3, column 'principles'`` for a CSV row."""
        if not self.row:
            return f':{option}:'
        values = {'row': self.row, 'option': option, 'directive': self.importer}
        if option in self.columns:
            return __('row %(row)d, column %(column)s') % {
                **values, 'column': column_name(self.columns[option])}
        return __(':%(option)s: of %(directive)s') % values
