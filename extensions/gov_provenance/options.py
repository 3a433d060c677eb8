"""Options as the vocabulary reads them: one parser per field kind.

Pure functions of :mod:`.model`: nothing here logs or knows about Sphinx. Each value
is made one line of plain text, then parsed by its field's kind; every problem is
returned as a :class:`Problem` for the directive to report where the value was
written (a directive's option, or a cell of a CSV row).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .model import FieldValue, Written
from .text import (
    ID_PATTERN,
    MAX_NUMBER,
    clean_text,
    describe_characters,
    parse_date,
    parse_number,
    parse_period,
    quoted,
    split_ids,
)
from .vocabulary import FieldKind, FieldSpec, ObjectType
from .warnings_ import GovWarning


@dataclass(frozen=True)
class Problem:
    """A value that cannot be taken as written, and the option at fault."""

    kind: GovWarning
    message: str
    option: str


@dataclass
class Parsed:
    """The fields read from options, and what was wrong with them."""

    fields: dict[str, FieldValue] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


class InvalidValue(ValueError):
    """A value its field's kind does not take; the message follows the option's name."""

    def __init__(self, kind: GovWarning, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def parse_ref(spec: FieldSpec, raw: str) -> str:
    ids = split_ids(raw)
    if len(ids) != 1:
        raise InvalidValue(GovWarning.INVALID_OPTION, f'takes exactly one id, got {quoted(raw)}')
    return ids[0]


def parse_refs(spec: FieldSpec, raw: str) -> tuple[str, ...]:
    return split_ids(raw)


def parse_choice(spec: FieldSpec, raw: str) -> str:
    if raw in spec.choices:
        return raw
    kind = GovWarning.UNKNOWN_STATUS if spec.kind is FieldKind.STATUS else GovWarning.INVALID_OPTION
    fallback = f'; {spec.default!r} is used meanwhile' if spec.default else ''
    raise InvalidValue(kind, (
        f'value {quoted(raw)} is unknown: use one of {", ".join(spec.choices)}{fallback}'
    ))


def parse_integer(spec: FieldSpec, raw: str) -> int:
    try:
        return parse_number(raw, spec.minimum)
    except ValueError:
        raise InvalidValue(GovWarning.INVALID_OPTION, (
            f'must be a whole number of at least {spec.minimum}, got {quoted(raw)}: write '
            f'digits 0-9 only, up to {MAX_NUMBER:,}'
        )) from None


def parse_day(spec: FieldSpec, raw: str) -> str:
    try:
        return parse_date(raw).isoformat()
    except ValueError:
        raise InvalidValue(GovWarning.INVALID_DATE, (
            f'{quoted(raw)} is not a date: write it as YYYY-MM-DD, e.g. 2022-01-24'
        )) from None


def parse_days(spec: FieldSpec, raw: str) -> str:
    try:
        first, last = parse_period(raw)
    except ValueError:
        raise InvalidValue(GovWarning.INVALID_DATE, (
            f'{quoted(raw)} is not a period: write YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD '
            '(start before end), e.g. 2022-01-07/2022-01-17'
        )) from None
    return first.isoformat() if first == last else f'{first}/{last}'


def parse_text(spec: FieldSpec, raw: str) -> str:
    return raw


def id_problem(objtype: str, object_id: str, where_to_write: str) -> Problem | None:
    """What is wrong with an object's id, if anything, worded alike for a directive
    and a row of a data file; ``where_to_write`` tells where to give a missing id."""
    if not object_id:
        return Problem(GovWarning.MISSING_ID, f'gov:{objtype} has no id: {where_to_write}', '')
    if not ID_PATTERN.fullmatch(object_id):
        return Problem(GovWarning.INVALID_ID, (
            f'gov:{objtype} id {quoted(object_id)} is not valid: use letters, digits, '
            '".", "_" and "-", starting with a letter or digit'
        ), '')
    return None


#: the option of every object directive that makes the object a copy of another
#: project's object: not a field of the record, but where the record comes from
ORIGINAL_OPTION = 'original'
#: ``inventory:id``: a key of ``intersphinx_mapping``, a colon, and an id
ORIGINAL = re.compile(rf'[A-Za-z0-9][A-Za-z0-9._\-]*:{ID_PATTERN.pattern}')


def parse_original(subject: str, raw: str | None) -> tuple[str, list[Problem]]:
    """The ``:original:`` of ``subject`` (``gov:principle 'P01'``): ``inventory:id``, or
    ``''`` when it is not one, and what was wrong with it."""
    if raw is None:
        return '', []
    value, cleaned = clean_value(str(raw).strip(), subject, f':{ORIGINAL_OPTION}:',
                                 ORIGINAL_OPTION)
    problems = [cleaned] if cleaned else []
    value = value.strip()
    if ORIGINAL.fullmatch(value):
        return value, problems
    problems.append(Problem(GovWarning.INVALID_OPTION, (
        f'{subject} :{ORIGINAL_OPTION}: {quoted(value)} does not name an object of another '
        "project: write the project's key in intersphinx_mapping, a colon and the "
        "original's id, e.g. tokyo:P01"
    ), ORIGINAL_OPTION))
    return '', problems


def clean_value(
    raw: str, subject: str, label: str, option: str, *, multiline: bool = False
) -> tuple[str, Problem | None]:
    """An untrusted value made safe to show (:func:`~.model.clean_text`), and the
    problem that names what was taken out of it: ``subject``'s ``label``, an option
    or a cell. ``multiline`` text (an object's text read from a cell) keeps its line
    breaks."""
    cleaned = clean_text(raw, multiline=multiline)
    if not cleaned.removed:
        return cleaned.text, None
    advice = (
        'save the cell as plain text (meanwhile a line break is read as one'
        if multiline else
        'write it as one line of plain text (meanwhile a line break is read as a space'
    )
    return cleaned.text, Problem(GovWarning.CONTROL_CHARACTER, (
        f'{subject} {label} contains {describe_characters(cleaned.removed)}: {advice}, and '
        'the others are left out)'
    ), option)


#: how each kind of field reads its value; a parser raises :class:`InvalidValue`
PARSERS: dict[FieldKind, Callable[[FieldSpec, str], FieldValue]] = {
    FieldKind.TEXT: parse_text,
    FieldKind.INTEGER: parse_integer,
    FieldKind.DATE: parse_day,
    FieldKind.PERIOD: parse_days,
    FieldKind.CHOICE: parse_choice,
    FieldKind.STATUS: parse_choice,
    FieldKind.REF: parse_ref,
    FieldKind.REFS: parse_refs,
}


def parse_options(
    objtype: ObjectType, object_id: str, options: Mapping[str, str], written: Written
) -> Parsed:
    """The fields of the object ``options`` describe, in the order of its type's fields.

    A missing or invalid value is left out (or takes the field's default) with a
    :class:`Problem` whose message names the object and the option as ``written``.
    """
    subject = f'gov:{objtype.name} {quoted(object_id)}'
    parsed = Parsed()
    for spec in objtype.fields:
        raw = options.get(spec.name)
        if raw is not None:
            raw, problem = clean_value(str(raw).strip(), subject, written.label(spec.name),
                                       spec.name)
            if problem:
                parsed.problems.append(problem)
            raw = raw.strip()
        if not raw:
            if spec.required:
                parsed.problems.append(
                    Problem(GovWarning.MISSING_OPTION, missing(subject, spec, written), spec.name)
                )
            if spec.default is not None:
                parsed.fields[spec.name] = spec.default
            continue
        try:
            parsed.fields[spec.name] = PARSERS[spec.kind](spec, raw)
        except InvalidValue as error:
            parsed.problems.append(
                Problem(error.kind, f'{subject} {written.label(spec.name)} {error}', spec.name)
            )
            if spec.default is not None:
                parsed.fields[spec.name] = spec.default
    return parsed


def missing(subject: str, spec: FieldSpec, written: Written) -> str:
    """The message for a required field without a value: an option, or a row's cell."""
    if not written.row:
        return (f'{subject} needs the :{spec.name}: option ({spec.help}); add it under the '
                'directive line')
    return (f'{subject} needs its {spec.name} ({spec.help}), but {written.label(spec.name)} '
            f'is empty: fill it in, or give every row one with :{spec.name}: of '
            f'{written.importer}')
