"""Compile the ``.po`` catalogues next to them into ``.mo`` files.

Run ``python -m gov_provenance.compile_catalogs`` after editing a translation;
a test checks that every committed ``.mo`` matches its ``.po``.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileParser

from .locale import LOCALE_DIR

#: the ``POT-Creation-Date`` of a catalogue whose ``.po`` file gives none; babel
#: would write the current time, and the ``.mo`` file would change at every compile
UNDATED = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def compiled(po_path: Path) -> bytes:
    """The ``.mo`` file of ``po_path``: the same bytes whenever the same Babel compiles it."""
    catalog = Catalog(creation_date=UNDATED)
    with po_path.open('rb') as po_file:
        PoFileParser(catalog).parse(po_file)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def main() -> None:
    for po_path in sorted(LOCALE_DIR.glob('*/LC_MESSAGES/*.po')):
        po_path.with_suffix('.mo').write_bytes(compiled(po_path))
        print(f'compiled {po_path.relative_to(LOCALE_DIR)}')


if __name__ == '__main__':
    main()
