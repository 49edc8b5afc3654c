"""One ``FileExtraction`` → the pyoxigraph quads of that file's named graph.

Each input file gets its own named graph (``<base>graph/file/<stem>``) so an incremental build
replaces it as a whole. Nodes that several files name but none owns (cited documents and
paragraphs of other files, sessions, actors the registry lacks) are described by quads of the
shared graph (``<base>graph/shared``, ``FileGraph.shared``): the build merges every file's
share into that one graph, so the union of all graphs states each such triple once instead of
once per citing file (a much-cited resolution was stated by ~1,000 file graphs). A file's own
triples and its share together validate on their own (``FileGraph.all_quads``). No blank
nodes: dumps stay byte-identical.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from wsiskg.extract.records import (
    Deadline,
    DocumentPart,
    FileExtraction,
    Span,
    Task,
)
from wsiskg.graph.iris import Iris
from wsiskg.graph.registry import Relation, relations
from wsiskg.graph.terms import (
    CITO_T,
    DCT_T,
    ELI_T,
    OA_T,
    PROV_T,
    RDF_TYPE,
    SKOS_T,
    TIME_T,
    lit,
    lit_en,
    lit_int,
    lit_typed,
    wsis,
)

QUOTE_CONTEXT = 32  # characters of oa:prefix / oa:suffix around a quoted span
# oa:start/oa:end are xsd:integer, not OA's xsd:nonNegativeInteger: Oxigraph's store folds
# integer subtypes into xsd:integer, and a dump must round-trip what was validated.
META_FIELDS: tuple[str, ...] = ("symbol", "issuer", "date", "title", "kind")

_KIND_CLASS: dict[str, str] = {
    "resolution": "Resolution",
    "decision": "Decision",
    "draft": "DraftResolution",
    "letter": "Letter",
    "summary": "Summary",
    "report": "Report",
}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR_MONTH = re.compile(r"^\d{4}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")
_DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$")
_SESSION = re.compile(r"^session:([^:]+):(\d+)$")
_LINE_ANCHOR = re.compile(r"^L(\d+)$")


@dataclass(frozen=True)
class RdfContext:
    """What turning records into RDF needs beyond the records themselves."""

    iris: Iris = field(default_factory=Iris)
    known_actors: frozenset[str] = frozenset()  # registry ids; others get a stub node

    def relation_table(self) -> dict[str, Relation]:
        return relations(self.iris.base)


@dataclass(frozen=True)
class FileGraph:
    """The RDF of one input file, ready for validation and the store."""

    stem: str
    graph: str  # named graph IRI
    sha256: str
    quads: tuple[ox.Quad, ...]  # the file's own triples, in ``graph``
    problems: tuple[str, ...] = ()
    shared: tuple[ox.Quad, ...] = ()  # stubs of nodes it names but does not own (shared graph)

    @property
    def all_quads(self) -> tuple[ox.Quad, ...]:
        """Own and shared quads: what the file's shapes are checked against."""
        return self.quads + self.shared


def _typed_time(value: str) -> ox.Literal | None:
    """An ISO value as the narrowest XSD date type (None when it is not a calendar value)."""
    if _DATE.match(value):
        return lit_typed(value, "date")
    if _YEAR_MONTH.match(value):
        return lit_typed(value, "gYearMonth")
    if _YEAR.match(value):
        return lit_typed(value, "gYear")
    return None


_TIME_PROPERTY = {"date": "inXSDDate", "gYearMonth": "inXSDgYearMonth", "gYear": "inXSDgYear"}


def _year_of(date: str | None) -> int | None:
    return int(date[:4]) if date and len(date) >= 4 and date[:4].isdigit() else None


class _FileWriter:
    """Accumulates the quads of one file graph, stating each node's triples once."""

    def __init__(self, fx: FileExtraction, ctx: RdfContext) -> None:
        self.fx = fx
        self.ctx = ctx
        self.iris = ctx.iris
        self.text = fx.source.text
        self.stem = fx.source.stem
        self.g = ox.NamedNode(self.iris.file_graph(self.stem))
        self.shared_g = ox.NamedNode(self.iris.shared_graph)
        self.shared: list[ox.Quad] = []
        self.own_docs: set[str] = set()  # IRIs of the documents this file holds
        self.file = ox.NamedNode(self.iris.file(self.stem))
        self.quads: list[ox.Quad] = []
        self.seen: set[ox.Quad] = set()
        self.problems: list[str] = list(fx.problems)
        self.paragraphs: set[str] = set()
        self.order_of: dict[str, int] = {}  # block paragraph IRI -> its wsis:order
        self.rel = ctx.relation_table()
        self.parts: list[tuple[DocumentPart, ox.NamedNode, str]] = []  # part, IRI, doc id
        self.main = 0
        # acronym -> (expansion, kind); the first definition wins, so one label per file graph
        self.adhoc: dict[str, tuple[str, str]] = {}
        for actor_id, label, kind in fx.adhoc_actors:
            if label.strip():
                self.adhoc.setdefault(actor_id, (label.strip(), kind.strip()))

    # -- primitives ------------------------------------------------------------------------
    def add(
        self,
        s: ox.NamedNode,
        p: ox.NamedNode,
        o: ox.NamedNode | ox.Literal,
        shared: bool = False,
    ) -> None:
        """State a triple in the file graph, or (``shared``) in the shared graph."""
        q = ox.Quad(s, p, o, self.shared_g if shared else self.g)
        if q not in self.seen:
            self.seen.add(q)
            (self.shared if shared else self.quads).append(q)

    def actor(self, actor_id: str) -> ox.NamedNode:
        """The actor's IRI; an id the registry lacks gets its node stated in this file graph.

        A body the text defines with an acronym (``fx.adhoc_actors``) is labelled with the
        text's expansion and kind; any other unknown id gets a stub labelled with the id.
        """
        node = ox.NamedNode(self.iris.actor(actor_id))
        if actor_id not in self.ctx.known_actors:
            self.add(node, RDF_TYPE, wsis("Actor"), shared=True)
            self.add(node, SKOS_T.notation, lit(actor_id), shared=True)
            adhoc = self.adhoc.get(actor_id)
            if adhoc is None:
                self.add(node, SKOS_T.prefLabel, lit(actor_id), shared=True)
                self.add(node, wsis("actorKind"), lit("unregistered"), shared=True)
            else:
                label, kind = adhoc
                self.add(node, SKOS_T.prefLabel, lit_en(label), shared=True)
                self.add(node, SKOS_T.altLabel, lit_en(actor_id), shared=True)
                self.add(node, wsis("actorKind"), lit(kind or "unregistered"), shared=True)
        return node

    def cited_document(self, doc_id: str) -> ox.NamedNode:
        node = ox.NamedNode(self.iris.document(doc_id))
        shared = node.value not in self.own_docs
        self.add(node, RDF_TYPE, wsis("Document"), shared)
        self.add(node, DCT_T.identifier, lit(doc_id), shared)
        return node

    def stub_paragraph(self, doc: ox.NamedNode, anchor: str) -> ox.NamedNode:
        iri = self.iris.paragraph(doc.value, anchor)
        node = ox.NamedNode(iri)
        if iri not in self.paragraphs:
            self.paragraphs.add(iri)
            shared = doc.value not in self.own_docs
            self.add(node, RDF_TYPE, wsis("Paragraph"), shared)
            self.add(node, ELI_T.is_part_of, doc, shared)
            self.add(node, DCT_T.isPartOf, doc, shared)
            self.add(node, wsis("anchor"), lit(anchor), shared)
            m = _LINE_ANCHOR.match(anchor)
            if m and doc.value.startswith(self.iris.document("")):
                self.add(node, wsis("line"), lit_int(int(m.group(1))), shared)
        return node

    # -- source file -------------------------------------------------------------------------
    def source_file(self) -> None:
        src = self.fx.source
        f = self.file
        self.add(f, RDF_TYPE, wsis("SourceFile"))
        self.add(f, RDF_TYPE, PROV_T.Entity)
        self.add(f, wsis("sha256"), lit(src.sha256))
        self.add(f, wsis("encoding"), lit(src.encoding))
        self.add(f, wsis("fileName"), lit(os.path.basename(src.path) or f"{src.stem}.txt"))
        for w in src.warnings:
            self.add(f, wsis("warning"), lit(w))

    # -- documents ---------------------------------------------------------------------------
    def documents(self) -> None:
        meta = self.fx.meta
        parts = list(self.fx.parts) or [
            DocumentPart(0, meta.kind or "other", Span(0, len(self.text)), meta.title or "")
        ]
        self.main = next(
            (i for i, p in enumerate(parts) if meta.symbol and p.symbol == meta.symbol),
            next((i for i, p in enumerate(parts) if p.kind != "letter"), 0),
        )
        taken = {p.symbol for p in parts if p.symbol}
        symbols: list[str | None] = []
        for i, part in enumerate(parts):
            symbol = part.symbol
            if symbol is None and i == self.main and meta.symbol and meta.symbol not in taken:
                symbol = meta.symbol
            doc_id = symbol or (self.stem if i == 0 else f"{self.stem}/part-{i}")
            node = ox.NamedNode(self.iris.document(doc_id))
            self.parts.append((part, node, doc_id))
            self.own_docs.add(node.value)  # known before any part names another
            symbols.append(symbol)
        for i, ((part, node, doc_id), symbol) in enumerate(zip(self.parts, symbols, strict=True)):
            self.document(part, node, doc_id, symbol, i == self.main)

    def document(
        self, part: DocumentPart, node: ox.NamedNode, doc_id: str, symbol: str | None, main: bool
    ) -> None:
        meta = self.fx.meta
        self.add(node, RDF_TYPE, wsis("Document"))
        cls = _KIND_CLASS.get(part.kind)
        if cls:
            self.add(node, RDF_TYPE, wsis(cls))
        self.add(node, DCT_T.identifier, lit(doc_id))
        if symbol:
            self.add(node, ELI_T.id_local, lit(symbol))
        self.add(node, wsis("documentKind"), lit(part.kind or "other"))
        title = part.title or (meta.title if main else None)
        if title:
            self.add(node, DCT_T.title, lit_en(title))
        date = part.date or (meta.date if main else None)
        if date and _DATE.match(date):
            self.add(node, ELI_T.date_document, lit_typed(date, "date"))
        year = _year_of(date)
        if year is not None:
            self.add(node, wsis("year"), lit_typed(f"{year:04d}", "gYear"))
        issuer = part.issuer or (meta.issuer if main else None)
        if issuer:
            self.add(node, ELI_T.passed_by, self.actor(issuer))
        self.add(node, PROV_T.wasDerivedFrom, self.file)
        if main:
            for fname in META_FIELDS:
                origin = meta.sources.get(fname)
                if origin not in ("manifest", "text", "unknown"):
                    origin = "unknown" if getattr(meta, fname) is None else "text"
                ms = ox.NamedNode(self.iris.metadata_source(self.stem, fname))
                self.add(node, wsis("metadataSource"), ms)
                self.add(ms, RDF_TYPE, wsis("MetadataSource"))
                self.add(ms, wsis("field"), lit(fname))
                self.add(ms, wsis("origin"), lit(origin))

    def part_for(self, offset: int) -> tuple[DocumentPart, ox.NamedNode, str]:
        for entry in self.parts:
            if entry[0].span.start <= offset < entry[0].span.end:
                return entry
        return self.parts[self.main]

    # -- paragraphs --------------------------------------------------------------------------
    def blocks(self) -> None:
        order = 0
        for part, doc, _doc_id in self.parts:
            for block in part.blocks:
                order += 1
                anchor = block.anchor or f"L{block.line}"
                iri = self.iris.paragraph(doc.value, anchor)
                if iri in self.paragraphs:
                    self.problems.append(
                        f"duplicate paragraph anchor {anchor!r} at line {block.line}"
                    )
                    continue
                self.paragraphs.add(iri)
                self.order_of[iri] = order
                p = ox.NamedNode(iri)
                self.add(p, RDF_TYPE, wsis("Paragraph"))
                self.add(p, ELI_T.is_part_of, doc)
                self.add(p, DCT_T.isPartOf, doc)
                self.add(p, wsis("anchor"), lit(anchor))
                self.add(p, wsis("blockKind"), lit(block.kind))
                self.add(p, wsis("order"), lit_int(order))
                self.add(p, wsis("text"), lit(self.text[block.span.start : block.span.end]))
                self.add(p, wsis("line"), lit_int(block.line))
                self.add(p, wsis("startOffset"), lit_int(block.span.start))
                self.add(p, wsis("endOffset"), lit_int(block.span.end))
                if block.section:
                    self.add(p, wsis("section"), lit(block.section))
                for marker in block.status_markers:
                    self.add(p, wsis("statusMarker"), lit(marker))
                for span in block.bracketed:
                    self.add(p, wsis("bracketedText"), lit(self.text[span.start : span.end]))
                if block.parent:
                    self.add(p, wsis("subItemOf"), self.stub_paragraph(doc, block.parent))

    def paragraph_of(self, para: str, offset: int) -> tuple[ox.NamedNode, str]:
        """The paragraph node a fact belongs to, and its document id."""
        _part, doc, doc_id = self.part_for(offset)
        return self.stub_paragraph(doc, para), doc_id

    # -- mentions ----------------------------------------------------------------------------
    def mention(
        self, span: Span, key: str, body: ox.NamedNode, para: ox.NamedNode, rule: str
    ) -> ox.NamedNode:
        m = ox.NamedNode(self.iris.mention(self.stem, span.start, span.end, key))
        if m in self._mentions:
            return m
        self._mentions.add(m)
        target = ox.NamedNode(f"{m.value}/target")
        pos = ox.NamedNode(f"{m.value}/position")
        quote = ox.NamedNode(f"{m.value}/quote")
        self.add(m, RDF_TYPE, wsis("Mention"))
        self.add(m, RDF_TYPE, OA_T.Annotation)
        self.add(m, OA_T.hasBody, body)
        self.add(m, OA_T.hasTarget, target)
        self.add(m, wsis("inParagraph"), para)
        if rule:
            self.add(m, wsis("rule"), lit(rule))
        self.add(target, RDF_TYPE, OA_T.SpecificResource)
        self.add(target, OA_T.hasSource, self.file)
        self.add(target, OA_T.hasSelector, pos)
        self.add(target, OA_T.hasSelector, quote)
        self.add(pos, RDF_TYPE, OA_T.TextPositionSelector)
        self.add(pos, OA_T.start, lit_int(span.start))
        self.add(pos, OA_T.end, lit_int(span.end))
        self.add(quote, RDF_TYPE, OA_T.TextQuoteSelector)
        self.add(quote, OA_T.exact, lit(self.text[span.start : span.end]))
        self.add(
            quote, OA_T.prefix, lit(self.text[max(0, span.start - QUOTE_CONTEXT) : span.start])
        )
        self.add(quote, OA_T.suffix, lit(self.text[span.end : span.end + QUOTE_CONTEXT]))
        return m

    _mentions: set[ox.NamedNode]

    def entities(self) -> None:
        self._mentions = set()
        for e in sorted(self.fx.entities, key=lambda e: (e.span.start, e.span.end, e.id)):
            if e.kind == "actor":
                body = self.actor(e.id)
            elif e.kind == "action_line":
                body = ox.NamedNode(self.iris.action_line(e.id))
            else:
                body = self.cited_document(e.id)
            para, _ = self.paragraph_of(e.para, e.span.start)
            self.mention(e.span, e.id, body, para, e.rule)

    # -- references --------------------------------------------------------------------------
    def references(self) -> None:
        counters: dict[str, int] = defaultdict(int)
        refs = sorted(self.fx.references, key=lambda r: (r.span.start, r.span.end, r.target))
        for r in refs:
            rel = self.rel.get(r.relation)
            if rel is None or rel.scheme != "ReferenceRelations":
                self.problems.append(f"unknown reference relation {r.relation!r} in ¶{r.para}")
                rel = self.rel["cites"]
            para, _ = self.paragraph_of(r.para, r.span.start)
            doc = self.cited_document(r.target_document)
            target = doc
            if r.target_paragraph:
                target = self.stub_paragraph(doc, r.target_paragraph)
            counters[r.para] += 1
            ref = ox.NamedNode(self.iris.reference(self.stem, r.para, counters[r.para]))
            self.add(ref, RDF_TYPE, wsis("Reference"))
            self.add(ref, RDF_TYPE, CITO_T.Citation)
            self.add(ref, CITO_T.hasCitingEntity, para)
            self.add(ref, CITO_T.hasCitedEntity, target)
            if rel.cito:
                self.add(ref, CITO_T.hasCitationCharacterization, ox.NamedNode(rel.cito))
            self.add(ref, wsis("relation"), ox.NamedNode(self.iris.relation(rel.name)))
            self.add(ref, wsis("relationName"), lit(rel.name))
            if r.governing_text:
                self.add(ref, wsis("governingText"), lit(r.governing_text))
            if r.rule:
                self.add(ref, wsis("rule"), lit(r.rule))
            m = self.mention(r.span, r.target, target, para, r.rule)
            self.add(ref, PROV_T.wasDerivedFrom, m)
            if rel.direct:
                self.add(para, ox.NamedNode(rel.direct), target)

    # -- tasks -------------------------------------------------------------------------------
    def tasks(self) -> None:
        used: set[str] = set()
        for t in sorted(self.fx.tasks, key=lambda t: (t.span.start, t.addressee, t.relation)):
            rel = self.rel.get(t.relation)
            if rel is None or rel.scheme != "TaskRelations":
                self.problems.append(f"unknown task relation {t.relation!r} in ¶{t.para}")
                continue
            para, doc_id = self.paragraph_of(t.para, t.verb_span.start)
            iri = self.iris.task(self.stem, t.para, t.addressee, t.relation)
            n = 1
            while iri in used:
                n += 1
                iri = f"{self.iris.task(self.stem, t.para, t.addressee, t.relation)}/{n}"
            used.add(iri)
            task = ox.NamedNode(iri)
            part, _doc, _ = self.part_for(t.verb_span.start)
            issuer = part.issuer or self.fx.meta.issuer
            self.add(task, RDF_TYPE, wsis("Task"))
            self.add(task, RDF_TYPE, PROV_T.Plan)
            self.add(task, wsis("issuedIn"), para)
            if issuer:
                self.add(task, wsis("issuedBy"), self.actor(issuer))
            self.add(task, wsis("relation"), ox.NamedNode(self.iris.relation(rel.name)))
            self.add(task, wsis("relationName"), lit(rel.name))
            addressee = self.actor(t.addressee)
            self.add(task, wsis("addressee"), addressee)
            self.task_index(task, t.addressee, doc_id, t.para, para)
            if t.quote:
                self.add(task, wsis("quote"), lit(t.quote))
            if t.verb_text:
                self.add(task, wsis("governingText"), lit(t.verb_text))
            if t.rule:
                self.add(task, wsis("rule"), lit(t.rule))
            m = self.mention(t.span, f"{t.relation}/{t.addressee}", task, para, t.rule)
            self.add(task, PROV_T.wasDerivedFrom, m)
            end_year = None
            if not t.deadline.is_empty:
                end_year = self.deadline(task, t.deadline, doc_id)
            if t.relation == "extends_mandate":
                self.mandate(t, task, para, addressee, doc_id, end_year)

    def task_index(
        self, task: ox.NamedNode, addressee: str, doc_id: str, anchor: str, para: ox.NamedNode
    ) -> None:
        """The task's index copies (ontology: wsis:addresseeId ...), checked by a rule."""
        self.add(task, wsis("addresseeId"), lit(addressee))
        self.add(task, wsis("documentId"), lit(doc_id))
        self.add(task, wsis("paragraphAnchor"), lit(anchor))
        order = self.order_of.get(para.value)
        if order is not None:
            self.add(task, wsis("paragraphOrder"), lit_int(order))

    def _doc_year(self, offset: int) -> int | None:
        part, _, _ = self.part_for(offset)
        return _year_of(part.date or self.fx.meta.date)

    def deadline(self, task: ox.NamedNode, d: Deadline, doc_id: str) -> int | None:
        """States the deadline node; returns the year it resolves to (None if it does not)."""
        node = ox.NamedNode(f"{task.value}/deadline")
        self.add(task, wsis("deadline"), node)
        self.add(node, RDF_TYPE, wsis("Deadline"))
        self.add(node, RDF_TYPE, TIME_T.TemporalEntity)
        self.add(node, wsis("normalized"), lit(d.normalized))
        self.add(task, wsis("deadlineNormalized"), lit(d.normalized))  # index copy
        self.add(node, wsis("deadlineKind"), lit(d.kind or "none"))
        if d.text:
            self.add(node, wsis("deadlineText"), lit(d.text))
        if d.rule:
            self.add(node, wsis("rule"), lit(d.rule))
        year: int | None = None
        if d.due_date and _DATE.match(d.due_date):
            self.add(node, wsis("dueDate"), lit_typed(d.due_date, "date"))
            year = int(d.due_date[:4])
        value = d.normalized.removeprefix("R/")
        session = _SESSION.match(value)
        duration = _DURATION.match(value)
        if session:
            body, number = session.group(1), int(session.group(2))
            s = ox.NamedNode(self.iris.session(body, number))
            self.add(node, wsis("session"), s)
            self.add(s, RDF_TYPE, wsis("Session"), shared=True)
            self.add(s, wsis("sessionOf"), self.actor(body), shared=True)
            self.add(s, wsis("sessionNumber"), lit_int(number), shared=True)
        elif duration and any(duration.groups()):
            desc = ox.NamedNode(f"{node.value}/duration")
            self.add(node, TIME_T.hasDurationDescription, desc)
            self.add(desc, RDF_TYPE, TIME_T.DurationDescription)
            for unit, amount in zip(("years", "months", "days"), duration.groups(), strict=True):
                if amount:
                    self.add(desc, getattr(TIME_T, unit), lit_typed(amount, "decimal"))
            if year is None and duration.group(1) and not d.normalized.startswith("R/"):
                base = self._doc_year(0) if d.span is None else self._doc_year(d.span.start)
                year = d.end_year or (base + int(duration.group(1)) if base else None)
        else:
            bounds = value.split("/")
            if len(bounds) in (1, 2):
                start, end = (bounds[0], bounds[0]) if len(bounds) == 1 else bounds
                for prop, suffix, bound in (
                    ("hasBeginning", "start", start),
                    ("hasEnd", "end", end),
                ):
                    typed = _typed_time(bound) if bound else None
                    if typed is None:
                        continue
                    instant = ox.NamedNode(f"{node.value}/{suffix}")
                    self.add(node, getattr(TIME_T, prop), instant)
                    self.add(instant, RDF_TYPE, TIME_T.Instant)
                    self.add(
                        instant,
                        getattr(TIME_T, _TIME_PROPERTY[typed.datatype.value.rsplit("#")[-1]]),
                        typed,
                    )
                if year is None and end and end[:4].isdigit():
                    year = int(end[:4])
        if year is None and d.end_year is not None:
            year = d.end_year
        if year is not None:
            self.add(node, wsis("dueYear"), lit_int(year))
        return year

    def mandate(
        self,
        t: Task,
        task: ox.NamedNode,
        para: ox.NamedNode,
        addressee: ox.NamedNode,
        doc_id: str,
        end_year: int | None,
    ) -> None:
        node = ox.NamedNode(self.iris.mandate(t.addressee, doc_id))
        self.add(node, RDF_TYPE, wsis("Mandate"))
        self.add(node, RDF_TYPE, PROV_T.Entity)
        self.add(node, wsis("mandateOf"), addressee)
        self.add(node, wsis("extendedBy"), para)
        self.add(node, wsis("mandateTask"), task)
        if end_year is not None:
            self.add(node, wsis("mandateEnd"), lit_typed(f"{end_year:04d}", "gYear"))

    def finish(self) -> FileGraph:
        for problem in self.problems[len(self.fx.problems) :]:
            self.add(self.file, wsis("problem"), lit(problem))
        for problem in self.fx.problems:
            self.add(self.file, wsis("problem"), lit(problem))
        return FileGraph(
            self.stem,
            self.g.value,
            self.fx.source.sha256,
            tuple(self.quads),
            tuple(self.problems),
            tuple(self.shared),
        )


def file_graph(fx: FileExtraction, ctx: RdfContext | None = None) -> FileGraph:
    """The named graph of one extracted file."""
    w = _FileWriter(fx, ctx or RdfContext())
    w.source_file()
    w.documents()
    w.blocks()
    w.entities()
    w.references()
    w.tasks()
    return w.finish()
