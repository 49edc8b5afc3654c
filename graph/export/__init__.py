"""Exported graph visualizations (issue 6): views of the RDF graph as networkx graphs, written
as GraphML, GEXF, Cytoscape.js JSON, DOT, SVG/PNG (Graphviz) or one offline HTML page.

Views are projections of what the store holds (read with SPARQL); nothing is re-extracted.
"""

from __future__ import annotations

from wsiskg.graph.export.errors import ExportError, GraphvizError
from wsiskg.graph.export.exporter import FORMATS, ExportResult, build_view, export
from wsiskg.graph.export.facts import ExportFilters
from wsiskg.graph.export.views import VIEWS

__all__ = [
    "FORMATS",
    "VIEWS",
    "ExportError",
    "ExportFilters",
    "ExportResult",
    "GraphvizError",
    "build_view",
    "export",
]
