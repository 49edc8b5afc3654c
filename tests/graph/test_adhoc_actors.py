"""A body the text defines with an acronym no registry knows: labelled from the text."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from wsiskg.graph.build import BuildConfig, BuildResult, build_graph
from wsiskg.graph.rdf import file_graph
from wsiskg.graph.records_cache import RecordsCache
from wsiskg.graph.segments import sorted_block
from wsiskg.graph.worker import rdf_context

XYZ = "https://w3id.org/wsiskg/id/actor/XYZ"
TEXT = (
    "Resolution adopted by the General Assembly on 20 December 2024\n"
    "99/1. Digital cooperation in the Sahel\n"
    "The General Assembly,\n"
    "1. Welcomes the establishment of the Sahel Digital Inclusion Observatory (XYZ);\n"
    "2. Requests the XYZ to submit a report on its activities to the General Assembly "
    "at its eightieth session;\n"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    inputs = tmp_path_factory.mktemp("in")
    (inputs / "A_RES_99_1.txt").write_text(TEXT, encoding="utf-8")
    return build_graph([inputs], BuildConfig(out=tmp_path_factory.mktemp("out")))


def _objects(result: BuildResult, predicate: str) -> list[str]:
    store = ox.Store.read_only(str(result.store))
    pattern = store.quads_for_pattern(ox.NamedNode(XYZ), ox.NamedNode(predicate), None, None)
    return sorted(q.object.value for q in pattern)


def test_adhoc_actor_has_the_texts_label_acronym_and_kind(built: BuildResult) -> None:
    skos = "http://www.w3.org/2004/02/skos/core#"
    assert _objects(built, skos + "prefLabel") == ["Sahel Digital Inclusion Observatory"]
    assert _objects(built, skos + "altLabel") == ["XYZ"]
    assert _objects(built, skos + "notation") == ["XYZ"]
    assert _objects(built, "https://w3id.org/wsiskg/def/actorKind") == ["body"]
    assert built.validation.conforms, built.validation.text()
    nq = (built.out / "graph.nq").read_text("utf-8")
    assert f'<{XYZ}> <{skos}prefLabel> "Sahel Digital Inclusion Observatory"@en' in nq


def test_the_task_is_addressed_to_the_adhoc_actor(built: BuildResult) -> None:
    store = ox.Store.read_only(str(built.store))
    ask = f"""PREFIX wsis: <https://w3id.org/wsiskg/def/>
    ASK {{ ?t a wsis:Task ; wsis:relationName "requests" ; wsis:addressee <{XYZ}> }}"""
    assert store.query(ask, use_default_graph_as_union=True)


def test_adhoc_actor_rdf_is_deterministic(built: BuildResult) -> None:
    key = built.inputs["A_RES_99_1"]["key"]
    fx = RecordsCache(built.out).get("A_RES_99_1", key)
    assert ("XYZ", "Sahel Digital Inclusion Observatory", "body") in fx.adhoc_actors
    ctx = rdf_context(built.inputs["A_RES_99_1"]["graph"].split("graph/")[0])
    a = sorted_block(file_graph(fx, ctx).quads)
    assert a == sorted_block(file_graph(fx, ctx).quads)
    assert a == RecordsCache(built.out).get_part("A_RES_99_1", key, "nq")
