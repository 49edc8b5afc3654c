"""``wsiskg extract`` and ``wsiskg evaluate``: records in the gold format, and their scores."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from wsiskg import api
from wsiskg.cli import app, console, print_table, user_errors
from wsiskg.extract.evaluate import TYPES, ErrorCase, Evaluation
from wsiskg.extract.records import FileExtraction
from wsiskg.paths import corpus_dir, gold_dir


@app.command()
@user_errors
def extract(
    files: Annotated[list[str], typer.Argument(help="Input files, folders or glob patterns.")],
    jsonl: Annotated[Path, typer.Option("--jsonl", help="Folder for one <stem>.jsonl per input.")],
    workers: Annotated[int, typer.Option("--workers", min=1, help="Worker processes.")] = 1,
) -> None:
    """Extract entities, references and tasks in the gold JSONL format of ANNOTATION.md."""
    written = api.write_extractions_jsonl(files, jsonl, workers=workers)
    console.print(f"wrote {len(written)} file(s) to {jsonl}")


_HEADERS = {
    "type": "type",
    "tp": "tp",
    "fp": "fp",
    "fn": "fn",
    "precision": "P",
    "recall": "R",
    "f1": "F1",
    "relation_accuracy": "rel",
    "deadline_accuracy": "dl",
    "deadline_year_accuracy": "dl-yr",
}
_CAPTION = "rel: relation accuracy; dl: deadline exact accuracy; dl-yr: deadline year accuracy"


def _fmt(value: float | int) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _scores_table(title: str, scores: dict[str, dict[str, float | int]]) -> Table:
    table = Table(title=title, caption=_CAPTION if title.startswith("overall") else None)
    columns = list(_HEADERS)
    for column in columns:
        table.add_column(_HEADERS[column], justify="right")
    for kind in TYPES:
        row = scores[kind]
        table.add_row(kind, *(_fmt(row[c]) if c in row else "" for c in columns[1:]))
    return table


def _context(extraction: FileExtraction | None, record: dict[str, object]) -> str:
    """The text a record is about: its line, or the block with its anchor."""
    if extraction is None:
        return ""
    text = extraction.source.text
    para = str(record.get("para", ""))
    if para.startswith("L") and para[1:].isdigit():
        lines = text.splitlines()
        index = int(para[1:]) - 1
        return lines[index].strip() if 0 <= index < len(lines) else ""
    for part in extraction.parts:
        for block in part.blocks:
            if block.anchor == para:
                return text[block.span.start : block.span.end].strip()
    return ""


def _print_errors(errors: list[ErrorCase], extraction: FileExtraction | None) -> None:
    for case in errors:
        rec = case.record
        what = rec.get("id") or rec.get("target") or rec.get("addressee")
        line = f"  {case.kind:8} {rec['type']:9} para={rec.get('para')} {what}"
        if case.kind == "relation" and case.other is not None:
            line += f" relation={rec.get('relation')} gold={case.other.get('relation')}"
        elif case.kind == "deadline" and case.other is not None:
            line += f" deadline={rec.get('deadline')!r} gold={case.other.get('deadline')!r}"
        elif rec.get("relation"):
            line += f" relation={rec.get('relation')}"
            if rec["type"] == "task":
                line += f" deadline={rec.get('deadline')!r}"
        console.print(line, highlight=False, soft_wrap=True)
        context = _context(extraction, rec)
        if context:
            console.print(f"           | {context[:300]}", highlight=False, soft_wrap=True)


@app.command()
@user_errors
def evaluate(
    corpus: Annotated[
        Path | None, typer.Argument(help="Folder of input files (default: bundled corpus).")
    ] = None,
    gold: Annotated[
        Path | None, typer.Option("--gold", help="Folder of gold <stem>.jsonl files.")
    ] = None,
    errors: Annotated[
        bool, typer.Option("--errors", help="List every FP, FN and wrong attribute.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Worker processes.")] = 1,
) -> None:
    """Score the extractors against gold annotations, per type and per document."""
    result: Evaluation
    result, extractions = api.evaluate_corpus(
        gold or gold_dir(), corpus or corpus_dir(), workers=workers
    )
    report = result.as_dict()
    if as_json:
        console.print_json(json.dumps(report))
        return
    print_table(_scores_table("overall (micro-averaged)", report["overall"]))
    for doc, scores in report["documents"].items():
        print_table(_scores_table(doc, scores))
        if errors:
            _print_errors(result.errors.get(doc, []), extractions.get(doc))
