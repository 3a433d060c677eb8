"""What the build spares the garbage collector when ``sphinx-build`` exits."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

#: builds with ``sphinx-build``'s own entry point, then says how many objects the
#: collector would still have walked at exit; the check is registered first, so that
#: :mod:`atexit` runs it last
EXIT_CHECK = '''
import atexit, gc, sys
atexit.register(lambda: print('frozen at exit:', gc.get_freeze_count(),
                              'collector running:', gc.isenabled()))
from sphinx.cmd.build import main
sys.exit(main(sys.argv[1:]))
'''


def test_everything_alive_at_exit_is_spared_the_last_collection(
    rootdir: Path, tmp_path: Path
) -> None:
    result = subprocess.run(
        [sys.executable, '-c', EXIT_CHECK, '-q', '-b', 'html', '-d',
         str(tmp_path / 'doctrees'), str(rootdir / 'test-incremental'), str(tmp_path / 'html')],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr
    words = result.stdout.split()
    # the environment and everything else still alive: tens of thousands of objects
    assert int(words[words.index('exit:') + 1]) > 10_000
    assert words[-1] == 'True'
