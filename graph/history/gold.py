"""Read ANNOTATION.md JSONL (gold or ``wsiskg extract`` output) back into records.

The diff needs tasks and references; hand-made gold files are the reference answer, so
reading them lets the history tools run on checked data as well as on fresh extractions.
Spans are unknown in that format and are set to ``Span(0, 0)``.
"""

from __future__ import annotations

import json
from pathlib import Path

from wsiskg.extract.records import Deadline, Reference, Span, Task
from wsiskg.graph.history.errors import HistoryError

_NO_SPAN = Span(0, 0)


def read_records(path: Path) -> tuple[tuple[Task, ...], tuple[Reference, ...]]:
    """Tasks and references of one JSONL file (entity rows are skipped)."""
    tasks: list[Task] = []
    refs: list[Reference] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise HistoryError(f"{path}: cannot read records: {exc}") from exc
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if row["type"] == "task":
                tasks.append(
                    Task(
                        doc=row["doc"],
                        para=row["para"],
                        relation=row["relation"],
                        addressee=row["addressee"],
                        deadline=Deadline(normalized=row.get("deadline", "")),
                        quote=row.get("task", ""),
                        span=_NO_SPAN,
                        verb_span=_NO_SPAN,
                        verb_text="",
                        addressee_span=None,
                        rule="gold",
                    )
                )
            elif row["type"] == "reference":
                refs.append(
                    Reference(
                        doc=row["doc"],
                        para=row["para"],
                        relation=row["relation"],
                        target=row["target"],
                        span=_NO_SPAN,
                        text="",
                        rule="gold",
                    )
                )
        except (ValueError, KeyError, TypeError) as exc:
            raise HistoryError(f"{path}:{n}: not an ANNOTATION.md record: {exc}") from exc
    return tuple(tasks), tuple(refs)
