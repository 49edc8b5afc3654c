"""Score predicted records against gold, exactly as ANNOTATION.md's "Scoring" section says.

Only records about scorable ids count, on both sides: entities whose id is an actor of
actors.csv, an action line or a scorable document id; references whose target document is
scorable; tasks whose addressee is an actor of actors.csv. A document id is scorable when it
contains a ``/`` or is a named instrument listed in identifiers.md.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wsiskg.extract.errors import ExtractError

ACTION_LINES = frozenset(f"C{i}" for i in range(1, 12))
# identifiers.md, "Named instruments without a UN symbol"
NAMED_INSTRUMENTS = frozenset(
    {
        "UN-Charter",
        "UDHR",
        "ICCPR",
        "MillenniumDeclaration",
        "MonterreyConsensus",
        "ViennaDeclaration",
        "Budapest-Convention",
    }
)
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")

Record = Mapping[str, Any]


def load_actor_ids(actors_csv: Path) -> frozenset[str]:
    """Ids of actors.csv: the only actors the scores count."""
    with actors_csv.open(encoding="utf-8", newline="") as fh:
        return frozenset(row["id"] for row in csv.DictReader(fh))


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Records of one JSONL file; a malformed line is an error naming file and line."""
    out: list[dict[str, Any]] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ExtractError(f"{path}: cannot read ({exc})") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ExtractError(f"{path}:{number}: not JSON ({exc.msg})") from exc
        if not isinstance(record, dict) or "type" not in record:
            raise ExtractError(f"{path}:{number}: a record needs a 'type'")
        out.append(record)
    return out


@dataclass(frozen=True)
class Scorability:
    """Decides which ids count."""

    actor_ids: frozenset[str]

    def document(self, doc_id: str) -> bool:
        return "/" in doc_id or doc_id in NAMED_INSTRUMENTS

    def entity(self, record: Record) -> bool:
        ident = str(record.get("id", ""))
        return ident in self.actor_ids or ident in ACTION_LINES or self.document(ident)

    def reference(self, record: Record) -> bool:
        return self.document(str(record.get("target", "")).split("#", 1)[0])

    def task(self, record: Record) -> bool:
        return str(record.get("addressee", "")) in self.actor_ids

    def keep(self, record: Record) -> bool:
        kind = record.get("type")
        if kind == "entity":
            return self.entity(record)
        if kind == "reference":
            return self.reference(record)
        if kind == "task":
            return self.task(record)
        return False


def record_key(record: Record) -> tuple[str, ...]:
    """What identifies a record when matching gold and prediction."""
    kind = str(record["type"])
    base = (kind, str(record.get("doc", "")), str(record.get("para", "")))
    if kind == "entity":
        return (*base, str(record.get("id", "")))
    if kind == "reference":
        return (*base, str(record.get("target", "")))
    return (*base, str(record.get("addressee", "")))


def deadline_year(value: str) -> str | None:
    match = _YEAR.search(value)
    return match.group(1) if match else None


@dataclass
class TypeScore:
    """Counts for one record type; attribute accuracies are over matched pairs."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    relation_ok: int = 0
    deadline_ok: int = 0
    deadline_year_ok: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, hits: int) -> float:
        return hits / self.tp if self.tp else 0.0

    def add(self, other: TypeScore) -> None:
        for name in ("tp", "fp", "fn", "relation_ok", "deadline_ok", "deadline_year_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self, kind: str) -> dict[str, float | int]:
        out: dict[str, float | int] = {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }
        if kind in ("reference", "task"):
            out["relation_accuracy"] = round(self.accuracy(self.relation_ok), 4)
        if kind == "task":
            out["deadline_accuracy"] = round(self.accuracy(self.deadline_ok), 4)
            out["deadline_year_accuracy"] = round(self.accuracy(self.deadline_year_ok), 4)
        return out


TYPES = ("entity", "reference", "task")


@dataclass
class ErrorCase:
    """A false positive or false negative, or a matched pair whose attributes differ."""

    kind: str  # "FP" | "FN" | "relation" | "deadline"
    record: dict[str, Any]
    other: dict[str, Any] | None = None


@dataclass
class Evaluation:
    per_type: dict[str, TypeScore] = field(default_factory=lambda: {t: TypeScore() for t in TYPES})
    per_doc: dict[str, dict[str, TypeScore]] = field(default_factory=dict)
    errors: dict[str, list[ErrorCase]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "overall": {t: s.as_dict(t) for t, s in self.per_type.items()},
            "documents": {
                d: {t: s.as_dict(t) for t, s in scores.items()}
                for d, scores in sorted(self.per_doc.items())
            },
        }


def _first_by_key(
    records: Iterable[Record], scorable: Scorability
) -> dict[tuple[str, ...], Record]:
    out: dict[tuple[str, ...], Record] = {}
    for record in records:
        if record.get("type") in TYPES and scorable.keep(record):
            out.setdefault(record_key(record), record)
    return out


def score_document(
    doc: str, gold: Iterable[Record], predicted: Iterable[Record], scorable: Scorability
) -> tuple[dict[str, TypeScore], list[ErrorCase]]:
    """Scores of one document, and its errors."""
    gold_by_key = _first_by_key(gold, scorable)
    pred_by_key = _first_by_key(predicted, scorable)
    scores = {t: TypeScore() for t in TYPES}
    errors: list[ErrorCase] = []
    for key, g in gold_by_key.items():
        score = scores[key[0]]
        p = pred_by_key.get(key)
        if p is None:
            score.fn += 1
            errors.append(ErrorCase("FN", dict(g)))
            continue
        score.tp += 1
        if key[0] in ("reference", "task"):
            if g.get("relation") == p.get("relation"):
                score.relation_ok += 1
            else:
                errors.append(ErrorCase("relation", dict(p), dict(g)))
        if key[0] == "task":
            gd, pd = str(g.get("deadline", "")), str(p.get("deadline", ""))
            if gd == pd:
                score.deadline_ok += 1
            else:
                errors.append(ErrorCase("deadline", dict(p), dict(g)))
            if gd == pd or (
                deadline_year(gd) is not None and deadline_year(gd) == deadline_year(pd)
            ):
                score.deadline_year_ok += 1
    for key, p in pred_by_key.items():
        if key not in gold_by_key:
            scores[key[0]].fp += 1
            errors.append(ErrorCase("FP", dict(p)))
    return scores, errors


def evaluate(
    gold: Mapping[str, list[dict[str, Any]]],
    predicted: Mapping[str, list[dict[str, Any]]],
    actor_ids: frozenset[str],
) -> Evaluation:
    """Micro-averaged scores over every gold document (a document with no prediction scores 0)."""
    scorable = Scorability(actor_ids)
    result = Evaluation()
    for doc in sorted(gold):
        scores, errors = score_document(doc, gold[doc], predicted.get(doc, []), scorable)
        result.per_doc[doc] = scores
        result.errors[doc] = errors
        for kind, score in scores.items():
            result.per_type[kind].add(score)
    return result


def read_gold_dir(folder: Path) -> dict[str, list[dict[str, Any]]]:
    """Gold files ``<stem>.jsonl`` of a folder, by stem."""
    if not folder.is_dir():
        raise ExtractError(f"gold folder not found: {folder}")
    files = sorted(folder.glob("*.jsonl"))
    if not files:
        raise ExtractError(f"no *.jsonl gold files in {folder}")
    return {f.stem: read_jsonl(f) for f in files}
