"""Decide whether a query may run here, from a real parse of it (never a regex over its text).

rdflib's SPARQL 1.1 grammar gives a parse tree we can walk (pyoxigraph exposes no algebra):
updates (``LOAD`` included) do not parse as a query and are refused, any
``ServiceGraphPattern`` at any depth is refused, and ``FROM``/``FROM NAMED`` IRIs are returned
so the worker can refuse those that name no graph of the local store.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pyparsing import ParseBaseException
from rdflib.plugins.sparql.algebra import translatePrologue
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from wsiskg.graph.endpoint.errors import BadRequestError, RefusedQueryError

log = logging.getLogger(__name__)

FORMS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}


@dataclass(frozen=True)
class CheckedQuery:
    """What the parse tells the worker: the query form and its dataset clause."""

    form: str
    """SELECT, ASK, CONSTRUCT or DESCRIBE."""
    from_graphs: tuple[str, ...]
    from_named: tuple[str, ...]

    @property
    def is_graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")


def _nodes(tree: Any) -> Iterator[CompValue]:
    """Every ``CompValue`` of a parse tree, depth first (sub-queries included)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)) or hasattr(node, "as_list"):
            stack.extend(node)


def _syntax_message(exc: ParseBaseException) -> str:
    return f"line {exc.lineno}, column {exc.col}: {exc.msg}"


def _is_update(text: str) -> bool:
    try:
        parseUpdate(text)
    except ParseBaseException:
        return False
    except Exception:  # rdflib's grammar raises other errors on odd input
        return False
    return True


@lru_cache(maxsize=256)
def check_query(text: str) -> CheckedQuery:
    """Parse ``text`` as a SPARQL 1.1 query and refuse what a read-only endpoint must not run.

    Raises ``BadRequestError`` (malformed: the parser's message) or ``RefusedQueryError``.
    Cached: named queries and benchmark loads repeat the same text.
    """
    if not text.strip():
        raise BadRequestError("the query is empty")
    try:
        parsed = parseQuery(text)
    except ParseBaseException as exc:
        if _is_update(text):
            raise RefusedQueryError(
                "SPARQL Update (including LOAD, INSERT, DELETE, CLEAR, DROP) "
                "is not accepted: this endpoint is read-only"
            ) from None
        raise BadRequestError(f"malformed query: {_syntax_message(exc)}") from None
    except Exception as exc:  # rdflib raises e.g. on undeclared prefixes
        raise BadRequestError(f"malformed query: {exc}") from None
    prologue_tree, query = parsed[0], parsed[1]
    for node in _nodes(query):
        if node.name == "ServiceGraphPattern":
            raise RefusedQueryError("SERVICE (federated query) is not allowed on this endpoint")
    try:
        prologue = translatePrologue(prologue_tree, None)
    except Exception as exc:
        raise BadRequestError(f"malformed query prologue: {exc}") from None
    from_graphs: list[str] = []
    from_named: list[str] = []
    for clause in query["datasetClause"] if "datasetClause" in query else ():
        key = "default" if "default" in clause else "named"
        try:
            iri = str(prologue.absolutize(clause[key]))
        except Exception as exc:
            raise BadRequestError(f"malformed FROM clause: {exc}") from None
        (from_graphs if key == "default" else from_named).append(iri)
    form = FORMS.get(query.name)
    if form is None:
        raise BadRequestError(f"unsupported query form {query.name}")
    return CheckedQuery(form, tuple(from_graphs), tuple(from_named))
