"""Paragraph alignment between two versions of a text, robust to renumbering.

Numbers cannot be trusted across versions (the 7 December 2015 draft numbers its preamble 1-5,
the adopted A/RES/70/125 leaves it unnumbered), so paragraphs are matched on their words:

1. every paragraph becomes a list of normalised word tokens (acronyms spelt out, British
   spellings folded, status markers and bracket characters dropped: ``data/normalize.csv``);
2. pairwise similarity is ``difflib.SequenceMatcher.ratio`` over those token lists;
3. an order-aware one-to-one assignment (a weighted longest common subsequence by dynamic
   programming) keeps the paragraphs that stay in order; a greedy pass over what is left
   finds the paragraphs that moved;
4. a target left over that explains more of an already matched source joins it (a split); a
   source left over that explains more of an already matched target joins it (a merge);
5. what remains is ``new`` (targets) or ``dropped`` (sources).

A one-to-one pair is ``same`` when its similarity reaches ``SAME_THRESHOLD``, else
``reworded``. Everything here is pure and works on plain ``(anchor, text)`` lists.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from typing import Literal

AlignmentKind = Literal["same", "reworded", "split", "merged", "new", "dropped"]
ALIGNMENT_KINDS: tuple[str, ...] = ("same", "reworded", "split", "merged", "new", "dropped")

SAME_THRESHOLD = 0.8
"""A one-to-one pair is ``same`` when its content words (``data/function_words.txt`` left
out) are identical in order and its similarity reaches this floor; else ``reworded``."""
MATCH_THRESHOLD = 0.5
"""Minimum similarity for an in-order one-to-one match."""
MOVE_THRESHOLD = 0.5
"""Minimum similarity for an out-of-order (moved) one-to-one match."""
GAP_THRESHOLD = 0.3
"""Minimum similarity for pairing a free source and a free target that sit in the same gap
between two in-order matches (the classic diff reading: a change in place)."""
CONTAINMENT_THRESHOLD = 0.55
"""Share of the shorter paragraph found in the longer one that still makes a pair (a
paragraph cut down or padded out is one paragraph reworded, not a new one)."""
GAIN_THRESHOLD = 0.04
"""Similarity a split/merge partner must add to the group it joins, or else ..."""
COVERAGE_GAIN = 0.25
"""... the share of the shared paragraph it explains that no other part of the group does."""
PART_OVERLAP = 0.3
"""Least share of a split/merge part's own tokens found in the paragraph it joins."""
MIN_PART_TOKENS = 6
"""A split or merge part must share at least this many tokens with its partner."""

_DATA = Path(__file__).resolve().parent / "data"
_MARKER_RE = re.compile(r"\[(?:Suggested for Closure|Agreed ad ref|Agreed)[^\]]*\]", re.I)
_TOKEN_RE = re.compile(r"[a-z0-9]+(?:&[a-z0-9]+)?(?:['\u2019][a-z]+)?|%")
_GLUED_FOOTNOTE_RE = re.compile(r"(?<=[A-Za-z]{3})\d{1,2}\b|(?<=[.,;:])\d{1,2}(?=\s|$)")
_ACRONYM_DEF_RE = re.compile(r"\s*\((?:[A-Z][A-Za-z&]*[A-Z]s?)\)")


@dataclass(frozen=True, slots=True)
class Para:
    """One paragraph of one version: its anchor as printed ("65", "pp2", "32(b)") and text."""

    anchor: str
    text: str


@dataclass(frozen=True, slots=True)
class Alignment:
    """Source paragraph(s) of the earlier version aligned with target paragraph(s) of the later.

    ``sources`` is empty for ``new``, ``targets`` is empty for ``dropped``. ``similarity`` is
    the token-sequence ratio of the joined sources against the joined targets (0 for
    new/dropped). ``moved`` says the pair breaks the order of the surrounding matches.
    """

    sources: tuple[str, ...]
    targets: tuple[str, ...]
    kind: AlignmentKind
    similarity: float
    moved: bool = False


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    lines = (_DATA / "function_words.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def content_words(toks: Sequence[str]) -> tuple[str, ...]:
    """The tokens that carry substance: an edit outside them is editorial."""
    fw = _function_words()
    return tuple(t for t in toks if t not in fw)


@lru_cache(maxsize=1)
def _replacements() -> dict[str, tuple[str, ...]]:
    with (_DATA / "normalize.csv").open(encoding="utf-8", newline="") as fh:
        return {row["from"]: tuple(row["to"].split()) for row in csv.DictReader(fh)}


def tokens(text: str) -> tuple[str, ...]:
    """Normalised word tokens: what the similarity compares (markers and brackets removed)."""
    text = _MARKER_RE.sub(" ", text)
    text = _GLUED_FOOTNOTE_RE.sub("", text)  # "Society1" -> "Society" (footnote markers)
    text = _ACRONYM_DEF_RE.sub("", text)  # "technology (ICT)": the definition adds nothing
    text = text.replace("[", " ").replace("]", " ").lower()
    repl = _replacements()
    out: list[str] = []
    for tok in _TOKEN_RE.findall(text):
        out.extend(repl.get(tok, (tok,)))
    return tuple(out)


def _matcher(a: Sequence[str], b: Sequence[str]) -> SequenceMatcher[str]:
    return SequenceMatcher(None, a, b, autojunk=False)


def similarity(a: Sequence[str], b: Sequence[str]) -> float:
    """``SequenceMatcher.ratio`` over token lists: 2·matches / (len(a) + len(b))."""
    if not a and not b:
        return 1.0
    return _matcher(a, b).ratio()


def shared(a: Sequence[str], b: Sequence[str]) -> int:
    """Number of tokens the two lists share in order (matching blocks)."""
    return sum(block.size for block in _matcher(a, b).get_matching_blocks())


class _Table:
    """Token lists and memoised pair measures for one alignment run."""

    def __init__(self, source: Sequence[Para], target: Sequence[Para]) -> None:
        self.src = [tokens(p.text) for p in source]
        self.tgt = [tokens(p.text) for p in target]
        self._sets_src = [set(t) for t in self.src]
        self._sets_tgt = [set(t) for t in self.tgt]
        self._sim: dict[tuple[int, int], float] = {}
        self._shared: dict[tuple[int, int], int] = {}

    def sim(self, i: int, j: int) -> float:
        key = (i, j)
        if key not in self._sim:
            a, b = self._sets_src[i], self._sets_tgt[j]
            # cheap upper bound first: most pairs share too little vocabulary to match
            bound = 2 * len(a & b) / max(1, len(a) + len(b))
            if bound < 0.3:
                self._sim[key] = 0.0
            else:
                self._sim[key] = similarity(self.src[i], self.tgt[j])
        return self._sim[key]

    def shared(self, i: int, j: int) -> int:
        key = (i, j)
        if key not in self._shared:
            self._shared[key] = shared(self.src[i], self.tgt[j])
        return self._shared[key]

    def positions(self, i: int, j: int, *, in_source: bool) -> set[int]:
        """Token positions of source ``i`` (or of target ``j``) matched by the other."""
        blocks = _matcher(self.src[i], self.tgt[j]).get_matching_blocks()
        if in_source:
            return {b.a + k for b in blocks for k in range(b.size)}
        return {b.b + k for b in blocks for k in range(b.size)}

    def containment(self, i: int, j: int) -> float:
        """Share of the shorter of the two paragraphs found in the other."""
        shorter = min(len(self.src[i]), len(self.tgt[j]))
        return self.shared(i, j) / shorter if shorter else 0.0

    def group_sim(self, srcs: Iterable[int], tgts: Iterable[int]) -> float:
        a = [t for i in sorted(srcs) for t in self.src[i]]
        b = [t for j in sorted(tgts) for t in self.tgt[j]]
        return similarity(a, b)


def _in_order_matches(table: _Table, n: int, m: int) -> list[tuple[int, int]]:
    """Weighted LCS: the in-order one-to-one matching with the largest total similarity."""
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        row, prev = best[i], best[i - 1]
        for j in range(1, m + 1):
            score = max(prev[j], row[j - 1])
            s = table.sim(i - 1, j - 1)
            if s >= MATCH_THRESHOLD and prev[j - 1] + s > score:
                score = prev[j - 1] + s
            row[j] = score
    pairs: list[tuple[int, int]] = []
    i, j = n, m
    while i > 0 and j > 0:
        s = table.sim(i - 1, j - 1)
        if s >= MATCH_THRESHOLD and abs(best[i][j] - (best[i - 1][j - 1] + s)) < 1e-9:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    pairs.reverse()
    return pairs


def align(source: Sequence[Para], target: Sequence[Para]) -> list[Alignment]:
    """Align the paragraphs of an earlier version (``source``) with a later one (``target``).

    Returns one ``Alignment`` per group, ordered by target position; dropped source
    paragraphs are placed after the alignment of the source paragraph before them.
    """
    table = _Table(source, target)
    n, m = len(source), len(target)
    # groups: list of (set of source idx, set of target idx); maps idx -> group number
    groups: list[tuple[set[int], set[int]]] = []
    moved: set[int] = set()
    src_group: dict[int, int] = {}
    tgt_group: dict[int, int] = {}

    def add(i: int, j: int, is_moved: bool = False) -> None:
        groups.append(({i}, {j}))
        src_group[i] = tgt_group[j] = len(groups) - 1
        if is_moved:
            moved.add(len(groups) - 1)

    chain = _in_order_matches(table, n, m)
    for i, j in chain:
        add(i, j, False)
    # moved paragraphs: best remaining pairs, greedily
    free_pairs = [
        (table.sim(i, j), i, j)
        for i in range(n)
        if i not in src_group
        for j in range(m)
        if j not in tgt_group
    ]
    for s, i, j in sorted(free_pairs, key=lambda x: (-x[0], x[1], x[2])):
        if s < MOVE_THRESHOLD:
            break
        if i not in src_group and j not in tgt_group:
            add(i, j, _breaks_order(chain, i, j))
    # a paragraph cut down or padded out: one side mostly contained in the other
    _contained_pairs(table, n, m, src_group, tgt_group, add, chain)
    # a change in place: free paragraphs between the same two in-order matches
    _gap_pairs(table, n, m, src_group, tgt_group, add, chain)
    # splits: a free target that makes its best source's group explain that source better
    for j in range(m):
        if j not in tgt_group:
            _join(table, j, n, groups, src_group, tgt_group, split=True)
    # merges: a free source that makes its best target's group explain that target better
    for i in range(n):
        if i not in src_group:
            _join(table, i, m, groups, src_group, tgt_group, split=False)
    return _collect(table, source, target, groups, moved, src_group, tgt_group)


def _breaks_order(chain: Sequence[tuple[int, int]], i: int, j: int) -> bool:
    """True when pair (i, j) crosses one of the in-order matches: the paragraph moved."""
    return any((a < i and b > j) or (a > i and b < j) for a, b in chain)


def _contained_pairs(
    table: _Table,
    n: int,
    m: int,
    src_group: dict[int, int],
    tgt_group: dict[int, int],
    add: Callable[[int, int, bool], None],
    chain: Sequence[tuple[int, int]],
) -> None:
    """Pair free paragraphs where the shorter is mostly found in the longer."""
    cands = []
    for i in range(n):
        if i in src_group:
            continue
        for j in range(m):
            if j in tgt_group or table.sim(i, j) == 0.0:
                continue
            c = table.containment(i, j)
            if c >= CONTAINMENT_THRESHOLD and table.shared(i, j) >= MIN_PART_TOKENS:
                cands.append((c, i, j))
    for _c, i, j in sorted(cands, key=lambda x: (-x[0], x[1], x[2])):
        if i not in src_group and j not in tgt_group:
            add(i, j, _breaks_order(chain, i, j))


def _gap_pairs(
    table: _Table,
    n: int,
    m: int,
    src_group: dict[int, int],
    tgt_group: dict[int, int],
    add: Callable[[int, int, bool], None],
    chain: Sequence[tuple[int, int]],
) -> None:
    """Pair free paragraphs lying between the same two in-order matches, best first."""
    bounds = [(-1, -1), *chain, (n, m)]
    for (a0, b0), (a1, b1) in zip(bounds, bounds[1:], strict=False):
        cands = [
            (table.sim(i, j), i, j)
            for i in range(a0 + 1, a1)
            if i not in src_group
            for j in range(b0 + 1, b1)
            if j not in tgt_group
        ]
        for sim, i, j in sorted(cands, key=lambda x: (-x[0], x[1], x[2])):
            if sim < GAP_THRESHOLD:
                break
            if i not in src_group and j not in tgt_group and table.shared(i, j) >= MIN_PART_TOKENS:
                add(i, j, False)


def _join(
    table: _Table,
    k: int,
    other_n: int,
    groups: list[tuple[set[int], set[int]]],
    src_group: dict[int, int],
    tgt_group: dict[int, int],
    *,
    split: bool,
) -> None:
    """Attach free paragraph ``k`` to the group that it helps most, if it helps enough."""
    own_map, other_map = (tgt_group, src_group) if split else (src_group, tgt_group)
    best: tuple[float, int] | None = None
    for o in range(other_n):
        if o not in other_map:
            continue
        i, j = (o, k) if split else (k, o)
        if table.sim(i, j) == 0.0 and table.shared(i, j) < MIN_PART_TOKENS * 2:
            continue
        if table.shared(i, j) < MIN_PART_TOKENS:
            continue
        g = other_map[o]
        srcs, tgts = groups[g]
        gain = table.group_sim(srcs | {i}, tgts | {j}) - table.group_sim(srcs, tgts)
        if gain < GAIN_THRESHOLD:
            gain = _coverage_gain(table, o, k, srcs, tgts, split=split)
        if gain >= GAIN_THRESHOLD and (best is None or gain > best[0]):
            best = (gain, g)
    if best is not None:
        g = best[1]
        (groups[g][1] if split else groups[g][0]).add(k)
        own_map[k] = g


def _coverage_gain(
    table: _Table, o: int, k: int, srcs: set[int], tgts: set[int], *, split: bool
) -> float:
    """Share of paragraph ``o`` that free paragraph ``k`` explains and the group does not.

    Returns 0 unless the gain reaches ``COVERAGE_GAIN`` and ``k`` is itself largely made of
    ``o``'s words, so that shared boilerplate (lists of stakeholders) does not glue
    unrelated paragraphs together.
    """
    i, j = (o, k) if split else (k, o)
    own_len = len(table.tgt[k]) if split else len(table.src[k])
    one_len = len(table.src[o]) if split else len(table.tgt[o])
    if not own_len or not one_len or table.shared(i, j) / own_len < PART_OVERLAP:
        return 0.0
    if split:
        have = set().union(*(table.positions(o, t, in_source=True) for t in tgts))
        new = table.positions(o, k, in_source=True)
    else:
        have = set().union(*(table.positions(s_, o, in_source=False) for s_ in srcs))
        new = table.positions(k, o, in_source=False)
    gain = len(new - have) / one_len
    return gain if gain >= COVERAGE_GAIN else 0.0


def _collect(
    table: _Table,
    source: Sequence[Para],
    target: Sequence[Para],
    groups: list[tuple[set[int], set[int]]],
    moved: set[int],
    src_group: dict[int, int],
    tgt_group: dict[int, int],
) -> list[Alignment]:
    out: list[tuple[tuple[float, float], Alignment]] = []
    for g, (srcs, tgts) in enumerate(groups):
        sim = round(table.group_sim(srcs, tgts), 3)
        if len(srcs) > 1 and len(tgts) > 1:
            kind: AlignmentKind = "merged" if len(srcs) >= len(tgts) else "split"
        elif len(tgts) > 1:
            kind = "split"
        elif len(srcs) > 1:
            kind = "merged"
        else:
            (i,), (j,) = srcs, tgts
            editorial = content_words(table.src[i]) == content_words(table.tgt[j])
            kind = "same" if editorial and sim >= SAME_THRESHOLD else "reworded"
        al = Alignment(
            sources=tuple(source[i].anchor for i in sorted(srcs)),
            targets=tuple(target[j].anchor for j in sorted(tgts)),
            kind=kind,
            similarity=sim,
            moved=g in moved,
        )
        out.append(((float(min(tgts)), 0.0), al))
    for j in range(len(target)):
        if j not in tgt_group:
            out.append(((float(j), 0.0), Alignment((), (target[j].anchor,), "new", 0.0)))
    for i in range(len(source)):
        if i not in src_group:
            # place after the target of the nearest preceding aligned source
            prev = [k for k in range(i) if k in src_group]
            pos = max(groups[src_group[prev[-1]]][1]) if prev else -1
            out.append(((pos + 0.5, float(i)), Alignment((source[i].anchor,), (), "dropped", 0.0)))
    out.sort(key=lambda x: x[0])
    return [al for _key, al in out]
