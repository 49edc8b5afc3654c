"""ontology/history.ttl and graph/history/vocab.py declare the same terms, each documented."""

from __future__ import annotations

from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, URIRef

from wsiskg.graph.history.vocab import WSIS_NS, WSISH

ROOT = Path(__file__).resolve().parents[2]


def _ontology() -> Graph:
    return Graph().parse(ROOT / "ontology" / "history.ttl")


def test_vocab_matches_ontology_both_ways() -> None:
    g = _ontology()
    declared = {
        s
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for s in g.subjects(RDF.type, kind)
        if str(s).startswith(WSIS_NS)
    }
    in_python = {URIRef(WSIS_NS + name) for name in WSISH.__annotations__}
    assert declared == in_python


def test_every_term_has_label_comment_and_domain_range() -> None:
    g = _ontology()
    for name in WSISH.__annotations__:
        term = URIRef(WSIS_NS + name)
        assert g.value(term, RDFS.label) is not None, name
        assert g.value(term, RDFS.comment) is not None, name
        if (term, RDF.type, OWL.Class) not in g:
            assert g.value(term, RDFS.domain) is not None, name
            assert g.value(term, RDFS.range) is not None, name


def test_terms_do_not_clash_with_the_main_ontology() -> None:
    main = Graph().parse(ROOT / "ontology" / "wsiskg.ttl")
    ours = {URIRef(WSIS_NS + name) for name in WSISH.__annotations__}
    assert not {s for s in main.subjects(RDF.type, None) if s in ours}


def test_typo_raises() -> None:
    import pytest

    with pytest.raises(AttributeError):
        _ = WSISH.alignmentKnd
