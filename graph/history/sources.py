"""The documents of a build as the history layer sees them, with the main graph's ids.

A file may hold several documents (covering letters, then the draft). Each part gets the
document id ``graph/rdf.py`` gives it (the symbol; the main part borrows the file's symbol;
else ``<stem>`` or ``<stem>/part-<n>``), so history nodes point at the very paragraph and
document IRIs of the file graphs. Tasks and references are assigned to the part whose span
holds them, as ``graph/rdf.py`` does.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from wsiskg.extract.manifest import MANIFEST_NAME, ManifestRow, read_manifest
from wsiskg.extract.records import DocumentPart, FileExtraction, Reference, Span, Task
from wsiskg.graph.history import blocking
from wsiskg.graph.history.align import Para
from wsiskg.graph.history.paragraphs import MAIN_KINDS, from_part
from wsiskg.graph.history.rdf import VersionDoc
from wsiskg.graph.history.versions import Expression, Stage, declared_adopted_symbol, stage_of
from wsiskg.graph.iris import Iris

ADOPTED_KINDS = ("resolution", "decision")
MIN_PARAGRAPHS = 3
"""A part with fewer numbered/preambular paragraphs is no negotiated text worth aligning."""


@dataclass(frozen=True)
class DocSource:
    """One document of the build: its version view, records and what its manifest says."""

    version: VersionDoc
    kind: str
    tasks: tuple[Task, ...]
    references: tuple[Reference, ...]
    declared_adopted: str | None = None

    @property
    def doc_id(self) -> str:
        return self.version.doc_id

    @property
    def negotiable(self) -> bool:
        """A draft, resolution or decision with enough paragraphs to be aligned."""
        return self.kind in MAIN_KINDS and len(self.version.paras) >= MIN_PARAGRAPHS

    @property
    def stage(self) -> Stage:
        return self.version.expression.stage

    @property
    def title(self) -> str:
        return self.version.expression.title

    @property
    def date(self) -> str | None:
        return self.version.expression.date

    @cached_property
    def signature(self) -> bytes | None:
        """The packed MinHash signature blocking compares (only negotiable parts get one)."""
        return blocking.pack(blocking.signature(self.version.paras)) if self.negotiable else None


def _parts(fx: FileExtraction) -> list[DocumentPart]:
    meta = fx.meta
    return list(fx.parts) or [
        DocumentPart(0, meta.kind or "other", Span(0, len(fx.source.text)), meta.title or "")
    ]


def _main_index(fx: FileExtraction, parts: Sequence[DocumentPart]) -> int:
    symbol = fx.meta.symbol
    return next(
        (i for i, p in enumerate(parts) if symbol and p.symbol == symbol),
        next((i for i, p in enumerate(parts) if p.kind != "letter"), 0),
    )


def part_doc_ids(fx: FileExtraction) -> list[str]:
    """Document id of every part, exactly as ``graph/rdf.py`` mints them."""
    parts = _parts(fx)
    main = _main_index(fx, parts)
    taken = {p.symbol for p in parts if p.symbol}
    out = []
    for i, part in enumerate(parts):
        symbol = part.symbol
        if symbol is None and i == main and fx.meta.symbol and fx.meta.symbol not in taken:
            symbol = fx.meta.symbol
        out.append(symbol or (fx.source.stem if i == 0 else f"{fx.source.stem}/part-{i}"))
    return out


def _part_of(offset: int, parts: Sequence[DocumentPart], main: int) -> int:
    for i, p in enumerate(parts):
        if p.span.start <= offset < p.span.end:
            return i
    return main


_Stamp = tuple[int, int] | None


def _stamp(folder: Path) -> _Stamp:
    try:
        st = (folder / MANIFEST_NAME).stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


class ManifestCache:
    """Manifest rows by file path, reading each folder's MANIFEST.csv once while it is
    unchanged (its mtime and size are checked on every look-up, so one cache can serve a
    worker process over many builds)."""

    def __init__(self) -> None:
        self._folders: dict[Path, tuple[_Stamp, dict[str, ManifestRow]]] = {}

    def row(self, path: str) -> ManifestRow | None:
        p = Path(path)
        stamp = _stamp(p.parent)
        cached = self._folders.get(p.parent)
        if cached is None or cached[0] != stamp:
            try:
                rows = read_manifest(p.parent)
            except Exception:  # noqa: BLE001 - a bad manifest is the extractor's problem
                rows = {}
            cached = self._folders[p.parent] = (stamp, rows)
        return cached[1].get(p.name)


def doc_sources(fx: FileExtraction, iris: Iris, manifest: ManifestCache) -> list[DocSource]:
    """Every document part of one extracted file."""
    parts = _parts(fx)
    main = _main_index(fx, parts)
    ids = part_doc_ids(fx)
    tasks: list[list[Task]] = [[] for _ in parts]
    refs: list[list[Reference]] = [[] for _ in parts]
    for t in fx.tasks:
        tasks[_part_of(t.verb_span.start, parts, main)].append(t)
    for r in fx.references:
        refs[_part_of(r.span.start, parts, main)].append(r)
    row = manifest.row(fx.source.path) if fx.source.path else None
    declared = declared_adopted_symbol(row.notes if row else None)
    out = []
    for i, part in enumerate(parts):
        is_main = i == main
        paras: tuple[Para, ...] = tuple(from_part(part, fx.source.text))
        title = part.title or ((fx.meta.title or "") if is_main else "")
        date = part.date or (fx.meta.date if is_main else None)
        # brackets in an adopted text are editorial ("[without reference to a Main Committee]")
        bracketed = part.kind not in ADOPTED_KINDS and any(b.bracketed for b in part.blocks)
        expr = Expression(ids[i], date, stage_of(part.kind, title, bracketed), title)
        version = VersionDoc(ids[i], iris.document(ids[i]), fx.source.stem, expr, paras)
        out.append(
            DocSource(
                version,
                part.kind,
                tuple(tasks[i]),
                tuple(refs[i]),
                declared if part.kind in MAIN_KINDS else None,
            )
        )
    return out


def all_sources(extractions: Iterable[FileExtraction], iris: Iris) -> list[DocSource]:
    """The documents of a whole build, in input order."""
    manifest = ManifestCache()
    return [d for fx in extractions for d in doc_sources(fx, iris, manifest)]
