"""Frozen records that mirror ANNOTATION.md, plus the provenance the graph needs.

Every fact carries the character span in the **original** decoded file text (not the cleaned
text the extractors read), the id of the rule that produced it, and the text that governs it,
so a user can see why it is in the graph. ``to_gold()`` gives exactly the gold JSONL record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

EntityKind = Literal["actor", "action_line", "document"]

REFERENCE_RELATIONS: tuple[str, ...] = (
    "recalls",
    "reaffirms",
    "takes_note",
    "notes",
    "welcomes",
    "endorses",
    "adopts",
    "supports",
    "cites",
)

TASK_RELATIONS: tuple[str, ...] = (
    "requests",
    "calls_upon",
    "invites",
    "encourages",
    "urges",
    "recommends",
    "decides",
    "designates",
    "extends_mandate",
    "commits",
)

BlockKind = Literal[
    "title",  # a document title (may wrap over lines)
    "heading",  # a section heading ("1.1 Bridging digital divides", "Internet governance")
    "opening",  # "The General Assembly,", "We, the Ministers ..."
    "preamble",  # preambular paragraph (numbered in drafts, ppN otherwise)
    "operative",  # numbered (or verb-led) operative paragraph of a resolution/decision/draft
    "subitem",  # lettered sub-item of an operative paragraph: 32(b)
    "footnote",
    "letter",  # body text of a letter
    "signature",  # signature block, signer names, addressee blocks
    "prose",  # report / summary prose
    "bullet",  # report bullets
    "meta",  # symbol lines, dates, job tags, page headers kept for line anchoring
]


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character offsets ``[start, end)`` into the original decoded text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span {self.start}..{self.end}")


@dataclass(frozen=True, slots=True)
class Deadline:
    """A time the task is due or happens, normalised as ANNOTATION.md says.

    ``normalized`` is the gold string ("/2016-07", "P10Y", "R/P1Y", "session:CSTD:21", "").
    ``due_date`` (ISO date) and ``end_year`` are what the normalised string resolves to against
    the document date, so queries can sort and filter (None where it cannot be resolved).
    """

    normalized: str = ""
    kind: str = "none"  # date | by | span | duration | recurrence | session | alternatives | none
    text: str = ""
    span: Span | None = None
    rule: str = ""
    due_date: str | None = None
    end_year: int | None = None

    @property
    def is_empty(self) -> bool:
        return not self.normalized


NO_DEADLINE = Deadline()


@dataclass(frozen=True, slots=True)
class EntityMention:
    """One mention of a known actor, action line or document in a block."""

    doc: str  # input file stem
    para: str  # anchor: "65", "32(b)", "pp3", "L37"
    id: str  # actor id, "C7", or document id
    kind: EntityKind
    span: Span
    text: str  # surface text as printed
    rule: str  # pattern / rule id that produced it

    def to_gold(self) -> dict[str, Any]:
        return {"type": "entity", "doc": self.doc, "para": self.para, "id": self.id}


@dataclass(frozen=True, slots=True)
class Reference:
    """A block refers to another document or paragraph, governed by a normalised verb."""

    doc: str
    para: str
    relation: str  # one of REFERENCE_RELATIONS
    target: str  # document id, optionally "#N" for a paragraph / article
    span: Span  # the mention of the target
    text: str
    rule: str
    governing_text: str = ""  # the verb cue as printed ("Taking note with appreciation of")
    governing_span: Span | None = None

    @property
    def target_document(self) -> str:
        return self.target.split("#", 1)[0]

    @property
    def target_paragraph(self) -> str | None:
        parts = self.target.split("#", 1)
        return parts[1] if len(parts) == 2 else None

    def to_gold(self) -> dict[str, Any]:
        return {
            "type": "reference",
            "doc": self.doc,
            "para": self.para,
            "relation": self.relation,
            "target": self.target,
        }


@dataclass(frozen=True, slots=True)
class Task:
    """An actor is given something to do (one record per addressee)."""

    doc: str
    para: str
    relation: str  # one of TASK_RELATIONS
    addressee: str  # actor id
    deadline: Deadline
    quote: str  # short quote of what is to be done
    span: Span  # the whole task clause
    verb_span: Span
    verb_text: str  # governing verb as printed ("We accordingly request")
    addressee_span: Span | None
    rule: str

    def to_gold(self) -> dict[str, Any]:
        return {
            "type": "task",
            "doc": self.doc,
            "para": self.para,
            "relation": self.relation,
            "addressee": self.addressee,
            "deadline": self.deadline.normalized,
            "task": self.quote,
        }


@dataclass(frozen=True, slots=True)
class Block:
    """A unit of text: a paragraph, sub-item, heading, footnote, letter line ...

    ``anchor`` is the ANNOTATION.md paragraph anchor ("65", "32(b)", "pp2"); None means the
    block is line-anchored and each fact takes ``L<line of its start>``.
    """

    kind: BlockKind
    span: Span  # in the original text, trimmed of surrounding whitespace
    line: int  # 1-based line of span.start
    anchor: str | None = None
    number: str | None = None  # printed number / letter ("65", "b", "1.1")
    parent: str | None = None  # anchor of the chapeau for sub-items
    section: str | None = None  # heading number/title the block sits under
    status_markers: tuple[str, ...] = ()  # "[Suggested for Closure]", "[Agreed ad ref]"
    bracketed: tuple[Span, ...] = ()  # not-yet-agreed spans in drafts


@dataclass(frozen=True, slots=True)
class DocumentPart:
    """One document inside an input file (a covering letter, its enclosure ...)."""

    index: int  # 0-based position in the file
    kind: str  # resolution | decision | draft | letter | summary | report | other
    span: Span
    title: str = ""
    issuer: str | None = None  # actor id of the issuing body
    date: str | None = None  # ISO date
    symbol: str | None = None
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """What is known about an input file, and where each field came from.

    ``sources`` maps a field name to "manifest", "text" (inferred) or "unknown", so the graph
    can say what was inferred and what is unknown.
    """

    stem: str
    symbol: str | None = None
    issuer: str | None = None  # actor id ("GA", "ECOSOC") when known
    issuer_label: str | None = None  # as printed in the manifest / text
    date: str | None = None  # ISO date, or year "2014"
    title: str | None = None
    kind: str | None = None
    sources: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SourceText:
    """A decoded input file: the original text every span points into."""

    path: str
    stem: str
    text: str
    encoding: str
    sha256: str
    warnings: tuple[str, ...] = ()

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset."""
        return self.text.count("\n", 0, offset) + 1


@dataclass(frozen=True, slots=True)
class FileExtraction:
    """Everything extracted from one input file."""

    source: SourceText
    meta: DocumentMeta
    parts: tuple[DocumentPart, ...]
    entities: tuple[EntityMention, ...]
    references: tuple[Reference, ...]
    tasks: tuple[Task, ...]
    problems: tuple[str, ...] = ()  # what could not be structured, for build.json
    # actors the text itself defines with an acronym and that no registry knows:
    # (id = the acronym, label = the expansion, kind), e.g. ("MINUSMA", "United Nations … in
    # Mali", "body"); entity and task records may name these ids
    adhoc_actors: tuple[tuple[str, str, str], ...] = ()

    def gold_records(self) -> list[dict[str, Any]]:
        """Records in ANNOTATION.md's JSONL format, deduplicated as the format requires."""
        out: list[dict[str, Any]] = []
        seen: set[tuple[Any, ...]] = set()
        records: tuple[EntityMention | Reference | Task, ...] = (
            *self.entities,
            *self.references,
            *self.tasks,
        )
        for rec in records:
            gold = rec.to_gold()
            key: tuple[Any, ...]
            if isinstance(rec, Task):
                key = ("task", rec.doc, rec.para, rec.addressee)
            elif isinstance(rec, Reference):
                key = ("reference", rec.doc, rec.para, rec.target)
            else:
                key = ("entity", rec.doc, rec.para, rec.id)
            if key in seen:
                continue
            seen.add(key)
            out.append(gold)
        return out
