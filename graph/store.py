"""The embedded pyoxigraph store on disk, replaced atomically.

``OUT/store`` is a symbolic link to a folder under ``OUT/.stores/``. A build writes a new folder
(starting from a RocksDB checkpoint of the previous store when it is incremental), then swaps the
link with ``os.replace`` — atomic on POSIX — so a crash or Ctrl-C at any point leaves the
previous store intact, and readers never see a half-written one. Each input file lives in its
own named graph whose ``wsis:SourceFile`` carries the file's SHA-256: that is the key incremental
builds compare against.
"""

from __future__ import annotations

import logging
import os
import queue
import shutil
import threading
import time
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from wsiskg.graph.errors import GraphError

log = logging.getLogger(__name__)

STORE_LINK = "store"
STORES_DIR = ".stores"

_HASHES = """
PREFIX wsis: <https://w3id.org/wsiskg/def/>
SELECT ?g ?sha WHERE { GRAPH ?g { ?f a wsis:SourceFile ; wsis:sha256 ?sha } }
"""


def open_store(path: str | os.PathLike[str], read_only: bool = True) -> ox.Store:
    """Open a built store; a clear error when there is none."""
    p = Path(path)
    if not p.is_dir():
        raise GraphError(f"{p}: no store here (run `wsiskg build ... -o <folder>` first)")
    try:
        return ox.Store.read_only(str(p)) if read_only else ox.Store(str(p))
    except OSError as exc:
        raise GraphError(f"{p}: cannot open the store: {exc}") from exc


def graph_hashes(store: ox.Store) -> dict[str, str]:
    """Named graph IRI → SHA-256 of the input file it was built from."""
    return {
        row["g"].value: row["sha"].value
        for row in store.query(_HASHES)  # type: ignore[union-attr]
    }


LOAD_CHUNK_BYTES = 32 << 20  # N-Quads per bulk load: one RocksDB ingestion has a fixed cost


class BulkLoader:
    """Streams quads into a store in big N-Quads chunks, loaded on a background thread.

    Why: ``Store.bulk_extend`` costs ~0.1-0.2 s per call whatever its size, so one call per file
    made a 40-file build spend 20 s in the store; and it holds the GIL while it pulls Python
    quads. Serialising to N-Quads is fast (pyoxigraph), and ``bulk_load`` of bytes runs in Rust
    without the GIL, so loading overlaps RDF generation and validation. At most two chunks wait
    in memory. The store must not be read or written by anyone else until ``close()``.
    """

    def __init__(self, store: ox.Store, chunk_bytes: int = LOAD_CHUNK_BYTES) -> None:
        self.store: ox.Store | None = store
        self.chunk_bytes = chunk_bytes
        self._parts: list[bytes] = []
        self._size = 0
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=2)
        self._error: BaseException | None = None
        self.load_seconds = 0.0
        self._thread = threading.Thread(target=self._run, name="wsiskg-bulk-load", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            data = self._queue.get()
            if data is None:
                return
            if self._error is not None:
                continue
            t = time.perf_counter()
            try:
                assert self.store is not None
                self.store.bulk_load(data, format=ox.RdfFormat.N_QUADS, lenient=True)
            except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
                self._error = exc
            self.load_seconds += time.perf_counter() - t

    def add(self, quads: Iterable[ox.Quad]) -> None:
        data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
        self.add_nquads(data)

    def add_nquads(self, data: bytes) -> None:
        """Queue N-Quads written by pyoxigraph (they are loaded without re-checking IRIs)."""
        self._check()
        if data:
            self._parts.append(data)
            self._size += len(data)
        if self._size >= self.chunk_bytes:
            self._flush()

    def _flush(self) -> None:
        if self._parts:
            self._queue.put(b"".join(self._parts))
            self._parts, self._size = [], 0

    def _check(self) -> None:
        if self._error is not None:
            raise GraphError(f"cannot load quads into the store: {self._error}") from self._error

    def shutdown(self) -> None:
        """Stop without loading what is left (the build failed); never raises.

        Drops the loader's reference to the store: the store only closes (and can be reopened
        read-only) once nobody holds it.
        """
        if self._thread.is_alive():
            self._parts, self._size = [], 0
            self._queue.put(None)
            self._thread.join()
        self.store = None

    def close(self) -> None:
        """Load what is left and wait for the loader; raises what the loader hit."""
        if self._thread.is_alive():
            self._flush()
            self._queue.put(None)
            self._thread.join()
        self._check()


class StoreBuilder:
    """Builds the next store beside the current one and swaps it in with ``commit()``."""

    def __init__(self, out: Path, incremental: bool) -> None:
        self.out = out
        self.link = out / STORE_LINK
        stores = out / STORES_DIR
        stores.mkdir(parents=True, exist_ok=True)
        # unique even for two builds in one second (the current store must never be reused)
        stamp = f"{time.strftime('%Y%m%dT%H%M%S')}-{time.time_ns() % 10**9:09d}-{os.getpid()}"
        self.path = stores / f"store-{stamp}"
        if self.path.exists():
            shutil.rmtree(self.path)
        previous = self.current_path()
        self.based_on_previous = bool(incremental and previous is not None)
        if self.based_on_previous:
            assert previous is not None
            try:
                ox.Store.read_only(str(previous)).backup(str(self.path))
            except OSError as exc:
                log.warning("cannot copy the previous store (%s); building from scratch", exc)
                self.based_on_previous = False
        self.store = ox.Store(str(self.path))

    def current_path(self) -> Path | None:
        return self.link.resolve() if self.link.exists() else None

    def previous_hashes(self) -> dict[str, str]:
        return graph_hashes(self.store) if self.based_on_previous else {}

    def loader(self) -> BulkLoader:
        """A background bulk loader into the new store (drop replaced graphs first)."""
        return BulkLoader(self.store)

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        self.drop_graph(graph)
        self.store.bulk_extend(quads)

    def drop_graph(self, graph: str) -> None:
        node = ox.NamedNode(graph)
        if self.store.contains_named_graph(node):
            self.store.remove_graph(node)

    def commit(self, optimize: bool = True) -> Path:
        """Make the new store the current one (atomic link swap); remove older stores.

        ``optimize`` compacts the store first (faster reads after a big load; ~30 s on the UN
        record, so a rebuild of a few files skips it).
        """
        self.store.flush()
        if optimize:
            self.store.optimize()
        old = self.current_path()
        del self.store
        tmp_link = self.out / f".{STORE_LINK}.link-{os.getpid()}"
        if tmp_link.is_symlink() or tmp_link.exists():
            tmp_link.unlink()
        tmp_link.symlink_to(Path(STORES_DIR) / self.path.name)
        if self.link.exists() and not self.link.is_symlink():
            # an older layout or a user's folder: move it aside, it cannot be replaced atomically
            aside = self.out / STORES_DIR / f"replaced-{os.getpid()}"
            os.replace(self.link, aside)
            old = aside
        os.replace(tmp_link, self.link)
        if old is not None and old != self.path and old.exists():
            shutil.rmtree(old, ignore_errors=True)
        self.store = open_store(self.link)
        return self.link

    def abort(self) -> None:
        """Throw the half-built store away; the current one stays."""
        store = getattr(self, "store", None)
        if store is not None:
            del self.store
        shutil.rmtree(self.path, ignore_errors=True)
