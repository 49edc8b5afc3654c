"""The extraction records and the N-Quads of every built file, kept on disk beside the build.

Why: graph-wide steps (the negotiation history) need the ``FileExtraction`` of *every* input,
but an incremental build re-extracts only changed files. Records are small (~40 kB a file,
pickled), so each one is written once, keyed by the file's stem and its incremental key (the
SHA-256 of its bytes and manifest row, ``build.file_key``), and read back lazily:
``CachedExtractions`` is a sequence that loads one file's records at a time, which keeps memory
flat however large the corpus. Each file's sorted N-Quads block is kept too, so the
dumps are written from these blocks instead of reading the on-disk store back. The cache lives
in ``OUT/.records/`` and is only trusted under the same build fingerprint (the build clears it
when the fingerprint changes).
"""

from __future__ import annotations

import logging
import os
import pickle
import shutil
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import overload

from wsiskg.extract.records import FileExtraction
from wsiskg.graph.errors import GraphError

log = logging.getLogger(__name__)

RECORDS_DIR = ".records"


class RecordsCache:
    """``OUT/.records/<stem>-<key>.pickle``: one file's records, written atomically."""

    def __init__(self, out: Path) -> None:
        self.folder = out / RECORDS_DIR

    def clear(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def path(self, stem: str, key: str) -> Path:
        return self.folder / f"{stem}-{key}.pickle"

    def block_path(self, stem: str, key: str) -> Path:
        return self.folder / f"{stem}-{key}.nq"

    def has(self, stem: str, key: str) -> bool:
        return self.path(stem, key).is_file() and self.block_path(stem, key).is_file()

    def put_block(self, stem: str, key: str, block: bytes) -> None:
        """Store one file graph's sorted N-Quads."""
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.block_path(stem, key)
        tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        tmp.write_bytes(block)
        os.replace(tmp, path)

    def get_block(self, stem: str, key: str) -> bytes:
        try:
            return self.block_path(stem, key).read_bytes()
        except OSError as exc:
            raise GraphError(f"cannot read cached N-Quads of {stem}: {exc}") from exc

    def put(self, fx: FileExtraction, key: str) -> None:
        """Store ``fx`` under its stem and its input's key (bytes and manifest row)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.path(fx.source.stem, key)
        tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        with tmp.open("wb") as fh:
            pickle.dump(fx, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)

    def get(self, stem: str, key: str) -> FileExtraction:
        path = self.path(stem, key)
        try:
            with path.open("rb") as fh:
                fx = pickle.load(fh)  # noqa: S301 - our own cache, written by this code
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as exc:
            raise GraphError(f"{path}: cannot read cached records: {exc}") from exc
        if not isinstance(fx, FileExtraction):
            raise GraphError(f"{path}: not a FileExtraction")
        return fx

    def prune(self, keep: Iterable[tuple[str, str]]) -> None:
        """Remove every entry but ``keep`` ((stem, key) pairs) and stale temporary files."""
        wanted: set[str] = set()
        for stem, key in keep:
            wanted |= {self.path(stem, key).name, self.block_path(stem, key).name}
        if not self.folder.is_dir():
            return
        for f in self.folder.iterdir():
            if f.name not in wanted:
                f.unlink(missing_ok=True)


class CachedExtractions(Sequence[FileExtraction]):
    """The records of many files, read from the cache one at a time, in the given order."""

    def __init__(self, cache: RecordsCache, keys: Sequence[tuple[str, str]]) -> None:
        self.cache = cache
        self.keys = list(keys)

    def __len__(self) -> int:
        return len(self.keys)

    @overload
    def __getitem__(self, index: int) -> FileExtraction: ...
    @overload
    def __getitem__(self, index: slice) -> list[FileExtraction]: ...
    def __getitem__(self, index: int | slice) -> FileExtraction | list[FileExtraction]:
        if isinstance(index, slice):
            return [self.cache.get(*k) for k in self.keys[index]]
        return self.cache.get(*self.keys[index])

    def __iter__(self) -> Iterator[FileExtraction]:
        for key in self.keys:
            yield self.cache.get(*key)
