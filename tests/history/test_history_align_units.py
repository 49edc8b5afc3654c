"""Alignment on small invented draft/adopted pairs: split, merge, move, deletion, addition."""

from __future__ import annotations

from wsiskg.graph.history.align import Para, align, tokens

P = [
    "We welcome the progress made by the regional commissions in building broadband networks "
    "across rural areas and small towns.",
    "We request the Secretary-General to submit an annual report on the implementation of this "
    "resolution to the Economic and Social Council.",
    "We encourage all stakeholders to invest in digital literacy programmes for older persons "
    "and persons with disabilities.",
    "We note with concern that the price of mobile data remains high in least developed "
    "countries and landlocked developing countries.",
    "We decide to convene a high-level meeting on the information society in 2025 with the "
    "participation of all stakeholders.",
]


def paras(*texts: str, start: int = 1) -> list[Para]:
    return [Para(str(i), t) for i, t in enumerate(texts, start=start)]


def kinds(alignments) -> list[tuple[tuple[str, ...], tuple[str, ...], str]]:  # type: ignore[no-untyped-def]
    return [(al.sources, al.targets, al.kind) for al in alignments]


def test_renumbered_identical_text_is_same() -> None:
    got = align(paras(*P), paras(*P, start=10))
    assert kinds(got) == [((str(i),), (str(i + 9),), "same") for i in range(1, 6)]
    assert all(al.similarity == 1.0 and not al.moved for al in got)


def test_editorial_edit_is_same_and_substantive_edit_is_reworded() -> None:
    adopted = list(P)
    adopted[0] = adopted[0].replace("the regional commissions", "regional commissions")
    adopted[1] = adopted[1].replace("We request", "We invite")
    got = {al.sources: al.kind for al in align(paras(*P), paras(*adopted))}
    assert got[("1",)] == "same"
    assert got[("2",)] == "reworded"


def test_acronyms_are_spelt_out_before_comparing() -> None:
    assert tokens("the WSIS and ICTs (ICT)") == tokens(
        "the World Summit on the Information Society and information and communications "
        "technologies"
    )


def test_split() -> None:
    draft = paras(P[0], P[1] + " " + P[2], P[3])
    adopted = paras(P[0], P[1], P[2], P[3])
    assert kinds(align(draft, adopted)) == [
        (("1",), ("1",), "same"),
        (("2",), ("2", "3"), "split"),
        (("3",), ("4",), "same"),
    ]


def test_merge() -> None:
    draft = paras(P[0], P[1], P[2], P[3])
    adopted = paras(P[0], P[1] + " " + P[2], P[3])
    assert kinds(align(draft, adopted)) == [
        (("1",), ("1",), "same"),
        (("2", "3"), ("2",), "merged"),
        (("4",), ("3",), "same"),
    ]


def test_move() -> None:
    draft = paras(P[0], P[1], P[2], P[3], P[4])
    adopted = paras(P[0], P[2], P[3], P[4], P[1])
    got = align(draft, adopted)
    moved = [(al.sources, al.targets) for al in got if al.moved]
    assert moved == [(("2",), ("5",))]
    assert all(al.kind == "same" for al in got)


def test_deletion_and_addition() -> None:
    new_text = (
        "We call for a study of the environmental footprint of data centres by the end of 2017."
    )
    draft = paras(P[0], P[1], P[2], P[3])
    adopted = paras(P[0], P[2], new_text, P[3])
    assert kinds(align(draft, adopted)) == [
        (("1",), ("1",), "same"),
        (("2",), (), "dropped"),
        (("3",), ("2",), "same"),
        ((), ("3",), "new"),
        (("4",), ("4",), "same"),
    ]


def test_shared_boilerplate_does_not_glue_paragraphs() -> None:
    stakeholders = (
        "Governments, the private sector, civil society, international organizations, the "
        "technical and academic communities and all other relevant stakeholders"
    )
    draft = paras(f"We call upon {stakeholders} to protect children online.")
    adopted = paras(
        f"We call upon {stakeholders} to protect children online.",
        f"We recognize the role of {stakeholders} in the governance of the Internet.",
    )
    assert kinds(align(draft, adopted)) == [(("1",), ("1",), "same"), ((), ("2",), "new")]


def test_empty_inputs() -> None:
    assert align([], []) == []
    assert kinds(align(paras(P[0]), [])) == [(("1",), (), "dropped")]
