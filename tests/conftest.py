"""Shared fixtures: one extraction pipeline per test session (building it costs ~0.5 s)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from wsiskg.extract.pipeline import build_nlp


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The full extraction pipeline (actor ruler, reference finder, task extractor)."""
    return build_nlp()
