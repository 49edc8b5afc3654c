"""Cheap candidate pairs of versions: MinHash signatures, LSH bands, titles, manifest notes.

Aligning two documents costs about a second, so a build of thousands of documents cannot
align all pairs. Each document gets a MinHash signature of its word 4-shingles (token hashes
are CRC-32, so signatures do not depend on the process or on the other inputs); documents
sharing one LSH band, or a normalised title, or named by a manifest note, become
candidates. Only pairs with a draft on one side go on: two adopted resolutions are two works,
however much text the second repeats from the first (annual resolutions do).
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from wsiskg.graph.history.align import Para
from wsiskg.graph.history.sources import DocSource
from wsiskg.graph.history.versions import TITLE_THRESHOLD, title_similarity, title_tokens

SHINGLE = 4
PERMUTATIONS = 64
ROWS_PER_BAND = 2
"""32 bands of 2 rows: a pair with shingle Jaccard 0.25 is a candidate with probability 0.87,
0.4 (the bundled draft and its adopted text) with 0.996, 0.03 (unrelated texts) with 0.03."""
MIN_ESTIMATE = 0.15
"""Estimated Jaccard below which a candidate is not aligned (unless titles or notes say so)."""

Signature = npt.NDArray[np.uint64]
_MIX = np.uint64(31)
_WORD_RE = re.compile(r"[a-z]+")


@dataclass(frozen=True, slots=True)
class Candidate:
    """Two documents (indexes into the source list) worth aligning, and why."""

    a: int
    b: int
    estimate: float
    declared: bool


_TOKEN_HASHES: dict[str, int] = {}


def _token_hashes(words: Sequence[str]) -> list[int]:
    """CRC-32 of each word, memoised in a plain dict (a lookup per word is the hot loop)."""
    known = _TOKEN_HASHES
    if len(known) > 500_000:
        known.clear()
    for w in set(words).difference(known):
        known[w] = zlib.crc32(w.encode("utf-8"))
    return [known[w] for w in words]


@lru_cache(maxsize=1)
def _permutations() -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
    rng = np.random.default_rng(20151216)
    a = rng.integers(1, 2**63, size=PERMUTATIONS, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 2**63, size=PERMUTATIONS, dtype=np.uint64)
    return a, b


def shingles(paras: Sequence[Para]) -> npt.NDArray[np.uint64]:
    """Hashes of the word 4-shingles of a text (lower-cased words, paragraphs joined).

    Plain words, not ``align.tokens``: its normalisation costs 5x more and matters little
    for an estimate that only has to rank pairs."""
    words = _WORD_RE.findall(" ".join(p.text for p in paras).lower())
    ids = np.array(_token_hashes(words), dtype=np.uint64)
    if len(ids) < SHINGLE:
        return np.unique(ids)
    n = len(ids) - SHINGLE + 1
    h = np.zeros(n, dtype=np.uint64)
    for k in range(SHINGLE):
        h = h * np.uint64(1_000_003) + ids[k : k + n]
    return np.unique(h)


def signature(paras: Sequence[Para]) -> Signature:
    """MinHash signature (``PERMUTATIONS`` values) of a text's shingles."""
    sh = shingles(paras)
    if not len(sh):
        return np.full(PERMUTATIONS, np.iinfo(np.uint64).max, dtype=np.uint64)
    a, b = _permutations()
    with np.errstate(over="ignore"):
        y = a[:, None] * sh[None, :] + b[:, None]
    y ^= y >> _MIX
    return np.asarray(y.min(axis=1), dtype=np.uint64)


def estimate(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of two shingle sets."""
    return float(np.mean(a == b))


def _title_key(title: str) -> tuple[str, ...] | None:
    toks = title_tokens(title)
    return toks if len(toks) >= 3 else None


MAX_CANDIDATES_PER_DRAFT = 3


def candidates(sources: Sequence[DocSource]) -> list[Candidate]:
    """Pairs of negotiable documents worth aligning, in a stable order."""
    idx = [i for i, s in enumerate(sources) if s.negotiable]
    drafts = {i for i in idx if sources[i].version.expression.stage == "draft"}
    by_id = {sources[i].doc_id: i for i in idx}
    declared: set[tuple[int, int]] = set()
    for i in idx:
        j = by_id.get(sources[i].declared_adopted or "")
        if j is not None and j != i:
            declared.add((min(i, j), max(i, j)))
    if not drafts and not declared:
        return []  # nothing can pair: no signature is worth computing
    sigs = {i: signature(sources[i].version.paras) for i in idx}
    buckets: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for i in idx:
        for band in range(0, PERMUTATIONS, ROWS_PER_BAND):
            buckets[("band", band, *sigs[i][band : band + ROWS_PER_BAND].tolist())].append(i)
        key = _title_key(sources[i].version.expression.title)
        if key:
            buckets[("title", *key)].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) < 2:
            continue
        for d in (m for m in members if m in drafts):
            pairs.update((min(d, o), max(d, o)) for o in members if o != d)
    out = []
    for a, b in sorted(pairs | declared):
        est = estimate(sigs[a], sigs[b])
        is_declared = (a, b) in declared
        titles = title_similarity(
            sources[a].version.expression.title, sources[b].version.expression.title
        )
        if not is_declared and np.array_equal(sigs[a], sigs[b]):
            continue  # the same text twice is a copy, not a negotiation step
        if is_declared or est >= MIN_ESTIMATE or titles >= TITLE_THRESHOLD:
            out.append(Candidate(a, b, round(est, 3), is_declared))
    return _best_per_draft(out, drafts)


def _best_per_draft(found: list[Candidate], drafts: set[int]) -> list[Candidate]:
    """At most ``MAX_CANDIDATES_PER_DRAFT`` alignments per draft, the likeliest first.

    Alignment is the costly step (~1 s a pair); a corpus with many near-identical texts would
    otherwise align every draft with every one of them.
    """
    kept: list[Candidate] = []
    used: dict[int, int] = defaultdict(int)
    for c in sorted(found, key=lambda c: (not c.declared, -c.estimate, c.a, c.b)):
        ends = [d for d in (c.a, c.b) if d in drafts]
        if not c.declared and ends and all(used[d] >= MAX_CANDIDATES_PER_DRAFT for d in ends):
            continue
        for d in ends:
            used[d] += 1
        kept.append(c)
    return sorted(kept, key=lambda c: (c.a, c.b))
