"""One bad input file is reported (file + reason) while every other file still extracts."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from wsiskg.extract import pipeline
from wsiskg.extract.errors import ExtractError
from wsiskg.extract.pipeline import (
    FileFailure,
    FilesFailedError,
    extract_paths,
    iter_extractions,
)
from wsiskg.extract.records import FileExtraction

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "wsis"
GOOD = CORPUS / "003_b16520d507c3bcf7.txt"


@pytest.fixture()
def mixed(tmp_path: Path) -> list[Path]:
    """good, binary, good, empty, undecodable-as-text (NUL bytes inside text)."""
    a = tmp_path / "a_good.txt"
    shutil.copyfile(GOOD, a)
    b = tmp_path / "b_binary.txt"
    b.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    c = tmp_path / "c_good.txt"
    shutil.copyfile(GOOD, c)
    d = tmp_path / "d_empty.txt"
    d.write_bytes(b"  \n\n")
    e = tmp_path / "e_nul.txt"
    e.write_bytes(b"The General Assembly,\n\x00\x00\x01\x02 Recalling\n")
    return [a, b, c, d, e]


@pytest.mark.parametrize("workers", [1, 2])
def test_bad_files_are_failures_and_the_rest_extracts(mixed: list[Path], workers: int) -> None:
    results = list(iter_extractions(mixed, workers=workers))
    kinds = [type(r).__name__ for r in results]
    assert kinds == [
        "FileExtraction",
        "FileFailure",
        "FileExtraction",
        "FileFailure",
        "FileFailure",
    ]
    good = [r for r in results if isinstance(r, FileExtraction)]
    assert [g.source.stem for g in good] == ["a_good", "c_good"]
    assert len(good[0].entities) == len(good[1].entities) > 0
    failures = [r for r in results if isinstance(r, FileFailure)]
    assert [f.stem for f in failures] == ["b_binary", "d_empty", "e_nul"]
    for f in failures:
        assert f.name in f.reason and f.error == "InputFileError"
        assert f.to_problem() == {"file": f.name, "stage": "extract", "reason": f.reason}
    assert "empty" in failures[1].reason


def test_extract_paths_raises_after_the_good_files(mixed: list[Path]) -> None:
    got: list[str] = []
    with pytest.raises(FilesFailedError) as info:
        for fx in extract_paths(mixed, workers=1):
            got.append(fx.source.stem)
    assert got == ["a_good", "c_good"]
    assert isinstance(info.value, ExtractError)
    assert [f.stem for f in info.value.failures] == ["b_binary", "d_empty", "e_nul"]
    assert "b_binary.txt" in str(info.value) and "2 more" in str(info.value)


def test_on_error_receives_failures_and_nothing_is_raised(mixed: list[Path]) -> None:
    seen: list[FileFailure] = []
    stems = [fx.source.stem for fx in extract_paths(mixed, workers=2, on_error=seen.append)]
    assert stems == ["a_good", "c_good"]
    assert [f.stem for f in seen] == ["b_binary", "d_empty", "e_nul"]


@pytest.mark.parametrize("workers", [1, 2])
def test_an_unexpected_exception_is_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    files = []
    for stem in ("x_boom", "y_good"):
        files.append(tmp_path / f"{stem}.txt")
        shutil.copyfile(GOOD, files[-1])
    real = pipeline.infer_meta

    def boom(source, row):  # type: ignore[no-untyped-def]
        if source.stem == "x_boom":
            raise IndexError("list index out of range")
        return real(source, row)

    monkeypatch.setattr(pipeline, "infer_meta", boom)  # forked workers inherit the patch
    results = list(iter_extractions(files, workers=workers))
    assert isinstance(results[0], FileFailure) and isinstance(results[1], FileExtraction)
    assert results[0].error == "IndexError"
    assert "x_boom.txt" in results[0].reason and "unexpected IndexError" in results[0].reason


def test_a_worker_that_dies_fails_only_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = []
    for stem in ("p_good", "q_dies", "r_good"):
        files.append(tmp_path / f"{stem}.txt")
        shutil.copyfile(GOOD, files[-1])
    real = pipeline.infer_meta

    def die(source, row):  # type: ignore[no-untyped-def]
        if source.stem == "q_dies":
            os._exit(3)  # the worker process vanishes, as when it is killed
        return real(source, row)

    monkeypatch.setattr(pipeline, "infer_meta", die)
    results = list(iter_extractions(files, workers=2))
    assert [type(r).__name__ for r in results] == [
        "FileExtraction",
        "FileFailure",
        "FileExtraction",
    ]
    assert results[1].error == "WorkerDied" and "q_dies.txt" in results[1].reason


def test_a_line_of_38k_dashes_extracts_in_seconds(tmp_path: Path) -> None:
    """E_RES_1818(LV).txt: one rule line of en dashes kept spaCy's suffix search busy for
    minutes (quadratic); it must be blanked for the tokenizer, offsets unchanged."""
    import time

    from wsiskg.extract.pipeline import extract_file
    from wsiskg.extract.tokenguard import MAX_RUN, tokenizer_safe

    body = "The Economic and Social Council,\n1. Requests the Secretary-General to report.\n"
    f = tmp_path / "rule.txt"
    f.write_text(body + "–" * 38_000 + "\n" + body, encoding="utf-8")
    start = time.perf_counter()
    result = extract_file(f)
    assert time.perf_counter() - start < 10
    assert [e.text for e in result.entities].count("Secretary-General") == 2
    long_word = "x" * (2 * MAX_RUN + 5)
    safe = tokenizer_safe(f"a {long_word} b {'-' * 100}.")
    assert len(safe) == len(f"a {long_word} b {'-' * 100}.")
    assert max(len(w) for w in safe.split()) == MAX_RUN and "-" not in safe


def test_a_folder_extracts_its_files_and_a_missing_file_is_a_failure(
    mixed: list[Path], tmp_path: Path
) -> None:
    """``wsiskg extract FOLDER`` (the CLI's documented use) once read the folder as a file."""
    missing = tmp_path / "z_missing.txt"
    results = list(iter_extractions([str(tmp_path), missing], workers=1))
    names = [Path(r.source.path).name if isinstance(r, FileExtraction) else r.name for r in results]
    assert names == [p.name for p in mixed] + ["z_missing.txt"]
    assert isinstance(results[-1], FileFailure) and "z_missing.txt" in results[-1].reason
