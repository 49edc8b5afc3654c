"""Document mentions and the verb that governs them."""

from __future__ import annotations

import pytest
from spacy.language import Language

from wsiskg.extract.components.reference_finder import expand_paragraphs, instrument_equivalents
from wsiskg.extract.context import DocumentState
from wsiskg.extract.symbols import find_resolutions, find_symbols, resolution_id


def refs(nlp: Language, text: str, state: DocumentState | None = None) -> list[tuple[str, str]]:
    doc = nlp.make_doc(text)
    doc.user_data["wsis_state"] = state or DocumentState()
    for name in ("wsis_actor_ruler", "wsis_reference_finder"):
        doc = nlp.get_pipe(name)(doc)
    return [(r.relation, r.target) for r in doc._.wsis_references]


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("A/RES/70/125", "A/RES/70/125"),
        ("E/CN.16/2010/3", "E/CN.16/2010/3"),
        ("A/C.2/59/3", "A/C.2/59/3"),
        ("A/70/L.33", "A/70/L.33"),
        ("A/67/65-E/2012/48", "A/67/65"),
        ("A/HRC/RES/26/13", "A/HRC/RES/26/13"),
        ("S/RES/1196 (1998)", "S/RES/1196(1998)"),
        ("A/RES/57/270 B", "A/RES/57/270B"),
        ("WSIS-05/TUNIS/DOC/6(Rev.1)", "WSIS-05/TUNIS/DOC/6(Rev.1)"),
        ("A/79/431/Add.2", "A/79/431/Add.2"),
        ("E/CN.16/2024/L.3/Rev.1", "E/CN.16/2024/L.3/Rev.1"),
        ("A/C.2/79/L.5/Corr.1", "A/C.2/79/L.5/Corr.1"),
        ("A/HRC/53/L.4/Amend.1", "A/HRC/53/L.4/Amend.1"),
        ("A/79/812–E/2025/14", "A/79/812"),
        ("A/79/64/Add.1-E/2024/12/Add.1", "A/79/64/Add.1"),
    ],
)
def test_printed_symbols(printed: str, expected: str) -> None:
    assert [m.id for m in find_symbols(f"See {printed}, annex.")] == [expected]


def test_not_symbols() -> None:
    assert list(find_symbols("TCP/IP, and/or 24/7, www.example.org/a/1")) == []
    assert [m.id for m in find_symbols("A/RES/70/125Outcome")] == ["A/RES/70/125"]
    # a lower-case word after the slash is no document part; an en dash alone joins nothing
    assert [m.id for m in find_symbols("A/79/431/Addition")] == ["A/79/431"]
    assert [m.id for m in find_symbols("A/79/812 – the report")] == ["A/79/812"]


@pytest.mark.parametrize(
    ("number", "body", "issuer", "expected"),
    [
        ("68/302", None, "GA", "A/RES/68/302"),
        ("2006/46", None, "ECOSOC", "E/RES/2006/46"),
        ("26/13", None, "HRC", "A/HRC/RES/26/13"),
        ("26/13", "GA", "HRC", "A/RES/26/13"),
        ("1196 (1998)", "SC", None, "S/RES/1196(1998)"),
        ("217 A (III)", None, None, "A/RES/217(III)"),
        ("57/270 B", None, "GA", "A/RES/57/270B"),
    ],
)
def test_resolution_ids(number: str, body: str | None, issuer: str | None, expected: str) -> None:
    assert resolution_id(number, body, issuer) == expected


def test_resolution_lists_with_dates() -> None:
    text = "Recalling its resolutions 2004/68 of 23 July 2004, 2005/12 and 2007/9,"
    assert [m.id for m in find_resolutions(text, "ECOSOC")] == [
        "E/RES/2004/68",
        "E/RES/2005/12",
        "E/RES/2007/9",
    ]


def test_expand_paragraphs() -> None:
    assert expand_paragraphs("12 to 14") == ("12", "13", "14")
    assert expand_paragraphs("3-5 and 9") == ("3", "4", "5", "9")
    assert expand_paragraphs("2 to 3 and 40 to 41") == ("2", "3", "40", "41")


def test_paragraph_reference_gives_one_record_per_paragraph(nlp: Language) -> None:
    got = refs(
        nlp, "Recalls paragraphs 101 to 103 of the Tunis Agenda for the Information Society;"
    )
    assert got == [("recalls", f"WSIS-05/TUNIS/DOC/6(Rev.1)#{n}") for n in (101, 102, 103)]


def test_paragraph_of_a_resolution(nlp: Language) -> None:
    state = DocumentState(issuer="ECOSOC")
    got = refs(nlp, "Reaffirms paragraph 4 of its resolution 2009/7 of 30 July 2009;", state)
    assert got == [("reaffirms", "E/RES/2009/7#4")]


def test_article_of_an_instrument(nlp: Language) -> None:
    got = refs(nlp, "We reiterate our commitment to article 12 of the Universal Declaration.")
    assert got == []  # "Universal Declaration" alone names no instrument
    got = refs(nlp, "We reiterate our attachment to article 12 of the UDHR.")
    assert got == [("reaffirms", "UDHR#12")]


def test_numbers_that_are_not_paragraphs_give_nothing(nlp: Language) -> None:
    assert refs(nlp, "Some 40 paragraphs of text were agreed in 2015 by 193 States.") == []


def test_named_instruments_and_equivalents(nlp: Language) -> None:
    assert refs(nlp, "Guided by the Charter of the United Nations and the 2030 Agenda,") == [
        ("cites", "UN-Charter"),
        ("cites", "A/RES/70/1"),
    ]
    text = "the Universal Declaration of Human Rights. Footnote: resolution 217 A (III)."
    state = DocumentState(equivalents=instrument_equivalents(text))
    assert refs(nlp, "Recalling the Universal Declaration of Human Rights,", state) == [
        ("recalls", "A/RES/217(III)")
    ]


@pytest.mark.parametrize(
    ("sentence", "relation"),
    [
        ("Recalling also General Assembly resolution 60/252,", "recalls"),
        ("Reaffirming General Assembly resolution 60/252,", "reaffirms"),
        ("Taking note with appreciation of the report (A/99/1),", "takes_note"),
        ("Notes with concern the report (A/99/1);", "notes"),
        ("We welcome the report (A/99/1).", "welcomes"),
        ("We reiterate the principles of the Tunis Commitment.", "reaffirms"),
        ("Endorses the report (A/99/1);", "endorses"),
        ("We support the recommendations of the report (A/99/1).", "supports"),
        ("Acting in accordance with General Assembly resolution 60/252,", "cites"),
        ("We recall the values as set out in the Tunis Commitment.", "cites"),
        ("Reaffirming the report, which builds on resolution 60/252,", "cites"),
        ("We commit to support implementation of the 2030 Agenda.", "cites"),
        ("We note the gap, which was noted by the Council in resolution 2009/7.", "cites"),
    ],
)
def test_governing_verb(nlp: Language, sentence: str, relation: str) -> None:
    got = refs(nlp, sentence, DocumentState(issuer="GA"))
    assert got and got[-1][0] == relation


def test_verb_inside_a_quotation_does_not_govern(nlp: Language) -> None:
    got = refs(nlp, "Having considered the note “Recalling the past” in document A/99/1,")
    assert got == [("cites", "A/99/1")]


def test_verb_of_an_earlier_sentence_does_not_govern(nlp: Language) -> None:
    got = refs(nlp, "We welcome the progress. The Tunis Agenda remains relevant.")
    assert got == [("cites", "WSIS-05/TUNIS/DOC/6(Rev.1)")]


def test_own_symbol_is_not_a_reference(nlp: Language) -> None:
    state = DocumentState(symbol="A/RES/99/1")
    assert refs(nlp, "Distr.: General A/RES/99/1 and A/RES/99/2", state) == [
        ("cites", "A/RES/99/2")
    ]


def test_elliptical_of_shares_the_article(nlp: Language) -> None:
    got = refs(nlp, "Recalls article 19 of the UDHR and of the ICCPR;")
    assert got == [("recalls", "UDHR#19"), ("recalls", "ICCPR#19")]
    # without the second "of" the Covenant is cited whole
    got = refs(nlp, "Recalls article 19 of the UDHR and the ICCPR;")
    assert got == [("recalls", "UDHR#19"), ("recalls", "ICCPR")]


def test_trailing_paragraphs_point_into_the_document_named_before(nlp: Language) -> None:
    state = DocumentState(issuer="GA")
    got = refs(
        nlp,
        "Recalling its resolution 70/125 and the outcome document annexed thereto, "
        "in particular paragraphs 69 to 70,",
        state,
    )
    assert got == [
        ("recalls", "A/RES/70/125"),
        ("recalls", "A/RES/70/125#69"),
        ("recalls", "A/RES/70/125#70"),
    ]
    # "in particular paragraph 5 of X" names its own document; none named before: nothing
    got = refs(nlp, "Noting, in particular paragraph 5 of resolution 70/1,", state)
    assert got == [("notes", "A/RES/70/1#5")]
    assert refs(nlp, "Noting the work done, in particular paragraphs 2 and 3,", state) == []


def test_coordinated_short_name_takes_the_shared_modifier(nlp: Language) -> None:
    got = refs(nlp, "Recalling the Geneva Declaration of Principles and Plan of Action,")
    assert got == [("recalls", "WSIS-03/GENEVA/DOC/4"), ("recalls", "WSIS-03/GENEVA/DOC/5")]
    # "Plan of Action" alone, with nothing it could be elliptical for, names nothing
    assert refs(nlp, "Recalling the Beijing Platform and Plan of Action,") == []


def test_bare_participle_enshrined_is_transparent(nlp: Language) -> None:
    got = refs(nlp, "Reaffirming the human rights enshrined in the UDHR,")
    assert got == [("reaffirms", "UDHR")]
    got = refs(nlp, "Reaffirming the human rights, as enshrined in the UDHR,")
    assert got == [("cites", "UDHR")]
