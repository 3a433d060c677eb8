"""A build computes each view once: the digests of the pages after reading, the pages
as they are written, the pictures and the export read the same models."""

from __future__ import annotations

from collections import Counter

import pytest
from gov_provenance.model import ViewKind
from gov_provenance.views import HANDBOOK_VIEWS, OBJECT_VIEWS
from sphinx.testing.util import SphinxTestApp


@pytest.mark.sphinx('html', testroot='views', freshenv=True)
def test_a_build_computes_each_view_once(app: SphinxTestApp,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    built: Counter[str] = Counter()
    principle_view = OBJECT_VIEWS[ViewKind.PRINCIPLE]
    matrix_view = HANDBOOK_VIEWS[ViewKind.MATRIX]

    def principle_counted(graph, principle, sampling):  # type: ignore[no-untyped-def]
        built[principle.id] += 1
        return principle_view(graph, principle, sampling)

    def matrix_counted(views):  # type: ignore[no-untyped-def]
        built['matrix'] += 1
        return matrix_view(views)

    monkeypatch.setitem(OBJECT_VIEWS, ViewKind.PRINCIPLE, principle_counted)
    monkeypatch.setitem(HANDBOOK_VIEWS, ViewKind.MATRIX, matrix_counted)
    app.build()
    assert app.statuscode == 0
    graph = app.env.domains['gov'].graph  # type: ignore[attr-defined]
    principles = [principle.id for principle in graph.of_type('principle')]
    # each principle's page, the matrix (and its picture), the principle table, the
    # coverage page and principles.csv: one view each
    assert len(principles) > 2 and (app.outdir / 'principles.csv').is_file()
    assert built == Counter({**{object_id: 1 for object_id in principles}, 'matrix': 1})
