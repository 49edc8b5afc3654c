"""``history_quads`` over the documents of a build: versions found, mandate lineage, shapes,
agreement with the file graphs, negatives, and the two named queries on a built store."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pyoxigraph as ox
import pytest
from pyshacl import validate
from rdflib import Graph

from wsiskg.api import BuildConfig, build_graph, extract_files
from wsiskg.extract.records import FileExtraction
from wsiskg.graph.history.blocking import candidates
from wsiskg.graph.history.integrate import (
    history_graph_iri,
    history_quads,
    verify_pair,
    version_pairs,
)
from wsiskg.graph.history.sources import all_sources
from wsiskg.graph.iris import Iris
from wsiskg.graph.named_queries import get_query, run
from wsiskg.graph.rdf import RdfContext, file_graph
from wsiskg.graph.validate import rdflib_graph, validate_graphs

pytest.importorskip("wsiskg.extract.pipeline")

ROOT = Path(__file__).resolve().parents[2]
WSIS_CORPUS = ROOT / "corpus" / "wsis"
UN = ROOT / "corpus" / "un-sample"
BASE = "https://w3id.org/wsiskg/"
ID = f"{BASE}id/"
DEF = f"{BASE}def/"
DRAFT_DOC = "002_a85ec3b89659f1a1/part-2"
ADOPTED_DOC = "A/RES/70/125"
TUNIS = "WSIS-05/TUNIS/DOC/6%28Rev.1%29"


@pytest.fixture(scope="module")
def extractions() -> list[FileExtraction]:
    return list(extract_files(sorted(WSIS_CORPUS.glob("*.txt"))))


@pytest.fixture(scope="module")
def quads(extractions: list[FileExtraction]) -> list[ox.Quad]:
    return history_quads(extractions, BASE)


@pytest.fixture(scope="module")
def store(quads: list[ox.Quad]) -> ox.Store:
    s = ox.Store()
    s.extend(quads)
    return s


def _ask(store: ox.Store, where: str) -> bool:
    return bool(store.query(f"PREFIX wsis: <{DEF}> ASK {{ GRAPH ?g {{ {where} }} }}"))


def _objects(store: ox.Store, s: str, p: str) -> set[str]:
    return {
        q.object.value
        for q in store.quads_for_pattern(ox.NamedNode(s), ox.NamedNode(p), None, None)
    }


def test_every_quad_is_in_the_history_graph_without_blank_nodes(quads: list[ox.Quad]) -> None:
    assert quads
    assert {q.graph_name.value for q in quads} == {f"{BASE}graph/history"}
    assert history_graph_iri("https://example.org/kg") == "https://example.org/kg/graph/history"
    assert not any(isinstance(t, ox.BlankNode) for q in quads for t in (q.subject, q.object))


def test_the_same_inputs_give_the_same_quads(
    extractions: list[FileExtraction], quads: list[ox.Quad]
) -> None:
    assert history_quads(list(reversed(extractions)), BASE) == quads


def test_draft_002_and_adopted_004_are_versions_of_one_text(store: ox.Store) -> None:
    draft, adopted = f"{ID}version/{DRAFT_DOC}", f"{ID}version/{ADOPTED_DOC}"
    work = f"{ID}work/{ADOPTED_DOC}"
    assert _objects(store, draft, f"{DEF}versionStage") == {"draft"}
    assert _objects(store, adopted, f"{DEF}versionStage") == {"adopted"}
    assert _objects(store, adopted, "http://purl.org/vocab/frbr/core#revisionOf") == {draft}
    assert _objects(store, work, "http://data.europa.eu/eli/ontology#is_realized_by") == {
        draft,
        adopted,
    }
    assert _objects(store, draft, f"{DEF}versionOf") == {f"{ID}doc/{DRAFT_DOC}"}
    dates = _objects(store, adopted, "http://data.europa.eu/eli/ontology#date_document")
    assert dates == {"2015-12-16"}
    # the IGF paragraph: draft 62 is adopted 63, reworded
    al = f"{ID}history/{DRAFT_DOC}/to/{ADOPTED_DOC}/alignment/t-63"
    assert _objects(store, al, f"{DEF}alignedFrom") == {f"{ID}doc/{DRAFT_DOC}/para/62"}
    assert _objects(store, al, f"{DEF}alignmentKind") == {"reworded"}
    # the draft's GA meeting in "[2020/2025]" became the adopted 2025 (¶70 -> ¶71)
    assert _ask(
        store,
        f"""?c a wsis:CommitmentChange ; wsis:fromParagraph <{ID}doc/{DRAFT_DOC}/para/70> ;
              wsis:toParagraph <{ID}doc/{ADOPTED_DOC}/para/71> ;
              wsis:fromDeadline "2020/2025" ; wsis:toDeadline "2025" """,
    )
    assert _ask(store, f"?s wsis:statusOf <{ID}doc/{DRAFT_DOC}/para/70> ; wsis:agreed false")


def test_versions_are_found_without_the_manifest_note(extractions: list[FileExtraction]) -> None:
    sources = all_sources(extractions, Iris(BASE))
    assert any(s.declared_adopted == ADOPTED_DOC for s in sources)  # the note is read ...
    blind = [dataclasses.replace(s, declared_adopted=None) for s in sources]
    pairs = version_pairs(blind)  # ... but content and titles suffice
    assert [(blind[p.before].doc_id, blind[p.after].doc_id) for p in pairs] == [
        (DRAFT_DOC, ADOPTED_DOC)
    ]
    assert pairs[0].match.content_overlap > 0.9


def test_history_ids_are_the_file_graphs_ids(
    extractions: list[FileExtraction], store: ox.Store
) -> None:
    """Version documents and mandate nodes are the very IRIs graph/rdf.py states, and where
    both state a mandate's end they agree (the shapes allow one end per mandate)."""
    files = ox.Store()
    for fx in extractions:
        files.extend(file_graph(fx, RdfContext(Iris(BASE))).quads)
    docs = {
        r["d"].value
        for r in store.query(
            f"PREFIX wsis: <{DEF}> SELECT ?d {{ GRAPH ?g {{ ?v wsis:versionOf ?d }} }}"
        )
    }
    assert docs == {f"{ID}doc/{DRAFT_DOC}", f"{ID}doc/{ADOPTED_DOC}"}
    for d in docs:
        assert list(files.quads_for_pattern(ox.NamedNode(d), None, ox.NamedNode(f"{DEF}Document")))
    end = ox.NamedNode(f"{DEF}mandateEnd")
    from_files = {
        (q.subject.value, q.object.value) for q in files.quads_for_pattern(None, end, None)
    }
    from_history = {
        (q.subject.value, q.object.value) for q in store.quads_for_pattern(None, end, None)
    }
    shared = {s for s, _ in from_files} & {s for s, _ in from_history}
    assert f"{ID}mandate/IGF/{ADOPTED_DOC}" in shared
    assert {x for x in from_files if x[0] in shared} == {x for x in from_history if x[0] in shared}


def test_igf_mandate_lineage(store: ox.Store) -> None:
    ext = f"{ID}mandate/IGF/{ADOPTED_DOC}"
    created = f"{ID}mandate/IGF/{TUNIS}"
    assert _objects(store, ext, f"{DEF}mandateOf") == {f"{ID}actor/IGF"}
    assert _objects(store, ext, f"{DEF}extendedBy") == {f"{ID}doc/{ADOPTED_DOC}/para/63"}
    assert _objects(store, ext, f"{DEF}mandateEnd") == {"2025"}
    assert _objects(store, ext, f"{DEF}mandateDuration") == {"P10Y"}
    assert _objects(store, ext, f"{DEF}extendsMandate") == {created}
    assert _objects(store, created, f"{DEF}mandateEvent") == {"creates"}
    assert _objects(store, created, f"{DEF}createdBy") == {
        f"{ID}doc/{TUNIS}/para/{n}" for n in range(72, 79)
    }
    assert _objects(store, created, f"{DEF}mandateEnd") == set()  # the Tunis Agenda sets none


def test_validates_against_the_history_shapes(quads: list[ox.Quad]) -> None:
    shapes = Graph().parse(ROOT / "shapes" / "history.ttl")
    ok, _g, text = validate(rdflib_graph(quads), shacl_graph=shapes, inference="none")
    assert ok, text
    # and with every shape of the project, as the build validates a named graph
    report = validate_graphs([(history_graph_iri(BASE), quads)])
    assert report.conforms, report.text()


def test_unrelated_resolutions_are_not_versions(extractions: list[FileExtraction]) -> None:
    by_stem = {fx.source.stem: fx for fx in extractions}
    # E/RES/2012/5 and A/RES/70/125: both on WSIS, both adopted, two texts
    pair = [by_stem["001_09510892622042c2"], by_stem["004_3e7d3024c80fa0c1"]]
    q = history_quads(pair, BASE)
    assert not [x for x in q if x.object.value == f"{DEF}TextVersion"]
    # the draft against the ECOSOC resolution, aligned anyway: too little content in common
    sources = all_sources(
        [by_stem["002_a85ec3b89659f1a1"], by_stem["001_09510892622042c2"]], Iris()
    )
    draft = next(i for i, s in enumerate(sources) if s.doc_id == DRAFT_DOC)
    ecosoc = next(i for i, s in enumerate(sources) if s.doc_id == "E/RES/2012/5")
    assert verify_pair(sources, draft, ecosoc) is None
    assert candidates(sources) == []


def test_annual_resolutions_repeating_each_other_are_not_versions() -> None:
    """Oceans and the law of the sea, 2012 and 2015: same title, half their 4-grams shared."""
    fxs = list(extract_files([UN / "A_RES_67_78.txt", UN / "A_RES_70_235.txt"]))
    sources = [s for s in all_sources(fxs, Iris()) if s.negotiable]
    assert [s.version.expression.stage for s in sources] == ["adopted", "adopted"]
    assert candidates(sources) == []
    assert verify_pair(sources, 0, 1) is None
    assert not [q for q in history_quads(fxs, BASE) if "/version/" in q.subject.value]


def test_a_draft_pairs_with_its_own_adopted_text_not_last_years() -> None:
    """An undated draft made from A/RES/70/235 (every fifth paragraph dropped, one reworded)
    is a candidate of both Oceans resolutions; only A/RES/70/235 is its adopted version."""
    fxs = list(extract_files([UN / "A_RES_67_78.txt", UN / "A_RES_70_235.txt"]))
    old, new = [s for s in all_sources(fxs, Iris()) if s.negotiable]
    paras = [p for n, p in enumerate(new.version.paras) if n % 5 != 4]
    paras[3] = dataclasses.replace(paras[3], text=paras[3].text.replace("Recognizing", "Noting"))
    expr = dataclasses.replace(
        new.version.expression,
        doc_id="A/70/L.24",
        date=None,
        stage="draft",
        title="Draft resolution: " + new.version.expression.title,
    )
    version = dataclasses.replace(
        new.version, doc_id="A/70/L.24", expression=expr, paras=tuple(paras)
    )
    draft = dataclasses.replace(new, version=version, kind="draft")
    sources = [old, new, draft]
    assert {(c.a, c.b) for c in candidates(sources)} == {(0, 2), (1, 2)}
    assert [(p.before, p.after) for p in version_pairs(sources)] == [(2, 1)]


# ------------------------------------------------------------------ on a built store
@pytest.fixture(scope="module")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    """The bundled corpus built with ``wsiskg.api.build_graph`` (graph/build.py calls
    ``history_quads`` once per build)."""
    out = tmp_path_factory.mktemp("history-build")
    result = build_graph([str(WSIS_CORPUS)], BuildConfig(out=out, base_iri=BASE))
    assert result.conforms, result.validation.text()
    return ox.Store(str(result.store))


def test_the_build_includes_the_history_graph(built_store: ox.Store, quads: list[ox.Quad]) -> None:
    name = ox.NamedNode(history_graph_iri(BASE))
    assert name in set(built_store.named_graphs())
    stored = set(built_store.quads_for_pattern(None, None, None, name))
    assert stored and stored <= set(quads)
    # what the store's history graph leaves out, a file graph states (each triple once)
    elsewhere = {q.triple for q in built_store if q.graph_name != name}
    left_out = {q.triple for q in set(quads) - stored}
    assert left_out and left_out <= elsewhere


def _rows(store: ox.Store, name: str, params: dict[str, str]) -> list[dict[str, str]]:
    q = get_query(name)
    return [
        {k: v or "" for k, v in row.items()} for row in run(store, q.text, q.bind(params)).records()
    ]


def test_what_changed_for_body_on_a_built_store(built_store: ox.Store) -> None:
    store = built_store
    ga = _rows(store, "what-changed-for-body", {"body": "GA", "from": DRAFT_DOC, "to": ADOPTED_DOC})
    got = {
        (r["change"], ",".join(sorted(r["fields"].split(","))), r["fromDeadline"], r["toDeadline"])
        for r in ga
    }
    assert ("changed", "deadline,relation", "2020/2025", "2025") in got
    cstd = _rows(
        store,
        "what-changed-for-body",
        {"body": "CSTD-Chair", "from": DRAFT_DOC, "to": ADOPTED_DOC},
    )
    assert [(r["change"], r["toParagraph"].rsplit("/", 1)[-1], r["toDeadline"]) for r in cstd] == [
        ("added", "65", "/2016-07")
    ]


def test_mandates_expiring_before_on_a_built_store(built_store: ox.Store) -> None:
    store = built_store
    rows = _rows(store, "mandates-expiring-before", {"date": "2026-01-01"})
    igf = {
        (r["paragraph"], r["end"], r["event"])
        for r in rows
        if r["body"] == f"{ID}actor/IGF" and r["mandate"] == f"{ID}mandate/IGF/{ADOPTED_DOC}"
    }
    assert igf == {(f"{ID}doc/{ADOPTED_DOC}/para/63", "2025", "extends")}
    assert not [
        r
        for r in _rows(store, "mandates-expiring-before", {"date": "2025-06-30"})
        if r["body"] == f"{ID}actor/IGF"
    ]
