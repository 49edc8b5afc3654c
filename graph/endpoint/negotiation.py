"""Content negotiation: pick a result media type from ``Accept`` or a ``format`` parameter.

Which types exist depends on the query form (solutions vs. a graph), which is only known once
the query is parsed, so the choice is a pure function the worker calls after parsing.
"""

from __future__ import annotations

from dataclasses import dataclass

from wsiskg.graph.endpoint.errors import NotAcceptableError

SPARQL_JSON = "application/sparql-results+json"
SPARQL_XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
N_TRIPLES = "application/n-triples"
JSON_LD = "application/ld+json"
RDF_XML = "application/rdf+xml"

#: Solution (SELECT/ASK) formats, preferred first; aliases map to the canonical type.
SOLUTION_TYPES: tuple[str, ...] = (SPARQL_JSON, SPARQL_XML, CSV, TSV)
SOLUTION_ALIASES = {
    "application/json": SPARQL_JSON,
    "application/xml": SPARQL_XML,
    "text/xml": SPARQL_XML,
}
#: Graph (CONSTRUCT/DESCRIBE) formats, preferred first.
GRAPH_TYPES: tuple[str, ...] = (TURTLE, N_TRIPLES, JSON_LD, RDF_XML)
GRAPH_ALIASES = {
    "text/plain": N_TRIPLES,
    "application/json": JSON_LD,
    "application/x-turtle": TURTLE,
    "application/xml": RDF_XML,
}

#: Short names accepted in the ``format`` parameter.
FORMAT_NAMES = {
    "json": (SPARQL_JSON, JSON_LD),
    "srj": (SPARQL_JSON, None),
    "xml": (SPARQL_XML, RDF_XML),
    "srx": (SPARQL_XML, None),
    "csv": (CSV, None),
    "tsv": (TSV, None),
    "turtle": (None, TURTLE),
    "ttl": (None, TURTLE),
    "nt": (None, N_TRIPLES),
    "ntriples": (None, N_TRIPLES),
    "n-triples": (None, N_TRIPLES),
    "jsonld": (None, JSON_LD),
    "json-ld": (None, JSON_LD),
    "rdfxml": (None, RDF_XML),
}


@dataclass(frozen=True)
class MediaRange:
    type: str
    q: float
    order: int


def parse_accept(header: str | None) -> list[MediaRange]:
    """Media ranges of an ``Accept`` header, best first (q, then specificity, then order)."""
    if not header or not header.strip():
        return [MediaRange("*/*", 1.0, 0)]
    ranges = []
    for order, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append(MediaRange(media, q, order))

    def key(r: MediaRange) -> tuple[float, int, int]:
        specificity = 0 if r.type == "*/*" else 1 if r.type.endswith("/*") else 2
        return (-r.q, -specificity, r.order)

    return sorted(ranges, key=key)


def _matches(media_range: str, media: str) -> bool:
    if media_range == "*/*":
        return True
    if media_range.endswith("/*"):
        return media.startswith(media_range[:-1])
    return media_range == media


def choose(accept: str | None, fmt: str | None, graph: bool) -> str:
    """The media type to answer with; ``graph`` is True for CONSTRUCT/DESCRIBE.

    ``format`` (a short name or a media type) wins over ``Accept``; raises
    ``NotAcceptableError`` when nothing offered is acceptable.
    """
    offered = GRAPH_TYPES if graph else SOLUTION_TYPES
    aliases = GRAPH_ALIASES if graph else SOLUTION_ALIASES
    if fmt:
        name = fmt.strip().lower()
        if name in FORMAT_NAMES:
            chosen = FORMAT_NAMES[name][1 if graph else 0]
            if chosen:
                return chosen
        elif name in offered:
            return name
        elif name in aliases:
            return aliases[name]
        kind = "CONSTRUCT/DESCRIBE" if graph else "SELECT/ASK"
        raise NotAcceptableError(
            f"format {fmt!r} is not available for {kind} queries; use one of {', '.join(offered)}"
        )
    ranges = parse_accept(accept)
    excluded = {r.type for r in ranges if r.q == 0}
    for media_range in ranges:
        if media_range.q == 0:
            continue
        if media_range.type in aliases and media_range.type not in excluded:
            return aliases[media_range.type]
        for media in offered:
            if media not in excluded and _matches(media_range.type, media):
                return media
    kind = "CONSTRUCT/DESCRIBE" if graph else "SELECT/ASK"
    raise NotAcceptableError(
        f"no acceptable format for {kind} results in Accept: {accept!r}; "
        f"available: {', '.join(offered)}"
    )
