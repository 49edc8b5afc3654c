"""Write a view graph as GraphML, GEXF, Cytoscape.js JSON, DOT, SVG or PNG.

GraphML and GEXF go through networkx; Cytoscape.js JSON is the ``elements`` format that
Cytoscape desktop also imports (.cyjs); DOT is written here (no pydot); SVG/PNG are DOT run
through Graphviz's ``dot`` (``sfdp`` for large graphs, where ``dot``'s ranking takes minutes).
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
from pathlib import Path
from typing import Any

import networkx as nx

from wsiskg.graph.export.errors import ExportError, GraphvizError
from wsiskg.graph.export.style import kind_style

log = logging.getLogger(__name__)

SFDP_ABOVE = 400  # nodes: beyond this, hierarchical `dot` layout is too slow to be useful
GRAPHVIZ_TIMEOUT_S = 600


def write_graphml(graph: nx.MultiDiGraph, path: Path) -> None:
    nx.write_graphml(_flat(graph), path, encoding="utf-8", prettyprint=True)


def write_gexf(graph: nx.MultiDiGraph, path: Path) -> None:
    """GEXF 1.2 with Gephi's ``viz`` colours, so Gephi opens it coloured by relation."""
    flat = _flat(graph)
    for _, attrs in flat.nodes(data=True):
        attrs["viz"] = {"color": _rgba(str(attrs.get("color", "#888888")))}
    for _, _, attrs in flat.edges(data=True):
        attrs["viz"] = {"color": _rgba(str(attrs.get("color", "#888888")))}
    nx.write_gexf(flat, path, encoding="utf-8", prettyprint=True, version="1.2draft")


def cytoscape_elements(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The graph as Cytoscape.js ``{"data": …, "elements": {"nodes": […], "edges": […]}}``."""
    seen: set[str] = set()
    nodes = []
    for node, attrs in graph.nodes(data=True):
        seen.add(str(node))
        nodes.append({"data": {**_jsonable(attrs), "id": str(node)}})
    edges = []
    for index, (src, dst, key, attrs) in enumerate(graph.edges(keys=True, data=True)):
        edge_id = str(key) if key is not None else f"e{index}"
        if edge_id in seen:
            edge_id = f"{edge_id}#e{index}"
        seen.add(edge_id)
        data = {**_jsonable(attrs), "id": edge_id, "source": str(src), "target": str(dst)}
        edges.append({"data": data})
    return {
        "format_version": "1.0",
        "generated_by": "wsiskg",
        "target_cytoscapejs_version": "~3",
        "data": _jsonable(graph.graph),
        "elements": {"nodes": nodes, "edges": edges},
    }


def write_cyjs(graph: nx.MultiDiGraph, path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        json.dump(cytoscape_elements(graph), fh, ensure_ascii=False, indent=1)
        fh.write("\n")


def to_dot(graph: nx.MultiDiGraph) -> str:
    """DOT text: nodes coloured by kind, edges coloured by relation and labelled (deadline …)."""
    title = str(graph.graph.get("title", "wsiskg"))
    if graph.graph.get("filters"):
        title += f" ({graph.graph['filters']})"
    if graph.graph.get("truncated"):
        title += f"\n{graph.graph['truncated']}"
    lines = [
        "digraph wsiskg {",
        f"  graph [rankdir=LR, overlap=false, fontname=Helvetica, label={_q(title)}];",
        "  node [style=filled, fontname=Helvetica, fontsize=10];",
        "  edge [fontname=Helvetica, fontsize=8];",
    ]
    for node, attrs in graph.nodes(data=True):
        shape = kind_style(str(attrs.get("kind", ""))).get("dot_shape", "ellipse")
        tooltip = attrs.get("name") or attrs.get("title") or attrs.get("text") or attrs["label"]
        fields = {
            "label": attrs.get("label", node),
            "shape": shape,
            "fillcolor": attrs.get("color", "#cccccc"),
            "tooltip": str(tooltip)[:300],
            "URL": attrs.get("iri"),
        }
        lines.append(f"  {_q(str(node))} [{_attrs(fields)}];")
    for src, dst, attrs in graph.edges(data=True):
        fields = {
            "label": attrs.get("label", ""),
            "color": attrs.get("color", "#7f7f7f"),
            "fontcolor": attrs.get("color", "#7f7f7f"),
            "tooltip": f"{attrs.get('relation', '')} {attrs.get('paragraph', '')}".strip(),
            "URL": attrs.get("paragraph_iri") or attrs.get("iri"),
        }
        lines.append(f"  {_q(str(src))} -> {_q(str(dst))} [{_attrs(fields)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_dot(graph: nx.MultiDiGraph, path: Path) -> None:
    path.write_text(to_dot(graph), encoding="utf-8")


def render_graphviz(graph: nx.MultiDiGraph, path: Path, fmt: str) -> None:
    """Run Graphviz on the DOT text; ``fmt`` is ``svg`` or ``png``."""
    engine = "sfdp" if graph.number_of_nodes() > SFDP_ABOVE else "dot"
    exe = shutil.which(engine)
    if exe is None:
        raise GraphvizError(
            f"Graphviz's `{engine}` is not installed (Debian: apt-get install graphviz); "
            "export --format dot and render it elsewhere"
        )
    cmd = [exe, f"-T{fmt}", "-o", str(path)]
    if engine == "sfdp":
        cmd[1:1] = ["-Goverlap=prism", "-Gsplines=false"]
    log.info("rendering %s with %s (%d nodes)", fmt, engine, graph.number_of_nodes())
    try:
        proc = subprocess.run(
            cmd,
            input=to_dot(graph).encode("utf-8"),
            capture_output=True,
            timeout=GRAPHVIZ_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise GraphvizError(
            f"{engine} took more than {GRAPHVIZ_TIMEOUT_S} s: filter the view or use --max-nodes"
        ) from exc
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip()
        raise GraphvizError(f"{engine} failed (exit {proc.returncode}): {message[:500]}")


def _flat(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are all GraphML/GEXF scalars (graph-level ones too)."""
    flat = graph.copy()
    flat.graph = {k: v for k, v in graph.graph.items() if isinstance(v, str | int | float)}
    return flat


def _jsonable(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if isinstance(v, str | int | float | bool | list)}


def _rgba(color: str) -> dict[str, float | int]:
    value = color.lstrip("#")
    if len(value) != 6:
        raise ExportError(f"palette colour {color!r} is not #rrggbb")
    return {"r": int(value[0:2], 16), "g": int(value[2:4], 16), "b": int(value[4:6], 16), "a": 1.0}


def _q(text: str) -> str:
    """A DOT double-quoted string (escapes backslash and quote; newline → centred line break)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "")
    return '"' + escaped.replace("\n", "\\n") + '"'


def _attrs(fields: dict[str, Any]) -> str:
    return ", ".join(f"{k}={_q(str(v))}" for k, v in fields.items() if v not in (None, ""))
