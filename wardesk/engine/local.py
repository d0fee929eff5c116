"""The local engine: worker processes on this machine, one pipeline load per worker.

The parent reads the pages (streaming), cuts them into chunks and hands each
chunk to the pool; at most ``window`` chunks are in flight, so memory stays
bounded however long the input is, and results come back in input order. With
one worker the pages are processed in this process, without a pool.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from multiprocessing.pool import AsyncResult, Pool
from types import TracebackType
from typing import TypeVar

from wardesk.errors import WardeskError

from .work import (
    ChunkReport,
    EngineStats,
    Item,
    Outcome,
    Processor,
    chunked,
    one_blas_thread,
    run_chunk,
)

T = TypeVar("T")
R = TypeVar("R")
Factory = Callable[[], Processor]
# Chunks in flight per worker: one running, one queued, one travelling back.
CHUNKS_PER_WORKER = 3
_PING_SECONDS = 0.02


class _Worker:
    """The state of one worker process: its processor, or why it could not be built."""

    process: Processor | None = None
    error: WardeskError | None = None
    loads: int = 0


def _init_worker(factory: Factory) -> None:
    """Pool initializer: build the processor (load the model) once for this process.

    A coded error (say, a missing model) is kept and raised by the first chunk:
    raised here, the pool would restart the worker forever.
    """
    one_blas_thread()  # this process is ours: for good
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        _Worker.process = factory()
        _Worker.loads += 1
    except WardeskError as exc:
        _Worker.error = exc


@contextmanager
def _ctrl_c_ignored() -> Iterator[None]:
    """Ignore Ctrl-C meanwhile, so that processes spawned meanwhile ignore it from their first
    instruction (Python keeps an inherited SIG_IGN): the parent stops them and says so once,
    instead of each worker printing a traceback. Only the main thread may set handlers."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _run_worker_chunk(items: list[Item]) -> tuple[list[Outcome], ChunkReport]:
    """Process one chunk in a worker process."""
    if _Worker.error is not None:
        raise _Worker.error
    assert _Worker.process is not None, "the pool initializer did not run"
    return run_chunk(items, _Worker.process, _Worker.loads)


def _ping(_: int) -> int:
    """A no-op task: it runs only once the worker has finished loading. Returns the pid."""
    time.sleep(_PING_SECONDS)
    return os.getpid()


def ordered_window(
    tasks: Iterable[T], submit: Callable[[T], AsyncResult[R]], window: int
) -> Iterator[R]:
    """Submit ``tasks`` with at most ``window`` unfinished; yield their results in task order."""
    pending: deque[AsyncResult[R]] = deque()
    for task in tasks:
        pending.append(submit(task))
        if len(pending) >= window:
            yield pending.popleft().get()
    while pending:
        yield pending.popleft().get()


class LocalEngine:
    """A pool of ``workers`` processes, each with its own pipeline; use it as a context manager.

    ``process(items)`` streams the outcomes of ``items`` in order. ``stats``
    collects each worker's chunk reports (pages, busy time, peak memory).
    """

    def __init__(
        self,
        workers: int,
        factory: Factory,
        *,
        chunk_size: int,
        stats: EngineStats | None = None,
    ) -> None:
        self.workers = workers
        self.factory = factory
        self.chunk_size = chunk_size
        self.stats = stats if stats is not None else EngineStats()
        self._pool: Pool | None = None
        self._process: Processor | None = None

    def __enter__(self) -> LocalEngine:
        if self.workers == 1:
            self._process = self.factory()
        else:
            # spawn, not fork: a fork of a process with threads (progress bars, Ray) can hang.
            context = mp.get_context("spawn")
            with _ctrl_c_ignored():
                self._pool = context.Pool(
                    self.workers, initializer=_init_worker, initargs=(self.factory,)
                )
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._pool is None:
            return
        if kind is None:
            self._pool.close()
        else:
            self._pool.terminate()  # interrupted: do not wait for chunks nobody will read
        self._pool.join()

    def wait_until_loaded(self, timeout: float = 300.0) -> None:
        """Block until every worker has loaded its pipeline (benchmarks start the clock after)."""
        if self._pool is None:
            return
        seen: set[int] = set()
        deadline = time.monotonic() + timeout
        while len(seen) < self.workers and time.monotonic() < deadline:
            seen.update(self._pool.map(_ping, range(self.workers * 2), chunksize=1))

    def _run_here(self, chunk: list[Item]) -> tuple[list[Outcome], ChunkReport]:
        """Run a chunk in this process, BLAS held to one thread only meanwhile."""
        assert self._process is not None, "use LocalEngine as a context manager"
        with one_blas_thread():
            return run_chunk(chunk, self._process, 1)

    def process(self, items: Iterable[Item]) -> Iterator[Outcome]:
        """The outcome of each item, in order; pages are processed in chunks by the workers."""
        chunks = chunked(items, self.chunk_size)
        if self._pool is None:
            results = (self._run_here(chunk) for chunk in chunks)
        else:
            pool = self._pool
            window = self.workers * CHUNKS_PER_WORKER
            results = ordered_window(
                chunks, lambda chunk: pool.apply_async(_run_worker_chunk, (chunk,)), window
            )
        for outcomes, report in results:
            self.stats.record(report)
            yield from outcomes
