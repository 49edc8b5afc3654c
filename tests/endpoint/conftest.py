"""A running endpoint over a small store built from tests/data/endpoint/graph.trig."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from wsiskg.graph.endpoint import EndpointConfig, EndpointServer, make_server

DATA = Path(__file__).resolve().parent.parent / "data" / "endpoint"
FIXTURE_TRIG = DATA / "graph.trig"
TIMEOUT = 2.0
MAX_ROWS = 50


def build_store(path: Path, trig: Path = FIXTURE_TRIG) -> Path:
    """Write a pyoxigraph store (named graphs as in `wsiskg build`) from a TriG file."""
    store = ox.Store(str(path))
    store.load(path=str(trig), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    return path


def start(config: EndpointConfig) -> EndpointServer:
    server = make_server(config)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("endpoint") / "store")


@pytest.fixture(scope="session")
def server(store_path: Path) -> Iterator[EndpointServer]:
    srv = start(
        EndpointConfig(
            store=store_path,
            port=0,
            timeout=TIMEOUT,
            max_rows=MAX_ROWS,
            max_concurrency=2,
            queue_wait=0.2,
            max_query_bytes=8192,
        )
    )
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture(scope="session")
def url(server: EndpointServer) -> str:
    return server.public_url()
