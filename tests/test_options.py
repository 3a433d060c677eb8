"""Options as a directive reads them, without Sphinx: each kind of field, its problems."""

from __future__ import annotations

import pytest
from gov_provenance.model import OBJECT_TYPES, Written
from gov_provenance.options import PARSERS, Parsed, clean_value, id_problem, parse_options
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


# -- what a directive and a row of a CSV file share ------------------------------------


@pytest.mark.parametrize(('object_id', 'kind'), [
    ('', GovWarning.MISSING_ID), ('a/b', GovWarning.INVALID_ID), ('1 2', GovWarning.INVALID_ID),
    ('-A', GovWarning.INVALID_ID), ('A.1_b-2', None),
])
def test_one_id_check_for_a_directive_and_a_row(object_id: str, kind: GovWarning | None) -> None:
    problem = id_problem('opinion', object_id, 'write it there')
    assert (problem.kind if problem else None) is kind
    if problem and kind is GovWarning.MISSING_ID:
        assert problem.message == 'gov:opinion has no id: write it there'
    elif problem:
        assert problem.message == (f'gov:opinion id {object_id!r} is not valid: use letters, '
                                   'digits, ".", "_" and "-", starting with a letter or digit')


def test_an_id_is_quoted_shortened_in_its_message() -> None:
    problem = id_problem('opinion', '/' * 1000, 'write it there')
    assert problem is not None and len(problem.message) < 200 and '…' in problem.message


@pytest.mark.parametrize(('multiline', 'text', 'advice'), [
    (False, 'a b', 'write it as one line of plain text (meanwhile a line break is read as a '
                   'space, and the others are left out)'),
    (True, 'a\nb', 'save the cell as plain text (meanwhile a line break is read as one, and '
                   'the others are left out)'),
])
def test_one_control_character_message_for_an_option_and_a_cell(
    multiline: bool, text: str, advice: str
) -> None:
    cleaned, problem = clean_value('a\u2028b\x07', "gov:opinion 'X1'", ':title:', 'title',
                                   multiline=multiline)
    assert cleaned == text
    assert problem is not None and problem.option == 'title'
    assert problem.kind is GovWarning.CONTROL_CHARACTER
    assert problem.message == ("gov:opinion 'X1' :title: contains U+2028 (LINE SEPARATOR), "
                               f'U+0007 (a control character): {advice}')
    assert clean_value('plain', "gov:opinion 'X1'", ':title:', 'title') == ('plain', None)


def test_a_row_without_a_required_cell_is_told_where_to_give_it() -> None:
    row = Written('data/a.csv', 3, row=2, columns={'meeting': '会議'}, importer='gov:import-csv')
    [problem] = parse_options(OBJECT_TYPES['opinion'], 'X1', {}, row).problems
    assert (problem.kind, problem.option) == (GovWarning.MISSING_OPTION, 'meeting')
    assert problem.message.startswith("gov:opinion 'X1' needs its meeting (")
    assert problem.message.endswith("but row 2, column '会議' is empty: fill it in, or give "
                                    'every row one with :meeting: of gov:import-csv')
