"""Shard writing: graphs are never split, shards roll at the triple limit, and load back whole."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from wsiskg.graph.shards import (
    ShardError,
    ShardWriter,
    count_statements,
    load_shards_into_store,
    ntriples_to_nquads,
    oxigraph_load_command,
    read_index,
    shard_paths,
)

EX = "https://example.org/"


def _graph_nt(stem: str, n: int) -> bytes:
    """Canonical N-Triples for a small graph with ``n`` triples, one literal with a newline."""
    subject = ox.NamedNode(f"{EX}id/doc/{stem}")
    triples = [
        ox.Triple(subject, ox.NamedNode(f"{EX}def/p{i}"), ox.Literal(f"line {i}\nof {stem}"))
        for i in range(n)
    ]
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


def test_nquads_rewrite_is_exact() -> None:
    nt = _graph_nt("a", 3)
    nq = ntriples_to_nquads(nt, f"{EX}graph/file/a")
    parsed = list(ox.parse(nq, format=ox.RdfFormat.N_QUADS))
    assert len(parsed) == 3
    assert {q.graph_name.value for q in parsed} == {f"{EX}graph/file/a"}
    assert {q.triple for q in parsed} == {
        q.triple for q in ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)
    }


def test_nquads_rewrite_rejects_garbage() -> None:
    with pytest.raises(ShardError, match="not an N-Triples statement"):
        ntriples_to_nquads(b"<a> <b> <c>\n", f"{EX}g")


def test_shards_roll_without_splitting_graphs(tmp_path: Path) -> None:
    sizes = {"a": 4, "b": 4, "c": 7, "d": 1}
    with ShardWriter(tmp_path / "shards", max_triples=8) as writer:
        for stem, n in sizes.items():
            writer.add(f"{EX}graph/file/{stem}", _graph_nt(stem, n))
    index = read_index(tmp_path / "shards")
    shards = index["shards"]
    assert isinstance(shards, list)
    # a+b fill the first shard exactly; c does not fit beside them; d fits beside c.
    assert [s["triples"] for s in shards] == [8, 8]
    assert [len(s["graphs"]) for s in shards] == [2, 2]
    assert index["triples"] == 16
    for path in shard_paths(tmp_path / "shards"):
        assert count_statements(path.read_bytes()) == next(
            s["triples"] for s in shards if s["file"] == path.name
        )


def test_oversized_graph_gets_its_own_shard(tmp_path: Path) -> None:
    with ShardWriter(tmp_path, max_triples=2) as writer:
        writer.add(f"{EX}graph/file/big", _graph_nt("big", 5))
        writer.add(f"{EX}graph/file/small", _graph_nt("small", 1))
    assert [s["triples"] for s in read_index(tmp_path)["shards"]] == [5, 1]  # type: ignore[index]


def test_same_input_same_bytes(tmp_path: Path) -> None:
    for run in ("one", "two"):
        with ShardWriter(tmp_path / run, fmt="nq", max_triples=5) as writer:
            for stem in ("x", "y", "z"):
                writer.add(f"{EX}graph/file/{stem}", _graph_nt(stem, 3))
    one = json.loads((tmp_path / "one" / "index.json").read_text())
    two = json.loads((tmp_path / "two" / "index.json").read_text())
    assert one == two
    assert [s["sha256"] for s in one["shards"]] != [""] * len(one["shards"])


def test_refuses_folder_with_old_shards(tmp_path: Path) -> None:
    (tmp_path / "part-00000.nt").write_bytes(b"")
    with pytest.raises(ShardError, match="already holds shards"):
        ShardWriter(tmp_path)


@pytest.mark.parametrize("fmt", ["nt", "nq"])
def test_shards_load_back_into_a_store(tmp_path: Path, fmt: str) -> None:
    expected: set[ox.Triple] = set()
    with ShardWriter(tmp_path / "s", fmt=fmt, max_triples=3) as writer:  # type: ignore[arg-type]
        for stem in ("a", "b", "c"):
            nt = _graph_nt(stem, 2)
            expected |= {q.triple for q in ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)}
            writer.add(f"{EX}graph/file/{stem}", nt)
    paths = shard_paths(tmp_path / "s")
    assert len(paths) == 3
    store = ox.Store()
    load_shards_into_store(store, paths)
    assert {q.triple for q in store} == expected
    graphs = {g.value for g in store.named_graphs()}
    assert graphs == ({f"{EX}graph/file/{s}" for s in "abc"} if fmt == "nq" else set())
    cmd = oxigraph_load_command(tmp_path / "db", paths)
    assert cmd[:3] == ["oxigraph", "load", "--location"] and cmd[-3:] == [str(p) for p in paths]
