"""Are two documents versions of one text? FRBR/ELI-style work and expressions.

A draft and the resolution adopted from it are two *expressions* of one *work*. They are
recognised by their titles (token similarity, "Draft" and case folded) and by their content
(the share of paragraphs the alignment pairs up on both sides), or because the manifest
says so (a curator's note "the adopted version is A/RES/70/125"). The earlier expression is
the draft, the later the adopted text; ``revision_of`` links them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from wsiskg.graph.history.align import Alignment, similarity, tokens

TITLE_THRESHOLD = 0.6
CONTENT_THRESHOLD = 0.5
STRONG_CONTENT = 0.7
"""Content overlap that makes two documents versions whatever their titles say."""

Stage = Literal["draft", "adopted", "other"]
_TITLE_NOISE_RE = re.compile(
    r"\b(draft|revised|rev\.?\s*\d*)\b|\[[^\]]*\]|[-\u2013]\s*\d{1,2} \w+ \d{4}", re.I
)
_DECLARED_RE = re.compile(r"adopted (?:version|text) is ([A-Z][A-Z0-9./()\-]+\d)", re.I)


@dataclass(frozen=True, slots=True)
class Expression:
    """One version: its document id, date (ISO), stage and title."""

    doc_id: str
    date: str | None
    stage: Stage
    title: str = ""


@dataclass(frozen=True, slots=True)
class VersionMatch:
    """Evidence that two documents are versions of one work, and the verdict."""

    title_similarity: float
    content_overlap: float
    declared: bool
    same_work: bool
    reason: str


def title_tokens(title: str) -> tuple[str, ...]:
    """Normalised title tokens without "Draft", "Rev.1", dates and status markers."""
    return tokens(_TITLE_NOISE_RE.sub(" ", title))


def title_similarity(a: str, b: str) -> float:
    """Token similarity of two titles, ignoring "Draft", dates and status markers."""
    ta = title_tokens(a)
    tb = title_tokens(b)
    if not ta or not tb:
        return 0.0
    return similarity(ta, tb)


def content_overlap(alignments: Sequence[Alignment]) -> float:
    """Share of paragraphs, on both sides together, that the alignment pairs up."""
    paired = sum(len(a.sources) + len(a.targets) for a in alignments if a.sources and a.targets)
    total = sum(len(a.sources) + len(a.targets) for a in alignments)
    return paired / total if total else 0.0


def declared_adopted_symbol(notes: str | None) -> str | None:
    """The symbol a manifest note names as the adopted version ("… is A/RES/70/125")."""
    m = _DECLARED_RE.search(notes or "")
    return m.group(1) if m else None


def match_versions(
    title_a: str,
    title_b: str,
    alignments: Sequence[Alignment],
    declared: bool = False,
) -> VersionMatch:
    """Decide whether two documents are expressions of the same work."""
    ts = round(title_similarity(title_a, title_b), 3)
    co = round(content_overlap(alignments), 3)
    if declared:
        return VersionMatch(ts, co, True, True, "declared in the manifest")
    if co >= STRONG_CONTENT:
        return VersionMatch(ts, co, False, True, f"{co:.0%} of paragraphs align")
    if ts >= TITLE_THRESHOLD and co >= CONTENT_THRESHOLD:
        return VersionMatch(ts, co, False, True, f"titles match ({ts:.2f}) and {co:.0%} align")
    return VersionMatch(ts, co, False, False, f"title {ts:.2f}, content {co:.0%}: different texts")


def stage_of(kind: str | None, title: str = "", bracketed: bool = False) -> Stage:
    """Draft or adopted, from the document kind, the title, or brackets left in the text."""
    k = (kind or "").lower()
    if "draft" in k or re.search(r"\bdraft\b", title, re.I) or bracketed:
        return "draft"
    if k in ("resolution", "decision") or "resolution" in k:
        return "adopted"
    return "other"


def order(a: Expression, b: Expression) -> tuple[Expression, Expression]:
    """(earlier, later): by date when both are known, else the draft first."""
    if a.date and b.date and a.date != b.date:
        return (a, b) if a.date < b.date else (b, a)
    if a.stage == "adopted" and b.stage == "draft":
        return b, a
    return a, b
