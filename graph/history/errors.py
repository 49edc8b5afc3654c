"""Errors of the history package (all are graph-side errors the user can fix)."""

from __future__ import annotations

from wsiskg.graph.errors import GraphError


class HistoryError(GraphError):
    """Base of every negotiation-history error: unreadable input, unknown document, bad data."""
