"""``wsiskg diff``: what changed in commitments between two versions of a text.

DOC_A and DOC_B are input text files (a draft and the adopted text). Paragraphs come from
the project's segmentation and tasks/references from the extraction pipeline; give
``--records-a/--records-b`` (ANNOTATION.md JSONL, e.g. the gold files) to diff checked
records instead. When both dates are known the earlier file is taken as the "from" side.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from wsiskg.cli import app, console, user_errors
from wsiskg.graph.history.compare import Comparison, compare, load_version, to_graph
from wsiskg.graph.history.integrate import to_turtle
from wsiskg.graph.history.versions import order

COLUMNS = (
    "change",
    "record",
    "body",
    "fields",
    "from_para",
    "to_para",
    "from_relation",
    "to_relation",
    "from_deadline",
    "to_deadline",
    "from_target",
    "to_target",
)


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def comparison_json(c: Comparison) -> dict[str, object]:
    """Everything the comparison found, JSON-ready."""
    a, b = c.before.version, c.after.version
    return {
        "from": {"document": a.doc_id, "date": a.expression.date, "stage": a.expression.stage},
        "to": {"document": b.doc_id, "date": b.expression.date, "stage": b.expression.stage},
        "same_work": c.match.same_work,
        "evidence": c.match.reason,
        "alignments": [
            {
                "from": list(al.sources),
                "to": list(al.targets),
                "kind": al.kind,
                "similarity": al.similarity,
                "moved": al.moved,
            }
            for al in c.alignments
        ],
        "status": [
            {
                "paragraph": st.anchor,
                "markers": [m.text for m in st.markers],
                "brackets": [
                    {"text": br.text, "alternatives": list(br.alternatives)} for br in st.brackets
                ],
            }
            for st in c.status
            if st.markers or st.brackets
        ],
        "changes": [ch.to_row() for ch in c.changes],
        "mandates": [
            {
                "body": m.body,
                "event": m.event,
                "document": m.doc_id,
                "paragraph": m.para,
                "duration": m.duration,
                "end_year": m.end_year,
                "basis": list(m.basis),
            }
            for m in c.mandates
        ],
    }


def _csv(c: Comparison) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for ch in c.changes:
        writer.writerow(ch.to_row())
    return buf.getvalue()


def _table(c: Comparison) -> Table:
    kinds = Counter(al.kind for al in c.alignments)
    a, b = c.before.version.doc_id, c.after.version.doc_id
    table = Table(
        title=f"{a} → {b}: " + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())),
        show_lines=False,
    )
    for col in ("change", "record", "body", "fields", "from ¶", "to ¶", "before", "after"):
        table.add_column(col, overflow="fold")
    for ch in c.changes:
        r = ch.to_row()
        before = " ".join(x for x in (r["from_relation"], r["from_deadline"]) if x)
        after = " ".join(x for x in (r["to_relation"], r["to_deadline"]) if x)
        table.add_row(
            r["change"],
            r["record"],
            r["body"],
            r["fields"],
            r["from_para"],
            r["to_para"],
            before,
            after,
        )
    return table


@app.command("diff")
@user_errors
def diff_command(
    doc_a: Annotated[Path, typer.Argument(help="Input file of the earlier version (the draft).")],
    doc_b: Annotated[Path, typer.Argument(help="Input file of the later version (adopted).")],
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.table,
    records_a: Annotated[
        Optional[Path], typer.Option(help="ANNOTATION.md JSONL records for DOC_A.")  # noqa: UP045
    ] = None,
    records_b: Annotated[
        Optional[Path], typer.Option(help="ANNOTATION.md JSONL records for DOC_B.")  # noqa: UP045
    ] = None,
    rdf: Annotated[
        Optional[Path], typer.Option(help="Also write the history graph as Turtle here.")  # noqa: UP045
    ] = None,
    no_pipeline: Annotated[
        bool,
        typer.Option("--no-pipeline", help="Read plain numbered paragraphs; skip the extractors."),
    ] = False,
) -> None:
    """Paragraph alignment and commitment changes (tasks, references) from DOC_A to DOC_B."""
    va = load_version(doc_a, records_a, use_pipeline=not no_pipeline)
    vb = load_version(doc_b, records_b, use_pipeline=not no_pipeline)
    first, _ = order(va.version.expression, vb.version.expression)
    if first is vb.version.expression:
        va, vb = vb, va
    result = compare(va, vb)
    if rdf is not None:
        rdf.write_bytes(to_turtle(to_graph(result)))
    if fmt is OutputFormat.json:
        typer.echo(json.dumps(comparison_json(result), ensure_ascii=False, indent=2))
    elif fmt is OutputFormat.csv:
        typer.echo(_csv(result), nl=False)
    else:
        console.print(_table(result))
