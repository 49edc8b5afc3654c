"""Bounded load on the SPARQL endpoint (not a test): named queries from N concurrent clients.

    python benchmarks/endpoint_load.py [build/store] [--clients 8] [--seconds 30]

Starts `wsiskg serve` in its own process on 127.0.0.1 (so client threads do not share its GIL),
runs every named query that needs no parameter in a loop from each client, and reports
throughput, p50/p95/p99 latency and errors; then runs the same queries once each through
rdflib's own SPARQL engine over the same data and reports rdflib time / endpoint time.
Without a store argument it uses build/store, else the small test fixture.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import rdflib

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import percentile  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "data" / "endpoint" / "graph.trig"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("store", nargs="?", type=Path)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--max-concurrency", type=int, default=2)
    args = parser.parse_args()

    store = args.store or ROOT / "build" / "store"
    tmp = None
    if not store.is_dir():
        tmp = tempfile.TemporaryDirectory()
        store = Path(tmp.name) / "store"
        fixture = ox.Store(str(store))
        fixture.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
        fixture.flush()
        del fixture
        print(f"no build/store: using the test fixture {FIXTURE.name}")

    with serving(store, args.max_concurrency) as base:
        listing = json.loads(get(base + "/queries")[1])
        names = [
            q["name"] for q in listing if not any(p.get("required") for p in q.get("params") or [])
        ]
        texts = {q["name"]: q["query"] for q in listing if q["name"] in names}
        print(f"queries: {', '.join(names)}")

        single: dict[str, float] = {}
        for name in names:  # warm-up and one-client latency per query
            get(f"{base}/queries/{name}")
            started = time.perf_counter()
            for _ in range(5):
                get(f"{base}/queries/{name}")
            single[name] = (time.perf_counter() - started) / 5

        latencies: list[float] = []
        errors: dict[int, int] = {}
        lock = threading.Lock()
        stop = time.perf_counter() + args.seconds

        def client(offset: int) -> None:
            i = offset
            while time.perf_counter() < stop:
                name = names[i % len(names)]
                i += 1
                started = time.perf_counter()
                status, _ = get(f"{base}/queries/{name}")
                elapsed = time.perf_counter() - started
                with lock:
                    if status == 200:
                        latencies.append(elapsed)
                    else:
                        errors[status] = errors.get(status, 0) + 1

        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
        began = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - began

    print(f"\n{args.clients} clients, {wall:.1f} s, {args.max_concurrency} workers")
    print(f"  requests ok: {len(latencies)}  errors: {errors or 'none'}")
    if latencies:
        print(f"  throughput: {len(latencies) / wall:.1f} req/s")
        print(
            f"  latency ms: p50 {percentile(latencies, 50) * 1000:.1f}  "
            f"p95 {percentile(latencies, 95) * 1000:.1f}  "
            f"p99 {percentile(latencies, 99) * 1000:.1f}  "
            f"mean {statistics.mean(latencies) * 1000:.1f}"
        )

    print("\nrdflib's SPARQL engine on the same data (one run per query, after loading):")
    dataset = rdflib.Dataset(default_union=True)
    reader = ox.Store.read_only(str(store))
    started = time.perf_counter()
    dataset.parse(data=ox.serialize(reader, format=ox.RdfFormat.N_QUADS), format="nquads")
    print(f"  load: {time.perf_counter() - started:.1f} s ({len(dataset)} quads)")
    for name in names:
        started = time.perf_counter()
        rows = len(list(dataset.query(texts[name])))
        took = time.perf_counter() - started
        print(
            f"  {name:32} rdflib {took * 1000:9.1f} ms  endpoint {single[name] * 1000:7.1f} ms"
            f"  ratio {took / single[name]:6.1f}x  ({rows} rows)"
        )
    if tmp:
        tmp.cleanup()
    return 0


@contextmanager
def serving(store: Path, max_concurrency: int = 2, timeout: float = 60.0) -> Iterator[str]:
    """`wsiskg serve STORE` on a free local port in its own process; yields its base URL."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "wsiskg",
            "serve",
            str(store),
            "--port",
            str(port),
            "--max-concurrency",
            str(max_concurrency),
            "--max-rows",
            "1000000",
            "--timeout",
            str(timeout),
        ],
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.time() + 60
        while get_health(base) is False:
            if time.time() > deadline:
                raise SystemExit("server did not start")
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(10)


def get_health(base: str) -> bool:
    try:
        return get(base + "/health")[0] == 200
    except OSError:
        return False


if __name__ == "__main__":
    sys.exit(main())
