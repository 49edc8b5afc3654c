"""`wsiskg export` in-process: files written, counts printed, exit codes."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from wsiskg.cli import main


def test_export_graphml_with_filters(store_dir: Path, tmp_path: Path, capsys):
    out = tmp_path / "t.graphml"
    code = main(
        [
            "export",
            "tasks",
            "--store",
            str(store_dir),
            "--format",
            "graphml",
            "-o",
            str(out),
            "--relation",
            "requests",
            "--relation",
            "invites",
            "--from",
            "2010",
            "--to",
            "2014",
        ]
    )
    assert code == 0
    assert "tasks view, 3 nodes, 2 edges" in capsys.readouterr().out
    graph = nx.read_graphml(out)
    assert sorted(a["relation"] for _, _, a in graph.edges(data=True)) == ["invites", "requests"]


def test_export_citations_paragraphs_and_max_nodes(store_dir: Path, tmp_path: Path, capsys):
    out = tmp_path / "c.cyjs"
    args = ["export", "citations", "--store", str(store_dir), "-f", "cyjs", "-o", str(out)]
    assert main([*args, "--paragraphs", "--max-nodes", "4"]) == 0
    printed = capsys.readouterr().out
    assert "4 nodes" in printed and "most connected of 9 nodes" in printed


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "people"], "unknown view"),
        (["export", "tasks", "-f", "xlsx"], "unknown format"),
        (["export", "tasks", "--from", "2020", "--to", "2010"], "after"),
    ],
)
def test_user_errors_exit_2(store_dir: Path, tmp_path: Path, capsys, args, message):
    code = main([*args, "--store", str(store_dir), "-o", str(tmp_path / "x")])
    assert code == 2
    assert message in capsys.readouterr().err


def test_missing_store_exits_2(tmp_path: Path, capsys):
    code = main(["export", "tasks", "--store", str(tmp_path / "none"), "-o", str(tmp_path / "x")])
    assert code == 2
    assert "wsiskg build" in capsys.readouterr().err
