"""Export at scale (issue 6): a replicated corpus with ≥ 5,000 nodes in one view; export time
per format and the HTML page's load and filter time in headless Chromium.

    python benchmarks/export_scale.py                      # seed: build/store if built, else
                                                           # tests/data/export/fixture.trig
    python benchmarks/export_scale.py --store build/store --view citations --paragraphs \
        --nodes 5000 --formats graphml,gexf,cyjs,html,svg

The seed graph is copied N times with every IRI of a thing (documents, paragraphs, tasks,
references, mentions, mandates, files) renamed per copy; actors, action lines and relations
stay shared, as they would in a larger real corpus. Results go to stdout and
benchmarks/results/export_scale.json.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from wsiskg.graph.export import ExportFilters, build_view, export
from wsiskg.graph.export.source import default_base_iri

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "data" / "export" / "fixture.trig"
SHARED_KINDS = {"actor", "action-line", "relation"}


def seed_quads(store_path: Path | None) -> list[ox.Quad]:
    if store_path is not None and store_path.is_dir():
        return list(ox.Store.read_only(str(store_path)))
    seed = ox.Store()
    seed.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    return list(seed)


def _rename(term, copy: int, base: str):
    if isinstance(term, ox.NamedNode):
        value = term.value
        for prefix in (f"{base}id/", f"{base}graph/"):
            if value.startswith(prefix):
                kind, sep, rest = value[len(prefix) :].partition("/")
                if sep and kind not in SHARED_KINDS and rest != "registry":
                    return ox.NamedNode(f"{prefix}{kind}/r{copy}/{rest}")
    return term


def replicate(quads: list[ox.Quad], copies: int, base: str) -> ox.Store:
    """A store holding ``copies`` renamed copies of ``quads`` (identifiers suffixed per copy)."""
    store = ox.Store()
    identifier = "http://purl.org/dc/terms/identifier"
    batch: list[ox.Quad] = []
    for copy in range(copies):
        for q in quads:
            obj = q.object
            if copy and q.predicate.value == identifier and isinstance(obj, ox.Literal):
                obj = ox.Literal(f"{obj.value} [{copy}]")
            batch.append(
                ox.Quad(
                    _rename(q.subject, copy, base),
                    q.predicate,
                    _rename(obj, copy, base),
                    _rename(q.graph_name, copy, base),
                )
            )
    store.extend(batch)
    return store


def page_timing(html: Path) -> dict[str, float | int]:
    sys.path.insert(0, str(ROOT / "tests"))
    from browser import Browser, chromium_path  # tests/browser.py

    if chromium_path() is None:
        return {"skipped": "Chromium not installed"}  # type: ignore[dict-item]
    with Browser(width=1400, height=900, timeout=300) as browser:
        started = time.perf_counter()
        page = browser.open(html.resolve().as_uri())
        page.wait_for("window.wsiskg && window.wsiskg.ready === true", timeout=300)
        loaded = time.perf_counter() - started
        shown = page.evaluate("wsiskg.visibleNodeCount()")
        relation = page.evaluate("document.getElementById('f-relation').options[1].value")
        started = time.perf_counter()
        filtered = page.evaluate(f"wsiskg.setFilters({{relation: {json.dumps(relation)}}})")
        filter_s = time.perf_counter() - started
        errors = page.errors()
    return {
        "page_load_s": round(loaded, 3),
        "nodes_rendered": shown,
        "filter_s": round(filter_s, 3),
        "nodes_after_filter": filtered,
        "console_errors": len(errors),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, default=ROOT / "build" / "store")
    parser.add_argument("--view", default="citations")
    parser.add_argument("--paragraphs", action="store_true", default=True)
    parser.add_argument("--nodes", type=int, default=5000, help="minimum nodes in the view")
    parser.add_argument("--formats", default="graphml,gexf,cyjs,dot,html")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args(argv)
    base = default_base_iri()
    filters = ExportFilters(paragraphs=args.paragraphs)

    quads = seed_quads(args.store)
    per_copy = build_view(replicate(quads, 1, base), args.view, filters).number_of_nodes()
    if per_copy == 0:
        print(f"the seed graph has no {args.view} view", file=sys.stderr)
        return 2
    copies = math.ceil(args.nodes / per_copy) + 1
    started = time.perf_counter()
    store = replicate(quads, copies, base)
    replicate_s = time.perf_counter() - started
    args.out.mkdir(parents=True, exist_ok=True)
    report: dict[str, object] = {
        "view": args.view,
        "seed_quads": len(quads),
        "copies": copies,
        "quads": len(store),
        "replicate_s": round(replicate_s, 2),
        "exports": {},
    }
    for fmt in args.formats.split(","):
        path = args.out / f"export_scale.{args.view}.{fmt}"
        result = export(store, args.view, fmt, path, filters)
        entry: dict[str, object] = {
            "nodes": result.nodes,
            "edges": result.edges,
            "export_s": round(result.seconds, 3),
            "bytes": path.stat().st_size,
        }
        if fmt == "html":
            entry.update(page_timing(path))
        report["exports"][fmt] = entry  # type: ignore[index]
        print(json.dumps({"format": fmt, **entry}), flush=True)
    (args.out / "export_scale.json").write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps({k: v for k, v in report.items() if k != "exports"}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
