"""Negotiation status of the 7 December 2015 draft, counted against the text.

Counted by hand with grep on corpus/wsis/002_a85ec3b89659f1a1.txt:
``grep -o '\\[Suggested for Closure[^]]*\\]'`` gives 40 markers (38 plain, 2 "given new
figures"), one of them on the title line (L76), so 39 in numbered paragraphs; the other
bracket pairs (53 "[" and 53 "]" in all) are 13 bracketed spans, in paragraphs 12, 13, 32,
48, 53, 55, 56, 57, 58, 60, 64 and 70 (two in 70).
"""

from __future__ import annotations

import re

from wsiskg.graph.history.align import Para
from wsiskg.graph.history.status import (
    alternatives,
    document_status,
    paragraph_status,
    resolved_alternative,
)

MARKERS_IN_FILE = 40
MARKERS_IN_TITLE = 1
BRACKETED_SPANS = 13
BRACKETED_PARAS = {"12", "13", "32", "48", "53", "55", "56", "57", "58", "60", "64", "70"}


def test_marker_count_matches_the_text(draft_paras: list[Para], draft_text: str) -> None:
    text = draft_text
    assert len(re.findall(r"\[Suggested for Closure[^\]]*\]", text)) == MARKERS_IN_FILE
    statuses = document_status(draft_paras)
    markers = [m for st in statuses for m in st.markers]
    assert len(markers) == MARKERS_IN_FILE - MARKERS_IN_TITLE
    assert {m.id for m in markers} == {"suggested_for_closure"}
    given = {st.anchor for st in statuses for m in st.markers if "new figures" in m.text}
    assert given == {"23", "24"}


def test_bracket_count_matches_the_text(draft_paras: list[Para], draft_text: str) -> None:
    text = draft_text
    assert text.count("[") == text.count("]") == MARKERS_IN_FILE + BRACKETED_SPANS
    statuses = document_status(draft_paras)
    assert sum(len(st.brackets) for st in statuses) == BRACKETED_SPANS
    assert {st.anchor for st in statuses if not st.agreed} == BRACKETED_PARAS


def test_whole_paragraph_brackets_and_phrases(draft_paras: list[Para]) -> None:
    by = {p.anchor: paragraph_status(p) for p in draft_paras}
    p13 = draft_paras[12]
    (br,) = by["13"].brackets
    assert (br.start, br.end) == (0, len(p13.text))  # the whole paragraph is disputed
    assert [b.text for b in by["12"].brackets] == ["foreign"]
    assert [b.text for b in by["48"].brackets] == ["applicable"]
    assert by["64"].brackets[0].text.startswith("The group will submit a report to the 73rd")
    assert by["1"].marker_ids == ("suggested_for_closure",) and by["1"].agreed


def test_alternatives_kept_and_resolved(draft_paras: list[Para], adopted_paras: list[Para]) -> None:
    st = paragraph_status(draft_paras[69])
    assert [b.text for b in st.brackets] == ["for the General Assembly", "2020/2025"]
    assert st.brackets[0].alternatives == ()
    assert st.brackets[1].alternatives == ("2020", "2025")
    assert resolved_alternative(st.brackets[1], adopted_paras[-1].text) == "2025"


def test_alternatives_only_for_short_options() -> None:
    assert alternatives("2020/2025") == ("2020", "2025")
    assert alternatives("shall/should/may") == ("shall", "should", "may")
    assert (
        alternatives(
            "the Connect 2020 Agenda for Global Telecommunication/ICT Development, "
            "adopted by the Plenipotentiary Conference"
        )
        == ()
    )
    assert alternatives("foreign") == ()


def test_unclosed_bracket_runs_to_the_end() -> None:
    st = paragraph_status(Para("9", "We [call for/urge] action [to be taken"))
    assert [b.text for b in st.brackets] == ["call for/urge", "to be taken"]
    assert st.brackets[0].alternatives == ("call for", "urge")
