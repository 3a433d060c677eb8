"""The extras of pyproject.toml, and the pins of constraints.txt that every install uses.

Each target of the Makefile installs one extra with ``-c constraints.txt``: a package
an extra asks for that constraints.txt does not pin would install at whatever version
is newest that day, and two builds of one commit could differ.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPOSITORY = Path(__file__).parent.parent
PROJECT = tomllib.loads((REPOSITORY / 'pyproject.toml').read_text(encoding='utf-8'))['project']
EXTRAS: dict[str, list[str]] = PROJECT['optional-dependencies']


def pinned() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (REPOSITORY / 'constraints.txt').read_text(encoding='utf-8').splitlines():
        if line and not line.startswith('#'):
            name, _, pinned_version = line.partition('==')
            pins[canonicalize_name(name)] = pinned_version
    return pins


@pytest.mark.parametrize('extra', sorted(EXTRAS))
def test_constraints_pin_every_requirement_of_the_extra(extra: str) -> None:
    pins = pinned()
    for line in EXTRAS[extra]:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        if name == canonicalize_name(PROJECT['name']):
            assert requirement.extras <= set(EXTRAS), line
            continue
        assert name in pins, f'{line} (extra {extra}) is not pinned: run make lock'
        assert requirement.specifier.contains(pins[name]), (
            f'{line} (extra {extra}) does not allow the pinned {pins[name]}: run make lock'
        )

