"""One self-contained, offline HTML page: the view's elements as inline JSON, Cytoscape.js
(vendored from npm under ``graph/static/vendor``) and the page's own JS/CSS inlined.

Beyond ``PAGE_SIZE`` nodes the page shows the most connected nodes a page at a time and says
so, which keeps it responsive (measured by ``benchmarks/export_scale.py``).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import networkx as nx

from wsiskg.graph.export import style
from wsiskg.graph.export.errors import ExportError
from wsiskg.graph.export.writers import cytoscape_elements

PAGE_DIR = Path(__file__).with_name("page")
VENDOR_DIR = Path(__file__).resolve().parent.parent / "static" / "vendor"
CYTOSCAPE_JS = VENDOR_DIR / "cytoscape" / "cytoscape.min.js"
PAGE_SIZE = 5000

EDGE_LABELS = {
    "tasks": "deadline (normalised, ANNOTATION.md)",
    "citations": "relation",
    "mandates": "year of the step or of the end",
    "actors": "weight (paragraphs or tasks)",
}


def page_data(graph: nx.MultiDiGraph, page_size: int = PAGE_SIZE) -> dict[str, object]:
    """What the page script reads: elements (nodes most connected first), legend, notices."""
    cyjs = cytoscape_elements(graph)
    degree = dict(graph.degree())
    nodes = cyjs["elements"]["nodes"]
    nodes.sort(key=lambda n: (-degree.get(n["data"]["id"], 0), n["data"]["id"]))
    view = str(graph.graph.get("view", ""))
    return {
        "title": graph.graph.get("title", "wsiskg"),
        "view": view,
        "filters": graph.graph.get("filters", ""),
        "truncated": graph.graph.get("truncated", ""),
        "total_nodes": graph.number_of_nodes(),
        "page_size": page_size,
        "edge_label": EDGE_LABELS.get(view, ""),
        "legend": style.legend(graph),
        "elements": cyjs["elements"],
    }


def render_html(graph: nx.MultiDiGraph, page_size: int = PAGE_SIZE) -> str:
    try:
        template = (PAGE_DIR / "page.html").read_text(encoding="utf-8")
        css = (PAGE_DIR / "page.css").read_text(encoding="utf-8")
        app = (PAGE_DIR / "page.js").read_text(encoding="utf-8")
        library = CYTOSCAPE_JS.read_text(encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"page template or vendored Cytoscape.js missing: {exc}") from exc
    data = json.dumps(page_data(graph, page_size), ensure_ascii=False, separators=(",", ":"))
    title = str(graph.graph.get("title", "wsiskg"))
    if graph.graph.get("filters"):
        title += f" — {graph.graph['filters']}"
    parts = {
        "TITLE": html.escape(title),
        "CSS": css,
        "DATA": data.replace("<", "\\u003c"),  # JSON: "<" only occurs inside strings
        "CYTOSCAPE": _script_safe(library),
        "APP": _script_safe(app),
    }
    # one pass, so text inside the data that looks like a placeholder is never replaced
    return re.sub(r"\{\{([A-Z]+)\}\}", lambda m: parts[m.group(1)], template)


def write_html(graph: nx.MultiDiGraph, path: Path, page_size: int = PAGE_SIZE) -> None:
    path.write_text(render_html(graph, page_size), encoding="utf-8")


def _script_safe(code: str) -> str:
    """Inside <script>, ``</script`` (any case) would end the element early."""
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)
