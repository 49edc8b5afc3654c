"""History digests: the graph-wide history step from per-file digests gives the quads of the
full-records path, reads only the records of files in candidate pairs, and digests survive a
pickle (the build caches them beside the records)."""

from __future__ import annotations

import dataclasses
import pickle
from collections import Counter
from pathlib import Path

import numpy as np
import pyoxigraph as ox
import pytest

from wsiskg import paths
from wsiskg.extract.pipeline import extract_file
from wsiskg.extract.records import FileExtraction
from wsiskg.graph.history.blocking import candidates, signature, unpack
from wsiskg.graph.history.digest import FileDigest, file_digest
from wsiskg.graph.history.errors import HistoryError
from wsiskg.graph.history.integrate import (
    _history_graph,
    history_graph_iri,
    history_quads,
    history_quads_from_digests,
    to_quads,
    version_pairs,
)
from wsiskg.graph.history.mandates import find_mandates
from wsiskg.graph.history.sources import all_sources
from wsiskg.graph.iris import Iris

BASE = "https://w3id.org/wsiskg/"
UN = Path(__file__).resolve().parents[2] / "corpus" / "un-sample"
DRAFT_STEM, ADOPTED_STEM = "002_a85ec3b89659f1a1", "004_3e7d3024c80fa0c1"


@pytest.fixture(scope="module")
def extractions() -> list[FileExtraction]:
    return [extract_file(f) for f in sorted(paths.corpus_dir().glob("*.txt"))]


@pytest.fixture(scope="module")
def digests(extractions: list[FileExtraction]) -> list[FileDigest]:
    return [file_digest(fx, BASE) for fx in extractions]


class CountingLoader:
    """``load`` for ``history_quads_from_digests`` that records every stem it is asked for."""

    def __init__(self, extractions: list[FileExtraction]) -> None:
        self.by_stem = {fx.source.stem: fx for fx in extractions}
        self.calls: Counter[str] = Counter()

    def __call__(self, stem: str) -> FileExtraction:
        self.calls[stem] += 1
        return self.by_stem[stem]


def _records_path(extractions: list[FileExtraction]) -> list[ox.Quad]:
    """The history quads as computed before digests: every file's ``DocSource``s, blocking on
    signatures hashed from the records, mandates found over all sources."""
    iris = Iris(BASE)
    sources = all_sources(extractions, iris)
    events = [
        (s.version, m)
        for s in sources
        if s.tasks
        for m in find_mandates(s.doc_id, s.version.expression.date, s.tasks, s.references)
    ]
    g = _history_graph(sources, version_pairs(sources), events, iris)
    return to_quads(g, history_graph_iri(BASE))


def test_digest_quads_equal_the_records_path(
    extractions: list[FileExtraction], digests: list[FileDigest]
) -> None:
    quads = history_quads_from_digests(digests, CountingLoader(extractions), BASE)
    expected = _records_path(extractions)
    assert quads == expected
    assert quads == history_quads(extractions, BASE)
    assert any(q.object.value.endswith("TextVersion") for q in quads)  # the draft pairs ...
    assert any("/mandate/" in q.subject.value for q in quads)  # ... and mandates are read


def test_only_files_in_candidate_pairs_are_loaded(
    extractions: list[FileExtraction], digests: list[FileDigest]
) -> None:
    load = CountingLoader(extractions)
    history_quads_from_digests(digests, load, BASE)
    docs = [(fd.stem, d) for fd in digests for d in fd.docs]
    in_pairs = {docs[i][0] for c in candidates([d for _s, d in docs]) for i in (c.a, c.b)}
    assert in_pairs == {DRAFT_STEM, ADOPTED_STEM}
    assert load.calls == Counter(in_pairs)  # each once, and no other file
    assert len(extractions) == 5


def test_no_candidates_no_records_read() -> None:
    """Two adopted Oceans resolutions: no draft, no note, so nothing is loaded at all."""
    fxs = [extract_file(UN / "A_RES_67_78.txt"), extract_file(UN / "A_RES_70_235.txt")]
    load = CountingLoader(fxs)
    quads = history_quads_from_digests([file_digest(fx, BASE) for fx in fxs], load, BASE)
    assert quads == _records_path(fxs)
    assert not load.calls


def test_file_digest_pickles(digests: list[FileDigest]) -> None:
    for fd in digests:
        back = pickle.loads(pickle.dumps(fd, protocol=pickle.HIGHEST_PROTOCOL))
        assert back == fd
        assert isinstance(back, FileDigest)
    assert sum(len(d.mandates) for fd in digests for d in fd.docs)  # mandates pickle too


def test_digest_signature_is_the_records_signature(
    extractions: list[FileExtraction], digests: list[FileDigest]
) -> None:
    sources = all_sources(extractions, Iris(BASE))
    docs = [d for fd in digests for d in fd.docs]
    assert [d.doc_id for d in docs] == [s.doc_id for s in sources]
    assert any(s.negotiable for s in sources)
    for d, s in zip(docs, sources, strict=True):
        assert d.negotiable == s.negotiable
        if not s.negotiable:
            assert d.signature is None
            continue
        assert d.signature is not None
        assert np.array_equal(unpack(d.signature), signature(s.version.paras))


def test_records_that_do_not_match_their_digest_are_refused(
    extractions: list[FileExtraction], digests: list[FileDigest]
) -> None:
    by_stem = {fx.source.stem: fx for fx in extractions}
    draft = by_stem[DRAFT_STEM]
    stale = dataclasses.replace(draft, parts=draft.parts[:1])  # fewer parts than digested

    def load(stem: str) -> FileExtraction:
        return stale if stem == DRAFT_STEM else by_stem[stem]

    with pytest.raises(HistoryError, match=DRAFT_STEM):
        history_quads_from_digests(digests, load, BASE)


def test_a_changed_manifest_note_is_read_again(
    extractions: list[FileExtraction], tmp_path: Path
) -> None:
    """Workers keep one manifest cache over builds: a new note must reach the next digest."""
    draft = next(fx for fx in extractions if fx.source.stem == DRAFT_STEM)
    path = tmp_path / Path(draft.source.path).name
    moved = dataclasses.replace(draft, source=dataclasses.replace(draft.source, path=str(path)))
    manifest = tmp_path / "MANIFEST.csv"
    lines = (paths.corpus_dir() / "MANIFEST.csv").read_text(encoding="utf-8").splitlines()
    header, row = lines[0], next(x for x in lines if x.startswith(path.name))
    manifest.write_text(f"{header}\n{row}\n", encoding="utf-8")

    def declared() -> set[str | None]:
        return {d.declared_adopted for d in file_digest(moved, BASE).docs}

    assert "A/RES/70/125" in declared()
    manifest.write_text(f"{header}\n{path.name},letters+draft,,,,,no note\n", encoding="utf-8")
    assert declared() == {None}
