"""Another project links to the handbook's objects through intersphinx, offline.

The ``views`` root, then the real handbook, play the handbook; ``roots/test-intersphinx``
and ``roots/test-intersphinx-handbook`` play a partner's project that reads the
handbook's ``objects.inv`` from a local path, so nothing is fetched.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import common
import pytest
from bs4 import BeautifulSoup
from common import body, defined_objects, links, object_uri
from gov_provenance.model import OBJECT_TYPES
from sphinx.testing.util import SphinxTestApp
from sphinx.util.inventory import InventoryFile

BASE = 'https://example.invalid/handbook/'


def build(srcdir: Path, builddir: Path) -> SphinxTestApp:
    app = common.build(srcdir, builddir)
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
        (external('O2', 'opinions', 'opinion'), 'Publish prototypes early'),
        (external('F1', 'sources', 'finding'), 'the workshop finding'),
    ]


@pytest.mark.parametrize(('inventory_exists', 'advice'), [
    pytest.param(False, "the inventory 'handbook' of intersphinx_mapping did not load",
                 id='inventory-missing'),
    pytest.param(True, "the inventory 'handbook' has no principle 'P99': check the id",
                 id='id-missing'),
])
def test_a_reference_into_the_handbook_that_leads_nowhere_says_why(
    handbook: SphinxTestApp, tmp_path: Path, inventory_exists: bool, advice: str
) -> None:
    srcdir = tmp_path / 'partner'
    srcdir.mkdir()
    inventory = handbook.outdir / 'objects.inv' if inventory_exists else tmp_path / 'none.inv'
    (srcdir / 'conf.py').write_text(
        "extensions = ['myst_parser', 'sphinx.ext.intersphinx', 'gov_provenance']\n"
        f'intersphinx_mapping = {{"handbook": ({BASE!r}, {str(inventory)!r})}}\n',
        encoding='utf-8',
    )
    (srcdir / 'index.md').write_text(
        '# Citing\n\nSee {gov:principle}`handbook:P99`.\n', encoding='utf-8'
    )
    partner = common.build(srcdir, tmp_path / 'partner-build')
    [(location, subtype, message)] = common.gov_warnings(partner)
    assert (location, subtype) == (f'{srcdir / "index.md"}:3', 'unknown-ref')
    assert advice in message
    assert 'define it with' not in message


def test_a_partner_summary_names_the_handbook_objects_it_links_to(
    handbook: SphinxTestApp, tmp_path: Path
) -> None:
    srcdir = tmp_path / 'partner'
    srcdir.mkdir()
    (srcdir / 'conf.py').write_text(
        "extensions = ['myst_parser', 'sphinx.ext.intersphinx', 'gov_provenance']\n"
        "myst_enable_extensions = ['colon_fence']\n"
        f'intersphinx_mapping = {{"handbook": ({BASE!r}, '
        f'{str(handbook.outdir / "objects.inv")!r})}}\n',
        encoding='utf-8',
    )
    (srcdir / 'index.md').write_text(
        '# Citing\n\n:::{gov:meeting} EX-M1\n:number: 1\n:date: 2023-04-01\n:::\n\n'
        ':::{gov:opinion} EX-M1-O1\n:meeting: EX-M1\n:gap: it shapes a principle of the '
        'handbook\n\nFollows {gov:principle}`handbook:P01` and {gov:meeting}`handbook:M1`.\n'
        ':::\n', encoding='utf-8',
    )
    partner = build(srcdir, tmp_path / 'partner-build')
    assert partner.warning.getvalue() == ''
    data = json.loads((partner.outdir / 'provenance.json').read_text(encoding='utf-8'))
    [opinion] = [obj for obj in data['objects'] if obj['id'] == 'EX-M1-O1']
    assert opinion['summary'] == 'Follows #1 User focus and First meeting.'


# -- the real handbook -----------------------------------------------------------


def handbook_uri(html: Path, objtype: str, object_id: str) -> str:
    """``page.html#anchor`` of an object of the built handbook, found in its pages."""
    for path in sorted(html.rglob('*.html')):
        soup = BeautifulSoup(path.read_text(encoding='utf-8'), 'html.parser')
        for element in soup.find_all('div', class_=f'gov-{objtype}'):
            shown = element.find('a', class_='gov-id')
            if shown is not None and shown.get_text() == object_id:
                return f'{path.relative_to(html).as_posix()}#{element["id"]}'
    raise AssertionError(f'the handbook shows no {objtype} {object_id!r}')


@pytest.mark.slow  # a project in the handbook's theme, linked to the whole handbook
def test_partner_project_cites_principles_and_opinions_of_the_handbook(
    handbook_html: Path, rootdir: Path, tmp_path: Path
) -> None:
    """``roots/test-intersphinx-handbook`` cites two principles, two opinions and a
    revision of the real handbook, with and without the inventory's name."""
    srcdir = tmp_path / 'partner'
    shutil.copytree(rootdir / 'test-intersphinx-handbook', srcdir)
    inventory = handbook_html / 'objects.inv'
    with (srcdir / 'conf.py').open('a', encoding='utf-8') as conf:
        conf.write(f'intersphinx_mapping = {{"tokyo": ({BASE!r}, {str(inventory)!r})}}\n')
    partner = build(srcdir, tmp_path / 'partner-build')
    assert partner.warning.getvalue() == ''

    found = links(body(partner, 'index').ul, 'index')
    assert [uri for uri, _ in found] == [
        BASE + handbook_uri(handbook_html, objtype, object_id)
        for objtype, object_id in (
            ('principle', 'P03'), ('principle', 'P10'), ('opinion', 'M03-O2'),
            ('opinion', 'M03-O3'), ('revision', 'M03-R1'),
        )
    ]
    assert found[3][1] == '学び続けることについての意見'
    assert found[0][1].startswith('#3 ')  # a principle shows its number and label
