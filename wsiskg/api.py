"""The Python API. The CLI only wraps these functions.

Each area keeps its implementation in its own module; this module is the one place users
import from.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from wsiskg.extract.records import FileExtraction


def extract_files(paths: Iterable[str | Path], workers: int = 1) -> Iterator[FileExtraction]:
    """Extract entities, references and tasks from files, folders or globs, file by file."""
    from wsiskg.extract.pipeline import extract_paths

    return extract_paths([str(p) for p in paths], workers=workers)


def write_extractions_jsonl(
    paths: Iterable[str | Path], out_dir: Path, workers: int = 1
) -> list[Path]:
    """``wsiskg extract``: one ``<stem>.jsonl`` per input file in the gold format."""
    from wsiskg.extract.jsonl import write_gold_jsonl

    return [write_gold_jsonl(ex, out_dir) for ex in extract_files(paths, workers)]


def evaluate_corpus(
    gold_dir: Path, corpus_dir: Path, workers: int = 1
) -> tuple[Any, dict[str, FileExtraction]]:
    """Extract the corpus files that have gold and score them (ANNOTATION.md "Scoring")."""
    from wsiskg.extract.errors import ExtractError
    from wsiskg.extract.evaluate import evaluate, load_actor_ids, read_gold_dir
    from wsiskg.paths import extract_data_dir

    gold = read_gold_dir(gold_dir)
    if not corpus_dir.is_dir():
        raise ExtractError(f"corpus folder not found: {corpus_dir}")
    files = [corpus_dir / f"{stem}.txt" for stem in gold if (corpus_dir / f"{stem}.txt").exists()]
    if not files:
        raise ExtractError(f"no file of {corpus_dir} has a gold file in {gold_dir}")
    extractions = {ex.source.stem: ex for ex in extract_files(files, workers)}
    predicted = {stem: ex.gold_records() for stem, ex in extractions.items()}
    actor_ids = load_actor_ids(extract_data_dir() / "actors.csv")
    return evaluate(gold, predicted, actor_ids), extractions


# --- records → graph: build, validate, query (graph/build.py, validate.py, named_queries.py),
# exports (graph/export) and negotiation history (graph/history).
from wsiskg.graph.api_graph import (  # noqa: E402
    BuildConfig,
    BuildResult,
    build_graph,
    run_named_query,
    run_query_file,
    validate_file,
)
from wsiskg.graph.export.exporter import ExportResult, export  # noqa: E402
from wsiskg.graph.history.compare import compare, load_version  # noqa: E402

__all__ = [
    "BuildConfig",
    "BuildResult",
    "ExportResult",
    "build_graph",
    "compare",
    "evaluate_corpus",
    "export",
    "extract_files",
    "load_version",
    "run_named_query",
    "run_query_file",
    "validate_file",
    "write_extractions_jsonl",
]
