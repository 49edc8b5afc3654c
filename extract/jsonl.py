"""Write extractions in ANNOTATION.md's gold format, atomically."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from wsiskg.extract.records import FileExtraction


def write_atomic_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a crash never leaves a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def gold_jsonl(extraction: FileExtraction) -> str:
    """The file's records, one JSON object a line, in reading order."""
    return "".join(
        json.dumps(record, ensure_ascii=False) + "\n" for record in extraction.gold_records()
    )


def write_gold_jsonl(extraction: FileExtraction, out_dir: Path) -> Path:
    """``OUT_DIR/<stem>.jsonl`` for one input file."""
    path = out_dir / f"{extraction.source.stem}.jsonl"
    write_atomic_text(path, gold_jsonl(extraction))
    return path
