"""Records → RDF: the triples the queries and shapes rely on."""

from __future__ import annotations

import pyoxigraph as ox

from tests.graph.fixtures import resolution_fixture
from wsiskg.graph.iris import Iris
from wsiskg.graph.rdf import RdfContext, file_graph

W = "https://w3id.org/wsiskg/def/"


def store_of_fixture() -> ox.Store:
    store = ox.Store()
    store.extend(file_graph(resolution_fixture("f"), RdfContext(Iris(), frozenset())).all_quads)
    return store


def ask(store: ox.Store, where: str) -> bool:
    q = f"PREFIX wsis: <{W}> PREFIX eli: <http://data.europa.eu/eli/ontology#> ASK {{ {where} }}"
    return bool(store.query(q, use_default_graph_as_union=True))


def test_task_deadline_and_mandate() -> None:
    s = store_of_fixture()
    assert ask(
        s,
        '?t wsis:relationName "requests" ; wsis:deadline ?d . '
        '?d wsis:normalized "/2016-07" ; wsis:dueYear 2016',
    )
    assert ask(
        s, '?m a wsis:Mandate ; wsis:mandateEnd "2025"^^<http://www.w3.org/2001/XMLSchema#gYear>'
    )
    assert ask(
        s, '?d wsis:normalized "P10Y" ; <http://www.w3.org/2006/time#hasDurationDescription> ?x'
    )


def test_paragraph_target_is_part_of_its_document() -> None:
    s = store_of_fixture()
    assert ask(
        s,
        "?p wsis:recalls <https://w3id.org/wsiskg/id/doc/WSIS-05/TUNIS/DOC/6%28Rev.1%29/para/72> . "
        "<https://w3id.org/wsiskg/id/doc/WSIS-05/TUNIS/DOC/6%28Rev.1%29/para/72> eli:is_part_of ?d",
    )


def test_metadata_sources_say_inferred_or_unknown() -> None:
    s = store_of_fixture()
    assert ask(s, '?d wsis:metadataSource ?m . ?m wsis:field "date" ; wsis:origin "text"')
    assert ask(s, '?d wsis:metadataSource ?m . ?m wsis:field "kind" ; wsis:origin "text"')


def test_no_blank_nodes_and_deterministic() -> None:
    a = file_graph(resolution_fixture("f")).quads
    b = file_graph(resolution_fixture("f")).quads
    assert a == b
    assert not any(isinstance(t, ox.BlankNode) for q in a for t in (q.subject, q.object))


def test_unregistered_actor_gets_a_stub() -> None:
    s = store_of_fixture()  # empty registry: every actor is a stub
    assert ask(
        s, '<https://w3id.org/wsiskg/id/actor/IGF> a wsis:Actor ; wsis:actorKind "unregistered"'
    )
