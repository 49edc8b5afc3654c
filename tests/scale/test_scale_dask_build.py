"""Issue 8: the Dask path on a LocalCluster builds the same graph as the single-process build."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from wsiskg.graph.build import BuildConfig, build_graph
from wsiskg.graph.distributed import DaskExtractor, build_distributed
from wsiskg.graph.shards import load_shards_into_store, read_index, shard_paths

pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    """An in-process cluster: real scheduler and worker, no process start-up cost."""
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        Client(cluster) as c,
    ):
        yield c


def _triples(data: bytes) -> set[ox.Triple]:
    return {q.triple for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)}


def test_dask_build_equals_local_build(client: object, small_corpus: Path, tmp_path: Path) -> None:
    # a file no extractor can read: both builds must report it and build the rest
    (small_corpus / "BROKEN.txt").write_bytes(b"\x00\x01binary\x00")
    local = build_graph([small_corpus], BuildConfig(out=tmp_path / "local"))
    dask, shards = build_distributed(
        [small_corpus],
        BuildConfig(out=tmp_path / "dask"),
        client=client,  # type: ignore[arg-type]
        shard_triples=400,
    )

    assert (tmp_path / "dask" / "graph.nq").read_bytes() == (
        tmp_path / "local" / "graph.nq"
    ).read_bytes()
    assert dask.extracted == local.extracted == sorted(Path(n).stem for n in _small_names())
    failed = [p for p in dask.problems if p["stage"] == "extract"]
    assert [p["file"] for p in failed] == ["BROKEN.txt"]
    assert failed == [p for p in local.problems if p["stage"] == "extract"]
    assert str(small_corpus / "BROKEN.txt") in failed[0]["reason"]  # the client's path

    # shards: one graph per file (+ registry, shared stubs), never split, loadable, = graph.nt
    assert len(shards) > 1
    index = read_index(tmp_path / "dask" / "shards")
    graphs = [g for s in index["shards"] for g in s["graphs"]]  # type: ignore[union-attr]
    assert len(graphs) == len(set(graphs)) == len(local.extracted) + 2
    store = ox.Store()
    load_shards_into_store(store, shard_paths(tmp_path / "dask" / "shards"))
    assert {q.triple for q in store} == _triples((tmp_path / "local" / "graph.nt").read_bytes())


def test_dask_extractor_retries_only_failed_files(
    client: object, small_corpus: Path, tmp_path: Path
) -> None:
    (small_corpus / "EMPTY.txt").write_text("   \n", "utf-8")
    (small_corpus / "BROKEN.txt").write_bytes(b"\x00\x01binary\x00")
    extractor = DaskExtractor(client)  # type: ignore[arg-type]
    result = build_graph([small_corpus], BuildConfig(out=tmp_path / "o", extractor=extractor))
    failed = sorted(p["file"] for p in result.problems if p["stage"] == "extract")
    assert failed == ["BROKEN.txt", "EMPTY.txt"]
    assert len(result.extracted) == 4
    # 6 files sent once; only the second failed file is sent again (the first is blamed by
    # name from the error); the four good files are never re-extracted
    assert extractor.submitted == 7


def _small_names() -> tuple[str, ...]:
    from tests.scale.scale_helpers import SMALL

    return SMALL
