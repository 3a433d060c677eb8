"""Records without Sphinx: objects as a directive would read them, and their graph.

The unit tests build a handful of :class:`~gov_provenance.model.GovObject` records
with :func:`record` (its options parsed by :func:`~gov_provenance.options.parse_options`,
exactly as a directive parses them), join them with :func:`graph_of`, and check them
with :func:`problems_of`, each in milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from gov_provenance import validation
from gov_provenance.graph import Graph, build_graph
from gov_provenance.model import OBJECT_TYPES, GovObject, Written, content_digest
from gov_provenance.options import parse_options
from gov_provenance.warnings_ import GovWarning, Location

#: the source directory the records claim to be written in
SRCDIR = Path('/handbook')


def record(objtype: str, object_id: str, *, docname: str = 'index', line: int = 1,
           summary: str = '', **options: str) -> GovObject:
    """One object of ``objtype``, written at ``docname.md:line`` with ``options``
    (``shapes='P01, P02'``; an underscore in a name stands for its ``-``).

    An option its type does not take, or a value it cannot parse, fails the test:
    a record of the factory is always one a directive would make.
    """
    spec = OBJECT_TYPES[objtype]
    given = {name.replace('_', '-'): value for name, value in options.items()}
    unknown = set(given) - set(spec.field_names)
    assert not unknown, f'gov:{objtype} takes no option {", ".join(sorted(unknown))}'
    written = Written(f'{docname}.md', line, {name: line + 1 + index
                                             for index, name in enumerate(given)})
    parsed = parse_options(spec, object_id, given, written)
    assert not parsed.problems, [problem.message for problem in parsed.problems]
    return GovObject(
        objtype=objtype, id=object_id, docname=docname, anchor=f'gov-{objtype}-{object_id}',
        written=written, fields=parsed.fields, summary=summary,
        digest=content_digest(objtype, object_id, docname, sorted(parsed.fields.items())),
    )


def graph_of(*objects: GovObject) -> Graph:
    """The graph of ``objects``, grouped into their documents in the order given."""
    records: dict[str, list[GovObject]] = {}
    for obj in objects:
        records.setdefault(obj.docname, []).append(obj)
    return build_graph(records)


#: a problem the checks reported: (subtype, message, ``path:line``)
Reported = tuple[GovWarning, str, str]


@contextmanager
def reported(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Reported]]:
    """Collect what :mod:`gov_provenance.validation` reports, instead of logging it."""
    found: list[Reported] = []

    def collect(kind: GovWarning, message: str, location: Location) -> None:
        found.append((kind, message, str(location)))

    with monkeypatch.context() as patch:
        patch.setattr(validation, 'warn', collect)
        yield found


def problems_of(graph: Graph, monkeypatch: pytest.MonkeyPatch) -> list[Reported]:
    """Every problem :func:`~gov_provenance.validation.check_graph` finds in ``graph``."""
    with reported(monkeypatch) as found:
        validation.check_graph(graph, SRCDIR)
    return found
