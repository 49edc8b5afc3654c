"""Sharded N-Triples / N-Quads: the graph cut into files a cluster store can load in parallel.

Why shards: a server store (Oxigraph, Fuseki/TDB2, GraphDB, Virtuoso) bulk-loads several files
at once, one per loader thread, and a gigabyte-sized single dump is the slowest thing to move
around a cluster. Each input file's graph goes whole into one shard, and a shard is closed once
it holds ``max_triples`` triples, so shards are deterministic when files are fed in a fixed
order (the distributed build feeds them sorted by file name) and a re-run gives the same bytes.

``index.json`` beside the shards lists every shard with its triple count, size, SHA-256 and the
input files (graphs) it holds, so a loader can check what it got and load only what changed.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Literal

from wsiskg.graph.errors import GraphError

log = logging.getLogger(__name__)

ShardFormat = Literal["nt", "nq"]
SHARD_FORMATS: tuple[str, ...] = ("nt", "nq")
DEFAULT_MAX_TRIPLES = 250_000
INDEX_NAME = "index.json"


class ShardError(GraphError):
    """A shard cannot be written or read back."""


@dataclass
class ShardInfo:
    """One written shard: where it is and what it holds."""

    file: str  # name inside the shard folder, "part-00000.nt"
    triples: int = 0
    bytes: int = 0
    sha256: str = ""
    graphs: list[str] = field(default_factory=list)  # named graph IRIs, in write order


def ntriples_to_nquads(ntriples: bytes, graph_iri: str) -> bytes:
    """Put every line of canonical N-Triples into the named graph ``graph_iri``.

    Canonical N-Triples (what pyoxigraph writes) has one statement per line ending in `` .``
    and escapes newlines inside literals, so a line-level rewrite is exact and ~50× cheaper
    than parsing and re-serialising.
    """
    if not ntriples:
        return b""
    suffix = f" <{graph_iri}> .".encode()
    out = bytearray()
    for line in ntriples.splitlines():
        stripped = line.rstrip()
        if not stripped or stripped.startswith(b"#"):
            continue
        if not stripped.endswith(b"."):
            raise ShardError(f"not an N-Triples statement: {stripped[:80]!r}")
        out += stripped[:-1].rstrip() + suffix + b"\n"
    return bytes(out)


def count_statements(data: bytes) -> int:
    """Statements in N-Triples/N-Quads bytes (one per non-empty, non-comment line)."""
    return sum(1 for line in data.splitlines() if line.strip() and not line.startswith(b"#"))


class ShardWriter:
    """Append per-graph N-Triples to rolling shard files ``part-NNNNN.<fmt>``.

    Use as a context manager; ``close()`` writes ``index.json`` and returns the shards.
    """

    def __init__(
        self,
        directory: Path,
        fmt: ShardFormat = "nt",
        max_triples: int = DEFAULT_MAX_TRIPLES,
    ) -> None:
        if fmt not in SHARD_FORMATS:
            raise ShardError(f"unknown shard format {fmt!r} (use one of {SHARD_FORMATS})")
        if max_triples < 1:
            raise ShardError(f"max_triples must be positive, got {max_triples}")
        self.directory = directory
        self.fmt = fmt
        self.max_triples = max_triples
        self.shards: list[ShardInfo] = []
        self._handle: IO[bytes] | None = None
        self._hash: hashlib._Hash | None = None
        self._closed = False
        directory.mkdir(parents=True, exist_ok=True)
        stale = sorted(directory.glob("part-*.n[tq]"))
        if stale:
            raise ShardError(f"{directory} already holds shards ({stale[0].name} ...)")

    def __enter__(self) -> ShardWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(self, graph_iri: str, ntriples: bytes, triples: int | None = None) -> None:
        """Add one graph's canonical N-Triples; the graph is never split across shards."""
        if self._closed:
            raise ShardError("shard writer already closed")
        if triples is None:
            triples = count_statements(ntriples)
        current = self.shards[-1] if self.shards else None
        if current is None or (current.triples and current.triples + triples > self.max_triples):
            self._roll()
        payload = ntriples if self.fmt == "nt" else ntriples_to_nquads(ntriples, graph_iri)
        if payload and not payload.endswith(b"\n"):
            payload += b"\n"
        assert self._handle is not None and self._hash is not None
        self._handle.write(payload)
        self._hash.update(payload)
        info = self.shards[-1]
        info.triples += triples
        info.bytes += len(payload)
        info.graphs.append(graph_iri)

    def _roll(self) -> None:
        self._finish_current()
        name = f"part-{len(self.shards):05d}.{self.fmt}"
        self._handle = (self.directory / name).open("wb")
        self._hash = hashlib.sha256()
        self.shards.append(ShardInfo(file=name))

    def _finish_current(self) -> None:
        if self._handle is not None and self._hash is not None:
            self._handle.close()
            self.shards[-1].sha256 = self._hash.hexdigest()
        self._handle = None
        self._hash = None

    def close(self) -> list[ShardInfo]:
        """Close the last shard and write ``index.json``; idempotent."""
        if self._closed:
            return self.shards
        self._finish_current()
        self._closed = True
        index = {
            "format": self.fmt,
            "max_triples": self.max_triples,
            "triples": sum(s.triples for s in self.shards),
            "shards": [asdict(s) for s in self.shards],
        }
        (self.directory / INDEX_NAME).write_text(json.dumps(index, indent=2) + "\n", "utf-8")
        log.info(
            "wrote %d shard(s), %d triples, to %s",
            len(self.shards),
            index["triples"],
            self.directory,
        )
        return self.shards


def read_index(directory: Path) -> dict[str, object]:
    """The ``index.json`` of a shard folder."""
    path = directory / INDEX_NAME
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError as exc:
        raise ShardError(f"no shard index in {directory}") from exc
    except json.JSONDecodeError as exc:
        raise ShardError(f"{path}: not JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise ShardError(f"{path}: not a JSON object")
    return data


def shard_paths(directory: Path) -> list[Path]:
    """Shard files of a folder, in index order."""
    index = read_index(directory)
    shards = index.get("shards", [])
    assert isinstance(shards, list)
    return [directory / str(s["file"]) for s in shards]


def load_shards_into_store(store: object, paths: Sequence[Path], lenient: bool = True) -> None:
    """Bulk-load shards into a pyoxigraph ``Store`` (the embedded store has one writer).

    N-Triples shards land in the default graph; N-Quads shards keep their named graphs.
    ``lenient`` skips IRI re-validation: the shards were written by pyoxigraph itself.
    """
    from pyoxigraph import RdfFormat, Store

    if not isinstance(store, Store):
        raise ShardError("load_shards_into_store needs a pyoxigraph.Store")
    for path in paths:
        fmt = RdfFormat.N_QUADS if path.suffix == ".nq" else RdfFormat.N_TRIPLES
        try:
            store.bulk_load(path=str(path), format=fmt, lenient=lenient)
        except (SyntaxError, OSError, ValueError) as exc:
            raise ShardError(f"{path}: cannot load shard ({exc})") from exc


def graph_ntriples(store: object, graph: str) -> tuple[bytes, int]:
    """One named graph of a pyoxigraph store as sorted canonical N-Triples, and its size."""
    from pyoxigraph import NamedNode, RdfFormat, serialize

    quads = store.quads_for_pattern(None, None, None, NamedNode(graph))  # type: ignore[attr-defined]
    raw = serialize((q.triple for q in quads), format=RdfFormat.N_TRIPLES) or b""
    lines = sorted({line for line in raw.split(b"\n") if line})
    return (b"\n".join(lines) + b"\n" if lines else b""), len(lines)


def write_store_shards(
    store_path: Path,
    directory: Path,
    fmt: ShardFormat = "nt",
    max_triples: int = DEFAULT_MAX_TRIPLES,
) -> list[ShardInfo]:
    """Cut a built store into shards, one named graph at a time, in graph-IRI order.

    The shards are written into a fresh folder beside ``directory`` and swapped in, so an
    interrupted run leaves the previous shards as they were.
    """
    import os
    import shutil

    from pyoxigraph import NamedNode, Store

    try:
        store = Store.read_only(str(store_path))
    except OSError as exc:
        raise ShardError(f"{store_path}: cannot open the store ({exc})") from exc
    tmp = directory.with_name(f".{directory.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        graphs = sorted(g.value for g in store.named_graphs() if isinstance(g, NamedNode))
        with ShardWriter(tmp, fmt=fmt, max_triples=max_triples) as writer:
            for graph in graphs:
                data, n = graph_ntriples(store, graph)
                writer.add(graph, data, n)
        old = directory.with_name(f".{directory.name}.old-{os.getpid()}")
        if directory.exists():
            os.replace(directory, old)
        os.replace(tmp, directory)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return writer.shards


def oxigraph_load_command(location: Path, paths: Iterable[Path]) -> list[str]:
    """The ``oxigraph load`` command that loads ``paths`` in parallel into ``location``."""
    files = [str(p) for p in paths]
    if not files:
        raise ShardError("no shard to load")
    return ["oxigraph", "load", "--location", str(location), "--lenient", "--file", *files]
