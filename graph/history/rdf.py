"""Negotiation history as RDF: work and versions, alignments, status, changes, mandates.

FRBR/ELI reading: the negotiated text is a ``wsis:NegotiatedText`` (``frbr:Work``,
``eli:LegalResource``); each document that carries it (the draft, the adopted resolution)
has a ``wsis:TextVersion`` (``frbr:Expression``, ``eli:LegalExpression``) that realises the
work, links to the ``wsis:Document`` and is ``frbr:revisionOf`` the version before it.
Paragraph IRIs are the main graph's (``<document>/para/<anchor>``), task IRIs too, so the
history graph joins the build graph in one store. Every node has an IRI (no blank nodes).
The graphs are small (hundreds of triples per pair), so rdflib is the right tool here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

from wsiskg.extract.records import Reference, Task
from wsiskg.graph.history.align import Alignment, Para
from wsiskg.graph.history.diff import Change
from wsiskg.graph.history.mandates import Mandate
from wsiskg.graph.history.status import ParagraphStatus, resolved_alternative
from wsiskg.graph.history.versions import Expression, VersionMatch
from wsiskg.graph.history.vocab import WSIS_NS, WSISH
from wsiskg.graph.iris import Iris, encode
from wsiskg.graph.namespaces import WSIS

ELI = Namespace("http://data.europa.eu/eli/ontology#")
FRBR = Namespace("http://purl.org/vocab/frbr/core#")
PROV = Namespace("http://www.w3.org/ns/prov#")

HISTORY_CLASSES = (
    "NegotiatedText",
    "TextVersion",
    "ParagraphAlignment",
    "ParagraphStatus",
    "BracketedSpan",
    "CommitmentChange",
)


@dataclass(frozen=True)
class VersionDoc:
    """One version as the history layer sees it: ids, IRI, date, stage and paragraphs."""

    doc_id: str  # document id (symbol, or the file stem when none is printed)
    doc_iri: str  # the wsis:Document IRI the main graph uses for it
    stem: str  # input file stem (task IRIs are keyed by it)
    expression: Expression
    paras: tuple[Para, ...] = field(default=())


class HistoryIris:
    """IRIs of the history resources, under the same base as the rest of the graph."""

    def __init__(self, iris: Iris) -> None:
        self.iris = iris
        self.base = iris.base

    def work(self, key: str) -> URIRef:
        return URIRef(f"{self.base}id/work/{encode(key)}")

    def version(self, doc_id: str) -> URIRef:
        return URIRef(f"{self.base}id/version/{encode(doc_id)}")

    def paragraph(self, v: VersionDoc, anchor: str) -> URIRef:
        return URIRef(self.iris.paragraph(v.doc_iri, anchor))

    def pair(self, a: VersionDoc, b: VersionDoc) -> str:
        return f"{self.base}id/history/{encode(a.doc_id)}/to/{encode(b.doc_id)}"

    def alignment(self, a: VersionDoc, b: VersionDoc, al: Alignment) -> URIRef:
        key = "t-" + "+".join(al.targets) if al.targets else "s-" + "+".join(al.sources)
        return URIRef(f"{self.pair(a, b)}/alignment/{encode(key)}")

    def status(self, v: VersionDoc, anchor: str) -> URIRef:
        return URIRef(f"{self.paragraph(v, anchor)}/status")

    def bracket(self, v: VersionDoc, anchor: str, n: int) -> URIRef:
        return URIRef(f"{self.paragraph(v, anchor)}/bracket/{n}")

    def change(self, a: VersionDoc, b: VersionDoc, n: int) -> URIRef:
        return URIRef(f"{self.pair(a, b)}/change/{n}")


def _lit(value: object, dtype: URIRef | None = None) -> Literal:
    return Literal(value, datatype=dtype) if dtype else Literal(value)


def _decimal(x: float) -> str:
    """Canonical xsd:decimal, three places ("0.87", "1", "0"): the store canonicalises
    literals, and a dump must hold exactly what was validated."""
    return f"{x:.3f}".rstrip("0").rstrip(".") or "0"


def version_graph(
    g: Graph, h: HistoryIris, work_key: str, versions: Sequence[VersionDoc], match: VersionMatch
) -> URIRef:
    """The work and its versions (in order: earliest first)."""
    work = h.work(work_key)
    g.add((work, RDF.type, WSISH.NegotiatedText))
    g.add((work, DCTERMS.identifier, _lit(work_key)))
    g.add((work, WSISH.versionEvidence, _lit(match.reason)))
    if versions and versions[-1].expression.title:
        g.add((work, DCTERMS.title, _lit(versions[-1].expression.title)))
    prev: URIRef | None = None
    for v in versions:
        node = h.version(v.doc_id)
        g.add((node, RDF.type, WSISH.TextVersion))
        g.add((node, FRBR.realizationOf, work))
        g.add((node, ELI.realizes, work))
        g.add((work, ELI.is_realized_by, node))
        g.add((node, WSISH.versionOf, URIRef(v.doc_iri)))
        g.add((node, WSISH.versionStage, _lit(v.expression.stage)))
        if v.expression.date and len(v.expression.date) == 10:
            g.add((node, ELI.date_document, _lit(v.expression.date, XSD.date)))
        if prev is not None:
            g.add((node, FRBR.revisionOf, prev))
        prev = node
    return work


def alignment_graph(
    g: Graph, h: HistoryIris, a: VersionDoc, b: VersionDoc, alignments: Iterable[Alignment]
) -> None:
    va, vb = h.version(a.doc_id), h.version(b.doc_id)
    for al in alignments:
        node = h.alignment(a, b, al)
        g.add((node, RDF.type, WSISH.ParagraphAlignment))
        g.add((node, WSISH.fromVersion, va))
        g.add((node, WSISH.toVersion, vb))
        g.add((node, WSISH.alignmentKind, _lit(al.kind)))
        g.add((node, WSISH.similarity, _lit(_decimal(al.similarity), XSD.decimal)))
        g.add((node, WSISH.moved, _lit(al.moved)))
        for s in al.sources:
            g.add((node, WSISH.alignedFrom, h.paragraph(a, s)))
        for t in al.targets:
            g.add((node, WSISH.alignedTo, h.paragraph(b, t)))


def status_graph(
    g: Graph,
    h: HistoryIris,
    v: VersionDoc,
    statuses: Iterable[ParagraphStatus],
    resolved_in: dict[str, str] | None = None,
) -> None:
    """Status of every paragraph that has a marker or brackets; ``resolved_in`` maps a draft
    anchor to the adopted text that replaced it (to record which alternative was kept)."""
    for st in statuses:
        if not st.markers and not st.brackets:
            continue
        node = h.status(v, st.anchor)
        g.add((node, RDF.type, WSISH.ParagraphStatus))
        g.add((node, WSISH.statusOf, h.paragraph(v, st.anchor)))
        g.add((node, WSISH.agreed, _lit(st.agreed)))
        for m in st.markers:
            g.add((node, WSISH.markerId, _lit(m.id)))
            g.add((node, WSISH.markerText, _lit(m.text)))
        for n, br in enumerate(st.brackets, start=1):
            bnode = h.bracket(v, st.anchor, n)
            g.add((node, WSISH.hasBracket, bnode))
            g.add((bnode, RDF.type, WSISH.BracketedSpan))
            g.add((bnode, WSISH.bracketContent, _lit(br.text)))
            g.add((bnode, WSISH.bracketStart, _lit(br.start, XSD.integer)))
            g.add((bnode, WSISH.bracketEnd, _lit(br.end, XSD.integer)))
            for alt in br.alternatives:
                g.add((bnode, WSISH.alternative, _lit(alt)))
            later = (resolved_in or {}).get(st.anchor)
            kept = resolved_alternative(br, later) if later and br.alternatives else None
            if kept:
                g.add((bnode, WSISH.resolvedAs, _lit(kept)))


def _task_iri(h: HistoryIris, t: Task) -> URIRef:
    return URIRef(h.iris.task(t.doc, t.para, t.addressee, t.relation))


def change_graph(
    g: Graph, h: HistoryIris, a: VersionDoc, b: VersionDoc, changes: Iterable[Change]
) -> None:
    va, vb = h.version(a.doc_id), h.version(b.doc_id)
    for n, c in enumerate(changes, start=1):
        node = h.change(a, b, n)
        g.add((node, RDF.type, WSISH.CommitmentChange))
        g.add((node, WSISH.fromVersion, va))
        g.add((node, WSISH.toVersion, vb))
        g.add((node, WSISH.changeKind, _lit(c.change)))
        g.add((node, WSISH.recordKind, _lit(c.record)))
        for f in c.fields:
            g.add((node, WSISH.changedField, _lit(f)))
        if c.alignment is not None:
            g.add((node, WSISH.alignment, h.alignment(a, b, c.alignment)))
        for rec, v, side_para, side_rel, side_dl in (
            (c.before, a, WSISH.fromParagraph, WSISH.fromRelation, WSISH.fromDeadline),
            (c.after, b, WSISH.toParagraph, WSISH.toRelation, WSISH.toDeadline),
        ):
            if rec is None:
                continue
            g.add((node, side_para, h.paragraph(v, rec.para)))
            g.add((node, side_rel, _lit(rec.relation)))
            if isinstance(rec, Task):
                g.add((node, WSISH.concernsBody, URIRef(h.iris.actor(rec.addressee))))
                g.add(
                    (node, WSISH.fromTask if rec is c.before else WSISH.toTask, _task_iri(h, rec))
                )
                if rec.deadline.normalized:
                    g.add((node, side_dl, _lit(rec.deadline.normalized)))
            elif isinstance(rec, Reference):
                g.add((node, WSISH.concernsBody, URIRef(h.iris.target(rec.target))))


def mandate_graph(g: Graph, h: HistoryIris, v: VersionDoc, mandates: Iterable[Mandate]) -> None:
    """Mandate lineage of one document's mandate events (see ``lineage_graph``)."""
    lineage_graph(g, h, [(v, m) for m in mandates])


_EVENT_PROPERTY = {"creates": WSIS.createdBy, "extends": WSIS.extendedBy, "ends": WSISH.endedBy}


def _stub_paragraph(g: Graph, h: HistoryIris, doc_id: str, anchor: str) -> URIRef:
    """A paragraph node as ``graph/rdf.py`` states its stubs (type, document, anchor), so the
    history graph validates on its own and agrees with the file graphs in the union."""
    doc = URIRef(h.iris.document(doc_id))
    para = URIRef(h.iris.paragraph(str(doc), anchor))
    g.add((doc, RDF.type, WSIS.Document))
    g.add((doc, DCTERMS.identifier, _lit(doc_id)))
    g.add((para, RDF.type, WSIS.Paragraph))
    g.add((para, ELI.is_part_of, doc))
    g.add((para, DCTERMS.isPartOf, doc))
    g.add((para, WSIS.anchor, _lit(anchor)))
    return para


def _mandate_node(g: Graph, h: HistoryIris, body: str, doc_id: str, event: str) -> URIRef:
    node = URIRef(h.iris.mandate(body, doc_id))
    if (node, RDF.type, WSIS.Mandate) not in g:
        g.add((node, RDF.type, WSIS.Mandate))
        g.add((node, RDF.type, PROV.Entity))
        g.add((node, WSIS.mandateOf, URIRef(h.iris.actor(body))))
        g.add((node, WSISH.mandateEvent, _lit(event)))
    return node


def lineage_graph(g: Graph, h: HistoryIris, events: Sequence[tuple[VersionDoc, Mandate]]) -> None:
    """Mandate nodes ``<base>id/mandate/<body>/<doc-id>`` (the main graph's IRIs) and lineage.

    Each (body, document) node takes the event, duration and end of its first event (the
    shapes allow one of each); every event adds its paragraph (``wsis:createdBy`` /
    ``wsis:extendedBy`` / ``wsis:endedBy``). An extension that cites the paragraphs setting
    out the mandate (the IGF: Tunis Agenda 72-78) ``wsis:extendsMandate`` the mandate of the
    cited document: the build's own node when that document creates or extends it too, else
    a node created by the cited paragraphs.
    """
    known = {(m.body, m.doc_id) for _v, m in events}
    for v, m in events:
        node = _mandate_node(g, h, m.body, m.doc_id, m.event)
        first = (node, WSIS.mandateEnd, None) not in g and (
            node,
            WSISH.mandateDuration,
            None,
        ) not in g
        g.add((node, _EVENT_PROPERTY[m.event], _stub_paragraph(g, h, v.doc_id, m.para)))
        if first and m.duration:
            g.add((node, WSISH.mandateDuration, _lit(m.duration, XSD.duration)))
        if first and m.end_year is not None:
            g.add((node, WSIS.mandateEnd, _lit(f"{m.end_year:04d}", XSD.gYear)))
        basis: dict[str, list[str]] = {}
        for target in m.basis:
            g.add((node, WSISH.mandateBasis, URIRef(h.iris.target(target))))
            doc_id, _sep, anchor = target.partition("#")
            if anchor and doc_id != m.doc_id:
                basis.setdefault(doc_id, []).append(anchor)
        if m.event != "extends":
            continue
        for doc_id, anchors in basis.items():
            if (m.body, doc_id) in known:
                prev = URIRef(h.iris.mandate(m.body, doc_id))
            else:
                prev = _mandate_node(g, h, m.body, doc_id, "creates")
                for anchor in anchors:
                    g.add((prev, WSIS.createdBy, _stub_paragraph(g, h, doc_id, anchor)))
            g.add((node, WSISH.extendsMandate, prev))


def new_graph() -> Graph:
    g = Graph()
    for prefix, ns in (("eli", ELI), ("frbr", FRBR), ("prov", PROV)):
        g.bind(prefix, ns)
    g.bind("wsis", Namespace(WSIS_NS))
    g.bind("dcterms", DCTERMS)
    return g
