"""Does a governing verb reach a reference? Only when the reference is (in) its object.

"We welcome the fact that … progress on paragraphs 23 and 27 of the Tunis Agenda": the verb
governs "the fact", and the reference sits in a subordinate clause, so it is only cited.
A cue stops governing when, between it and the reference, there is a clause word ("that",
"which" …), a preposition that opens a complement of another noun ("progress on", "in the
context of"), or when the verb is
directly followed by a prepositional complement ("took note of in its resolution 68/198").
A reference coordinated with an earlier one ("para 111 … which requests … and para 106")
shares that one's relation. The closed word lists are data: ``data/reference_scope.csv``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from wsiskg.extract.errors import PatternError

SCOPE_CSV = Path(__file__).resolve().parent.parent / "data" / "reference_scope.csv"
KINDS = (
    "document_noun",
    "clause_word",
    "object_preposition",
    "after_verb_preposition",
    "not_a_complement",
    "coordinator",
    "inclusion",
)
ADVERBS = re.compile(r"(?:\s*,?\b(?:also|further|moreover|again)\b,?)+$", re.IGNORECASE)
# a preposition right after a capitalised word or a blanked mention continues a name or
# gives a title ("Declaration on the Right to Development", "resolution 55/63 on ...")
NAME_BEFORE = re.compile(r"(?:\b[A-Z][\w-]*|\d{4}|\))\s+$")
MASK = "X"  # what mentions and actor names are blanked with before scope checks


def _alternation(words: list[str]) -> str:
    parts = sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True)
    return "|".join(parts)


@dataclass(frozen=True, slots=True)
class Scope:
    """The compiled word lists; see the module docstring."""

    document_nouns: frozenset[str]
    clause: re.Pattern[str]
    object_preposition: re.Pattern[str]
    after_verb: re.Pattern[str]
    not_a_complement: re.Pattern[str]
    coordinated: re.Pattern[str]
    inclusion: re.Pattern[str]

    def break_reason(self, gap: str, parenthesised: bool = False) -> str | None:
        """Why a reference after ``gap`` (cue end → reference start) is outside the object."""
        head = gap.lstrip(" ,")
        if gap[:1] != "," and not self.not_a_complement.match(head):
            if self.after_verb.match(head):
                return "complement"
        inclusion = max(self.inclusion.finditer(gap), key=lambda m: m.start(), default=None)
        if inclusion is not None:  # "resolutions on the sea, including resolution 69/245"
            gap = gap[inclusion.end() :]
        gap = self.not_a_complement.sub(lambda m: " " * len(m.group(0)), gap)
        for m in self.clause.finditer(gap):
            if m.group(0).lower() != "that" or not self._verb_complement(gap[: m.start()]):
                return "clause"
        if parenthesised or gap.count("(") > gap.count(")"):
            return None  # "(A/66/77; E/2009/92)" restates the noun phrase before it
        for m in self.object_preposition.finditer(gap):
            if not NAME_BEFORE.search(gap, 0, m.start()):
                return "preposition"
        return None

    def _verb_complement(self, before: str) -> bool:
        """ "reaffirming that …", "… and also that …": the verb's own content clause."""
        before = ADVERBS.sub("", before.rstrip())
        return not before or bool(self.coordinated.search(before + " "))

    def is_coordinated(self, gap: str) -> bool:
        """``gap`` (previous mention end → this reference) ends in "and", ",", "as well as"."""
        return ";" not in gap and bool(self.coordinated.search(gap))


@lru_cache(maxsize=2)
def load_scope(path: Path = SCOPE_CSV) -> Scope:
    """The scope word lists (cached per process)."""
    words: dict[str, list[str]] = {k: [] for k in KINDS}
    with path.open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh), start=2):
            kind, word = (row.get("kind") or "").strip(), (row.get("word") or "").strip()
            if kind not in words or not word:
                raise PatternError(f"{path.name}:{n}: unknown kind {kind!r} or empty word")
            words[kind].append(word)
    flags = re.IGNORECASE
    return Scope(
        document_nouns=frozenset(w.lower() for w in words["document_noun"]),
        clause=re.compile(rf"\b(?:{_alternation(words['clause_word'])})\b", flags),
        object_preposition=re.compile(
            rf"\b(?:{_alternation(words['object_preposition'])})\s", flags
        ),
        after_verb=re.compile(
            rf"(?:of\s+)?(?:{_alternation(words['after_verb_preposition'])})\s", flags
        ),
        not_a_complement=re.compile(
            rf"(?:of\s+)?(?:{_alternation(words['not_a_complement'])})\b", flags
        ),
        inclusion=re.compile(rf"\b(?:{_alternation(words['inclusion'])})\b", flags),
        coordinated=re.compile(
            rf"(?:{_alternation(words['coordinator'])})\s*(?:(?:the|its|their|also)\s+)?$",
            flags,
        ),
    )
