"""Compare two versions of a text end to end: load, align, status, diff, mandates, RDF.

``load_version`` reads an input file: paragraphs from the project's segmentation and
tasks/references from the extraction pipeline (``wsiskg.extract.pipeline.extract_file``);
records may instead come from an ANNOTATION.md JSONL file (gold or ``wsiskg extract``
output), and a plain numbered text is read directly when the pipeline is not available.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from wsiskg.extract.manifest import ManifestRow, manifest_row_for
from wsiskg.extract.records import FileExtraction, Reference, Task
from wsiskg.graph.history.align import Alignment, align
from wsiskg.graph.history.diff import Change, commitment_diff
from wsiskg.graph.history.errors import HistoryError
from wsiskg.graph.history.gold import read_records
from wsiskg.graph.history.mandates import Mandate, find_mandates
from wsiskg.graph.history.paragraphs import from_part, main_part, read_numbered
from wsiskg.graph.history.rdf import (
    HistoryIris,
    VersionDoc,
    alignment_graph,
    change_graph,
    mandate_graph,
    new_graph,
    status_graph,
    version_graph,
)
from wsiskg.graph.history.status import ParagraphStatus, document_status
from wsiskg.graph.history.versions import (
    Expression,
    VersionMatch,
    declared_adopted_symbol,
    match_versions,
    stage_of,
)
from wsiskg.graph.iris import Iris, default_base

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoadedVersion:
    version: VersionDoc
    tasks: tuple[Task, ...]
    references: tuple[Reference, ...]
    declared_adopted: str | None = None  # symbol a manifest note names as the adopted text


@dataclass(frozen=True)
class Comparison:
    """Everything the history layer says about one (earlier, later) pair."""

    before: LoadedVersion
    after: LoadedVersion
    match: VersionMatch
    alignments: tuple[Alignment, ...]
    status: tuple[ParagraphStatus, ...]  # of the earlier version
    changes: tuple[Change, ...]
    mandates: tuple[Mandate, ...]  # set by the later version


def _extract(path: Path) -> FileExtraction | None:
    try:
        pipeline = importlib.import_module("wsiskg.extract.pipeline")
    except ModuleNotFoundError as exc:  # pipeline not installed/built yet
        log.warning("extraction pipeline unavailable (%s): reading %s as plain text", exc, path)
        return None
    fx: FileExtraction = pipeline.extract_file(path)
    return fx


def _manifest_row(path: Path) -> ManifestRow | None:
    return manifest_row_for(path)


def load_version(
    path: Path, records: Path | None = None, iris: Iris | None = None, use_pipeline: bool = True
) -> LoadedVersion:
    """One input file as a version; ``records`` overrides the extracted tasks/references."""
    iris = iris or Iris(default_base())
    if not path.is_file():
        raise HistoryError(f"{path}: no such input file")
    fx = _extract(path) if use_pipeline else None
    if fx is not None:
        part = main_part(fx.parts)
        paras = tuple(from_part(part, fx.source.text)) if part else ()
        symbol = (part.symbol if part else None) or fx.meta.symbol
        doc_id = symbol or fx.source.stem
        doc_iri = (
            iris.document(symbol)
            if symbol
            else iris.file_document(fx.source.stem, part.index if part else 0)
        )
        title = (part.title if part else "") or fx.meta.title or ""
        date = (part.date if part else None) or fx.meta.date
        kind = (part.kind if part else None) or fx.meta.kind
        tasks, refs = fx.tasks, fx.references
        stem = fx.source.stem
    else:
        text = path.read_text(encoding="utf-8-sig")
        paras = tuple(read_numbered(text))
        stem = path.stem
        row = _manifest_row(path)
        symbol = row.symbol if row else None
        doc_id = symbol or stem
        doc_iri = iris.document(doc_id)
        title = (row.title if row else None) or ""
        date = row.date if row else None
        kind = row.kind if row else None
        tasks, refs = (), ()
    if records is not None:
        tasks, refs = read_records(records)
    if not paras:
        raise HistoryError(f"{path}: no numbered or preambular paragraphs found")
    bracketed = any("[" in p.text for p in paras)
    expr = Expression(doc_id, date, stage_of(kind, title, bracketed), title)
    row = _manifest_row(path)
    notes = row.notes if row is not None else None
    return LoadedVersion(
        VersionDoc(doc_id, doc_iri, stem, expr, paras),
        tuple(tasks),
        tuple(refs),
        declared_adopted_symbol(notes),
    )


def compare(before: LoadedVersion, after: LoadedVersion) -> Comparison:
    """Align, classify and diff two loaded versions (``before`` is the earlier)."""
    alignments = tuple(align(before.version.paras, after.version.paras))
    declared = bool(before.declared_adopted and before.declared_adopted == after.version.doc_id)
    match = match_versions(
        before.version.expression.title, after.version.expression.title, alignments, declared
    )
    changes = tuple(
        commitment_diff(alignments, before.tasks, after.tasks, before.references, after.references)
    )
    mandates = tuple(
        find_mandates(
            after.version.doc_id, after.version.expression.date, after.tasks, after.references
        )
    )
    status = tuple(document_status(before.version.paras))
    return Comparison(before, after, match, alignments, status, changes, mandates)


def to_graph(c: Comparison, iris: Iris | None = None) -> Graph:
    """The comparison as an rdflib graph (history resources only)."""
    h = HistoryIris(iris or Iris(default_base()))
    g = new_graph()
    a, b = c.before.version, c.after.version
    version_graph(g, h, b.doc_id, (a, b), c.match)
    alignment_graph(g, h, a, b, c.alignments)
    later_text = {p.anchor: p.text for p in b.paras}
    resolved = {
        s: " ".join(later_text[t] for t in al.targets)
        for al in c.alignments
        for s in al.sources
        if al.targets
    }
    status_graph(g, h, a, c.status, resolved)
    change_graph(g, h, a, b, c.changes)
    mandate_graph(g, h, b, c.mandates)
    return g
