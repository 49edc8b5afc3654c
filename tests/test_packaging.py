"""The package installs as a wheel with all its data, not only as an editable checkout."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAPPED = {"wsiskg": "wsiskg", "wsiskg.extract": "extract", "wsiskg.graph": "graph"}


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_python_package_is_listed() -> None:
    listed = set(_pyproject()["tool"]["setuptools"]["packages"])
    found = set()
    for name, folder in MAPPED.items():
        for init in (ROOT / folder).rglob("__init__.py"):
            rel = init.parent.relative_to(ROOT / folder)
            found.add(".".join([name, *rel.parts]) if rel.parts else name)
    assert found <= listed, f"add to pyproject packages: {sorted(found - listed)}"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
        timeout=600,
    )
    return next(out.glob("wsiskg-*.whl"))


def test_wheel_ships_data(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for pattern in (
        r"wsiskg/ontology/wsiskg\.ttl",
        r"wsiskg/shapes/.+\.ttl",
        r"wsiskg/queries/tasks-with-deadlines\.rq",
        r"wsiskg/corpus/wsis/MANIFEST\.csv",
        r"wsiskg/corpus/wsis/004_3e7d3024c80fa0c1\.txt",
        r"wsiskg/corpus/gold/wsis/004_3e7d3024c80fa0c1\.jsonl",
        r"wsiskg/extract/actors\.csv",
        r"wsiskg/extract/pipeline\.cfg",
        r"wsiskg/extract/patterns/tasks\.jsonl",
        r"wsiskg/extract/data/countries\.csv",
        r"wsiskg/graph/static/index\.html",
        r"wsiskg/graph/static/yasgui/yasgui\.min\.js",
    ):
        assert any(re.fullmatch(pattern, n) for n in names), f"wheel lacks {pattern}"


def test_installed_wheel_finds_its_data(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        timeout=300,
    )
    code = (
        "import wsiskg, wsiskg.paths as p;"
        "print(wsiskg.__file__);"
        "dirs = (p.ontology_dir(), p.shapes_dir(), p.queries_dir(), p.corpus_dir(), p.gold_dir());"
        "print(all(d.is_dir() for d in dirs))"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    env.pop("WSISKG_DATA_DIR", None)
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert out[0].startswith(str(target)), out
    assert out[1] == "True"
