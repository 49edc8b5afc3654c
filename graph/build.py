"""The build: input files → records → RDF → validation → store → dumps → build.json.

Incremental by default: each input file is one named graph keyed by the SHA-256 of its bytes
and of its MANIFEST.csv row (``file_key``); a rebuild re-extracts only new or changed files,
drops the graphs of deleted ones and copies the rest from the previous store (a RocksDB
checkpoint). A change of code version, base IRI, shapes, ontology or extraction rules (the build
fingerprint) forces a full build. Everything local to
one file (extraction, its RDF, its shapes, the records cache) runs in the worker process that
extracted it (``worker.py``); this process only loads the returned N-Quads into the store and
runs the graph-wide steps (registry, history, global rules, dumps). Outputs are written
beside the previous ones and swapped in atomically. Library code: progress goes to a callback,
never to the terminal.
"""

from __future__ import annotations

import dataclasses
import glob
import hashlib
import json
import logging
import os
import resource
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

import wsiskg
from wsiskg import paths
from wsiskg.errors import WsiskgError
from wsiskg.extract.manifest import MANIFEST_NAME, ManifestRow, read_manifest
from wsiskg.extract.records import FileExtraction
from wsiskg.graph.dumps import (
    DUMP_NAMES,
    DumpInfo,
    GraphSource,
    atomic_write,
    write_segment_dumps,
)
from wsiskg.graph.errors import GraphError
from wsiskg.graph.history.integrate import history_quads_from_digests
from wsiskg.graph.iris import Iris, default_base
from wsiskg.graph.records_cache import RecordsCache
from wsiskg.graph.registry import read_actors, registry_quads
from wsiskg.graph.segments import (
    Segments,
    digests_array,
    graph_segments,
    ntriples_segments,
    without_lines_in,
)
from wsiskg.graph.store import STORE_LINK, StoreBuilder
from wsiskg.graph.validate import (
    ValidationReport,
    Violation,
    _short,
    global_rules,
    validate_global,
    validate_graph_rules,
    validate_graphs,
    validate_quads,
)
from wsiskg.graph.worker import (
    STEPS,
    FileFailed,
    FileJob,
    Outcome,
    graph_step,
    iter_outcomes,
    rdf_context,
)

log = logging.getLogger(__name__)

BUILD_JSON = "build.json"
INPUT_SUFFIXES = (".txt",)
CHURN_FRACTION = 0.1
"""Compact the store (RocksDB compaction, ~20-30 s on the UN record) after a full build, or when
the quads removed and added by rebuilds since the last compaction exceed this share of the
store: a rebuild of a few files keeps the previous layout, and reads stay fast."""

Extractor = Callable[[Sequence[Path], int], Iterable[FileExtraction]]
Progress = Callable[[str, int, int], None]  # (stage, done, total)


class InputError(GraphError):
    """The paths given to ``build`` name no usable input."""


@dataclass
class BuildConfig:
    out: Path = Path("build")
    base_iri: str = field(default_factory=default_base)
    workers: int = 1
    incremental: bool = True
    extractor: Extractor | None = None  # default: extraction inside graph.worker processes
    progress: Progress | None = None


@dataclass
class BuildResult:
    out: Path
    store: Path
    dumps: dict[str, DumpInfo]
    counts: dict[str, int]
    validation: ValidationReport
    timings: dict[str, float]
    inputs: dict[str, dict[str, str]]
    problems: list[dict[str, str]]
    extracted: list[str]
    reused: list[str]
    removed: list[str]
    triples: int
    quads: int
    peak_rss_mb: float
    file_steps: dict[str, float] = field(default_factory=dict)  # summed over files and workers
    peak_rss_workers_mb: float = 0.0  # the largest worker process (they hold spaCy each)

    @property
    def conforms(self) -> bool:
        return self.validation.conforms

    def to_json(self) -> dict[str, Any]:
        return {
            "wsiskg": wsiskg.__version__,
            "counts": self.counts,
            "triples": self.triples,
            "quads": self.quads,
            "validation": self.validation.to_json(),
            "timings_s": {k: round(v, 3) for k, v in self.timings.items()},
            "peak_rss_mb": round(self.peak_rss_mb, 1),
            "peak_rss_workers_mb": round(self.peak_rss_workers_mb, 1),
            "file_steps_s": {k: round(v, 3) for k, v in self.file_steps.items()},
            "inputs": self.inputs,
            "problems": self.problems,
            "files": {"extracted": self.extracted, "reused": self.reused, "removed": self.removed},
            "dumps": {
                k: {
                    "file": d.path.name,
                    "statements": d.statements,
                    "bytes": d.bytes,
                    "sha256": d.sha256,
                }
                for k, d in sorted(self.dumps.items())
            },
        }


# ------------------------------------------------------------------------------ inputs
def expand_inputs(inputs: Sequence[str | os.PathLike[str]]) -> list[Path]:
    """A file, a folder (its *.txt) or a glob → sorted, de-duplicated input files."""
    if not inputs:
        raise InputError("no input paths given")
    found: dict[str, Path] = {}
    for raw in inputs:
        s = str(raw)
        p = Path(s)
        if p.is_dir():
            files = sorted(f for f in p.iterdir() if f.suffix.lower() in INPUT_SUFFIXES)
            if not files:
                raise InputError(f"{p}: folder holds no .txt files")
        elif p.is_file():
            files = [p]
        elif any(c in s for c in "*?["):
            files = sorted(Path(m) for m in glob.glob(s, recursive=True) if Path(m).is_file())
            if not files:
                raise InputError(f"{s}: pattern matches no files")
        else:
            raise InputError(f"{s}: no such file or folder")
        for f in files:
            found[str(f.resolve())] = f
    out = sorted(found.values(), key=lambda f: (f.stem, str(f)))
    stems: dict[str, Path] = {}
    for f in out:
        if f.stem in stems:
            raise InputError(f"two inputs share the name {f.stem!r}: {stems[f.stem]} and {f}")
        stems[f.stem] = f
    return out


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc}") from exc
    return h.hexdigest()


def _manifest_rows(folder: Path) -> dict[str, ManifestRow] | bytes:
    """The rows of ``folder``'s manifest, or its raw bytes when it cannot be read (then any
    edit of it re-extracts every file of the folder, which then reports the manifest error)."""
    try:
        return read_manifest(folder)
    except WsiskgError:
        try:
            return (folder / MANIFEST_NAME).read_bytes()
        except OSError:
            return b""


def file_key(file_sha: str, row: ManifestRow | bytes | None) -> str:
    """The incremental key of one input: its bytes' SHA-256 and its manifest row.

    Why: extraction reads the row (symbol, issuer, date, title ...), so editing it must
    re-extract the file as surely as editing the text does.
    """
    if row is None:
        tag = "null"
    elif isinstance(row, bytes):
        tag = "unreadable:" + hashlib.sha256(row).hexdigest()
    else:
        tag = json.dumps(dataclasses.asdict(row), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{file_sha}|{tag}".encode()).hexdigest()


def input_keys(files: Sequence[Path]) -> tuple[dict[str, str], dict[str, str]]:
    """``(bytes SHA-256 by stem, incremental key by stem)``; each folder's manifest read once."""
    manifests: dict[Path, dict[str, ManifestRow] | bytes] = {}
    shas: dict[str, str] = {}
    keys: dict[str, str] = {}
    for f in files:
        if f.parent not in manifests:
            manifests[f.parent] = _manifest_rows(f.parent)
        rows = manifests[f.parent]
        row = rows if isinstance(rows, bytes) else rows.get(f.name)
        shas[f.stem] = file_sha256(f)
        keys[f.stem] = file_key(shas[f.stem], row)
    return shas, keys


def fingerprint(base_iri: str) -> str:
    """Everything besides the inputs that changes the graph; a change forces a full build."""
    h = hashlib.sha256(f"{wsiskg.__version__}|{base_iri}".encode())
    roots = [paths.ontology_dir(), paths.shapes_dir(), paths.extract_data_dir()]
    for root in roots:
        if not root.is_dir():
            continue
        for f in sorted(root.rglob("*")):
            if f.is_file() and f.suffix in (".ttl", ".csv", ".jsonl", ".cfg", ".py"):
                h.update(str(f.relative_to(root)).encode())
                h.update(f.read_bytes())
    return h.hexdigest()


def read_previous(out: Path) -> dict[str, Any]:
    path = out / BUILD_JSON
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


# ------------------------------------------------------------------------------ extraction
def extract_robustly(
    files: Sequence[Path], extractor: Extractor, workers: int, problems: list[dict[str, str]]
) -> Iterator[FileExtraction]:
    """Extract every file; one file's error is a problem for build.json, the rest still build."""
    remaining = list(files)
    while remaining:
        done: set[str] = set()
        try:
            for fx in extractor(remaining, workers):
                done.add(fx.source.stem)
                yield fx
            return
        except WsiskgError as exc:
            remaining = [f for f in remaining if f.stem not in done]
            if len(remaining) == 1 or workers <= 1 and remaining:
                bad = _blame(remaining, str(exc))
                problems.append({"file": bad.name, "stage": "extract", "reason": str(exc)})
                log.warning("%s", exc)
                remaining = [f for f in remaining if f != bad]
            else:  # isolate the failing file: one at a time
                for f in remaining:
                    yield from extract_robustly([f], extractor, 1, problems)
                return


def _blame(files: Sequence[Path], message: str) -> Path:
    for f in files:
        if f.name in message or str(f) in message:
            return f
    return files[0]


def _file_outcomes(
    files: Sequence[Path],
    hashes: dict[str, str],
    iris: Iris,
    cache: RecordsCache,
    cfg: BuildConfig,
    problems: list[dict[str, str]],
) -> Iterator[Outcome]:
    """Each file built as far as its own graph goes, in input order.

    The default pipeline runs the whole per-file step in its worker processes
    (``worker.iter_outcomes``); records from a custom extractor (tests, the Dask path) get the
    same ``graph_step`` here.
    """
    if cfg.extractor is None:
        jobs = (FileJob(str(f), hashes[f.stem], iris.base, str(cache.folder.parent)) for f in files)
        yield from iter_outcomes(jobs, cfg.workers)
        return
    ctx = rdf_context(iris.base)
    records = extract_robustly(files, cfg.extractor, cfg.workers, problems)
    while True:
        t = time.perf_counter()
        fx = next(records, None)
        if fx is None:
            return
        sha = hashes.get(fx.source.stem, fx.source.sha256)
        yield graph_step(fx, sha, ctx, cache, time.perf_counter() - t)


def _wall_shares(wall: float, steps: dict[str, float]) -> dict[str, float]:
    """The per-file loop's wall time split over its steps in proportion to their summed time.

    Why: in worker processes the steps overlap, so their summed seconds exceed the wall time;
    build.json's stage timings stay wall seconds that add up to the total (the raw sums are
    reported as ``file_steps_s``). With one process the shares are the measured times.
    """
    total = sum(steps.values())
    if total <= 0:
        return {step: wall if step == "extract" else 0.0 for step in STEPS}
    return {step: wall * steps[step] / total for step in STEPS}


def _file_source(
    cache: RecordsCache, iris: Iris, stem: str, key: str, meta: dict[str, Any]
) -> GraphSource:
    """A built file's graph for the dumps: its claims read now (they are small and needed
    twice: for the shared graph and the dumps), its segments when written."""
    claims = cache.get_part(stem, key, "claims")

    def segments() -> Segments:
        nq, nt, ttl = (cache.get_part(stem, key, part) for part in ("nq", "nt", "ttl"))
        return Segments(nq, nt, ttl, claims)

    return GraphSource(
        iris.file_graph(stem),
        lambda: claims,
        segments,
        {k: int(v) for k, v in meta.get("classes", {}).items()},
    )


def _graph_source(graph: str, seg: Segments) -> GraphSource:
    return GraphSource(graph, lambda: seg.claims, lambda: seg)


def shared_graph_lines(cache: RecordsCache, entries: Iterable[tuple[str, str]]) -> bytes:
    """The shared graph: every built file's stubs of nodes it does not own, each line once."""
    lines: set[bytes] = set()
    for stem, key in entries:
        lines.update(cache.get_part(stem, key, "shared.nt").splitlines(keepends=True))
    return b"".join(sorted(lines))


# ------------------------------------------------------------------------------ history
HISTORY_SHAPES = "history.ttl"


def _history_quads(
    cache: RecordsCache, entries: Sequence[tuple[str, str]], iris: Iris
) -> list[ox.Quad]:
    """The negotiation-history graph (graph/history) from every built file's cached digest.

    Only the files in candidate version pairs have their full records read back.
    """
    digests = [cache.get_digest(stem, key, iris.base) for stem, key in entries]
    keys = dict(entries)
    return history_quads_from_digests(digests, lambda s: cache.get(s, keys[s]), iris.base)


# ------------------------------------------------------------------------------ build
def _unchanged(
    out: Path,
    previous: dict[str, Any],
    inputs_json: dict[str, dict[str, str]],
    reused: list[str],
    t0: float,
) -> BuildResult:
    """The result of a build whose inputs all match the current build: nothing is rewritten
    but build.json's input paths, file lists and timings (in place, atomically)."""
    timings = {"total": time.perf_counter() - t0}
    dumps = {
        kind: DumpInfo(out / d["file"], int(d["statements"]), int(d["bytes"]), str(d["sha256"]))
        for kind, d in previous.get("dumps", {}).items()
    }
    result = BuildResult(
        out=out,
        store=out / STORE_LINK,
        dumps=dumps,
        counts={k: int(v) for k, v in previous.get("counts", {}).items()},
        validation=ValidationReport.from_json(previous.get("validation", {})),
        timings=timings,
        inputs=inputs_json,
        problems=list(previous.get("problems", [])),
        extracted=[],
        reused=reused,
        removed=[],
        triples=int(previous.get("triples", 0)),
        quads=int(previous.get("quads", 0)),
        peak_rss_mb=_peak_rss_mb(),
    )
    data = {**previous, **result.to_json()}
    data["validation"] = previous.get("validation", data["validation"])
    _write_build_json((out / BUILD_JSON).resolve(), data)
    return result


def _write_build_json(path: Path, data: dict[str, Any]) -> None:
    atomic_write(path, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode())


def _peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024.0


def build_graph(
    inputs: Sequence[str | os.PathLike[str]] | None = None, config: BuildConfig | None = None
) -> BuildResult:
    """Build (or incrementally rebuild) the graph of ``inputs`` into ``config.out``."""
    cfg = config or BuildConfig()
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    notify = cfg.progress or (lambda stage, done, total: None)
    files = expand_inputs(list(inputs) if inputs else [paths.corpus_dir()])
    out = Path(cfg.out)
    out.mkdir(parents=True, exist_ok=True)
    iris = Iris(cfg.base_iri)
    shas, hashes = input_keys(files)  # hashes: the incremental keys (bytes + manifest row)
    by_stem = {f.stem: f for f in files}
    inputs_json = {
        stem: {
            "path": str(by_stem[stem]),
            "sha256": shas[stem],
            "key": key,
            "graph": iris.file_graph(stem),
        }
        for stem, key in sorted(hashes.items())
    }
    fp = fingerprint(iris.base)
    previous = read_previous(out)
    incremental = cfg.incremental and previous.get("fingerprint") == fp
    timings["inputs"] = time.perf_counter() - t0

    builder = StoreBuilder(out, incremental)
    cache = RecordsCache(out)
    if not builder.based_on_previous:
        cache.clear()
    try:
        prev_inputs: dict[str, dict[str, str]] = (
            previous.get("inputs", {}) if builder.based_on_previous else {}
        )
        in_store = set(builder.previous_hashes()) if builder.based_on_previous else set()
        reused = sorted(
            s
            for s, sha in hashes.items()
            if prev_inputs.get(s, {}).get("key") == sha
            and iris.file_graph(s) in in_store
            and cache.has(s, sha)
        )
        to_extract = [by_stem[s] for s in sorted(hashes) if s not in set(reused)]
        removed = sorted(
            g
            for g in in_store
            if iris.stem_of_graph(g) not in set(reused) and iris.stem_of_graph(g) is not None
        )
        if incremental and not to_extract and not removed:
            builder.abort()  # nothing to rebuild: the current build stands
            return _unchanged(out, previous, inputs_json, reused, t0)
        for g in removed:
            builder.drop_graph(g)

        # extract → RDF → validate → records cache, per file where it was extracted (worker.py);
        # here only the N-Quads are loaded, by big chunks on a background thread (store.py)
        t = time.perf_counter()
        problems: list[dict[str, str]] = []
        failures: list[dict[str, str]] = []
        actors = read_actors()
        extracted: list[str] = []
        report = ValidationReport()
        loader = builder.loader()
        steps = dict.fromkeys(STEPS, 0.0)
        notify("extract", 0, len(to_extract))
        try:
            outcomes = _file_outcomes(to_extract, hashes, iris, cache, cfg, problems)
            for i, outcome in enumerate(outcomes, 1):
                notify("extract", i, len(to_extract))
                if isinstance(outcome, FileFailed):
                    log.warning("%s", outcome.reason)
                    failures.append(outcome.to_problem())
                    continue
                loader.add_nquads(outcome.block)
                extracted.append(outcome.stem)
                for step, seconds in outcome.seconds.items():
                    steps[step] += seconds
            shares = _wall_shares(time.perf_counter() - t, steps)
            timings["extract"] = shares["extract"]
            timings["rdf"] = shares["rdf"]
            timings["records-cache"] = shares["records-cache"]
            failed = {Path(p["file"]).stem for p in [*problems, *failures]}
            built = [s for s in sorted(hashes) if s not in failed]
            entries = [(s, hashes[s]) for s in built]

            # every built file's problems and violations, fresh or reused, from its cached
            # metadata: a rebuild reports what a clean build reports
            t = time.perf_counter()
            metas = {stem: cache.get_meta(stem, key) for stem, key in entries}
            for stem, meta in metas.items():
                problems.extend(
                    {"file": f"{stem}.txt", "stage": "structure", "reason": p}
                    for p in meta.get("problems", [])
                )
                report.violations.extend(Violation(**v) for v in meta.get("violations", []))
                report.triples_checked += int(meta.get("triples", 0))
            report.graphs_checked += len(entries)
            problems.extend(failures)

            # the graphs every build remakes: registry, shared stubs, negotiation history
            reg = registry_quads(iris, actors)
            special = [_graph_source(iris.registry_graph, graph_segments(reg, None))]
            report.extend(validate_graphs([(iris.registry_graph, reg)]))
            file_sources = [_file_source(cache, iris, s, k, metas[s]) for s, k in entries]
            owned = digests_array(src.claims() for src in file_sources)
            shared = without_lines_in(shared_graph_lines(cache, entries), owned)
            special.append(
                _graph_source(iris.shared_graph, ntriples_segments(shared, iris.shared_graph))
            )
            timings["registry"] = time.perf_counter() - t

            t = time.perf_counter()
            hist = _history_quads(cache, entries, iris)
            if hist:
                hist_nt = without_lines_in(graph_segments(hist, None).ntriples, owned)
                special.append(
                    _graph_source(
                        iris.history_graph, ntriples_segments(hist_nt, iris.history_graph)
                    )
                )
                report.violations.extend(
                    validate_quads(iris.history_graph, hist, shape_files=(HISTORY_SHAPES,))
                )
                report.graphs_checked += 1
                report.triples_checked += len(hist)
            timings["history"] = time.perf_counter() - t
            t = time.perf_counter()
            loader.close()
            timings["store-load-wait"] = time.perf_counter() - t
            timings["store-load-background"] = loader.load_seconds  # overlaps the stages above
        finally:
            loader.shutdown()
        # the remade graphs change by a few quads when a few files did: sync, not reload
        t = time.perf_counter()
        kept = {src.graph for src in special}
        for g in (iris.registry_graph, iris.history_graph, iris.shared_graph):
            if g not in kept:
                builder.drop_graph(g)
        churn = sum(builder.sync_graph(src.graph, src.segments().nquads) for src in special)
        timings["store-sync"] = time.perf_counter() - t
        cache.prune(entries)

        # the dataset-wide rules once, over the store (per-file rules ran in the workers)
        t = time.perf_counter()
        notify("validate", 0, 1)
        report.extend(validate_global(builder.store))
        if hist:
            report.violations.extend(
                validate_graph_rules(builder.store, iris.history_graph, hist, reg)
            )
        report.global_rules = len(global_rules())
        timings["validate"] = shares["validate"] + time.perf_counter() - t
        notify("validate", 1, 1)

        t = time.perf_counter()
        notify("dumps", 0, 1)
        written = write_segment_dumps(file_sources + special, builder.dir)
        dumps = {
            k: dataclasses.replace(d, path=out / d.path.name) for k, d in written.dumps.items()
        }
        counts = {_short(c): n for c, n in sorted(written.classes.items())}
        timings["dumps"] = time.perf_counter() - t
        notify("dumps", 1, 1)

        t = time.perf_counter()
        # compact after a full build, or once rebuilds have churned a tenth of the store
        churn += int(previous.get("store_churn", 0)) if builder.based_on_previous else 0
        churn += 2 * sum(int(metas[s].get("triples", 0)) for s in extracted)
        compact = not builder.based_on_previous or churn > CHURN_FRACTION * written.quads
        builder.finish(optimize=compact)
        churn = 0 if compact else churn
        timings["store-commit"] = time.perf_counter() - t
        for stem in failed:
            inputs_json[stem]["key"] = ""  # retried next time
        timings["total"] = time.perf_counter() - t0
        result = BuildResult(
            out=out,
            store=out / STORE_LINK,
            dumps=dumps,
            counts=counts,
            validation=report,
            timings=timings,
            inputs=inputs_json,
            problems=problems,
            extracted=extracted,
            reused=reused,
            removed=[
                iris.stem_of_graph(g) or g for g in removed if iris.stem_of_graph(g) not in hashes
            ],
            triples=dumps["ntriples"].statements,
            quads=written.quads,
            peak_rss_mb=_peak_rss_mb(),
            file_steps=steps,
            peak_rss_workers_mb=_peak_rss_mb(resource.RUSAGE_CHILDREN),
        )
        data = result.to_json()
        data["fingerprint"] = fp
        data["base_iri"] = iris.base
        data["store_churn"] = churn  # quads removed or added since the store was compacted
        _write_build_json(builder.dir / BUILD_JSON, data)
        # the one atomic step: OUT/current -> the new folder (store, dumps, build.json)
        builder.commit(outputs=[*DUMP_NAMES.values(), BUILD_JSON])
    except BaseException:
        builder.abort()
        raise
    return result
