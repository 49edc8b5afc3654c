"""Per-file history digests: what the graph-wide history step needs to know about one file.

Why: the history graph is computed once per build over every input, but an incremental build
re-extracts only the files that changed. Reading every file's records back (~8 s for 2,587
files) and hashing every text for blocking (~9 s) dominated that step, though only the few
files whose documents end up in candidate pairs are aligned. A ``FileDigest`` holds, per
document part, what blocking needs (id, stage, date, title, manifest note, packed MinHash
signature) and the part's mandate events (all that the lineage needs). It is computed where
the file is extracted and cached beside its records; ``integrate.history_quads_from_digests``
then loads full records only for the files in candidate pairs.

A digest depends on the history code and its data as well as on the file: a cache of digests
is valid under ``history_fingerprint()``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from wsiskg.extract.records import FileExtraction
from wsiskg.graph.history.mandates import Mandate, find_mandates
from wsiskg.graph.history.rdf import VersionDoc
from wsiskg.graph.history.sources import DocSource, ManifestCache, doc_sources
from wsiskg.graph.history.versions import Expression, Stage
from wsiskg.graph.iris import Iris

_HISTORY_DIR = Path(__file__).resolve().parent
_MANIFESTS = ManifestCache()
"""One per process: a worker digests many files of one folder (the cache re-reads a changed
manifest, so it stays right over builds)."""


@dataclass(frozen=True, slots=True)
class DocDigest:
    """One document part as blocking and the mandate lineage see it (a ``Blockable``)."""

    doc_id: str
    negotiable: bool
    stage: Stage
    date: str | None
    title: str
    declared_adopted: str | None
    signature: bytes | None  # ``blocking.pack``ed MinHash signature; None when not negotiable
    mandates: tuple[Mandate, ...] = ()  # ``find_mandates`` of the part, in its order

    def version(self, iris: Iris, stem: str) -> VersionDoc:
        """The part's ``VersionDoc`` without paragraphs (the lineage reads only its id)."""
        expr = Expression(self.doc_id, self.date, self.stage, self.title)
        return VersionDoc(self.doc_id, iris.document(self.doc_id), stem, expr)


@dataclass(frozen=True, slots=True)
class FileDigest:
    """The digests of one file's parts, in the order ``sources.doc_sources`` yields them."""

    stem: str
    docs: tuple[DocDigest, ...]


def doc_digest(source: DocSource) -> DocDigest:
    """The digest of one document part (its signature and mandate events computed here)."""
    v = source.version
    mandates = (
        tuple(find_mandates(v.doc_id, v.expression.date, source.tasks, source.references))
        if source.tasks
        else ()
    )
    return DocDigest(
        doc_id=source.doc_id,
        negotiable=source.negotiable,
        stage=source.stage,
        date=source.date,
        title=source.title,
        declared_adopted=source.declared_adopted,
        signature=source.signature,
        mandates=mandates,
    )


def file_digest(
    fx: FileExtraction, base_iri: str, manifest: ManifestCache | None = None
) -> FileDigest:
    """The history digest of one extracted file.

    The manifest note ("the adopted version is …") is read from the MANIFEST.csv beside
    ``fx.source.path``, as ``doc_sources`` does, through a process-wide cache unless
    ``manifest`` is given.
    """
    sources = doc_sources(fx, Iris(base_iri), manifest or _MANIFESTS)
    return FileDigest(fx.source.stem, tuple(doc_digest(s) for s in sources))


@lru_cache(maxsize=1)
def history_fingerprint() -> str:
    """SHA-256 of the history code and data a digest depends on (``graph/history``).

    Why: the build fingerprint covers the extractor, not this package; a cached digest made
    by other history code (new mandate cues, another signature) must not be reused."""
    h = hashlib.sha256()
    for f in sorted(_HISTORY_DIR.rglob("*")):
        if f.is_file() and f.suffix in (".py", ".csv", ".jsonl", ".json", ".txt"):
            h.update(f.relative_to(_HISTORY_DIR).as_posix().encode())
            h.update(b"\0")
            h.update(f.read_bytes())
    return h.hexdigest()
