"""Deadline normalisation, table-driven (ANNOTATION.md "deadline")."""

from __future__ import annotations

import pytest

from wsiskg.extract.deadlines import due_date_of, find_deadlines, normalize, parse_ordinal

DATE = "2015-12-16"

CASES = [
    # text, normalized, due_date, end_year
    ("to hold a high-level meeting in 2025, involving all", "2025", "2025-12-31", 2025),
    ("shall be constituted no later than July 2016", "/2016-07", "2016-07-31", 2016),
    ("not later than 1 March 2017", "/2017-03-01", "2017-03-01", 2017),
    ("to complete the review by the end of 2015", "/2015-12-31", "2015-12-31", 2015),
    ("to achieve gender equality by 2020", "/2020", "2020-12-31", 2020),
    ("to be held from 6 to 9 November 2012 in Baku", "2012-11-06/2012-11-09", "2012-11-09", 2012),
    ("from 30 November to 2 December 2016", "2016-11-30/2016-12-02", "2016-12-02", 2016),
    ("for the period 2016-2025", "2016/2025", "2025-12-31", 2025),
    ("We extend for another 10 years the mandate", "P10Y", "2025-12-16", 2025),
    ("for a further period of five years", "P5Y", "2020-12-16", 2020),
    ("should continue to be held annually", "R/P1Y", None, None),
    ("submit, on a yearly basis, a report", "R/P1Y", None, None),
    ("to meet every year", "R/P1Y", None, None),
    ("to report biennially", "R/P2Y", None, None),
    ("the continuation of annual reports", "R/P1Y", None, None),
    ("to hold a meeting in [2020/2025], which", "2020/2025", "2025-12-31", 2025),
    ("to report on a regular basis", "", None, None),
    ("to periodically review the methods", "", None, None),
    ("to meet on 16 December 2015", "2015-12-16", "2015-12-16", 2015),
    (
        "to the 67th session of the United Nations General Assembly",
        "session:GA:67",
        "2012-12-31",
        2012,
    ),
    ("to report at its seventy-third session", "session:GA:73", "2018-12-31", 2018),
    ("to report at its seventy-first session", "session:GA:71", "2016-12-31", 2016),
    ("to report at its 73rd session", "session:GA:73", "2018-12-31", 2018),
    (
        "Decides to include in the provisional agenda of its eighty-first session the item",
        "session:GA:81",
        "2026-12-31",
        2026,
    ),
    ("to include in the agenda of its eightieth session", "session:GA:80", "2025-12-31", 2025),
    (
        "to convene a meeting on 16 and 17 December 2025",
        "2025-12-16/2025-12-17",
        "2025-12-17",
        2025,
    ),
]


@pytest.mark.parametrize(("text", "normalized", "due", "end_year"), CASES)
def test_normalize(text: str, normalized: str, due: str | None, end_year: int | None) -> None:
    d = normalize(text, doc_date=DATE, issuer="GA")
    assert d.normalized == normalized
    assert d.due_date == due
    assert d.end_year == end_year
    assert d.text and d.rule


NOT_DEADLINES = [
    # the agenda of a meeting, a session without a number
    "to consider the agenda of its next session",
    "the agenda of the session of the Commission",
    "to consider the annual reports of the Commission",
    "to nominate their projects to the annual WSIS Project Prizes",
    "recalling resolution 2011/16 of 26 July 2011",
    "only 41 per cent of women have Internet access",
    "the request in paragraph 111 of the Tunis Agenda",
    "to achieve the 2030 Agenda for Sustainable Development",
    "across all 17 Sustainable Development Goals",
    "growth in mobile telephony since 2005",
]


@pytest.mark.parametrize("text", NOT_DEADLINES)
def test_not_a_deadline(text: str) -> None:
    assert find_deadlines(text, doc_date=DATE, issuer="GA") == []


def test_its_session_resolves_to_the_nearest_preceding_body() -> None:
    text = "The group will submit a report to the Commission at its twenty-first session"
    start = text.index("Commission")
    bodies = [(start, start + len("Commission"), "CSTD")]
    found = find_deadlines(text, issuer="GA", bodies=bodies)
    assert [(t.normalized, t.end_year) for t in found] == [("session:CSTD:21", 2018)]
    # with no session-holding body in the clause, "its" is the issuer
    assert normalize("to report at its twenty-first session", issuer="ECOSOC").normalized == (
        "session:ECOSOC:21"
    )


def test_first_expression_wins_and_offsets_point_into_the_text() -> None:
    text = "to report annually and to hold a meeting in 2025"
    found = find_deadlines(text)
    assert [t.normalized for t in found] == ["R/P1Y", "2025"]
    assert text[found[1].start : found[1].end] == "in 2025"


@pytest.mark.parametrize(
    ("word", "n"),
    [
        ("first", 1),
        ("twenty-first", 21),
        ("seventy-third", 73),
        ("73rd", 73),
        ("hundredth", 100),
        ("one hundred and first", 101),
        ("sixtieth", 60),
        ("session", None),
    ],
)
def test_parse_ordinal(word: str, n: int | None) -> None:
    assert parse_ordinal(word) == n


def test_due_date_of() -> None:
    assert due_date_of("/2016-02") == "2016-02-29"
    assert due_date_of("R/P1Y") is None
    assert due_date_of("session:GA:67") is None
