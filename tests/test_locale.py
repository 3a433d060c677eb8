"""The extension's labels follow ``language``; its Japanese catalogue is complete.

Expected Japanese strings are read from ``locales/ja/LC_MESSAGES/gov_provenance.po``,
so the tests follow the catalogue rather than repeat it.
"""

from __future__ import annotations

import ast
import io
import re
from pathlib import Path

import gov_provenance.locale
import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po
from bs4 import Tag
from common import body, object_element, text
from gov_provenance.locale import LOCALE_DIR, MESSAGE_CATALOG
from gov_provenance.model import OBJECT_TYPES
from gov_provenance.reference import warning_docs
from sphinx.testing.util import SphinxTestApp

PO_FILE = LOCALE_DIR / 'ja' / 'LC_MESSAGES' / f'{MESSAGE_CATALOG}.po'


def compiled(po_path: Path) -> bytes:
    """The ``.mo`` file Babel's standard path writes for ``po_path`` (``read_po``, then
    ``write_mo``, as ``pybabel compile`` does)."""
    with po_path.open('rb') as po_file:
        catalog = read_po(po_file)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def japanese() -> Catalog:
    with PO_FILE.open('rb') as po_file:
        return read_po(po_file)


def label(language: str, msgid: str) -> str:
    """What a label must read in ``language``: the msgid in English, its msgstr in Japanese."""
    if language == 'en':
        return msgid
    message = japanese().get(msgid)
    assert message is not None and message.string, f'no Japanese for {msgid!r}'
    return str(message.string)


def languages() -> list[pytest.param]:
    # a source directory per language, so that the two builds share no environment
    return [
        pytest.param(language, id=language, marks=pytest.mark.sphinx(
            'html', testroot='views', srcdir=f'views-{language}',
            confoverrides={'language': language},
        ))
        for language in ('en', 'ja')
    ]


@pytest.mark.parametrize('language', languages())
def test_labels_follow_the_language(app: SphinxTestApp, language: str) -> None:
    app.build()
    p01 = object_element(app, 'principles', 'principle', 'P01')
    assert text(p01.find('span', class_='gov-kind')) == label(language, 'Principle')
    assert text(p01.find('span', class_='gov-status')) == label(language, 'Adopted')
    view = p01.find('div', class_='gov-view')
    assert isinstance(view, Tag)
    assert [text(rubric) for rubric in view.find_all(class_='rubric')] == [
        label(language, msgid)
        for msgid in (
            'Main opinions and findings on this principle', 'Revisions',
            'Guidelines that implement it',
        )
    ]
    before, _, after = label(language, 'Opinions at %s').partition('%s')
    group = view.find('p', class_='gov-group')
    assert isinstance(group, Tag)
    assert ' '.join(group.get_text().split()) == ' '.join(f'{before}First meeting{after}'.split())
    because = view.find('p', class_='gov-because')
    assert isinstance(because, Tag)
    assert text(because).startswith(label(language, 'Because of:'))

    m1 = object_element(app, 'meetings', 'meeting', 'M1')
    field_names = [text(dt).rstrip(':').rstrip() for dt in m1.find_all('dt')]
    assert field_names == [label(language, msgid) for msgid in ('Number', 'Date', 'Time', 'Format')]
    assert label(language, 'Online') in text(m1)

    matrix = body(app, 'matrix').find('table')
    assert isinstance(matrix, Tag)
    assert text(matrix.caption).startswith(
        label(language, 'Evidence per principle, by meeting and by source')
    )
    assert text(body(app, 'gov-principles').h1) == label(language, 'Principle index')
    assert text(body(app, 'gov-evidence').h1) == label(language, 'Evidence index')


def test_japanese_differs_from_english() -> None:
    """The language test above would pass vacuously if the catalogue repeated the msgids."""
    for msgid in ('Principle', 'Main opinions and findings on this principle', 'Principle index'):
        assert label('ja', msgid) != msgid


def msgids_in_source() -> list[str]:
    """Every literal ``_('...')`` and ``N_('...')`` (labels, marked, translated where
    shown) and ``__('...')`` (messages of the log, translated when reported) of the
    extension's modules."""
    package = Path(gov_provenance.locale.__file__).parent
    return [
        node.args[0].value
        for module in sorted(package.rglob('*.py'))
        for node in ast.walk(ast.parse(module.read_text(encoding='utf-8')))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        and node.func.id in {'_', 'N_', '__'}
        and len(node.args) == 1 and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ]


def test_every_label_has_a_japanese_translation() -> None:
    msgids = msgids_in_source()
    assert len(msgids) > 50
    catalog = japanese()
    untranslated = [msgid for msgid in msgids if not (catalog.get(msgid) and catalog[msgid].string)]
    assert untranslated == []


def declared_messages() -> set[str]:
    """What the extension shows through its catalogue: its marked strings, each option's
    help and each warning's docstring (the reference's tables)."""
    helps = {spec.help for objtype in OBJECT_TYPES.values() for spec in objtype.fields}
    docs = {paragraph for when_and_fix in warning_docs().values() for paragraph in when_and_fix}
    return set(msgids_in_source()) | helps | docs


def test_the_catalogue_holds_nothing_the_extension_no_longer_shows() -> None:
    """A translation left behind by a changed help or docstring would mislead."""
    assert {str(message.id) for message in japanese() if message.id} - declared_messages() == set()


#: a named placeholder of a message: ``%(id)s``, ``%(count)d``
NAMED_PLACEHOLDER = re.compile(r'%\((\w+)\)[sdr]')


def test_placeholders_survive_translation() -> None:
    """A translation keeps every positional placeholder, and uses no named one its
    message does not fill (it may leave out one its language does not need, such as
    the English article of ``%(a_type)s``)."""
    catalog = japanese()
    for msgid in msgids_in_source():
        translation = str(catalog[msgid].string)
        assert translation.count('%s') == msgid.count('%s'), msgid
        assert set(NAMED_PLACEHOLDER.findall(translation)) <= set(
            NAMED_PLACEHOLDER.findall(msgid)), msgid
    assert any(NAMED_PLACEHOLDER.search(msgid) for msgid in msgids_in_source())


def translations(catalog: Catalog) -> dict[str, str]:
    """What a catalogue says: each msgid with its msgstr, and the headers gettext reads."""
    messages = {str(message.id): str(message.string) for message in catalog if message.id}
    headers = dict(catalog.mime_headers)
    read_by_gettext = ('Language', 'Plural-Forms')
    return messages | {f'header {name}': headers.get(name, '') for name in read_by_gettext}


def test_committed_catalogue_is_compiled_from_the_po_file() -> None:
    # compared by content: the .mo header names the Babel version that compiled it
    with PO_FILE.with_suffix('.mo').open('rb') as mo_file:
        committed = read_mo(mo_file)
    assert translations(committed) == translations(japanese())


def test_the_catalogue_pins_its_creation_date() -> None:
    """Without ``POT-Creation-Date`` Babel writes the time of compiling into the ``.mo``,
    which would then change at every compile."""
    assert dict(japanese().mime_headers)['POT-Creation-Date'] == '1970-01-01 00:00+0000'


def test_compiling_is_repeatable() -> None:
    assert compiled(PO_FILE) == compiled(PO_FILE)
    with io.BytesIO(compiled(PO_FILE)) as mo_file:
        assert translations(read_mo(mo_file)) == translations(japanese())
