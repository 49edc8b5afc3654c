"""The views on the fixture: nodes, edges, attributes and filters (issue 6)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from wsiskg.graph.export import ExportError, ExportFilters, build_view
from wsiskg.graph.export.style import relation_color

BASE = "https://w3id.org/wsiskg/"
GA_RES = BASE + "id/doc/A/RES/70/125"
IGF = BASE + "id/actor/IGF"


def labels(graph) -> set[str]:
    return {attrs["label"] for _, attrs in graph.nodes(data=True)}


def edges(graph) -> set[tuple[str, str, str]]:
    return {
        (graph.nodes[u]["label"], graph.nodes[v]["label"], a["relation"])
        for u, v, a in graph.edges(data=True)
    }


@pytest.mark.parametrize(
    ("view", "paragraphs", "nodes", "edge_count"),
    [
        ("tasks", False, 7, 5),
        ("citations", False, 4, 5),
        ("citations", True, 9, 5),
        ("mandates", False, 4, 3),
        ("actors", False, 8, 11),
    ],
)
def test_view_sizes(store: ox.Store, view: str, paragraphs: bool, nodes: int, edge_count: int):
    graph = build_view(store, view, ExportFilters(paragraphs=paragraphs))
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (nodes, edge_count)


def test_tasks_edges_carry_verb_deadline_paragraph_and_colour(store: ox.Store):
    graph = build_view(store, "tasks")
    assert edges(graph) == {
        ("A/RES/70/125", "IGF", "extends_mandate"),
        ("A/RES/70/125", "CSTD-Chair", "requests"),
        ("A/RES/70/125", "UNGIS", "calls_upon"),
        ("E/RES/2012/5", "SG", "requests"),
        ("E/RES/2012/5", "CSTD", "invites"),
    }
    (attrs,) = [a for _, v, a in graph.edges(data=True) if v == IGF]
    assert attrs["label"] == attrs["deadline"] == "P10Y"
    assert attrs["paragraph"] == "A/RES/70/125 ¶63"
    assert attrs["paragraph_iri"] == GA_RES + "/para/63"
    assert "extend for another 10 years" in attrs["text"]
    assert attrs["quote"].startswith("extend for another 10 years")
    assert attrs["issuer"] == "GA"
    assert attrs["year"] == 2015
    assert attrs["color"] == relation_color("extends_mandate") != relation_color("requests")
    assert graph.nodes[GA_RES]["kind"] == "document"
    assert graph.nodes[IGF]["name"] == "Internet Governance Forum"


def test_citations_parallel_edges_and_paragraph_labels(store: ox.Store):
    docs = build_view(store, "citations")
    tunis = BASE + "id/doc/WSIS-05/TUNIS/DOC/6%28Rev.1%29"
    assert docs.number_of_edges(GA_RES, tunis) == 2
    assert {a["relation"] for a in docs[GA_RES][tunis].values()} == {"recalls", "cites"}
    paras = build_view(store, "citations", ExportFilters(paragraphs=True))
    # a cited paragraph with no triples of its own is labelled from its IRI
    assert "WSIS-05/TUNIS/DOC/6(Rev.1) ¶111" in labels(paras)
    assert "A/RES/70/125 ¶pp1" in labels(paras)
    assert "A/RES/68/302" in labels(paras)


def test_mandates_igf_from_tunis_agenda_to_2025(store: ox.Store):
    graph = build_view(store, "mandates")
    assert edges(graph) == {
        ("WSIS-05/TUNIS/DOC/6(Rev.1) ¶72", "IGF", "created"),
        ("A/RES/70/125 ¶63", "IGF", "extended"),
        ("IGF", "IGF mandate ends 2025", "expires"),
    }
    years = {a["relation"]: a["label"] for _, _, a in graph.edges(data=True)}
    assert years == {"created": "2005", "extended": "2015", "expires": "2025"}


def test_actors_weights_and_kinds(store: ox.Store):
    graph = build_view(store, "actors")
    c7 = BASE + "id/action-line/C7"
    assert graph.nodes[c7]["kind"] == "action_line"
    co = [a for u, v, a in graph.edges(data=True) if a["relation"] == "co_occurs"]
    assert len(co) == 6 and all(a["weight"] == 1 for a in co)
    ga, ecosoc = BASE + "id/actor/GA", BASE + "id/actor/ECOSOC"
    assert {a["relation"] for a in graph[ga][IGF].values()} == {"co_occurs", "extends_mandate"}
    assert {a["relation"] for a in graph[ecosoc][BASE + "id/actor/SG"].values()} == {"requests"}


@pytest.mark.parametrize(
    ("view", "filters", "nodes", "edge_count"),
    [
        ("tasks", ExportFilters(bodies=frozenset({"ECOSOC"})), 3, 2),
        ("tasks", ExportFilters(relations=frozenset({"requests"})), 4, 2),
        ("tasks", ExportFilters(year_from=2013), 4, 3),
        ("tasks", ExportFilters(year_to=2012), 3, 2),
        ("tasks", ExportFilters(documents=frozenset({"E/RES/2012/5"})), 3, 2),
        ("citations", ExportFilters(documents=frozenset({"E/RES/2012/5"})), 3, 2),
        ("citations", ExportFilters(bodies=frozenset({"WSIS"})), 3, 3),
        ("mandates", ExportFilters(year_to=2020), 3, 2),
        ("mandates", ExportFilters(bodies=frozenset({"UNGIS"})), 0, 0),
        ("actors", ExportFilters(relations=frozenset({"requests"})), 4, 2),
        ("actors", ExportFilters(documents=frozenset({"E/RES/2012/5"})), 4, 4),
    ],
)
def test_filters(store: ox.Store, view: str, filters: ExportFilters, nodes: int, edge_count: int):
    graph = build_view(store, view, filters)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (nodes, edge_count)


def test_max_nodes_keeps_most_connected_and_says_so(store: ox.Store):
    graph = build_view(store, "actors", ExportFilters(max_nodes=3))
    assert graph.number_of_nodes() == 3
    assert graph.graph["total_nodes"] == 8
    assert "3 most connected of 8" in graph.graph["truncated"]
    # GA and ECOSOC have 4 edges; CSTD and CSTD-Chair 3 each, the tie goes to the smaller IRI
    assert {graph.nodes[n]["label"] for n in graph} == {"GA", "ECOSOC", "CSTD"}


def test_bad_filters_and_view_are_user_errors(store: ox.Store):
    with pytest.raises(ExportError, match="after"):
        ExportFilters(year_from=2020, year_to=2010)
    with pytest.raises(ExportError, match="at least 1"):
        ExportFilters(max_nodes=0)
    with pytest.raises(ExportError, match="unknown view"):
        build_view(store, "people")


def test_other_base_iri_sees_nothing(store: ox.Store):
    graph = build_view(store, "tasks", base_iri="https://example.org/kg/")
    assert graph.number_of_nodes() == 0
