"""Issue 8: the full build over the UN resolutions corpus, ``--workers 1`` and ``--workers 2``.

Each run is ``python -m wsiskg build PATH -o OUT --workers N`` (or ``--dask ADDRESS``) in a
fresh process tree; the harness samples the RSS of the whole tree (workers included) and reads
``OUT/build.json`` for triples, problems and the time per stage. It then times every named
query on the built store (p50/p95 over ``--repeat`` runs, parameters from ``QUERY_PARAMS``).

    python benchmarks/full_corpus.py                        # the 2,587 files, workers 1 and 2
    python benchmarks/full_corpus.py corpus/un-sample --workers 2
    python benchmarks/full_corpus.py --dask local --workers 2

The full corpus is heavy (minutes, all cores): run it on purpose, not in a loop. Writes
``benchmarks/results/full_corpus-<name>.json`` and prints Markdown tables.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _measure import markdown_table, run_measured  # noqa: E402

DEFAULT_CORPUS = Path("/work/shared/corpus/un-resolutions")
# Values for required query parameters: common enough to return rows on UN resolutions.
QUERY_PARAMS: dict[str, str] = {
    "body": "SG",
    "document": "A/RES/70/1",
    "paragraph": "1",
    "date": "2026-01-01",
    "as_of": "2026-01-01",
    "from": "A/RES/70/1",
    "to": "A/RES/70/125",
}


def corpus_size(folder: Path) -> tuple[int, int, int]:
    """(files, bytes, words) of the .txt files in ``folder``."""
    files = size = words = 0
    for path in folder.glob("*.txt"):
        data = path.read_bytes()
        files += 1
        size += len(data)
        words += len(data.decode("utf-8", "replace").split())
    return files, size, words


def time_queries(store_dir: Path, repeat: int, timeout: float) -> list[dict[str, Any]]:
    """Latency of every named query on the built store; each query in its own child process,
    killed after ``timeout`` seconds (a runaway join must not hang the benchmark)."""
    import subprocess

    from wsiskg.graph.named_queries import load_named_queries

    rows = []
    for name in sorted(load_named_queries()):
        argv = [sys.executable, __file__, "--child-query", str(store_dir), name, str(repeat)]
        try:
            done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            rows.append({"query": name, "error": f"timeout: > {timeout:.0f} s"})
            continue
        if done.returncode != 0:
            rows.append({"query": name, "error": done.stderr.strip().splitlines()[-1:]})
            continue
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return rows


def child_query(store_dir: Path, name: str, repeat: int) -> int:
    """Runs in a child interpreter: time one named query ``repeat`` times, print JSON."""
    import pyoxigraph as ox

    from wsiskg.graph.named_queries import load_named_queries, run

    store = ox.Store.read_only(str(store_dir))
    nq = load_named_queries()[name]
    params = {p.name: QUERY_PARAMS[p.name] for p in nq.params if p.name in QUERY_PARAMS}
    subs = nq.bind(params)
    times = []
    n_rows = 0
    for _ in range(repeat):
        start = time.perf_counter()
        n_rows = len(run(store, nq.text, subs).rows)
        times.append(time.perf_counter() - start)
    times.sort()
    row = {
        "query": name,
        "params": params,
        "rows": n_rows,
        "p50_ms": round(1000 * statistics.median(times), 1),
        "p95_ms": round(1000 * times[min(len(times) - 1, int(0.95 * len(times)))], 1),
        "max_ms": round(1000 * times[-1], 1),
    }
    print(json.dumps(row))
    return 0


def run_build(
    corpus: Path, out: Path, workers: int, dask: str | None, extra: list[str]
) -> dict[str, Any]:
    argv = [sys.executable, "-m", "wsiskg", "build", str(corpus), "-o", str(out)]
    argv += ["--workers", str(workers), *(["--dask", dask] if dask else []), *extra]
    res = run_measured(argv)
    build_json = out / "build.json"
    report = json.loads(build_json.read_text("utf-8")) if build_json.is_file() else {}
    return {
        "argv": argv[1:],
        "returncode": res.returncode,
        "seconds": res.seconds,
        "peak_rss_mib": res.peak_rss_mib,
        "peak_processes": res.peak_processes,
        "stderr_tail": res.stderr[-2000:],
        "build_json": report,
    }


def _stage_seconds(report: dict[str, Any]) -> dict[str, float]:
    for key in ("timings_s", "timings", "stages"):
        value = report.get(key)
        if isinstance(value, dict):
            return {k: float(v) for k, v in value.items() if isinstance(v, int | float)}
    return {}


def _triples(report: dict[str, Any]) -> int | None:
    for key in ("triples", "triple_count"):
        if isinstance(report.get(key), int):
            return int(report[key])
    counts = report.get("counts")
    if isinstance(counts, dict) and isinstance(counts.get("triples"), int):
        return int(counts["triples"])
    return None


def _failed(report: dict[str, Any]) -> int | None:
    """Files that could not be built at all (structure problems of built files not counted)."""
    problems = report.get("problems")
    if not isinstance(problems, list):
        return None
    return len({p.get("file") for p in problems if p.get("stage") == "extract"})


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    if argv[:1] == ["--child-query"]:
        return child_query(Path(argv[1]), argv[2], int(argv[3]))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, nargs="?", default=DEFAULT_CORPUS)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--dask", default=None, help="'local' or tcp://scheduler:8786")
    parser.add_argument("--out", type=Path, default=None, help="keep builds here (default: tmp)")
    parser.add_argument("--repeat", type=int, default=20, help="runs per named query")
    parser.add_argument("--no-queries", action="store_true")
    parser.add_argument("--query-timeout", type=float, default=60.0, help="seconds per query")
    parser.add_argument("--results", type=Path, default=HERE / "results")
    parser.add_argument(
        "--build-arg",
        dest="build_args",
        action="append",
        default=[],
        help="extra argument for wsiskg build (repeatable), e.g. --build-arg=--full",
    )
    args = parser.parse_args(argv)

    files, size, words = corpus_size(args.corpus)
    if not files:
        raise SystemExit(f"no .txt file in {args.corpus}")
    tmp = None
    if args.out is None:
        tmp = tempfile.TemporaryDirectory(prefix="wsiskg-full-")
        base = Path(tmp.name)
    else:
        base = args.out
    runs: list[dict[str, Any]] = []
    queries: list[dict[str, Any]] = []
    try:
        for workers in args.workers:
            label = f"dask-{workers}" if args.dask else f"workers-{workers}"
            out = base / label
            run = run_build(args.corpus, out, workers, args.dask, args.build_args)
            run["label"] = label
            run["workers"] = workers
            run["docs_per_s"] = round(files / run["seconds"], 2)
            run["words_per_s"] = round(words / run["seconds"])
            run["triples"] = _triples(run["build_json"])
            run["failed_files"] = _failed(run["build_json"])
            run["stages"] = _stage_seconds(run["build_json"])
            runs.append(run)
            print(f"{label}: exit {run['returncode']} in {run['seconds']} s", file=sys.stderr)
            if run["returncode"] not in (0, 3):
                print(run["stderr_tail"], file=sys.stderr)
        last_ok = next((r for r in reversed(runs) if r["returncode"] in (0, 3)), None)
        if last_ok and not args.no_queries and (base / last_ok["label"] / "store").is_dir():
            queries = time_queries(
                base / last_ok["label"] / "store", args.repeat, args.query_timeout
            )
    finally:
        if tmp is not None:
            tmp.cleanup()

    result = {
        "benchmark": "full_corpus",
        "corpus": str(args.corpus),
        "files": files,
        "bytes": size,
        "words": words,
        "python": platform.python_version(),
        "cores": len(os.sched_getaffinity(0)),
        "runs": [{k: v for k, v in r.items() if k != "build_json"} for r in runs],
        "build_json": runs[-1]["build_json"] if runs else {},
        "queries": queries,
    }
    args.results.mkdir(parents=True, exist_ok=True)
    name = args.corpus.name + ("-dask" if args.dask else "")
    path = args.results / f"full_corpus-{name}.json"
    path.write_text(json.dumps(result, indent=2, default=str) + "\n", "utf-8")

    print(f"{files} files, {size / 1e6:.1f} MB, {words} words -> {path}")
    stages = sorted({s for r in runs for s in r["stages"]})
    header = ["run", "exit", "wall s", "docs/s", "words/s", "triples", "failed", "peak RSS MiB"]
    print(
        markdown_table(
            header + [f"{s} s" for s in stages],
            [
                [
                    r["label"],
                    r["returncode"],
                    r["seconds"],
                    r["docs_per_s"],
                    r["words_per_s"],
                    r["triples"],
                    r["failed_files"],
                    r["peak_rss_mib"],
                ]
                + [round(r["stages"].get(s, 0.0), 2) for s in stages]
                for r in runs
            ],
        )
    )
    if queries:
        print()
        print(
            markdown_table(
                ["query", "rows", "p50 ms", "p95 ms", "max ms"],
                [
                    [
                        q["query"],
                        q.get("rows", "-"),
                        q.get("p50_ms", "-"),
                        q.get("p95_ms", "-"),
                        q.get("max_ms", q.get("error", "-")),
                    ]
                    for q in queries
                ],
            )
        )
    return 0 if all(r["returncode"] in (0, 3) for r in runs) else 1


if __name__ == "__main__":
    raise SystemExit(main())
