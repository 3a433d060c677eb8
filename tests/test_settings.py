"""The extension's settings in ``conf.py``: a value out of its range is reported where
it is set, and the default is used, so that nothing fails later in other words."""

from __future__ import annotations

from pathlib import Path

import pytest
from common import build, gov_warnings, line_of, strip_colors, write_project
from gov_provenance.settings import NUMBER_SETTINGS


@pytest.mark.parametrize(('setting', 'value'), [
    ('gov_heading_level', '0'), ('gov_heading_level', '7'), ('gov_csv_max_bytes', '0'),
    ('gov_heading_level', '-1'),
])
def test_a_setting_out_of_its_range_is_located_in_conf_py(
    tmp_path: Path, setting: str, value: str
) -> None:
    srcdir = write_project(tmp_path / 'src', (
        '# Setting\n\n:::{gov:principle} P1\n:number: 1\n:label: One\n:gap: none\n:::\n'
    ), f'{setting} = {value}\n')
    app = build(srcdir, tmp_path / '_build')
    conf = srcdir / 'conf.py'
    assert [(location, subtype) for location, subtype, _ in gov_warnings(app)] == [
        (f'{conf}:{line_of(conf, setting)}', 'invalid-setting')]
    # the default is used: Sphinx has no heading level of its own to complain about
    assert len(strip_colors(app.warning.getvalue()).strip().splitlines()) == 1
    assert getattr(app.config, setting) == NUMBER_SETTINGS[setting][0]
