"""W3C SPARQL 1.1 Protocol tests (w3c/rdf-tests, sparql/sparql11/protocol/manifest.ttl).

The query and bad-query cases apply to a read-only endpoint and are reproduced request for
request. The update cases (update_*, bad_update_*) do not apply: this endpoint refuses every
update by design (tested in test_sparql_endpoint.py). Known erratum: ``query_multiple_dataset``
percent-encodes the '&' between its two named-graph-uri values, so it names one graph that does
not exist; it is kept with that request and its expected outcome documented below.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from xml.dom import minidom

import pytest

from tests.endpoint.conftest import DATA, build_store, start
from tests.endpoint.http_client import Response, request
from wsiskg.graph.endpoint import EndpointConfig

D = "http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2F"
K = "http://kasei.us/2009/09/sparql/data/"
FORM = {"content-type": "application/x-www-form-urlencoded"}
DIRECT = {"content-type": "application/sparql-query"}


@pytest.fixture(scope="module")
def w3c_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = build_store(tmp_path_factory.mktemp("w3c") / "store", DATA / "w3c-protocol.trig")
    server = start(EndpointConfig(store=store, port=0, max_concurrency=1))
    yield server.public_url()
    server.shutdown()
    server.server_close()


def boolean(resp: Response) -> bool:
    assert 200 <= resp.status < 400, resp.text
    if resp.media == "application/sparql-results+json":
        return bool(json.loads(resp.body)["boolean"])
    doc = minidom.parseString(resp.body)
    return doc.getElementsByTagName("boolean")[0].firstChild.data == "true"


QUERY_CASES = {
    "query_post_form": (
        "POST",
        f"/sparql/?default-graph-uri={D}data0.rdf",
        b"query=ASK%20%7B%7D",
        FORM,
    ),
    "query_dataset_default_graphs_get": (
        "GET",
        f"/sparql/?query=ASK%20%7B%20%3C{D}data1.rdf%3E%20a%20%3Ftype%20.%20%3C{D}"
        f"data2.rdf%3E%20a%20%3Ftype%20.%20%7D&default-graph-uri={D}data1.rdf"
        f"&default-graph-uri={D}data2.rdf",
        None,
        {},
    ),
    "query_dataset_default_graphs_post": (
        "POST",
        f"/sparql/?default-graph-uri={D}data1.rdf&default-graph-uri={D}data2.rdf",
        f"ASK {{ <{K}data1.rdf> a ?type . <{K}data2.rdf> a ?type . }}".encode(),
        DIRECT,
    ),
    "query_dataset_named_graphs_post": (
        "POST",
        f"/sparql/?named-graph-uri={D}data1.rdf&named-graph-uri={D}data2.rdf",
        (
            f"ASK {{ GRAPH ?g1 {{ <{K}data1.rdf> a ?type }} "
            f"GRAPH ?g2 {{ <{K}data2.rdf> a ?type }} }}"
        ).encode(),
        DIRECT,
    ),
    "query_dataset_named_graphs_get": (
        "GET",
        f"/sparql/?query=ASK%20%7B%20GRAPH%20%3Fg1%20%7B%20%3C{D}data1.rdf%3E%20a%20"
        f"%3Ftype%20%7D%20GRAPH%20%3Fg2%20%7B%20%3C{D}data2.rdf%3E%20a%20%3Ftype%20%7D%20%7D"
        f"&named-graph-uri={D}data1.rdf&named-graph-uri={D}data2.rdf",
        None,
        {},
    ),
    "query_dataset_full": (
        "POST",
        f"/sparql/?default-graph-uri={D}data3.rdf&named-graph-uri={D}data1.rdf"
        f"&named-graph-uri={D}data2.rdf",
        f"ASK {{\n  <{K}data3.rdf> a ?type\n  GRAPH ?g1 {{ <{K}data1.rdf> a ?type }}\n"
        f"  GRAPH ?g2 {{ <{K}data2.rdf> a ?type }}\n}}".encode(),
        DIRECT,
    ),
    "query_get": ("GET", f"/sparql/?query=ASK%20%7B%7D&default-graph-uri={D}data0.rdf", None, {}),
    "query_post_direct": ("POST", "/sparql/", b"ASK {}", DIRECT),
}


@pytest.mark.parametrize("name", sorted(QUERY_CASES))
def test_query_true(w3c_url: str, name: str) -> None:
    method, path, body, headers = QUERY_CASES[name]
    assert boolean(request(w3c_url, method, path, body, headers)) is True


def test_query_multiple_dataset_erratum(w3c_url: str) -> None:
    """Protocol dataset wins over FROM (so data3 is not the default graph, as the test
    intends); with the manifest's '%26' the named graphs collapse into one unknown IRI, so
    GRAPH ?g1 matches nothing and the honest answer is false (the manifest expects true)."""
    path = f"/sparql/?named-graph-uri={D}data1.rdf%26named-graph-uri%3D{D}data2.rdf"
    body = (
        f"ASK FROM <{K}data3.rdf> {{ GRAPH ?g1 {{ <{K}data1.rdf> a ?type }} "
        f"GRAPH ?g2 {{ <{K}data2.rdf> a ?type }} }}"
    ).encode()
    assert boolean(request(w3c_url, "POST", path, body, DIRECT)) is False
    fixed = f"/sparql/?named-graph-uri={D}data1.rdf&named-graph-uri={D}data2.rdf"
    assert boolean(request(w3c_url, "POST", fixed, body, DIRECT)) is True


@pytest.mark.parametrize(
    ("name", "body", "allowed"),
    [
        (
            "query_content_type_select",
            b"SELECT (1 AS ?value) {}",
            {
                "application/sparql-results+xml",
                "application/sparql-results+json",
                "text/tab-separated-values",
                "text/csv",
            },
        ),
        (
            "query_content_type_ask",
            b"ASK {}",
            {"application/sparql-results+xml", "application/sparql-results+json"},
        ),
        (
            "query_content_type_describe",
            b"DESCRIBE <http://example.org/>",
            {"application/rdf+xml", "text/turtle", "application/n-triples"},
        ),
        (
            "query_content_type_construct",
            b"CONSTRUCT { <s> <p> 1 } WHERE {}",
            {"application/rdf+xml", "text/turtle", "application/n-triples"},
        ),
    ],
)
def test_query_content_type(w3c_url: str, name: str, body: bytes, allowed: set[str]) -> None:
    resp = request(w3c_url, "POST", f"/sparql/?default-graph-uri={D}data0.rdf", body, DIRECT)
    assert 200 <= resp.status < 400, resp.text
    assert resp.media in allowed


@pytest.mark.parametrize(
    ("name", "method", "path", "body", "headers"),
    [
        (
            "bad_query_method",
            "PUT",
            f"/sparql/?query=ASK%20%7B%7D&default-graph-uri={D}data0.rdf",
            b"",
            FORM,
        ),
        (
            "bad_multiple_queries",
            "GET",
            "/sparql/?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D",
            None,
            {},
        ),
        (
            "bad_query_wrong_media_type",
            "POST",
            "/sparql/",
            b"ASK {}",
            {"content-type": "text/plain"},
        ),
        ("bad_query_missing_form_type", "POST", "/sparql/", b"query=ASK%20%7B%7D", {}),
        ("bad_query_missing_direct_type", "POST", "/sparql/", b"ASK {}", {}),
        (
            "bad_query_non_utf8",
            "POST",
            "/sparql/",
            "ASK { <http://example.org/dat\u00e9> ?p ?o }".encode("iso-8859-1"),
            {"content-type": "application/sparql-query; charset=UTF-8"},
        ),
        ("bad_query_syntax", "GET", "/sparql/?query=ASK%20%7B", None, {}),
        ("bad_update_get", "GET", "/sparql/?update=CLEAR%20ALL", None, {}),
    ],
)
def test_bad_requests_are_4xx(
    w3c_url: str, name: str, method: str, path: str, body: bytes | None, headers: dict[str, str]
) -> None:
    assert 400 <= request(w3c_url, method, path, body, headers).status < 500
