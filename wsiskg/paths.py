"""Where the shipped data lives: ontology, shapes, queries, corpus and extraction rules.

The same code runs from a source checkout, an editable install and a wheel. In all three the
data folders sit beside the ``graph`` package's parent (the repository root, or
``site-packages/wsiskg``), so one relative lookup serves; ``WSISKG_DATA_DIR`` overrides it.
"""

from __future__ import annotations

import os
from pathlib import Path

import wsiskg.extract as _extract_pkg
import wsiskg.graph as _graph_pkg

ENV_OVERRIDE = "WSISKG_DATA_DIR"


def data_root() -> Path:
    """Folder holding ``ontology/``, ``shapes/``, ``queries/`` and ``corpus/``."""
    override = os.environ.get(ENV_OVERRIDE)
    if override:
        return Path(override)
    return Path(_graph_pkg.__file__).resolve().parent.parent


def ontology_dir() -> Path:
    return data_root() / "ontology"


def shapes_dir() -> Path:
    return data_root() / "shapes"


def queries_dir() -> Path:
    return data_root() / "queries"


def corpus_dir() -> Path:
    """The bundled WSIS corpus (five documents and MANIFEST.csv)."""
    return data_root() / "corpus" / "wsis"


def gold_dir() -> Path:
    """Hand-made gold annotations for the bundled corpus (ANNOTATION.md format)."""
    return data_root() / "corpus" / "gold" / "wsis"


def extract_data_dir() -> Path:
    """Extraction rules as data: patterns/*.jsonl, actors.csv, lexicons."""
    return Path(_extract_pkg.__file__).resolve().parent
