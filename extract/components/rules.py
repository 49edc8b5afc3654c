"""Read rule files (``extract/patterns/<name>.jsonl``) and fail fast on a malformed row."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from wsiskg.extract.errors import PatternError

PATTERNS_DIR = Path(__file__).resolve().parent.parent / "patterns"


@dataclass(frozen=True, slots=True)
class Rule:
    """One JSONL row: ``pattern`` is a phrase (str) or a spaCy Matcher token pattern (list)."""

    id: str
    label: str
    pattern: str | list[dict[str, Any]]
    example: str
    where: str  # "file:line", for error messages
    extra: tuple[tuple[str, Any], ...] = ()

    def get(self, key: str, default: Any = None) -> Any:
        return dict(self.extra).get(key, default)


def load_rules(name: str, directory: Path = PATTERNS_DIR) -> list[Rule]:
    """All rows of ``<directory>/<name>.jsonl``; every row needs id, label, pattern, example."""
    path = directory / f"{name}.jsonl"
    rules: list[Rule] = []
    seen: set[str] = set()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise PatternError(f"{path}: cannot read rule file ({e})") from e
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path.name}:{n}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise PatternError(f"{where}: not JSON ({e})") from e
        missing = [k for k in ("id", "label", "pattern", "example") if k not in row]
        if missing:
            raise PatternError(f"{where}: missing {', '.join(missing)}")
        if row["id"] in seen:
            raise PatternError(f"{where} (id={row['id']}): duplicate id")
        seen.add(row["id"])
        extra = tuple(
            (k, v) for k, v in row.items() if k not in ("id", "label", "pattern", "example")
        )
        rules.append(Rule(row["id"], row["label"], row["pattern"], row["example"], where, extra))
    return rules


TEXT_KEY = "wsis_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc.

    ``Doc.text`` joins every token's text on each access (a third of the pipeline's time when
    three components read it); the pipeline stores the string it tokenised under
    ``doc.user_data["wsis_text"]`` and this caches it for Docs made elsewhere.
    """
    text = doc.user_data.get(TEXT_KEY)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[TEXT_KEY] = text
    return text


def required_words(pattern: list[dict[str, Any]]) -> tuple[frozenset[str], ...]:
    """For a token pattern, the alternatives each obligatory token needs (lower case).

    A text can only match if, for every set, one of its words occurs in the lowered text;
    checking that with ``in`` is far cheaper than running the token Matcher (PERF-NOTES).
    Tokens with an operator other than ``+`` or with other attributes add no requirement.
    """
    out: list[frozenset[str]] = []
    for token in pattern:
        if token.get("OP") not in (None, "+"):
            continue
        for attr in ("LOWER", "ORTH", "TEXT", "NORM"):
            value = token.get(attr)
            if isinstance(value, str):
                out.append(frozenset({value.lower()}))
            elif isinstance(value, dict) and isinstance(value.get("IN"), list):
                out.append(frozenset(str(v).lower() for v in value["IN"]))
            else:
                continue
            break
    return tuple(out)


def may_match(lowered: str, required: tuple[frozenset[str], ...]) -> bool:
    """Could a pattern with these ``required_words`` match a text (given lower-cased)?"""
    return all(any(w in lowered for w in words) for words in required)
