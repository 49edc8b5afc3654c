"""A fixed pool of query worker processes; a worker past its time limit is killed and replaced.

Bounded concurrency falls out of the pool size: a request that finds no idle worker within
``queue_wait`` seconds is refused (503) instead of queueing without end. Threads are not enough
here: a running pyoxigraph query cannot be interrupted, only its process can be killed.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import threading
import time
from multiprocessing.process import BaseProcess

from wsiskg.graph.endpoint.errors import (
    EndpointError,
    QueryTimeoutError,
    SaturatedError,
    StoreUnavailableError,
)
from wsiskg.graph.endpoint.worker import QueryJob, QueryReply, worker_main

log = logging.getLogger(__name__)

START_TIMEOUT = 60.0


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, store_path: str) -> None:
        ctx = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self.conn, child = ctx.Pipe()
        self.process: BaseProcess = ctx.Process(
            target=worker_main, args=(child, store_path), name="wsiskg-query-worker", daemon=True
        )
        self.process.start()
        child.close()
        if not self.conn.poll(START_TIMEOUT):
            self.kill()
            raise StoreUnavailableError("query worker did not start")
        try:
            status, message = self.conn.recv()
        except (EOFError, OSError):
            self.kill()
            raise StoreUnavailableError("query worker exited at start-up") from None
        if status != "ready":
            self.kill()
            raise StoreUnavailableError(message)

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    """``size`` worker processes over one read-only store."""

    def __init__(self, store_path: str, size: int, timeout: float, queue_wait: float) -> None:
        if size < 1:
            raise EndpointError("max concurrency must be at least 1")
        self.store_path = store_path
        self.size = size
        self.timeout = timeout
        self.queue_wait = queue_wait
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        self._lock = threading.Lock()
        self._all: set[_Worker] = set()
        self.killed = 0
        for _ in range(size):
            self._release(_Worker(store_path))

    def _release(self, worker: _Worker) -> None:
        with self._lock:
            if self._closed:
                worker.kill()
                return
            self._all.add(worker)
        self._idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` and start its successor in the background (slot stays taken)."""
        with self._lock:
            self._all.discard(worker)
            self.killed += 1
        worker.kill()

        def start() -> None:
            while not self._closed:
                try:
                    self._release(_Worker(self.store_path))
                    return
                except EndpointError:
                    log.exception("could not restart a query worker; retrying")
                    time.sleep(1.0)

        threading.Thread(target=start, name="wsiskg-worker-restart", daemon=True).start()

    def idle(self) -> int:
        return self._idle.qsize()

    def run(self, job: QueryJob) -> QueryReply:
        """Run ``job`` on an idle worker, within the time limit."""
        try:
            worker = self._idle.get(timeout=self.queue_wait)
        except queue.Empty:
            raise SaturatedError(f"all {self.size} query workers are busy; retry shortly") from None
        try:
            worker.conn.send(job)
            if worker.conn.poll(self.timeout):
                reply: QueryReply = worker.conn.recv()
                self._idle.put(worker)
                return reply
        except (EOFError, OSError, BrokenPipeError) as exc:
            log.error("query worker died: %s", exc)
            self._replace(worker)
            raise EndpointError("the query worker died while running the query") from None
        self._replace(worker)
        raise QueryTimeoutError(
            f"the query ran longer than the time limit of {self.timeout:g} s and was stopped"
        )

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            try:
                worker.conn.send(None)
            except OSError:
                pass
            worker.kill()
