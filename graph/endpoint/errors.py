"""Errors of the endpoint. Each carries the HTTP status it is answered with."""

from __future__ import annotations

from wsiskg.graph.errors import GraphError


class EndpointError(GraphError):
    """Base of every endpoint error; ``status`` is the HTTP status code to answer with."""

    status: int = 500

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        if status is not None:
            self.status = status


class BadRequestError(EndpointError):
    """The request or the query is malformed (400)."""

    status = 400


class RefusedQueryError(EndpointError):
    """A well-formed query this read-only public endpoint will not run (400)."""

    status = 400


class NotAcceptableError(EndpointError):
    """No result format the client accepts exists for this query form (406)."""

    status = 406


class QueryTooLongError(EndpointError):
    """The query (or request body) exceeds the configured size (413)."""

    status = 413


class SaturatedError(EndpointError):
    """Every query worker is busy (503)."""

    status = 503


class QueryTimeoutError(EndpointError):
    """The query ran past its time limit and its worker was killed (504)."""

    status = 504


class TooManyRowsError(EndpointError):
    """The result has more rows than the configured maximum (400: add LIMIT)."""

    status = 400


class StoreUnavailableError(EndpointError):
    """The store cannot be opened read-only."""

    status = 500
