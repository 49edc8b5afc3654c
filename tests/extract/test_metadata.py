"""Metadata: manifest first, field by field; the printed text fills the gaps."""

from __future__ import annotations

from pathlib import Path

import pytest

from wsiskg.extract.loading import read_source
from wsiskg.extract.manifest import ManifestRow, read_manifest
from wsiskg.extract.metadata import infer_from_text, infer_meta, iso_date, issuer_id, meta_rules
from wsiskg.extract.records import SourceText
from wsiskg.paths import corpus_dir, extract_data_dir


def _src(text: str, stem: str = "x") -> SourceText:
    return SourceText(path=f"{stem}.txt", stem=stem, text=text, encoding="utf-8", sha256="0")


def test_every_rule_example_matches() -> None:
    for rule in meta_rules():
        assert rule.regex.search(rule.example), rule.id


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Resolution adopted by the General Assembly on 16 December 2015\n"
            "70/125.\tOutcome document of the high-level meeting \nof the General Assembly\n",
            {
                "issuer": "GA",
                "date": "2015-12-16",
                "symbol": "A/RES/70/125",
                "kind": "resolution",
                "title": "Outcome document of the high-level meeting of the General Assembly",
            },
        ),
        (
            "S/RES/1196 (1998)\n16 September 1998\nRESOLUTION 1196 (1998)\n"
            "Adopted by the Security Council at its 3927th meeting,\non 16 September 1998\n",
            {"issuer": "SC", "date": "1998-09-16", "symbol": "S/RES/1196(1998)"},
        ),
        (
            "Resolution 1989 (2011)\nThe Security Council,\nRecalling its resolutions,\n",
            {"issuer": "SC", "date": "2011", "symbol": "S/RES/1989(2011)"},
        ),
        (
            "Resolution adopted by the Human Rights Council*\n16/1\nUnited Nations Declaration"
            " on Human Rights Education and Training\n44th meeting\n23 March 2011\n",
            {
                "issuer": "HRC",
                "symbol": "A/HRC/RES/16/1",
                "date": "2011-03-23",
                "title": "United Nations Declaration on Human Rights Education and Training",
            },
        ),
        (
            "Text\n<<ODS DOC SYMBOL1>>A/RES/70/125<<ODS DOC SYMBOL1>>\n",
            {"symbol": "A/RES/70/125"},
        ),
        ("Resolution\nTitle\nThe Economic and Social Council,\n", {"issuer": "ECOSOC"}),
        ("Document Number: WSIS+10/4/22\n", {"symbol": "WSIS+10/4/22"}),
        ("Nothing to see here.\n", {}),
    ],
)
def test_infer_from_text(text: str, expected: dict[str, str]) -> None:
    found = infer_from_text(text)
    assert {k: found.get(k) for k in expected} == expected
    if not expected:
        assert found == {}


def test_manifest_wins_and_sources_say_where_from() -> None:
    src = _src("Resolution adopted by the General Assembly on 16 December 2015\n70/125.\tT\n")
    row = ManifestRow(file="x.txt", symbol="A/RES/70/999", issuer=None, date=None)
    meta = infer_meta(src, row)
    assert meta.symbol == "A/RES/70/999" and meta.sources["symbol"] == "manifest"
    assert meta.issuer == "GA" and meta.sources["issuer"] == "text"
    assert meta.date == "2015-12-16" and meta.sources["date"] == "text"
    assert infer_meta(_src("plain words\n")).sources == dict.fromkeys(
        ("symbol", "issuer", "date", "title", "kind"), "unknown"
    )


def test_bundled_manifest_issuers_map_to_actor_ids() -> None:
    rows = read_manifest(corpus_dir())
    got = {}
    for name, row in rows.items():
        meta = infer_meta(read_source(corpus_dir() / name), row)
        got[name[:3]] = (meta.issuer, meta.date)
    assert got == {
        "000": ("PGA", "2015-08-12"),
        "001": ("ECOSOC", "2012-07-24"),
        "002": ("WSIS-CoFacilitators", "2015-12-07"),
        "003": ("UNDESA", "2014"),
        "004": ("GA", "2015-12-16"),
    }


def test_004_metadata_from_text_alone() -> None:
    meta = infer_meta(read_source(corpus_dir() / "004_3e7d3024c80fa0c1.txt"), None)
    assert (meta.symbol, meta.issuer, meta.date, meta.kind) == (
        "A/RES/70/125",
        "GA",
        "2015-12-16",
        "resolution",
    )
    assert meta.title and meta.title.startswith("Outcome document of the high-level meeting of")


def test_iso_date_and_issuer_id() -> None:
    assert iso_date("7 December, 2015") == "2015-12-07"
    assert iso_date("2014") == "2014"
    assert iso_date("sometime") is None
    assert issuer_id("President of the General Assembly") == "PGA"
    assert issuer_id("Security Council") == "SC"
    assert issuer_id("Nobody") is None


def test_actors_extra_has_actors_csv_columns() -> None:
    header = (extract_data_dir() / "actors.csv").read_text().splitlines()[0]
    extra = (extract_data_dir() / "data" / "actors_extra.csv").read_text().splitlines()
    assert extra[0] == header
    assert any(line.startswith("SC,") for line in extra)


def test_un_resolutions_sample(tmp_path: Path) -> None:
    """A GA resolution of 1946 with page markers: symbol with roman session, issuer, date."""
    text = (
        "<!-- Page 1 -->\n1514 (XV). Declaration on the granting of independence\n"
        "The General Assembly,\nMindful of the determination,\n1. Declares that;\n"
        "947th plenary meeting,\n14 December 1960.\n"
    )
    meta = infer_meta(_src(text))
    assert (meta.symbol, meta.issuer, meta.date) == ("A/RES/1514(XV)", "GA", "1960-12-14")


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # no-break space between day and month, as in most of the UN record's .txt files
        ("Resolution adopted by the General Assembly on 23\xa0December 2003\n", "2003-12-23"),
        ("106 (VII). Report\nResolution of 25 February and 5 March 1948\n", "1948-03-05"),
        ("Resolutions of 6 April 195350\n", "1953-04-06"),  # footnote 50 glued to the year
        (
            "1. Notes;\nHundred and seventy-seventh plenary meeting,\n8 December 1948.\n",
            "1948-12-08",
        ),
        ("Seventeenth plenary meeting, 24 January 1946.\n", "1946-01-24"),
        (
            "Resolution 2573 (2021)\nAdopted by the Security Council on 27 April 2021\n",
            "2021-04-27",
        ),
        (
            "United Nations\tA/RES/70/1\nGeneral Assembly\tDistr.: General\n21 October 2015\n",
            "2015-10-21",
        ),
    ],
)
def test_dates_the_un_record_prints(text: str, date: str) -> None:
    assert infer_from_text(text).get("date") == date


def test_a_symbol_year_is_the_last_resort_for_a_date() -> None:
    row = ManifestRow(file="S_RES_690(1991).txt", symbol="S/RES/690(1991)")
    meta = infer_meta(_src("Adopted unanimously at the 3016th meeting\n", "S_RES_690(1991)"), row)
    assert (meta.date, meta.sources["date"]) == ("1991", "text")
    assert infer_meta(_src("Decides to remain seized.\n")).date is None
