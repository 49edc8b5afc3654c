"""Read the RDF graph for the views: one pyoxigraph store, queried as the union of its graphs.

Every input file is its own named graph (ARCHITECTURE.md), so every query here runs with
``use_default_graph_as_union=True``. Rows come back as plain ``dict[str, str | None]`` so the
views never touch pyoxigraph terms.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from urllib.parse import unquote

import pyoxigraph as ox

from wsiskg.graph.export.errors import ExportError

log = logging.getLogger(__name__)

DEFAULT_BASE_IRI = "https://w3id.org/wsiskg/"
BASE_IRI_ENV = "WSISKG_BASE_IRI"

PREFIXES = {
    "eli": "http://data.europa.eu/eli/ontology#",
    "cito": "http://purl.org/spar/cito/",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

Row = dict[str, str | None]


def default_base_iri() -> str:
    """The base IRI of the graph: ``$WSISKG_BASE_IRI`` or the project default."""
    base = os.environ.get(BASE_IRI_ENV) or DEFAULT_BASE_IRI
    return base if base.endswith("/") else base + "/"


def open_store(path: str | Path) -> ox.Store:
    """Open a built store read-only (a running build or server may hold it for writing)."""
    folder = Path(path)
    if not folder.is_dir():
        raise ExportError(f"no store at {folder}: run `wsiskg build` first or pass --store")
    try:
        return ox.Store.read_only(str(folder))
    except OSError as exc:
        raise ExportError(f"cannot open the store at {folder}: {exc}") from exc


class GraphSource:
    """A store plus the base IRI: runs SELECTs and turns IRIs of things into readable labels."""

    def __init__(self, store: ox.Store, base_iri: str | None = None) -> None:
        self.store = store
        self.base = base_iri or default_base_iri()
        if not self.base.endswith("/"):
            self.base += "/"
        self.prefixes = {**PREFIXES, "wsis": self.base + "def/"}

    def select(self, query: str) -> list[Row]:
        """Run a SELECT over the union of all named graphs; literals and IRIs as strings."""
        try:
            result = self.store.query(
                query, prefixes=self.prefixes, use_default_graph_as_union=True
            )
        except SyntaxError as exc:  # a bug in this module's queries, not user input
            raise ExportError(f"export query does not parse: {exc}") from exc
        assert isinstance(result, ox.QuerySolutions)
        names = [v.value for v in result.variables]
        rows: list[Row] = []
        for solution in result:
            rows.append({name: _value(solution[name]) for name in names})
        return rows

    def local_id(self, iri: str, kind: str) -> str | None:
        """``<base>id/<kind>/X`` → ``X`` decoded (``A/RES/70/125``), else ``None``."""
        prefix = f"{self.base}id/{kind}/"
        if not iri.startswith(prefix):
            return None
        return unquote(iri[len(prefix) :])

    def split_paragraph(self, iri: str) -> tuple[str, str] | None:
        """A paragraph IRI → (document IRI, decoded anchor), by the IRI scheme of the contract."""
        head, sep, anchor = iri.rpartition("/para/")
        if not sep or not head.startswith(f"{self.base}id/doc/"):
            return None
        return head, unquote(anchor)


def _value(term: object) -> str | None:
    if term is None:
        return None
    value = getattr(term, "value", None)
    return str(value) if value is not None else str(term)
