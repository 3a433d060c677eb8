"""The handbook itself builds strictly: ``make html`` must pass."""

from __future__ import annotations

from pathlib import Path


def test_handbook_builds_without_warnings(handbook_html: Path) -> None:
    """The build the Makefile runs (``-W --keep-going -n``), from a fresh copy: the
    session's build fails on any warning (``working_tree.build_handbook``)."""
    assert (handbook_html / 'index.html').is_file()
    assert (handbook_html / 'objects.inv').is_file()
