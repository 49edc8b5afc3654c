"""Issue 8: incremental rebuilds of a big corpus — one file changed, added, deleted, nothing.

    python benchmarks/incremental.py [CORPUS] [--work DIR] [--workers 2]

Copies CORPUS (default: the 2,587 UN resolutions) to ``DIR/corpus`` and builds it into
``DIR/out`` once (skipped when ``DIR/out/build.json`` already holds a build of that copy: keep
``--work`` to rerun quickly). Then, each timed as its own ``wsiskg build`` process (RSS of the
tree sampled): rebuild with nothing changed; append a paragraph to one file; add a new file (a
real file held out of the copy); delete it again. Each step checks that build.json reports
exactly the expected extracted/removed files. Prints a Markdown table of wall seconds and the
build's own stage times; writes benchmarks/results/incremental-<corpus>.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _measure import markdown_table, run_measured  # noqa: E402

DEFAULT_CORPUS = Path("/work/shared/corpus/un-resolutions")
STAGES = ("extract", "registry", "history", "validate", "dumps", "store-commit", "total")


def build(corpus: Path, out: Path, workers: int) -> dict[str, Any]:
    argv = [sys.executable, "-m", "wsiskg", "build", str(corpus), "-o", str(out)]
    res = run_measured([*argv, "--workers", str(workers)])
    if res.returncode not in (0, 3):
        raise SystemExit(f"error: build failed ({res.returncode}): {res.stderr[-500:]}")
    report = json.loads((out / "build.json").read_text("utf-8"))
    return {"seconds": res.seconds, "peak_rss_mib": res.peak_rss_mib, "report": report}


def step(name: str, corpus: Path, out: Path, workers: int, expect: dict[str, list[str]]) -> dict:
    done = build(corpus, out, workers)
    files = done["report"]["files"]
    for kind, stems in expect.items():
        if files[kind] != stems:
            raise SystemExit(f"error: {name}: {kind} = {files[kind]}, expected {stems}")
    timings = done["report"]["timings_s"]
    return {
        "step": name,
        "seconds": round(done["seconds"], 1),
        "peak_rss_mib": round(done["peak_rss_mib"]),
        "extracted": len(files["extracted"]),
        "reused": len(files["reused"]),
        "removed": len(files["removed"]),
        "triples": done["report"]["triples"],
        "conforms": done["report"]["validation"].get("conforms"),
        "stages": {k: timings.get(k) for k in STAGES},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path, nargs="?", default=DEFAULT_CORPUS)
    parser.add_argument("--work", type=Path, default=None, help="keep the copy and build here")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        raise SystemExit(f"error: {args.corpus}: no such folder")
    work = args.work or Path(tempfile.mkdtemp(prefix="wsiskg-incremental-"))
    corpus, out = work / "corpus", work / "out"
    originals = sorted(args.corpus.glob("*.txt"))
    held_out = originals[-1]  # added and deleted again by the steps
    if not corpus.is_dir():
        shutil.copytree(args.corpus, corpus, ignore=lambda _d, names: [held_out.name])
    rows = []
    if not (out / "build.json").is_file():
        first = build(corpus, out, args.workers)
        rows.append({"step": "clean build", "seconds": round(first["seconds"], 1)})

    files = sorted(corpus.glob("*.txt"))
    changed = files[len(files) // 2]
    added = corpus / held_out.name
    added.unlink(missing_ok=True)
    results = [step("nothing changed", corpus, out, args.workers, {"extracted": []})]
    text = changed.read_text("utf-8")
    try:
        changed.write_text(text + "\n99. Requests the Secretary-General to report.\n", "utf-8")
        results.append(
            step("one file changed", corpus, out, args.workers, {"extracted": [changed.stem]})
        )
        shutil.copyfile(held_out, added)
        results.append(
            step("one file added", corpus, out, args.workers, {"extracted": [added.stem]})
        )
        added.unlink()
        results.append(
            step("one file deleted", corpus, out, args.workers, {"removed": [added.stem]})
        )
    finally:
        changed.write_text(text, "utf-8")
        added.unlink(missing_ok=True)
    results.append(
        step("changed file restored", corpus, out, args.workers, {"extracted": [changed.stem]})
    )

    header = ["step", "wall s", "extracted", "reused", "removed", "triples", "conforms"]
    header += [f"{s} s" for s in STAGES]
    print(
        markdown_table(
            header,
            [
                [
                    r["step"],
                    r["seconds"],
                    r["extracted"],
                    r["reused"],
                    r["removed"],
                    r["triples"],
                    r["conforms"],
                    *(r["stages"][s] for s in STAGES),
                ]
                for r in results
            ],
        )
    )
    results_dir = HERE / "results"
    results_dir.mkdir(exist_ok=True)
    target = results_dir / f"incremental-{args.corpus.name}.json"
    target.write_text(json.dumps({"work": str(work), "steps": rows + results}, indent=2) + "\n")
    print(f"\nwrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
