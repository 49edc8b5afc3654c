"""Decoding input files: encodings, BOMs, binary and empty files, path expansion."""

from __future__ import annotations

import codecs
import logging
from pathlib import Path

import pytest

from wsiskg.extract.errors import InputFileError
from wsiskg.extract.loading import iter_input_files, read_source
from wsiskg.extract.manifest import read_manifest
from wsiskg.paths import corpus_dir

TEXT = "Recalling the Tunis Agenda, “the Summit” – São Paulo\r\nSecond line\n"


def _write(tmp_path: Path, data: bytes, name: str = "doc.txt") -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_utf8_keeps_crlf_and_offsets(tmp_path: Path) -> None:
    src = read_source(_write(tmp_path, TEXT.encode("utf-8")))
    assert (src.text, src.encoding, src.warnings, src.stem) == (TEXT, "utf-8", (), "doc")
    assert src.line_of(TEXT.index("Second")) == 2
    assert len(src.sha256) == 64


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    src = read_source(_write(tmp_path, codecs.BOM_UTF8 + TEXT.encode("utf-8")))
    assert src.text == TEXT and src.encoding == "utf-8-sig" and not src.warnings


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path: Path, codec: str, caplog: pytest.LogCaptureFixture) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    with caplog.at_level(logging.WARNING):
        src = read_source(_write(tmp_path, bom + TEXT.encode(codec)))
    assert src.text == TEXT and src.encoding == "utf-16"
    assert "UTF-16" in src.warnings[0] and "UTF-16" in caplog.text


def test_cp1252_is_detected_with_a_warning(tmp_path: Path) -> None:
    text = "the Summit’s “outcome” – final\n"
    src = read_source(_write(tmp_path, text.encode("cp1252")))
    assert (src.text, src.encoding) == (text, "cp1252")
    assert "not valid UTF-8" in src.warnings[0]


def test_latin1_is_detected_with_a_warning(tmp_path: Path) -> None:
    text = "São Paulo, Genève\n"
    src = read_source(_write(tmp_path, text.encode("latin-1")))
    assert (src.text, src.encoding) == (text, "latin-1") and src.warnings


def test_binary_file_names_file_and_offset(tmp_path: Path) -> None:
    p = _write(tmp_path, b"PK\x03\x04abc\x00def", "archive.txt")
    with pytest.raises(
        InputFileError, match=r"archive\.txt: binary file \(control byte 0x03 at byte 2\)"
    ):
        read_source(p)
    with pytest.raises(InputFileError, match=r"NUL byte at byte 7"):
        read_source(_write(tmp_path, b"abcdefg\x00", "nul.txt"))


def test_undecodable_bytes_name_the_offset(tmp_path: Path) -> None:
    p = _write(tmp_path, b"ok " + b"\x81\x9d broken", "bad.txt")
    with pytest.raises(InputFileError, match=r"bad\.txt: not valid UTF-8 \(byte 3\)"):
        read_source(p)


def test_bad_utf16_after_bom(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match=r"cannot decode as utf-16"):
        read_source(_write(tmp_path, codecs.BOM_UTF16_LE + b"a\x00b"))


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n"])
def test_empty_or_blank_file(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(InputFileError, match="empty"):
        read_source(_write(tmp_path, data))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="no such file"):
        read_source(tmp_path / "nope.txt")


def test_iter_input_files_folder_glob_file(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "MANIFEST.csv", "notes.md"):
        _write(tmp_path, b"x\n", name)
    assert [p.name for p in iter_input_files([tmp_path])] == ["a.txt", "b.txt"]
    assert [p.name for p in iter_input_files([str(tmp_path / "*.txt")])] == ["a.txt", "b.txt"]
    both = list(iter_input_files([tmp_path / "b.txt", tmp_path]))
    assert [p.name for p in both] == ["b.txt", "a.txt"]  # each file once, first order kept
    with pytest.raises(InputFileError, match="no such file or folder"):
        list(iter_input_files([tmp_path / "missing"]))
    with pytest.raises(InputFileError, match="matches no file"):
        list(iter_input_files([str(tmp_path / "*.xml")]))


def test_bundled_corpus_reads_and_manifest_rows() -> None:
    files = list(iter_input_files([corpus_dir()]))
    assert len(files) == 5
    rows = read_manifest(corpus_dir())
    assert set(rows) == {p.name for p in files}
    assert rows["001_09510892622042c2.txt"].symbol == "E/RES/2012/5"
    assert rows["000_9ad951335a767be4.txt"].symbol is None
    for p in files:
        assert read_source(p).encoding == "utf-8"


def test_manifest_missing_or_malformed(tmp_path: Path) -> None:
    assert read_manifest(tmp_path) == {}
    (tmp_path / "MANIFEST.csv").write_text("name,kind\nx.txt,resolution\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="no 'file' column"):
        read_manifest(tmp_path)
