"""Options as a directive reads them, without Sphinx: each kind of field, its problems."""

from __future__ import annotations

import pytest
from gov_provenance.model import OBJECT_TYPES, Written
from gov_provenance.options import PARSERS, Parsed, parse_options
from gov_provenance.text import MAX_NUMBER
from gov_provenance.vocabulary import FieldKind
from gov_provenance.warnings_ import GovWarning

WRITTEN = Written('index.md', 3, {'number': 4, 'date': 5})


def parse(objtype: str, **options: str) -> Parsed:
    return parse_options(OBJECT_TYPES[objtype], 'X1', options, WRITTEN)


def problems(objtype: str, **options: str) -> list[tuple[GovWarning, str, str]]:
    return [(problem.kind, problem.option, problem.message)
            for problem in parse(objtype, **options).problems]


def test_every_kind_of_field_has_a_parser() -> None:
    assert set(PARSERS) == set(FieldKind)


def test_fields_come_in_the_order_of_the_type() -> None:
    parsed = parse('meeting', date='2022-01-24', number='7', title='First')
    assert list(parsed.fields) == ['title', 'number', 'date']
    assert parsed.fields == {'title': 'First', 'number': 7, 'date': '2022-01-24'}
    assert parsed.problems == []


def test_ids_are_split_on_commas_spaces_and_ideographic_commas() -> None:
    parsed = parse('opinion', meeting='M1', shapes='P01, P02 P03、P04')
    assert parsed.fields['shapes'] == ('P01', 'P02', 'P03', 'P04')
    assert parsed.fields['meeting'] == 'M1'


def test_a_single_reference_takes_exactly_one_id() -> None:
    [(kind, option, message)] = problems('opinion', meeting='M1 M2')
    assert (kind, option) == (GovWarning.INVALID_OPTION, 'meeting')
    assert message == "gov:opinion 'X1' :meeting: takes exactly one id, got 'M1 M2'"


def test_a_missing_required_option_is_named_with_its_help() -> None:
    kinds = [(kind, option) for kind, option, _ in problems('principle', label='A')]
    assert kinds == [(GovWarning.MISSING_OPTION, 'number')]
    [(_, _, message)] = problems('principle', label='A')
    assert message.startswith("gov:principle 'X1' needs the :number: option (")


def test_a_status_takes_its_default_when_missing_or_unknown() -> None:
    default = OBJECT_TYPES['opinion'].field('status').default
    assert default and parse('opinion', meeting='M1').fields['status'] == default
    parsed = parse('opinion', meeting='M1', status='done')
    assert parsed.fields['status'] == default
    [problem] = parsed.problems
    assert problem.kind is GovWarning.UNKNOWN_STATUS
    assert f"{default!r} is used meanwhile" in problem.message


def test_an_unknown_choice_is_an_invalid_option() -> None:
    [(kind, option, message)] = problems('meeting', number='1', date='2022-01-24',
                                         format='by-post')
    assert (kind, option) == (GovWarning.INVALID_OPTION, 'format')
    assert ":format: value 'by-post' is unknown: use one of " in message


@pytest.mark.parametrize('value', ['0', '-1', '１', '²', str(MAX_NUMBER + 1), '1.5', 'one'])
def test_a_number_takes_ascii_digits_within_its_bounds(value: str) -> None:
    [(kind, option, message)] = problems('principle', label='A', number=value)
    assert (kind, option) == (GovWarning.INVALID_OPTION, 'number')
    assert f'must be a whole number of at least 1, got {value!r}' in message
    assert 'number' not in parse('principle', label='A', number=value).fields


def test_the_largest_number_is_taken() -> None:
    assert parse('principle', label='A', number=str(MAX_NUMBER)).fields['number'] == MAX_NUMBER


@pytest.mark.parametrize('value', ['24/01/2022', '2022-02-30', '2022-1-24', ''])
def test_a_date_is_a_real_iso_day(value: str) -> None:
    found = problems('meeting', number='1', date=value)
    if value:
        assert [(kind, option) for kind, option, _ in found] == [
            (GovWarning.INVALID_DATE, 'date')]
        assert f"{value!r} is not a date: write it as YYYY-MM-DD" in found[0][2]
    else:  # an empty value is a missing one
        assert [(kind, option) for kind, option, _ in found] == [
            (GovWarning.MISSING_OPTION, 'date')]


@pytest.mark.parametrize(('value', 'kept'), [
    ('2022-01-07/2022-01-17', '2022-01-07/2022-01-17'),
    ('2022-01-07/2022-01-07', '2022-01-07'),  # one day is written as one
    ('2022-01-07', '2022-01-07'),
])
def test_a_period_is_one_day_or_a_start_before_an_end(value: str, kept: str) -> None:
    assert parse('source', kind='survey', period=value).fields['period'] == kept


def test_a_period_that_ends_before_it_starts_is_invalid() -> None:
    [(kind, option, message)] = problems('source', kind='survey', period='2022-01-17/2022-01-07')
    assert (kind, option) == (GovWarning.INVALID_DATE, 'period')
    assert 'is not a period' in message


def test_a_control_character_is_reported_and_taken_out() -> None:
    parsed = parse('principle', number='1', label='User\u202e focus\x07')
    assert parsed.fields['label'] == 'User focus'
    [problem] = parsed.problems
    assert (problem.kind, problem.option) == (GovWarning.CONTROL_CHARACTER, 'label')
    assert problem.message.startswith("gov:principle 'X1' :label: contains ")


def test_a_row_of_a_file_is_named_by_row_and_column() -> None:
    row = Written('data/a.csv', 3, row=2, columns={'status': '状態'})
    parsed = parse_options(OBJECT_TYPES['finding'], 'A-1',
                           {'source': 'S1', 'status': 'done'}, row)
    [problem] = parsed.problems
    assert "gov:finding 'A-1' row 2, column '状態' value 'done' is unknown" in problem.message
