"""The benchmark's baseline shows what the extension shows, so the comparison is fair.

``benchmarks/generate.py`` writes one handbook with the extension (``gov``) and the
same handbook in plain Sphinx (``plain``), where the generator writes out every list
the extension generates. Built small, both must name the same findings on every
page that shows findings, without a warning.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from common import body, build, text
from sphinx.testing.util import SphinxTestApp

sys.path.insert(0, str(Path(__file__).parents[1] / 'benchmarks'))
from generate import make_handbook, write

FINDING_ID = re.compile(r'\bF\d{5}\b')


@pytest.fixture(scope='module')
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, SphinxTestApp]:
    # 200 findings: four pages of 50, one per source, the second and fourth from CSV
    handbook = make_handbook(200)
    assert handbook.csv_pages == {1, 3}
    apps = {}
    for flavour in ('gov', 'plain'):
        root = tmp_path_factory.mktemp(flavour)
        write(handbook, root / 'src', flavour)
        app = build(root / 'src', root / 'build')
        assert app.statuscode == 0
        assert app.warning.getvalue() == ''
        apps[flavour] = app
    return apps


def shown(app: SphinxTestApp, page: str) -> set[str]:
    return set(FINDING_ID.findall(text(body(app, page))))


@pytest.mark.parametrize('page', [
    'principles/P01', 'principles/P07', 'sources/SRC-1', 'sources/SRC-2',
    'findings/page-0001', 'findings/page-0002', 'coverage',
])
def test_both_flavours_show_the_same_findings(
    builds: dict[str, SphinxTestApp], page: str
) -> None:
    gov, plain = shown(builds['gov'], page), shown(builds['plain'], page)
    assert gov, f'{page} shows no finding'
    assert gov == plain


def test_the_gov_flavour_imports_its_csv_page(builds: dict[str, SphinxTestApp]) -> None:
    objects = builds['gov'].env.domains['gov'].data['objects']  # type: ignore[attr-defined]
    imported = objects['findings/page-0002']
    assert len(imported) == 50
    assert {obj.origin for obj in imported.values()} == {'data/answers-0002.csv'}
