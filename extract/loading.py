"""Input files → ``SourceText``: bytes decoded once, never normalised.

Every span in every record points into the text decoded here, so nothing is rewritten:
CRLF line ends and odd spaces stay as they are (line logic elsewhere copes with ``\\r``).
Decoding is strict: UTF-8 first (BOMs honoured), then UTF-16 with a BOM, then cp1252 and
latin-1 with a warning. Binary files fail with the byte offset of the first NUL.
"""

from __future__ import annotations

import codecs
import glob
import hashlib
import logging
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from wsiskg.extract.errors import InputFileError
from wsiskg.extract.records import SourceText

log = logging.getLogger(__name__)

MANIFEST_NAME = "MANIFEST.csv"
_GLOB_CHARS = frozenset("*?[")
# C0 controls that never occur in text files (tab, LF, VT, FF, CR and ESC are allowed).
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}
_CONTROL_RE = re.compile(
    b"[" + b"".join(re.escape(bytes([b])) for b in sorted(_CONTROL_BYTES)) + b"]"
)


def read_source(path: str | Path) -> SourceText:
    """Read and decode one input file; raise ``InputFileError`` saying why it cannot be text."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputFileError(f"{p}: no such file") from None
    except IsADirectoryError:
        raise InputFileError(f"{p}: is a folder, not a text file") from None
    except OSError as e:
        raise InputFileError(f"{p}: cannot read ({e.strerror or e})") from e
    text, encoding, warnings = decode_bytes(data, str(p))
    if not text.strip():
        raise InputFileError(f"{p}: the file is empty or holds only whitespace")
    for w in warnings:
        log.warning(w)
    return SourceText(
        path=str(p),
        stem=p.stem,
        text=text,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        warnings=tuple(warnings),
    )


def decode_bytes(data: bytes, name: str) -> tuple[str, str, list[str]]:
    """Decode ``data``; return (text, encoding name, warnings). ``name`` is used in messages."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", name), "utf-8-sig", []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(data, "utf-16", name)
        return text, "utf-16", [f"{name}: decoded as UTF-16 (byte order mark), not UTF-8"]
    _reject_binary(data, name)
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as e:
        utf8_error = e
    if not _has_c1_bytes(data):
        # ISO-8859-1 and cp1252 agree when no byte is in 0x80-0x9f: call it latin-1.
        return data.decode("latin-1"), "latin-1", [_fallback_warning(name, "latin-1", utf8_error)]
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as e:
        raise InputFileError(
            f"{name}: not valid UTF-8 (byte {utf8_error.start}) nor cp1252 "
            f"(undefined byte 0x{data[e.start]:02x} at byte {e.start})"
        ) from None
    return text, "cp1252", [_fallback_warning(name, "cp1252", utf8_error)]


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise InputFileError(
            f"{name}: cannot decode as {encoding} at byte {e.start}: {e.reason}"
        ) from None


def _reject_binary(data: bytes, name: str) -> None:
    """NUL anywhere, or another C0 control byte near the start, means binary."""
    nul = data.find(b"\x00")
    head = data[:8192] if nul < 0 else data[: min(nul, 8192)]
    bad = _CONTROL_RE.search(head)  # one regex scan, not a Python loop over 8 KB
    if bad:
        i, b = bad.start(), head[bad.start()]
        raise InputFileError(
            f"{name}: binary file (control byte 0x{b:02x} at byte {i}), expected text"
        )
    if nul >= 0:
        raise InputFileError(f"{name}: binary file (NUL byte at byte {nul}), expected text")


def _has_c1_bytes(data: bytes) -> bool:
    return any(0x80 <= b <= 0x9F for b in data)


def _fallback_warning(name: str, encoding: str, e: UnicodeDecodeError) -> str:
    return f"{name}: not valid UTF-8 (byte {e.start}); decoded as {encoding}"


def iter_input_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Expand files, folders (their ``*.txt``, sorted, manifest excluded) and glob patterns.

    A path that names nothing raises ``InputFileError`` before anything is yielded for it, so
    a typo fails loudly instead of building an empty graph. Each file is yielded once.
    """
    seen: set[Path] = set()
    for raw in paths:
        for p in _expand(str(raw)):
            key = p.resolve()
            if key not in seen:
                seen.add(key)
                yield p


def expand_folders(paths: Iterable[str | Path]) -> Iterator[str]:
    """Folders and glob patterns expanded (``iter_input_files``); any other path as given.

    A missing plain file is kept so that extraction reports it as that file's failure.
    """
    for raw in paths:
        p = Path(raw)
        if p.is_dir() or (not p.exists() and _GLOB_CHARS & set(str(raw))):
            yield from (str(f) for f in iter_input_files([raw]))
        else:
            yield str(raw)


def _expand(raw: str) -> list[Path]:
    p = Path(raw)
    if p.is_dir():
        return sorted(f for f in p.glob("*.txt") if f.is_file() and f.name != MANIFEST_NAME)
    if p.is_file():
        return [p]
    if _GLOB_CHARS & set(raw):
        matches = sorted(Path(m) for m in glob.glob(raw, recursive=True))
        files = [m for m in matches if m.is_file() and m.name != MANIFEST_NAME]
        if files:
            return files
        raise InputFileError(f"{raw}: the pattern matches no file")
    raise InputFileError(f"{raw}: no such file or folder")
