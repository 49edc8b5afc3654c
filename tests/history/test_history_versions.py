"""Recognising two documents as versions of one text."""

from __future__ import annotations

from pathlib import Path

from wsiskg.graph.history.align import align
from wsiskg.graph.history.paragraphs import read_numbered
from wsiskg.graph.history.versions import (
    Expression,
    declared_adopted_symbol,
    match_versions,
    order,
    stage_of,
    title_similarity,
)

DRAFT_TITLE = (
    "Outcome Document of the High-Level Meeting of the General Assembly on the Overall Review "
    "of the Implementation of WSIS Outcomes [Suggested for Closure]"
)
ADOPTED_TITLE = (
    "Outcome document of the high-level meeting of the General Assembly on the overall review "
    "of the implementation of the outcomes of the World Summit on the Information Society"
)


def test_bundled_pair_are_versions_without_the_manifest(draft_paras, adopted_paras) -> None:  # type: ignore[no-untyped-def]
    m = match_versions(DRAFT_TITLE, ADOPTED_TITLE, align(draft_paras, adopted_paras))
    assert m.same_work and not m.declared
    assert m.title_similarity > 0.9
    assert m.content_overlap > 0.9


def test_different_texts_are_not_versions(adopted_paras) -> None:  # type: ignore[no-untyped-def]
    ecosoc = Path(__file__).resolve().parents[2] / "corpus/wsis/001_09510892622042c2.txt"
    other = read_numbered(ecosoc.read_text(encoding="utf-8"))
    assert len(other) > 40
    m = match_versions(
        "Assessment of the progress made in the implementation of and follow-up to the "
        "outcomes of the World Summit on the Information Society",
        ADOPTED_TITLE,
        align(other, adopted_paras),
    )
    assert not m.same_work, m


def test_manifest_note_declares_the_adopted_version() -> None:
    note = (
        "two covering letters, then the draft; ... '[Suggested for Closure]' marks "
        "paragraphs proposed as agreed; the adopted version is A/RES/70/125"
    )
    assert declared_adopted_symbol(note) == "A/RES/70/125"
    assert declared_adopted_symbol("symbol and date are not printed in the file") is None
    assert match_versions("a", "b", [], declared=True).same_work


def test_title_similarity_ignores_draft_and_dates() -> None:
    assert title_similarity("Draft Outcome Document – 7 December 2015", "Outcome document") == 1.0


def test_stage_and_order() -> None:
    assert stage_of("letters+draft") == "draft"
    assert stage_of("resolution") == "adopted"
    assert stage_of("report", bracketed=True) == "draft"
    d = Expression("d", "2015-12-07", "draft")
    a = Expression("A/RES/70/125", "2015-12-16", "adopted")
    assert order(a, d) == (d, a)
    assert order(Expression("x", None, "adopted"), Expression("y", None, "draft"))[0].doc_id == "y"
