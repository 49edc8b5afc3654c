"""The incremental key of an input: its bytes and its MANIFEST.csv row."""

from __future__ import annotations

from pathlib import Path

from wsiskg.graph.build import file_sha256, input_keys

HEADER = "file,kind,symbol,issuer,date,title,notes\n"


def _folder(tmp_path: Path, manifest: str | None) -> Path:
    (tmp_path / "a.txt").write_text("1. Requests the Secretary-General to report.\n", "utf-8")
    (tmp_path / "b.txt").write_text("2. Decides to remain seized of the matter.\n", "utf-8")
    if manifest is not None:
        (tmp_path / "MANIFEST.csv").write_text(manifest, "utf-8")
    return tmp_path


def _keys(folder: Path) -> dict[str, str]:
    return input_keys(sorted(folder.glob("*.txt")))[1]


def test_editing_a_manifest_row_changes_only_that_files_key(tmp_path: Path) -> None:
    folder = _folder(tmp_path, HEADER + "a.txt,resolution,A/RES/1/1,GA,2020-01-01,T,\n")
    shas, before = input_keys(sorted(folder.glob("*.txt")))
    assert shas["a"] == file_sha256(folder / "a.txt")
    assert before["a"] != shas["a"]  # the row is part of the key

    (folder / "MANIFEST.csv").write_text(
        HEADER + "a.txt,resolution,A/RES/1/2,GA,2020-01-01,T,\n", "utf-8"
    )
    after = _keys(folder)
    assert after["a"] != before["a"]
    assert after["b"] == before["b"]  # b has no row either way


def test_same_bytes_and_row_give_the_same_key(tmp_path: Path) -> None:
    row = HEADER + "a.txt,resolution,A/RES/1/1,GA,2020-01-01,T,\n"
    folder = _folder(tmp_path, row)
    first = _keys(folder)
    (folder / "MANIFEST.csv").write_text(row + "zzz.txt,,,,,,\n", "utf-8")  # another file's row
    assert _keys(folder) == first
    (folder / "a.txt").write_text("changed\n", "utf-8")
    assert _keys(folder)["a"] != first["a"]


def test_unreadable_manifest_changes_every_key_of_its_folder(tmp_path: Path) -> None:
    folder = _folder(tmp_path, None)
    none = _keys(folder)
    (folder / "MANIFEST.csv").write_text("name,kind\na.txt,resolution\n", "utf-8")  # no file column
    broken = _keys(folder)
    assert broken["a"] != none["a"] and broken["b"] != none["b"]
