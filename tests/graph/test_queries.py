"""Named queries: headers, parsing, projections, safe binding, and rows on fixture records."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from tests.graph.conftest import fixture_extractor
from wsiskg.graph.build import BuildConfig, BuildResult, build_graph
from wsiskg.graph.errors import QueryError
from wsiskg.graph.named_queries import (
    format_result,
    load_named_queries,
    parse_query,
    projected_variables,
    run,
    run_named,
)
from wsiskg.graph.store import open_store

MINE = (
    "tasks-with-deadlines",
    "tasks-for-body",
    "references-to-document",
    "mandates-and-expiry",
    "action-lines-by-document",
    "documents-citing-paragraph",
    "upcoming-deadlines",
)


@pytest.fixture(scope="module")
def store(fixture_build: BuildResult) -> ox.Store:
    return open_store(fixture_build.store)


@pytest.mark.parametrize("name", MINE)
def test_header_and_projection(name: str) -> None:
    q = load_named_queries()[name]
    assert q.summary and q.description
    assert q.returns == projected_variables(q.text)
    assert "PREFIX" in q.text  # runs with no prefixes supplied
    for p in q.params:
        assert p.name in q.returns, f"{name}: parameter {p.name} must be projected"


def test_every_query_in_the_folder_parses_with_no_prefixes() -> None:
    for name, q in load_named_queries().items():
        assert ox.Store().query(q.text) is not None, name


def rows(store: ox.Store, name: str, **params: str) -> list[dict[str, str | None]]:
    return run_named(store, name, params).records()


def test_tasks_with_deadlines(store: ox.Store) -> None:
    got = {
        (r["body"], r["verb"], r["deadline"], r["document"], r["paragraph"])
        for r in rows(store, "tasks-with-deadlines")
    }
    assert got == {
        ("CSTD-Chair", "requests", "/2016-07", "A/RES/70/125", "65"),
        ("IGF", "extends_mandate", "P10Y", "A/RES/70/125", "63"),
        ("GA", "decides", "session:GA:71", "A/RES/70/125", "66"),
    }


def test_tasks_for_body_binds_safely(store: ox.Store) -> None:
    assert [r["paragraph"] for r in rows(store, "tasks-for-body", body="CSTD-Chair")] == ["65"]
    assert rows(store, "tasks-for-body", body='IGF" } UNION { ?s ?p ?o') == []
    with pytest.raises(QueryError, match="required"):
        rows(store, "tasks-for-body")
    with pytest.raises(QueryError, match="unknown parameter"):
        rows(store, "tasks-for-body", body="SG", bogus="x")


def test_references_to_document_is_paragraph_aware(store: ox.Store) -> None:
    got = rows(store, "references-to-document", document="WSIS-05/TUNIS/DOC/6(Rev.1)")
    assert {(r["citing_paragraph"], r["relation"], r["target"]) for r in got} == {
        ("pp1", "recalls", "WSIS-05/TUNIS/DOC/6(Rev.1)#72")
    }
    got = rows(store, "references-to-document", document="A/RES/68/302")
    assert [(r["citing_document"], r["target"]) for r in got] == [("A/RES/70/125", "A/RES/68/302")]


def test_mandates_and_expiry(store: ox.Store) -> None:
    got = rows(store, "mandates-and-expiry", body="IGF")
    assert [(r["document"], r["paragraph"], r["duration"], r["end_year"]) for r in got] == [
        ("A/RES/70/125", "63", "P10Y", "2025")
    ]


def test_documents_citing_paragraph(store: ox.Store) -> None:
    got = rows(
        store, "documents-citing-paragraph", document="WSIS-05/TUNIS/DOC/6(Rev.1)", paragraph="72"
    )
    assert [(r["citing_document"], r["relation"]) for r in got] == [("A/RES/70/125", "recalls")]


def test_upcoming_deadlines(store: ox.Store) -> None:
    got = rows(store, "upcoming-deadlines", as_of="2016-08-01")
    assert [(r["body"], r["due_date"]) for r in got] == [
        ("GA", "2016-12-31"),
        ("IGF", "2025-12-16"),
    ]
    with pytest.raises(QueryError, match="date"):
        rows(store, "upcoming-deadlines", as_of="soon")


def test_action_lines_query_runs_on_a_graph_without_action_lines(store: ox.Store) -> None:
    assert rows(store, "action-lines-by-document") == []


def test_formats(store: ox.Store) -> None:
    result = run_named(store, "tasks-for-body", {"body": "IGF"})
    assert format_result(result, "csv").splitlines()[0] == ",".join(result.columns)
    assert format_result(result, "tsv").splitlines()[0] == "\t".join(result.columns)
    assert '"body": "IGF"' in format_result(result, "json")


def test_parse_query_header() -> None:
    q = parse_query(
        "#+ summary: s\n#+ params: a (date, required), b (x, y)\n#+ returns: a b\nSELECT ?a ?b {}"
    )
    assert [(p.name, p.kind, p.required) for p in q.params] == [
        ("a", "date", True),
        ("b", "string", False),
    ]
    assert run(ox.Store(), q.text).rows == ((None, None),)


def test_build_needs_no_action_lines_for_queries(tmp_path, fixture_inputs) -> None:
    result = build_graph([fixture_inputs], BuildConfig(out=tmp_path, extractor=fixture_extractor))
    assert result.conforms
