"""What a spaCy component needs to know about the block it reads.

A ``BlockContext`` travels in ``doc.user_data["wsis"]``; its ``state`` is shared by all
blocks of one document, in reading order, so acronyms a text defines and the antecedents of
anaphoric short names ("the Commission") are resolved per document.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wsiskg.extract.offsets import CleanText
from wsiskg.extract.records import Span


@dataclass
class DocumentState:
    """Per-document memory, filled in reading order."""

    issuer: str | None = None  # actor id of the issuing body ("GA", "ECOSOC")
    date: str | None = None  # ISO date of the document, for durations
    symbol: str | None = None  # the document's own symbol, never a reference target
    acronyms: dict[str, str] = field(default_factory=dict)  # "IGF" -> "IGF", "AAAA" -> doc id
    last_by_head: dict[str, str] = field(default_factory=dict)  # "commission" -> "CSTD"
    equivalents: dict[str, str] = field(default_factory=dict)  # "UDHR" -> "A/RES/217(III)"
    footnotes: dict[str, str] = field(default_factory=dict)  # "9" -> footnote text
    # bodies the text defines with an acronym the registry lacks: "MINUSMA" -> (label, kind)
    adhoc_actors: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass
class BlockContext:
    """The block a Doc was made from, and how to map its offsets to the original file."""

    stem: str
    anchor: str | None  # None: line-anchored, each fact takes L<line>
    kind: str
    clean: CleanText
    source_text: str  # the whole original file text, for line numbers
    state: DocumentState
    document_kind: str = "other"  # resolution | decision | draft | letter | report | summary
    parent_task_context: object | None = None  # chapeau verb/addressees for sub-items

    def original_span(self, start: int, end: int) -> Span:
        s, e = self.clean.original_span(start, end)
        return Span(s, e)

    def para_for(self, original_start: int) -> str:
        """ANNOTATION.md ``para`` for a fact starting at an original offset."""
        if self.anchor is not None:
            return self.anchor
        return f"L{self.source_text.count(chr(10), 0, original_start) + 1}"
