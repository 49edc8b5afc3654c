"""Cheap candidate pairs of versions: MinHash signatures, LSH bands, titles, manifest notes.

Aligning two documents costs about a second, so a build of thousands of documents cannot
align all pairs. Each document gets a MinHash signature of its word 4-shingles (token hashes
are CRC-32, so signatures do not depend on the process or on the other inputs); documents
sharing one LSH band, or a normalised title, or named by a manifest note, become
candidates. Only pairs with a draft on one side go on: two adopted resolutions are two works,
however much text the second repeats from the first (annual resolutions do).

``candidates`` reads only what a ``Blockable`` offers (id, stage, title, note, signature), so it
runs on the small per-file digests (``digest.DocDigest``, signatures computed where the file
was extracted) as well as on full ``sources.DocSource`` records.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

import numpy as np
import numpy.typing as npt

from wsiskg.graph.history.align import Para
from wsiskg.graph.history.errors import HistoryError
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
_PACKED = np.dtype("<u8")
"""Signatures travel as little-endian bytes: compact, and stable in pickles across numpy
versions and machines."""
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


def pack(sig: Signature) -> bytes:
    """A signature as ``PERMUTATIONS * 8`` bytes (what a digest stores)."""
    return np.asarray(sig, dtype=_PACKED).tobytes()


def unpack(data: bytes) -> Signature:
    """The signature ``pack`` stored."""
    return np.frombuffer(data, dtype=_PACKED).astype(np.uint64)


def estimate(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of two shingle sets."""
    return float(np.mean(a == b))


def _title_key(title: str) -> tuple[str, ...] | None:
    toks = title_tokens(title)
    return toks if len(toks) >= 3 else None


MAX_CANDIDATES_PER_DRAFT = 3


class Blockable(Protocol):
    """What blocking needs about one document (``DocDigest`` and ``DocSource`` both offer it)."""

    @property
    def doc_id(self) -> str: ...
    @property
    def negotiable(self) -> bool: ...
    @property
    def stage(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def declared_adopted(self) -> str | None: ...
    @property
    def signature(self) -> bytes | None:
        """``pack``ed MinHash signature of the paragraphs; ``None`` when not negotiable."""


def _packed(doc: Blockable) -> bytes:
    packed = doc.signature
    if packed is None or len(packed) != PERMUTATIONS * _PACKED.itemsize:
        raise HistoryError(f"{doc.doc_id}: a negotiable document without a valid signature")
    return packed


def candidates(docs: Sequence[Blockable]) -> list[Candidate]:
    """Pairs of negotiable documents (indexes into ``docs``) worth aligning, in a stable order."""
    idx = [i for i, s in enumerate(docs) if s.negotiable]
    drafts = {i for i in idx if docs[i].stage == "draft"}
    by_id = {docs[i].doc_id: i for i in idx}
    declared: set[tuple[int, int]] = set()
    for i in idx:
        j = by_id.get(docs[i].declared_adopted or "")
        if j is not None and j != i:
            declared.add((min(i, j), max(i, j)))
    if not drafts and not declared:
        return []  # nothing can pair: no signature is worth reading
    packed = {i: _packed(docs[i]) for i in idx}
    width = ROWS_PER_BAND * _PACKED.itemsize  # a band's rows, as a slice of the packed bytes
    buckets: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for i in idx:
        p = packed[i]
        for start in range(0, len(p), width):
            buckets[("band", start, p[start : start + width])].append(i)
        key = _title_key(docs[i].title)
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
        est = estimate(unpack(packed[a]), unpack(packed[b]))
        is_declared = (a, b) in declared
        titles = title_similarity(docs[a].title, docs[b].title)
        if not is_declared and packed[a] == packed[b]:
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
