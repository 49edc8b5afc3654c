"""The query page at / in headless Chromium: loads clean, runs a query, shows rows (issue 5)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import Browser, chromium_path

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(chromium_path() is None, reason="Debian chromium is not installed"),
]

QUERY = """PREFIX wsis: <https://w3id.org/wsiskg/def/>
SELECT ?task ?deadline WHERE { ?task wsis:deadline/wsis:normalized ?deadline }
ORDER BY ?deadline"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with Browser() as b:
        yield b


def test_page_loads_runs_a_query_and_shows_rows(browser: Browser, url: str) -> None:
    page = browser.open(url + "/")
    page.wait_for("window.yasgui && document.querySelector('.yasqe') !== null")
    page.evaluate(f"""(() => {{
        const tab = window.yasgui.getTab();
        tab.getYasqe().setValue({QUERY!r});
        tab.getYasqe().query();
    }})()""")
    rows = page.wait_for(
        "document.querySelectorAll('.yasr .dataTable tbody tr').length >= 2 && "
        "Array.from(document.querySelectorAll('.yasr .dataTable tbody tr'))"
        ".map(r => r.innerText)"
    )
    assert len(rows) == 2
    assert "2010" in rows[0] and "2025" in rows[1]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(ARTIFACTS / "query-page.png")
    assert (ARTIFACTS / "query-page.png").stat().st_size > 10_000
    assert page.errors() == []
