"""``export``: view name + format + filters → one file. The CLI and the Python API call this."""

from __future__ import annotations

import logging
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from wsiskg.graph.export import style
from wsiskg.graph.export.errors import ExportError
from wsiskg.graph.export.facts import ExportFilters, assemble
from wsiskg.graph.export.html import write_html
from wsiskg.graph.export.source import GraphSource, open_store
from wsiskg.graph.export.views import VIEWS, Catalog
from wsiskg.graph.export.writers import (
    render_graphviz,
    write_cyjs,
    write_dot,
    write_gexf,
    write_graphml,
)

log = logging.getLogger(__name__)

Writer = Callable[[nx.MultiDiGraph, Path], None]

FORMATS: dict[str, Writer] = {
    "graphml": write_graphml,
    "gexf": write_gexf,
    "cyjs": write_cyjs,
    "dot": write_dot,
    "svg": lambda g, p: render_graphviz(g, p, "svg"),
    "png": lambda g, p: render_graphviz(g, p, "png"),
    "html": write_html,
}
FORMAT_ALIASES = {"json": "cyjs", "cytoscape": "cyjs", "gv": "dot"}


@dataclass(frozen=True)
class ExportResult:
    path: Path
    view: str
    format: str
    nodes: int
    edges: int
    total_nodes: int
    seconds: float
    truncated: str = ""


def build_view(
    store: ox.Store, view: str, filters: ExportFilters | None = None, base_iri: str | None = None
) -> nx.MultiDiGraph:
    """The named view of the graph in ``store``, filtered and styled, as a networkx graph."""
    if view not in VIEWS:
        raise ExportError(f"unknown view {view!r}: choose one of {', '.join(VIEWS)}")
    filters = filters or ExportFilters()
    source = GraphSource(store, base_iri)
    data = VIEWS[view](source, Catalog(source), filters.paragraphs)
    graph = assemble(data, filters)
    style.apply(graph)
    log.info("%s view: %d nodes, %d edges", view, graph.number_of_nodes(), graph.number_of_edges())
    return graph


def normalise_format(fmt: str) -> str:
    name = FORMAT_ALIASES.get(fmt.lower(), fmt.lower())
    if name not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    return name


def export(
    store: ox.Store | str | Path,
    view: str,
    fmt: str,
    out: str | Path,
    filters: ExportFilters | None = None,
    base_iri: str | None = None,
) -> ExportResult:
    """Write ``view`` of the store as ``fmt`` to ``out`` (atomically: temp file, then rename)."""
    started = time.perf_counter()
    name = normalise_format(fmt)
    opened = store if isinstance(store, ox.Store) else open_store(store)
    graph = build_view(opened, view, filters, base_iri)
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        FORMATS[name](graph, Path(tmp))
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return ExportResult(
        path=target,
        view=view,
        format=name,
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        total_nodes=int(graph.graph.get("total_nodes", graph.number_of_nodes())),
        seconds=time.perf_counter() - started,
        truncated=str(graph.graph.get("truncated", "")),
    )
