"""Every named query returns real rows on the bundled corpus (needs the extraction pipeline)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from wsiskg.graph.build import BuildConfig, BuildResult, build_graph
from wsiskg.graph.named_queries import run_named
from wsiskg.graph.store import open_store

pytest.importorskip("wsiskg.extract.pipeline")


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build_graph(None, BuildConfig(out=tmp_path_factory.mktemp("corpus")))


@pytest.fixture(scope="module")
def store(corpus_build: BuildResult) -> ox.Store:
    return open_store(corpus_build.store)


def rows(store: ox.Store, name: str, **params: str) -> list[dict[str, str | None]]:
    return run_named(store, name, params).records()


def test_corpus_builds_without_violations(corpus_build: BuildResult) -> None:
    assert corpus_build.conforms, corpus_build.validation.text()
    assert len(corpus_build.extracted) == 5
    assert not [p for p in corpus_build.problems if p["stage"] == "extract"]


def test_tasks_with_deadlines(store: ox.Store) -> None:
    got = {
        (r["body"], r["verb"], r["deadline"], r["document"], r["paragraph"])
        for r in rows(store, "tasks-with-deadlines")
    }
    assert ("CSTD-Chair", "requests", "/2016-07", "A/RES/70/125", "65") in got
    assert ("IGF", "extends_mandate", "P10Y", "A/RES/70/125", "63") in got


def test_tasks_for_body(store: ox.Store) -> None:
    got = rows(store, "tasks-for-body", body="CSTD-Chair")
    assert ("A/RES/70/125", "65", "/2016-07") in {
        (r["document"], r["paragraph"], r["deadline"]) for r in got
    }


def test_mandates_and_expiry(store: ox.Store) -> None:
    got = rows(store, "mandates-and-expiry", body="IGF")
    assert ("A/RES/70/125", "63", "P10Y", "2025") in {
        (r["document"], r["paragraph"], r["duration"], r["end_year"]) for r in got
    }


def test_references_to_document_counts_paragraph_targets(store: ox.Store) -> None:
    got = rows(store, "references-to-document", document="WSIS-05/TUNIS/DOC/6(Rev.1)")
    targets = {r["target"] for r in got}
    assert "WSIS-05/TUNIS/DOC/6(Rev.1)#72" in targets
    assert ("A/RES/70/125", "63") in {(r["citing_document"], r["citing_paragraph"]) for r in got}


def test_documents_citing_paragraph(store: ox.Store) -> None:
    got = rows(
        store, "documents-citing-paragraph", document="WSIS-05/TUNIS/DOC/6(Rev.1)", paragraph="72"
    )
    assert "A/RES/70/125" in {r["citing_document"] for r in got}


def test_action_lines_by_document(store: ox.Store) -> None:
    got = rows(store, "action-lines-by-document")
    assert ("WSIS+10/4/22", "C11") in {(r["document"], r["action_line"]) for r in got}


def test_upcoming_deadlines(store: ox.Store) -> None:
    got = rows(store, "upcoming-deadlines", as_of="2016-01-01")
    assert ("CSTD-Chair", "2016-07-31") in {(r["body"], r["due_date"]) for r in got}
    assert all(r["due_date"] >= "2016-01-01" for r in got)
