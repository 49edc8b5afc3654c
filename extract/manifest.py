"""The optional ``MANIFEST.csv`` beside the input files: what a curator knows about each file.

Columns: file, kind, symbol, issuer, date, title, notes. Empty cells mean "not known" and
leave the field to be inferred from the text (``metadata.infer_meta``).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from wsiskg.extract.errors import InputFileError

MANIFEST_NAME = "MANIFEST.csv"
COLUMNS = ("file", "kind", "symbol", "issuer", "date", "title", "notes")


@dataclass(frozen=True, slots=True)
class ManifestRow:
    """One row of MANIFEST.csv; empty cells become None."""

    file: str
    kind: str | None = None
    symbol: str | None = None
    issuer: str | None = None
    date: str | None = None
    title: str | None = None
    notes: str | None = None


def read_manifest(folder: str | Path) -> dict[str, ManifestRow]:
    """Rows of ``folder/MANIFEST.csv`` by file name; ``{}`` when the folder has none."""
    path = Path(folder) / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            missing = [c for c in ("file",) if c not in (reader.fieldnames or [])]
            if missing:
                raise InputFileError(f"{path}: no 'file' column (columns: {', '.join(COLUMNS)})")
            rows: dict[str, ManifestRow] = {}
            for line_no, rec in enumerate(reader, start=2):
                name = (rec.get("file") or "").strip()
                if not name:
                    raise InputFileError(f"{path}:{line_no}: empty 'file' cell")
                rows[name] = ManifestRow(
                    file=name, **{c: _cell(rec.get(c)) for c in COLUMNS if c != "file"}
                )
            return rows
    except (UnicodeDecodeError, csv.Error) as e:
        raise InputFileError(f"{path}: not a readable CSV file ({e})") from e


def manifest_row_for(path: str | Path) -> ManifestRow | None:
    """The manifest row of one input file, read from the manifest in its folder."""
    p = Path(path)
    return read_manifest(p.parent).get(p.name)


def _cell(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None
