"""Per-query latency of every named query through the SPARQL endpoint (a benchmark, not a test).

    python benchmarks/endpoint_queries.py STORE [--runs 20] [--label full] [--format json]

Starts `wsiskg serve STORE` in its own process (benchmarks/endpoint_load.py ``serving``), then
for each named query asks ``GET /queries/NAME?<params>&format=json`` once to warm up and
``--runs`` times more, one request at a time, and reports HTTP status, rows, p50/p95/max in
milliseconds: what a client of the endpoint waits for, result serialisation and HTTP included.
Parameters are the ones of benchmarks/query_latency.py ``PARAMS``. The JSON goes to
benchmarks/results/endpoint_queries-<label>.json; the Markdown table to stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.parse
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _measure import markdown_table, percentile  # noqa: E402
from endpoint_load import get, serving  # noqa: E402
from query_latency import PARAMS  # noqa: E402

RESULTS = HERE / "results"


def measure(base: str, name: str, params: dict[str, str], runs: int, fmt: str) -> dict[str, Any]:
    url = f"{base}/queries/{name}?" + urllib.parse.urlencode({**params, "format": fmt})
    status, body = get(url)  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        status, body = get(url)
        times.append((time.perf_counter() - started) * 1000)
    rows: int | str = "?"
    if status == 200 and fmt == "json":
        rows = len(json.loads(body)["results"]["bindings"])
    return {
        "query": name,
        "params": params,
        "status": status,
        "rows": rows,
        "runs": runs,
        "p50_ms": round(percentile(times, 50), 1),
        "p95_ms": round(percentile(times, 95), 1),
        "max_ms": round(max(times), 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--label", default="")
    parser.add_argument("--format", default="json", choices=("json", "csv"))
    args = parser.parse_args()
    if not args.store.is_dir():
        raise SystemExit(f"error: {args.store}: no store here (run `wsiskg build` first)")

    with serving(args.store, max_concurrency=1) as base:
        listing = json.loads(get(base + "/queries")[1])
        results = [
            measure(base, q["name"], PARAMS.get(q["name"], {}), args.runs, args.format)
            for q in sorted(listing, key=lambda q: q["name"])
        ]
    print(
        markdown_table(
            ["query", "params", "status", "rows", "p50 ms", "p95 ms", "max ms"],
            [
                [
                    r["query"],
                    " ".join(f"{k}={v}" for k, v in r["params"].items()),
                    r["status"],
                    r["rows"],
                    r["p50_ms"],
                    r["p95_ms"],
                    r["max_ms"],
                ]
                for r in results
            ],
        )
    )
    RESULTS.mkdir(exist_ok=True)
    label = f"-{args.label}" if args.label else ""
    out = RESULTS / f"endpoint_queries{label}.json"
    out.write_text(json.dumps({"store": str(args.store), "results": results}, indent=2) + "\n")
    slow = [r["query"] for r in results if r["p95_ms"] >= 1000 or r["status"] != 200]
    print(
        f"\n{len(results) - len(slow)}/{len(results)} under 1 s p95"
        + (f"; slow: {slow}" if slow else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
