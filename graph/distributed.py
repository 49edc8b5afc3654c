"""The distributed path: documents as Dask tasks, results gathered into shards and the store.

Why Dask and not a home-made pool: ``distributed`` already schedules, retries lost tasks,
spills and runs the same code on a laptop (``LocalCluster``) and a cluster
(``tcp://scheduler:8786``). Each task gets a file's *bytes* (plus its manifest row), not a
path, so workers need no shared filesystem; it returns a compact ``FileResult`` — the file's
canonical N-Triples and its per-file SHACL result — never spaCy Docs, so what crosses the
network is about the size of the N-Triples.

The client submits tasks in file-name order through a bounded window and consumes results in
that same order: memory on the client stays at ``window`` results, and the shards (and the
store) come out identical whatever order workers finish in.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from wsiskg.graph.errors import GraphError

from wsiskg.errors import WsiskgError

if TYPE_CHECKING:
    from distributed import Client

log = logging.getLogger(__name__)

LOCAL = "local"


class DistributedError(GraphError):
    """The Dask cluster cannot be reached or a task could not run."""


@dataclass(frozen=True, slots=True)
class FileTask:
    """What a worker needs to process one input file: its bytes, not its path."""

    name: str  # file name, "A_RES_70_125.txt"
    data: bytes
    source_path: str  # the path on the client, kept for provenance and messages
    manifest_row: Any = None  # wsiskg.extract.manifest.ManifestRow | None
    options: dict[str, Any] = field(default_factory=dict)  # e.g. {"base_iri": ...}

    @property
    def stem(self) -> str:
        return Path(self.name).stem


@dataclass(frozen=True, slots=True)
class FileResult:
    """What a worker sends back for one file; small and picklable."""

    name: str
    stem: str
    sha256: str
    graph: str = ""  # named graph IRI of the file
    ntriples: bytes = b""  # canonical N-Triples of the file's graph
    triples: int = 0
    words: int = 0
    conforms: bool = True
    violations: tuple[str, ...] = ()  # per-file SHACL messages
    problems: tuple[str, ...] = ()  # what the extractors could not structure
    error: str | None = None  # the file could not be built at all: why
    seconds: dict[str, float] = field(default_factory=dict)  # per stage, on the worker

    @property
    def ok(self) -> bool:
        return self.error is None


class Processor(Protocol):
    """Turns one file into its result; runs on a worker."""

    def __call__(self, path: Path, task: FileTask) -> FileResult: ...


def run_task(processor: Processor, task: FileTask) -> FileResult:
    """Dask task body: materialise the bytes under the file's own name, then process them.

    The file is written under its real name (the stem becomes IRIs) in a private temporary
    folder, so extractors that read paths work unchanged on a worker with no shared disk.
    A file that cannot be built is reported in the result, never raised: one bad document
    must not fail a 2,587-task job.
    """
    with tempfile.TemporaryDirectory(prefix="wsiskg-task-") as tmp:
        path = Path(tmp) / task.name
        path.write_bytes(task.data)
        try:
            return processor(path, task)
        except WsiskgError as exc:
            reason = str(exc).replace(str(path), task.source_path)
        except Exception as exc:  # noqa: BLE001 - reported per file, logged with traceback
            log.exception("unexpected error on %s", task.source_path)
            reason = f"internal error {type(exc).__name__}: {exc}"
    return FileResult(
        name=task.name,
        stem=task.stem,
        sha256=hashlib.sha256(task.data).hexdigest(),
        error=reason,
    )


def make_tasks(
    paths: Iterable[Path],
    manifest_rows: dict[str, Any] | None = None,
    options: dict[str, Any] | None = None,
) -> Iterator[FileTask]:
    """Read files lazily, in sorted order, into tasks (only ``window`` are in memory at once)."""
    rows = manifest_rows or {}
    for path in sorted(paths, key=lambda p: (p.name, str(p))):
        yield FileTask(
            name=path.name,
            data=path.read_bytes(),
            source_path=str(path),
            manifest_row=rows.get(path.name),
            options=dict(options or {}),
        )


def iter_results(
    client: Client,
    tasks: Iterable[FileTask],
    processor: Processor,
    window: int | None = None,
) -> Iterator[FileResult]:
    """Run ``processor`` over ``tasks`` on the cluster; yield results in task order.

    At most ``window`` tasks are in flight (default: 4 per worker thread, at least 4), which
    bounds the client's and the scheduler's memory whatever the corpus size.
    """
    if window is None:
        threads = sum(client.nthreads().values()) or 1
        window = max(4, 4 * threads)
    pending: deque[Any] = deque()
    it = iter(tasks)

    def submit_next() -> bool:
        task = next(it, None)
        if task is None:
            return False
        pending.append(
            client.submit(
                run_task, processor, task, key=f"wsiskg-{task.name}-{uuid.uuid4().hex[:12]}"
            )
        )
        return True

    for _ in range(window):
        if not submit_next():
            break
    while pending:
        future = pending.popleft()
        submit_next()
        try:
            result = future.result()
        except Exception as exc:  # a worker died or the task could not be deserialised
            raise DistributedError(f"Dask task {future.key} failed: {exc}") from exc
        finally:
            future.release()
        yield result


def connect(address: str, workers: int = 2, memory_limit: str = "2GiB") -> Client:
    """A ``Client`` for ``tcp://host:port`` or, with ``"local"``, a new ``LocalCluster``.

    The local cluster uses one single-threaded worker process per core asked for: spaCy
    pipelines are not shared between threads, and processes sidestep the GIL.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise DistributedError(
            "the Dask path needs dask[distributed]: pip install 'wsiskg[dask]'"
        ) from exc
    if address == LOCAL:
        cluster = LocalCluster(
            n_workers=max(1, workers),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            memory_limit=memory_limit,
        )
        return Client(cluster)
    try:
        return Client(address, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise DistributedError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc


def close(client: Client) -> None:
    """Close the client and, for a local cluster we started, the cluster too."""
    cluster = getattr(client, "cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()


@dataclass
class GatherStats:
    """What the gathering side saw, for build.json."""

    files: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    triples: int = 0
    words: int = 0
    seconds: float = 0.0
    worker_seconds: dict[str, float] = field(default_factory=dict)  # summed per stage


def gather(
    results: Iterable[FileResult],
    sinks: Sequence[Callable[[FileResult], None]],
) -> GatherStats:
    """Feed every successful result to each sink (shard writer, store ...), in order."""
    stats = GatherStats()
    start = time.perf_counter()
    for res in results:
        stats.files += 1
        for stage, secs in res.seconds.items():
            stats.worker_seconds[stage] = stats.worker_seconds.get(stage, 0.0) + secs
        if not res.ok:
            stats.failed.append((res.name, res.error or "unknown"))
            log.warning("%s: not built: %s", res.name, res.error)
            continue
        stats.triples += res.triples
        stats.words += res.words
        for sink in sinks:
            sink(res)
    stats.seconds = time.perf_counter() - start
    return stats


def default_workers() -> int:
    """Cores available to this process."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class PipelineProcessor:
    """The real per-file work: extract → the file's named graph → per-file SHACL.

    Picklable (a frozen dataclass of plain values), so Dask ships it to workers with each
    task; everything heavy (spaCy pipeline, shapes graph) is loaded once per worker process by
    the modules it calls, which cache them.
    """

    ctx: Any = None  # wsiskg.graph.rdf.RdfContext; None = the default context
    validate: bool = True

    def __call__(self, path: Path, task: FileTask) -> FileResult:
        import pyoxigraph as ox

        from wsiskg.extract.pipeline import extract_file
        from wsiskg.graph.rdf import file_graph

        seconds: dict[str, float] = {}
        start = time.perf_counter()
        fx = extract_file(path, task.manifest_row)
        now = time.perf_counter()
        seconds["extract"] = now - start
        fg = file_graph(fx, self.ctx)
        ntriples = ox.serialize([q.triple for q in fg.quads], format=ox.RdfFormat.N_TRIPLES)
        seconds["rdf"] = time.perf_counter() - now
        conforms, violations = True, ()
        if self.validate:
            now = time.perf_counter()
            conforms, violations = validate_file_graph(fg)
            seconds["shacl"] = time.perf_counter() - now
        return FileResult(
            name=task.name,
            stem=fg.stem,
            sha256=fg.sha256,
            graph=fg.graph,
            ntriples=ntriples,
            triples=len(fg.quads),
            words=len(fx.source.text.split()),
            conforms=conforms,
            violations=tuple(violations),
            problems=tuple(fg.problems),
            seconds=seconds,
        )


def validate_file_graph(fg: Any) -> tuple[bool, tuple[str, ...]]:
    """Per-file SHACL through ``wsiskg.graph.validate`` (the same check the local build runs)."""
    from wsiskg.graph import validate

    result = validate.validate_file_graph(fg)
    return bool(result.conforms), tuple(str(v) for v in result.violations)
