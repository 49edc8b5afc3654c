"""With the project's segmentation and extractors: the same alignment as on plain paragraphs,
and the document IRIs the main graph uses (the draft is part 2 of its file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wsiskg.graph.history.align import Para, align
from wsiskg.graph.history.compare import compare, load_version

pytest.importorskip("wsiskg.extract.pipeline")
pytest.importorskip("wsiskg.extract.structure")

ROOT = Path(__file__).resolve().parents[2]


def test_pipeline_paragraphs_align_like_plain_ones(
    draft_paras: list[Para], adopted_paras: list[Para]
) -> None:
    a = load_version(ROOT / "corpus/wsis/002_a85ec3b89659f1a1.txt")
    b = load_version(ROOT / "corpus/wsis/004_3e7d3024c80fa0c1.txt")
    assert a.version.doc_iri.endswith("/id/doc/002_a85ec3b89659f1a1/part-2")
    assert b.version.doc_iri.endswith("/id/doc/A/RES/70/125")
    assert [p.anchor for p in a.version.paras] == [p.anchor for p in draft_paras]
    assert [p.anchor for p in b.version.paras] == [p.anchor for p in adopted_paras]
    plain = [(x.sources, x.targets, x.kind) for x in align(draft_paras, adopted_paras)]
    c = compare(a, b)
    assert [(x.sources, x.targets, x.kind) for x in c.alignments] == plain
    # the extracted tasks carry the GA meeting change too (whatever the extractor's verbs)
    ga = [ch for ch in c.changes if ch.body == "GA" and ch.after and ch.after.para == "71"]
    assert ga and ga[0].after.deadline.normalized == "2025"  # type: ignore[union-attr]
