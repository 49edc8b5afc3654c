"""The negotiation history of a whole build, as quads of the named graph ``<base>graph/history``.

``history_quads_from_digests`` is what ``graph/build.py`` calls once per build with the history
digest of every file (``digest``, computed where the file was extracted); ``history_quads``
does the same from full extractions, by digesting them first (one code path, one output):

1. every document part has a digest (id, stage, title, signature, mandate events) and, when
   it is needed, a ``DocSource`` with the file graphs' own ids (``sources``);
2. cheap blocking proposes candidate pairs from the digests alone (``blocking``); only the
   files holding a candidate's document are loaded, only those pairs are aligned, and
   ``versions.match_versions`` decides. An adopted text never comes *before* another version
   (a later draft that reuses it is a new text), and each earlier version keeps its best later
   draft and its best later adopted text (annual resolutions repeat each other);
3. matched pairs are joined into works (one ``wsis:NegotiatedText`` per connected group, its
   versions in date order) with, per (earlier, later) pair, the paragraph alignments and the
   commitment changes, and the status of each earlier version's paragraphs;
4. the mandate events of every document (from the digests), with their lineage
   (``rdf.lineage_graph``).
"""

from __future__ import annotations

import bisect
import itertools
import logging
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeAlias

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from wsiskg.extract.records import FileExtraction
from wsiskg.graph.history.align import Alignment, align
from wsiskg.graph.history.blocking import Candidate, candidates
from wsiskg.graph.history.diff import commitment_diff
from wsiskg.graph.history.digest import FileDigest, file_digest
from wsiskg.graph.history.errors import HistoryError
from wsiskg.graph.history.mandates import Mandate
from wsiskg.graph.history.rdf import (
    HistoryIris,
    VersionDoc,
    alignment_graph,
    change_graph,
    lineage_graph,
    new_graph,
    status_graph,
    version_graph,
)
from wsiskg.graph.history.sources import DocSource, ManifestCache, doc_sources
from wsiskg.graph.history.status import document_status
from wsiskg.graph.history.versions import VersionMatch, match_versions, order
from wsiskg.graph.history.vocab import WSISH
from wsiskg.graph.iris import Iris

log = logging.getLogger(__name__)

_STAGE_RANK = {"draft": 0, "other": 1, "adopted": 2}

Sources: TypeAlias = "Sequence[DocSource] | Mapping[int, DocSource]"
"""The documents by index into the build's document list: all of them, or only those loaded."""


@dataclass(frozen=True)
class VersionPair:
    """Two versions of one text, ``before`` earlier, with their alignment and the verdict."""

    before: int  # index into the source list
    after: int
    alignments: tuple[Alignment, ...]
    match: VersionMatch


def history_graph_iri(base_iri: str) -> str:
    """``<base>graph/history``: the named graph of everything this package states."""
    return f"{Iris(base_iri).base}graph/history"


def _ordered(sources: Sources, c: Candidate) -> tuple[int, int]:
    a, b = sources[c.a].version.expression, sources[c.b].version.expression
    first, _second = order(a, b)
    return (c.a, c.b) if first.doc_id == a.doc_id else (c.b, c.a)


def verify_pair(sources: Sources, i: int, j: int, declared: bool = False) -> VersionPair | None:
    """Align ``sources[i]`` (earlier) with ``sources[j]``; the pair if they are versions."""
    before, after = sources[i], sources[j]
    if before.version.expression.stage == "adopted" and not declared:
        return None  # an adopted text is final: a later text reusing it is a new work
    alignments = tuple(align(before.version.paras, after.version.paras))
    match = match_versions(
        before.version.expression.title, after.version.expression.title, alignments, declared
    )
    log.debug("%s -> %s: %s", before.doc_id, after.doc_id, match.reason)
    return VersionPair(i, j, alignments, match) if match.same_work else None


def version_pairs(sources: Sequence[DocSource]) -> list[VersionPair]:
    """Candidate pairs that the alignment confirms as versions of one text."""
    return _confirmed(sources, candidates(sources))


def _confirmed(sources: Sources, found_candidates: Iterable[Candidate]) -> list[VersionPair]:
    """The candidates the alignment confirms; each earlier version keeps its best later draft
    and its best later adopted text. ``sources`` must hold every candidate's documents."""
    found: list[VersionPair] = []
    for c in found_candidates:
        i, j = _ordered(sources, c)
        pair = verify_pair(sources, i, j, c.declared)
        if pair is not None:
            found.append(pair)
    best: dict[tuple[int, str], VersionPair] = {}
    for p in found:
        key = (p.before, sources[p.after].version.expression.stage)
        score = (p.match.declared, p.match.content_overlap, p.match.title_similarity)
        old = best.get(key)
        if old is None or score > (
            old.match.declared,
            old.match.content_overlap,
            old.match.title_similarity,
        ):
            best[key] = p
    return sorted(best.values(), key=lambda p: (p.before, p.after))


def _works(pairs: Sequence[VersionPair]) -> list[list[int]]:
    """Connected groups of versions (union-find over the pairs)."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        parent[find(p.before)] = find(p.after)
    groups: dict[int, list[int]] = {}
    for x in sorted(parent):
        groups.setdefault(find(x), []).append(x)
    return list(groups.values())


def _version_key(v: VersionDoc) -> tuple[str, int, str]:
    return (v.expression.date or "", _STAGE_RANK[v.expression.stage], v.doc_id)


def _history_graph(
    sources: Sources,
    pairs: Sequence[VersionPair],
    events: Sequence[tuple[VersionDoc, Mandate]],
    iris: Iris,
) -> Graph:
    h = HistoryIris(iris)
    g = new_graph()
    for group in _works(pairs):
        versions = sorted((sources[i].version for i in group), key=_version_key)
        matches = [p.match for p in pairs if p.before in group]
        work = version_graph(g, h, versions[-1].doc_id, versions, matches[0])
        for m in matches[1:]:
            g.add((work, WSISH.versionEvidence, Literal(m.reason)))
    for p in pairs:
        a, b = sources[p.before], sources[p.after]
        alignment_graph(g, h, a.version, b.version, p.alignments)
        changes = commitment_diff(p.alignments, a.tasks, b.tasks, a.references, b.references)
        change_graph(g, h, a.version, b.version, changes)
    # status of each earlier version, resolved against the next version after it
    nxt: dict[int, VersionPair] = {}
    for p in pairs:
        cur = nxt.get(p.before)
        if cur is None or _version_key(sources[p.after].version) < _version_key(
            sources[cur.after].version
        ):
            nxt[p.before] = p
    for i, p in sorted(nxt.items()):
        v, later = sources[i].version, sources[p.after].version
        later_text = {q.anchor: q.text for q in later.paras}
        resolved = {
            s: " ".join(later_text[t] for t in al.targets)
            for al in p.alignments
            for s in al.sources
            if al.targets
        }
        status_graph(g, h, v, document_status(v.paras), resolved)
    lineage_graph(g, h, events)
    return g


def _mandate_events(digests: Sequence[FileDigest], iris: Iris) -> list[tuple[VersionDoc, Mandate]]:
    """Every document's mandate events, in build order (the lineage keeps the first end)."""
    return [(d.version(iris, fd.stem), m) for fd in digests for d in fd.docs for m in d.mandates]


def _term(t: object) -> ox.NamedNode | ox.Literal:
    if isinstance(t, URIRef):
        return ox.NamedNode(str(t))
    if isinstance(t, Literal):
        if t.language:
            return ox.Literal(str(t), language=t.language)
        if t.datatype:
            return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)))
        return ox.Literal(str(t))
    if isinstance(t, BNode):
        raise HistoryError("the history graph must not hold blank nodes")
    raise HistoryError(f"unexpected RDF term {t!r}")


def to_quads(g: Graph, graph_iri: str) -> list[ox.Quad]:
    """An rdflib graph as pyoxigraph quads of one named graph, in a stable order."""
    name = ox.NamedNode(graph_iri)
    quads = []
    for s, p, o in g:
        subject = _term(s)
        if not isinstance(subject, ox.NamedNode):
            raise HistoryError(f"literal subject {s!r}")
        quads.append(ox.Quad(subject, ox.NamedNode(str(p)), _term(o), name))
    return sorted(quads, key=str)


def to_turtle(g: Graph) -> bytes:
    """Turtle written by pyoxigraph: fast, and exact for every datatype (rdflib writes the
    canonical decimal "1" as a bare ``1``, which reads back as an integer)."""
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in to_quads(g, "urn:x:g")]
    prefixes = {str(p): str(ns) for p, ns in g.namespaces() if str(p) in _TURTLE_PREFIXES}
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes) or b""


_TURTLE_PREFIXES = ("wsis", "eli", "frbr", "prov", "dcterms", "rdf", "xsd")


def _load_sources(
    digests: Sequence[FileDigest],
    wanted: Iterable[int],
    load_file: Callable[[int], FileExtraction],
    iris: Iris,
) -> dict[int, DocSource]:
    """``DocSource``s of the files holding the ``wanted`` documents (indexes into the build's
    document list), each file loaded once."""
    offsets = list(itertools.accumulate((len(fd.docs) for fd in digests), initial=0))
    files = sorted({bisect.bisect_right(offsets, i) - 1 for i in wanted})
    manifest = ManifestCache()
    out: dict[int, DocSource] = {}
    for k in files:
        fx, fd = load_file(k), digests[k]
        found = doc_sources(fx, iris, manifest)
        if fx.source.stem != fd.stem or [s.doc_id for s in found] != [d.doc_id for d in fd.docs]:
            raise HistoryError(f"{fd.stem}: its records do not match its history digest")
        out.update((offsets[k] + n, s) for n, s in enumerate(found))
    return out


def _history(
    digests: Sequence[FileDigest], load_file: Callable[[int], FileExtraction], base_iri: str
) -> list[ox.Quad]:
    """The history quads from the digests, loading the records of the ``k``-th file with
    ``load_file(k)`` only when one of its documents is a candidate."""
    t0 = time.perf_counter()
    iris = Iris(base_iri)
    docs = [d for fd in digests for d in fd.docs]
    found = candidates(docs)
    sources = _load_sources(digests, {i for c in found for i in (c.a, c.b)}, load_file, iris)
    pairs = _confirmed(sources, found)
    t1 = time.perf_counter()
    g = _history_graph(sources, pairs, _mandate_events(digests, iris), iris)
    quads = to_quads(g, history_graph_iri(iris.base))
    log.info(
        "history: %d documents, records of %d files read, %d version pairs (%.2fs matching), "
        "%d quads in %.2fs",
        len(docs),
        len({v.version.stem for v in sources.values()}),
        len(pairs),
        t1 - t0,
        len(quads),
        time.perf_counter() - t0,
    )
    return quads


def history_quads_from_digests(
    digests: Sequence[FileDigest], load: Callable[[str], FileExtraction], base_iri: str
) -> list[ox.Quad]:
    """Versions, alignments, status, commitment changes and mandate lineage of a build, from
    the history digest of every file (``digest.file_digest``), in input order.

    ``load(stem)`` returns a file's records; it is called once for each file that holds a
    candidate pair's document, and for no other. Same quads as ``history_quads`` over the
    files' extractions."""
    return _history(digests, lambda k: load(digests[k].stem), base_iri)


def history_quads(extractions: Sequence[FileExtraction], base_iri: str) -> list[ox.Quad]:
    """Versions, alignments, status, commitment changes and mandate lineage of a build."""
    manifest = ManifestCache()
    digests = [file_digest(fx, base_iri, manifest) for fx in extractions]
    return _history(digests, extractions.__getitem__, base_iri)
