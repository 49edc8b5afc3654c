"""Which verb governs a reference (scope), and references a footnote marker carries."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from wsiskg.extract.components.scope import load_scope
from wsiskg.extract.context import DocumentState
from wsiskg.extract.pipeline import extract_file


def refs(nlp: Language, text: str) -> list[tuple[str, str]]:
    doc = nlp.make_doc(text)
    doc.user_data["wsis_state"] = DocumentState(issuer="GA")
    for name in ("wsis_actor_ruler", "wsis_reference_finder"):
        doc = nlp.get_pipe(name)(doc)
    return [(r.relation, r.target) for r in doc._.wsis_references]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the reference is the verb's object: governed
        ("We welcome resolution 69/204 on ICT for development.", "welcomes"),
        ("We support the proposals in the report A/69/65.", "supports"),
        ("Recalling, in this regard, its resolution 57/238,", "recalls"),
        ("Reaffirming also that the Assembly, in its resolution 68/302, decided so,", "reaffirms"),
        ("Notes the studies by the Secretary-General on bandwidth (A/69/64; E/2014/9),", "notes"),
        # the reference sits in a clause or complement of another noun: only cited
        (
            "We welcome the news that the gains recorded mark progress on resolution 69/204.",
            "cites",
        ),
        ("Welcomes the progress on the goals of resolution 69/204,", "cites"),
        ("an initiative which the Council took note of in its resolution 2014/27,", "cites"),
        ("We note the challenges, which were welcomed in resolution 69/204.", "cites"),
    ],
)
def test_governing_verb_needs_the_reference_in_its_object(
    nlp: Language, text: str, expected: str
) -> None:
    got = refs(nlp, text)
    assert got and got[-1][0] == expected, got


def test_a_title_after_a_resolution_does_not_cut_the_list(nlp: Language) -> None:
    text = "noting resolutions 55/63 and 56/121 on combating crime and resolution 57/239,"
    assert refs(nlp, text) == [
        ("notes", "A/RES/55/63"),
        ("notes", "A/RES/56/121"),
        ("notes", "A/RES/57/239"),
    ]


def test_scope_words_are_data() -> None:
    scope = load_scope()
    assert "report" in scope.document_nouns
    assert scope.break_reason(" the fact that growth marks progress ") == "clause"
    assert scope.break_reason(" that the Assembly, in its ") is None
    assert scope.break_reason(" of in its ") == "complement"
    assert scope.break_reason(" in particular the ") is None
    assert scope.is_coordinated(" on cybercrime and ") and not scope.is_coordinated(" ; and x")


RESOLUTION = """\
Resolution adopted by the General Assembly on 20 December 2019

74/999. Cooperation on digital matters

The General Assembly,

Recalling the Charter of the United Nations,1

1. Welcomes the 2017 and 2019 reports of the Panel of Experts on Digital Cooperation,2

2. Takes note of the work of the Panel,3 and requests a further study;

3. Notes the Universal Declaration of Human Rights,4

1 See A/55/1.
2 A/72/111 and A/74/222.
3 See the website of the Panel.
4 Resolution 217 A (III).
"""


# footnote markers after the final comma no longer hide the paragraph ends: "Recalling …,1" is
# pp1 and "1. Welcomes …,2" is paragraph 1; the footnote lines are L15-L18
@pytest.fixture(scope="module")
def footnoted(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> list[tuple[str, ...]]:
    path = Path(tmp_path_factory.mktemp("fn")) / "fn_test.txt"
    path.write_text(RESOLUTION, encoding="utf-8")
    fx = extract_file(path, nlp=nlp)
    return [(r.para, r.relation, r.target) for r in fx.references]


def test_a_footnote_after_a_document_noun_phrase_gives_its_targets(
    footnoted: list[tuple[str, ...]],
) -> None:
    assert ("1", "welcomes", "A/72/111") in footnoted
    assert ("1", "welcomes", "A/74/222") in footnoted
    assert ("L16", "cites", "A/72/111") in footnoted  # the footnote line cites it too


def test_a_footnote_after_a_named_instrument_only_restates_it(
    footnoted: list[tuple[str, ...]],
) -> None:
    assert ("pp1", "recalls", "UN-Charter") in footnoted
    assert [r for r in footnoted if r[2] == "A/55/1"] == [("L15", "cites", "A/55/1")]
    assert ("3", "notes", "A/RES/217(III)") in footnoted  # the footnote's equivalence


def test_a_footnote_after_a_non_document_phrase_adds_nothing(
    footnoted: list[tuple[str, ...]],
) -> None:
    assert [r for r in footnoted if r[0] == "2"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an inclusion puts the reference back into the object
        (
            "Recalling its resolutions on the law of the sea, including resolution 69/245,",
            "recalls",
        ),
        ("Recalling its resolutions on youth, in particular resolutions 66/169,", "recalls"),
        # a preposition inside a name is no complement
        (
            "Recalling the Declaration on the Right to Development, and resolution 41/128,",
            "recalls",
        ),
        # "in that regard" is no clause
        ("Taking note, in that regard, of resolution 1992/11,", "takes_note"),
        # without an inclusion the topic of another noun is only cited
        ("Noting the national reviews on the implementation of resolution 70/1,", "cites"),
    ],
)
def test_inclusions_names_and_set_phrases(nlp: Language, text: str, expected: str) -> None:
    got = refs(nlp, text)
    assert got and got[-1][0] == expected, got
