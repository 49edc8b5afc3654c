"""Mandate lineage read from the tasks of A/RES/70/125 (gold records)."""

from __future__ import annotations

from wsiskg.graph.history.mandates import cues, expiring_before, find_mandates


def test_igf_extended_for_ten_years_ends_2025(adopted_records) -> None:  # type: ignore[no-untyped-def]
    tasks, refs = adopted_records
    by_body = {m.body: m for m in find_mandates("A/RES/70/125", "2015-12-16", tasks, refs)}
    igf = by_body["IGF"]
    assert (igf.event, igf.para, igf.duration, igf.end_year) == ("extends", "63", "P10Y", 2025)
    assert igf.basis == tuple(f"WSIS-05/TUNIS/DOC/6(Rev.1)#{n}" for n in range(72, 79))


def test_working_group_created_until_its_report(adopted_records) -> None:  # type: ignore[no-untyped-def]
    tasks, refs = adopted_records
    wg = {m.body: m for m in find_mandates("A/RES/70/125", "2015-12-16", tasks, refs)}["WG-EC"]
    # "establish a working group ... will submit a report to the CSTD at its twenty-first
    # session" (May 2018: the CSTD's 18th session met in May 2015)
    assert (wg.event, wg.para, wg.ends_at, wg.end_year) == (
        "creates",
        "65",
        "session:CSTD:21",
        2018,
    )


def test_draft_working_group_would_have_reported_to_ga_73(draft_records) -> None:  # type: ignore[no-untyped-def]
    tasks, refs = draft_records
    wg = {m.body: m for m in find_mandates("draft", "2015-12-07", tasks, refs)}["WG-EC"]
    assert (wg.ends_at, wg.end_year) == ("session:GA:73", 2018)


def test_expiring_before(adopted_records) -> None:  # type: ignore[no-untyped-def]
    tasks, refs = adopted_records
    ms = find_mandates("A/RES/70/125", "2015-12-16", tasks, refs)
    assert {m.body for m in expiring_before(ms, 2026)} == {"IGF", "WG-EC"}
    assert {m.body for m in expiring_before(ms, 2025)} == {"WG-EC"}
    assert expiring_before(ms, 2018) == []


def test_cue_table_loads_and_every_example_fires() -> None:
    assert {c.event for c in cues()} == {"creates", "extends", "ends"}
