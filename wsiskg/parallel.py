"""One way to map a function over files in worker processes, shared by extraction and build.

Results come back in input order with a bounded number of tasks in flight (memory stays flat
and no worker waits on one slow file). A worker that dies (killed, out of memory) breaks its
pool: the items not yet yielded go to a fresh pool, the first of them alone first, so only the
item that kills its worker becomes a failure and every other item still runs.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

WINDOW_PER_WORKER = 8  # tasks in flight per worker


def map_in_order(
    func: Callable[[T], R],
    items: Sequence[T],
    workers: int,
    on_worker_death: Callable[[T, BaseException], R],
) -> Iterator[R]:
    """``func`` over ``items`` in ``workers`` processes, yielded in input order."""
    todo = list(items)
    window = WINDOW_PER_WORKER * workers
    while todo:
        pending: deque[Future[R]] = deque()
        done = 0
        pool = ProcessPoolExecutor(max_workers=workers)
        try:
            queued = iter(todo)
            for item in queued:
                pending.append(pool.submit(func, item))
                if len(pending) >= window:
                    break
            while pending:
                result = pending.popleft().result()
                nxt = next(queued, None)
                if nxt is not None:
                    pending.append(pool.submit(func, nxt))
                done += 1
                yield result
            todo = []
        except BrokenProcessPool:
            todo = todo[done:]
            yield _isolated(func, todo[0], on_worker_death)
            todo = todo[1:]
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _isolated(
    func: Callable[[T], R], item: T, on_worker_death: Callable[[T, BaseException], R]
) -> R:
    """One item in a pool of its own: its worker dying is that item's failure."""
    with ProcessPoolExecutor(max_workers=1) as pool:
        try:
            return pool.submit(func, item).result()
        except BrokenProcessPool as exc:
            return on_worker_death(item, exc)
