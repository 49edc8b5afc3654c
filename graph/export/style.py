"""Colours and shapes from ``palette.json``: edge colour by relation, node colour by kind.

The palette is data so a report can change its colours without touching code; every writer
reads the ``color``/``shape`` attributes this module puts on the graph.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx

PALETTE_PATH = Path(__file__).with_name("palette.json")


@lru_cache(maxsize=1)
def palette() -> dict[str, Any]:
    with PALETTE_PATH.open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def relation_color(relation: str) -> str:
    pal = palette()
    return str(pal["relations"].get(relation, pal["default_edge"]))


def kind_style(kind: str) -> dict[str, str]:
    pal = palette()
    return dict(pal["kinds"].get(kind, pal["default_kind"]))


def apply(graph: nx.MultiDiGraph) -> None:
    """Put ``color`` on every edge and ``color``/``shape`` on every node."""
    for _, _, attrs in graph.edges(data=True):
        attrs["color"] = relation_color(str(attrs.get("relation", "")))
    for _, attrs in graph.nodes(data=True):
        style = kind_style(str(attrs.get("kind", "")))
        attrs["color"] = style["color"]
        attrs["shape"] = style["shape"]


def legend(graph: nx.MultiDiGraph) -> dict[str, dict[str, str]]:
    """The relations and node kinds present in ``graph``, with their colours (for legends)."""
    relations = sorted({str(a.get("relation", "")) for _, _, a in graph.edges(data=True)})
    kinds = sorted({str(a.get("kind", "")) for _, a in graph.nodes(data=True)})
    return {
        "relations": {r: relation_color(r) for r in relations},
        "kinds": {k: kind_style(k)["color"] for k in kinds},
    }
