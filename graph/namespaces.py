# ruff: noqa: N815  (attribute names are the ontology's lowerCamel term names)
"""The vocabularies the graph uses, as rdflib namespaces.

``WSIS`` is a ``DefinedNamespace`` with ``_fail = True``: a typo such as ``WSIS.adressee``
raises instead of silently minting a new IRI. tests/graph/test_ontology.py checks that its
terms and ontology/wsiskg.ttl agree both ways. The vocabulary namespace is fixed (a vocabulary
does not move with a deployment); only instance IRIs follow the configurable base (iris.py).
"""

from __future__ import annotations

from rdflib import DCTERMS, OWL, RDF, RDFS, SKOS, XSD, Namespace, URIRef
from rdflib.namespace import DefinedNamespace

WSIS_NS = "https://w3id.org/wsiskg/def/"


class WSIS(DefinedNamespace):
    """Terms of ontology/wsiskg.ttl."""

    _NS = Namespace(WSIS_NS)
    _fail = True

    # classes
    Document: URIRef
    Resolution: URIRef
    Decision: URIRef
    DraftResolution: URIRef
    Letter: URIRef
    Report: URIRef
    Summary: URIRef
    NamedInstrument: URIRef
    Paragraph: URIRef
    SourceFile: URIRef
    MetadataSource: URIRef
    Reference: URIRef
    ReferenceRelation: URIRef
    TaskRelation: URIRef
    Task: URIRef
    Deadline: URIRef
    Session: URIRef
    Mandate: URIRef
    Mention: URIRef
    Actor: URIRef
    CollectiveActor: URIRef
    MemberState: URIRef
    ActionLine: URIRef
    # concept schemes
    ReferenceRelations: URIRef
    TaskRelations: URIRef
    ActionLines: URIRef
    # documents and paragraphs
    documentKind: URIRef
    year: URIRef
    metadataSource: URIRef
    field: URIRef
    origin: URIRef
    adoptedBy: URIRef
    anchor: URIRef
    blockKind: URIRef
    order: URIRef
    text: URIRef
    statusMarker: URIRef
    bracketedText: URIRef
    line: URIRef
    startOffset: URIRef
    endOffset: URIRef
    section: URIRef
    subItemOf: URIRef
    sha256: URIRef
    encoding: URIRef
    fileName: URIRef
    warning: URIRef
    problem: URIRef
    # references
    relation: URIRef
    relationName: URIRef
    addresseeId: URIRef
    documentId: URIRef
    paragraphAnchor: URIRef
    paragraphOrder: URIRef
    deadlineNormalized: URIRef
    governingText: URIRef
    rule: URIRef
    citoCharacterization: URIRef
    directProperty: URIRef
    cites: URIRef
    recalls: URIRef
    reaffirms: URIRef
    takesNote: URIRef
    notes: URIRef
    welcomes: URIRef
    endorses: URIRef
    adopts: URIRef
    supports: URIRef
    # tasks, deadlines, mandates
    issuedIn: URIRef
    issuedBy: URIRef
    addressee: URIRef
    deadline: URIRef
    quote: URIRef
    normalized: URIRef
    deadlineKind: URIRef
    deadlineText: URIRef
    dueDate: URIRef
    dueYear: URIRef
    session: URIRef
    sessionOf: URIRef
    sessionNumber: URIRef
    mandateOf: URIRef
    createdBy: URIRef
    extendedBy: URIRef
    mandateEnd: URIRef
    mandateTask: URIRef
    # mentions and actors
    inParagraph: URIRef
    actorKind: URIRef


ELI = Namespace("http://data.europa.eu/eli/ontology#")
FRBR = Namespace("http://purl.org/vocab/frbr/core#")
CITO = Namespace("http://purl.org/spar/cito/")
PROV = Namespace("http://www.w3.org/ns/prov#")
OA = Namespace("http://www.w3.org/ns/oa#")
ORG = Namespace("http://www.w3.org/ns/org#")
TIME = Namespace("http://www.w3.org/2006/time#")
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES: dict[str, str] = {
    "wsis": WSIS_NS,
    "eli": str(ELI),
    "frbr": str(FRBR),
    "cito": str(CITO),
    "prov": str(PROV),
    "oa": str(OA),
    "skos": str(SKOS),
    "org": str(ORG),
    "time": str(TIME),
    "dcterms": str(DCTERMS),
    "xsd": str(XSD),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
}
"""Prefixes for Turtle dumps and ad-hoc queries (named queries declare their own)."""
