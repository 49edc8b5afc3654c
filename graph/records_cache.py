"""The extraction records and the N-Quads of every built file, kept on disk beside the build.

Why: graph-wide steps and the dumps need something of *every* input, but an incremental build
re-extracts only changed files. Each file's pieces are written once, keyed by its stem and its
incremental key (the SHA-256 of its bytes and manifest row, ``build.file_key``): its records
(pickled; read back only for the history's candidate pairs), its graph's dump segments (``nq``,
``nt``, ``ttl``, ``claims``: ``segments.py``), its share of the shared graph (``shared.nt``), its
history digest, and its metadata (``meta.json``, written last: an entry whose metadata exists
is complete). So the graph-wide steps and the dumps of a rebuild never redo a reused file's
work. The cache lives in ``OUT/.records/`` and is only trusted under the same build fingerprint
(the build clears it when the fingerprint changes).
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import re
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from wsiskg.extract.records import FileExtraction
from wsiskg.graph.errors import GraphError
from wsiskg.graph.history.digest import FileDigest, file_digest, history_fingerprint

log = logging.getLogger(__name__)

RECORDS_DIR = ".records"
_ENTRY = re.compile(r"^([^.].*-[0-9a-f]{64})\.")


HISTORY_PART = f"history-{history_fingerprint()[:12]}"
"""The history digest's part name carries the history code's fingerprint: other history code
recomputes digests from the records instead of trusting them (``get_digest``)."""


class RecordsCache:
    """``OUT/.records/<stem>-<key>.<part>``: one file's records and pieces, written atomically."""

    def __init__(self, out: Path) -> None:
        self.folder = out / RECORDS_DIR

    def clear(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def path(self, stem: str, key: str) -> Path:
        return self.part_path(stem, key, "pickle")

    def part_path(self, stem: str, key: str, part: str) -> Path:
        return self.folder / f"{stem}-{key}.{part}"

    def has(self, stem: str, key: str) -> bool:
        return self.path(stem, key).is_file() and self.part_path(stem, key, "meta.json").is_file()

    def put_part(self, stem: str, key: str, part: str, data: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.part_path(stem, key, part)
        tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        tmp.write_bytes(data)
        os.replace(tmp, path)

    def get_part(self, stem: str, key: str, part: str) -> bytes:
        try:
            return self.part_path(stem, key, part).read_bytes()
        except OSError as exc:
            raise GraphError(f"cannot read the cached {part} of {stem}: {exc}") from exc

    def put_meta(self, stem: str, key: str, meta: dict[str, Any]) -> None:
        self.put_part(stem, key, "meta.json", json.dumps(meta, sort_keys=True).encode())

    def get_meta(self, stem: str, key: str) -> dict[str, Any]:
        try:
            data = json.loads(self.get_part(stem, key, "meta.json"))
        except ValueError as exc:
            raise GraphError(f"cannot read the cached metadata of {stem}: {exc}") from exc
        if not isinstance(data, dict):
            raise GraphError(f"cannot read the cached metadata of {stem}: not an object")
        return data

    def get_digest(self, stem: str, key: str, base_iri: str) -> FileDigest:
        """A built file's history digest; made from its records when missing or stale."""
        path = self.part_path(stem, key, HISTORY_PART)
        try:
            digest = pickle.loads(path.read_bytes())  # noqa: S301 - our own cache
            if isinstance(digest, FileDigest):
                return digest
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            pass
        digest = file_digest(self.get(stem, key), base_iri)
        self.put_digest(stem, key, digest)
        return digest

    def put_digest(self, stem: str, key: str, digest: FileDigest) -> None:
        self.put_part(stem, key, HISTORY_PART, pickle.dumps(digest, pickle.HIGHEST_PROTOCOL))

    def put(self, fx: FileExtraction, key: str) -> None:
        """Store ``fx`` under its stem and its input's key (bytes and manifest row)."""
        self.put_part(
            fx.source.stem, key, "pickle", pickle.dumps(fx, protocol=pickle.HIGHEST_PROTOCOL)
        )

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
        wanted = {f"{stem}-{key}" for stem, key in keep}
        if not self.folder.is_dir():
            return
        for f in self.folder.iterdir():
            m = _ENTRY.match(f.name)
            if m is None or m.group(1) not in wanted:
                f.unlink(missing_ok=True)
