"""Another project links to the handbook's objects through intersphinx, offline.

The ``views`` root plays the handbook; ``roots/test-intersphinx`` plays a partner's
project that reads the handbook's ``objects.inv`` from a local path, so nothing is
fetched.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from common import body, defined_objects, links, object_uri
from gov_provenance.model import OBJECT_TYPES
from sphinx.testing.util import SphinxTestApp
from sphinx.util.inventory import InventoryFile

BASE = 'https://example.invalid/handbook/'


def build(srcdir: Path, builddir: Path) -> SphinxTestApp:
    app = SphinxTestApp('html', srcdir=srcdir, builddir=builddir)
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.statuscode == 0
    return app


@pytest.fixture
def handbook(rootdir: Path, tmp_path: Path) -> SphinxTestApp:
    app = build(rootdir / 'test-views', tmp_path / 'handbook')
    assert app.warning.getvalue() == ''
    return app


def test_inventory_lists_every_object_with_its_uri(handbook: SphinxTestApp) -> None:
    inventory = InventoryFile.loads((handbook.outdir / 'objects.inv').read_bytes(), uri=BASE)
    objects = defined_objects(handbook.srcdir)
    gov_types = {objtype for objtype in inventory.data if objtype.startswith('gov:')}
    assert gov_types == {f'gov:{objtype}' for objtype in OBJECT_TYPES}
    listed = {
        name: (objtype.removeprefix('gov:'), item.uri)
        for objtype, items in inventory.data.items() if objtype.startswith('gov:')
        for name, item in items.items()
    }
    assert listed == {
        object_id: (objtype, BASE + object_uri(handbook, page_name, objtype, object_id))
        for object_id, (page_name, objtype) in objects.items()
    }


def test_partner_project_links_to_the_handbook(
    handbook: SphinxTestApp, rootdir: Path, tmp_path: Path
) -> None:
    srcdir = tmp_path / 'partner'
    shutil.copytree(rootdir / 'test-intersphinx', srcdir)
    inventory = handbook.outdir / 'objects.inv'
    with (srcdir / 'conf.py').open('a', encoding='utf-8') as conf:
        conf.write(f'intersphinx_mapping = {{"handbook": ({BASE!r}, {str(inventory)!r})}}\n')
    partner = build(srcdir, tmp_path / 'partner-build')
    assert partner.warning.getvalue() == ''

    def external(object_id: str, page_name: str, objtype: str) -> str:
        return BASE + object_uri(handbook, page_name, objtype, object_id)

    assert links(body(partner, 'index').ul, 'index') == [
        (external('P01', 'principles', 'principle'), '#1 User focus'),
        (external('P02', 'principles', 'principle'), '#2 Openness'),
        (external('M1', 'meetings', 'meeting'), 'First meeting'),
        (external('O2', 'opinions', 'opinion'), 'O2'),
        (external('F1', 'sources', 'finding'), 'the workshop finding'),
    ]
