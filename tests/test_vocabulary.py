"""The vocabulary is declared once, in the model: every other module asks a type or a
relation what it does, and none names one by a literal."""

from __future__ import annotations

import ast
from pathlib import Path

import gov_provenance
import pytest
from gov_provenance.diagram import svg
from gov_provenance.diagram.marks import span_of
from gov_provenance.model import (
    GROUPED_UNDER,
    GROUPINGS,
    INVERSE_NAMES,
    OBJECT_TYPES,
    RELATIONS,
    sorted_objects,
)
from gov_provenance.nodes import index_entries
from gov_provenance.text import OPENING_WIDTH, opening
from gov_provenance.vocabulary import FieldKind, FieldSpec, ObjectType, Relation, Shape
from records import record
from test_view_models import council

PACKAGE = Path(gov_provenance.__file__).parent
#: the module that may name types and relations: the model, which declares them
NAMING_MODULES = frozenset({'model.py'})


def named_literals(source: str, names: frozenset[str]) -> list[tuple[int, str]]:
    """Each string literal of ``source`` that is one of ``names``, with its line."""
    return [(node.lineno, node.value) for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Constant) and node.value in names]


def vocabulary_names() -> frozenset[str]:
    """Every object type's name and every inverse relation's name, from the model."""
    return frozenset(OBJECT_TYPES) | INVERSE_NAMES


def test_the_check_finds_a_name_written_as_a_literal() -> None:
    names = vocabulary_names()
    assert {'principle', 'shaped-by', 'revisions'} <= names
    source = "if obj.objtype == 'principle':\n    graph.named_by(obj.id, \"revisions\")\n"
    assert named_literals(source, names) == [(1, 'principle'), (2, 'revisions')]
    assert named_literals("PRINCIPLE.name, f'gov-{kind}', 'principles'", names) == []


def test_no_module_but_the_model_names_a_type_or_an_inverse_relation() -> None:
    modules = sorted(PACKAGE.rglob('*.py'))
    assert len(modules) > 20 and (PACKAGE / 'diagram' / 'marks.py') in modules
    found = [
        f'{path.relative_to(PACKAGE).as_posix()}:{line}: {value!r}'
        for path in modules if path.relative_to(PACKAGE).as_posix() not in NAMING_MODULES
        for line, value in named_literals(path.read_text(encoding='utf-8'), vocabulary_names())
    ]
    assert found == [], 'ask the model (a type, a relation or its role) instead'


# -- the roles on the types -------------------------------------------------------------


def test_a_name_is_formatted_by_its_type() -> None:
    assert record('principle', 'P01', number='1', label='User focus').display_name == (
        '#1 User focus')
    assert record('meeting', 'M1', number='1', date='2022-01-24',
                  title='First meeting').display_name == 'First meeting'
    # without the field that names it: its id
    assert record('meeting', 'M2', number='2', date='2022-02-01').display_name == 'M2'


def test_a_voice_without_a_title_is_named_by_the_opening_of_its_summary() -> None:
    """A finding imported from a file, or written without :title:, reads well in a
    link: the first sentence of its text, not its id."""
    untitled = record('finding', 'F1', source='S1',
                      summary='窓口の手続きが分かりにくいという声がありました。ほかにも声がありました。')
    assert untitled.display_name == '窓口の手続きが分かりにくいという声がありました'
    assert untitled.named_by_summary
    long_text = record('opinion', 'O1', meeting='M1', summary='あ' * 100)
    assert long_text.display_name == 'あ' * 39 + '…'
    # a title names it, and an object with no text keeps its id
    titled = record('finding', 'F2', source='S1', title='窓口', summary='窓口の声。')
    assert (titled.display_name, titled.named_by_summary) == ('窓口', False)
    empty = record('finding', 'F3', source='S1')
    assert (empty.display_name, empty.named_by_summary) == ('F3', False)
    # a type that is not named so keeps its id
    assert not OBJECT_TYPES['meeting'].named_by_summary
    assert record('meeting', 'M2', number='2', date='2022-02-01',
                  summary='第2回の会議です。').display_name == 'M2'


@pytest.mark.parametrize(('text', 'name'), [
    ('一行の要約', '一行の要約'),
    ('窓口が遠い。二文目。', '窓口が遠い'),
    ('なぜ紙なのか？ 二文目。', 'なぜ紙なのか？'),
    ('（複数行の回答は\n引用符で囲みます）', '（複数行の回答は 引用符で囲みます）'),
    ('The counter is far. Another.', 'The counter is far'),
    ('Version 1.2 of the form asks for too many things at once, say residents',
     'Version 1.2 of the form asks for too…'),
    ('。', ''),
])
def test_the_opening_of_a_text(text: str, name: str) -> None:
    assert opening(text) == name
    assert len(opening(text * 5)) <= OPENING_WIDTH


def test_the_types_named_by_their_summary_are_those_that_take_one() -> None:
    assert {name for name, spec in OBJECT_TYPES.items() if spec.named_by_summary} == {
        name for name, spec in OBJECT_TYPES.items() if 'summary' in spec.field_names}


def test_each_type_sorts_its_own_way() -> None:
    principles = [record('principle', 'P10', number='10', label='Ten'),
                  record('principle', 'PA', number='2', label='Two')]
    meetings = [record('meeting', 'M1', number='1', date='2022-03-01'),
                record('meeting', 'M9', number='9', date='2022-01-24')]
    opinions = [record('opinion', 'O10', meeting='M1'), record('opinion', 'O9', meeting='M1')]
    assert [obj.id for obj in sorted_objects(principles)] == ['PA', 'P10']  # by number
    assert [obj.id for obj in sorted_objects(meetings)] == ['M9', 'M1']  # by date
    assert [obj.id for obj in sorted_objects(opinions)] == ['O9', 'O10']  # by id


def test_the_field_list_shows_what_the_header_and_the_views_do_not() -> None:
    principle, meeting = OBJECT_TYPES['principle'], OBJECT_TYPES['meeting']
    assert [spec.name for spec in principle.fields if spec.in_field_list] == ['number-inferred']
    # a meeting's number is not in its name, so its field list shows it
    assert [spec.name for spec in meeting.fields if spec.in_field_list] == [
        'number', 'date', 'time', 'format']
    assert not any(spec.in_field_list for spec in OBJECT_TYPES['opinion'].fields
                   if spec.kind is FieldKind.STATUS)


def test_what_dates_an_object_and_how_it_is_drawn() -> None:
    meeting = record('meeting', 'M1', number='1', date='2022-01-24')
    source = record('source', 'S1', kind='survey', period='2022-01-07/2022-01-17')
    assert (meeting.day, source.day) == ('2022-01-24', '')
    span = span_of(source)
    assert span is not None and (span.start.day, span.end.day) == (7, 17)
    assert span_of(record('opinion', 'O1', meeting='M1')) is None
    # the legend names the shapes in their order: circle, bar, diamond
    assert [OBJECT_TYPES[name].shape for name in svg.SHAPES] == list(Shape)


def test_evidence_is_grouped_by_where_it_came_from() -> None:
    assert [(relation.source_type, relation.name) for relation in GROUPINGS] == [
        ('opinion', 'meeting'), ('finding', 'source')]
    assert list(GROUPED_UNDER) == ['meeting', 'source']
    # every item of evidence is counted in one of the groups
    counted = {name for name, spec in OBJECT_TYPES.items()
               if spec.is_evidence and spec.counts_as_item}
    assert {relation.source_type for relation in GROUPINGS} == counted


def test_a_target_lists_what_names_it_under_a_heading_of_the_relation() -> None:
    headings = {(relation.source_type, relation.name): relation.heading
                for relation in RELATIONS}
    # by default the heading is the inverse name; a relation read by the same inverse
    # name from another type's end gives its own
    assert headings['revision', 'principle'] == 'revisions'
    assert headings['revision', 'meeting'] == 'meeting-revisions'
    assert Relation(('principle',), 'measured-by').heading == 'measured-by'


def test_a_role_must_name_a_field_of_the_fitting_kind() -> None:
    fields = (FieldSpec('title', FieldKind.TEXT), FieldSpec('when', FieldKind.TEXT))
    with pytest.raises(ValueError, match="'when' is not a field of a fitting kind"):
        ObjectType('kpi', fields, order=lambda obj: (), date='when')
    with pytest.raises(ValueError, match="'name' is not a field"):
        ObjectType('kpi', fields, order=lambda obj: (), name_field='name')
    with pytest.raises(ValueError, match='a heading and a count'):
        Relation(('principle',), 'measured-by', group_heading='measured-at')


def test_the_general_index_lists_the_objects_of_the_types_it_takes() -> None:
    for name, spec in OBJECT_TYPES.items():
        obj = next(obj for obj in council() if obj.objtype == name)
        assert bool(index_entries(obj)) == spec.in_general_index, name
    [entry] = index_entries(record('principle', 'P01', number='1', label='User focus'))
    assert entry['entries'][0][1] == 'Principle; #1 User focus'
