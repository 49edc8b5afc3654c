"""Stable IRIs for everything the graph names (ARCHITECTURE.md, "Identifiers and IRIs").

Ids keep their UN spelling and are percent-encoded with ``quote(id, safe="/-._~")`` so that
``WSIS-05/TUNIS/DOC/6(Rev.1)#72`` becomes an IRI every strict parser accepts. No blank nodes:
every node has an IRI derived from its content, which makes dumps byte-identical.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from wsiskg.graph.errors import GraphError

DEFAULT_BASE_IRI = "https://w3id.org/wsiskg/"
ENV_BASE_IRI = "WSISKG_BASE_IRI"


def encode(key: str) -> str:
    """Percent-encode an id for use in an IRI path, keeping its slashes readable."""
    return quote(key, safe="/-._~")


def default_base() -> str:
    return os.environ.get(ENV_BASE_IRI) or DEFAULT_BASE_IRI


@dataclass(frozen=True)
class Iris:
    """Mints instance IRIs under one base (``https://w3id.org/wsiskg/`` by default)."""

    base: str = DEFAULT_BASE_IRI

    def __post_init__(self) -> None:
        if not self.base.startswith(("http://", "https://", "urn:")):
            raise GraphError(f"base IRI must be absolute (http, https or urn): {self.base!r}")
        if not self.base.endswith(("/", "#", ":")):
            object.__setattr__(self, "base", self.base + "/")
        if any(c in self.base for c in ' <>"{}|\\^`'):
            raise GraphError(f"base IRI contains characters IRIs forbid: {self.base!r}")

    @property
    def id_base(self) -> str:
        """Base that the relative IRIs of ontology/registry.ttl resolve against."""
        return f"{self.base}id/"

    def actor(self, actor_id: str) -> str:
        return f"{self.base}id/actor/{encode(actor_id)}"

    def action_line(self, code: str) -> str:
        return f"{self.base}id/action-line/{encode(code)}"

    def relation(self, name: str) -> str:
        return f"{self.base}id/relation/{encode(name)}"

    def document(self, doc_id: str) -> str:
        return f"{self.base}id/doc/{encode(doc_id)}"

    def file_document(self, stem: str, part: int) -> str:
        """A document found in a file without a symbol: the stem, then ``/part-<n>``."""
        doc = self.document(stem)
        return doc if part == 0 else f"{doc}/part-{part}"

    def paragraph(self, document_iri: str, anchor: str) -> str:
        return f"{document_iri}/para/{encode(anchor)}"

    def target(self, target: str) -> str:
        """A reference target ``<doc id>[#<paragraph>]`` → document or paragraph IRI."""
        doc_id, sep, para = target.partition("#")
        doc = self.document(doc_id)
        return self.paragraph(doc, para) if sep and para else doc

    def file(self, stem: str) -> str:
        return f"{self.base}id/file/{encode(stem)}"

    def metadata_source(self, stem: str, field: str) -> str:
        return f"{self.file(stem)}/meta/{encode(field)}"

    def task(self, stem: str, anchor: str, addressee: str, relation: str) -> str:
        return (
            f"{self.base}id/task/{encode(stem)}/{encode(anchor)}/"
            f"{encode(addressee)}/{encode(relation)}"
        )

    def reference(self, stem: str, anchor: str, n: int) -> str:
        return f"{self.base}id/ref/{encode(stem)}/{encode(anchor)}/{n}"

    def mention(self, stem: str, start: int, end: int, key: str) -> str:
        return f"{self.base}id/mention/{encode(stem)}/{start}-{end}/{encode(key)}"

    def session(self, body: str, number: int | str) -> str:
        return f"{self.base}id/session/{encode(body)}/{number}"

    def mandate(self, body: str, doc_id: str) -> str:
        return f"{self.base}id/mandate/{encode(body)}/{encode(doc_id)}"

    def file_graph(self, stem: str) -> str:
        return f"{self.base}graph/file/{encode(stem)}"

    @property
    def registry_graph(self) -> str:
        return f"{self.base}graph/registry"

    @property
    def history_graph(self) -> str:
        return f"{self.base}graph/history"

    @property
    def shared_graph(self) -> str:
        """Stubs of nodes files name but none owns (cited documents, sessions, ...)."""
        return f"{self.base}graph/shared"

    def private_to(self, stem: str) -> Callable[[str], bool]:
        """A test: is this IRI a node only the file ``stem`` can state (its tasks, mentions ...)?

        Why: any other subject (a document, a paragraph, a mandate) may be stated by another
        graph too; the dumps check those triples for repeats across graphs, and only those.
        """
        key = encode(stem)
        own = self.file(stem)
        prefixes = (
            f"{own}/",
            f"{self.base}id/task/{key}/",
            f"{self.base}id/ref/{key}/",
            f"{self.base}id/mention/{key}/",
        )
        return lambda iri: iri == own or iri.startswith(prefixes)

    def stem_of_graph(self, graph_iri: str) -> str | None:
        """Inverse of ``file_graph`` (None for other graphs)."""
        from urllib.parse import unquote

        prefix = f"{self.base}graph/file/"
        return unquote(graph_iri[len(prefix) :]) if graph_iri.startswith(prefix) else None
