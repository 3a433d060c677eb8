"""What the vocabulary declares is toned once, from the model: every status value
has a tone, and the stylesheets style tones, never a status value on its own."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from bs4 import Tag
from common import BuiltRoot, page
from gov_provenance import STATIC_DIR
from gov_provenance.locale import (
    LOCALE_DIR,
    MESSAGE_CATALOG,
    value_label,
)
from gov_provenance.model import (
    OBJECT_TYPES,
    STATUS_TONES,
    FieldKind,
    FieldSpec,
    Tone,
)
from gov_provenance.nodes import status_badge

MO_FILE = LOCALE_DIR / 'ja' / 'LC_MESSAGES' / f'{MESSAGE_CATALOG}.mo'
HANDBOOK_CSS = Path(__file__).parents[1] / 'handbook' / '_static' / 'handbook.css'
STYLESHEETS = (STATIC_DIR / 'gov-provenance.css', HANDBOOK_CSS)


# -- the tone of each status ----------------------------------------------------------


def status_values() -> set[str]:
    return {value for objtype in OBJECT_TYPES.values() for spec in objtype.fields
            if spec.kind is FieldKind.STATUS for value in spec.choices}


def test_every_status_value_has_a_tone_and_only_those() -> None:
    assert set(STATUS_TONES) == status_values()


def test_a_status_added_without_a_tone_is_caught() -> None:
    objtype = replace(OBJECT_TYPES['guideline'], fields=(
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
