"""The per-file graph step, run where the file was extracted: records → RDF → SHACL → cache.

Why: the build spent most of its wall time turning records into RDF and checking the shapes
one file at a time in the main process while the extraction workers waited. Everything about
one file is local to it (its named graph, its shapes, its records), so it all runs in the
worker that extracted the file, which sends back only a compact ``FileOutcome``: the file's
sorted N-Quads, its violations and counts. The records and N-Quads go to the records cache
from the worker too. The main process is left with loading N-Quads into the store, the
graph-wide steps (registry, history, global rules) and the dumps.

``iter_outcomes`` runs the step in own worker processes (``workers > 1``) or in-process, the
same function either way; ``graph_step`` is also what the build runs on records that a custom
extractor (tests, the Dask path) yields in the main process.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TypeAlias

from wsiskg.extract.records import FileExtraction
from wsiskg.graph.history.digest import file_digest
from wsiskg.graph.iris import Iris
from wsiskg.graph.rdf import RdfContext, file_graph
from wsiskg.graph.records_cache import RecordsCache
from wsiskg.graph.registry import read_actors
from wsiskg.graph.segments import class_counts, graph_segments, nquads_to_ntriples, sorted_block
from wsiskg.graph.validate import (
    Violation,
    file_rules_registry,
    validate_file_rules,
    validate_quads,
)
from wsiskg.parallel import map_in_order

log = logging.getLogger(__name__)

STEPS = ("extract", "rdf", "validate", "records-cache")


@dataclass(frozen=True, slots=True)
class FileJob:
    """What a worker needs for one file (picklable, small)."""

    path: str
    key: str  # the file's bytes and manifest row (``build.file_key``): the records cache key
    base_iri: str
    out: str  # build output folder (holds the records cache)


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """One built file, as the main process needs it: no records, no rdflib/pyoxigraph objects."""

    stem: str
    key: str
    block: bytes  # the file graph's sorted N-Quads (its other pieces are in the cache)
    violations: tuple[Violation, ...]
    triples: int
    problems: tuple[str, ...]  # structure problems (build.json)
    seconds: dict[str, float] = field(default_factory=dict)  # per step of STEPS


def file_meta(outcome: FileOutcome, classes: dict[str, int]) -> dict[str, object]:
    """What a rebuild needs of a reused file without rebuilding it (``RecordsCache.put_meta``)."""
    return {
        "triples": outcome.triples,
        "classes": classes,
        "problems": list(outcome.problems),
        "violations": [dataclasses.asdict(v) for v in outcome.violations],
    }


@dataclass(frozen=True, slots=True)
class FileFailed:
    """A file whose extraction failed: the build.json problem, nothing else."""

    path: str
    reason: str

    @property
    def name(self) -> str:
        return Path(self.path).name

    def to_problem(self) -> dict[str, str]:
        return {"file": self.name, "stage": "extract", "reason": self.reason}


Outcome: TypeAlias = "FileOutcome | FileFailed"


@lru_cache(maxsize=4)
def rdf_context(base_iri: str) -> RdfContext:
    """One context per base IRI and process (the registry's actor ids read once)."""
    return RdfContext(Iris(base_iri), frozenset(read_actors()))


def graph_step(
    fx: FileExtraction,
    key: str,
    ctx: RdfContext,
    cache: RecordsCache,
    extract_seconds: float = 0.0,
) -> FileOutcome:
    """RDF, per-file SHACL and the records cache of one extracted file.

    The file's own quads become its graph's dump segments; its stubs of nodes it does not own
    go to the cache as its share of the shared graph. The shapes see both.
    """
    t0 = time.perf_counter()
    fg = file_graph(fx, ctx)
    seg = graph_segments(fg.quads, ctx.iris.private_to(fg.stem))
    shared = nquads_to_ntriples(sorted_block(fg.shared))
    classes = dict(sorted(class_counts(seg.ntriples).items()))
    t1 = time.perf_counter()
    registry = file_rules_registry(ctx.iris.base)
    violations = tuple(validate_quads(fg.graph, fg.all_quads)) + tuple(
        validate_file_rules(fg.graph, fg.all_quads, registry)
    )
    t2 = time.perf_counter()
    outcome = FileOutcome(
        stem=fg.stem,
        key=key,
        block=seg.nquads,
        violations=violations,
        triples=len(fg.quads),
        problems=fg.problems,
    )
    cache.put(fx, key)
    cache.put_digest(fg.stem, key, file_digest(fx, ctx.iris.base))
    for part, data in (
        ("nq", seg.nquads),
        ("nt", seg.ntriples),
        ("ttl", seg.turtle),
        ("claims", seg.claims),
        ("shared.nt", shared),
    ):
        cache.put_part(fg.stem, key, part, data)
    cache.put_meta(fg.stem, key, file_meta(outcome, classes))  # last: marks the entry whole
    t3 = time.perf_counter()
    outcome.seconds.update(
        {"extract": extract_seconds, "rdf": t1 - t0, "validate": t2 - t1, "records-cache": t3 - t2}
    )
    return outcome


def process_file(job: FileJob) -> Outcome:
    """Extract one file and run its graph step; an extraction error is the file's failure.

    Errors of the graph step itself are bugs and propagate (the build stops, as it would
    in-process).
    """
    from wsiskg.extract.pipeline import FileFailure, extract_or_fail

    t = time.perf_counter()
    fx = extract_or_fail(job.path)
    if isinstance(fx, FileFailure):
        return FileFailed(fx.path, fx.reason)
    seconds = time.perf_counter() - t
    return graph_step(fx, job.key, rdf_context(job.base_iri), RecordsCache(Path(job.out)), seconds)


def iter_outcomes(jobs: Iterable[FileJob], workers: int = 1) -> Iterator[Outcome]:
    """``process_file`` over ``jobs``, results in input order, at most a few files in flight.

    ``workers > 1`` runs own processes. A worker that dies (killed, out of memory) breaks its
    pool: the files not yet yielded go to a fresh pool, the first of them alone, so the file
    that kills its worker ends as a ``FileFailed`` and the others still build.
    """
    todo = list(jobs)
    if workers <= 1 or len(todo) <= 1:
        for job in todo:
            yield process_file(job)
        return
    workers = min(workers, len(todo), os.cpu_count() or 1) or 1
    yield from map_in_order(process_file, todo, workers, _worker_died)


def _worker_died(job: FileJob, exc: BaseException) -> Outcome:
    log.warning("%s: the worker process died (%s)", job.path, exc)
    return FileFailed(job.path, f"{job.path}: the worker process died ({exc})")
