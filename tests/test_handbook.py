"""The handbook itself builds strictly: ``make html`` must pass."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).parent.parent


def test_handbook_builds_without_warnings(tmp_path: Path) -> None:
    """The build the Makefile runs (``-W --keep-going -n``), in a fresh directory."""
    result = subprocess.run(
        [
            sys.executable, '-m', 'sphinx', '-W', '--keep-going', '-n', '-b', 'html',
            '-c', str(REPOSITORY), str(REPOSITORY / 'handbook'), str(tmp_path / 'html'),
        ],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert 'WARNING' not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
    assert (tmp_path / 'html' / 'index.html').is_file()
