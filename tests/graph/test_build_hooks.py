"""The build's graph-wide hook (negotiation history) and its records cache."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.graph.conftest import fixture_extractor
from wsiskg.extract.records import FileExtraction
from wsiskg.graph import build
from wsiskg.graph.build import BuildConfig, build_graph
from wsiskg.graph.history.digest import FileDigest

WSIS = "https://w3id.org/wsiskg/def/"


@pytest.fixture
def fake_history(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """A stand-in history step that records the stems whose digests it was given each build."""
    calls: list[list[str]] = []

    def history_quads(
        digests: Sequence[FileDigest], load: Callable[[str], FileExtraction], base_iri: str
    ) -> list[ox.Quad]:
        stems = [d.stem for d in digests]
        assert all(load(stem).source.stem == stem for stem in stems)  # records are there too
        calls.append(stems)
        g = ox.NamedNode(f"{base_iri}graph/history")
        work = ox.NamedNode(f"{base_iri}id/work/{'+'.join(stems)}")
        quads = [ox.Quad(work, ox.NamedNode(f"{WSIS}versionEvidence"), ox.Literal("x"), g)]
        # a TextVersion without its required links: history.ttl must catch it
        bad = ox.NamedNode(f"{base_iri}id/version/bad")
        rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
        quads.append(ox.Quad(bad, rdf_type, ox.NamedNode(f"{WSIS}TextVersion"), g))
        return quads

    monkeypatch.setattr(build, "history_quads_from_digests", history_quads)
    return calls


def test_history_hook_gets_every_file_also_reused_ones(
    tmp_path: Path, fake_history: list[list[str]]
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for stem in ("one", "two"):
        (inputs / f"{stem}.txt").write_text(stem)
    cfg = BuildConfig(out=tmp_path / "out", extractor=fixture_extractor)
    first = build_graph([inputs], cfg)
    (inputs / "three.txt").write_text("new")
    second = build_graph([inputs], cfg)

    assert second.extracted == ["three"] and second.reused == ["one", "two"]
    assert fake_history == [["one", "two"], ["one", "three", "two"]]
    store = ox.Store.read_only(str(tmp_path / "out" / "store"))
    works = [
        q.subject.value
        for q in store.quads_for_pattern(
            None, None, None, ox.NamedNode("https://w3id.org/wsiskg/graph/history")
        )
        if q.predicate.value.endswith("versionEvidence")
    ]
    assert works == ["https://w3id.org/wsiskg/id/work/one+three+two"]  # old graph replaced
    for result in (first, second):
        bad = [v for v in result.validation.violations if v.focus.endswith("/version/bad")]
        assert bad and {v.graph for v in bad} == {"https://w3id.org/wsiskg/graph/history"}
        assert {v.path for v in bad} >= {"wsis:versionOf", "wsis:versionStage"}
    assert "graph/history" in (tmp_path / "out" / "graph.nq").read_text("utf-8")
