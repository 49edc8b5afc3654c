"""The scorer follows ANNOTATION.md's "Scoring" section."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wsiskg.extract.errors import ExtractError
from wsiskg.extract.evaluate import evaluate, load_actor_ids, read_gold_dir, read_jsonl
from wsiskg.paths import extract_data_dir, gold_dir

ACTORS = load_actor_ids(extract_data_dir() / "actors.csv")


def ent(para: str, ident: str, doc: str = "d") -> dict[str, str]:
    return {"type": "entity", "doc": doc, "para": para, "id": ident}


def ref(para: str, target: str, relation: str = "recalls") -> dict[str, str]:
    return {"type": "reference", "doc": "d", "para": para, "relation": relation, "target": target}


def task(para: str, who: str, relation: str = "requests", deadline: str = "") -> dict[str, str]:
    return {
        "type": "task",
        "doc": "d",
        "para": para,
        "relation": relation,
        "addressee": who,
        "deadline": deadline,
        "task": "x",
    }


def test_gold_scored_against_itself_is_perfect() -> None:
    gold = read_gold_dir(gold_dir())
    result = evaluate(gold, gold, ACTORS).as_dict()["overall"]
    for kind in ("entity", "reference", "task"):
        assert result[kind]["f1"] == 1.0
        assert result[kind]["fp"] == 0 and result[kind]["fn"] == 0
    assert result["task"]["deadline_accuracy"] == 1.0
    assert result["reference"]["relation_accuracy"] == 1.0


def test_unscorable_ids_are_ignored_on_both_sides() -> None:
    gold = {"d": [ent("1", "IGF"), ent("1", "PGA-Summary-2015-07-02"), ent("2", "Brazil")]}
    predicted = {"d": [ent("1", "IGF"), ent("3", "Connect2020Agenda"), ent("4", "Germany")]}
    overall = evaluate(gold, predicted, ACTORS).as_dict()["overall"]["entity"]
    # Brazil is in actors.csv, so it counts; Germany is not, Connect2020Agenda has no "/".
    assert (overall["tp"], overall["fp"], overall["fn"]) == (1, 0, 1)


def test_named_instruments_and_symbols_are_scorable_targets() -> None:
    gold = {"d": [ref("pp1", "UDHR"), ref("pp1", "A/RES/70/1#2"), ref("pp2", "Letter-X")]}
    predicted = {"d": [ref("pp1", "UDHR", "reaffirms"), ref("pp1", "A/RES/70/1#2")]}
    overall = evaluate(gold, predicted, ACTORS).as_dict()["overall"]["reference"]
    assert (overall["tp"], overall["fp"], overall["fn"]) == (2, 0, 0)
    assert overall["relation_accuracy"] == 0.5


def test_task_attributes_are_scored_on_matched_triples() -> None:
    gold = {
        "d": [
            task("65", "CSTD-Chair", deadline="/2016-07"),
            task("63", "IGF", "extends_mandate", "P10Y"),
        ]
    }
    predicted = {
        "d": [
            task("65", "CSTD-Chair", deadline="2016-07"),
            task("63", "IGF", "calls_upon", "P10Y"),
            task("63", "CSTD"),
        ]
    }
    overall = evaluate(gold, predicted, ACTORS).as_dict()["overall"]["task"]
    assert (overall["tp"], overall["fp"], overall["fn"]) == (2, 1, 0)
    assert overall["relation_accuracy"] == 0.5
    assert overall["deadline_accuracy"] == 0.5
    assert overall["deadline_year_accuracy"] == 1.0
    assert round(overall["precision"], 3) == 0.667


def test_duplicate_predictions_count_once() -> None:
    gold = {"d": [ent("L3", "GA")]}
    predicted = {"d": [ent("L3", "GA"), ent("L3", "GA")]}
    overall = evaluate(gold, predicted, ACTORS).as_dict()["overall"]["entity"]
    assert (overall["tp"], overall["fp"]) == (1, 0)


def test_malformed_jsonl_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "x.jsonl"
    bad.write_text(json.dumps(ent("1", "GA")) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(ExtractError, match=r"x\.jsonl:2"):
        read_jsonl(bad)


def test_missing_gold_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ExtractError, match="gold folder not found"):
        read_gold_dir(tmp_path / "nope")
