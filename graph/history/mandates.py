"""Mandate lineage: which text creates, extends or ends the mandate of which body, until when.

A mandate event is read from the tasks of one document with the cues in
``data/mandate_cues.csv`` (the ``extends_mandate`` relation; "establish a working group";
"terminate the mandate"). The basis of an extension is the paragraphs the same paragraph
cites (the IGF: Tunis Agenda ¶72-78); its end is the document year plus the duration
("P10Y": A/RES/70/125 of 2015 → 2025). A body created by a paragraph is the other addressee
of that paragraph given the duties (the working group "will submit a report ..."); its
mandate ends with that report's deadline.
"""

from __future__ import annotations

import csv
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from wsiskg.extract.records import Reference, Task
from wsiskg.graph.history.errors import HistoryError

log = logging.getLogger(__name__)

MandateEvent = Literal["creates", "extends", "ends"]
_DATA = Path(__file__).resolve().parent / "data"
_YEARS_RE = re.compile(r"^P(\d+)Y$")
_SESSION_RE = re.compile(r"^session:([^:]+):(\d+)$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class Mandate:
    """A body's mandate as one document sets it (``<base>id/mandate/<body>/<doc-id>``)."""

    body: str  # actor id
    event: MandateEvent
    doc_id: str  # the document that creates/extends/ends it
    para: str  # the paragraph that does it
    year: int | None  # year of that document
    duration: str = ""  # ISO 8601 duration ("P10Y"), when stated
    end_year: int | None = None  # computed end of the mandate
    ends_at: str = ""  # the normalised deadline the end comes from ("session:CSTD:21")
    basis: tuple[str, ...] = ()  # cited paragraphs that define the mandate
    quote: str = ""
    rule: str = ""


@dataclass(frozen=True, slots=True)
class _Cue:
    id: str
    event: MandateEvent
    field: str
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def cues() -> tuple[_Cue, ...]:
    """The cue table, checked at load: each row's example must match its own pattern."""
    path = _DATA / "mandate_cues.csv"
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh), start=2):
            try:
                cue = _Cue(row["id"], row["event"], row["field"], re.compile(row["pattern"], re.I))  # type: ignore[arg-type]
            except (KeyError, re.error) as exc:
                raise HistoryError(f"{path}:{n}: bad mandate cue: {exc}") from exc
            if cue.event not in ("creates", "extends", "ends") or cue.field not in (
                "relation",
                "quote",
            ):
                raise HistoryError(f"{path}:{n} (id={cue.id}): bad event or field")
            if not cue.pattern.search(row["example"]):
                raise HistoryError(f"{path}:{n} (id={cue.id}): example does not match")
            out.append(cue)
    return tuple(out)


def _cue_for(task: Task) -> _Cue | None:
    for cue in cues():
        value = task.relation if cue.field == "relation" else task.quote
        if cue.pattern.search(value):
            return cue
    return None


def _year(date: str | None) -> int | None:
    if date and re.match(r"^\d{4}", date):
        return int(date[:4])
    return None


def _end(year: int | None, task: Task) -> tuple[str, int | None]:
    """(duration, end year) of a task's deadline against the document year.

    The year is resolved with the precedence ``graph/rdf.py`` uses for the deadline's
    ``wsis:dueYear`` (due date, then document year plus a duration in years, then the end of
    an interval, then the extractor's end year), so the file graph and the history graph state
    one ``wsis:mandateEnd`` for the same mandate. Session deadlines, which the file graph does
    not resolve, fall back to ``data/sessions.csv``.
    """
    d = task.deadline
    norm = d.normalized
    m = _YEARS_RE.match(norm)
    duration = norm if m else ""
    if d.due_date and _DATE_RE.match(d.due_date):
        return duration, int(d.due_date[:4])
    if m:
        return duration, d.end_year or ((year + int(m.group(1))) if year is not None else None)
    s = _SESSION_RE.match(norm)
    if not s and norm and not norm.startswith("R/") and "P" not in norm:
        end = norm.split("/")[-1]
        if end[:4].isdigit():
            return "", int(end[:4])
    if d.end_year is not None:
        return "", d.end_year
    if s and s.group(1) in session_base_years():
        return "", session_base_years()[s.group(1)] + int(s.group(2))
    return "", None


@lru_cache(maxsize=1)
def session_base_years() -> dict[str, int]:
    """Body id → the year its n-th session meets minus n (``data/sessions.csv``)."""
    with (_DATA / "sessions.csv").open(encoding="utf-8", newline="") as fh:
        return {row["body"]: int(row["base_year"]) for row in csv.DictReader(fh)}


def find_mandates(
    doc_id: str,
    date: str | None,
    tasks: Iterable[Task],
    references: Iterable[Reference] = (),
) -> list[Mandate]:
    """Mandate events of one document, in paragraph order of its tasks."""
    tasks = list(tasks)
    year = _year(date)
    basis_by_para: dict[str, list[str]] = {}
    for ref in references:
        if ref.target_paragraph is not None:
            basis_by_para.setdefault(ref.para, []).append(ref.target)
    out: list[Mandate] = []
    seen: set[tuple[str, str, str]] = set()
    for task in tasks:
        cue = _cue_for(task)
        if cue is None:
            continue
        body = task.addressee
        duty = task
        if cue.event == "creates":
            others = [t for t in tasks if t.para == task.para and t.addressee != task.addressee]
            if not others:
                log.info("%s ¶%s: creates a body the text does not name", doc_id, task.para)
                continue
            duty = others[0]
            body = duty.addressee
        key = (body, cue.event, task.para)
        if key in seen:
            continue
        seen.add(key)
        duration, end_year = _end(year, duty) if cue.event != "ends" else ("", year)
        out.append(
            Mandate(
                body=body,
                event=cue.event,
                doc_id=doc_id,
                para=task.para,
                year=year,
                duration=duration,
                end_year=end_year,
                ends_at=duty.deadline.normalized,
                basis=tuple(dict.fromkeys(basis_by_para.get(task.para, ()))),
                quote=task.quote,
                rule=cue.id,
            )
        )
    return out


def expiring_before(mandates: Iterable[Mandate], year: int) -> list[Mandate]:
    """Mandates whose computed end falls before ``year`` (unknown ends are left out)."""
    return [m for m in mandates if m.end_year is not None and m.end_year < year]
