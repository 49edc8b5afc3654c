"""Negotiation status of draft paragraphs: bracketed (not agreed) text and status markers.

In UN negotiation drafts square brackets mean "not agreed": a bracketed phrase
("[foreign] occupation"), a bracketed sentence, or alternatives still to choose between
("[2020/2025]"). Facilitators also tag paragraphs with markers in brackets ("[Suggested for
Closure]"); those are recognised by ``data/status_markers.csv`` and kept apart from the
brackets, which they are not.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from wsiskg.graph.history.align import Para
from wsiskg.graph.history.errors import HistoryError

_DATA = Path(__file__).resolve().parent / "data"
_ALTERNATIVE_PART_RE = re.compile(r"^[\w.\-' ]{1,30}$")


@dataclass(frozen=True, slots=True)
class StatusMarker:
    """A facilitator's marker: ``id`` from the marker table, ``text`` as printed."""

    id: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Bracket:
    """A bracketed (not yet agreed) span; offsets are into the paragraph text, brackets included.

    ``alternatives`` holds the options of a "[2020/2025]"-style bracket, else is empty.
    """

    start: int
    end: int
    text: str  # the content, without the brackets
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ParagraphStatus:
    anchor: str
    markers: tuple[StatusMarker, ...]
    brackets: tuple[Bracket, ...]

    @property
    def agreed(self) -> bool:
        """No bracketed text left (a marker alone does not make a paragraph disputed)."""
        return not self.brackets

    @property
    def marker_ids(self) -> tuple[str, ...]:
        return tuple(m.id for m in self.markers)


@lru_cache(maxsize=1)
def _marker_table() -> tuple[tuple[str, re.Pattern[str]], ...]:
    path = _DATA / "status_markers.csv"
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh), start=2):
            try:
                rows.append((row["id"], re.compile(row["pattern"], re.I)))
            except (KeyError, re.error) as exc:
                raise HistoryError(f"{path}:{n}: bad status marker row: {exc}") from exc
    return tuple(rows)


def marker_id(content: str) -> str | None:
    """The marker id when a bracket's content is a status marker, else None."""
    for mid, pattern in _marker_table():
        if pattern.match(content.strip()):
            return mid
    return None


def alternatives(content: str) -> tuple[str, ...]:
    """ "2020/2025" → ("2020", "2025"); ordinary bracketed text → ()."""
    if "/" not in content:
        return ()
    parts = tuple(p.strip() for p in content.split("/"))
    if len(parts) >= 2 and all(p and _ALTERNATIVE_PART_RE.match(p) for p in parts):
        return parts
    return ()


def _top_level_brackets(text: str) -> Iterable[tuple[int, int]]:
    """(start, end) of outermost [...] spans; an unclosed bracket runs to the end."""
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch == "[":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "]" and depth:
            depth -= 1
            if depth == 0:
                yield start, i + 1
    if depth:
        yield start, len(text)


def paragraph_status(para: Para) -> ParagraphStatus:
    """Markers and bracketed spans of one paragraph."""
    markers: list[StatusMarker] = []
    brackets: list[Bracket] = []
    for start, end in _top_level_brackets(para.text):
        content = para.text[start + 1 : end - 1 if para.text[end - 1] == "]" else end]
        mid = marker_id(content)
        if mid:
            markers.append(StatusMarker(mid, content.strip(), start, end))
        else:
            brackets.append(Bracket(start, end, content, alternatives(content)))
    return ParagraphStatus(para.anchor, tuple(markers), tuple(brackets))


def document_status(paras: Iterable[Para]) -> list[ParagraphStatus]:
    return [paragraph_status(p) for p in paras]


def resolved_alternative(bracket: Bracket, adopted_text: str) -> str | None:
    """Which alternative of a bracket the adopted text kept (None: none or several)."""
    found = [
        alt for alt in bracket.alternatives if re.search(rf"\b{re.escape(alt)}\b", adopted_text)
    ]
    return found[0] if len(found) == 1 else None
