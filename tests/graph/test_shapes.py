"""Every shape has a conforming and a violating fixture (tests/data/shapes/)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import RDF, Graph, URIRef

from tests.graph.conftest import DATA
from wsiskg.graph.namespaces import SH
from wsiskg.graph.validate import validate_file, validate_store

SHAPES = DATA / "shapes"
SHAPE_NS = "https://w3id.org/wsiskg/shapes/"


def node_shapes() -> dict[str, URIRef]:
    """The shapes of shapes/wsiskg-shapes.ttl (other shape files bring their own fixtures)."""
    from wsiskg import paths

    g = Graph().parse(paths.shapes_dir() / "wsiskg-shapes.ttl")
    return {
        str(s)[len(SHAPE_NS) :]: g.value(s, SH.targetClass)
        for s in g.subjects(RDF.type, SH.NodeShape)
    }


def test_conforming_fixture_conforms_and_covers_every_shape() -> None:
    report = validate_file(SHAPES / "conforming.ttl")
    assert report.conforms, report.text()
    data = Graph().parse(SHAPES / "conforming.ttl")
    for name, target in node_shapes().items():
        assert any(data.subjects(RDF.type, target)), f"{name}: no {target} in conforming.ttl"


@pytest.mark.parametrize("shape", sorted(node_shapes()))
def test_violating_fixture_fails_on_its_shape(shape: str) -> None:
    path = SHAPES / f"{shape}.bad.ttl"
    assert path.exists(), f"{path} missing"
    target = node_shapes()[shape]
    data = Graph().parse(path)
    report = validate_file(path)
    assert not report.conforms
    focus_types = {
        str(t) for v in report.violations for t in data.objects(URIRef(v.focus), RDF.type)
    }
    assert str(target) in focus_types, report.text()


def test_global_rule_catches_unregistered_addressee() -> None:
    store = ox.Store()
    t = ox.NamedNode("https://example.org/t")
    store.add(
        ox.Quad(
            t,
            ox.NamedNode("https://w3id.org/wsiskg/def/addressee"),
            ox.NamedNode("https://example.org/nobody"),
        )
    )
    report = validate_store(store)
    assert [v.source for v in report.violations] == ["actor-objects"]
    assert report.violations[0].focus == "https://example.org/t"
    assert "wsis:Actor" in report.violations[0].message
