"""History as RDF: SHACL shapes (conforming and violating fixture per class), no blank nodes,
Turtle round trip, and the two named queries on the bundled pair."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from pyshacl import validate
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef

from wsiskg.graph.history.compare import Comparison, compare, load_version, to_graph
from wsiskg.graph.history.integrate import to_turtle

ROOT = Path(__file__).resolve().parents[2]
WSIS = Namespace("https://w3id.org/wsiskg/def/")
FRBR = Namespace("http://purl.org/vocab/frbr/core#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    gold = ROOT / "tests/data/gold/wsis"
    a = load_version(
        ROOT / "corpus/wsis/002_a85ec3b89659f1a1.txt",
        gold / "002_a85ec3b89659f1a1.jsonl",
        use_pipeline=False,
    )
    b = load_version(
        ROOT / "corpus/wsis/004_3e7d3024c80fa0c1.txt",
        gold / "004_3e7d3024c80fa0c1.jsonl",
        use_pipeline=False,
    )
    return compare(a, b)


@pytest.fixture(scope="module")
def graph(comparison: Comparison) -> Graph:
    return to_graph(comparison)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ROOT / "shapes/history.ttl")


def _conforms(data: Graph, shapes: Graph) -> tuple[bool, str]:
    ok, _g, text = validate(data, shacl_graph=shapes, inference="none")
    return bool(ok), str(text)


def test_history_graph_conforms(graph: Graph, shapes: Graph) -> None:
    ok, text = _conforms(graph, shapes)
    assert ok, text


def test_every_class_is_present_and_has_a_shape(graph: Graph, shapes: Graph) -> None:
    sh = Namespace("http://www.w3.org/ns/shacl#")
    targets = set(shapes.objects(None, sh.targetClass))
    classes = {
        WSIS[c]
        for c in (
            "NegotiatedText",
            "TextVersion",
            "ParagraphAlignment",
            "ParagraphStatus",
            "BracketedSpan",
            "CommitmentChange",
        )
    }
    assert classes <= targets
    present = set(graph.objects(None, RDF.type))
    assert classes | {WSIS.Mandate} <= present


def test_no_blank_nodes_and_turtle_round_trip(graph: Graph) -> None:
    from rdflib import BNode
    from rdflib.compare import isomorphic

    assert not any(isinstance(t, BNode) for triple in graph for t in triple)
    again = Graph().parse(data=to_turtle(graph).decode(), format="turtle")
    assert isomorphic(graph, again)
    assert (None, WSIS.similarity, Literal("1", datatype=XSD.decimal)) in again


def test_versions_and_resolved_alternative(graph: Graph) -> None:
    (work,) = graph.subjects(RDF.type, WSIS.NegotiatedText)
    versions = sorted(graph.objects(work, ELI.is_realized_by))
    assert len(versions) == 2
    adopted = next(v for v in versions if (v, WSIS.versionStage, Literal("adopted")) in graph)
    draft = next(v for v in versions if v != adopted)
    assert (adopted, FRBR.revisionOf, draft) in graph
    assert (adopted, ELI.date_document, Literal("2015-12-16", datatype=XSD.date)) in graph
    kept = set(graph.objects(None, WSIS.resolvedAs))
    assert kept == {Literal("2025")}


# One violating fixture per class: (class, triple to remove or add).
def _first(g: Graph, cls: str) -> URIRef:
    return sorted(g.subjects(RDF.type, WSIS[cls]))[0]  # type: ignore[return-value]


VIOLATIONS = {
    "NegotiatedText": lambda g, n: g.remove((n, ELI.is_realized_by, None)),
    "TextVersion": lambda g, n: g.set((n, WSIS.versionStage, Literal("final"))),
    "ParagraphAlignment": lambda g, n: g.set((n, WSIS.alignmentKind, Literal("copied"))),
    "ParagraphStatus": lambda g, n: g.remove((n, WSIS.agreed, None)),
    "BracketedSpan": lambda g, n: g.set((n, WSIS.bracketStart, Literal("zero"))),
    "CommitmentChange": lambda g, n: g.set((n, WSIS.changeKind, Literal("moved"))),
    "Mandate": lambda g, n: g.set((n, WSIS.mandateEvent, Literal("renews"))),
}


@pytest.mark.parametrize("cls", sorted(VIOLATIONS))
def test_violating_fixture_per_class(graph: Graph, shapes: Graph, cls: str) -> None:
    bad = Graph()
    for t in graph:
        bad.add(t)
    node = _first(bad, cls)
    VIOLATIONS[cls](bad, node)
    ok, text = _conforms(bad, shapes)
    assert not ok
    assert str(node) in text


def _store(graph: Graph) -> ox.Store:
    store = ox.Store()
    store.load(graph.serialize(format="nt").encode(), format=ox.RdfFormat.N_TRIPLES)
    return store


def _query(name: str) -> str:
    return (ROOT / "queries" / f"{name}.rq").read_text(encoding="utf-8")


def test_what_changed_for_body(graph: Graph) -> None:
    rows = list(
        _store(graph).query(
            _query("what-changed-for-body"),
            substitutions={
                ox.Variable("body"): ox.Literal("GA"),
                ox.Variable("from"): ox.Literal("002_a85ec3b89659f1a1"),
                ox.Variable("to"): ox.Literal("A/RES/70/125"),
            },
        )
    )
    got = {
        (
            r["change"].value,
            ",".join(sorted(r["fields"].value.split(","))) if r["fields"] else "",
            r["fromRelation"].value if r["fromRelation"] else "",
            r["toRelation"].value if r["toRelation"] else "",
        )
        for r in rows
    }
    assert ("changed", "deadline,relation", "decides", "requests") in got  # fields sorted
    assert ("removed", "", "commits", "") in got  # draft 56's bracketed commitment
    # swapping from and to finds nothing: the change runs one way
    none = list(
        _store(graph).query(
            _query("what-changed-for-body"),
            substitutions={
                ox.Variable("body"): ox.Literal("GA"),
                ox.Variable("from"): ox.Literal("A/RES/70/125"),
                ox.Variable("to"): ox.Literal("002_a85ec3b89659f1a1"),
            },
        )
    )
    assert none == []


def _expiring(store: ox.Store, date: str) -> set[str]:
    rows = store.query(
        _query("mandates-expiring-before"),
        substitutions={ox.Variable("date"): ox.Literal(date, datatype=ox.NamedNode(str(XSD.date)))},
    )
    return {r["body"].value.rsplit("/", 1)[-1] for r in rows}


def test_mandates_expiring_before(graph: Graph) -> None:
    store = _store(graph)
    assert _expiring(store, "2026-01-01") == {"IGF", "WG-EC"}
    assert _expiring(store, "2025-06-30") == {"WG-EC"}
    assert _expiring(store, "2018-01-01") == set()


def test_query_headers_match_projection() -> None:
    for name in ("what-changed-for-body", "mandates-expiring-before"):
        text = _query(name)
        header = {
            line[3:].split(":", 1)[0].strip(): line.split(":", 1)[1].strip()
            for line in text.splitlines()
            if line.startswith("#+ ")
        }
        assert header["name"] == name
        assert {"summary", "description", "params", "returns"} <= set(header)
        q = ox.Store().query(text)
        assert [v.value for v in q.variables] == header["returns"].split()
