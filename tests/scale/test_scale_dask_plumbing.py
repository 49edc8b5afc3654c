"""The Dask plumbing with a stub processor: order, windowing, failures, gathering into shards.

The stub stands in for extraction only here, to test the plumbing on its own; the real
pipeline on a LocalCluster is tested in test_scale_dask_build.py.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from wsiskg.extract.errors import ExtractError
from wsiskg.graph.distributed import (
    FileResult,
    FileTask,
    gather,
    iter_results,
    make_tasks,
    run_task,
)
from wsiskg.graph.shards import ShardWriter, load_shards_into_store, shard_paths

distributed = pytest.importorskip("distributed")

EX = "https://example.org/"


def stub_processor(path: Path, task: FileTask) -> FileResult:
    """One triple per line of the file; files containing BAD fail like a real extractor."""
    text = path.read_text("utf-8")
    if "BAD" in text:
        raise ExtractError(f"{path}: cannot be structured")
    subject = ox.NamedNode(f"{EX}id/file/{path.stem}")
    triples = [
        ox.Triple(subject, ox.NamedNode(f"{EX}def/line{i}"), ox.Literal(line))
        for i, line in enumerate(text.splitlines())
    ]
    return FileResult(
        name=task.name,
        stem=path.stem,
        sha256=hashlib.sha256(task.data).hexdigest(),
        graph=f"{EX}graph/file/{path.stem}",
        ntriples=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES),
        triples=len(triples),
        words=len(text.split()),
        seconds={"extract": 0.001},
    )


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        Client(cluster) as c,
    ):
        yield c


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    out = []
    for i in range(9):
        p = tmp_path / "in" / f"F{i:02d}.txt"
        p.parent.mkdir(exist_ok=True)
        p.write_text("BAD file\n" if i == 4 else f"first {i}\nsecond {i}\n", "utf-8")
        out.append(p)
    return out[::-1]  # reversed: the tasks must come out sorted anyway


def test_task_and_result_pickle() -> None:
    task = FileTask(name="a.txt", data=b"x", source_path="/in/a.txt")
    res = run_task(stub_processor, task)
    assert pickle.loads(pickle.dumps(res)) == res
    assert res.ok and res.triples == 1


def test_failure_is_reported_with_the_client_path(tmp_path: Path) -> None:
    task = FileTask(name="b.txt", data=b"BAD", source_path="/in/b.txt")
    res = run_task(stub_processor, task)
    assert not res.ok
    assert res.error == "/in/b.txt: cannot be structured"
    assert res.sha256 == hashlib.sha256(b"BAD").hexdigest()


def test_results_in_order_and_gathered_into_shards(
    client: object, files: list[Path], tmp_path: Path
) -> None:
    tasks = make_tasks(files)
    results = iter_results(client, tasks, stub_processor, window=2)  # type: ignore[arg-type]
    seen: list[str] = []
    with ShardWriter(tmp_path / "shards", max_triples=5) as writer:
        stats = gather(
            results,
            [lambda r: seen.append(r.name), lambda r: writer.add(r.graph, r.ntriples, r.triples)],
        )
    assert seen == [f"F{i:02d}.txt" for i in range(9) if i != 4]
    assert stats.files == 9
    assert stats.failed == [("F04.txt", f"{tmp_path / 'in' / 'F04.txt'}: cannot be structured")]
    assert stats.triples == 16
    assert stats.worker_seconds["extract"] == pytest.approx(0.008)
    store = ox.Store()
    load_shards_into_store(store, shard_paths(tmp_path / "shards"))
    assert len(store) == 16
    assert len(shard_paths(tmp_path / "shards")) == 4  # 2 files (4 triples) per shard
