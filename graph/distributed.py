"""The distributed path: documents as Dask tasks, results gathered into shards and the store.

Why Dask and not a home-made pool: ``distributed`` already schedules, retries lost tasks,
spills and runs the same code on a laptop (``LocalCluster``) and a cluster
(``tcp://scheduler:8786``). Each task gets a file's *bytes* and manifest row, not a path, so
workers need no shared filesystem; it returns the file's compact records (a
``FileExtraction``: frozen dataclasses, never spaCy Docs), so what crosses the network is about
twice the size of the text.

The Dask run plugs into the ordinary build as its extractor (``BuildConfig.extractor``), so
RDF, validation, the incremental store, the dumps and build.json are the very code of the
single-process build, and the graph is the same. The client submits tasks in file-name order
through a bounded window and consumes results in that order: client memory stays at
``window`` results whatever the corpus size. After the build the store is cut into shards
(``wsiskg.graph.shards``) a cluster triple store loads in parallel.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import tempfile
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wsiskg.errors import WsiskgError
from wsiskg.extract.errors import ExtractError
from wsiskg.extract.records import FileExtraction
from wsiskg.graph.errors import GraphError

if TYPE_CHECKING:
    from distributed import Client

    from wsiskg.graph.build import BuildConfig, BuildResult
    from wsiskg.graph.shards import ShardInfo

log = logging.getLogger(__name__)

LOCAL = "local"
# (path on the worker, task) -> records; runs on a worker, must be picklable (module level)
Processor = Callable[[Path, "FileTask"], FileExtraction]


class DistributedError(GraphError):
    """The Dask cluster cannot be reached or a task could not run."""


@dataclass(frozen=True, slots=True)
class FileTask:
    """What a worker needs to process one input file: its bytes, not its path."""

    name: str  # file name, "A_RES_70_125.txt"
    data: bytes
    source_path: str  # the path on the client, for provenance and messages
    manifest_row: Any = None  # wsiskg.extract.manifest.ManifestRow | None


@dataclass(frozen=True, slots=True)
class TaskResult:
    """What a worker sends back for one file: records, or why there are none."""

    name: str
    extraction: FileExtraction | None = None
    error: str | None = None


def extract_processor(path: Path, task: FileTask) -> FileExtraction:
    """The default processor: the same ``extract_file`` the local build runs."""
    from wsiskg.extract.pipeline import extract_file

    return extract_file(path, task.manifest_row)


def run_task(processor: Processor, task: FileTask) -> TaskResult:
    """Dask task body: materialise the bytes under the file's own name, then process them.

    The file is written under its real name (the stem becomes IRIs) in a private temporary
    folder, so extractors that read paths work unchanged on a worker with no shared disk; the
    records then get the client's path back. A file that cannot be built is reported in the
    result, never raised: one bad document must not fail a 2,587-task job.
    """
    with tempfile.TemporaryDirectory(prefix="wsiskg-task-") as tmp:
        path = Path(tmp) / task.name
        path.write_bytes(task.data)
        try:
            fx = processor(path, task)
        except WsiskgError as exc:
            reason = str(exc).replace(str(path), task.source_path)
        except Exception as exc:  # noqa: BLE001 - reported per file, logged with traceback
            log.exception("unexpected error on %s", task.source_path)
            reason = f"internal error {type(exc).__name__}: {exc}"
        else:
            source = dataclasses.replace(fx.source, path=task.source_path)
            return TaskResult(task.name, extraction=dataclasses.replace(fx, source=source))
    if task.source_path not in reason and task.name not in reason:
        reason = f"{task.source_path}: {reason}"
    return TaskResult(task.name, error=reason)


def make_tasks(paths: Iterable[Path]) -> Iterator[FileTask]:
    """Read files lazily, in the given order, with the manifest row of each one's folder."""
    from wsiskg.extract.manifest import read_manifest

    manifests: dict[Path, dict[str, Any]] = {}
    for path in paths:
        folder = path.parent
        if folder not in manifests:
            manifests[folder] = read_manifest(folder)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ExtractError(f"{path}: cannot read ({exc})") from exc
        yield FileTask(path.name, data, str(path), manifests[folder].get(path.name))


def iter_results(
    client: Client,
    tasks: Iterable[FileTask],
    processor: Processor = extract_processor,
    window: int | None = None,
) -> Iterator[TaskResult]:
    """Run ``processor`` over ``tasks`` on the cluster; yield results in task order.

    At most ``window`` tasks are in flight (default: 4 per worker thread, at least 4), which
    bounds the client's and the scheduler's memory whatever the corpus size.
    """
    if window is None:
        threads = sum(client.nthreads().values()) or 1
        window = max(4, 4 * threads)
    pending: deque[Any] = deque()
    it = iter(tasks)

    def submit_next() -> None:
        task = next(it, None)
        if task is not None:
            key = f"wsiskg-{task.name}-{uuid.uuid4().hex[:12]}"
            pending.append(client.submit(run_task, processor, task, key=key))

    for _ in range(window):
        submit_next()
    while pending:
        future = pending.popleft()
        submit_next()
        try:
            result = future.result()
        except Exception as exc:  # a worker died repeatedly, or (de)serialisation failed
            raise DistributedError(f"Dask task {future.key} failed: {exc}") from exc
        finally:
            future.release()
        yield result


class DaskExtractor:
    """A ``BuildConfig.extractor`` that runs extraction as Dask tasks.

    Yields records in file order. Files that fail are held back and one ``ExtractError``
    naming the first of them is raised at the end, so the build's ``extract_robustly``
    retries only the failed files (one task each) and records each reason in build.json,
    instead of re-running the corpus.
    """

    def __init__(
        self, client: Client, processor: Processor = extract_processor, window: int | None = None
    ) -> None:
        self.client = client
        self.processor = processor
        self.window = window
        self.submitted = 0  # files sent to the cluster, over all calls (tests check this)

    def __call__(self, files: Sequence[Path], workers: int = 1) -> Iterator[FileExtraction]:
        failed: list[str] = []
        self.submitted += len(files)
        for res in iter_results(self.client, make_tasks(files), self.processor, self.window):
            if res.extraction is not None:
                yield res.extraction
            else:
                log.warning("%s", res.error)
                failed.append(res.error or f"{res.name}: failed")
        if failed:
            more = f" (and {len(failed) - 1} more file(s))" if len(failed) > 1 else ""
            raise ExtractError(failed[0] + more)


def connect(address: str, workers: int = 2, memory_limit: str = "2GiB") -> Client:
    """A ``Client`` for ``tcp://host:port`` or, with ``"local"``, a new ``LocalCluster``.

    The local cluster runs one single-threaded worker process per core asked for: the spaCy
    pipeline is loaded once per process and never shared between threads.
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
    """Close the client and, for a local cluster it owns, the cluster too."""
    cluster = getattr(client, "cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()


def build_distributed(
    inputs: Sequence[str | os.PathLike[str]] | None,
    config: BuildConfig,
    address: str = LOCAL,
    client: Client | None = None,
    shard_format: str = "nt",
    shard_triples: int | None = None,
) -> tuple[BuildResult, list[ShardInfo]]:
    """``wsiskg build --dask ADDRESS``: the build with Dask extraction, then the shards.

    ``client`` (tests, notebooks) is used as is and left open; otherwise one is made from
    ``address`` (``"local"`` starts a LocalCluster of ``config.workers`` processes) and closed.
    """
    from wsiskg.graph.build import build_graph
    from wsiskg.graph.shards import DEFAULT_MAX_TRIPLES, write_store_shards

    own = client is None
    client = client or connect(address, workers=config.workers)
    try:
        cfg = dataclasses.replace(config, extractor=DaskExtractor(client))
        result = build_graph(inputs, cfg)
    finally:
        if own:
            close(client)
    shards = write_store_shards(
        result.store,
        Path(config.out) / "shards",
        fmt=shard_format,  # type: ignore[arg-type]
        max_triples=shard_triples or DEFAULT_MAX_TRIPLES,
    )
    return result, shards
