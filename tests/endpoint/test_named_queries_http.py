"""Named queries over HTTP: GET /queries and GET /queries/NAME?param=… (issue 5)."""

from __future__ import annotations

import csv
import io
import json

from tests.endpoint.http_client import request


def test_listing_describes_every_query_file(url: str) -> None:
    from wsiskg.graph.named_queries import load_named_queries

    listing = json.loads(request(url, path="/queries").body)
    assert [q["name"] for q in listing] == sorted(load_named_queries())
    by_name = {q["name"]: q for q in listing}
    assert by_name["tasks-for-body"]["params"][0]["name"] == "body"
    assert by_name["tasks-with-deadlines"]["summary"]
    assert "SELECT" in by_name["tasks-with-deadlines"]["query"]


def test_run_as_json_and_csv(url: str) -> None:
    data = json.loads(request(url, path="/queries/tasks-with-deadlines").body)
    rows = [(b["body"]["value"], b["deadline"]["value"]) for b in data["results"]["bindings"]]
    assert rows == [("Secretary-General", "2025"), ("CSTD", "2010")]
    resp = request(url, path="/queries/tasks-with-deadlines?format=csv")
    assert resp.media == "text/csv"
    table = list(csv.DictReader(io.StringIO(resp.text)))
    assert [r["document"] for r in table] == ["A/RES/70/125", "WSIS-05/TUNIS/DOC/6(Rev.1)"]


def test_parameters_are_bound_not_spliced(url: str) -> None:
    resp = request(url, path="/queries/tasks-for-body?body=CSTD")
    bodies = {b["body"]["value"] for b in json.loads(resp.body)["results"]["bindings"]}
    assert bodies == {"CSTD"}
    # an injection attempt is just a string that matches no actor
    evil = "CSTD%22%20%7D%20UNION%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D%20%23"
    resp = request(url, path=f"/queries/tasks-for-body?body={evil}")
    assert resp.status == 200 and json.loads(resp.body)["results"]["bindings"] == []


def test_errors(url: str) -> None:
    assert request(url, path="/queries/no-such-query").status == 404
    missing = request(url, path="/queries/tasks-for-body")
    assert missing.status == 400 and "body" in missing.text
    assert request(url, path="/queries/tasks-for-body?colour=red&body=CSTD").status == 400
    assert request(url, path="/queries/tasks-with-deadlines?format=xml").status == 406
