"""The graph half of the Python API (re-exported by wsiskg.api)."""

from __future__ import annotations

import os
from pathlib import Path

from wsiskg.graph.build import BuildConfig, BuildResult, build_graph
from wsiskg.graph.named_queries import QueryResult, get_query, load_query_file, run
from wsiskg.graph.store import open_store
from wsiskg.graph.validate import ValidationReport
from wsiskg.graph.validate import validate_file as _validate_file

__all__ = [
    "BuildConfig",
    "BuildResult",
    "build_graph",
    "run_named_query",
    "run_query_file",
    "validate_file",
]


def validate_file(path: str | os.PathLike[str], workers: int = 1) -> ValidationReport:
    """SHACL-validate any RDF file (.ttl, .nt, .nq, .trig); the report says what fails where."""
    return _validate_file(path, workers=workers)


def run_named_query(
    name: str, store: str | os.PathLike[str] = "build/store", params: dict[str, str] | None = None
) -> QueryResult:
    """Run queries/<name>.rq on a built store with safely bound parameters."""
    q = get_query(name)
    substitutions = q.bind(params or {})
    return run(open_store(Path(store)), q.text, substitutions)


def run_query_file(
    path: str | os.PathLike[str],
    store: str | os.PathLike[str] = "build/store",
    params: dict[str, str] | None = None,
) -> QueryResult:
    """Run any SELECT/ASK query file; header params (if any) are bound like named queries."""
    q = load_query_file(path)
    return run(open_store(Path(store)), q.text, q.bind(params or {}) if q.params else {})
