"""Errors of the export side: things the user can fix (no store, unknown view or format)."""

from __future__ import annotations

from wsiskg.graph.errors import GraphError


class ExportError(GraphError):
    """Base of every export error: bad view, format, filter, store, or a failed Graphviz run."""


class GraphvizError(ExportError):
    """Graphviz's ``dot`` is missing or failed to render."""
