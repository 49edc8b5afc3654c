# ruff: noqa: N815  (attribute names are the ontology's lowerCamel term names)
"""The history terms of ontology/history.ttl as an rdflib ``DefinedNamespace``.

``_fail = True``: a typo raises instead of minting a new IRI. tests/history/test_vocab.py
checks this class and ontology/history.ttl agree both ways. The main terms (``wsis:Mandate``,
``wsis:mandateOf`` ...) come from ``wsiskg.graph.namespaces.WSIS``.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from wsiskg.graph.namespaces import WSIS_NS

__all__ = ["WSIS_NS", "WSISH"]


class WSISH(DefinedNamespace):
    """wsis: terms declared in ontology/history.ttl."""

    _NS = Namespace(WSIS_NS)
    _fail = True

    NegotiatedText: URIRef
    TextVersion: URIRef
    ParagraphAlignment: URIRef
    ParagraphStatus: URIRef
    BracketedSpan: URIRef
    CommitmentChange: URIRef
    versionOf: URIRef
    versionStage: URIRef
    versionEvidence: URIRef
    fromVersion: URIRef
    toVersion: URIRef
    alignedFrom: URIRef
    alignedTo: URIRef
    alignmentKind: URIRef
    similarity: URIRef
    moved: URIRef
    statusOf: URIRef
    agreed: URIRef
    markerId: URIRef
    markerText: URIRef
    hasBracket: URIRef
    bracketContent: URIRef
    bracketStart: URIRef
    bracketEnd: URIRef
    alternative: URIRef
    resolvedAs: URIRef
    changeKind: URIRef
    recordKind: URIRef
    changedField: URIRef
    alignment: URIRef
    fromParagraph: URIRef
    toParagraph: URIRef
    fromRelation: URIRef
    toRelation: URIRef
    fromDeadline: URIRef
    toDeadline: URIRef
    concernsBody: URIRef
    fromTask: URIRef
    toTask: URIRef
    endedBy: URIRef
    mandateEvent: URIRef
    mandateDuration: URIRef
    mandateBasis: URIRef
    extendsMandate: URIRef
