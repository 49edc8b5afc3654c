"""Named queries (``queries/*.rq``) over HTTP, through ``wsiskg.graph.named_queries``.

Parameters are turned into pyoxigraph terms by that module and bound as a ``VALUES`` block
written by pyoxigraph's own serializer (never user text spliced in as syntax); the worker pool
then runs the query like any other.
"""

from __future__ import annotations

import threading
from typing import Any

from wsiskg.graph.endpoint.errors import BadRequestError, EndpointError
from wsiskg.graph.errors import GraphError


def _text(query: Any) -> str:
    for attr in ("text", "query", "sparql", "source"):
        value = getattr(query, attr, None)
        if isinstance(value, str):
            return value
    raise EndpointError(f"named query {query!r} exposes no query text")


def _field(query: Any, name: str) -> Any:
    value = getattr(query, name, None)
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return _plain(value)


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if hasattr(value, "__dataclass_fields__"):
        return {k: _plain(getattr(value, k)) for k in value.__dataclass_fields__}
    return str(value)


class NamedQueries:
    """Loads the named queries once, on first use (start-up must not depend on them)."""

    def __init__(self) -> None:
        self._queries: dict[str, Any] | None = None
        self._lock = threading.Lock()

    def queries(self) -> dict[str, Any]:
        with self._lock:
            if self._queries is None:
                try:
                    from wsiskg.graph.named_queries import load_named_queries
                except ImportError as exc:
                    raise EndpointError(
                        f"named queries are unavailable: {exc}", status=503
                    ) from None
                try:
                    self._queries = load_named_queries()
                except GraphError as exc:
                    raise EndpointError(f"named queries failed to load: {exc}") from None
            return self._queries

    def listing(self) -> list[dict[str, Any]]:
        """Name, summary, description, parameters and returned variables of each query."""
        return [
            {
                "name": name,
                "url": f"/queries/{name}",
                **{f: _field(q, f) for f in ("summary", "description", "params", "returns")},
                "query": _text(q),
            }
            for name, q in sorted(self.queries().items())
        ]

    def prepare(self, name: str, params: dict[str, str]) -> tuple[str, dict[str, Any]]:
        """The text of ``name`` and its bound parameters as variable name → term."""
        query = self.queries().get(name)
        if query is None:
            raise EndpointError(f"no named query {name!r} (GET /queries lists them)", status=404)
        try:
            bound = query.bind(params)
        except GraphError as exc:
            raise BadRequestError(str(exc)) from None
        return _text(query), {getattr(v, "value", str(v)): t for v, t in bound.items()}
