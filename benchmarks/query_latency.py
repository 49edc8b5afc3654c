"""Per-query latency of the named queries on a built store (a benchmark, not a test).

    python benchmarks/query_latency.py STORE [--runs 10] [--timeout 60] [--query NAME ...]
                                       [--label full] [--queries-dir queries/]

Each named query runs in its own child process (a query that never ends cannot stall the rest:
the child is killed after ``--timeout`` seconds and the query is reported as timed out). The
child opens the store read-only, runs the query once to warm the caches, then ``--runs`` times,
with the default graph as the union of the named graphs, as ``named_queries.run`` does.

Parameters are bound as ``named_queries.run`` binds them (a ``VALUES`` block first in the
outermost WHERE group, which pyoxigraph's planner sees). This times the engine alone; for what
a client of the endpoint waits, HTTP and result serialisation included, see
benchmarks/endpoint_queries.py.
Reported per query: rows, p50, p95, max in milliseconds. The JSON goes to
benchmarks/results/query_latency-<label>.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import percentile  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"

# The parameter set each query is measured with (the ones the tests use on the bundled corpus).
PARAMS: dict[str, dict[str, str]] = {
    "action-lines-by-document": {},
    "documents-citing-paragraph": {"document": "WSIS-05/TUNIS/DOC/6(Rev.1)", "paragraph": "72"},
    "mandates-and-expiry": {"body": "IGF"},
    "mandates-expiring-before": {"date": "2026-01-01"},
    "references-to-document": {"document": "A/RES/70/1"},
    "tasks-for-body": {"body": "SG"},
    "tasks-with-deadlines": {},
    "upcoming-deadlines": {"as_of": "2016-01-01"},
    "what-changed-for-body": {"body": "GA", "from": "A/70/L.33", "to": "A/RES/70/125"},
}


def child(store_path: str, name: str, params_json: str, runs: int, folder: str | None) -> None:
    """Runs in the child process: time one query ``runs`` times, print one JSON line."""
    import pyoxigraph as ox

    from wsiskg.graph.named_queries import load_named_queries, run

    queries = load_named_queries(Path(folder) if folder else None)
    q = queries[name]
    subs = q.bind(json.loads(params_json))
    text = q.text
    store = ox.Store.read_only(store_path)
    rows = len(run(store, text, subs).rows)  # warm-up
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        run(store, text, subs)
        times.append((time.perf_counter() - t0) * 1000)
    print(json.dumps({"rows": rows, "ms": times}))


def measure(
    store: Path,
    name: str,
    params: dict[str, str],
    runs: int,
    timeout: float,
    folder: str | None,
) -> dict[str, Any]:
    """Run one query in a child process; a timeout or crash becomes an entry, not an error."""
    argv = [
        sys.executable,
        __file__,
        "--child",
        str(store),
        name,
        json.dumps(params),
        str(runs),
        folder or "",
    ]
    entry: dict[str, Any] = {"query": name, "params": params}
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        entry.update(status="timeout", timeout_s=timeout)
        return entry
    if proc.returncode != 0:
        entry.update(status="error", error=proc.stderr.strip().splitlines()[-1:])
        return entry
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    ms = data["ms"]
    entry.update(
        status="ok",
        rows=data["rows"],
        runs=len(ms),
        p50_ms=round(statistics.median(ms), 1),
        p95_ms=round(percentile(ms, 95), 1),
        max_ms=round(max(ms), 1),
    )
    return entry


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _, _, store_path, name, params_json, runs, folder = sys.argv
        child(store_path, name, params_json, int(runs), folder or None)
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per query (all runs)")
    parser.add_argument("--query", action="append", help="only this query (repeatable)")
    parser.add_argument("--label", default="store")
    parser.add_argument("--queries-dir", help="another folder of .rq files (e.g. old versions)")
    args = parser.parse_args()

    names = args.query or sorted(PARAMS)
    results = []
    for name in names:
        entry = measure(
            args.store.resolve(),
            name,
            PARAMS.get(name, {}),
            args.runs,
            args.timeout,
            args.queries_dir,
        )
        results.append(entry)
        shown = (
            f"rows={entry['rows']:>6} p50={entry['p50_ms']:>9.1f} ms p95={entry['p95_ms']:>9.1f} ms"
            if entry["status"] == "ok"
            else entry["status"]
        )
        print(f"{name:28} {shown}", flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"query_latency-{args.label}.json"
    report = {"store": str(args.store), "runs": args.runs, "queries": results}
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
