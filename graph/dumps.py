"""Deterministic, atomic dumps of the graph: Turtle, N-Triples, N-Quads.

The dumps are written from each graph's cached segments (``segments.py``) in graph-IRI order:
N-Quads are the graphs' sorted blocks; N-Triples the same lines without the graph term, each
triple once (a triple two graphs state is written where it first occurs); Turtle one sorted
``@prefix`` header, then each graph's Turtle body. No blank nodes, sorted lines within each
graph: the same input gives byte-identical files, and writing them is linear in their size
however few files changed. Every file is written to a temporary name beside its target and
``os.replace``d, so a crash never leaves a half-written dump.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import numpy as np

from wsiskg.graph.namespaces import PREFIXES
from wsiskg.graph.segments import (
    DIGEST_BYTES,
    Segments,
    class_counts,
    digest_view,
    line_digest,
    turtle_body,
)

DUMP_NAMES = {"turtle": "graph.ttl", "ntriples": "graph.nt", "nquads": "graph.nq"}


@dataclass(frozen=True)
class DumpInfo:
    path: Path
    statements: int
    bytes: int
    sha256: str


class _HashingWriter:
    """A binary sink that counts bytes and lines and hashes what passes through."""

    def __init__(self, fh: IO[bytes]) -> None:
        self.fh = fh
        self.sha = hashlib.sha256()
        self.bytes = 0
        self.lines = 0

    def write(self, data: bytes) -> int:
        self.fh.write(data)
        self.sha.update(data)
        self.bytes += len(data)
        self.lines += data.count(b"\n")
        return len(data)

    def flush(self) -> None:
        self.fh.flush()


@contextmanager
def atomic_file(path: Path) -> Iterator[IO[bytes]]:
    """A file that appears at ``path`` complete (fsynced, renamed) or not at all."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with tmp.open("wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so readers see the old file or the new one, never a part."""
    with atomic_file(path) as fh:
        fh.write(data)


@dataclass(frozen=True)
class GraphSource:
    """One graph for the dumps: its IRI, its claims now, its segments when written.

    ``classes``: its ``rdf:type`` counts when already known (a file's, from the worker), so a
    graph copied verbatim is never re-read line by line.
    """

    graph: str
    claims: Callable[[], bytes]
    segments: Callable[[], Segments]
    classes: dict[str, int] | None = None


@dataclass
class DumpResult:
    dumps: dict[str, DumpInfo]
    quads: int
    classes: Counter[str] = field(default_factory=Counter)  # distinct subjects per class IRI


def _repeated_digests(sources: Sequence[GraphSource]) -> tuple[set[bytes], list[bool]]:
    """Digests claimed by more than one graph, and which graphs hold any of them."""
    arrays = [digest_view(src.claims()) for src in sources]
    if not arrays:
        return set(), []
    values, counts = np.unique(np.concatenate(arrays), return_counts=True)
    repeated = values[counts > 1]
    if not len(repeated):
        return set(), [False] * len(arrays)
    hits = [bool(np.isin(a, repeated, assume_unique=True).any()) for a in arrays]
    return {bytes(d).ljust(DIGEST_BYTES, b"\0") for d in repeated}, hits


def write_segment_dumps(sources: Sequence[GraphSource], out: Path) -> DumpResult:
    """graph.nq, graph.nt and graph.ttl from per-graph segments, atomically.

    Only graphs holding a line another graph also states are filtered line by line (a file
    that restates a document two files hold, the small history/shared graphs); the rest are
    copied as they are. Turtle and N-Triples state the same triples, each once.
    """
    out.mkdir(parents=True, exist_ok=True)
    ordered = sorted(sources, key=lambda s: s.graph)
    repeated, hits = _repeated_digests(ordered)
    seen: set[bytes] = set()
    classes: Counter[str] = Counter()
    paths = {kind: out / name for kind, name in DUMP_NAMES.items()}
    with ExitStack() as stack:
        nq = _HashingWriter(stack.enter_context(atomic_file(paths["nquads"])))
        nt = _HashingWriter(stack.enter_context(atomic_file(paths["ntriples"])))
        ttl = _HashingWriter(stack.enter_context(atomic_file(paths["turtle"])))
        header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items())
        ttl.write("".join(sorted(header.splitlines(keepends=True))).encode())
        for src, hit in zip(ordered, hits or [False] * len(ordered), strict=True):
            seg = src.segments()
            nq.write(seg.nquads)
            if not hit:
                nt.write(seg.ntriples)
                ttl.write(seg.turtle)
                classes.update(
                    src.classes if src.classes is not None else class_counts(seg.ntriples)
                )
                continue
            kept = []
            for line in seg.ntriples.splitlines(keepends=True):
                d = line_digest(line)
                if d in repeated:
                    if d in seen:
                        continue
                    seen.add(d)
                kept.append(line)
            data = b"".join(kept)
            nt.write(data)
            ttl.write(turtle_body(data))  # re-serialised without the repeats
            classes.update(class_counts(data))
    dumps = {
        "nquads": DumpInfo(paths["nquads"], nq.lines, nq.bytes, nq.sha.hexdigest()),
        "ntriples": DumpInfo(paths["ntriples"], nt.lines, nt.bytes, nt.sha.hexdigest()),
        "turtle": DumpInfo(paths["turtle"], nt.lines, ttl.bytes, ttl.sha.hexdigest()),
    }
    return DumpResult(dumps, nq.lines, classes)
