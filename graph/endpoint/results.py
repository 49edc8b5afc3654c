"""SPARQL 1.1 query results in JSON, XML, CSV and TSV, written from materialised solutions.

Own writers (rather than ``QuerySolutions.serialize``) because the row cap must be checked
before anything is written: the worker collects at most ``max_rows + 1`` solutions, refuses the
result if there are more, and only then serialises what it holds.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from wsiskg.graph.endpoint import negotiation as nt

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
Row = Sequence[Any]  # one term (or None when unbound) per variable


def _json_term(term: Any) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": _json_term(term.subject),
                "predicate": _json_term(term.predicate),
                "object": _json_term(term.object),
            },
        }
    raise TypeError(f"unexpected term {term!r}")


def _xml_term(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return (
                f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
            )
        return f"<literal>{escape(term.value)}</literal>"
    if isinstance(term, ox.Triple):
        return (
            f"<triple><subject>{_xml_term(term.subject)}</subject>"
            f"<predicate>{_xml_term(term.predicate)}</predicate>"
            f"<object>{_xml_term(term.object)}</object></triple>"
        )
    raise TypeError(f"unexpected term {term!r}")


def _csv_term(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    return str(term)


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _tsv_term(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        text = f'"{term.value.translate(_TSV_ESCAPES)}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype.value != XSD_STRING:
            return f"{text}^^<{term.datatype.value}>"
        return text
    return str(term)


def write_solutions(variables: Sequence[str], rows: Sequence[Row], media: str) -> bytes:
    """Serialise SELECT solutions (variable names without '?') as ``media``."""
    if media == nt.SPARQL_JSON:
        bindings = [
            {v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None}
            for row in rows
        ]
        doc = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
    if media == nt.SPARQL_XML:
        parts = [
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>'
        ]
        parts += [f"<variable name={quoteattr(v)}/>" for v in variables]
        parts.append("</head><results>")
        for row in rows:
            parts.append("<result>")
            parts += [
                f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                for v, t in zip(variables, row, strict=True)
                if t is not None
            ]
            parts.append("</result>")
        parts.append("</results></sparql>\n")
        return "".join(parts).encode()
    if media == nt.CSV:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(variables)
        writer.writerows([_csv_term(t) for t in row] for row in rows)
        return buffer.getvalue().encode()
    if media == nt.TSV:
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines += ["\t".join(_tsv_term(t) for t in row) for row in rows]
        return ("\n".join(lines) + "\n").encode()
    raise ValueError(f"not a solutions format: {media}")


def write_boolean(value: bool, media: str) -> bytes:
    """Serialise an ASK result as ``media``."""
    if media == nt.SPARQL_JSON:
        return json.dumps({"head": {}, "boolean": value}).encode()
    if media == nt.SPARQL_XML:
        word = "true" if value else "false"
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns='
            f'"http://www.w3.org/2005/sparql-results#"><head/><boolean>{word}</boolean>'
            "</sparql>\n"
        ).encode()
    if media in (nt.CSV, nt.TSV):
        return ("_askResult\n" + ("true" if value else "false") + "\n").encode()
    raise ValueError(f"not a solutions format: {media}")


GRAPH_FORMATS = {
    nt.TURTLE: ox.RdfFormat.TURTLE,
    nt.N_TRIPLES: ox.RdfFormat.N_TRIPLES,
    nt.JSON_LD: ox.RdfFormat.JSON_LD,
    nt.RDF_XML: ox.RdfFormat.RDF_XML,
}


def write_triples(
    triples: Sequence[ox.Triple], media: str, prefixes: dict[str, str] | None = None
) -> bytes:
    """Serialise CONSTRUCT/DESCRIBE triples as ``media`` with pyoxigraph's writers."""
    fmt = GRAPH_FORMATS[media]
    if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) and prefixes:
        data = ox.serialize(triples, format=fmt, prefixes=prefixes)
    else:
        data = ox.serialize(triples, format=fmt)
    return data if data is not None else b""
