"""SPARQL 1.1 Service Description (at GET /sparql) and a VoID description (at /void).

Statistics are counted once, from the read-only store, on first use; every node gets an IRI
under the endpoint's own URL (no blank nodes, as in the data graphs).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import pyoxigraph as ox

from wsiskg.graph.endpoint import negotiation
from wsiskg.graph.endpoint.results import write_triples
from wsiskg.graph.iris import default_base
from wsiskg.graph.namespaces import WSIS_NS

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
DCTERMS = "http://purl.org/dc/terms/"
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
PREFIXES = {
    "sd": SD,
    "void": VOID,
    "formats": FORMATS,
    "dcterms": DCTERMS,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}

RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
)


@dataclass(frozen=True)
class DatasetStats:
    """Counts over the union default graph and per named graph."""

    triples: int
    subjects: int
    objects: int
    graphs: tuple[tuple[str, int], ...]
    classes: tuple[tuple[str, int], ...]
    properties: tuple[tuple[str, int], ...]


def _count(store: ox.Store, query: str) -> int:
    solutions = store.query(query, use_default_graph_as_union=True)
    for row in solutions:  # type: ignore[union-attr]
        return int(row[0].value)
    return 0


def _pairs(store: ox.Store, query: str) -> tuple[tuple[str, int], ...]:
    solutions = store.query(query, use_default_graph_as_union=True)
    return tuple((row[0].value, int(row[1].value)) for row in solutions)  # type: ignore[union-attr]


def compute_stats(store: ox.Store) -> DatasetStats:
    """Count what VoID and the service description report."""
    return DatasetStats(
        triples=_count(store, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"),
        subjects=_count(store, "SELECT (COUNT(DISTINCT ?s) AS ?n) { ?s ?p ?o }"),
        objects=_count(store, "SELECT (COUNT(DISTINCT ?o) AS ?n) { ?s ?p ?o }"),
        graphs=_pairs(
            store, "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
        ),
        classes=_pairs(
            store, "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) { ?s a ?c } GROUP BY ?c ORDER BY ?c"
        ),
        properties=_pairs(store, "SELECT ?p (COUNT(*) AS ?n) { ?s ?p ?o } GROUP BY ?p ORDER BY ?p"),
    )


class Describer:
    """Builds the service description and VoID for one endpoint URL and store."""

    def __init__(self, store: ox.Store, public_url: str, dumps: dict[str, str]) -> None:
        self.store = store
        self.url = public_url.rstrip("/")
        self.dumps = dumps
        """File name → media type of the dumps served under /dumps/."""
        self._stats: DatasetStats | None = None
        self._lock = threading.Lock()

    def stats(self) -> DatasetStats:
        with self._lock:
            if self._stats is None:
                self._stats = compute_stats(self.store)
            return self._stats

    def _node(self, path: str) -> ox.NamedNode:
        return ox.NamedNode(self.url + path)

    def _dataset_triples(self) -> list[ox.Triple]:
        """VoID statements about the dataset (shared by both documents)."""
        s = self.stats()
        ds = self._node("/void#dataset")
        base = default_base()

        def num(value: int) -> ox.Literal:
            return ox.Literal(str(value), datatype=XSD_INTEGER)

        out = [
            ox.Triple(ds, RDF_TYPE, ox.NamedNode(VOID + "Dataset")),
            ox.Triple(
                ds,
                ox.NamedNode(DCTERMS + "title"),
                ox.Literal("WSIS knowledge graph", language="en"),
            ),
            ox.Triple(
                ds,
                ox.NamedNode(DCTERMS + "description"),
                ox.Literal(
                    "Actors, references and tasks in UN documents about the World Summit on "
                    "the Information Society.",
                    language="en",
                ),
            ),
            ox.Triple(ds, ox.NamedNode(VOID + "sparqlEndpoint"), self._node("/sparql")),
            ox.Triple(ds, ox.NamedNode(VOID + "uriSpace"), ox.Literal(base + "id/")),
            ox.Triple(ds, ox.NamedNode(VOID + "vocabulary"), ox.NamedNode(WSIS_NS)),
            ox.Triple(ds, ox.NamedNode(VOID + "triples"), num(s.triples)),
            ox.Triple(ds, ox.NamedNode(VOID + "distinctSubjects"), num(s.subjects)),
            ox.Triple(ds, ox.NamedNode(VOID + "distinctObjects"), num(s.objects)),
            ox.Triple(ds, ox.NamedNode(VOID + "classes"), num(len(s.classes))),
            ox.Triple(ds, ox.NamedNode(VOID + "properties"), num(len(s.properties))),
        ]
        for name, media in self.dumps.items():
            dump = self._node(f"/dumps/{name}")
            out += [
                ox.Triple(ds, ox.NamedNode(VOID + "dataDump"), dump),
                ox.Triple(dump, ox.NamedNode(DCTERMS + "format"), ox.Literal(media)),
            ]
        for i, (cls, n) in enumerate(s.classes):
            part = self._node(f"/void#class-{i}")
            out += [
                ox.Triple(ds, ox.NamedNode(VOID + "classPartition"), part),
                ox.Triple(part, ox.NamedNode(VOID + "class"), ox.NamedNode(cls)),
                ox.Triple(part, ox.NamedNode(VOID + "entities"), num(n)),
            ]
        for i, (prop, n) in enumerate(s.properties):
            part = self._node(f"/void#property-{i}")
            out += [
                ox.Triple(ds, ox.NamedNode(VOID + "propertyPartition"), part),
                ox.Triple(part, ox.NamedNode(VOID + "property"), ox.NamedNode(prop)),
                ox.Triple(part, ox.NamedNode(VOID + "triples"), num(n)),
            ]
        return out

    def void(self) -> list[ox.Triple]:
        return self._dataset_triples()

    def service(self) -> list[ox.Triple]:
        s = self.stats()
        svc = self._node("/sparql")
        ds = self._node("/void#dataset")
        default = self._node("/sparql#default-graph")

        def sd(term: str) -> ox.NamedNode:
            return ox.NamedNode(SD + term)

        out = [
            ox.Triple(svc, RDF_TYPE, sd("Service")),
            ox.Triple(svc, sd("endpoint"), svc),
            ox.Triple(svc, sd("supportedLanguage"), sd("SPARQL11Query")),
            ox.Triple(svc, sd("feature"), sd("UnionDefaultGraph")),
            ox.Triple(
                svc,
                sd("defaultEntailmentRegime"),
                ox.NamedNode("http://www.w3.org/ns/entailment/Simple"),
            ),
            ox.Triple(svc, sd("defaultDataset"), ds),
            ox.Triple(ds, RDF_TYPE, sd("Dataset")),
            ox.Triple(ds, sd("defaultGraph"), default),
            ox.Triple(default, RDF_TYPE, sd("Graph")),
            ox.Triple(
                default,
                ox.NamedNode(VOID + "triples"),
                ox.Literal(str(s.triples), datatype=XSD_INTEGER),
            ),
        ]
        out += [
            ox.Triple(svc, sd("resultFormat"), ox.NamedNode(FORMATS + f)) for f in RESULT_FORMATS
        ]
        for i, (graph, n) in enumerate(s.graphs):
            named = self._node(f"/sparql#named-graph-{i}")
            described = self._node(f"/sparql#graph-{i}")
            out += [
                ox.Triple(ds, sd("namedGraph"), named),
                ox.Triple(named, RDF_TYPE, sd("NamedGraph")),
                ox.Triple(named, sd("name"), ox.NamedNode(graph)),
                ox.Triple(named, sd("graph"), described),
                ox.Triple(described, RDF_TYPE, sd("Graph")),
                ox.Triple(
                    described,
                    ox.NamedNode(VOID + "triples"),
                    ox.Literal(str(n), datatype=XSD_INTEGER),
                ),
            ]
        return out + self._dataset_triples()


def render(triples: list[ox.Triple], accept: str | None, fmt: str | None) -> tuple[str, bytes]:
    """Negotiate an RDF format and serialise ``triples``; raises ``NotAcceptableError``."""
    media = negotiation.choose(accept, fmt, graph=True)
    return media, write_triples(triples, media, PREFIXES)
