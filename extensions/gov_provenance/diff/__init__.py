"""What changed between two builds' exports, for the reviewers of a pull request.

``python -m gov_provenance diff BASE HEAD`` prints it as Markdown; in Python::

    from gov_provenance.diff import compare_folders, render_markdown

    changes = compare_folders('base/_build/html', '_build/html')   # a ChangeSet
    for change in changes.status_changes:
        print(change.object.id, change.status.old, '→', change.status.new)
    print(render_markdown(changes, 'en'), end='')

The change set is plain frozen data (:mod:`.changes`); the exports are read as JSON
only, as the published format describes them (:mod:`.exports`).
"""

from __future__ import annotations

from pathlib import Path

from .changes import (
    Change,
    ChangeSet,
    FieldChange,
    LinkChange,
    LinkChangeKind,
    ObjectChange,
    ObjectRef,
    compare,
)
from .exports import Export, ExportError, load_export, parse_export
from .markdown import escape, render_markdown
from .words import Piece, TextPiece, word_diff


def compare_folders(base: str | Path, head: str | Path) -> ChangeSet:
    """The change set between the exports in two build output folders (or two
    ``provenance.json`` files); :class:`ExportError` when one cannot be read."""
    return compare(load_export(base), load_export(head))


__all__ = [
    'Change', 'ChangeSet', 'Export', 'ExportError', 'FieldChange', 'LinkChange',
    'LinkChangeKind', 'ObjectChange', 'ObjectRef', 'Piece', 'TextPiece', 'compare',
    'compare_folders', 'escape', 'load_export', 'parse_export', 'render_markdown',
    'word_diff',
]
