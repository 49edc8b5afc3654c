"""Task extraction (ANNOTATION.md "task") on sentences written for these tests.

Docs are built with ``spacy.blank("en")`` and the actor mentions are set by hand, so these
tests do not depend on the actor ruler.
"""

from __future__ import annotations

import re

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from wsiskg.extract.components.rules import load_rules
from wsiskg.extract.components.task_extractor import TaskContext, TaskExtractor
from wsiskg.extract.context import BlockContext, DocumentState
from wsiskg.extract.offsets import CleanText

ACTORS = {
    "Secretary-General": "SG",
    "Chair of the Commission on Science and Technology for Development": "CSTD-Chair",
    "Commission on Science and Technology for Development": "CSTD",
    "International Telecommunication Union": "ITU",
    "UNESCO": "UNESCO",
    "action line facilitators": "ActionLineFacilitators",
    "regional commissions": "RegionalCommissions",
    "the Commission": "CSTD",
    "Economic and Social Council": "ECOSOC",
    "Internet Governance Forum": "IGF",
    "IGF": "IGF",
    "United Nations Group on the Information Society": "UNGIS",
    "all Governments": "MemberStates",
    "Governments": "MemberStates",
    "States": "MemberStates",
    "all States": "MemberStates",
    "the private sector": "PrivateSector",
    "civil society": "CivilSociety",
    "international organizations": "InternationalOrganizations",
    "all other relevant stakeholders": "AllStakeholders",
    "all stakeholders": "AllStakeholders",
    "WSIS Forum": "WSIS-Forum",
    "Partnership on Measuring ICT for Development": "Partnership-ICT4D",
    "The group": "WG-EC",
    "General Assembly": "GA",
    "international community": "InternationalCommunity",
}


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("wsis_task_extractor_v1")
    return nlp


def make_doc(
    nlp: Language,
    text: str,
    kind: str = "operative",
    document_kind: str = "resolution",
    issuer: str | None = "GA",
    parent: TaskContext | None = None,
) -> Doc:
    doc = nlp.make_doc(text)
    spans = []
    for surface, actor in ACTORS.items():
        for m in re.finditer(rf"\b{re.escape(surface)}\b", text):
            span = doc.char_span(m.start(), m.end(), label=actor, alignment_mode="expand")
            if span is not None:
                spans.append(span)
    doc.spans["wsis_actors"] = spans
    state = DocumentState(issuer=issuer, date="2015-12-16")
    doc.user_data["wsis"] = BlockContext(
        stem="t",
        anchor="5",
        kind=kind,
        clean=CleanText(text),
        source_text=text,
        state=state,
        document_kind=document_kind,
        parent_task_context=parent,
    )
    return nlp.get_pipe("wsis_task_extractor_v1")(doc)


def triples(doc: Doc) -> list[tuple[str, str, str]]:
    return [(t.relation, t.addressee, t.deadline.normalized) for t in doc._.wsis_tasks]


CASES = [
    ("Requests the Secretary-General to submit a report annually;", [("requests", "SG", "R/P1Y")]),
    (
        "Also requests the Secretary-General to report to the "
        "General Assembly at its seventy-first session;",
        [("requests", "SG", "session:GA:71")],
    ),
    (
        "Calls upon all States, in building the information society, to take steps;",
        [("calls_upon", "MemberStates", "")],
    ),
    (
        "We accordingly call upon all Governments, the private "
        "sector, civil society, international "
        "organizations and all other relevant stakeholders to "
        "integrate ICTs into their approaches.",
        [
            ("calls_upon", a, "")
            for a in (
                "MemberStates",
                "PrivateSector",
                "CivilSociety",
                "InternationalOrganizations",
                "AllStakeholders",
            )
        ],
    ),
    (
        "We accordingly request the Chair of the Commission on "
        "Science and Technology for Development, "
        "through the Economic and Social Council, to establish a "
        "working group. The group, which shall "
        "be constituted no later than July 2016, will decide on "
        "its methods of work. The group will "
        "submit a report to the Commission on Science and Technology for Development at its "
        "twenty-first session.",
        [("requests", "CSTD-Chair", "/2016-07"), ("requests", "WG-EC", "session:CSTD:21")],
    ),
    (
        "We extend for another 10 years the existing mandate of the Internet Governance Forum.",
        [("extends_mandate", "IGF", "P10Y")],
    ),
    ("We extend the IGF mandate for another 10 years.", [("extends_mandate", "IGF", "P10Y")]),
    (
        "The mandate of the Internet Governance Forum is "
        "extended for a further period of five years.",
        [("extends_mandate", "IGF", "P5Y")],
    ),
    (
        "In building the information society, States are strongly urged to take steps.",
        [("urges", "MemberStates", "")],
    ),
    (
        "We also call for the continuation of the work of the "
        "United Nations Group on the Information "
        "Society in coordinating the work of United Nations agencies.",
        [("calls_upon", "UNGIS", "")],
    ),
    (
        "We call for strengthening local statistical capacity "
        "by Governments and all other relevant "
        "stakeholders.",
        [("calls_upon", "MemberStates", ""), ("calls_upon", "AllStakeholders", "")],
    ),
    (
        "We commit to harnessing the potential of ICTs to achieve the Goals.",
        [("commits", "GA", "")],
    ),
    ("We resolve to strengthen respect for the rule of law.", [("commits", "GA", "")]),
    ("We affirm our commitment to bridging digital divides.", [("commits", "GA", "")]),
    (
        "Decides to forward the report to the 67th session of the General Assembly;",
        [("decides", "GA", "session:GA:67")],
    ),
    (
        "We accordingly agree to hold a High Level Meeting on "
        "the Information Society in [2020/2025].",
        [("decides", "GA", "2020/2025")],
    ),
    (
        "We recognize that the WSIS Forum has been a platform for all stakeholders, and it should "
        "continue to be held annually.",
        [("recommends", "WSIS-Forum", "R/P1Y")],
    ),
    (
        "The activities of the Partnership on Measuring ICT for Development have made a valuable "
        "contribution and should be continued.",
        [("recommends", "Partnership-ICT4D", "")],
    ),
    (
        "Invites the international community to make voluntary contributions to the trust fund;",
        [("invites", "InternationalCommunity", "")],
    ),
    (
        "Urges the Secretary-General to ensure the functioning of the IGF in preparation for its "
        "meeting, to be held from 6 to 9 November 2012 in Baku;",
        [("urges", "SG", "2012-11-06/2012-11-09")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_task(nlp: Language, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert triples(make_doc(nlp, text)) == expected


NEGATIVES = [
    # a task verb in a relative clause, past tense, a noun
    "Recalls paragraph 111 of the Tunis Agenda, which requests "
    "the General Assembly to make a review;",
    "Recalls resolution 66/184, which invited the Chair of "
    "the Commission on Science and Technology "
    "for Development to convene a meeting;",
    "Recalling the request in paragraph 111 of the Tunis Agenda to the General Assembly to review;",
    # no identifiable addressee
    "We call for immediate measures to achieve gender equality by 2020.",
    "We recommend that capacity development be emphasized.",
    # a commitment to a document is a reference, not a task
    "We reaffirm our commitment to article 19 of the Universal Declaration of Human Rights.",
    # first-person base form without "we"
    "Notes the efforts to encourage all stakeholders to participate;",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_not_a_task(nlp: Language, text: str) -> None:
    assert triples(make_doc(nlp, text)) == []


@pytest.mark.parametrize("kind", ["preamble", "letter", "prose"])
def test_no_tasks_outside_operative_blocks(nlp: Language, kind: str) -> None:
    doc = make_doc(nlp, "Requests the Secretary-General to submit a report;", kind=kind)
    assert doc._.wsis_tasks == []


def test_no_tasks_in_reports(nlp: Language) -> None:
    doc = make_doc(nlp, "Requests the Secretary-General to report;", document_kind="report")
    assert doc._.wsis_tasks == []


def test_annual_reports_is_not_a_deadline(nlp: Language) -> None:
    doc = make_doc(nlp, "Invites the international community to consider the annual reports;")
    assert triples(doc) == [("invites", "InternationalCommunity", "")]


def test_self_commitment_needs_an_issuer(nlp: Language) -> None:
    assert triples(make_doc(nlp, "We commit to bridging divides.", issuer=None)) == []


def test_record_fields(nlp: Language) -> None:
    text = "We accordingly request the Secretary-General to hold a meeting in 2025."
    (task,) = make_doc(nlp, text)._.wsis_tasks
    assert task.verb_text == "We accordingly request"
    assert text[task.verb_span.start : task.verb_span.end] == "request"
    assert task.quote == "hold a meeting in 2025"
    assert task.rule == "requests.request"
    assert task.para == "5"
    assert task.addressee_span is not None
    assert text[task.addressee_span.start : task.addressee_span.end] == "Secretary-General"
    assert task.deadline.due_date == "2025-12-31"
    assert task.to_gold()["deadline"] == "2025"


def test_sub_items_inherit_the_chapeau(nlp: Language) -> None:
    chapeau = make_doc(nlp, "Requests the Secretary-General to:")
    ctx = chapeau._.wsis_task_context
    assert ctx == TaskContext("requests", ("SG",), "Requests", "requests.requests", True, False)
    item = make_doc(nlp, "(a) submit a report annually;", kind="subitem", parent=ctx)
    assert triples(item) == [("requests", "SG", "R/P1Y")]
    own = make_doc(nlp, "(b) invites all States to contribute;", kind="subitem", parent=ctx)
    assert triples(own) == [("invites", "MemberStates", "")]


def test_sub_items_name_their_addressees(nlp: Language) -> None:
    ctx = make_doc(nlp, "Calls upon:")._.wsis_task_context
    assert ctx is not None and ctx.open_addressee
    item = make_doc(nlp, "(a) all States to report by 2020;", kind="subitem", parent=ctx)
    assert triples(item) == [("calls_upon", "MemberStates", "/2020")]


@pytest.mark.parametrize("rule", load_rules("tasks"), ids=lambda r: r.id)
def test_every_rule_example_fires(nlp: Language, rule) -> None:  # type: ignore[no-untyped-def]
    ex: TaskExtractor = nlp.get_pipe("wsis_task_extractor_v1")
    doc = make_doc(nlp, rule.example)
    assert rule.id in {c.rule.id for c in ex.cues(doc)}


GENERALISATION_CASES = [
    # subjunctive after "that": the subject is the addressee
    (
        "Recommends that the Commission review its methods of work biennially;",
        [("recommends", "CSTD", "R/P2Y")],
    ),
    (
        "Recommends that the General Assembly [decide to] hold a meeting in 2026;",
        [("recommends", "GA", "2026")],
    ),
    # a standing fact about another noun is not the task's deadline; a modal clause is
    (
        "Invites all stakeholders to contribute to the WSIS Forum, which is held annually;",
        [("invites", "AllStakeholders", "")],
    ),
    (
        "Invites all stakeholders to form a group, which shall meet annually;",
        [("invites", "AllStakeholders", "R/P1Y")],
    ),
    # brackets inside the infinitive
    (
        "Urges the Secretary-General to [continue to] report annually;",
        [("urges", "SG", "R/P1Y")],
    ),
    # a preposition governs both conjuncts: neither is an addressee
    (
        "Requests the Secretary-General, in consultation with the United Nations Group on the "
        "Information Society and the regional commissions, to prepare a report;",
        [("requests", "SG", "")],
    ),
    # an "as"-role names no addressee, "as well as" still coordinates
    (
        "Invites the International Telecommunication Union and UNESCO, as action line "
        "facilitators, to report;",
        [("invites", "ITU", ""), ("invites", "UNESCO", "")],
    ),
    (
        "Invites the International Telecommunication Union as well as UNESCO to report;",
        [("invites", "ITU", ""), ("invites", "UNESCO", "")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), GENERALISATION_CASES)
def test_generalisation_cases(
    nlp: Language, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert triples(make_doc(nlp, text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        # indicative or past after "that": a statement, not a recommendation
        "Recommends that the Commission reviews its methods of work;",
        "Decides that the Commission reviewed its methods of work;",
        # a preposition after the subject
        "Recommends that the Commission in its work take account of gender;",
    ],
)
def test_that_clause_without_a_subjunctive(nlp: Language, text: str) -> None:
    assert triples(make_doc(nlp, text)) == []


def test_chapeau_without_infinitive_hands_its_addressee_to_to_items(nlp: Language) -> None:
    chapeau = make_doc(
        nlp,
        "Requests the Secretary-General, in consultation with the United Nations Group on the "
        "Information Society:",
    )
    assert triples(chapeau) == []  # the chapeau itself gives no task
    ctx = chapeau._.wsis_task_context
    assert ctx is not None and ctx.addressees == ("SG",) and ctx.open_infinitive
    item = make_doc(nlp, "(a) To prepare, by 31 July 2025, a report;", kind="subitem", parent=ctx)
    assert triples(item) == [("requests", "SG", "/2025-07-31")]


def test_chapeau_without_addressee_leaves_no_context(nlp: Language) -> None:
    doc = make_doc(nlp, "Requests, in consultation with the regional commissions:")
    ctx = doc._.wsis_task_context
    assert ctx is None or not ctx.addressees
