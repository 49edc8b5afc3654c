"""Every rule row's ``example`` must fire that row: rules are data, and data gets tested."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from wsiskg.extract.components.rules import load_rules

RULE_FILES = ("actors", "actors_blockers", "relations")


def _rows() -> list[tuple[str, str]]:
    return [(name, rule.id) for name in RULE_FILES for rule in load_rules(name)]


@pytest.mark.parametrize(("name", "rule_id"), _rows())
def test_example_fires_its_rule(nlp: Language, name: str, rule_id: str) -> None:
    rule = next(r for r in load_rules(name) if r.id == rule_id)
    if name == "actors":
        ruler: Any = nlp.get_pipe("wsis_actor_ruler")
        doc = nlp.make_doc(rule.example)
        fired = {ruler.keys[k][1] for k, _, _ in ruler.matcher(doc)}
        assert f"pattern:{rule.id}" in fired, rule.where
    elif name == "actors_blockers":
        blocker: Any = nlp.get_pipe("wsis_actor_ruler")
        doc = nlp.make_doc(rule.example)
        fired = {doc.vocab.strings[k] for k, _, _ in blocker.blockers(doc)}
        assert f"block:{rule.id}" in fired, rule.where
    else:
        finder: Any = nlp.get_pipe("wsis_reference_finder")
        doc = nlp.make_doc(rule.example)
        fired = {finder.cue_rules[k][1] for k, _, _ in finder.cues(doc)}
        assert rule.id in fired, rule.where


def test_every_relation_label_is_a_known_relation() -> None:
    from wsiskg.extract.records import REFERENCE_RELATIONS

    for rule in load_rules("relations"):
        assert rule.label in REFERENCE_RELATIONS, rule.where
