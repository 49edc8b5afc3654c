"""Every file format, read back: GraphML/GEXF with networkx, SVG as XML, JSON, DOT, PNG."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from wsiskg.graph.export import ExportError, ExportFilters, export
from wsiskg.graph.export.style import relation_color
from wsiskg.graph.export.writers import to_dot

BASE = "https://w3id.org/wsiskg/"
IGF = BASE + "id/actor/IGF"
needs_dot = pytest.mark.skipif(
    shutil.which("dot") is None, reason="Graphviz `dot` is not installed (apt-get install graphviz)"
)


def test_graphml_reads_back_with_counts_and_attributes(store: ox.Store, tmp_path: Path):
    result = export(store, "tasks", "graphml", tmp_path / "tasks.graphml")
    graph = nx.read_graphml(tmp_path / "tasks.graphml", force_multigraph=True)
    assert (
        (graph.number_of_nodes(), graph.number_of_edges())
        == (7, 5)
        == (
            result.nodes,
            result.edges,
        )
    )
    assert graph.nodes[IGF]["label"] == "IGF"
    assert graph.nodes[IGF]["kind"] == "actor"
    (attrs,) = [a for _, v, a in graph.edges(data=True) if v == IGF]
    assert attrs["relation"] == "extends_mandate"
    assert attrs["deadline"] == "P10Y"
    assert attrs["year"] == 2015
    assert attrs["color"] == relation_color("extends_mandate")
    assert graph.graph["view"] == "tasks"


def test_gexf_reads_back_with_counts_attributes_and_viz_colours(store: ox.Store, tmp_path: Path):
    export(store, "citations", "gexf", tmp_path / "c.gexf", ExportFilters(paragraphs=True))
    graph = nx.read_gexf(tmp_path / "c.gexf")
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (9, 5)
    relations = sorted(a["relation"] for _, _, a in graph.edges(data=True))
    assert relations == ["cites", "reaffirms", "recalls", "recalls", "takes_note"]
    node = graph.nodes[BASE + "id/doc/A/RES/70/125/para/63"]
    assert node["label"] == "A/RES/70/125 ¶63"
    assert node["kind"] == "paragraph"
    # networkx does not read edge colours back: check Gephi's viz:color in the XML
    ns = {"g": "http://www.gexf.net/1.2draft", "viz": "http://www.gexf.net/1.2draft/viz"}
    root = ET.parse(tmp_path / "c.gexf").getroot()
    (edge,) = [e for e in root.iterfind(".//g:edge", ns) if e.get("label") == "reaffirms"]
    colour = edge.find("viz:color", ns)
    assert colour is not None
    assert "#{:02x}{:02x}{:02x}".format(*(int(colour.get(c, -1)) for c in "rgb")) == relation_color(
        "reaffirms"
    )


def test_cytoscape_json(store: ox.Store, tmp_path: Path):
    export(store, "actors", "cyjs", tmp_path / "a.cyjs")
    data = json.loads((tmp_path / "a.cyjs").read_text(encoding="utf-8"))
    nodes, edges = data["elements"]["nodes"], data["elements"]["edges"]
    assert (len(nodes), len(edges)) == (8, 11)
    ids = [e["data"]["id"] for e in nodes + edges]
    assert len(ids) == len(set(ids))
    node_ids = {n["data"]["id"] for n in nodes}
    assert all(e["data"]["source"] in node_ids and e["data"]["target"] in node_ids for e in edges)
    assert data["data"]["view"] == "actors"


def test_dot_escapes_and_colours(store: ox.Store, tmp_path: Path):
    from wsiskg.graph.export import build_view

    dot = to_dot(build_view(store, "tasks"))
    assert dot.startswith("digraph wsiskg {")
    assert f'label="P10Y", color="{relation_color("extends_mandate")}"' in dot
    # paragraph text with quotes/angle brackets never breaks the DOT syntax
    assert dot.count(" -> ") == 5


@needs_dot
def test_svg_is_valid_xml_with_labels(store: ox.Store, artifacts: Path):
    path = artifacts / "mandates.svg"
    export(store, "mandates", "svg", path)
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = {t.text for t in root.iter("{http://www.w3.org/2000/svg}text")}
    assert {"IGF", "IGF mandate ends 2025", "A/RES/70/125 ¶63", "2005", "2015", "2025"} <= texts


@needs_dot
def test_svg_tasks_labels_deadlines(store: ox.Store, artifacts: Path):
    path = artifacts / "tasks.svg"
    export(store, "tasks", "svg", path)
    texts = {t.text for t in ET.parse(path).getroot().iter("{http://www.w3.org/2000/svg}text")}
    assert {"A/RES/70/125", "E/RES/2012/5", "CSTD-Chair", "P10Y", "/2016-07"} <= texts


@needs_dot
def test_png(store: ox.Store, tmp_path: Path):
    export(store, "actors", "png", tmp_path / "a.png")
    assert (tmp_path / "a.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_unknown_format_is_a_user_error(store: ox.Store, tmp_path: Path):
    with pytest.raises(ExportError, match="unknown format"):
        export(store, "tasks", "xlsx", tmp_path / "x.xlsx")
    assert not list(tmp_path.iterdir())


def test_failed_write_leaves_previous_file(store: ox.Store, tmp_path: Path, monkeypatch):
    from wsiskg.graph.export import exporter

    target = tmp_path / "t.graphml"
    target.write_text("previous", encoding="utf-8")

    def broken(graph, path):
        path.write_text("half", encoding="utf-8")
        raise ExportError("disk full")

    monkeypatch.setitem(exporter.FORMATS, "graphml", broken)
    with pytest.raises(ExportError):
        export(store, "tasks", "graphml", target)
    assert target.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["t.graphml"]
