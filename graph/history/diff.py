"""Commitment diff: tasks and references added, removed or changed between two versions.

The paragraph alignment says which paragraphs correspond; within each aligned group the
tasks are matched by addressee (then, for what is left, by verb and quote, which catches a
task handed to a different body) and references by cited document. A change records which
fields moved: ``relation`` (the operative verb, normalised), ``deadline``, ``addressee``,
``target`` (a cited paragraph), ``verb`` (the verb as printed, when the relation is unchanged).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, Literal

from wsiskg.extract.records import Reference, Task
from wsiskg.graph.history.align import Alignment, content_words, tokens

ChangeKind = Literal["added", "removed", "changed"]
QUOTE_MATCH = 0.5
"""Quote similarity above which a removed and an added task of one group are one task that
changed addressee."""


@dataclass(frozen=True, slots=True)
class Change:
    """One difference in commitments. ``before``/``after`` are None for added/removed."""

    change: ChangeKind
    record: Literal["task", "reference"]
    before: Task | Reference | None
    after: Task | Reference | None
    alignment: Alignment | None
    fields: tuple[str, ...] = ()

    @property
    def body(self) -> str:
        """Addressee (tasks) or cited document (references), after the change if any."""
        rec = self.after or self.before
        assert rec is not None
        return rec.addressee if isinstance(rec, Task) else rec.target_document

    def to_row(self) -> dict[str, Any]:
        """A flat row for tables, CSV and JSON."""
        b, a = self.before, self.after
        return {
            "change": self.change,
            "record": self.record,
            "body": self.body,
            "fields": ",".join(self.fields),
            "from_para": b.para if b else "",
            "to_para": a.para if a else "",
            "from_relation": b.relation if b else "",
            "to_relation": a.relation if a else "",
            "from_deadline": b.deadline.normalized if isinstance(b, Task) else "",
            "to_deadline": a.deadline.normalized if isinstance(a, Task) else "",
            "from_target": b.target if isinstance(b, Reference) else "",
            "to_target": a.target if isinstance(a, Reference) else "",
            "from_text": _text(b),
            "to_text": _text(a),
            "alignment": self.alignment.kind if self.alignment else "",
        }


def _text(rec: Task | Reference | None) -> str:
    if rec is None:
        return ""
    return rec.quote if isinstance(rec, Task) else rec.text


def _by_para(records: Iterable[Any]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for r in records:
        out.setdefault(r.para, []).append(r)
    return out


def _task_fields(b: Task, a: Task) -> tuple[str, ...]:
    fields = []
    if b.addressee != a.addressee:
        fields.append("addressee")
    if b.relation != a.relation:
        fields.append("relation")
    elif b.verb_text and a.verb_text and _verb_words(b.verb_text) != _verb_words(a.verb_text):
        fields.append("verb")
    if b.deadline.normalized != a.deadline.normalized:
        fields.append("deadline")
    return tuple(fields)


def _verb_words(verb_text: str) -> tuple[str, ...]:
    """The verb's content words: "We accordingly call on" and "call upon" are one verb."""
    return tuple(w for w in content_words(tokens(verb_text)) if w != "accordingly")


def _quote_sim(a: str, b: str) -> float:
    return SequenceMatcher(None, a.lower().split(), b.lower().split(), autojunk=False).ratio()


def _diff_tasks(before: list[Task], after: list[Task], al: Alignment | None) -> list[Change]:
    out: list[Change] = []
    left = list(before)
    right = list(after)
    # 1. same addressee: prefer the same relation, else the closest quote
    for b in list(left):
        cands = [a for a in right if a.addressee == b.addressee]
        if not cands:
            continue
        a = max(cands, key=lambda x: (x.relation == b.relation, _quote_sim(b.quote, x.quote)))
        left.remove(b)
        right.remove(a)
        fields = _task_fields(b, a)
        if fields:
            out.append(Change("changed", "task", b, a, al, fields))
    # 2. one task handed to another body: same relation, similar quote
    for b in list(left):
        cands = [
            a
            for a in right
            if a.relation == b.relation and _quote_sim(b.quote, a.quote) >= QUOTE_MATCH
        ]
        if cands:
            a = max(cands, key=lambda x: _quote_sim(b.quote, x.quote))
            left.remove(b)
            right.remove(a)
            out.append(Change("changed", "task", b, a, al, _task_fields(b, a)))
    out.extend(Change("removed", "task", b, None, al) for b in left)
    out.extend(Change("added", "task", None, a, al) for a in right)
    return out


def _diff_refs(
    before: list[Reference], after: list[Reference], al: Alignment | None
) -> list[Change]:
    out: list[Change] = []
    right = list(after)
    for b in before:
        cands = [a for a in right if a.target_document == b.target_document]
        if not cands:
            out.append(Change("removed", "reference", b, None, al))
            continue
        a = max(cands, key=lambda x: (x.target == b.target, x.relation == b.relation))
        right.remove(a)
        fields = tuple(
            f
            for f, changed in (
                ("relation", b.relation != a.relation),
                ("target", b.target != a.target),
            )
            if changed
        )
        if fields:
            out.append(Change("changed", "reference", b, a, al, fields))
    out.extend(Change("added", "reference", None, a, al) for a in right)
    return out


def commitment_diff(
    alignments: Sequence[Alignment],
    before_tasks: Iterable[Task],
    after_tasks: Iterable[Task],
    before_refs: Iterable[Reference] = (),
    after_refs: Iterable[Reference] = (),
) -> list[Change]:
    """Changes in tasks and references, group by group, in the order of the later version.

    Records in paragraphs the alignment does not cover (covering letters, line-anchored
    text) are ignored: they are not part of the negotiated text.
    """
    bt, at = _by_para(before_tasks), _by_para(after_tasks)
    br, ar = _by_para(before_refs), _by_para(after_refs)
    out: list[Change] = []
    for al in alignments:
        b_tasks = [t for s in al.sources for t in bt.get(s, [])]
        a_tasks = [t for s in al.targets for t in at.get(s, [])]
        out.extend(_diff_tasks(b_tasks, a_tasks, al))
        b_refs = [r for s in al.sources for r in br.get(s, [])]
        a_refs = [r for s in al.targets for r in ar.get(s, [])]
        out.extend(_diff_refs(b_refs, a_refs, al))
    return out


def changes_for_body(changes: Iterable[Change], body: str) -> list[Change]:
    """Changes whose task addressee or cited document is ``body`` (before or after)."""
    out = []
    for c in changes:
        names = set()
        for rec in (c.before, c.after):
            if isinstance(rec, Task):
                names.add(rec.addressee)
            elif isinstance(rec, Reference):
                names.add(rec.target_document)
        if body in names:
            out.append(c)
    return out
