"""The views on the real build of the bundled WSIS corpus (five documents)."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from wsiskg.graph.export import ExportFilters, build_view, export
from wsiskg.paths import corpus_dir

pytestmark = pytest.mark.slow
BASE = "https://w3id.org/wsiskg/"
IGF = BASE + "id/actor/IGF"


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    from wsiskg.graph.build import BuildConfig, build_graph

    out = tmp_path_factory.mktemp("corpus-build") / "build"
    result = build_graph([corpus_dir()], BuildConfig(out=out, base_iri=BASE))
    return ox.Store.read_only(str(result.store))


def test_mandates_igf_extended_by_a_res_70_125_para_63_until_2025(corpus_store: ox.Store):
    graph = build_view(corpus_store, "mandates", ExportFilters(bodies=frozenset({"IGF"})))
    steps = {
        (graph.nodes[u]["label"], a["relation"], a["label"])
        for u, v, a in graph.edges(data=True)
        if v == IGF
    }
    assert ("A/RES/70/125 ¶63", "extended", "2015") in steps
    ends = [
        graph.nodes[v]["label"] for u, v, a in graph.edges(data=True) if a["relation"] == "expires"
    ]
    assert ends and set(ends) == {"IGF mandate ends 2025"}


def test_tasks_of_a_res_70_125(corpus_store: ox.Store):
    graph = build_view(corpus_store, "tasks", ExportFilters(documents=frozenset({"A/RES/70/125"})))
    verbs = {a["relation"] for _, _, a in graph.edges(data=True)}
    assert "extends_mandate" in verbs
    (igf,) = [
        a for _, v, a in graph.edges(data=True) if v == IGF and a["relation"] == "extends_mandate"
    ]
    assert igf["deadline"] == igf["label"] == "P10Y"
    assert "Internet Governance Forum" in igf["text"]


def test_citations_of_the_corpus_reach_the_tunis_agenda(corpus_store: ox.Store, tmp_path: Path):
    path = tmp_path / "citations.graphml"
    result = export(corpus_store, "citations", "graphml", path)
    graph = nx.read_graphml(path, force_multigraph=True)
    assert graph.number_of_nodes() == result.nodes > 5
    assert "WSIS-05/TUNIS/DOC/6(Rev.1)" in {a["label"] for _, a in graph.nodes(data=True)}


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")
def test_actors_svg_of_the_corpus(corpus_store: ox.Store, artifacts: Path):
    path = artifacts / "corpus-actors-IGF.svg"
    export(corpus_store, "actors", "svg", path, ExportFilters(bodies=frozenset({"IGF"})))
    texts = {t.text for t in ET.parse(path).getroot().iter("{http://www.w3.org/2000/svg}text")}
    assert "IGF" in texts
