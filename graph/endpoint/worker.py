"""Run one checked query against the read-only store; the body of each worker process.

A worker process opens the store once (``Store.read_only``) and answers ``QueryJob``s sent over
a pipe with ``QueryReply``s holding the serialised result, so the HTTP process never touches
query evaluation and can kill a worker that runs past its time limit.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox

from wsiskg.graph.endpoint import negotiation, results
from wsiskg.graph.endpoint.errors import (
    BadRequestError,
    EndpointError,
    RefusedQueryError,
    TooManyRowsError,
)
from wsiskg.graph.endpoint.safety import check_query
from wsiskg.graph.named_queries import inline_values

log = logging.getLogger(__name__)

STANDARD_PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
}


@dataclass(frozen=True)
class QueryJob:
    """One query to run, with everything the protocol request said about it."""

    query: str
    accept: str | None = None
    format: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    substitutions: dict[str, Any] = field(default_factory=dict)
    """Variable name → pyoxigraph term (named-query parameters, bound by the engine)."""
    max_rows: int = 100_000
    base_iri: str | None = None
    """Base for relative IRIs in the query (the service endpoint, as the Protocol allows)."""


@dataclass(frozen=True)
class QueryReply:
    """The HTTP answer for one job: status, media type, body and the number of rows."""

    status: int
    content_type: str
    body: bytes
    rows: int | None = None

    @classmethod
    def error(cls, exc: EndpointError) -> QueryReply:
        return cls(exc.status, "text/plain; charset=utf-8", (str(exc) + "\n").encode())


def _dataset_kwargs(
    store: ox.Store, job: QueryJob, from_graphs: tuple[str, ...], from_named: tuple[str, ...]
) -> dict[str, Any]:
    """pyoxigraph arguments for the query dataset; nothing outside the store is ever fetched.

    The protocol's default-graph-uri/named-graph-uri override the query's FROM clauses
    (SPARQL 1.1 Protocol §2.1.4) and select local graphs (an unknown IRI is an empty graph,
    as the W3C protocol tests expect). FROM/FROM NAMED IRIs in the query text that name no
    graph of this store are refused: the query asks for remote data we will not fetch. With
    neither, the default graph is the union of the named graphs (one per input file).
    """
    protocol = bool(job.default_graphs or job.named_graphs)
    for iri in job.default_graphs + job.named_graphs + from_graphs + from_named:
        try:
            node = ox.NamedNode(iri)
        except ValueError as exc:
            raise BadRequestError(f"invalid graph IRI {iri!r}: {exc}") from None
        if not protocol and not store.contains_named_graph(node):
            raise RefusedQueryError(
                f"FROM <{iri}> names no graph of this dataset; remote graphs "
                "are never fetched (GET /sparql lists the named graphs)"
            )
    if protocol:
        return {
            "default_graph": [ox.NamedNode(i) for i in job.default_graphs],
            "named_graphs": [ox.NamedNode(i) for i in job.named_graphs],
        }
    if from_graphs or from_named:
        return {}
    return {"use_default_graph_as_union": True}


def execute(store: ox.Store, job: QueryJob) -> QueryReply:
    """Check, run and serialise ``job``; every refusal or failure becomes an error reply."""
    try:
        checked = check_query(job.query)
        media = negotiation.choose(job.accept, job.format, checked.is_graph)
        kwargs = _dataset_kwargs(store, job, checked.from_graphs, checked.from_named)
        if job.base_iri:
            kwargs["base_iri"] = job.base_iri
        query = job.query
        if job.substitutions:
            bound = {ox.Variable(k): v for k, v in job.substitutions.items()}
            query = inline_values(query, bound)
        try:
            outcome = store.query(query, **kwargs)
            return _serialise(outcome, media, job.max_rows)
        except SyntaxError as exc:
            raise BadRequestError(f"malformed query: {exc}") from None
        except (OSError, ValueError, TypeError, RuntimeError) as exc:
            raise EndpointError(f"query evaluation failed: {exc}") from None
    except EndpointError as exc:
        return QueryReply.error(exc)


def _serialise(outcome: Any, media: str, max_rows: int) -> QueryReply:
    charset = "; charset=utf-8"
    if isinstance(outcome, ox.QueryBoolean):
        return QueryReply(200, media + charset, results.write_boolean(bool(outcome), media), 1)
    if isinstance(outcome, ox.QuerySolutions):
        variables = [v.value for v in outcome.variables]
        rows: list[tuple[Any, ...]] = []
        width = range(len(variables))
        for solution in outcome:
            if len(rows) == max_rows:
                raise TooManyRowsError(
                    f"the result has more than {max_rows} rows (the maximum "
                    "of this endpoint); add LIMIT/OFFSET to page through it"
                )
            rows.append(tuple(solution[i] for i in width))
        body = results.write_solutions(variables, rows, media)
        return QueryReply(200, media + charset, body, len(rows))
    triples: list[ox.Triple] = []
    for triple in outcome:
        if len(triples) == max_rows:
            raise TooManyRowsError(
                f"the result has more than {max_rows} triples (the maximum "
                "of this endpoint); add LIMIT to the query"
            )
        triples.append(triple)
    body = results.write_triples(triples, media, STANDARD_PREFIXES)
    return QueryReply(200, media + charset, body, len(triples))


def worker_main(conn: Connection, store_path: str) -> None:
    """Process entry point: open the store, then answer jobs until the pipe closes."""
    try:
        store = ox.Store.read_only(store_path)
    except OSError as exc:
        conn.send(("error", f"cannot open store {store_path} read-only: {exc}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            reply = execute(store, job)
        except Exception as exc:  # a bug: answer 500 rather than kill the worker
            log.exception("query crashed the worker code")
            reply = QueryReply.error(EndpointError(f"internal error: {exc}"))
        conn.send(reply)
