"""Inputs for the scale tests: small real resolutions from the fixed 100-file UN sample."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from wsiskg.paths import data_root

SAMPLE = data_root() / "corpus" / "un-sample"
# Four of the smallest real resolutions (GA and SC), with their manifest rows.
SMALL = ("A_RES_58_280.txt", "A_RES_79_262.txt", "A_RES_76_275.txt", "S_RES_1860(2009).txt")


def copy_sample(dest: Path, names: tuple[str, ...] = SMALL) -> Path:
    """Copy ``names`` from the UN sample into ``dest``, adding their rows to its MANIFEST.csv."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copyfile(SAMPLE / name, dest / name)
    rows = _rows(dest / "MANIFEST.csv") if (dest / "MANIFEST.csv").exists() else []
    fields, sample_rows = _fields_and_rows(SAMPLE / "MANIFEST.csv")
    rows += [r for r in sample_rows if r["file"] in names]
    write_manifest(dest / "MANIFEST.csv", rows)
    return dest


def _fields_and_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def _rows(path: Path) -> list[dict[str, str]]:
    return _fields_and_rows(path)[1]


def write_manifest(path: Path, rows: list[dict[str, str]]) -> None:
    fields, _ = _fields_and_rows(SAMPLE / "MANIFEST.csv")
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
