"""The one way the domain reports a problem: a warning of type ``gov``.

Every warning has a subtype (so that ``suppress_warnings`` can silence one kind)
and a location (``path:line``, a ``(docname, line)`` pair or a node), and its text
is made printable: a value quoted in a message cannot break the log line, forge
another one (a CI annotation, say) or hide itself behind a bidi override.
"""

from __future__ import annotations

from typing import TypeAlias

from docutils import nodes
from sphinx.util import logging

from .model import printable

logger = logging.getLogger(__name__)

Location: TypeAlias = str | tuple[str, int] | nodes.Node


def warn(subtype: str, message: str, location: Location) -> None:
    """Report a problem at ``location``."""
    if isinstance(location, str):
        location = printable(location)
    logger.warning(printable(message), location=location, type='gov', subtype=subtype)


def info(message: str, *args: object) -> None:
    """Log progress; values in ``args`` are made printable like a warning's."""
    logger.info(message, *(printable(arg) if isinstance(arg, str) else arg for arg in args))
