"""The whole extraction on the bundled corpus: records, provenance, parallel = serial, scores."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from wsiskg.extract.evaluate import evaluate, load_actor_ids, read_gold_dir
from wsiskg.extract.pipeline import build_nlp, extract_file, extract_paths
from wsiskg.extract.records import FileExtraction

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus" / "wsis"
GOLD = ROOT / "tests" / "data" / "gold" / "wsis"
FILE_004 = CORPUS / "004_3e7d3024c80fa0c1.txt"


@pytest.fixture(scope="module")
def extractions(nlp: Language) -> dict[str, FileExtraction]:
    return {f.stem: extract_file(f, nlp=nlp) for f in sorted(CORPUS.glob("*.txt"))}


def test_pipeline_components_and_tokenizer(nlp: Language) -> None:
    assert nlp.pipe_names[:2] == ["wsis_actor_ruler", "wsis_reference_finder"]
    assert "\n" not in (getattr(nlp.tokenizer, "rules", None) or {})


def test_records_point_into_the_original_text(extractions: dict[str, FileExtraction]) -> None:
    fx = extractions[FILE_004.stem]
    text = fx.source.text
    para111 = [r for r in fx.references if r.target == "WSIS-05/TUNIS/DOC/6(Rev.1)#111"]
    assert para111 and para111[0].relation == "recalls" and para111[0].para == "pp1"
    assert text[para111[0].span.start : para111[0].span.end].startswith("paragraph 111 of")
    assert para111[0].governing_text == "Recalling"
    for e in fx.entities:
        assert text[e.span.start : e.span.end] == e.text and e.rule


def test_own_symbol_is_never_a_target(extractions: dict[str, FileExtraction]) -> None:
    fx = extractions[FILE_004.stem]
    assert all(r.target_document != "A/RES/70/125" for r in fx.references)


def test_scores_on_the_gold_files(extractions: dict[str, FileExtraction]) -> None:
    predicted = {stem: fx.gold_records() for stem, fx in extractions.items()}
    ev = evaluate(read_gold_dir(GOLD), predicted, load_actor_ids(ROOT / "extract" / "actors.csv"))
    entity, reference = ev.per_type["entity"], ev.per_type["reference"]
    assert entity.f1 >= 0.95
    assert reference.f1 >= 0.93
    assert reference.accuracy(reference.relation_ok) >= 0.9


def test_workers_give_the_same_records_as_one_process() -> None:
    files = sorted(CORPUS.glob("00[03]_*.txt"))
    serial = [fx.gold_records() for fx in extract_paths(files, workers=1)]
    parallel = [fx.gold_records() for fx in extract_paths(files, workers=2)]
    assert serial == parallel


def test_build_nlp_is_repeatable() -> None:
    assert build_nlp().pipe_names == build_nlp().pipe_names


def test_mandate_extension_goes_to_a_text_defined_mission(tmp_path: Path) -> None:
    path = tmp_path / "S_RES_9999(2025).txt"
    path.write_text(
        "Resolution 9999 (2025)\n\nThe Security Council,\n\n"
        "Recalling its previous resolutions on the United Nations Multidimensional Integrated "
        "Stabilization Mission in Mali (MINUSMA),\n\n"
        "1. Decides to extend the mandate of MINUSMA until 30 June 2025;\n"
    )
    fx = extract_file(path)
    assert [(t.relation, t.addressee) for t in fx.tasks] == [("extends_mandate", "MINUSMA")]
    assert fx.adhoc_actors == (
        (
            "MINUSMA",
            "United Nations Multidimensional Integrated Stabilization Mission in Mali",
            "body",
        ),
    )
    assert {e.id for e in fx.entities if e.para == "pp1"} >= {"MINUSMA", "Mali"}
