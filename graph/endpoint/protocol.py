"""SPARQL 1.1 Protocol request parsing: from method, URL, headers and body to one query.

Pure functions, no sockets, so every malformed-request rule is unit-testable: one ``query``
parameter (none means "describe the service"), form bodies strictly UTF-8 with '+' as a
space, ``application/sparql-query`` bodies in their declared charset, size limits (413).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs

from wsiskg.graph.endpoint.errors import (
    BadRequestError,
    EndpointError,
    QueryTooLongError,
    RefusedQueryError,
)

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"


@dataclass(frozen=True)
class ProtocolRequest:
    """One protocol request; ``query`` is None for a request without a query."""

    query: str | None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    format: str | None = None


def parse_params(text: str) -> dict[str, list[str]]:
    """Decode ``application/x-www-form-urlencoded`` text; invalid UTF-8 is a 400."""
    try:
        return parse_qs(
            text, keep_blank_values=True, strict_parsing=False, encoding="utf-8", errors="strict"
        )
    except UnicodeDecodeError as exc:
        raise BadRequestError(f"parameters are not valid percent-encoded UTF-8: {exc}") from None
    except ValueError as exc:
        raise BadRequestError(f"malformed parameters: {exc}") from None


def _media_type(content_type: str | None) -> tuple[str, str]:
    if not content_type:
        return "", "utf-8"
    media, _, params = content_type.partition(";")
    charset = "utf-8"
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip('"').lower()
    return media.strip().lower(), charset


def _one(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name, [])
    if len(values) > 1:
        raise BadRequestError(f"more than one {name!r} parameter")
    return values[0] if values else None


def parse_request(
    method: str, url_query: str, content_type: str | None, body: bytes, max_bytes: int
) -> ProtocolRequest:
    """Turn one HTTP request to /sparql into a ``ProtocolRequest`` or raise with a status."""
    if len(url_query) > 3 * max_bytes or len(body) > max_bytes:
        raise QueryTooLongError(f"request larger than the limit of {max_bytes} bytes")
    url_params = parse_params(url_query)
    if method in ("GET", "HEAD"):
        params = url_params
        if "update" in params:
            raise RefusedQueryError("SPARQL Update is not accepted: this endpoint is read-only")
        query = _one(params, "query")
    elif method == "POST":
        media, charset = _media_type(content_type)
        if media == FORM:
            try:
                text = body.decode("ascii")
            except UnicodeDecodeError:
                raise BadRequestError("a form body must be percent-encoded ASCII") from None
            params = parse_params(text)
            for name, values in url_params.items():  # e.g. default-graph-uri in the URL
                if name != "query":
                    params.setdefault(name, []).extend(values)
            if "update" in params:
                raise RefusedQueryError("SPARQL Update is not accepted: this endpoint is read-only")
            query = _one(params, "query")
            if query is None:
                raise BadRequestError("the form has no 'query' parameter")
        elif media == SPARQL_QUERY:
            params = url_params
            if "query" in params:
                raise BadRequestError("a query was sent both in the body and in the URL")
            try:
                query = body.decode(charset, errors="strict")
            except (UnicodeDecodeError, LookupError) as exc:
                raise BadRequestError(f"the query is not valid {charset}: {exc}") from None
        elif media == SPARQL_UPDATE:
            raise RefusedQueryError("SPARQL Update is not accepted: this endpoint is read-only")
        elif not media:
            raise EndpointError(
                "POST needs a Content-Type: application/x-www-form-urlencoded "
                "or application/sparql-query",
                status=415,
            )
        else:
            raise EndpointError(
                f"unsupported Content-Type {media!r}; use {FORM} or {SPARQL_QUERY}", status=415
            )
    else:
        raise EndpointError(f"method {method} is not allowed; use GET or POST", status=405)
    if query is not None:
        if len(query.encode()) > max_bytes:
            raise QueryTooLongError(f"the query is longer than the limit of {max_bytes} bytes")
        if not query.strip():
            raise BadRequestError("the query is empty")
    return ProtocolRequest(
        query=query,
        default_graphs=tuple(params.get("default-graph-uri", [])),
        named_graphs=tuple(params.get("named-graph-uri", [])),
        format=formats[-1] if (formats := params.get("format")) else None,
    )
