"""Shared inputs of the history tests: the bundled draft/adopted pair and its gold records."""

from __future__ import annotations

from pathlib import Path

import pytest

from wsiskg.extract.records import Reference, Task
from wsiskg.graph.history.align import Para
from wsiskg.graph.history.gold import read_records
from wsiskg.graph.history.paragraphs import read_numbered

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus" / "wsis"
GOLD = ROOT / "tests" / "data" / "gold" / "wsis"
DRAFT = CORPUS / "002_a85ec3b89659f1a1.txt"
ADOPTED = CORPUS / "004_3e7d3024c80fa0c1.txt"
DRAFT_GOLD = GOLD / "002_a85ec3b89659f1a1.jsonl"
ADOPTED_GOLD = GOLD / "004_3e7d3024c80fa0c1.jsonl"


@pytest.fixture(scope="session")
def draft_paras() -> list[Para]:
    return read_numbered(DRAFT.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def adopted_paras() -> list[Para]:
    return read_numbered(ADOPTED.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def draft_records() -> tuple[tuple[Task, ...], tuple[Reference, ...]]:
    return read_records(DRAFT_GOLD)


@pytest.fixture(scope="session")
def adopted_records() -> tuple[tuple[Task, ...], tuple[Reference, ...]]:
    return read_records(ADOPTED_GOLD)


@pytest.fixture(scope="session")
def draft_text() -> str:
    return DRAFT.read_text(encoding="utf-8")
