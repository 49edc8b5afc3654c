"""Issue 8: an incremental rebuild re-extracts only changed and new files, drops deleted ones,
and gives exactly the graph of a clean build."""

from __future__ import annotations

import json
from pathlib import Path

from tests.scale.scale_helpers import _rows, copy_sample, write_manifest
from wsiskg.graph.build import BuildConfig, build_graph


def _files(out: Path) -> dict[str, list[str]]:
    data = json.loads((out / "build.json").read_text("utf-8"))
    return data["files"]


def test_rebuild_touches_only_what_changed(tmp_path: Path) -> None:
    corpus = copy_sample(
        tmp_path / "in", ("A_RES_58_280.txt", "A_RES_79_262.txt", "A_RES_76_275.txt")
    )
    out = tmp_path / "out"
    first = build_graph([corpus], BuildConfig(out=out))
    assert first.extracted == ["A_RES_58_280", "A_RES_76_275", "A_RES_79_262"]
    store_before = (out / "store").resolve()

    changed = corpus / "A_RES_79_262.txt"
    changed.write_text(
        changed.read_text("utf-8") + "3. Decides to remain seized of the matter.\n", "utf-8"
    )
    (corpus / "A_RES_58_280.txt").unlink()
    copy_sample(corpus, ("S_RES_1860(2009).txt",))  # adds a file (and rewrites the manifest)

    second = build_graph([corpus], BuildConfig(out=out))
    assert _files(out) == {
        "extracted": ["A_RES_79_262", "S_RES_1860(2009)"],
        "reused": ["A_RES_76_275"],
        "removed": ["A_RES_58_280"],
    }
    assert second.extracted == ["A_RES_79_262", "S_RES_1860(2009)"]
    assert (out / "store").resolve() != store_before  # a new store was swapped in
    assert not store_before.exists()

    clean = build_graph([corpus], BuildConfig(out=tmp_path / "clean", incremental=False))
    assert len(clean.extracted) == 3
    for dump in ("graph.nq", "graph.nt", "graph.ttl"):
        assert (out / dump).read_bytes() == (tmp_path / "clean" / dump).read_bytes(), dump
    assert second.counts == clean.counts
    # build.json reports the reused file's structure notes and violations too
    assert second.problems == clean.problems and second.problems
    assert second.validation.to_json() == clean.validation.to_json()
    assert second.triples == clean.triples and second.quads == clean.quads

    # nothing changed: nothing is extracted or rewritten, the same build stays current
    current = (out / "current").resolve()
    third = build_graph([corpus], BuildConfig(out=out))
    assert (out / "current").resolve() == current
    assert third.counts == clean.counts and third.triples == clean.triples
    assert third.validation.to_json() == clean.validation.to_json()
    assert third.extracted == [] and third.reused == sorted(clean.extracted)
    assert third.problems == clean.problems
    assert (out / "graph.nq").read_bytes() == (tmp_path / "clean" / "graph.nq").read_bytes()


def test_manifest_change_rebuilds_the_file(tmp_path: Path) -> None:
    corpus = copy_sample(tmp_path / "in", ("A_RES_79_262.txt", "A_RES_76_275.txt"))
    out = tmp_path / "out"
    build_graph([corpus], BuildConfig(out=out))
    rows = _rows(corpus / "MANIFEST.csv")
    write_manifest(corpus / "MANIFEST.csv", [r for r in rows if r["file"] != "A_RES_76_275.txt"])
    second = build_graph([corpus], BuildConfig(out=out))
    build_graph([corpus], BuildConfig(out=tmp_path / "clean", incremental=False))
    assert second.extracted == ["A_RES_76_275"]
    assert (out / "graph.nq").read_bytes() == (tmp_path / "clean" / "graph.nq").read_bytes()
