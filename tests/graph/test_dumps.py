"""Dumps re-parse strictly (pyoxigraph, rdflib, rapper), are isomorphic and byte-identical."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from tests.graph.conftest import fixture_extractor
from wsiskg.graph.build import BuildConfig, BuildResult, build_graph


def test_dumps_parse_and_are_isomorphic(fixture_build: BuildResult) -> None:
    out = fixture_build.out
    ttl = list(ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE))
    nt = list(ox.parse(path=str(out / "graph.nt"), format=ox.RdfFormat.N_TRIPLES))
    nq = list(ox.parse(path=str(out / "graph.nq"), format=ox.RdfFormat.N_QUADS))
    assert len(ttl) == len(nt) == fixture_build.triples > 1000
    assert len(nq) == fixture_build.quads >= len(nt)
    g_ttl = Graph().parse(out / "graph.ttl", format="turtle")
    g_nt = Graph().parse(out / "graph.nt", format="nt")
    assert isomorphic(g_ttl, g_nt)
    ds = Dataset().parse(out / "graph.nq", format="nquads")
    assert len({(s, p, o) for s, p, o, _g in ds.quads()}) == len(g_nt)
    assert b"@prefix wsis: <https://w3id.org/wsiskg/def/>" in (out / "graph.ttl").read_bytes()


def test_rapper_accepts_the_turtle(fixture_build: BuildResult) -> None:
    if not shutil.which("rapper"):
        return
    run = subprocess.run(
        ["rapper", "-i", "turtle", "-c", str(fixture_build.out / "graph.ttl")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert f"returned {fixture_build.triples} triples" in run.stderr


def test_rebuild_gives_byte_identical_dumps(
    fixture_build: BuildResult, fixture_inputs: Path, tmp_path: Path
) -> None:
    build_graph([fixture_inputs], BuildConfig(out=tmp_path, extractor=fixture_extractor))
    for name in ("graph.ttl", "graph.nt", "graph.nq"):
        assert (tmp_path / name).read_bytes() == (fixture_build.out / name).read_bytes(), name


def test_incremental_rebuild_replaces_only_changed_files(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for stem in ("one", "two"):
        (inputs / f"{stem}.txt").write_text(stem)
    cfg = BuildConfig(out=tmp_path / "out", extractor=fixture_extractor)
    first = build_graph([inputs], cfg)
    assert sorted(first.extracted) == ["one", "two"]
    (inputs / "two.txt").write_text("changed")
    (inputs / "three.txt").write_text("new")
    (inputs / "one.txt").unlink()
    second = build_graph([inputs], cfg)
    assert sorted(second.extracted) == ["three", "two"]
    assert second.reused == []
    assert second.removed == ["one"]
    build_graph([inputs], BuildConfig(out=tmp_path / "clean", extractor=fixture_extractor))
    assert (tmp_path / "out" / "graph.nq").read_bytes() == (
        tmp_path / "clean" / "graph.nq"
    ).read_bytes()
    third = build_graph([inputs], cfg)
    assert third.extracted == [] and sorted(third.reused) == ["three", "two"]
    store = ox.Store.read_only(str(tmp_path / "out" / "store"))
    graphs = sorted(g.value.rsplit("/", 1)[-1] for g in store.named_graphs())
    assert [g for g in graphs if g != "history"] == ["registry", "shared", "three", "two"]


def test_build_json_records_what_happened(fixture_build: BuildResult) -> None:
    import json

    data = json.loads((fixture_build.out / "build.json").read_text())
    assert data["validation"]["conforms"] is True
    assert data["counts"]["wsis:Task"] == 6  # three tasks in each of two files
    assert set(data["inputs"]) == {"res_a", "res_b"}
    assert len(data["inputs"]["res_a"]["sha256"]) == 64
    assert {"extract", "validate", "dumps", "total"} <= set(data["timings_s"])
