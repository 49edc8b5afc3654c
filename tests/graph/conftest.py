"""Shared fixtures for the graph tests: one small build from hand-made records."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from tests.graph.fixtures import resolution_fixture
from wsiskg.extract.records import FileExtraction
from wsiskg.graph.build import BuildConfig, BuildResult, build_graph  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "data"


def fixture_extractor(files: Sequence[Path], workers: int) -> Iterator[FileExtraction]:
    """Stands in for the pipeline: every input file yields the fixture resolution."""
    for f in files:
        yield resolution_fixture(f.stem)


@pytest.fixture(scope="session")
def fixture_inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "res_a.txt").write_text("a", encoding="utf-8")
    (folder / "res_b.txt").write_text("b", encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory: pytest.TempPathFactory, fixture_inputs: Path) -> BuildResult:
    out = tmp_path_factory.mktemp("build")
    return build_graph([fixture_inputs], BuildConfig(out=out, extractor=fixture_extractor))
