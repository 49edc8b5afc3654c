"""Issue 8: an interrupted build (Ctrl-C, kill) leaves the previous store, dumps and build.json
intact, and the next build completes and equals a clean build."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.scale.scale_helpers import copy_sample
from wsiskg.graph import build as build_module
from wsiskg.graph import dumps as dumps_module
from wsiskg.graph.build import BuildConfig, build_graph
from wsiskg.graph.store import StoreBuilder

OUTPUTS = ("graph.nq", "graph.nt", "graph.ttl", "build.json")


def _snapshot(out: Path) -> dict[str, object]:
    """The bytes of every output and the quads of the current store."""
    snap: dict[str, object] = {name: (out / name).read_bytes() for name in OUTPUTS}
    store = ox.Store.read_only(str(out / "store"))
    snap["store"] = sorted(str(q) for q in store)
    del store
    return snap


def _edit(corpus: Path) -> None:
    """A change the next build must pick up: one file edited, one added."""
    f = corpus / "A_RES_79_262.txt"
    f.write_text(f.read_text("utf-8") + "3. Decides to remain seized of the matter.\n", "utf-8")
    copy_sample(corpus, ("S_RES_1860(2009).txt",))


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path, dict[str, object]]:
    corpus = copy_sample(tmp_path / "in", ("A_RES_58_280.txt", "A_RES_79_262.txt"))
    out = tmp_path / "out"
    build_graph([corpus], BuildConfig(out=out))
    return corpus, out, _snapshot(out)


def _interrupt_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    def stop(*_args: object, **_kwargs: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(build_module, "_file_outcomes", stop)


def _interrupt_dumps(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C in the middle of writing graph.nq (after some bytes are on disk)."""
    original = dumps_module._HashingWriter.write
    calls = {"n": 0}

    def write(self: object, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return original(self, data)  # type: ignore[arg-type]

    monkeypatch.setattr(dumps_module._HashingWriter, "write", write)


def _interrupt_commit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C once the new store, dumps and build.json are complete, before the swap."""

    def commit(self: StoreBuilder, outputs: object = ()) -> Path:
        raise KeyboardInterrupt

    monkeypatch.setattr(StoreBuilder, "commit", commit)


@pytest.mark.parametrize(
    "interrupt",
    [_interrupt_extraction, _interrupt_dumps, _interrupt_commit],
    ids=["extraction", "dumps", "commit"],
)
def test_ctrl_c_keeps_the_previous_build(
    built: tuple[Path, Path, dict[str, object]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    interrupt: Callable[[pytest.MonkeyPatch], None],
) -> None:
    corpus, out, before = built
    _edit(corpus)
    with monkeypatch.context() as patch:
        interrupt(patch)
        with pytest.raises(KeyboardInterrupt):
            build_graph([corpus], BuildConfig(out=out))
    assert _snapshot(out) == before
    assert [p.name for p in out.iterdir() if p.name.startswith(".") and "tmp" in p.name] == []
    assert len(list((out / ".builds").iterdir())) == 1  # the half-built folder is gone

    # the next build completes and gives what a clean build gives
    again = build_graph([corpus], BuildConfig(out=out))
    assert again.extracted == ["A_RES_79_262", "S_RES_1860(2009)"]
    build_graph([corpus], BuildConfig(out=tmp_path / "clean", incremental=False))
    for name in ("graph.nq", "graph.nt", "graph.ttl"):
        assert (out / name).read_bytes() == (tmp_path / "clean" / name).read_bytes(), name


def test_kill_keeps_the_previous_build(
    built: tuple[Path, Path, dict[str, object]], tmp_path: Path
) -> None:
    """SIGKILL (no cleanup at all) while the new store is being written."""
    corpus, out, before = built
    _edit(corpus)
    stores = out / ".builds"
    old = set(stores.iterdir())
    proc = subprocess.Popen(
        [sys.executable, "-m", "wsiskg", "build", str(corpus), "-o", str(out), "--full"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    try:
        while not set(stores.iterdir()) - old:  # the new build folder exists: kill now
            assert proc.poll() is None, "the build ended before it could be killed"
            assert time.monotonic() < deadline, "the build never started its store"
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(30)
    assert proc.returncode == -signal.SIGKILL
    assert _snapshot(out) == before

    again = build_graph([corpus], BuildConfig(out=out))
    assert sorted(again.extracted + again.reused) == [
        "A_RES_58_280",
        "A_RES_79_262",
        "S_RES_1860(2009)",
    ]
    assert again.conforms
    build_graph([corpus], BuildConfig(out=tmp_path / "clean", incremental=False))
    assert (out / "graph.nq").read_bytes() == (tmp_path / "clean" / "graph.nq").read_bytes()
