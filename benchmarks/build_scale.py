"""Benchmark (not a test): replicate the bundled corpus to >= 1,000 documents and build it.

    python benchmarks/build_scale.py --documents 1000 --workers 2

Reports documents/s, triples, peak memory (this process and its workers) and time per stage.
Copies get distinct file names, so every one is its own named graph; MANIFEST.csv is not
copied, so metadata is inferred from the text, as for an unlisted file.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from wsiskg import paths
from wsiskg.graph.build import BuildConfig, build_graph


def replicate(target: Path, documents: int) -> list[Path]:
    sources = sorted(paths.corpus_dir().glob("*.txt"))
    copies: list[Path] = []
    n = 0
    while len(copies) < documents:
        for src in sources:
            if len(copies) >= documents:
                break
            dst = target / f"{src.stem}_copy{n:05d}.txt"
            shutil.copyfile(src, dst)
            copies.append(dst)
        n += 1
    return copies


def peak_rss_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--documents", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="wsiskg-bench-"))
    try:
        inputs = tmp / "in"
        inputs.mkdir()
        files = replicate(inputs, args.documents)
        words = sum(len(f.read_text(encoding="utf-8", errors="replace").split()) for f in files)
        t0 = time.perf_counter()
        result = build_graph([inputs], BuildConfig(out=tmp / "out", workers=args.workers))
        elapsed = time.perf_counter() - t0
        own, children = peak_rss_mb()
        report = {
            "documents": len(files),
            "words": words,
            "workers": args.workers,
            "seconds": round(elapsed, 1),
            "documents_per_s": round(len(files) / elapsed, 2),
            "words_per_s": round(words / elapsed),
            "triples": result.triples,
            "quads": result.quads,
            "peak_rss_mb": {"main": round(own), "largest_worker": round(children)},
            "conforms": result.conforms,
            "stages_s": {k: round(v, 2) for k, v in result.timings.items()},
        }
        json.dump(report, sys.stdout, indent=2)
        sys.stdout.write("\n")
    finally:
        if args.keep:
            print(f"kept {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
