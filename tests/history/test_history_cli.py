"""``wsiskg diff`` in-process: formats, exit codes, and the RDF side output."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from wsiskg.cli import main

ROOT = Path(__file__).resolve().parents[2]
DRAFT = ROOT / "corpus/wsis/002_a85ec3b89659f1a1.txt"
ADOPTED = ROOT / "corpus/wsis/004_3e7d3024c80fa0c1.txt"
GOLD = ROOT / "tests/data/gold/wsis"
ARGS = [
    "--records-a",
    str(GOLD / "002_a85ec3b89659f1a1.jsonl"),
    "--records-b",
    str(GOLD / "004_3e7d3024c80fa0c1.jsonl"),
    "--no-pipeline",
]


def test_csv(capsys: pytest.CaptureFixture[str]) -> None:
    # given in reverse order: the dates put the draft first
    swapped = [
        "--records-a",
        str(GOLD / "004_3e7d3024c80fa0c1.jsonl"),
        "--records-b",
        str(GOLD / "002_a85ec3b89659f1a1.jsonl"),
        "--no-pipeline",
    ]
    assert main(["diff", str(ADOPTED), str(DRAFT), "--format", "csv", *swapped]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    ga = [r for r in rows if r["body"] == "GA" and r["to_para"] == "71"]
    assert [(r["from_relation"], r["to_relation"], r["to_deadline"]) for r in ga] == [
        ("decides", "requests", "2025")
    ]


def test_json_and_rdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "history.ttl"
    assert main(["diff", str(DRAFT), str(ADOPTED), "-f", "json", "--rdf", str(out), *ARGS]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["from"]["document"] == "002_a85ec3b89659f1a1"
    assert data["to"] == {"document": "A/RES/70/125", "date": "2015-12-16", "stage": "adopted"}
    assert data["same_work"] is True
    # 76 adopted paragraphs in 73 groups: three splits take two each
    assert len([a for a in data["alignments"] if a["to"]]) == 73
    assert {m["body"]: m["end_year"] for m in data["mandates"]} == {"IGF": 2025, "WG-EC": 2018}
    assert out.stat().st_size > 1000


def test_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(DRAFT), str(ADOPTED), *ARGS]) == 0
    out = capsys.readouterr().out
    assert "2 dropped, 5 new, 58 reworded, 7 same, 3 split" in " ".join(out.split())
    assert "requests" in out


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(tmp_path / "nope.txt"), str(ADOPTED), "--no-pipeline"]) == 2
    assert "no such input file" in capsys.readouterr().err


def test_text_without_paragraphs_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "letter.txt"
    empty.write_text("Excellency,\nPlease accept the assurances of my highest consideration.\n")
    assert main(["diff", str(empty), str(ADOPTED), "--no-pipeline"]) == 2
    assert "no numbered or preambular paragraphs" in capsys.readouterr().err
