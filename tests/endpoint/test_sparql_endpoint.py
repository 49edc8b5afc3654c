"""The /sparql endpoint over HTTP: formats, refusals, limits, malformed requests (issue 5)."""

from __future__ import annotations

import csv
import io
import json
import threading
import time
from urllib.parse import quote

import pytest
import rdflib
from SPARQLWrapper import CSV, JSON, TSV, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from tests.endpoint.conftest import FIXTURE_TRIG, MAX_ROWS, TIMEOUT
from tests.endpoint.http_client import request

WSIS = "https://w3id.org/wsiskg/def/"
DEADLINES = f"""PREFIX wsis: <{WSIS}>
SELECT ?task ?deadline WHERE {{ ?task wsis:deadline/wsis:normalized ?deadline }}
ORDER BY ?deadline"""
EXPECTED_DEADLINES = ["2010", "2025"]
SLOW = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o }"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def wrapper(url: str, query: str, fmt: str = JSON) -> SPARQLWrapper:
    sparql = SPARQLWrapper(url + "/sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    return sparql


def test_select_json_via_sparqlwrapper(url: str) -> None:
    result = wrapper(url, DEADLINES).queryAndConvert()
    assert result["head"]["vars"] == ["task", "deadline"]
    assert [b["deadline"]["value"] for b in result["results"]["bindings"]] == EXPECTED_DEADLINES


def test_select_xml_via_sparqlwrapper(url: str) -> None:
    doc = wrapper(url, DEADLINES, XML).queryAndConvert()
    literals = [n.firstChild.data for n in doc.getElementsByTagName("literal")]
    assert literals == EXPECTED_DEADLINES


def test_select_csv_and_tsv_escape_text(url: str) -> None:
    query = f"""PREFIX wsis: <{WSIS}>
    SELECT ?text {{ <https://w3id.org/wsiskg/id/doc/A/RES/70/125/para/65> wsis:text ?text }}"""
    text = wrapper(url, query, CSV).queryAndConvert().decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["text"] and '"by 2025"' in rows[1][0] and "\t" in rows[1][0]
    tsv = wrapper(url, query, TSV).queryAndConvert().decode()
    header, line = tsv.rstrip("\n").split("\n")
    assert header == "?text" and "\t" not in line and '\\"by 2025\\"' in line


def test_ask_in_every_solution_format(url: str) -> None:
    ask = f"ASK {{ ?t <{WSIS}addressee> <https://w3id.org/wsiskg/id/actor/CSTD> }}"
    assert wrapper(url, ask).queryAndConvert()["boolean"] is True
    xml = wrapper(url, ask, XML).queryAndConvert()
    assert xml.getElementsByTagName("boolean")[0].firstChild.data == "true"
    for fmt in ("csv", "tsv"):
        resp = request(url, path=f"/sparql?query={quote(ask)}&format={fmt}")
        assert resp.status == 200 and resp.text.split() == ["_askResult", "true"]


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_construct_formats_reparse(url: str, accept: str, rdflib_format: str) -> None:
    query = f"CONSTRUCT WHERE {{ ?d a <{WSIS}Deadline> ; <{WSIS}normalized> ?n }}"
    resp = request(url, path=f"/sparql?query={quote(query)}", headers={"Accept": accept})
    assert resp.status == 200 and resp.media == accept
    graph = rdflib.Graph().parse(data=resp.body, format=rdflib_format)
    assert sorted(str(o) for o in graph.objects(None, rdflib.URIRef(WSIS + "normalized"))) == [
        "2010",
        "2025",
    ]


def test_describe_returns_the_resource(url: str) -> None:
    query = "DESCRIBE <https://w3id.org/wsiskg/id/deadline/2010>"
    resp = request(url, path=f"/sparql?query={quote(query)}&format=nt")
    assert resp.status == 200 and resp.media == "application/n-triples"
    assert '<https://w3id.org/wsiskg/def/normalized> "2010"' in resp.text


def test_post_form_and_direct_give_the_same_rows(url: str) -> None:
    form = ("query=" + quote(DEADLINES, safe="")).encode()
    direct = request(
        url, "POST", body=DEADLINES.encode(), headers={"Content-Type": "application/sparql-query"}
    )
    posted = request(url, "POST", body=form, headers=FORM)
    got = request(url, path="/sparql?query=" + quote(DEADLINES))
    assert direct.status == posted.status == got.status == 200
    assert json.loads(direct.body) == json.loads(posted.body) == json.loads(got.body)


def test_plus_and_percent_in_form_bodies(url: str) -> None:
    # '+' is a space; '%2B' is a literal '+'; '%25' a literal '%'
    body = b"query=SELECT+%3Fx+%7B+BIND(%221%2B1%25%22+AS+%3Fx)+%7D"
    resp = request(url, "POST", body=body, headers=FORM)
    assert resp.status == 200, resp.text
    assert json.loads(resp.body)["results"]["bindings"][0]["x"]["value"] == "1+1%"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
        (
            "SELECT * { { SELECT ?s { SERVICE SILENT <http://x.example/> { ?s ?p ?o } } } }",
            "SERVICE",
        ),
        ("PREFIX r: <http://example.org/> SELECT * FROM r:remote { ?s ?p ?o }", "FROM"),
        ("SELECT * FROM NAMED <http://example.org/g> { GRAPH ?g { ?s ?p ?o } }", "FROM"),
        ("LOAD <http://example.org/data.ttl>", "read-only"),
        ("INSERT DATA { <http://a.example/s> <http://a.example/p> 1 }", "read-only"),
        ("DROP ALL", "read-only"),
    ],
)
def test_refused_queries(url: str, query: str, message: str) -> None:
    resp = request(url, path="/sparql?query=" + quote(query))
    assert resp.status == 400 and message in resp.text


def test_update_forms_are_refused(url: str) -> None:
    resp = request(url, "POST", body=b"update=CLEAR+ALL", headers=FORM)
    assert resp.status == 400 and "read-only" in resp.text
    resp = request(
        url, "POST", body=b"CLEAR ALL", headers={"Content-Type": "application/sparql-update"}
    )
    assert resp.status == 400 and "read-only" in resp.text


def fixture_triples(graph: str | None = None) -> int:
    """Triples of the fixture (one named graph, or the union), counted by rdflib, not the store."""
    ds = rdflib.Dataset()
    ds.parse(FIXTURE_TRIG, format="trig")
    if graph is not None:
        return len(ds.graph(rdflib.URIRef(graph)))
    return len({(s, p, o) for s, p, o, _g in ds.quads((None, None, None, None))})


def test_local_from_is_allowed(url: str) -> None:
    query = (
        "SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/wsiskg/graph/file/tunis-agenda> "
        "{ ?s ?p ?o }"
    )
    resp = request(url, path="/sparql?query=" + quote(query))
    assert resp.status == 200
    expected = fixture_triples("https://w3id.org/wsiskg/graph/file/tunis-agenda")
    assert json.loads(resp.body)["results"]["bindings"][0]["n"]["value"] == str(expected)


def test_protocol_dataset_overrides_union_default(url: str) -> None:
    query = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
    g = quote("https://w3id.org/wsiskg/graph/registry", safe="")
    resp = request(url, path=f"/sparql?query={quote(query)}&default-graph-uri={g}")
    expected = fixture_triples("https://w3id.org/wsiskg/graph/registry")
    assert json.loads(resp.body)["results"]["bindings"][0]["n"]["value"] == str(expected)
    union = json.loads(request(url, path=f"/sparql?query={quote(query)}").body)
    assert union["results"]["bindings"][0]["n"]["value"] == str(fixture_triples())


def test_syntax_error_is_400_with_parser_message(url: str) -> None:
    sparql = wrapper(url, "SELECT * WHERE { ?s ?p }")
    with pytest.raises(QueryBadFormed) as info:
        sparql.queryAndConvert()
    assert "line 1" in str(info.value)


def test_row_cap_is_an_explicit_error(url: str) -> None:
    resp = request(url, path="/sparql?query=" + quote("SELECT * { ?s ?p ?o }"))
    assert resp.status == 400 and f"more than {MAX_ROWS} rows" in resp.text
    limited = request(
        url, path="/sparql?query=" + quote(f"SELECT * {{ ?s ?p ?o }} LIMIT {MAX_ROWS}")
    )
    assert limited.status == 200
    assert len(json.loads(limited.body)["results"]["bindings"]) == MAX_ROWS


def wait_for_idle_pool(server) -> None:
    """Killed workers are replaced in the background; wait until all are back."""
    deadline = time.time() + 30
    while server.pool.idle() < server.pool.size and time.time() < deadline:
        time.sleep(0.1)
    assert server.pool.idle() == server.pool.size


def test_slow_query_is_killed_while_others_are_answered(url: str, server) -> None:
    killed_before = server.pool.killed
    slow: dict[str, object] = {}

    def run_slow() -> None:
        started = time.perf_counter()
        slow["resp"] = request(url, path="/sparql?query=" + quote(SLOW))
        slow["seconds"] = time.perf_counter() - started

    thread = threading.Thread(target=run_slow)
    thread.start()
    time.sleep(0.3)
    started = time.perf_counter()
    fast = request(url, path="/sparql?query=" + quote(DEADLINES))
    fast_seconds = time.perf_counter() - started
    thread.join(30)
    assert fast.status == 200 and fast_seconds < TIMEOUT
    assert slow["resp"].status == 504 and "time limit" in slow["resp"].text
    assert TIMEOUT <= slow["seconds"] < TIMEOUT + 3
    assert server.pool.killed == killed_before + 1
    wait_for_idle_pool(server)  # the replacement worker comes back


def test_saturation_answers_503(url: str, server) -> None:
    wait_for_idle_pool(server)
    threads = [
        threading.Thread(
            target=request, args=(url,), kwargs={"path": "/sparql?query=" + quote(SLOW)}
        )
        for _ in range(server.pool.size)
    ]
    for t in threads:
        t.start()
    time.sleep(0.4)
    resp = request(url, path="/sparql?query=" + quote(DEADLINES))
    for t in threads:
        t.join(30)
    assert resp.status == 503 and resp.headers.get("retry-after") == "1"
    wait_for_idle_pool(server)


@pytest.mark.parametrize(
    ("method", "path", "body", "headers", "status"),
    [
        ("GET", "/sparql?query=", None, {}, 400),
        ("GET", "/sparql?query=%20%0A", None, {}, 400),
        ("GET", "/sparql?query=ASK%7B%7D&query=ASK%7B%7D", None, {}, 400),
        ("GET", "/sparql?query=SELECT%20%22%E9%22%20%7B%7D", None, {}, 400),  # latin-1 byte
        ("POST", "/sparql", b"query=ASK%7B%7D", {}, 415),
        ("POST", "/sparql", b"ASK {}", {"Content-Type": "text/plain"}, 415),
        (
            "POST",
            "/sparql",
            'ASK { FILTER("é") }'.encode("latin-1"),
            {"Content-Type": "application/sparql-query"},
            400,
        ),
        ("POST", "/sparql", b"query=ASK%7B%7D&query=ASK%7B%7D", FORM, 400),
        ("POST", "/sparql", b"format=json", FORM, 400),
        ("PUT", "/sparql?query=ASK%7B%7D", b"", FORM, 405),
        ("DELETE", "/sparql", None, {}, 405),
        ("GET", "/nowhere", None, {}, 404),
        ("GET", "/static/../server.py", None, {}, 404),
    ],
)
def test_malformed_requests(
    url: str, method: str, path: str, body: bytes | None, headers: dict[str, str], status: int
) -> None:
    assert request(url, method, path, body, headers).status == status


def test_huge_query_is_413(url: str) -> None:
    huge = "SELECT * { ?s ?p ?o } #" + "x" * 9000
    assert (
        request(
            url, "POST", body=huge.encode(), headers={"Content-Type": "application/sparql-query"}
        ).status
        == 413
    )
    assert request(url, path="/sparql?query=" + quote(huge)).status == 413
    form = ("query=" + quote(huge)).encode()
    assert request(url, "POST", body=form, headers=FORM).status == 413


def test_not_acceptable(url: str) -> None:
    resp = request(url, path="/sparql?query=" + quote(DEADLINES), headers={"Accept": "image/png"})
    assert resp.status == 406
    resp = request(url, path="/sparql?query=" + quote("ASK {}") + "&format=turtle")
    assert resp.status == 406


def test_accept_quality_values(url: str) -> None:
    resp = request(
        url,
        path="/sparql?query=" + quote(DEADLINES),
        headers={"Accept": "application/sparql-results+json;q=0.5, text/csv, */*;q=0.1"},
    )
    assert resp.media == "text/csv"


def test_cors_headers_and_preflight(url: str) -> None:
    resp = request(
        url, path="/sparql?query=" + quote("ASK {}"), headers={"Origin": "https://example.org"}
    )
    assert resp.headers["access-control-allow-origin"] == "*"
    pre = request(
        url,
        "OPTIONS",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST"},
    )
    assert pre.status == 204 and "POST" in pre.headers["access-control-allow-methods"]


def test_service_description(url: str) -> None:
    resp = request(url, headers={"Accept": "text/turtle"})
    assert resp.status == 200 and resp.media == "text/turtle"
    graph = rdflib.Graph().parse(data=resp.body, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = rdflib.URIRef(url + "/sparql")
    assert (service, rdflib.RDF.type, sd.Service) in graph
    assert (service, sd.endpoint, service) in graph
    assert (service, sd.feature, sd.UnionDefaultGraph) in graph
    names = {str(n) for n in graph.objects(None, sd.name)}
    assert "https://w3id.org/wsiskg/graph/registry" in names and len(names) == 3


def test_void_description(url: str) -> None:
    resp = request(url, path="/void", headers={"Accept": "application/n-triples"})
    graph = rdflib.Graph().parse(data=resp.body, format="nt")
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    dataset = rdflib.URIRef(url + "/void#dataset")
    assert int(graph.value(dataset, void.triples)) == fixture_triples()
    assert graph.value(dataset, void.sparqlEndpoint) == rdflib.URIRef(url + "/sparql")
    classes = {
        str(graph.value(p, void["class"])): int(graph.value(p, void.entities))
        for p in graph.objects(dataset, void.classPartition)
    }
    assert classes[WSIS + "Task"] == 3


def test_health(url: str) -> None:
    resp = request(url, path="/health")
    assert resp.status == 200 and json.loads(resp.body)["status"] == "ok"


def test_query_page_and_vendored_assets_are_served(url: str) -> None:
    page = request(url, path="/")
    assert page.status == 200 and "static/yasgui/yasgui.min.js" in page.text
    js = request(url, path="/static/yasgui/yasgui.min.js")
    assert js.status == 200 and len(js.body) > 500_000


def test_one_access_log_line_per_request(url: str, caplog: pytest.LogCaptureFixture) -> None:
    def access_lines() -> list[str]:
        # only this request's lines: the previous test's last request may be logged late
        return [
            r.getMessage()
            for r in caplog.records
            if r.name.endswith("access") and " /sparql?query=" in r.getMessage()
        ]

    with caplog.at_level("INFO", logger="wsiskg.graph.endpoint.access"):
        request(url, path="/sparql?query=" + quote(DEADLINES))
        # the handler thread logs after writing the body, so the client can get there first
        deadline = time.monotonic() + 5
        while not access_lines() and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.1)  # a second (wrong) line would arrive by now
    lines = access_lines()
    assert len(lines) == 1
    assert " 200 " in lines[0] and "rows=2" in lines[0] and "ms" in lines[0]
