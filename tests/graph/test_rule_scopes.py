"""Global rules by scope: file-scope ones per file graph with the registry, dataset ones once.

The file graphs are the real ones of the bundled WSIS corpus (extraction pipeline → records →
``file_graph`` with the worker's context; checked with their stubs, ``FileGraph.all_quads``, as
the worker checks them); the bad cases change one triple of such a graph.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox
import pytest

from wsiskg import paths
from wsiskg.graph.iris import Iris
from wsiskg.graph.rdf import FileGraph, file_graph
from wsiskg.graph.registry import read_actors, registry_quads
from wsiskg.graph.validate import (
    Violation,
    file_rules_registry,
    global_rules,
    validate_file_rules,
    validate_global,
    validate_graph_rules,
    validate_store,
)
from wsiskg.graph.worker import rdf_context

pytest.importorskip("wsiskg.extract.pipeline")

BASE = "https://w3id.org/wsiskg/"
IRIS = Iris(BASE)
WSIS = "https://w3id.org/wsiskg/def/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
IDENTIFIER = ox.NamedNode("http://purl.org/dc/terms/identifier")
HAS_BODY = ox.NamedNode("http://www.w3.org/ns/oa#hasBody")
FILE_RULES = {
    "actor-objects",
    "mention-bodies",
    "task-relations",
    "reference-relations",
    "cited-entities",
    "action-line-bodies",
    "task-index-copies",
}
DATASET_RULES = {"unique-document-ids", "one-value-across-files"}


def wsis(name: str) -> ox.NamedNode:
    return ox.NamedNode(WSIS + name)


@pytest.fixture(scope="module")
def corpus_graphs() -> dict[str, FileGraph]:
    """The file graphs of corpus/wsis, built as the worker builds them."""
    from wsiskg.extract.pipeline import FileFailure, extract_or_fail

    graphs = {}
    for path in sorted(paths.corpus_dir().glob("*.txt")):
        fx = extract_or_fail(path)
        assert not isinstance(fx, FileFailure), fx
        graphs[path.stem] = file_graph(fx, rdf_context(BASE))
    return graphs


@pytest.fixture(scope="module")
def registry() -> list[ox.Quad]:
    quads = registry_quads(IRIS, read_actors())
    assert file_rules_registry(BASE) == tuple(quads)
    return quads


@pytest.fixture(scope="module")
def resolution(corpus_graphs: dict[str, FileGraph]) -> FileGraph:
    """A/RES/70/125: tasks, references and an action-line mention."""
    return corpus_graphs["004_3e7d3024c80fa0c1"]


def first(quads: Sequence[ox.Quad], predicate: ox.NamedNode, cls: str) -> ox.Quad:
    """The first quad with ``predicate`` whose subject is typed ``cls``."""
    typed = {q.subject for q in quads if q.predicate == RDF_TYPE and q.object == wsis(cls)}
    return next(q for q in quads if q.predicate == predicate and q.subject in typed)


def replaced(quads: Sequence[ox.Quad], old: ox.Quad, obj: ox.NamedNode) -> list[ox.Quad]:
    """The graph with one triple's object changed (as a buggy extractor or writer would)."""
    new = ox.Quad(old.subject, old.predicate, obj, old.graph_name)
    return [new if q == old else q for q in quads]


def found(violations: Sequence[Violation]) -> set[tuple[str, str, str, str, str]]:
    return {(v.source, v.focus, v.path, v.value, v.graph) for v in violations}


def test_every_rule_has_a_scope() -> None:
    assert {r.name for r in global_rules(scope="file")} == FILE_RULES
    assert {r.name for r in global_rules(scope="dataset")} == DATASET_RULES
    assert {r.name for r in global_rules()} == FILE_RULES | DATASET_RULES


def test_corpus_file_graphs_pass_the_file_rules(
    corpus_graphs: dict[str, FileGraph], registry: list[ox.Quad]
) -> None:
    assert len(corpus_graphs) == 5
    for fg in corpus_graphs.values():
        assert validate_file_rules(fg.graph, fg.all_quads, registry) == [], fg.stem


def test_the_registry_is_what_types_registered_actors(
    resolution: FileGraph, registry: list[ox.Quad]
) -> None:
    """Without the registry the same graph fails: the rules really join with it."""
    without = {v.source for v in validate_file_rules(resolution.graph, resolution.all_quads, [])}
    assert {"actor-objects", "task-relations", "reference-relations"} <= without


def test_unregistered_addressee(resolution: FileGraph, registry: list[ox.Quad]) -> None:
    old = first(resolution.all_quads, wsis("addressee"), "Task")
    nobody = ox.NamedNode(IRIS.actor("Nobody-Anywhere"))
    quads = replaced(resolution.all_quads, old, nobody)
    got = validate_file_rules(resolution.graph, quads, registry)
    # the task's wsis:addresseeId copy no longer matches a notation of its addressee either
    copy = first(resolution.all_quads, wsis("addresseeId"), "Task")
    assert copy.subject == old.subject
    assert found(got) == {
        ("actor-objects", old.subject.value, "wsis:addressee", nobody.value, resolution.graph),
        (
            "task-index-copies",
            old.subject.value,
            "wsis:addresseeId",
            copy.object.value,
            resolution.graph,
        ),
    }
    assert "wsis:Actor" in next(v.message for v in got if v.source == "actor-objects")


def test_unknown_task_relation(resolution: FileGraph, registry: list[ox.Quad]) -> None:
    old = first(resolution.all_quads, wsis("relation"), "Task")
    orders = ox.NamedNode(IRIS.relation("orders"))
    quads = replaced(resolution.all_quads, old, orders)
    got = validate_file_rules(resolution.graph, quads, registry)
    assert found(got) == {
        ("task-relations", old.subject.value, "wsis:relation", orders.value, resolution.graph)
    }


def test_reference_with_a_task_relation(resolution: FileGraph, registry: list[ox.Quad]) -> None:
    """``requests`` is a registry concept, but of the other scheme."""
    old = first(resolution.all_quads, wsis("relation"), "Reference")
    requests = ox.NamedNode(IRIS.relation("requests"))
    quads = replaced(resolution.all_quads, old, requests)
    got = validate_file_rules(resolution.graph, quads, registry)
    assert found(got) == {
        (
            "reference-relations",
            old.subject.value,
            "wsis:relation",
            requests.value,
            resolution.graph,
        )
    }


def test_action_line_outside_c1_to_c11(resolution: FileGraph, registry: list[ox.Quad]) -> None:
    bodies = [q for q in resolution.all_quads if q.predicate == HAS_BODY]
    old = next(q for q in bodies if "/action-line/" in q.object.value)  # A/RES/70/125 names one
    c12 = ox.NamedNode(IRIS.action_line("C12"))
    quads = replaced(resolution.all_quads, old, c12)
    got = validate_file_rules(resolution.graph, quads, registry)
    focus = old.subject.value
    assert found(got) == {
        ("action-line-bodies", focus, "oa:hasBody", c12.value, resolution.graph),
        ("mention-bodies", focus, "oa:hasBody", c12.value, resolution.graph),
    }


def test_validate_global_runs_only_the_dataset_rules(
    resolution: FileGraph, registry: list[ox.Quad]
) -> None:
    old = first(resolution.all_quads, wsis("addressee"), "Task")
    store = ox.Store()
    store.extend(replaced(resolution.all_quads, old, ox.NamedNode(IRIS.actor("Nobody-Anywhere"))))
    store.extend(registry)
    report = validate_global(store)
    assert report.violations == [] and report.global_rules == len(DATASET_RULES)


def _main_document(fg: FileGraph) -> ox.Quad:
    """The identifier quad of the file's own document (the one derived from the file)."""
    derived = {q.subject for q in fg.all_quads if q.predicate.value.endswith("prov#wasDerivedFrom")}
    return next(q for q in fg.all_quads if q.predicate == IDENTIFIER and q.subject in derived)


def test_dataset_rule_catches_one_identifier_in_two_files(
    corpus_graphs: dict[str, FileGraph], registry: list[ox.Quad]
) -> None:
    """Each file alone is fine; only the union shows two documents claiming one id."""
    a, b = corpus_graphs["004_3e7d3024c80fa0c1"], corpus_graphs["001_09510892622042c2"]
    ida, idb = _main_document(a), _main_document(b)
    assert ida.subject != idb.subject
    # b's document takes a's identifier, and b's tasks copy it (wsis:documentId) as a writer would
    b_quads = [
        ox.Quad(q.subject, q.predicate, ida.object, q.graph_name)
        if q == idb or (q.predicate == wsis("documentId") and q.object == idb.object)
        else q
        for q in b.all_quads
    ]
    assert validate_file_rules(b.graph, b_quads, registry) == []
    store = ox.Store()
    for quads in (a.all_quads, b_quads, registry):
        store.extend(quads)
    got = {(v.source, v.focus, v.value) for v in validate_global(store).violations}
    assert got == {
        ("unique-document-ids", ida.subject.value, ida.object.value),
        ("unique-document-ids", idb.subject.value, ida.object.value),
    }


def test_validate_store_reports_what_the_build_reports(
    corpus_graphs: dict[str, FileGraph], registry: list[ox.Quad], tmp_path: Path
) -> None:
    """All rules: file-scope ones per graph with the registry graph (same ``graph`` as the
    worker's), dataset ones over the union."""
    bad = corpus_graphs["004_3e7d3024c80fa0c1"]
    old = first(bad.all_quads, wsis("addressee"), "Task")
    bad_quads = replaced(bad.all_quads, old, ox.NamedNode(IRIS.actor("Nobody-Anywhere")))
    good = corpus_graphs["003_b16520d507c3bcf7"]
    store = ox.Store()
    for quads in (bad_quads, good.all_quads, registry):
        store.extend(quads)
    build = validate_file_rules(bad.graph, bad_quads, registry)
    build += validate_file_rules(good.graph, good.all_quads, registry)
    build += validate_global(store).violations
    report = validate_store(store)
    rule_names = FILE_RULES | DATASET_RULES
    assert sorted(v for v in report.violations if v.source in rule_names) == sorted(build)
    assert {v.source for v in build} == {"actor-objects", "task-index-copies"}
    assert {v.graph for v in build} == {bad.graph}
    assert report.global_rules == len(rule_names)


def test_graph_rules_accept_nodes_another_graph_states(registry: list[ox.Quad]) -> None:
    """The history graph names actors that only file graphs state: fine in the store, and an
    actor stated nowhere is still caught."""
    file_g, hist_g = ox.NamedNode(IRIS.file_graph("f")), ox.NamedNode(IRIS.history_graph)
    adhoc, nowhere = ox.NamedNode(IRIS.actor("Adhoc-Body")), ox.NamedNode(IRIS.actor("Nowhere"))
    mandate = ox.NamedNode(IRIS.mandate("Adhoc-Body", "A/RES/1"))
    orphan = ox.NamedNode(IRIS.mandate("Nowhere", "A/RES/1"))
    history = [
        ox.Quad(mandate, wsis("mandateOf"), adhoc, hist_g),
        ox.Quad(orphan, wsis("mandateOf"), nowhere, hist_g),
    ]
    store = ox.Store()
    store.extend([ox.Quad(adhoc, RDF_TYPE, wsis("Actor"), file_g), *history, *registry])
    alone = validate_file_rules(hist_g.value, history, registry)
    assert {v.focus for v in alone} == {mandate.value, orphan.value}
    got = validate_graph_rules(store, hist_g.value, history, registry)
    assert found(got) == {
        ("actor-objects", orphan.value, "wsis:mandateOf", nowhere.value, hist_g.value)
    }
