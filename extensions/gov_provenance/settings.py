"""The extension's settings in ``conf.py``, checked once the configuration is read.

A whole number out of its range (a heading level of 0 or 7, a CSV size limit of 0)
would fail later, far from its cause, or in another tool's words: it is reported where
it is set, and its default is used instead.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from .csvdata import DEFAULT_MAX_BYTES
from .messages import __
from .text import quoted
from .warnings_ import GovWarning, Location, warn

#: each whole-number setting: its default, and the smallest and largest value it takes
NUMBER_SETTINGS: dict[str, tuple[int, int, int]] = {
    'gov_heading_level': (2, 1, 6),
    'gov_csv_max_bytes': (DEFAULT_MAX_BYTES, 1, 2**40),
    # a long list shown in part (listings.py): 0 shows every list whole
    'gov_view_sample_threshold': (30, 0, 10**9),
    'gov_view_sample_size': (10, 1, 10**9),
    'gov_view_list_page_size': (500, 1, 10**9),
}


#: a commit's id as git writes it: the hexadecimal digits of a SHA-1 or SHA-256 hash,
#: or a prefix of at least 7 of them (``gov_source_commit``)
COMMIT = re.compile(r'[0-9a-f]{7,64}')


def add_settings(app: Sphinx) -> None:
    for name, (default, _, _) in NUMBER_SETTINGS.items():
        app.add_config_value(name, default, 'env', types=frozenset({int}))
    app.connect('config-inited', check_settings)
    app.connect('config-inited', check_source_commit)


def check_settings(app: Sphinx, config: Config) -> None:
    """``config-inited``: a setting out of its range takes its default, with a warning."""
    for name, (default, smallest, largest) in NUMBER_SETTINGS.items():
        value = getattr(config, name)
        if isinstance(value, int) and smallest <= value <= largest:
            continue
        warn(GovWarning.INVALID_SETTING, __(
            '%(name)s = %(value)s is not a whole number from %(smallest)s to %(largest)s: '
            '%(default)s is used meanwhile'
        ) % {'name': name, 'value': repr(value), 'smallest': f'{smallest:,}',
             'largest': f'{largest:,}', 'default': f'{default:,}'},
            where_set(Path(app.confdir) / 'conf.py', name))
        setattr(config, name, default)


def check_source_commit(app: Sphinx, config: Config) -> None:
    """``config-inited``: ``gov_source_commit`` (the export's) is a commit's id, or empty
    to ask git; anything else is reported, and git asked meanwhile."""
    value = config.gov_source_commit
    if not value or COMMIT.fullmatch(value.strip().lower()):
        return
    warn(GovWarning.INVALID_SETTING, __(
        'gov_source_commit = %(value)s is not the id of a commit: give the hexadecimal digits '
        '"git rev-parse HEAD" prints, or leave it empty; git is asked meanwhile'
    ) % {'value': quoted(value)}, where_set(Path(app.confdir) / 'conf.py', 'gov_source_commit'))
    config.gov_source_commit = ''


def where_set(conf: Path, name: str) -> Location:
    """The line of ``conf.py`` that sets ``name`` (the file's first line when none does,
    as when it is set with ``-D``)."""
    try:
        text = conf.read_text(encoding='utf-8')
    except (OSError, UnicodeError):
        return Location(conf, 1)
    found = re.search(rf'^\s*{re.escape(name)}\s*=', text, re.MULTILINE)
    return Location(conf, text.count('\n', 0, found.start()) + 1 if found else 1)
