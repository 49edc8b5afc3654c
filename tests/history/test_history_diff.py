"""Commitment diff from the 7 December 2015 draft to A/RES/70/125, on the hand-made gold
records of both texts (so the diff is tested, not the extractors). Each expected change was
found by reading the two paragraphs; the text assertions show what the records stand for.
"""

from __future__ import annotations

import pytest

from wsiskg.extract.records import Deadline, Span, Task
from wsiskg.graph.history.align import Alignment, Para, align
from wsiskg.graph.history.diff import Change, changes_for_body, commitment_diff


@pytest.fixture(scope="module")
def changes(draft_paras, adopted_paras, draft_records, adopted_records) -> list[Change]:  # type: ignore[no-untyped-def]
    alignments = align(draft_paras, adopted_paras)
    return commitment_diff(
        alignments, draft_records[0], adopted_records[0], draft_records[1], adopted_records[1]
    )


def _find(changes: list[Change], **want: str) -> list[dict[str, str]]:
    rows = [c.to_row() for c in changes]
    return [r for r in rows if all(r[k] == v for k, v in want.items())]


def _text(paras: list[Para], anchor: str) -> str:
    return next(p.text for p in paras if p.anchor == anchor)


def test_high_level_meeting_2020_2025_becomes_2025_and_agree_becomes_request(
    changes: list[Change], draft_paras: list[Para], adopted_paras: list[Para]
) -> None:
    assert "We accordingly agree [for the General Assembly]" in _text(draft_paras, "70")
    assert "in [2020/2025]" in _text(draft_paras, "70")
    assert "We accordingly request the General Assembly to hold" in _text(adopted_paras, "71")
    assert "in 2025," in _text(adopted_paras, "71")
    (row,) = _find(changes, record="task", body="GA", from_para="70", to_para="71")
    assert row["change"] == "changed"
    assert row["fields"] == "relation,deadline"
    assert (row["from_relation"], row["to_relation"]) == ("decides", "requests")
    assert (row["from_deadline"], row["to_deadline"]) == ("2020/2025", "2025")


def test_call_on_chair_to_re_establish_becomes_request_to_establish(
    changes: list[Change], draft_paras: list[Para], adopted_paras: list[Para]
) -> None:
    assert "call on the Chair of the Commission on Science and" in _text(draft_paras, "64")
    assert "to re-establish a working group" in _text(draft_paras, "64")
    assert (
        "request the Chair of the Commission on Science and Technology for Development, "
        "through the Economic and Social Council, to establish a working group"
        in _text(adopted_paras, "65")
    )
    (row,) = _find(changes, record="task", body="CSTD-Chair")
    assert (row["change"], row["fields"]) == ("changed", "relation")
    assert (row["from_relation"], row["to_relation"]) == ("calls_upon", "requests")
    assert row["from_deadline"] == row["to_deadline"] == "/2016-07"  # "no later than July 2016"


def test_working_group_reports_to_cstd_21st_session_not_ga_73rd(
    changes: list[Change], draft_paras: list[Para], adopted_paras: list[Para]
) -> None:
    assert "[The group will submit a report to the 73rd session of the General Assembly" in _text(
        draft_paras, "64"
    )
    assert (
        "submit a report to the Commission on Science and Technology for Development at its "
        "twenty-first session" in _text(adopted_paras, "65")
    )
    (row,) = _find(changes, record="task", body="WG-EC")
    assert "deadline" in row["fields"].split(",")
    assert (row["from_deadline"], row["to_deadline"]) == ("session:GA:73", "session:CSTD:21")


def test_high_level_political_forum_invited(
    changes: list[Change], adopted_paras: list[Para]
) -> None:
    assert (
        "invite the high-level political forum on sustainable development to consider the "
        "annual reports" in _text(adopted_paras, "67")
    )
    (row,) = _find(changes, record="task", body="HLPF")
    assert (row["change"], row["from_para"], row["to_para"], row["to_relation"]) == (
        "added",
        "",
        "67",
        "invites",
    )


def test_cybercrime_legislation_call_dropped_with_draft_55(
    changes: list[Change], draft_paras: list[Para]
) -> None:
    assert (
        "We call upon governments in cooperation with other stakeholders to develop "
        "necessary legislation" in _text(draft_paras, "55")
    )
    removed = _find(changes, record="task", change="removed", from_para="55")
    assert [(r["body"], r["from_relation"]) for r in removed] == [("MemberStates", "calls_upon")]
    refs = {r["body"] for r in _find(changes, record="reference", change="removed", from_para="55")}
    assert refs == {"A/RES/55/63", "A/RES/56/121", "Budapest-Convention"}


def test_bracketed_capacity_commitment_gone_from_56(changes: list[Change]) -> None:
    (row,) = _find(changes, record="task", from_para="56")
    assert (row["change"], row["body"], row["from_relation"]) == ("removed", "GA", "commits")
    assert row["alignment"] == "reworded"  # the paragraph survives as adopted 54


def test_unchanged_commitments_are_not_reported(changes: list[Change]) -> None:
    # the IGF extension (draft 62 -> adopted 63) kept its relation and P10Y
    assert _find(changes, record="task", body="IGF") == []
    assert _find(changes, record="task", body="WSIS-Forum") == []  # held annually, both texts


def test_changes_for_body(changes: list[Change]) -> None:
    cstd_chair = changes_for_body(changes, "CSTD-Chair")
    assert [c.change for c in cstd_chair] == ["changed"]


def _task(para: str, addressee: str, relation: str, quote: str, deadline: str = "") -> Task:
    z = Span(0, 0)
    return Task("d", para, relation, addressee, Deadline(deadline), quote, z, z, "", None, "t")


def test_task_handed_to_another_body_is_an_addressee_change() -> None:
    al = Alignment(("3",), ("4",), "reworded", 0.8)
    before = [_task("3", "UNGIS", "requests", "prepare a report on gender and ICT statistics")]
    after = [_task("4", "ITU", "requests", "prepare a report on gender and ICT statistics")]
    (c,) = commitment_diff([al], before, after)
    assert (c.change, c.fields, c.body) == ("changed", ("addressee",), "ITU")


def test_new_and_dropped_paragraphs_add_and_remove() -> None:
    als = [Alignment(("1",), (), "dropped", 0.0), Alignment((), ("1",), "new", 0.0)]
    before = [_task("1", "UNGIS", "invites", "coordinate")]
    after = [_task("1", "CSTD", "requests", "review", "session:CSTD:19")]
    got = [(c.change, c.body) for c in commitment_diff(als, before, after)]
    assert got == [("removed", "UNGIS"), ("added", "CSTD")]
