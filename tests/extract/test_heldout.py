"""Held-out generalisation suite: documents the extractors were not developed on.

tests/data/heldout/*.txt are short texts written in the style of real WSIS documents (an
ECOSOC and a GA resolution, an HRC resolution, a CSTD draft with brackets, a letter, an SG
report, a GA resolution with glued footnotes) with hand-written gold in gold/*.jsonl.
docs/HELDOUT.md lists the scores and every error. The floors below sit a little under the
measured scores, so any regression in how the extractors generalise fails here.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import pytest

from wsiskg.api import evaluate_corpus
from wsiskg.extract.evaluate import evaluate, load_actor_ids, read_gold_dir
from wsiskg.extract.pipeline import extract_file
from wsiskg.paths import extract_data_dir

HELDOUT = Path(__file__).resolve().parents[1] / "data" / "heldout"
GOLD = HELDOUT / "gold"

# (type, metric) -> floor; measured values are in docs/HELDOUT.md.
FLOORS: dict[tuple[str, str], float] = {
    ("entity", "precision"): 0.99,
    ("entity", "recall"): 0.98,
    ("entity", "f1"): 0.98,
    ("reference", "precision"): 0.97,
    ("reference", "recall"): 0.95,
    ("reference", "f1"): 0.96,
    ("reference", "relation_accuracy"): 0.97,
    ("task", "precision"): 0.97,
    ("task", "recall"): 0.96,
    ("task", "f1"): 0.96,
    ("task", "relation_accuracy"): 0.98,
    ("task", "deadline_accuracy"): 0.95,
}


@pytest.fixture(scope="module")
def scores() -> dict[str, Any]:
    result, _extractions = evaluate_corpus(GOLD, HELDOUT)
    return result.as_dict()


@pytest.mark.parametrize(("kind", "metric"), sorted(FLOORS))
def test_overall_score_does_not_regress(scores: dict[str, Any], kind: str, metric: str) -> None:
    measured = scores["overall"][kind][metric]
    assert measured >= FLOORS[(kind, metric)], f"{kind} {metric} fell to {measured:.3f}"


@pytest.mark.parametrize("stem", ["h05_letter_kenya_2025", "h06_sg_report_2025"])
def test_letters_and_reports_yield_no_task(scores: dict[str, Any], stem: str) -> None:
    # "called upon the Commission …" in a letter and "should …" bullets in a report are
    # reported speech / recommendations, not operative text (ANNOTATION.md "Tasks").
    task = scores["documents"][stem]["task"]
    assert task["fp"] == 0


@pytest.mark.parametrize(
    ("stem", "symbol"),
    [("h06_sg_report_2025", "E/CN.16/2025/2"), ("h05_letter_kenya_2025", "A/79/812")],
)
def test_masthead_symbol_is_the_documents_own(stem: str, symbol: str) -> None:
    # meta_patterns.jsonl "masthead_symbol": a symbol heading the file names the file itself,
    # so it is metadata, not a reference.
    extraction = extract_file(HELDOUT / f"{stem}.txt")
    assert extraction.meta.symbol == symbol
    assert symbol not in {r["target"] for r in extraction.gold_records() if "target" in r}


def test_every_heldout_file_has_gold_and_a_manifest_row() -> None:
    texts = {p.stem for p in HELDOUT.glob("*.txt")}
    assert len(texts) >= 6
    assert texts == {p.stem for p in GOLD.glob("*.jsonl")}
    with (HELDOUT / "MANIFEST.csv").open(encoding="utf-8", newline="") as fh:
        listed = {Path(row["file"]).stem for row in csv.DictReader(fh)}
    assert listed == texts


def test_gold_anchors_point_at_real_lines_and_paragraphs() -> None:
    """Catches typos in the hand-written gold: every anchor exists in its text."""
    for stem, records in read_gold_dir(GOLD).items():
        lines = (HELDOUT / f"{stem}.txt").read_text(encoding="utf-8").splitlines()
        numbers = {m.group(1) for ln in lines if (m := re.match(r"(\d{1,3})\. \S", ln))}
        for rec in records:
            para = rec["para"]
            assert rec["doc"] == stem
            if m := re.fullmatch(r"L(\d+)", para):
                assert lines[int(m.group(1)) - 1].strip(), (stem, para)
            elif not para.startswith("pp"):
                assert re.sub(r"\([a-z]\)$", "", para) in numbers, (stem, para)


def test_gold_scored_against_itself_is_perfect() -> None:
    gold = read_gold_dir(GOLD)
    actors = load_actor_ids(extract_data_dir() / "actors.csv")
    overall = evaluate(gold, gold, actors).as_dict()["overall"]
    assert all(overall[k]["f1"] == 1.0 for k in ("entity", "reference", "task"))
