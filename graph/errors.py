"""Errors of the graph side. SHACL non-conformance is a result, not an error."""

from __future__ import annotations

from wsiskg.errors import WsiskgError


class GraphError(WsiskgError):
    """Base of every graph-side error."""


class RdfSyntaxError(GraphError):
    """A Turtle/N-Triples file does not parse."""


class QueryError(GraphError):
    """A SPARQL query is malformed, unknown, or its parameters are wrong."""
