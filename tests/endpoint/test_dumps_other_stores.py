"""The Turtle/N-Triples dumps load in other stores: raptor's rapper and the Oxigraph server.

The dump is build/graph.ttl and graph.nt when a build exists, else the same dumps written from
the fixture store (pyoxigraph's writers, as `wsiskg build` uses). tasks-with-deadlines must give
the same rows on the Oxigraph server (started from the dump) as on our endpoint.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import pytest

from tests.endpoint.conftest import start
from tests.endpoint.http_client import request
from wsiskg.graph.endpoint import EndpointConfig

ROOT = Path(__file__).resolve().parents[2]
RAPPER = shutil.which("rapper")
OXIGRAPH = shutil.which("oxigraph")


@pytest.fixture(scope="module")
def dumps(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    built = ROOT / "build"
    if (built / "graph.ttl").is_file() and (built / "graph.nt").is_file():
        return {"turtle": built / "graph.ttl", "ntriples": built / "graph.nt"}
    out = tmp_path_factory.mktemp("dumps")
    store = ox.Store.read_only(str(store_path))
    triples = [q.triple for q in store.quads_for_pattern(None, None, None, None)]
    ox.serialize(triples, str(out / "graph.ttl"), ox.RdfFormat.TURTLE)
    ox.serialize(triples, str(out / "graph.nt"), ox.RdfFormat.N_TRIPLES)
    return {"turtle": out / "graph.ttl", "ntriples": out / "graph.nt"}


def _triples_in(path: Path) -> int:
    return len(list(ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES)))


@pytest.mark.skipif(RAPPER is None, reason="raptor2-utils (rapper) is not installed")
@pytest.mark.parametrize(("kind", "syntax"), [("turtle", "turtle"), ("ntriples", "ntriples")])
def test_rapper_validates_and_counts(dumps: dict[str, Path], kind: str, syntax: str) -> None:
    run = subprocess.run(
        [RAPPER, "-i", syntax, "-c", str(dumps[kind])], capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    counted = re.search(r"returned (\d+) triples", run.stderr)
    assert counted and int(counted.group(1)) == _triples_in(dumps["ntriples"])
    assert "error" not in run.stderr.lower()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def oxigraph_server(
    dumps: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    if OXIGRAPH is None:
        pytest.skip("the oxigraph CLI (pip install oxigraph) is not installed")
    location = tmp_path_factory.mktemp("oxigraph-server") / "db"
    load = subprocess.run(
        [OXIGRAPH, "load", "--location", str(location), "--file", str(dumps["turtle"])],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert load.returncode == 0, load.stderr
    port = _free_port()
    proc = subprocess.Popen(
        [OXIGRAPH, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    while True:
        try:
            urllib.request.urlopen(base + "/query?query=" + quote("ASK {}"), timeout=2).read()
            break
        except OSError:
            if time.time() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail("the Oxigraph server did not start")
            time.sleep(0.2)
    yield base
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def our_url(dumps: dict[str, Path], url: str) -> Iterator[str]:
    """Our endpoint over the store the dumps were written from."""
    if dumps["turtle"].parent != ROOT / "build":
        yield url
        return
    server = start(EndpointConfig(store=ROOT / "build" / "store", port=0, max_concurrency=1))
    yield server.public_url()
    server.shutdown()
    server.server_close()


def _rows(body: bytes) -> list[dict[str, tuple[str, str]]]:
    bindings = json.loads(body)["results"]["bindings"]
    return [{k: (v["type"], v["value"]) for k, v in b.items()} for b in bindings]


def test_tasks_with_deadlines_same_rows_on_oxigraph_server(oxigraph_server: str, url: str) -> None:
    from wsiskg.graph.named_queries import load_named_queries

    text = load_named_queries()["tasks-with-deadlines"].text
    theirs = request(
        oxigraph_server,
        "POST",
        "/query",
        text.encode(),
        {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
    )
    ours = request(
        url, "POST", "/sparql", text.encode(), {"Content-Type": "application/sparql-query"}
    )
    assert theirs.status == ours.status == 200, theirs.text
    assert _rows(ours.body) == _rows(theirs.body)
    assert len(_rows(ours.body)) >= 2
