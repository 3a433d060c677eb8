"""What the first round of hardening made hold, and what keeps it holding: objects
nested in objects, and ids that only look like others (Unicode look-alikes).

The other cases of that round have tests of their own: wrong-type and self
references (``test_warnings.py``, roots ``because-wrong-type`` and
``warn-self-reference``), odd YAML option values (``test_untrusted_text.py``,
``test_fuzz.py``), HTML and SVG injection (``test_escaping.py``), CSV formula payloads
(``test_export.py``), odd CSV encodings, line ends and paths (``test_findings_csv.py``),
incremental == fresh (``test_incremental.py``), ``-j2`` == ``-j1``
(``test_parallel.py``) and every builder (``test_builders.py``).
"""

from __future__ import annotations

from pathlib import Path

from common import body, build, gov_warnings, line_of, object_element, text, write_project

CYRILLIC_P, FULL_WIDTH_P = '\u0420', '\uff30'
PAGE = '''# Held

::::{gov:opinion} O1
:meeting: M1
:shapes: P01

An opinion with a principle inside it.

:::{gov:principle} P01
:number: 1
:label: Nested
:::
::::

:::{gov:meeting} M1
:number: 1
:date: 2022-01-24
:::

:::{gov:principle} \u042001
:number: 2
:label: Cyrillic
:::

:::{gov:principle} \uff3001
:number: 3
:label: Full width
:::

See {gov:principle}`\u0420\u200b01`.
'''


def test_nested_objects_and_look_alike_ids(tmp_path: Path) -> None:
    srcdir = write_project(tmp_path / 'src', PAGE)
    app = build(srcdir, tmp_path / '_build')
    assert app.statuscode == 0
    index = srcdir / 'index.md'
    located = [(location, subtype) for location, subtype, _ in gov_warnings(app)]
    cyrillic, full_width = CYRILLIC_P + '01', FULL_WIDTH_P + '01'
    assert located == [
        (f'{index}:{line_of(index, cyrillic)}', 'invalid-id'),
        (f'{index}:{line_of(index, full_width)}', 'invalid-id'),
        (f'{index}:{line_of(index, "See ")}', 'unknown-ref'),
    ]
    # the nested principle is recorded and shown, linked from the opinion around it
    assert 'Nested' in text(object_element(app, 'index', 'principle', 'P01'))
    opinion = object_element(app, 'index', 'opinion', 'O1')
    assert any(a.get('href') == f'#{object_element(app, "index", "principle", "P01")["id"]}'
               for a in opinion.find_all('a'))
    # a look-alike id is no object, and a role naming one links nowhere
    assert not any(CYRILLIC_P in text(a) for a in body(app, 'index').find_all('a'))
