"""Measuring helpers shared by the benchmarks: wall time and peak RSS of a process tree.

``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` only gives the largest single child, so the
peak of a build that runs worker processes is taken by sampling the whole tree (parent plus
every descendant) with psutil and keeping the largest sum.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import psutil

MIB = 1024 * 1024


class TreeRssSampler:
    """Samples the summed RSS of a process and all its descendants in a background thread."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        self.pid = pid
        self.interval = interval
        self.peak_bytes = 0
        self.peak_processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeRssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def sample(self) -> None:
        try:
            root = psutil.Process(self.pid)
            procs = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return
        total = 0
        alive = 0
        for proc in procs:
            try:
                total += proc.memory_info().rss
                alive += 1
            except psutil.NoSuchProcess:
                continue
        if total > self.peak_bytes:
            self.peak_bytes = total
            self.peak_processes = alive

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    @property
    def peak_mib(self) -> float:
        return round(self.peak_bytes / MIB, 1)


@dataclass
class RunResult:
    """One measured subprocess run."""

    argv: list[str]
    returncode: int
    seconds: float
    peak_rss_mib: float
    peak_processes: int
    stdout: str
    stderr: str


def run_measured(
    argv: Sequence[str],
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float | None = None,
) -> RunResult:
    """Run ``argv``, returning wall time and the peak RSS of its whole process tree."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(argv),
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    with TreeRssSampler(proc.pid) as sampler:
        out, err = proc.communicate(timeout=timeout)
    return RunResult(
        argv=list(argv),
        returncode=proc.returncode,
        seconds=round(time.perf_counter() - start, 3),
        peak_rss_mib=sampler.peak_mib,
        peak_processes=sampler.peak_processes,
        stdout=out,
        stderr=err,
    )


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A GitHub-flavoured Markdown table (the closing note pastes it as is)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)
