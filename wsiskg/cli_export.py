"""``wsiskg export VIEW``: a view of the built graph as GraphML, GEXF, Cytoscape.js JSON, DOT,
SVG/PNG or one offline HTML page (issue 6). Only wraps ``wsiskg.graph.export.export``."""

from __future__ import annotations

from pathlib import Path

import typer

from wsiskg.cli import app, console, user_errors
from wsiskg.graph.export import FORMATS, VIEWS, ExportFilters, export

_VIEWS = ", ".join(VIEWS)
_FORMATS = ", ".join(FORMATS)


@app.command("export")
@user_errors
def export_command(
    view: str = typer.Argument(..., help=f"The view: {_VIEWS}."),
    store: Path = typer.Option(Path("build/store"), "--store", help="The built pyoxigraph store."),
    fmt: str = typer.Option("html", "--format", "-f", help=f"Output format: {_FORMATS}."),
    out: Path = typer.Option(..., "--output", "-o", help="The file to write."),
    body: list[str] = typer.Option(
        [], "--body", help="Keep facts involving this actor id (repeatable), e.g. IGF."
    ),
    document: list[str] = typer.Option(
        [], "--document", help="Keep facts about this document id (repeatable), e.g. A/RES/70/125."
    ),
    relation: list[str] = typer.Option(
        [], "--relation", help="Keep this relation (repeatable): requests, recalls, extended …"
    ),
    year_from: int | None = typer.Option(None, "--from", help="First year (document date)."),
    year_to: int | None = typer.Option(None, "--to", help="Last year (document date)."),
    max_nodes: int | None = typer.Option(
        None, "--max-nodes", help="Keep only the N most connected nodes."
    ),
    paragraphs: bool = typer.Option(
        False, "--paragraphs", help="citations: paragraphs as nodes, not whole documents."
    ),
    base_iri: str | None = typer.Option(
        None, "--base-iri", envvar="WSISKG_BASE_IRI", help="Base IRI the graph was built with."
    ),
) -> None:
    """Export a view of the graph (tasks, citations, mandates, actors) for Gephi, Cytoscape,
    yEd, Graphviz or a browser."""
    filters = ExportFilters(
        bodies=frozenset(body),
        documents=frozenset(document),
        relations=frozenset(relation),
        year_from=year_from,
        year_to=year_to,
        max_nodes=max_nodes,
        paragraphs=paragraphs,
    )
    result = export(store, view, fmt, out, filters, base_iri=base_iri)
    note = f" ({result.truncated})" if result.truncated else ""
    console.print(
        f"wrote {result.path}: {result.view} view, {result.nodes} nodes, {result.edges} edges, "
        f"{result.format}, {result.seconds:.2f} s{note}",
        highlight=False,
        soft_wrap=True,
    )
