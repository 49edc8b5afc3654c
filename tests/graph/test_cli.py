"""The graph commands in-process: output and exit codes; bad input is one line, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.graph.conftest import DATA
from wsiskg.cli import main
from wsiskg.graph.build import BuildResult

HAS_PIPELINE = True
try:
    import wsiskg.extract.pipeline  # noqa: F401
except ImportError:  # pragma: no cover - while the extractors are being written
    HAS_PIPELINE = False


def one_error_line(err: str) -> None:
    lines = [line for line in err.splitlines() if line.strip()]
    assert any(line.startswith("error:") for line in lines), err
    assert "Traceback" not in err


def test_validate_conforming_and_violating(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(DATA / "shapes" / "conforming.ttl")]) == 0
    assert "conforms" in capsys.readouterr().out
    assert main(["validate", str(DATA / "shapes" / "TaskShape.bad.ttl")]) == 3
    out = capsys.readouterr().out
    assert "https://example.org/t" in out and "wsis:addressee" in out


@pytest.mark.parametrize(
    ("content", "name"),
    [(b"<a> <b> .", "malformed.ttl"), (b"", "empty.ttl"), (b"\x00\x01\xff\xfe", "binary.ttl")],
)
def test_validate_bad_files(tmp_path: Path, capsys, content: bytes, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert main(["validate", str(path)]) == 2
    one_error_line(capsys.readouterr().err)


def test_validate_missing_file(tmp_path: Path, capsys) -> None:
    assert main(["validate", str(tmp_path / "nope.ttl")]) == 2
    one_error_line(capsys.readouterr().err)


def test_build_missing_path(tmp_path: Path, capsys) -> None:
    assert main(["build", str(tmp_path / "missing"), "-o", str(tmp_path / "out")]) == 2
    one_error_line(capsys.readouterr().err)


def test_query_commands(fixture_build: BuildResult, capsys) -> None:
    store = str(fixture_build.store)
    assert (
        main(
            ["query", "tasks-for-body", "--store", store, "--param", "body=IGF", "--format", "csv"]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "body,verb,deadline,document,paragraph,quote"
    assert "IGF,extends_mandate,P10Y,A/RES/70/125,63," in out
    assert main(["query", "tasks-with-deadlines", "--store", store, "--format", "json"]) == 0
    assert '"deadline": "/2016-07"' in capsys.readouterr().out
    assert main(["query", "tasks-with-deadlines", "--store", store]) == 0
    assert "CSTD-Chair" in capsys.readouterr().out
    assert main(["query", "no-such-query", "--store", store]) == 2
    one_error_line(capsys.readouterr().err)
    assert main(["query", "tasks-for-body", "--store", store]) == 2  # missing required param
    one_error_line(capsys.readouterr().err)
    assert main(["query", "tasks-for-body", "--store", store, "-p", "body"]) == 2
    one_error_line(capsys.readouterr().err)
    assert main(["query", "tasks-for-body", "--store", "/nonexistent/store", "-p", "body=SG"]) == 2
    one_error_line(capsys.readouterr().err)


def test_query_file(fixture_build: BuildResult, tmp_path: Path, capsys) -> None:
    rq = tmp_path / "count.rq"
    rq.write_text(
        "PREFIX wsis: <https://w3id.org/wsiskg/def/>\n"
        "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t a wsis:Task }\n"
    )
    assert (
        main(["query", "--file", str(rq), "--store", str(fixture_build.store), "--format", "tsv"])
        == 0
    )
    assert capsys.readouterr().out == "n\n6\n"
    bad = tmp_path / "bad.rq"
    bad.write_text("SELEC nothing")
    assert main(["query", "--file", str(bad), "--store", str(fixture_build.store)]) == 2
    one_error_line(capsys.readouterr().err)


def test_queries_lists_names(capsys) -> None:
    assert main(["queries"]) == 0
    out = capsys.readouterr().out
    assert "tasks-with-deadlines" in out and "upcoming-deadlines" in out


@pytest.mark.skipif(not HAS_PIPELINE, reason="extraction pipeline not present yet")
@pytest.mark.parametrize(
    ("content", "name"),
    [(b"", "empty.txt"), (b"\x00\x01\x02PK\x03\x04" * 50, "binary.txt")],
)
def test_build_bad_input_file(tmp_path: Path, capsys, content: bytes, name: str) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / name).write_bytes(content)
    assert main(["build", str(src / name), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    one_error_line(err)
    assert name in err


def test_build_prints_ten_notes_and_points_to_build_json(tmp_path: Path, capsys) -> None:
    """A corpus with many structure notes: the terminal gets ten and a pointer, not hundreds."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    # every paragraph number repeats: one "anchor repeats" note per repeated paragraph
    body = "\n".join(f"{n}. Requests the Secretary-General to report." for n in [1, 2] * 12)
    (inputs / "A_RES_90_1.txt").write_text(
        "Resolution adopted by the General Assembly\n\n90/1. Notes\n\n" + body + "\n", "utf-8"
    )
    code = main(["build", str(inputs), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 0, err
    problems = json.loads((tmp_path / "out" / "build.json").read_text("utf-8"))["problems"]
    notes = [line for line in err.splitlines() if line.startswith("note:")]
    assert len(problems) > 11
    assert len(notes) == 11
    assert f"{len(problems) - 10} more notes" in notes[-1] and "build.json" in notes[-1]
