"""Issue 4: words/s and peak memory of extraction, one process and ``--workers 2``.

The bundled corpus (five WSIS documents) is replicated into a temporary folder until it holds
at least ``--min-mb`` MB (copies get their own names and manifest rows, so metadata is found as
for the originals), then ``wsiskg.extract.pipeline.extract_paths`` runs over it once per worker
count, each in a fresh interpreter so peak memory is that run's alone.

    python benchmarks/extract_speed.py               # 5 MB, workers 1 and 2
    python benchmarks/extract_speed.py --workers 2 --min-mb 10

Writes ``benchmarks/results/extract_speed.json`` and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _measure import markdown_table, run_measured  # noqa: E402

MANIFEST = "MANIFEST.csv"


def replicate(corpus: Path, dest: Path, min_bytes: int) -> tuple[int, int, int]:
    """Copy the corpus's .txt files into ``dest`` until ``min_bytes``; (files, bytes, words)."""
    originals = sorted(corpus.glob("*.txt"))
    if not originals:
        raise SystemExit(f"no .txt file in {corpus}")
    rows: dict[str, dict[str, str]] = {}
    fields: list[str] = ["file"]
    if (corpus / MANIFEST).is_file():
        with (corpus / MANIFEST).open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            fields = list(reader.fieldnames or ["file"])
            rows = {r["file"]: r for r in reader}
    out_rows: list[dict[str, str]] = []
    total = words = files = 0
    copy = 0
    while total < min_bytes:
        for src in originals:
            name = f"{src.stem}__{copy:03d}.txt"
            shutil.copyfile(src, dest / name)
            data = src.read_bytes()
            total += len(data)
            words += len(data.decode("utf-8", "replace").split())
            files += 1
            if src.name in rows:
                out_rows.append({**rows[src.name], "file": name})
        copy += 1
    if out_rows:
        with (dest / MANIFEST).open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=fields)
            writer.writeheader()
            writer.writerows(out_rows)
    return files, total, words


def child(folder: Path, workers: int) -> None:
    """Runs in the measured interpreter: extract every file, print counts as JSON."""
    from wsiskg.extract.pipeline import extract_paths

    paths = sorted(str(p) for p in folder.glob("*.txt"))
    start = time.perf_counter()
    n = entities = references = tasks = 0
    for ex in extract_paths(paths, workers=workers):
        n += 1
        entities += len(ex.entities)
        references += len(ex.references)
        tasks += len(ex.tasks)
    seconds = time.perf_counter() - start
    print(
        json.dumps(
            {
                "files": n,
                "seconds": seconds,
                "entities": entities,
                "references": references,
                "tasks": tasks,
            }
        )
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=None, help="default: the bundled corpus")
    parser.add_argument("--min-mb", type=float, default=5.0)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--out", type=Path, default=HERE / "results" / "extract_speed.json")
    parser.add_argument("--child", nargs=2, metavar=("FOLDER", "WORKERS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(Path(args.child[0]), int(args.child[1]))
        return 0

    if args.corpus is None:
        from wsiskg.paths import corpus_dir

        args.corpus = corpus_dir()
    runs = []
    with tempfile.TemporaryDirectory(prefix="wsiskg-speed-") as tmp:
        folder = Path(tmp)
        files, size, words = replicate(args.corpus, folder, int(args.min_mb * 1_000_000))
        for workers in args.workers:
            res = run_measured([sys.executable, __file__, "--child", str(folder), str(workers)])
            if res.returncode != 0:
                print(res.stderr, file=sys.stderr)
                raise SystemExit(f"extraction with --workers {workers} failed")
            counts = json.loads(res.stdout.strip().splitlines()[-1])
            secs = counts["seconds"]
            runs.append(
                {
                    "workers": workers,
                    "extract_seconds": round(secs, 2),
                    "process_seconds": res.seconds,  # includes interpreter + spaCy start-up
                    "words_per_s": round(words / secs),
                    "mb_per_s": round(size / 1e6 / secs, 2),
                    "files_per_s": round(files / secs, 1),
                    "peak_rss_mib": res.peak_rss_mib,
                    "processes": res.peak_processes,
                    **{k: counts[k] for k in ("entities", "references", "tasks")},
                }
            )
    result = {
        "benchmark": "extract_speed",
        "corpus": str(args.corpus),
        "files": files,
        "bytes": size,
        "words": words,
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {len(__import__('os').sched_getaffinity(0))} cores",
        "runs": runs,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    header = ["workers", "seconds", "words/s", "MB/s", "files/s", "peak RSS MiB", "tasks"]
    print(f"{files} files, {size / 1e6:.1f} MB, {words} words")
    print(
        markdown_table(
            header,
            [
                [
                    r["workers"],
                    r["extract_seconds"],
                    r["words_per_s"],
                    r["mb_per_s"],
                    r["files_per_s"],
                    r["peak_rss_mib"],
                    r["tasks"],
                ]
                for r in runs
            ],
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
