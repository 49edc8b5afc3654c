"""ontology/wsiskg.ttl and graph/namespaces.py agree both ways; every term is documented."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef

from wsiskg import paths
from wsiskg.graph.namespaces import WSIS, WSIS_NS


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(paths.ontology_dir() / "wsiskg.ttl")


def declared(g: Graph) -> set[str]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.ConceptScheme)
    return {
        str(s)[len(WSIS_NS) :]
        for k in kinds
        for s in g.subjects(RDF.type, k)
        if isinstance(s, URIRef) and str(s).startswith(WSIS_NS) and str(s) != WSIS_NS
    }


def test_namespace_matches_ontology_both_ways(onto: Graph) -> None:
    in_python = set(WSIS.__annotations__)
    assert declared(onto) == in_python


def test_namespace_fails_on_typo() -> None:
    with pytest.raises(AttributeError):
        _ = WSIS.adressee  # noqa: B018


def test_every_term_has_label_comment_domain_range(onto: Graph) -> None:
    for name in declared(onto):
        term = URIRef(WSIS_NS + name)
        assert onto.value(term, RDFS.label), name
        assert onto.value(term, RDFS.comment), name
        if (term, RDF.type, OWL.Class) in onto or (term, RDF.type, SKOS.ConceptScheme) in onto:
            continue
        assert onto.value(term, RDFS.domain) is not None, f"{name} has no domain"
        assert onto.value(term, RDFS.range) is not None, f"{name} has no range"


def test_every_wsis_term_used_in_shapes_and_queries_is_declared(onto: Graph) -> None:
    import re

    every = Graph()
    for f in paths.ontology_dir().glob("*.ttl"):
        if f.name != "registry.ttl":
            every.parse(f)
    names = declared(every)
    texts = [p.read_text() for p in paths.shapes_dir().glob("*.ttl")]
    texts += [p.read_text() for p in paths.queries_dir().glob("*.rq")]
    texts.append((paths.ontology_dir() / "registry.ttl").read_text())
    used = {m for t in texts for m in re.findall(r"\bwsis:([A-Za-z][A-Za-z0-9]*)", t)}
    assert used - names == set()
