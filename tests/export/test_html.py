"""The offline HTML page: self-contained, and driven in headless Chromium (tests/browser.py)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from wsiskg.graph.export import ExportFilters, build_view, export
from wsiskg.graph.export.html import CYTOSCAPE_JS, write_html

VENDOR = CYTOSCAPE_JS.parent


def test_vendored_cytoscape_matches_its_record():
    record = json.loads((VENDOR / "VENDOR.json").read_text(encoding="utf-8"))
    assert record["licence"] == "MIT" and (VENDOR / record["licence_file"]).is_file()
    digest = hashlib.sha256((VENDOR / record["file"]).read_bytes()).hexdigest()
    assert digest == record["sha256"]


def test_page_is_self_contained(store: ox.Store, tmp_path: Path):
    path = tmp_path / "tasks.html"
    export(store, "tasks", "html", path)
    page = path.read_text(encoding="utf-8")
    assert not re.search(r"<(script|img|iframe)[^>]*\bsrc=", page, flags=re.IGNORECASE)
    assert not re.search(r"<link\b", page, flags=re.IGNORECASE)
    assert "@import" not in page and "cdn" not in page.lower()
    assert "The Cytoscape Consortium" in page  # the library and its licence header are inlined
    # text from the graph never reaches the page as markup
    assert "<e-government" not in page
    assert page.count("</script>") == 3


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from tests.browser import Browser, chromium_path

    if chromium_path() is None:
        print("SKIP reason: Chromium is not installed (Debian package chromium)")
        pytest.skip("Chromium is not installed (Debian package chromium)")
    with Browser(width=1280, height=800) as b:
        yield b


def open_page(browser, path: Path):
    page = browser.open(path.resolve().as_uri())
    page.wait_for("window.wsiskg && window.wsiskg.ready === true")
    return page


@pytest.mark.browser
def test_tasks_page_in_chromium(store: ox.Store, tmp_path: Path, browser, artifacts: Path):
    html_path = tmp_path / "tasks.html"
    export(store, "tasks", "html", html_path)
    export(store, "tasks", "graphml", tmp_path / "tasks.graphml")
    exported = nx.read_graphml(tmp_path / "tasks.graphml", force_multigraph=True)

    page = open_page(browser, html_path)
    assert page.errors() == []
    assert page.evaluate("wsiskg.visibleNodeCount()") == exported.number_of_nodes() == 7
    assert page.evaluate("wsiskg.visibleEdgeCount()") == exported.number_of_edges() == 5
    assert page.evaluate("document.getElementById('count').textContent") == (
        "7 nodes, 5 edges shown"
    )
    # the filters change what is rendered, and agree with the exporter's own filters
    assert page.evaluate("wsiskg.setFilters({relation: 'requests'})") == 4
    assert page.evaluate("wsiskg.setFilters({body: 'ECOSOC'})") == 3
    assert page.evaluate("wsiskg.setFilters({from: 2013})") == 4
    assert page.evaluate("wsiskg.setFilters({})") == 7
    # legend lists each verb with its colour
    legend = page.evaluate("document.getElementById('legend').textContent")
    for verb in ("requests", "calls upon", "extends mandate", "invites"):
        assert verb in legend
    # clicking an edge shows its paragraph text and a link to the paragraph IRI
    page.evaluate(
        "wsiskg.cy.edges().filter(e => e.data('relation') === 'extends_mandate').emit('tap'); 1"
    )
    details = page.evaluate("document.getElementById('details').textContent")
    assert "extend for another 10 years the existing mandate" in details
    assert "P10Y" in details
    hrefs = page.evaluate("Array.from(document.querySelectorAll('#details a')).map(a => a.href)")
    assert "https://w3id.org/wsiskg/id/doc/A/RES/70/125/para/63" in hrefs
    # search highlights without hiding
    page.evaluate(
        "var s = document.getElementById('search'); s.value = 'cstd';"
        "s.dispatchEvent(new Event('input')); 1"
    )
    page.wait_for("wsiskg.cy.nodes('.match').length > 0")
    assert page.evaluate("wsiskg.cy.nodes('.match').map(n => n.data('label')).sort()") == [
        "CSTD",
        "CSTD-Chair",
    ]
    assert page.errors() == []
    page.screenshot(artifacts / "tasks.png")
    assert (artifacts / "tasks.png").read_bytes()[:4] == b"\x89PNG"


@pytest.mark.browser
def test_node_panel_escapes_text(store: ox.Store, tmp_path: Path, browser):
    path = tmp_path / "paras.html"
    export(store, "citations", "html", path, ExportFilters(paragraphs=True))
    page = open_page(browser, path)
    assert page.evaluate("wsiskg.visibleNodeCount()") == 9
    page.evaluate(
        "wsiskg.cy.getElementById('https://w3id.org/wsiskg/id/doc/E/RES/2012/5/para/1')"
        ".emit('tap'); 1"
    )
    assert "Reaffirms paragraph 111" in page.evaluate(
        "document.querySelector('#details blockquote').textContent"
    )
    assert page.errors() == []


@pytest.mark.browser
def test_large_graph_is_paged_and_says_so(store: ox.Store, tmp_path: Path, browser, artifacts):
    path = tmp_path / "actors.html"
    write_html(build_view(store, "actors"), path, page_size=3)
    page = open_page(browser, path)
    notice = page.evaluate("document.getElementById('notice').textContent")
    assert "This graph has 8 nodes" in notice and "page 1 of 3" in notice
    assert page.evaluate("wsiskg.cy.nodes().length") == 3
    page.evaluate("document.getElementById('next').click(); 1")
    page.wait_for("wsiskg.page === 1 && wsiskg.ready === true")
    assert "page 2 of 3" in page.evaluate("document.getElementById('notice').textContent")
    assert page.errors() == []
    page.screenshot(artifacts / "actors-paged.png")
