"""The registry graph: actors, action lines, relation vocabularies and named instruments.

Everything here is data read from files, never typed into code: actors come from
extract/actors.csv (the shared starting list), extract/data/actors_extra.csv (the project's own
additions) and extract/data/countries.csv; the rest from ontology/registry.ttl, whose relative
IRIs resolve against the configured base.
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from wsiskg import paths
from wsiskg.graph.errors import GraphError
from wsiskg.graph.iris import Iris
from wsiskg.graph.terms import ORG_T, RDF_TYPE, SKOS_T, lit, lit_en, wsis

log = logging.getLogger(__name__)

ACTOR_FILES: tuple[str, ...] = ("actors.csv", "data/actors_extra.csv", "data/countries.csv")
REGISTRY_TTL = "registry.ttl"

_KIND_CLASS: dict[str, ox.NamedNode] = {
    "office": ORG_T.Post,
    "organ": ORG_T.FormalOrganization,
    "commission": ORG_T.FormalOrganization,
    "agency": ORG_T.FormalOrganization,
    "department": ORG_T.FormalOrganization,
    "organization": ORG_T.FormalOrganization,
    "forum": ORG_T.Organization,
    "group": ORG_T.Organization,
    "collective": wsis("CollectiveActor"),
    "member-state": wsis("MemberState"),
}


@dataclass(frozen=True)
class ActorRow:
    id: str
    kind: str
    label: str
    aliases: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Relation:
    """A relation concept of ontology/registry.ttl."""

    name: str
    scheme: str  # "ReferenceRelations" or "TaskRelations"
    cito: str | None  # CiTO characterisation IRI (references only)
    direct: str | None  # wsis: direct property IRI (references only)


def actor_files(root: Path | None = None) -> list[Path]:
    base = root or paths.extract_data_dir()
    return [base / name for name in ACTOR_FILES if (base / name).is_file()]


def read_actors(files: Iterable[Path] | None = None) -> dict[str, ActorRow]:
    """Actor rows by id; the first file that defines an id wins (actors.csv first)."""
    rows: dict[str, ActorRow] = {}
    for path in files if files is not None else actor_files():
        try:
            with path.open(encoding="utf-8", newline="") as fh:
                for lineno, rec in enumerate(csv.DictReader(fh), start=2):
                    actor_id = (rec.get("id") or "").strip()
                    if not actor_id:
                        raise GraphError(f"{path}:{lineno}: actor row without an id")
                    if actor_id in rows:
                        log.debug("%s:%d: actor %s already defined", path, lineno, actor_id)
                        continue
                    aliases = tuple(
                        a.strip() for a in (rec.get("aliases") or "").split(";") if a.strip()
                    )
                    rows[actor_id] = ActorRow(
                        actor_id,
                        (rec.get("kind") or "").strip(),
                        (rec.get("label") or actor_id).strip(),
                        aliases,
                        path.name,
                    )
        except (OSError, csv.Error, UnicodeDecodeError) as exc:
            raise GraphError(f"cannot read actor registry {path}: {exc}") from exc
    return rows


def actor_quads(rows: dict[str, ActorRow], iris: Iris, graph: ox.NamedNode) -> list[ox.Quad]:
    out: list[ox.Quad] = []
    for row in sorted(rows.values(), key=lambda r: r.id):
        node = ox.NamedNode(iris.actor(row.id))
        out.append(ox.Quad(node, RDF_TYPE, wsis("Actor"), graph))
        cls = _KIND_CLASS.get(row.kind)
        if cls is not None:
            out.append(ox.Quad(node, RDF_TYPE, cls, graph))
        out.append(ox.Quad(node, SKOS_T.notation, lit(row.id), graph))
        out.append(ox.Quad(node, SKOS_T.prefLabel, lit_en(row.label), graph))
        for alias in sorted(set(row.aliases) - {row.label}):
            out.append(ox.Quad(node, SKOS_T.altLabel, lit_en(alias), graph))
        if row.kind:
            out.append(ox.Quad(node, wsis("actorKind"), lit(row.kind), graph))
    return out


def registry_ttl_path() -> Path:
    return paths.ontology_dir() / REGISTRY_TTL


@lru_cache(maxsize=8)
def _registry_triples(base: str) -> tuple[ox.Triple, ...]:
    path = registry_ttl_path()
    try:
        return tuple(
            q.triple for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=base)
        )
    except (OSError, SyntaxError) as exc:
        raise GraphError(f"cannot read {path}: {exc}") from exc


def static_quads(iris: Iris, graph: ox.NamedNode) -> list[ox.Quad]:
    """Action lines, relation concepts and instruments from ontology/registry.ttl."""
    return [
        ox.Quad(t.subject, t.predicate, t.object, graph) for t in _registry_triples(iris.id_base)
    ]


@lru_cache(maxsize=8)
def relations(base: str | None = None) -> dict[str, Relation]:
    """Relation concepts by name, read from ontology/registry.ttl."""
    iris = Iris(base) if base else Iris()
    store = ox.Store()
    store.extend(static_quads(iris, ox.DefaultGraph()))  # type: ignore[arg-type]
    query = """
        PREFIX wsis: <https://w3id.org/wsiskg/def/>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?name ?scheme ?cito ?direct WHERE {
          ?c skos:notation ?name ; skos:inScheme ?scheme .
          FILTER (?scheme IN (wsis:ReferenceRelations, wsis:TaskRelations))
          OPTIONAL { ?c wsis:citoCharacterization ?cito }
          OPTIONAL { ?c wsis:directProperty ?direct }
        }"""
    out: dict[str, Relation] = {}
    for row in store.query(query):  # type: ignore[union-attr]
        scheme = row["scheme"].value.rsplit("/", 1)[-1]
        out[row["name"].value] = Relation(
            row["name"].value,
            scheme,
            row["cito"].value if row["cito"] is not None else None,
            row["direct"].value if row["direct"] is not None else None,
        )
    return out


def registry_quads(iris: Iris, actor_rows: dict[str, ActorRow] | None = None) -> list[ox.Quad]:
    """All quads of the registry named graph."""
    graph = ox.NamedNode(iris.registry_graph)
    rows = actor_rows if actor_rows is not None else read_actors()
    return actor_quads(rows, iris, graph) + static_quads(iris, graph)
