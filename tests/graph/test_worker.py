"""The per-file graph step in worker processes (issue 8): same results as in-process."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scale.scale_helpers import copy_sample
from wsiskg.graph.build import BuildConfig, build_graph, file_sha256
from wsiskg.graph.records_cache import RecordsCache
from wsiskg.graph.worker import FileFailed, FileJob, FileOutcome, iter_outcomes

BASE = "https://w3id.org/wsiskg/"
SMALL = ("A_RES_58_280.txt", "A_RES_79_262.txt")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = copy_sample(tmp_path_factory.mktemp("in"), SMALL)
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02 binary \x00" * 20)  # no extractor reads it
    return folder


def _jobs(inputs: Path, out: Path) -> list[FileJob]:
    files = sorted(inputs.glob("*.txt"))
    return [FileJob(str(f), file_sha256(f), BASE, str(out)) for f in files]


def test_workers_give_the_in_process_outcomes_in_order(inputs: Path, tmp_path: Path) -> None:
    one = list(iter_outcomes(_jobs(inputs, tmp_path / "a"), workers=1))
    two = list(iter_outcomes(_jobs(inputs, tmp_path / "b"), workers=2))

    assert [type(o) for o in one] == [FileOutcome, FileOutcome, FileFailed]
    assert [getattr(o, "stem", None) for o in one] == ["A_RES_58_280", "A_RES_79_262", None]
    failed = one[2]
    assert isinstance(failed, FileFailed) and "broken.txt" in failed.reason
    assert failed.to_problem()["stage"] == "extract"
    for a, b in zip(one, two, strict=True):
        if isinstance(a, FileOutcome):
            assert isinstance(b, FileOutcome)
            assert (a.block, a.violations, a.triples, a.problems) == (
                b.block,
                b.violations,
                b.triples,
                b.problems,
            )
            assert a.triples == a.block.count(b"\n") > 100
            assert set(a.seconds) == {"extract", "rdf", "validate", "records-cache"}
        else:
            assert a == b
    # the worker wrote the records cache itself
    for o in two[:2]:
        assert isinstance(o, FileOutcome)
        cache = RecordsCache(tmp_path / "b")
        assert cache.has(o.stem, o.key)
        assert cache.get_part(o.stem, o.key, "nq") == o.block
        assert cache.get(o.stem, o.key).source.stem == o.stem


def test_parallel_build_equals_single_process_build(inputs: Path, tmp_path: Path) -> None:
    one = build_graph([inputs], BuildConfig(out=tmp_path / "w1", workers=1))
    two = build_graph([inputs], BuildConfig(out=tmp_path / "w2", workers=2))

    for dump in ("graph.nq", "graph.nt", "graph.ttl"):
        assert (tmp_path / "w1" / dump).read_bytes() == (tmp_path / "w2" / dump).read_bytes()
    assert one.extracted == two.extracted == ["A_RES_58_280", "A_RES_79_262"]
    assert one.problems == two.problems
    assert [p["file"] for p in two.problems if p["stage"] == "extract"] == ["broken.txt"]
    assert one.counts == two.counts and one.validation.to_json() == two.validation.to_json()
    assert two.file_steps["rdf"] > 0 and two.timings["total"] > 0

    # incremental: an unchanged file is reused from the parallel build's cache
    third = build_graph([inputs], BuildConfig(out=tmp_path / "w2", workers=2))
    assert third.extracted == [] and third.reused == ["A_RES_58_280", "A_RES_79_262"]
    assert (tmp_path / "w2" / "graph.nq").read_bytes() == (
        tmp_path / "w1" / "graph.nq"
    ).read_bytes()
