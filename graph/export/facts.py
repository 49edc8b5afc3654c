"""The shape every view shares: facts (one per task, reference, mandate step, co-mention),
the user's filters over them, and their assembly into a networkx graph.

Filtering happens on facts, before any aggregation, so `--relation requests` in the actors
view counts only "requests" tasks. A graph holds only the nodes its kept facts touch; the
HTML page applies the same rule, so counts agree between the file and the page.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from wsiskg.graph.export.errors import ExportError

log = logging.getLogger(__name__)

NodeAttrs = dict[str, Any]


@dataclass(frozen=True)
class ExportFilters:
    """What `wsiskg export` may narrow a view to. Empty means everything."""

    bodies: frozenset[str] = frozenset()  # actor ids (GA, CSTD ...)
    documents: frozenset[str] = frozenset()  # document ids (A/RES/70/125 ...)
    relations: frozenset[str] = frozenset()  # requests, recalls, extended ...
    year_from: int | None = None
    year_to: int | None = None
    max_nodes: int | None = None
    paragraphs: bool = False  # citations view: paragraph nodes instead of documents

    def __post_init__(self) -> None:
        if self.year_from is not None and self.year_to is not None:
            if self.year_from > self.year_to:
                raise ExportError(f"--from {self.year_from} is after --to {self.year_to}")
        if self.max_nodes is not None and self.max_nodes < 1:
            raise ExportError("--max-nodes must be at least 1")

    def describe(self) -> str:
        """One line for titles and logs: which filters are on."""
        parts = []
        if self.bodies:
            parts.append("body=" + ",".join(sorted(self.bodies)))
        if self.documents:
            parts.append("document=" + ",".join(sorted(self.documents)))
        if self.relations:
            parts.append("relation=" + ",".join(sorted(self.relations)))
        if self.year_from is not None or self.year_to is not None:
            parts.append(f"years={self.year_from or ''}..{self.year_to or ''}")
        return "; ".join(parts)


@dataclass
class Fact:
    """One edge-to-be, with the keys the filters look at."""

    source: str
    target: str
    relation: str
    edge: dict[str, Any]
    bodies: frozenset[str] = frozenset()
    documents: frozenset[str] = frozenset()
    year: int | None = None
    key: tuple[str, ...] | None = None  # facts with the same key aggregate into one edge
    paragraph_label: str | None = None

    def keep(self, f: ExportFilters) -> bool:
        if f.relations and self.relation not in f.relations:
            return False
        if f.bodies and not (self.bodies & f.bodies):
            return False
        if f.documents and not (self.documents & f.documents):
            return False
        if f.year_from is not None and (self.year is None or self.year < f.year_from):
            return False
        if f.year_to is not None and (self.year is None or self.year > f.year_to):
            return False
        return True


@dataclass
class ViewData:
    """What a view hands to ``assemble``: facts plus the attributes of every node they name."""

    name: str
    title: str
    facts: list[Fact] = field(default_factory=list)
    nodes: dict[str, NodeAttrs] = field(default_factory=dict)


def assemble(data: ViewData, filters: ExportFilters) -> nx.MultiDiGraph:
    """Filter the facts, aggregate those sharing a key, cap the node count."""
    kept = [fact for fact in data.facts if fact.keep(filters)]
    graph: nx.MultiDiGraph = nx.MultiDiGraph()
    graph.graph.update(view=data.name, title=data.title, filters=filters.describe())
    for fact in _aggregate(kept):
        for node in (fact.source, fact.target):
            if node not in graph:
                graph.add_node(node, **_clean(data.nodes.get(node, {"label": node})))
        attrs = dict(fact.edge)
        attrs["relation"] = fact.relation
        attrs["bodies"] = ";".join(sorted(fact.bodies))
        attrs["documents"] = ";".join(sorted(fact.documents))
        if fact.year is not None:
            attrs["year"] = fact.year
        graph.add_edge(fact.source, fact.target, key=attrs.get("id"), **_clean(attrs))
    total = graph.number_of_nodes()
    graph.graph["total_nodes"] = total
    if filters.max_nodes is not None and total > filters.max_nodes:
        _cap(graph, filters.max_nodes)
        graph.graph["truncated"] = (
            f"showing the {graph.number_of_nodes()} most connected of {total} nodes (--max-nodes)"
        )
        log.info("%s: %s", data.name, graph.graph["truncated"])
    return graph


def _aggregate(facts: Iterable[Fact]) -> list[Fact]:
    """Merge facts with the same key: weight = how many, years and paragraphs collected."""
    out: list[Fact] = []
    merged: dict[tuple[str, ...], tuple[Fact, list[int], list[str]]] = {}
    for fact in facts:
        if fact.key is None:
            out.append(fact)
            continue
        if fact.key not in merged:
            first = Fact(
                fact.source,
                fact.target,
                fact.relation,
                dict(fact.edge),
                fact.bodies,
                fact.documents,
                fact.year,
                fact.key,
            )
            merged[fact.key] = (first, [], [])
            out.append(first)
        agg, years, paras = merged[fact.key]
        agg.documents = agg.documents | fact.documents
        if fact.year is not None:
            years.append(fact.year)
            agg.year = min(years)
        if fact.paragraph_label and fact.paragraph_label not in paras:
            paras.append(fact.paragraph_label)
        weight = int(agg.edge.get("weight", 0)) + 1
        agg.edge["weight"] = weight
        agg.edge["label"] = str(weight)
        agg.edge["years"] = ";".join(str(y) for y in sorted(set(years)))
        agg.edge["paragraphs"] = "; ".join(paras[:20]) + (" …" if len(paras) > 20 else "")
    return out


def _cap(graph: nx.MultiDiGraph, limit: int) -> None:
    """Keep the ``limit`` nodes of highest weighted degree (ties: by id, so output is stable)."""
    degree = dict(graph.degree(weight="weight"))
    ranked = sorted(graph.nodes, key=lambda n: (-degree[n], str(n)))
    graph.remove_nodes_from(ranked[limit:])


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    """GraphML and GEXF take only scalars: drop ``None`` and empty strings."""
    return {k: v for k, v in attrs.items() if v is not None and v != ""}
