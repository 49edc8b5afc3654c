"""Fixtures of the scale tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scale.scale_helpers import copy_sample


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    return copy_sample(tmp_path / "in")
