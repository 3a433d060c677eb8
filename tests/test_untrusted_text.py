"""Line breaks, control characters and bidi controls in values: warned about, and kept
out of the inventory, the pages, the export and the build log.

``roots/test-control-characters`` writes them as YAML escapes in option blocks; its
survey's CSV file is written here, with the characters as they would be saved by a
spreadsheet (a U+2028 LINE SEPARATOR is invisible in Excel).
"""

from __future__ import annotations

import shutil
import unicodedata
import zlib
from pathlib import Path

import pytest
from common import build, gov_warnings, line_of, object_element, strip_colors, text, write_project
from sphinx.testing.util import SphinxTestApp
from sphinx.util.inventory import InventoryFile

BASE = 'https://example.invalid/handbook/'
#: a row of ``answers.csv`` whose title and text carry a line separator, an escape
#: sequence and a bell
ANSWERS = (
    'id,text,shapes,title\r\n'
    'F1,"Red \x1b[31malert\x07 text",P01,"Title\u2028F1 gov:finding 1 https://evil.example/ -"\r\n'
    'F2,A plain answer.,P01,Plain\r\n'
)
FORGED_HEADER = (
    '"a\u2028/elsewhere/forged.md:2: WARNING: a forged line [gov.forged]",b\r\n1,2\r\n'
)
#: what no output file and no log line may contain
UNSAFE = {'Cc', 'Zl', 'Zp'}
BIDI_CONTROLS = set('\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069')


@pytest.fixture(scope='module')
def app(rootdir: Path, tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    tmp_path = tmp_path_factory.mktemp('control-characters')
    srcdir = tmp_path / 'src'
    shutil.copytree(rootdir / 'test-control-characters', srcdir)
    (srcdir / 'data').mkdir()
    (srcdir / 'data' / 'answers.csv').write_bytes(ANSWERS.encode('utf-8'))
    (srcdir / 'data' / 'forged-header.csv').write_bytes(FORGED_HEADER.encode('utf-8'))
    return build(srcdir, tmp_path / 'build')


def unsafe_characters(value: str, allowed: str = '') -> set[str]:
    return {
        char for char in value
        if char not in allowed
        and (unicodedata.category(char) in UNSAFE or char in BIDI_CONTROLS)
    }


def test_the_inventory_has_one_line_per_object(app: SphinxTestApp) -> None:
    raw = (app.outdir / 'objects.inv').read_bytes()
    header_end = 0
    for _ in range(4):
        header_end = raw.index(b'\n', header_end) + 1
    entries = zlib.decompress(raw[header_end:]).decode('utf-8')
    gov_lines = [line for line in entries.split('\n') if ' gov:' in line]
    assert sorted(line.split(' ')[0] for line in gov_lines) == ['F1', 'F2', 'P01', 'P02', 'SRC']
    assert not unsafe_characters(entries, allowed='\n')
    # read as a partner's intersphinx reads it: every object leads into this project
    inventory = InventoryFile.loads(raw, uri=BASE)
    for objtype in ('gov:principle', 'gov:source', 'gov:finding'):
        for name, item in inventory.data[objtype].items():
            assert item.uri.startswith(f'{BASE}index.html#'), (objtype, name, item.uri)
    assert set(inventory.data['gov:principle']) == {'P01', 'P02'}
    principle = inventory.data['gov:principle']['P01']
    assert principle.display_name == '#1 User focus P01 gov:principle 1 https://evil.example/ -'


#: the line of P02's label in the YAML block of index.md
FORGED_LABEL = 'label: "Forged'


def test_each_value_is_warned_about_at_its_place(app: SphinxTestApp) -> None:
    index = Path(app.srcdir, 'index.md')
    answers = Path(app.srcdir, 'data', 'answers.csv')
    found = [(location, message) for location, subtype, message in gov_warnings(app)
             if subtype == 'control-character']
    assert [location for location, _ in found] == [
        # each at its own line of the YAML block of options
        f'{index}:{line_of(index, "title: ")}',  # P01's :title:
        f'{index}:{line_of(index, "label: ")}',  # P01's :label:
        f'{index}:{line_of(index, FORGED_LABEL)}',  # P02's :label:
        f'{answers}:2',  # row 1: its text
        f'{answers}:2',  # and its title
    ]
    messages = [message for _, message in found]
    assert "gov:principle 'P01' :title: contains U+0007 (a control character), " \
           'U+202E (RIGHT-TO-LEFT OVERRIDE), U+202C (POP DIRECTIONAL FORMATTING)' in messages[0]
    assert ':label: contains U+2028 (LINE SEPARATOR)' in messages[1]
    assert ":label: contains U+000A (a line break)" in messages[2]
    assert "gov:finding 'F1' row 1, column 'text' contains U+001B" in messages[3]
    assert "row 1, column 'title' contains U+2028" in messages[4]


def test_pages_and_export_show_the_text_without_the_characters(app: SphinxTestApp) -> None:
    for path in sorted(app.outdir.rglob('*')):
        if path.suffix in {'.html', '.js', '.json', '.csv'} and '_static' not in path.parts:
            content = path.read_text(encoding='utf-8-sig')
            assert not unsafe_characters(content, allowed='\n\r\t'), path.name
    principle = text(object_element(app, 'index', 'principle', 'P01'))
    assert 'A title with a bell and a reversed word' in principle
    finding = text(object_element(app, 'index', 'finding', 'F1'))
    assert 'Red [31malert text' in finding


def test_no_value_can_forge_or_break_a_line_of_the_log(app: SphinxTestApp) -> None:
    log = strip_colors(app.warning.getvalue())
    assert not unsafe_characters(log, allowed='\n')
    lines = log.splitlines()
    # every line is one warning, located in this project: none was forged by a value
    assert lines and all(line.startswith(f'{app.srcdir}{"/"}') for line in lines), lines
    assert all(line.endswith(']') for line in lines), lines
    # the no-evidence message names the principle by its label, on one line
    assert any('(#2 Forged /elsewhere/forged.md:1: WARNING: a forged line [gov.forged]) has '
               'no evidence' in line for line in lines)
    # a header quoted in a message is shortened, its line separator written as an escape
    assert any("header of data/forged-header.csv has 'a\\u2028/elsewhere/forged.md:2: WARNING: "
               "a fo…', 'b'" in line for line in lines)


def test_a_lone_surrogate_in_a_value_is_warned_about_and_left_out(tmp_path: Path) -> None:
    """A YAML escape in a MyST option block can make one; no page could encode it."""
    srcdir = tmp_path / 'src'
    write_project(srcdir, (
        '# Surrogates\n\n:::{gov:principle} P01\n---\nnumber: 1\nlabel: "User\\ud800 focus"\n'
        'gap: "none\\udc80"\n---\n:::\n'))
    app = build(srcdir, tmp_path / 'build')
    assert app.statuscode == 0
    found = [(subtype, message) for _, subtype, message in gov_warnings(app)]
    assert found == [
        ('control-character', "gov:principle 'P01' :label: contains U+D800 (a lone surrogate)"
         ': write it as one line of plain text (meanwhile a line break is read as a space, '
         'and the others are left out)'),
        ('control-character', "gov:principle 'P01' :gap: contains U+DC80 (a lone surrogate)"
         ': write it as one line of plain text (meanwhile a line break is read as a space, '
         'and the others are left out)'),
    ]
    inventory = InventoryFile.loads((app.outdir / 'objects.inv').read_bytes(), uri=BASE)
    assert inventory.data['gov:principle']['P01'].display_name == '#1 User focus'
