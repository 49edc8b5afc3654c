"""The query page at / in headless Chromium: loads clean, runs a query, shows rows (issue 5)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.endpoint.cdp import Browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed"),
]

QUERY = """PREFIX wsis: <https://w3id.org/wsiskg/def/>
SELECT ?task ?deadline WHERE { ?task wsis:deadline/wsis:normalized ?deadline }
ORDER BY ?deadline"""


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    b = Browser(CHROMIUM, tmp_path_factory.mktemp("chromium-profile"))
    yield b
    b.close()


def test_page_loads_runs_a_query_and_shows_rows(browser: Browser, url: str) -> None:
    browser.navigate(url + "/")
    browser.wait_for("window.yasgui && document.querySelector('.yasqe') !== null")
    browser.evaluate(f"""(() => {{
        const tab = window.yasgui.getTab();
        tab.getYasqe().setValue({QUERY!r});
        tab.getYasqe().query();
    }})()""")
    rows = browser.wait_for(
        "document.querySelectorAll('.yasr .dataTable tbody tr').length >= 2 && "
        "Array.from(document.querySelectorAll('.yasr .dataTable tbody tr'))"
        ".map(r => r.innerText)"
    )
    assert len(rows) == 2
    assert "2010" in rows[0] and "2025" in rows[1]
    ARTIFACTS.mkdir(exist_ok=True)
    browser.screenshot(ARTIFACTS / "query-page.png")
    assert (ARTIFACTS / "query-page.png").stat().st_size > 10_000
    assert browser.errors == []
