"""The dump-ready pieces of one named graph, made once where the graph is built.

Why: the dumps of a corpus are gigabytes; re-serialising and re-sorting all of them after one
file changed took minutes. Each graph's sorted N-Quads, N-Triples and Turtle are made in the
worker that built the graph and cached beside its records, so writing the dumps is
concatenation. What concatenation alone would get wrong is a triple stated by two graphs
(a paragraph its own file describes and another graph restates): each graph lists the 16-byte
digests of its lines whose subject another graph *may* state (``claims``), and the writer
drops the later copies of the few digests that occur in more than one graph.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyoxigraph as ox

from wsiskg.graph.namespaces import PREFIXES
from wsiskg.graph.shards import ntriples_to_nquads

DIGEST_BYTES = 16
RDF_TYPE_IRI = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


@dataclass(frozen=True)
class Segments:
    """One graph as sorted N-Quads, the same lines as N-Triples, and a Turtle body."""

    nquads: bytes
    ntriples: bytes
    turtle: bytes  # no @prefix lines: the dump writes one header for all graphs
    claims: bytes  # DIGEST_BYTES per N-Triples line another graph may repeat


def line_digest(line: bytes) -> bytes:
    """The digest of one N-Triples line (with its newline)."""
    return hashlib.blake2b(line, digest_size=DIGEST_BYTES).digest()


def subject_of(line: bytes) -> str:
    """The subject IRI of a canonical N-Triples/N-Quads line (no blank nodes here)."""
    return line[1 : line.index(b">")].decode("utf-8")


def sorted_block(quads: Iterable[ox.Quad]) -> bytes:
    """One graph's quads as sorted canonical N-Quads (a block of the N-Quads dump)."""
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
    return b"".join(sorted(set(data.splitlines(keepends=True))))


def nquads_to_ntriples(block: bytes) -> bytes:
    """The N-Triples of one graph's canonical N-Quads: the graph term of each line dropped.

    Exact for pyoxigraph's canonical N-Quads of one named graph: every line ends with
    `` <graph> .``, an IRI holds no space, so the last space-separated IRI is the graph. Sorted
    order is kept (lines differ before the graph term, which is the same on every line).
    """
    out = []
    for line in block.splitlines(keepends=True):
        cut = line.rindex(b" <", 0, len(line) - 3)
        out.append(line[:cut] + b" .\n")
    return b"".join(out)


def turtle_body(ntriples: bytes) -> bytes:
    """Turtle of sorted N-Triples, without the ``@prefix`` header (pyoxigraph serialises)."""
    if not ntriples:
        return b""
    triples = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES, lenient=True)
    data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""
    lines = data.splitlines(keepends=True)
    start = 0
    while start < len(lines) and (lines[start].startswith(b"@prefix ") or lines[start] == b"\n"):
        start += 1
    body = b"".join(lines[start:])
    return body if body.endswith(b"\n") or not body else body + b"\n"


def claims_of(ntriples: bytes, private: Callable[[str], bool] | None) -> bytes:
    """Digests of the lines whose subject is not ``private`` (all lines when it is None)."""
    return b"".join(
        line_digest(line)
        for line in ntriples.splitlines(keepends=True)
        if private is None or not private(subject_of(line))
    )


def graph_segments(quads: Iterable[ox.Quad], private: Callable[[str], bool] | None) -> Segments:
    nq = sorted_block(quads)
    nt = nquads_to_ntriples(nq)
    return Segments(nq, nt, turtle_body(nt), claims_of(nt, private))


def ntriples_segments(ntriples: bytes, graph: str) -> Segments:
    """Segments of a graph given as sorted N-Triples lines; every line may repeat elsewhere."""
    return Segments(
        ntriples_to_nquads(ntriples, graph),
        ntriples,
        turtle_body(ntriples),
        claims_of(ntriples, None),
    )


def digest_view(digests: bytes) -> npt.NDArray[np.bytes_]:
    """Concatenated digests (claims) as a numpy array, one fixed-width item each, no copy."""
    return np.frombuffer(digests, dtype=f"S{DIGEST_BYTES}")


def digests_array(claims: Iterable[bytes]) -> npt.NDArray[np.bytes_]:
    """Many graphs' claims as one sorted array of distinct digests (``np.isin`` ready)."""
    arrays = [digest_view(c) for c in claims]
    if not arrays:
        return digest_view(b"")
    return np.unique(np.concatenate(arrays))


def without_lines_in(ntriples: bytes, digests: npt.NDArray[np.bytes_]) -> bytes:
    """The N-Triples lines whose digest is not in ``digests``.

    Why: the shared and history graphs restate nodes some file graph already states (a cited
    paragraph of a file in the build); stating a triple once keeps the union free of repeats,
    which would multiply the rows of every join over it.
    """
    lines = ntriples.splitlines(keepends=True)
    if not lines or not len(digests):
        return ntriples
    mine = digest_view(b"".join(line_digest(line) for line in lines))
    keep = ~np.isin(mine, digests)
    return b"".join(line for line, k in zip(lines, keep.tolist(), strict=True) if k)


def class_counts(ntriples: bytes) -> Counter[str]:
    """``rdf:type`` lines by class IRI (distinct subjects per class, lines being distinct)."""
    counts: Counter[str] = Counter()
    for line in ntriples.splitlines():
        s_end = line.find(b"> ")
        if line[s_end + 2 : s_end + 2 + len(RDF_TYPE_IRI)] == RDF_TYPE_IRI:
            obj = line[s_end + 3 + len(RDF_TYPE_IRI) :]
            counts[obj[1 : obj.index(b">")].decode("utf-8")] += 1
    return counts
