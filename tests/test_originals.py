"""A partner's copy of the handbook's objects (``:original: inventory:id``), offline.

The ``views`` root plays the handbook, read by a partner's project through its
``objects.inv`` on a local path: the copy links to its original there, shows that
instead of lists it has nothing in, is not listed as the partner's own in the partner's
``objects.inv``, asks for no evidence of its own, and is flagged in the export.
(``tests/test_partner.py`` does the same with the real handbook and ``examples/partner``.)
"""

from __future__ import annotations

import json
from pathlib import Path

import common
import pytest
from common import body, object_uri, write_project
from gov_provenance.originals import href_from
from sphinx.testing.util import SphinxTestApp
from sphinx.util.inventory import InventoryFile

BASE = 'https://example.invalid/handbook/'

COPIES = """\
# Copied

:::{gov:principle} P01
:original: handbook:P01
:number: 1
:label: User focus

The principle, as the handbook words it.
:::

:::{gov:principle} P02
:original: handbook:P02
:number: 2
:label: Openness
:::

:::{gov:meeting} EX-M1
:number: 1
:date: 2024-05-01
:title: Our first meeting
:::

:::{gov:opinion} EX-M1-O1
:meeting: EX-M1
:shapes: P02

Our own opinion on the copied principle.
:::
"""


def partner_conf(inventory: Path) -> str:
    return (
        "extensions = ['myst_parser', 'sphinx.ext.intersphinx', 'gov_provenance']\n"
        "myst_enable_extensions = ['colon_fence']\n"
        f'intersphinx_mapping = {{"handbook": ({BASE!r}, {str(inventory)!r})}}\n'
        "intersphinx_disabled_reftypes = ['gov:*']\n"
    )


@pytest.fixture(scope='module')
def handbook(built_root: common.BuiltRoot) -> SphinxTestApp:
    app = built_root('views')
    assert app.warning.getvalue() == ''
    return app


@pytest.fixture(scope='module')
def partner(handbook: SphinxTestApp, tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    srcdir = tmp_path_factory.mktemp('copies') / 'src'
    write_project(srcdir, COPIES, partner_conf(handbook.outdir / 'objects.inv'))
    return common.build(srcdir, srcdir.parent / 'build')


def original_paragraphs(app: SphinxTestApp) -> list[tuple[str, str]]:
    """``(href, text)`` of each link of a view to an original, in page order."""
    return [(str(paragraph.a['href']), paragraph.a.get_text())
            for paragraph in body(app, 'index').find_all('p', class_='gov-original')]


def test_a_copy_builds_without_a_warning(partner: SphinxTestApp) -> None:
    """No gov.no-evidence for the copies, though the project links no evidence to P01."""
    assert partner.statuscode == 0
    assert partner.warning.getvalue() == ''


def test_each_copy_links_to_its_original_through_the_inventory(
    partner: SphinxTestApp, handbook: SphinxTestApp
) -> None:
    assert original_paragraphs(partner) == [
        (BASE + object_uri(handbook, 'principles', 'principle', 'P01'), '#1 User focus'),
        (BASE + object_uri(handbook, 'principles', 'principle', 'P02'), '#2 Openness'),
    ]
    paragraph = body(partner, 'index').find('p', class_='gov-original')
    assert paragraph is not None
    # the inventory's project, as intersphinx names it
    assert paragraph.get_text().startswith('The sources and history of this principle are in ')


def test_a_copy_shows_what_the_project_adds_and_no_empty_list(partner: SphinxTestApp) -> None:
    """P01: nothing of the partner's, so no "none recorded" line; P02: the partner's
    own opinion, under its usual heading."""
    page = body(partner, 'index').get_text()
    assert 'No opinion or finding is linked to this principle.' not in page
    assert 'No revision is recorded.' not in page
    assert 'No guideline that implements it is recorded.' not in page
    p02 = common.object_element(partner, 'index', 'principle', 'P02')
    assert 'Our own opinion on the copied principle.' in p02.get_text()


def test_copies_are_not_the_partners_in_its_inventory(partner: SphinxTestApp) -> None:
    inventory = InventoryFile.loads((partner.outdir / 'objects.inv').read_bytes(), uri='/')
    listed = {name for objtype, items in inventory.data.items() if objtype.startswith('gov:')
              for name in items}
    assert listed == {'EX-M1', 'EX-M1-O1'}


def test_the_export_flags_the_copies(partner: SphinxTestApp, handbook: SphinxTestApp) -> None:
    data = json.loads((partner.outdir / 'provenance.json').read_text(encoding='utf-8'))
    originals = {obj['id']: obj['original'] for obj in data['objects']}
    assert originals == {
        'P01': {'inventory': 'handbook', 'id': 'P01',
                'url': BASE + object_uri(handbook, 'principles', 'principle', 'P01')},
        'P02': {'inventory': 'handbook', 'id': 'P02',
                'url': BASE + object_uri(handbook, 'principles', 'principle', 'P02')},
        'EX-M1': None, 'EX-M1-O1': None,
    }


@pytest.mark.parametrize(('original', 'subtype', 'advice'), [
    pytest.param('handbook:P99', 'unknown-ref',
                 "the inventory 'handbook' has no principle 'P99': check the id", id='no-id'),
    pytest.param('handbook:M1', 'unknown-ref',
                 "the inventory 'handbook' has no principle 'M1'", id='other-type'),
    pytest.param('tokyo:P01', 'unknown-ref', "'tokyo' is not a key of intersphinx_mapping",
                 id='no-inventory'),
    pytest.param('P01', 'invalid-option', 'a colon and the original\'s id, e.g. tokyo:P01',
                 id='no-colon'),
    pytest.param('handbook:P 01', 'invalid-option', 'does not name an object',
                 id='not-an-id'),
])
def test_an_original_that_leads_nowhere_is_a_located_warning(
    handbook: SphinxTestApp, tmp_path: Path, original: str, subtype: str, advice: str
) -> None:
    srcdir = tmp_path / 'src'
    write_project(srcdir, (
        '# Copied\n\n:::{gov:principle} P01\n:number: 1\n:label: User focus\n'
        f':original: {original}\n:gap: kept apart from the copy\n:::\n'
    ), partner_conf(handbook.outdir / 'objects.inv'))
    app = common.build(srcdir, tmp_path / 'build')
    [(location, found, message)] = common.gov_warnings(app)
    assert (location, found) == (f'{srcdir / "index.md"}:6', subtype)
    assert advice in message


@pytest.mark.parametrize(('page', 'uri', 'href'), [
    ('principles/p01.html', 'https://example.invalid/p.html#a', 'https://example.invalid/p.html#a'),
    ('principles/p01.html', '/handbook/p.html#a', '/handbook/p.html#a'),
    # an inventory's address relative to this site's root, as a relative base URL gives it
    ('principles/p01.html', '../tokyo/p.html#a', '../../tokyo/p.html#a'),
    ('index.html', '../tokyo/p.html#a', '../tokyo/p.html#a'),
    ('principles/p01/', '../tokyo/p.html#a', '../../../tokyo/p.html#a'),  # dirhtml
])
def test_a_relative_address_of_an_original_is_made_relative_to_the_page(
    page: str, uri: str, href: str
) -> None:
    assert href_from(page, uri) == href
