"""The compiled core-SHACL engine agrees with pySHACL, and is what the build uses."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from tests.graph.conftest import DATA
from tests.graph.fixtures import resolution_fixture
from wsiskg.graph.rdf import file_graph
from wsiskg.graph.shacl_core import UnsupportedShapesError, compile_shapes
from wsiskg.graph.validate import compiled_shapes, validate_file, validate_quads

SHAPES = DATA / "shapes"
WSIS = "https://w3id.org/wsiskg/def/"
XSD = "http://www.w3.org/2001/XMLSchema#"


def _keys(report_violations: list) -> set[tuple[str, str, str]]:
    return {(v.focus, v.path, v.severity) for v in report_violations}


def test_the_project_shapes_compile() -> None:
    assert compiled_shapes() is not None
    assert len(compiled_shapes()) >= 26  # type: ignore[arg-type]


@pytest.mark.parametrize("path", sorted(SHAPES.glob("*.ttl")), ids=lambda p: p.name)
def test_same_findings_as_pyshacl(path) -> None:  # type: ignore[no-untyped-def]
    core = validate_file(path, engine="core")
    reference = validate_file(path, engine="pyshacl")
    assert _keys(core.violations) == _keys(reference.violations)
    assert core.conforms == reference.conforms


def _mutated(drop: str | None = None, add: list[ox.Quad] | None = None) -> list[ox.Quad]:
    quads = list(file_graph(resolution_fixture("res_a")).quads)
    if drop:
        quads = [q for q in quads if q.predicate.value != drop]
    return quads + (add or [])


@pytest.mark.parametrize(
    "quads",
    [
        _mutated(),
        _mutated(drop=f"{WSIS}anchor"),  # minCount on every paragraph
        _mutated(drop="http://www.w3.org/ns/prov#wasDerivedFrom"),  # class of a missing node
        _mutated(
            add=[
                ox.Quad(
                    ox.NamedNode("https://w3id.org/wsiskg/id/task/res_a/65/CSTD-Chair/requests"),
                    ox.NamedNode(f"{WSIS}relationName"),
                    ox.Literal("orders"),  # not in sh:in
                ),
                ox.Quad(
                    ox.NamedNode("https://w3id.org/wsiskg/id/doc/A/RES/70/125/para/65"),
                    ox.NamedNode(f"{WSIS}order"),
                    ox.Literal("x", datatype=ox.NamedNode(f"{XSD}integer")),  # ill-formed
                ),
            ]
        ),
    ],
    ids=["conforming", "no-anchor", "no-provenance", "bad-values"],
)
def test_same_findings_as_pyshacl_on_built_graphs(quads: list[ox.Quad]) -> None:
    g = "https://w3id.org/wsiskg/graph/file/res_a"
    core = validate_quads(g, quads, engine="core")
    reference = validate_quads(g, quads, engine="pyshacl")
    assert _keys(core) == _keys(reference)


def test_bad_values_are_reported_with_focus_path_and_graph() -> None:
    task = "https://w3id.org/wsiskg/id/task/res_a/65/CSTD-Chair/requests"
    quads = _mutated(
        add=[ox.Quad(ox.NamedNode(task), ox.NamedNode(f"{WSIS}relationName"), ox.Literal("x"))]
    )
    found = validate_quads("urn:g", quads, engine="core")
    by_path = {(v.focus, v.path): v for v in found}
    assert (task, "wsis:relationName") in by_path
    v = by_path[(task, "wsis:relationName")]
    assert v.graph == "urn:g" and v.source == "wsissh:TaskShape"
    assert "more than" in v.message.lower() or "relation" in v.message


def test_unsupported_features_refuse_to_compile() -> None:
    from rdflib import Graph

    g = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ( ex:a ex:b ) ; sh:minCount 1 ] .
        """,
        format="turtle",
    )
    with pytest.raises(UnsupportedShapesError):
        compile_shapes(g)
    g2 = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select "SELECT $this {}" ] .
        """,
        format="turtle",
    )
    with pytest.raises(UnsupportedShapesError):
        compile_shapes(g2)


def test_global_rules_stay_linear_when_many_files_state_one_document() -> None:
    """A document cited by many files is stated in each file graph; the union repeats it."""
    from wsiskg.graph.validate import validate_global

    store = ox.Store()
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    ident = ox.NamedNode("http://purl.org/dc/terms/identifier")
    for i in range(80):  # the old self-join produced 80^4 rows here
        g = ox.NamedNode(f"urn:graph:{i}")
        for doc in ("urn:doc:cited", f"urn:doc:{i}"):
            store.add(ox.Quad(ox.NamedNode(doc), rdf_type, ox.NamedNode(f"{WSIS}Document"), g))
        store.add(ox.Quad(ox.NamedNode("urn:doc:cited"), ident, ox.Literal("A/RES/1"), g))
        store.add(ox.Quad(ox.NamedNode(f"urn:doc:{i}"), ident, ox.Literal(f"doc-{i}"), g))
    g = ox.NamedNode("urn:graph:x")
    store.add(ox.Quad(ox.NamedNode("urn:doc:0"), ident, ox.Literal("doc-1"), g))  # clash
    found = {(v.source, v.focus, v.value) for v in validate_global(store).violations}
    assert ("unique-document-ids", "urn:doc:0", "doc-1") in found
    assert ("unique-document-ids", "urn:doc:1", "doc-1") in found
    assert ("one-value-across-files", "urn:doc:0", "doc-0") in found
    assert not any(focus == "urn:doc:cited" for _, focus, _ in found)
