"""Issue 7: the alignment of every adopted paragraph of A/RES/70/125 with the 7 December 2015
draft, checked against a table made by reading both texts side by side.

"same" means only editorial edits (acronyms spelt out, capitals, articles, "on"/"upon",
footnote numbers): the content words are identical and in order. Anything else that keeps
one paragraph for one is "reworded".
"""

from __future__ import annotations

from wsiskg.graph.history.align import Para, align

R, S = "reworded", "same"

# adopted anchor -> (draft paragraph numbers, kind). Read side by side:
HAND: dict[str, tuple[tuple[str, ...], str]] = {
    # preamble: numbered 1-5 in the draft, unnumbered in the adopted text
    "pp1": (("1",), R),  # "the centrality of the General Assembly" -> "the role of the Assembly"
    "pp2": (("2",), S),
    "pp3": (("3",), R),  # the list of review events is spelt out at length
    "pp4": (("4",), R),
    "pp5": (("5",), R),
    "1": (("6",), S),
    "2": (("7",), R),  # adds "the technical and academic communities"
    "3": (("8",), S),
    "4": (("9",), R),  # adds "while noting the unique and emerging challenges"
    "5": (("10",), R),
    "6": (("11",), S),
    "7": (("12",), R),  # "[foreign] occupation" resolved, post-conflict countries added
    "8": ((), "new"),  # "Internet governance should continue to follow ... Geneva and Tunis"
    "9": (("14",), "split"),  # draft 14's first sentence (same rights online) + a new sentence
    "10": (("14",), "split"),  # draft 14's second sentence (confidence and security)
    "11": ((), "new"),  # ethics / positive uses (echoes a clause of draft 52, which is dropped)
    "12": (("15",), R),
    "13": (("16",), R),  # adds "open data"; "foundational contributors" -> "significant enablers"
    "14": (("17",), R),  # new mobile broadband figures
    "15": (("18",), R),
    "16": (("19",), "split"),  # draft 19 first part
    "17": (("19",), "split"),  # draft 19 "At the same time ... fundamentally altering"
    "18": (("20",), R),  # "central" -> "important"; "call for" -> "encourage"
    "19": (("21",), S),
    "20": (("22",), R),
    "21": (("23",), R),  # "have" -> "had"; "The poor are the most excluded" kept
    "22": (("24",), R),  # "2/3 of the population" -> "two thirds of the households"
    "23": (("25",), R),  # "digital and knowledge divides"; "within their mandate ..."
    "24": (("26",), R),
    "25": (("27",), R),  # Connect 2020 sentence rewritten
    "26": (("28",), S),
    "27": (("29",), R),
    "28": (("30",), R),
    "29": (("31",), R),
    "30": (("32",), R),
    "31": (("33",), R),
    "32": (("34",), R),  # "principle of legality" -> "legal principles"
    "33": (("35",), R),  # CSTD "within its mandate", facilitators "within existing resources"
    "34": (("36",), R),
    "35": (("37",), R),
    "36": (("38",), R),
    "37": (("39",), R),
    "38": (("40",), S),
    "39": (("41",), R),  # "also call for" -> "encourage"
    "40": (("42",), R),
    "41": (("43",), R),  # adds democracy / rule of law sentences
    "42": (("44",), R),
    "43": (("45",), R),  # adds Human Rights Council resolution 26/13
    "44": (("46",), R),  # "concerns" -> "serious threats"; new call upon States
    "45": (("47",), R),
    "46": (("48",), R),  # "[applicable]" dropped
    "47": (("49",), R),
    "48": (("50",), R),
    "49": (("51",), "split"),  # draft 51: efforts to build confidence ...
    "50": (("51",), "split"),  # ... "leading role for Governments in cybersecurity"
    "51": (("53",), R),  # bracketed Charter paragraph becomes "role of international law"
    "52": (("54",), R),
    "53": ((), "new"),  # call upon Member States: robust domestic security (draft 55 dropped)
    "54": (("56",), R),  # bracketed draft 56: same opening, capacity-building instead
    "55": ((), "new"),  # Tunis Agenda paragraph 55, existing arrangements
    "56": ((), "new"),  # cross-cutting public policy issues
    "57": (("13",), R),  # draft 13 (bracketed, in the preamble) moved to Internet governance
    "58": (("57",), R),  # bracketed first sentence of draft 57 gone
    "59": (("58",), R),  # bracketed sentence on regional Internet registries gone
    "60": (("59",), R),  # "welcome the successful hosting" -> "take note of the hosting"
    "61": (("60",), R),
    "62": (("61",), R),  # net neutrality -> open Internet regulatory processes
    "63": (("62",), R),  # IGF mandate extended; "must show progress on outcomes" softened
    "64": (("63",), R),  # Secretary-General reports sentence dropped
    "65": (("64",), R),  # "call on the Chair ... re-establish" -> "request the Chair ... establish"
    "66": (("65",), R),
    "67": (("66",), R),  # adds ECOSOC and the high-level political forum
    "68": (("67",), R),  # word order of "WSIS Action Line implementation" changed
    "69": (("68",), R),
    "70": (("69",), R),
    "71": (("70",), R),  # "agree [for the General Assembly] ... [2020/2025]" -> "request ... 2025"
}
DROPPED = {"52", "55"}  # ethics/children online; cybercrime legislation and conventions
MOVED = {("13",): ("57",)}


def _by_target(alignments):  # type: ignore[no-untyped-def]
    out = {}
    for al in alignments:
        for t in al.targets:
            out[t] = (al.sources, al.kind)
    return out


def test_every_adopted_paragraph_is_in_the_hand_table(adopted_paras: list[Para]) -> None:
    anchors = [p.anchor for p in adopted_paras]
    assert anchors == [f"pp{i}" for i in range(1, 6)] + [str(i) for i in range(1, 72)]
    assert set(anchors) == set(HAND)


def test_draft_numbers_its_preamble(draft_paras: list[Para]) -> None:
    assert [p.anchor for p in draft_paras] == [str(i) for i in range(1, 71)]
    assert draft_paras[0].text.startswith("Recalling the request in paragraph 111")


def test_alignment_of_every_adopted_paragraph(
    draft_paras: list[Para], adopted_paras: list[Para]
) -> None:
    got = _by_target(align(draft_paras, adopted_paras))
    wrong = {a: (got.get(a), want) for a, want in HAND.items() if got.get(a) != want}
    assert not wrong, wrong


def test_dropped_and_moved(draft_paras: list[Para], adopted_paras: list[Para]) -> None:
    alignments = align(draft_paras, adopted_paras)
    assert {al.sources[0] for al in alignments if al.kind == "dropped"} == DROPPED
    assert {al.sources: al.targets for al in alignments if al.moved} == MOVED
    # every draft paragraph is accounted for exactly once
    seen = [s for al in alignments for s in al.sources]
    assert sorted(seen, key=int) == [str(i) for i in range(1, 71)]


def test_similarities_are_ordered_sensibly(
    draft_paras: list[Para], adopted_paras: list[Para]
) -> None:
    by = {al.targets: al for al in align(draft_paras, adopted_paras) if al.targets}
    assert by[("19",)].similarity == 1.0  # draft 21, word for word after normalisation
    assert by[("pp2",)].similarity == 1.0  # "(ICT)" and "communication" vs "communications"
    assert by[("62",)].similarity < 0.5  # net neutrality paragraph rewritten
    assert all(0.0 < al.similarity <= 1.0 for al in by.values() if al.kind != "new")
