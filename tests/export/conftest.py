"""Fixtures of the export tests: a pyoxigraph store loaded from ``tests/data/export/fixture.trig``.

The fixture has two input files' named graphs plus the registry. What each view must give:
- tasks: 5 tasks from 2 documents to 5 bodies → 7 nodes, 5 edges;
- citations: 5 references among 4 documents (2 parallel A/RES/70/125 → Tunis Agenda edges);
  with --paragraphs 9 nodes (4 citing paragraphs, 2 cited paragraphs, 3 cited documents);
- mandates: the IGF, created by Tunis Agenda ¶72, extended by A/RES/70/125 ¶63, ends 2025
  → 4 nodes, 3 edges;
- actors: 8 actors and action lines, 6 co-mention pairs + 5 issuer→addressee task edges.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

TESTS = Path(__file__).resolve().parents[1]
FIXTURE = TESTS / "data" / "export" / "fixture.trig"
ARTIFACTS = TESTS / "artifacts" / "export"


def load_fixture(store: ox.Store) -> ox.Store:
    store.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    return store


@pytest.fixture(scope="session")
def store() -> ox.Store:
    """In-memory store with the fixture (shared: the export code only reads)."""
    return load_fixture(ox.Store())


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture as an on-disk store, as `wsiskg build` leaves it in build/store."""
    path = tmp_path_factory.mktemp("export") / "store"
    disk = load_fixture(ox.Store(str(path)))
    disk.flush()
    del disk
    return path


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
