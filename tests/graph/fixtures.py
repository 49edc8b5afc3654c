"""Small, clearly hand-built FileExtraction records for testing the graph layer.

They stand in for the extractors' output so the graph side can be tested on its own; the
end-to-end tests on the bundled corpus (test_corpus_queries.py) use the real pipeline.
"""

from __future__ import annotations

import hashlib

from wsiskg.extract.records import (
    Block,
    Deadline,
    DocumentMeta,
    DocumentPart,
    EntityMention,
    FileExtraction,
    Reference,
    SourceText,
    Span,
    Task,
)

TEXT = (
    "Resolution adopted by the General Assembly on 16 December 2015\n"
    "70/125. Outcome document of the high-level meeting\n"
    "The General Assembly,\n"
    "Recalling its resolution 68/302 and paragraph 72 of the Tunis Agenda,\n"
    "63. We extend for another 10 years the existing mandate of the Internet Governance Forum.\n"
    "65. We request the Chair of the Commission on Science and Technology for Development "
    "to establish a working group, no later than July 2016.\n"
    "66. Decides to include in the provisional agenda of its seventy-first session an item.\n"
)


def span_of(needle: str, text: str = TEXT, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle))


def line_span(prefix: str, text: str = TEXT) -> Span:
    start = text.index(prefix)
    return Span(start, text.index("\n", start))


def resolution_fixture(stem: str = "fixture_res", text: str = TEXT) -> FileExtraction:
    """A two-paragraph GA resolution with a reference, an extension and a dated request."""
    source = SourceText(
        path=f"/tmp/{stem}.txt",
        stem=stem,
        text=text,
        encoding="utf-8",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
    )
    meta = DocumentMeta(
        stem=stem,
        symbol="A/RES/70/125",
        issuer="GA",
        date="2015-12-16",
        title="Outcome document of the high-level meeting",
        kind="resolution",
        sources={"symbol": "text", "issuer": "text", "date": "text", "title": "text"},
    )
    blocks = (
        Block("title", line_span("Resolution adopted", text), 1),
        Block("opening", line_span("The General Assembly", text), 3),
        Block("preamble", line_span("Recalling", text), 4, anchor="pp1"),
        Block("operative", line_span("63.", text), 5, anchor="63", number="63"),
        Block("operative", line_span("65.", text), 6, anchor="65", number="65"),
        Block("operative", line_span("66.", text), 7, anchor="66", number="66"),
    )
    part = DocumentPart(0, "resolution", Span(0, len(text)), blocks=blocks)
    igf = span_of("Internet Governance Forum", text)
    chair = span_of("Chair of the Commission on Science and Technology for Development", text)
    entities = (
        EntityMention(
            stem,
            "L1",
            "GA",
            "actor",
            span_of("General Assembly", text),
            "General Assembly",
            "alias",
        ),
        EntityMention(stem, "63", "IGF", "actor", igf, "Internet Governance Forum", "label"),
        EntityMention(stem, "65", "CSTD-Chair", "actor", chair, "Chair of the CSTD", "label"),
        EntityMention(
            stem,
            "pp1",
            "A/RES/68/302",
            "document",
            span_of("resolution 68/302", text),
            "resolution 68/302",
            "res_number",
        ),
    )
    recall = span_of("Recalling", text)
    references = (
        Reference(
            stem,
            "pp1",
            "recalls",
            "A/RES/68/302",
            span_of("resolution 68/302", text),
            "resolution 68/302",
            "res_number",
            "Recalling",
            recall,
        ),
        Reference(
            stem,
            "pp1",
            "recalls",
            "WSIS-05/TUNIS/DOC/6(Rev.1)#72",
            span_of("paragraph 72 of the Tunis Agenda", text),
            "paragraph 72 of the Tunis Agenda",
            "para_of_instrument",
            "Recalling",
            recall,
        ),
    )
    extend = span_of("We extend", text)
    request = span_of("We request", text)
    tasks = (
        Task(
            stem,
            "63",
            "extends_mandate",
            "IGF",
            Deadline(
                "P10Y",
                "duration",
                "for another 10 years",
                span_of("for another 10 years", text),
                "duration",
                "2025-12-16",
                2025,
            ),
            "the existing mandate of the Internet Governance Forum",
            line_span("63.", text),
            extend,
            "We extend",
            igf,
            "extend_mandate",
        ),
        Task(
            stem,
            "65",
            "requests",
            "CSTD-Chair",
            Deadline(
                "/2016-07",
                "by",
                "no later than July 2016",
                span_of("no later than July 2016", text),
                "by_date",
                "2016-07-31",
                2016,
            ),
            "establish a working group",
            line_span("65.", text),
            request,
            "We request",
            chair,
            "request_to",
        ),
        Task(
            stem,
            "66",
            "decides",
            "GA",
            Deadline(
                "session:GA:71",
                "session",
                "its seventy-first session",
                span_of("its seventy-first session", text),
                "session",
                "2016-12-31",
                2016,
            ),
            "include in the provisional agenda an item",
            line_span("66.", text),
            span_of("Decides", text),
            "Decides",
            None,
            "decides_self",
        ),
    )
    return FileExtraction(source, meta, (part,), entities, references, tasks)
