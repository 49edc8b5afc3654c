"""Symbols become IRIs that every strict parser accepts."""

from __future__ import annotations

import shutil
import subprocess

import pyoxigraph as ox
import pytest
from rdflib import Graph

from wsiskg.graph.errors import GraphError
from wsiskg.graph.iris import Iris

ODD = [
    "WSIS-05/TUNIS/DOC/6(Rev.1)#72",
    "A/RES/217(III)",
    "WSIS+10/4/22",
    "S/RES/1196 (1998)",
    "A/C.2/59/3",
]


def test_contract_examples() -> None:
    iris = Iris()
    assert iris.document("A/RES/70/125") == "https://w3id.org/wsiskg/id/doc/A/RES/70/125"
    assert iris.target("WSIS-05/TUNIS/DOC/6(Rev.1)#72") == (
        "https://w3id.org/wsiskg/id/doc/WSIS-05/TUNIS/DOC/6%28Rev.1%29/para/72"
    )
    assert iris.paragraph(iris.document("X"), "32(b)").endswith("/para/32%28b%29")
    assert (
        Iris("http://example.org/kg").actor("CSTD-Chair")
        == "http://example.org/kg/id/actor/CSTD-Chair"
    )


def test_bad_base_is_an_error() -> None:
    with pytest.raises(GraphError):
        Iris("not a base")


def test_odd_symbols_parse_strictly(tmp_path) -> None:
    iris = Iris()
    lines = [f'<{iris.target(s)}> <http://purl.org/dc/terms/identifier> "x" .' for s in ODD]
    nt = "\n".join(lines) + "\n"
    assert len(list(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES))) == len(ODD)
    assert len(Graph().parse(data=nt, format="nt")) == len(ODD)
    path = tmp_path / "odd.ttl"
    path.write_text(nt)
    if shutil.which("rapper"):
        run = subprocess.run(
            ["rapper", "-i", "turtle", "-c", str(path)], capture_output=True, text=True
        )
        assert run.returncode == 0, run.stderr
        assert f"returned {len(ODD)} triples" in run.stderr
