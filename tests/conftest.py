"""Shared fixtures of the test suite, after sphinxcontrib-bibtex's.

Each test builds one small Sphinx project from ``roots/test-<name>/`` with the
``app`` fixture of :mod:`sphinx.testing.fixtures`, selected by
``@pytest.mark.sphinx('html', testroot='<name>')``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sphinx.locale
from common import BuiltRoot, build
from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase
from sphinx.testing.util import SphinxTestApp
from working_tree import build_handbook, copy_working_tree

#: the property-based tests (``test_fuzz.py``): a few examples for ``make test``, many
#: in ``.ci/run`` (``HYPOTHESIS_PROFILE=ci``); each example builds a project, so no
#: deadline. A failing example is kept in ``hypothesis-examples/``, which is committed,
#: and is tried first by every later run.
EXAMPLES = DirectoryBasedExampleDatabase(Path(__file__).parent / 'hypothesis-examples')
settings.register_profile(
    'default', max_examples=3, deadline=None, database=EXAMPLES,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile('ci', settings.get_profile('default'), max_examples=200,
                          print_blob=True)
settings.load_profile(os.environ.get('HYPOTHESIS_PROFILE', 'default'))

# pyproject.toml's ``addopts`` already loads the plugin with ``-p``; naming it here
# too keeps ``pytest tests`` working with any configuration, and pytest registers
# a plugin module only once.
pytest_plugins = 'sphinx.testing.fixtures'

#: the date the handbook built by the tests shows (2022-01-24, UTC), as ``make html``
#: pins the last commit's
HANDBOOK_DATE_EPOCH = '1643000000'


@pytest.fixture(scope='session')
def rootdir() -> Path:
    return Path(__file__).parent / 'roots'


@pytest.fixture(scope='session')
def built_root(tmp_path_factory: pytest.TempPathFactory, rootdir: Path) -> BuiltRoot:
    """``built_root('views')``: the root ``roots/test-views``, built once per test
    session (per builder and configuration) into a directory of its own.

    For the tests that only read a build (its pages, warnings, environment): they
    share one build instead of each building the root again. A test that builds
    with other settings, edits the sources or rebuilds takes ``app`` instead.
    """
    builds: dict[tuple[str, str, str], SphinxTestApp] = {}

    def built(root: str, buildername: str = 'html', **confoverrides: Any) -> SphinxTestApp:
        key = (root, buildername, repr(sorted(confoverrides.items())))
        if key not in builds:
            srcdir = tmp_path_factory.mktemp(root) / 'src'
            shutil.copytree(rootdir / f'test-{root}', srcdir)
            builds[key] = build(srcdir, srcdir.parent / '_build', buildername,
                                confoverrides=confoverrides)
        return builds[key]

    return built


#: what a ``sphinx`` marker may set for :func:`shared_app`: a build that changes
#: nothing but the root and its configuration can be shared
SHAREABLE = frozenset({'testroot', 'confoverrides', 'freshenv'})


@pytest.fixture
def shared_app(request: pytest.FixtureRequest, built_root: BuiltRoot) -> SphinxTestApp:
    """The build the test's ``sphinx`` marker describes (builder, root, configuration),
    made once per session and shared by every test that marks the same.

    For tests that only read a build; ``app`` stays for those that build themselves.
    """
    buildername, settings = 'html', {}
    for marker in reversed(list(request.node.iter_markers('sphinx'))):  # closest last
        buildername = marker.args[0] if marker.args else buildername
        settings.update(marker.kwargs)
    unshared = sorted(set(settings) - SHAREABLE)
    assert not unshared, f'a build with {unshared} is not shared: take the app fixture'
    return built_root(settings.get('testroot', 'root'), buildername,
                      **settings.get('confoverrides', {}))


@pytest.fixture(autouse=True)
def _reset_translators() -> Iterator[None]:
    """Forget loaded message catalogues around every test.

    ``sphinx.locale.translators`` is process-global: once a build in Japanese has
    loaded the extension's catalogue, an English build in the same process shows
    Japanese labels. ``SphinxTestApp.cleanup()`` clears it too, but not for an app
    that was never cleaned up, nor for labels read outside a build.
    """
    sphinx.locale.translators.clear()
    yield
    sphinx.locale.translators.clear()


@pytest.fixture(scope='session')
def handbook_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real handbook, built once per test session the way ``make html`` builds it
    (strictly, with its search index), on the date :data:`HANDBOOK_DATE_EPOCH`.

    It is built from a copy of the working tree as a fresh clone holds it, without
    the compiled catalogues a build leaves behind, so that the tests that read it
    also see what the first build of a new clone shows.
    """
    clone = copy_working_tree(tmp_path_factory.mktemp('handbook'))
    assert not list((clone / 'handbook').rglob('*.mo')), (
        'a fresh clone holds no compiled catalogue of the handbook'
    )
    return build_handbook(clone, SOURCE_DATE_EPOCH=HANDBOOK_DATE_EPOCH)
