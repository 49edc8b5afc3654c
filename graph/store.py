"""The embedded pyoxigraph store and the other outputs of a build, replaced atomically as one.

A build writes everything it outputs — the store (starting from a RocksDB checkpoint of the
previous store when it is incremental), the dumps, build.json — into a new folder
``OUT/.builds/build-<stamp>/``, then points the one link ``OUT/current`` at it with
``os.replace`` (atomic on POSIX). ``OUT/store``, ``OUT/graph.nq`` ... are fixed links into
``current``, so a crash, Ctrl-C or kill at any point leaves the previous build whole, and readers
never see a store from one build with dumps from another. Each input file lives in its own named
graph whose ``wsis:SourceFile`` carries the file's SHA-256: that is the key incremental builds
compare against.
"""

from __future__ import annotations

import gc
import logging
import os
import queue
import shutil
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from wsiskg.graph.errors import GraphError

log = logging.getLogger(__name__)

STORE_LINK = "store"
CURRENT_LINK = "current"
BUILDS_DIR = ".builds"
LEGACY_STORES_DIR = ".stores"  # the layout before builds were folders: removed on commit

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
    """Builds the next build folder beside the current one and swaps it in with ``commit()``."""

    def __init__(self, out: Path, incremental: bool) -> None:
        self.out = out
        self.link = out / STORE_LINK
        builds = out / BUILDS_DIR
        builds.mkdir(parents=True, exist_ok=True)
        # unique even for two builds in one second (the current build must never be reused)
        stamp = f"{time.strftime('%Y%m%dT%H%M%S')}-{time.time_ns() % 10**9:09d}-{os.getpid()}"
        self.dir = builds / f"build-{stamp}"
        if self.dir.exists():
            shutil.rmtree(self.dir)
        self.dir.mkdir()
        self.path = self.dir / STORE_LINK
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

    def drop_graph(self, graph: str) -> None:
        node = ox.NamedNode(graph)
        if self.store.contains_named_graph(node):
            self.store.remove_graph(node)

    def sync_graph(self, graph: str, nquads: bytes) -> int:
        """Make the named graph ``graph`` hold exactly ``nquads`` (pyoxigraph's canonical
        N-Quads of that graph) by removing and adding only the quads that differ; returns how
        many changed.

        Why: the shared and history graphs are remade by every build but barely change when
        one file did; dropping and reloading them left ~0.5 M RocksDB deletions per rebuild,
        and reads over an uncompacted store slowed down rebuild after rebuild.
        """
        node = ox.NamedNode(graph)
        old = ox.serialize(
            self.store.quads_for_pattern(None, None, None, node), format=ox.RdfFormat.N_QUADS
        )
        old_lines = set((old or b"").splitlines(keepends=True))
        new_lines = set(nquads.splitlines(keepends=True))
        gone, added = old_lines - new_lines, new_lines - old_lines
        for quad in ox.parse(b"".join(gone), format=ox.RdfFormat.N_QUADS):
            self.store.remove(quad)
        if added:
            self.store.bulk_load(b"".join(added), format=ox.RdfFormat.N_QUADS, lenient=True)
        return len(gone) + len(added)

    def finish(self, optimize: bool = True) -> None:
        """Flush the new store (and compact it: faster reads after a big load, ~30 s on the UN
        record, so a rebuild of a few files skips it). Nothing is visible yet."""
        self.store.flush()
        if optimize:
            self.store.optimize()

    def commit(self, outputs: Sequence[str] = ()) -> Path:
        """Make the new build folder the current one; ``outputs`` are the names (besides the
        store) it holds that ``OUT/<name>`` should show. Removes older builds."""
        old = self.out / CURRENT_LINK
        old_build = old.resolve() if old.is_symlink() else None
        del self.store
        _replace_link(self.out / CURRENT_LINK, Path(BUILDS_DIR) / self.dir.name)
        for name in (STORE_LINK, *outputs):  # fixed links; only an older layout needs them made
            target = Path(CURRENT_LINK) / name
            here = self.out / name
            if not (here.is_symlink() and Path(os.readlink(here)) == target):
                _replace_link(here, target)
        if old_build is not None and old_build != self.dir and old_build.exists():
            shutil.rmtree(old_build, ignore_errors=True)
        shutil.rmtree(self.out / LEGACY_STORES_DIR, ignore_errors=True)
        return self.link

    def abort(self) -> None:
        """Throw the half-built folder away; the current build stays.

        RocksDB closes when the last reference to the store goes; until then its background
        threads may still write files into the folder, so collect and retry the removal.
        """
        if getattr(self, "store", None) is not None:
            del self.store
        for _ in range(5):
            gc.collect()
            shutil.rmtree(self.dir, ignore_errors=True)
            if not self.dir.exists():
                return
            time.sleep(0.1)
        log.warning("%s: could not remove the interrupted build folder", self.dir)


def _replace_link(path: Path, target: Path) -> None:
    """Point the symbolic link ``path`` at ``target`` atomically (a file or folder of an older
    layout at ``path`` is moved aside first: it cannot be replaced atomically)."""
    tmp = path.with_name(f".{path.name}.link-{os.getpid()}")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(target)
    if path.exists() and not path.is_symlink() and path.is_dir():
        aside = path.with_name(f".{path.name}.replaced-{os.getpid()}")
        os.replace(path, aside)
        shutil.rmtree(aside, ignore_errors=True)
    os.replace(tmp, path)
