"""``wsiskg export VIEW``: a view of the built graph as GraphML, GEXF, Cytoscape.js JSON, DOT,
SVG/PNG or one offline HTML page (issue 6). Only wraps ``wsiskg.graph.export.export``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from wsiskg.cli import app, console, user_errors
from wsiskg.graph.export import FORMATS, VIEWS, ExportFilters, export

_VIEWS = ", ".join(VIEWS)
_FORMATS = ", ".join(FORMATS)


@app.command("export")
@user_errors
def export_command(
    view: Annotated[str, typer.Argument(help=f"The view: {_VIEWS}.")],
    out: Annotated[Path, typer.Option("--output", "-o", help="The file to write.")],
    store: Annotated[Path, typer.Option("--store", help="The built store.")] = Path("build/store"),
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {_FORMATS}.")] = "html",
    body: Annotated[
        list[str] | None,
        typer.Option("--body", help="Keep facts involving this actor id (repeatable): IGF."),
    ] = None,
    document: Annotated[
        list[str] | None,
        typer.Option("--document", help="Keep facts about this document id (repeatable)."),
    ] = None,
    relation: Annotated[
        list[str] | None,
        typer.Option("--relation", help="Keep this relation (repeatable): requests, recalls …"),
    ] = None,
    year_from: Annotated[
        int | None, typer.Option("--from", help="First year (document date).")
    ] = None,
    year_to: Annotated[int | None, typer.Option("--to", help="Last year (document date).")] = None,
    max_nodes: Annotated[
        int | None, typer.Option("--max-nodes", help="Keep only the N most connected nodes.")
    ] = None,
    paragraphs: Annotated[
        bool, typer.Option("--paragraphs", help="citations: paragraphs as nodes, not documents.")
    ] = False,
    base_iri: Annotated[
        str | None,
        typer.Option("--base-iri", envvar="WSISKG_BASE_IRI", help="Base IRI of the graph."),
    ] = None,
) -> None:
    """Export a view of the graph (tasks, citations, mandates, actors) for Gephi, Cytoscape,
    yEd, Graphviz or a browser."""
    filters = ExportFilters(
        bodies=frozenset(body or ()),
        documents=frozenset(document or ()),
        relations=frozenset(relation or ()),
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
