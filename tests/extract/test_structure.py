"""Segmentation of the five gold documents: every gold anchor is producible, offsets are exact."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from wsiskg.extract.loading import read_source
from wsiskg.extract.manifest import read_manifest
from wsiskg.extract.metadata import infer_meta
from wsiskg.extract.records import Block, DocumentPart, SourceText
from wsiskg.extract.structure import segment, segment_with_problems
from wsiskg.paths import corpus_dir, gold_dir

STEMS = (
    "000_9ad951335a767be4",
    "001_09510892622042c2",
    "002_a85ec3b89659f1a1",
    "003_b16520d507c3bcf7",
    "004_3e7d3024c80fa0c1",
)


@cache
def _segmented(stem: str) -> tuple[SourceText, tuple[DocumentPart, ...]]:
    source = read_source(corpus_dir() / f"{stem}.txt")
    row = read_manifest(corpus_dir()).get(f"{stem}.txt")
    return source, segment(source, infer_meta(source, row))


def _blocks(stem: str) -> list[Block]:
    return [b for part in _segmented(stem)[1] for b in part.blocks]


def _anchors(stem: str) -> list[str]:
    return [b.anchor for b in _blocks(stem) if b.anchor is not None]


@pytest.mark.parametrize("stem", STEMS)
def test_every_gold_para_is_producible(stem: str) -> None:
    source, _ = _segmented(stem)
    blocks = _blocks(stem)
    anchors = set(_anchors(stem))
    for line in (gold_dir() / f"{stem}.jsonl").read_text(encoding="utf-8").splitlines():
        para = json.loads(line)["para"]
        if para.startswith("L"):
            n = int(para[1:])
            inside = [
                b
                for b in blocks
                if b.anchor is not None
                and source.line_of(b.span.start) <= n <= source.line_of(b.span.end)
            ]
            assert not inside, f"{stem}: {para} falls inside anchored block {inside[0].anchor}"
            assert any(
                b.anchor is None and b.line <= n <= source.line_of(b.span.end) for b in blocks
            ), f"{stem}: no line-anchored block covers {para}"
        else:
            assert para in anchors, f"{stem}: gold anchor {para} not produced"


@pytest.mark.parametrize("stem", STEMS)
def test_block_offsets_point_at_their_text(stem: str) -> None:
    source, parts = _segmented(stem)
    for part in parts:
        for b in part.blocks:
            text = source.text[b.span.start : b.span.end]
            assert text and text == text.strip(), (stem, b)
            assert source.line_of(b.span.start) == b.line
            if b.number and b.kind in {"operative", "preamble"}:
                assert text.startswith(b.number), (stem, b)
            if b.kind == "subitem":
                assert text.startswith(f"({b.number})")


def test_004_anchors_pp1_to_pp5_then_1_to_71() -> None:
    assert _anchors("004_3e7d3024c80fa0c1") == [f"pp{i}" for i in range(1, 6)] + [
        str(i) for i in range(1, 72)
    ]
    headings = [b for b in _blocks("004_3e7d3024c80fa0c1") if b.kind == "heading"]
    assert [b.line for b in headings][:9] == [31, 42, 51, 59, 68, 77, 86, 97, 101]


def test_001_preamble_paragraphs_and_subitems() -> None:
    anchors = _anchors("001_09510892622042c2")
    expected = [f"pp{i}" for i in range(1, 9)] + [str(i) for i in range(1, 33)]
    expected += [f"32({c})" for c in "abcdefg"] + [str(i) for i in range(33, 47)]
    assert anchors == expected
    pp7 = next(b for b in _blocks("001_09510892622042c2") if b.anchor == "pp7")
    source, _ = _segmented("001_09510892622042c2")
    assert (pp7.line, source.line_of(pp7.span.end)) == (15, 16)  # wrapped over two lines
    sub = next(b for b in _blocks("001_09510892622042c2") if b.anchor == "32(b)")
    assert sub.parent == "32" and sub.kind == "subitem"


def test_002_letters_then_draft_numbered_1_to_70() -> None:
    source, parts = _segmented("002_a85ec3b89659f1a1")
    assert [p.kind for p in parts] == ["letter", "letter", "draft"]
    assert [p.issuer for p in parts] == ["PGA", "WSIS-CoFacilitators", "GA"]
    assert [p.date for p in parts] == ["2015-12-07"] * 3
    assert [source.line_of(p.span.start) for p in parts] == [5, 27, 76]
    draft = parts[2]
    assert [b.anchor for b in draft.blocks if b.anchor] == [str(i) for i in range(1, 71)]
    kinds = {b.anchor: b.kind for b in draft.blocks if b.anchor}
    assert [kinds[str(i)] for i in range(1, 7)] == ["preamble"] * 5 + ["operative"]
    p5 = next(b for b in draft.blocks if b.anchor == "5")
    assert source.line_of(p5.span.end) == 88  # continues after a blank line
    p64 = next(b for b in draft.blocks if b.anchor == "64")
    assert source.line_of(p64.span.end) == 192  # hard break mid-sentence
    p13 = next(b for b in draft.blocks if b.anchor == "13")
    assert source.text[p13.bracketed[0].start] == "["
    assert source.text[p13.bracketed[0].end - 1] == "]"
    p82 = next(b for b in draft.blocks if b.anchor == "1")
    assert p82.status_markers == ("Suggested for Closure",)
    assert not p82.bracketed  # a status marker is not bracketed text
    p23 = next(b for b in draft.blocks if b.anchor == "23")
    assert p23.status_markers == ("Suggested for Closure, given new figures",)


def test_003_report_has_no_numbered_paragraphs() -> None:
    _, parts = _segmented("003_b16520d507c3bcf7")
    assert [p.kind for p in parts] == ["report"]
    assert _anchors("003_b16520d507c3bcf7") == []
    kinds = {b.line: b.kind for b in parts[0].blocks}
    assert kinds[23] == kinds[31] == kinds[35] == "heading"
    assert kinds[32] == kinds[44] == "bullet"


def test_000_letter_then_summary() -> None:
    source, parts = _segmented("000_9ad951335a767be4")
    assert [(p.kind, p.issuer) for p in parts] == [("letter", "PGA"), ("summary", "PGA")]
    assert parts[0].date == "2015-08-12" and parts[1].date == "2015-07-02"
    assert source.line_of(parts[1].span.start) == 25
    assert _anchors("000_9ad951335a767be4") == []


def test_parts_issuer_symbol_of_resolutions() -> None:
    _, parts = _segmented("004_3e7d3024c80fa0c1")
    assert [(p.kind, p.issuer, p.symbol, p.date) for p in parts] == [
        ("resolution", "GA", "A/RES/70/125", "2015-12-16")
    ]
    _, parts = _segmented("001_09510892622042c2")
    assert (parts[0].issuer, parts[0].symbol) == ("ECOSOC", "E/RES/2012/5")


def test_without_manifest_the_text_decides(tmp_path: Path) -> None:
    src = corpus_dir() / "002_a85ec3b89659f1a1.txt"
    copy = tmp_path / src.name
    copy.write_bytes(src.read_bytes())
    source = read_source(copy)
    parts = segment(source, infer_meta(source, None))
    assert [p.kind for p in parts] == ["letter", "letter", "draft"]


FIXTURE = Path(__file__).resolve().parent.parent / "data" / "structure_annex.txt"


def test_quoted_draft_numbers_do_not_collide() -> None:
    source = read_source(FIXTURE)
    seg = segment_with_problems(source, infer_meta(source, None))
    anchors = [b.anchor for p in seg.parts for b in p.blocks if b.anchor]
    # the main text's "3." keeps its number after the quoted draft
    assert anchors == ["pp1", "1", "2", "3"]
    # the quoted draft's preamble, "1." and "2." (with its sub-items) are line-anchored
    quoted = [b for p in seg.parts for b in p.blocks if b.line >= 9 and b.line <= 12]
    assert quoted and all(b.anchor is None for b in quoted)
    assert seg.parts[0].issuer == "HRC"


FOOTNOTED = (
    "The General Assembly,\n\n"
    "Recalling the Geneva Declaration of Principles and the Tunis Agenda for the Information "
    "Society,2\n"
    "Recalling also its resolution 70/125 of 16 December 2015 and the Tunis Commitment;3\n"
    "Reaffirming the Addis Ababa Action Agenda of the Third International Conference,4\n"
    "Noting the Internet Governance Forum,\n\n"
    "1. Decides to remain seized of the matter.\n\n"
    "2 See A/60/687.\n3 See A/C.2/59/3.\n4 Resolution 69/313, annex.\n"
)


def test_footnote_marker_after_final_punctuation_ends_the_paragraph(tmp_path: Path) -> None:
    # the footnote run starts at 2 here, so give it a "1" line too
    path = tmp_path / "fn.txt"
    path.write_text(FOOTNOTED.replace("2 See A/60/687.", "1 Ibid.\n2 See A/60/687."))
    source = read_source(path)
    blocks = [b for p in segment(source, infer_meta(source, None)) for b in p.blocks]
    pre = [b for b in blocks if b.kind == "preamble"]
    assert [b.anchor for b in pre] == ["pp1", "pp2", "pp3", "pp4"]
    assert [b.line for b in pre] == [3, 4, 5, 6]
    # the block still covers its marker (offsets are the original text's)
    assert source.text[pre[0].span.start : pre[0].span.end].endswith("Society,2")
    assert not any(b.kind == "heading" for b in blocks)


def test_number_ending_a_line_without_footnotes_is_text(tmp_path: Path) -> None:
    # no footnote section: "Goal 2" is text, and its line wraps (a preamble, not a heading)
    path = tmp_path / "nofn.txt"
    path.write_text(
        "The General Assembly,\n\nRecalling the targets of Sustainable Development Goal 2\n"
        "and its resolution 70/1,\nNoting the report,\n\n1. Decides to remain seized.\n"
    )
    source = read_source(path)
    blocks = [b for p in segment(source, infer_meta(source, None)) for b in p.blocks]
    assert [b.anchor for b in blocks if b.kind == "preamble"] == ["pp1", "pp2"]
    assert source.text[blocks[1].span.start : blocks[1].span.end] == (
        "Recalling the targets of Sustainable Development Goal 2\nand its resolution 70/1,"
    )
