"""Clean-up keeps provenance: footnote markers and noise go, codes and numbers stay."""

from __future__ import annotations

import json

import pytest

from wsiskg.extract.cleaning import clean, footnote_lines, noise_rules
from wsiskg.extract.loading import read_source
from wsiskg.paths import corpus_dir, extract_data_dir

A_RES_70_125 = "004_3e7d3024c80fa0c1"


def _source(stem: str) -> str:
    return read_source(corpus_dir() / f"{stem}.txt").text


def _assert_maps_back(original: str, start: int = 0) -> None:
    c = clean(original, start)
    for i, ch in enumerate(c.text):
        o = c.to_original(i)
        assert original[o] == ch or ch == " ", (i, ch, original[o])


def test_every_noise_rule_example_matches() -> None:
    for rule in noise_rules():
        assert rule.regex.search(rule.example), rule.id
    rows = (extract_data_dir() / "data" / "noise_patterns.jsonl").read_text().splitlines()
    assert len(rows) == len(noise_rules()) and all(json.loads(r)["example"] for r in rows)


def test_glued_footnote_numbers_of_004_are_removed() -> None:
    text = _source(A_RES_70_125)
    c = clean(text)
    assert [n for _, n in c.footnote_markers] == "1 2 3 4 4 1 2 5 6 7 8 9 10".split()
    assert "Information Society that the General Assembly" in c.text
    assert "26 June 2014 and General Assembly" in c.text  # "20147" = 2014 + marker 7
    assert "Principles, the Geneva Plan of Action" in c.text
    assert "Development, supports" not in c.text or "Development,2" not in c.text
    for offset, number in c.footnote_markers:
        assert text[offset : offset + len(number)] == number
    _assert_maps_back(text)


def test_footnote_section_of_004() -> None:
    text = _source(A_RES_70_125)
    notes = footnote_lines(text)
    assert [n for _, _, n in notes] == list(range(1, 11))
    assert text[notes[6][0] : notes[6][1]].startswith("7 See Official Records")


def test_codes_and_numbers_survive() -> None:
    text = (
        "Recalling action line C11 and the Group of 77 (G77), resolution A/RES/70/125,\n"
        "2.2 billion people and 17 Sustainable Development Goals, WSIS-05/TUNIS/DOC/6(Rev.1) "
        "in 2015.\n"
    )
    c = clean(text)
    assert c.text == text and c.footnote_markers == ()


def test_markers_without_footnote_section_need_sequence() -> None:
    text = "the Summit1 and the Forum2 held in 2015. Item3 here and mp7 there.\n"
    c = clean(text)
    assert [n for _, n in c.footnote_markers] == ["1", "2", "3"]
    assert c.text == "the Summit and the Forum held in 2015. Item here and mp7 there.\n"


def test_noise_removed_and_offsets_map_back() -> None:
    text = _source("003_b16520d507c3bcf7")
    c = clean(text)
    assert "[image:" not in c.text and "[bookmark:" not in c.text
    assert c.text.lstrip().startswith("Document Number: WSIS+10/4/22")
    _assert_maps_back(text)
    tail = _source(A_RES_70_125)
    c = clean(tail, tail.index("[DU1]<<ODS"))
    assert c.text.startswith("N1543842E\n")
    assert "<<ODS" not in c.text and "[DU1]" not in c.text


def test_replacement_characters_are_markers() -> None:
    text = _source("001_09510892622042c2")
    c = clean(text)
    assert "\ufffd" not in c.text
    assert len(c.footnote_markers) == 7 and all(n == "" for _, n in c.footnote_markers)
    _assert_maps_back(text)


def test_clean_a_slice_keeps_file_offsets() -> None:
    text = _source(A_RES_70_125)
    start = text.index("Recalling the request")
    end = text.index("\n", start)
    c = clean(text, start, end)
    assert c.text.startswith("Recalling the request in paragraph 111 of the Tunis Agenda")
    assert "Information Society that" in c.text
    i = c.text.index("Tunis")
    assert c.to_original(i) == text.index("Tunis", start)
    assert c.footnote_markers[0][0] == text.index("Society1", start) + len("Society")


@pytest.mark.parametrize("noise", ["[image: x.jpg]", "<<ODS JOB NO>>", "<!-- Page 3 -->"])
def test_noise_between_words_leaves_a_space(noise: str) -> None:
    c = clean(f"word{noise}next")
    assert c.text == "word next"
    assert c.to_original(4) == 4 and c.to_original(5) == 4 + len(noise)


def test_markers_after_two_closing_marks() -> None:
    text = (
        "Recalling the “Tunis Agenda”,1\nNoting the Summit (Geneva),2\n"
        "Welcoming sub-item (b),9 of it\n"
        "1 See A/60/687.\n2 See A/C.2/59/3.\n3 Ibid.\n"
    )
    c = clean(text)
    assert [n for _, n in c.footnote_markers] == ["1", "2"]
    assert "Agenda”,\nNoting the Summit (Geneva),\n" in c.text
    assert "(b),9 of it" in c.text  # 9 is no footnote of the text
