"""The Dask plumbing with a stub processor: order, windowing, failures, path rewriting.

The stub stands in for extraction only here, to test the plumbing on its own; the real
pipeline on a LocalCluster is tested in test_scale_dask_build.py.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

from wsiskg.extract.errors import ExtractError
from wsiskg.extract.records import DocumentMeta, FileExtraction, SourceText
from wsiskg.graph.distributed import DaskExtractor, FileTask, iter_results, make_tasks, run_task

pytest.importorskip("distributed")


def stub_processor(path: Path, task: FileTask) -> FileExtraction:
    """Records with only the source; files containing BAD fail like a real extractor."""
    text = path.read_text("utf-8")
    if "BAD" in text:
        raise ExtractError(f"{path}: cannot be structured")
    source = SourceText(str(path), path.stem, text, "utf-8", hashlib.sha256(task.data).hexdigest())
    meta = DocumentMeta(stem=path.stem, symbol=(task.manifest_row or {}).get("symbol"))
    return FileExtraction(source, meta, (), (), (), ())


def crashing_processor(path: Path, task: FileTask) -> FileExtraction:
    raise KeyError("bug")


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        Client(cluster) as c,
    ):
        yield c


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    out = []
    for i in range(9):
        p = tmp_path / "in" / f"F{i:02d}.txt"
        p.parent.mkdir(exist_ok=True)
        p.write_text("BAD file\n" if i in (4, 7) else f"first {i}\nsecond {i}\n", "utf-8")
        out.append(p)
    return out


def test_result_has_the_client_path_and_pickles() -> None:
    task = FileTask(name="a.txt", data=b"x y", source_path="/in/a.txt")
    res = run_task(stub_processor, task)
    assert res.error is None and res.extraction is not None
    assert res.extraction.source.path == "/in/a.txt"  # not the worker's temporary file
    assert res.extraction.source.stem == "a"
    assert pickle.loads(pickle.dumps(res)) == res


def test_failure_is_reported_not_raised() -> None:
    res = run_task(stub_processor, FileTask(name="b.txt", data=b"BAD", source_path="/in/b.txt"))
    assert res.extraction is None
    assert res.error == "/in/b.txt: cannot be structured"
    res = run_task(crashing_processor, FileTask(name="c.txt", data=b"", source_path="/in/c.txt"))
    assert res.error == "/in/c.txt: internal error KeyError: 'bug'"


def test_results_come_back_in_task_order(client: object, files: list[Path]) -> None:
    tasks = list(make_tasks(files[::-1]))  # order is the caller's
    results = list(iter_results(client, tasks, stub_processor, window=2))  # type: ignore[arg-type]
    assert [r.name for r in results] == [f"F{i:02d}.txt" for i in range(8, -1, -1)]
    assert [r.error is None for r in results].count(False) == 2


def test_extractor_yields_good_files_then_raises_naming_a_failed_one(
    client: object, files: list[Path]
) -> None:
    extractor = DaskExtractor(client, stub_processor, window=3)  # type: ignore[arg-type]
    got: list[str] = []
    with pytest.raises(ExtractError) as err:
        for fx in extractor(files, 2):
            got.append(fx.source.stem)
    assert got == [f"F{i:02d}" for i in range(9) if i not in (4, 7)]
    assert str(err.value) == f"{files[4]}: cannot be structured (and 1 more file(s))"
    assert extractor.submitted == 9
