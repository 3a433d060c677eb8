"""What the vocabulary declares is labelled, toned and described once, from the model.

Each test walks the model (:mod:`gov_provenance.model`) rather than a list of its own:
every object type, field, choice and status value, relation and kind of field has its
label in English and, through the compiled catalogue, in Japanese; every status value
has a tone, and the stylesheets style tones, never a status value on its own.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest
import sphinx.locale
from bs4 import Tag
from common import BuiltRoot, page
from gov_provenance import STATIC_DIR
from gov_provenance.locale import (
    FIELD_LABELS,
    LOCALE_DIR,
    MESSAGE_CATALOG,
    OBJECT_LABELS,
    RELATION_HEADINGS,
    VALUE_LABELS,
    field_label,
    kind_label,
    object_label,
    relation_heading,
    translated,
    value_label,
)
from gov_provenance.model import OBJECT_TYPES, RELATIONS, STATUS_TONES
from gov_provenance.nodes import status_badge
from gov_provenance.vocabulary import (
    FieldKind,
    FieldSpec,
    ObjectType,
    Relation,
    RelationField,
    Tone,
)

MO_FILE = LOCALE_DIR / 'ja' / 'LC_MESSAGES' / f'{MESSAGE_CATALOG}.mo'
HANDBOOK_CSS = Path(__file__).parents[1] / 'handbook' / '_static' / 'handbook.css'
STYLESHEETS = (STATIC_DIR / 'gov-provenance.css', HANDBOOK_CSS)


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Labels rendered as a build in ``language`` renders them: English as declared,
    Japanese from the compiled catalogue the extension ships."""
    key = ('general', MESSAGE_CATALOG)
    before = sphinx.locale.translators.get(key)
    if language == 'en':
        sphinx.locale.translators[key] = gettext.NullTranslations()
    else:
        with MO_FILE.open('rb') as mo_file:
            sphinx.locale.translators[key] = gettext.GNUTranslations(mo_file)
    try:
        yield
    finally:
        if before is None:
            del sphinx.locale.translators[key]
        else:
            sphinx.locale.translators[key] = before


def labelled_items(
    object_types: Mapping[str, ObjectType], relations: tuple[RelationField, ...]
) -> Iterator[tuple[str, object]]:
    """Everything of a vocabulary a reader or the reference shows by name:
    ``(what, how it is looked up)``."""
    for name, objtype in object_types.items():
        yield f'object type {name}', lambda name=name: object_label(name)
        for spec in objtype.fields:
            yield f'field {name}.{spec.name}', lambda spec=spec: field_label(spec.name)
            for value in spec.choices:
                yield f'value {name}.{spec.name}={value}', lambda value=value: value_label(value)
    for relation in relations:
        for target in relation.targets:
            yield (f'heading of {relation.inverse} on {target}',
                   lambda t=target, r=relation: relation_heading(t, r.inverse))
    for kind in FieldKind:
        yield f'kind {kind.value}', lambda kind=kind: kind_label(kind)


def unlabelled(object_types: Mapping[str, ObjectType],
               relations: tuple[RelationField, ...]) -> list[str]:
    """What has no label in English, or none in Japanese (the English shown instead)."""
    missing = []
    for what, lookup in labelled_items(object_types, relations):
        try:
            with speaking('en'):
                english = lookup()  # type: ignore[operator]
            with speaking('ja'):
                japanese = lookup()  # type: ignore[operator]
        except KeyError:
            missing.append(f'{what}: no label')
            continue
        if not english:
            missing.append(f'{what}: empty label')
        elif japanese == english:
            missing.append(f'{what}: no Japanese')
    return missing


def test_everything_the_model_declares_has_a_label_in_both_languages() -> None:
    assert unlabelled(OBJECT_TYPES, RELATIONS) == []


def test_a_new_type_field_value_or_relation_without_labels_is_reported() -> None:
    """The walk above fails on anything added to the model without its labels."""
    kpi = ObjectType('kpi', (
        FieldSpec('title', FieldKind.TEXT),
        FieldSpec('target', FieldKind.TEXT),
        FieldSpec('status', FieldKind.STATUS, choices=('adopted', 'measured')),
        FieldSpec('measures', FieldKind.REFS, relation=Relation(('principle',), 'measured-by')),
    ))
    relations = (*RELATIONS, RelationField('kpi', kpi.field('measures')))
    assert unlabelled({**OBJECT_TYPES, 'kpi': kpi}, relations) == [
        'object type kpi: no label',
        'field kpi.target: no label',
        'value kpi.status=measured: no label',
        'field kpi.measures: no label',
        'heading of measured-by on principle: no label',
    ]


def test_a_label_left_untranslated_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(OBJECT_LABELS, 'principle', 'Principle')  # not through the catalogue
    assert unlabelled(OBJECT_TYPES, RELATIONS) == ['object type principle: no Japanese']


def test_no_label_is_kept_for_what_the_model_does_not_declare() -> None:
    """A label of a removed type, field, value or relation would mislead the next reader."""
    fields = {spec.name for objtype in OBJECT_TYPES.values() for spec in objtype.fields}
    values = {value for objtype in OBJECT_TYPES.values()
              for spec in objtype.fields for value in spec.choices}
    ends = {(target, relation.inverse) for relation in RELATIONS for target in relation.targets}
    assert set(OBJECT_LABELS) == set(OBJECT_TYPES)
    assert set(FIELD_LABELS) == fields
    assert set(VALUE_LABELS) == values
    assert set(RELATION_HEADINGS) == ends


def test_a_lookup_of_an_undeclared_name_is_an_error() -> None:
    """No silent fallback: the raw name is never shown as if it were a label."""
    for lookup in (object_label, field_label, value_label):
        with pytest.raises(KeyError):
            lookup('kpi')


def test_every_option_says_what_it_is_for_in_both_languages() -> None:
    """Each option's help is shown in the extension reference, in the page's language."""
    missing = []
    for name, objtype in OBJECT_TYPES.items():
        for spec in objtype.fields:
            with speaking('ja'):
                japanese = translated(spec.help)
            if not spec.help or japanese == spec.help:
                missing.append(f'{name}.{spec.name}')
    assert missing == []


# -- the tone of each status ----------------------------------------------------------


def status_values() -> set[str]:
    return {value for objtype in OBJECT_TYPES.values() for spec in objtype.fields
            if spec.kind is FieldKind.STATUS for value in spec.choices}


def test_every_status_value_has_a_tone_and_only_those() -> None:
    assert set(STATUS_TONES) == status_values()


def test_a_status_added_without_a_tone_is_caught() -> None:
    objtype = replace(OBJECT_TYPES['guideline'], fields=(
        FieldSpec('title', FieldKind.TEXT),
        FieldSpec('status', FieldKind.STATUS, choices=('draft', 'withdrawn')),))
    values = {value for spec in objtype.fields for value in spec.choices}
    assert values - set(STATUS_TONES) == {'withdrawn'}


def selectors(stylesheet: Path) -> set[str]:
    """Every class a rule of ``stylesheet`` selects, without its dot."""
    css = re.sub(r'/\*.*?\*/', '', stylesheet.read_text(encoding='utf-8'), flags=re.DOTALL)
    return set(re.findall(r'\.([\w-]+)', ''.join(re.findall(r'([^{}]+)\{', css))))


def test_each_tone_has_its_rule_in_the_extension_stylesheet() -> None:
    classes = selectors(STATIC_DIR / 'gov-provenance.css')
    assert {f'gov-tone-{tone.value}' for tone in Tone} <= classes


@pytest.mark.parametrize('stylesheet', STYLESHEETS, ids=lambda path: path.name)
def test_no_stylesheet_styles_a_status_value_on_its_own(stylesheet: Path) -> None:
    """A status's look is its tone's: a rule per value would restate the model."""
    by_value = {f'gov-status-{value}' for value in status_values()}
    assert selectors(stylesheet) & by_value == set()


def test_a_badge_carries_its_status_and_its_tone() -> None:
    for status, tone in STATUS_TONES.items():
        with speaking('en'):
            badge = status_badge(status)
        assert badge['classes'] == ['gov-status', f'gov-status-{status}', f'gov-tone-{tone.value}']
        assert badge.astext() == value_label(status)


def test_every_badge_of_a_build_has_the_tone_of_its_status(built_root: BuiltRoot) -> None:
    app = built_root('views')
    badges = [badge for path in sorted(app.outdir.glob('*.html'))
              for badge in page(app, path.stem).find_all('span', class_='gov-status')]
    assert len({tuple(badge['class']) for badge in badges}) >= 3
    for badge in badges:
        assert isinstance(badge, Tag)
        [status] = [c.removeprefix('gov-status-') for c in badge['class']
                    if c.startswith('gov-status-')]
        assert f'gov-tone-{STATUS_TONES[status].value}' in badge['class']
