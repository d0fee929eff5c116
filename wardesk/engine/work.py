"""What every engine shares: the unit of work, what comes back, and what workers report.

A worker loads the pipeline once (:class:`PipelineFactory`), then runs
:func:`run_chunk` over chunks of ingested items. Pages that failed to read and
pages already stored travel through the workers untouched, so the results come
back in input order on every engine.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import TypeVar

from threadpoolctl import threadpool_limits

from wardesk.model import Document, PageFailure
from wardesk.pipeline import DEFAULT_PAGE_SECONDS, PageResult, load_services, process_within

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class AlreadyStored:
    """A page not processed because the database already holds it (same content hash)."""

    doc_id: str
    name: str


Item = Document | PageFailure | AlreadyStored
Outcome = PageResult | PageFailure | AlreadyStored
Processor = Callable[[Document], PageResult | PageFailure]


@dataclass(frozen=True, slots=True)
class PipelineFactory:
    """Builds the per-page processor in a worker: one model load per call, so per worker.

    ``page_seconds`` limits each page's processing (None: no limit).
    """

    model: str
    page_seconds: float | None = DEFAULT_PAGE_SECONDS

    def __call__(self) -> Processor:
        """Load the model, lexicon and gazetteer; return ``doc -> PageResult | PageFailure``."""
        services = load_services(self.model)
        return partial(process_within, services=services, seconds=self.page_seconds)


@dataclass(frozen=True, slots=True)
class ChunkReport:
    """What one worker says about one chunk: who ran it, when, and its memory high-water mark."""

    pid: int
    loads: int
    pages: int
    words: int
    started: float
    finished: float
    peak_rss_mb: float


@dataclass(slots=True)
class WorkerStats:
    """Totals for one worker process over a run."""

    pid: int
    loads: int = 0
    pages: int = 0
    words: int = 0
    busy_seconds: float = 0.0
    first_start: float = float("inf")
    last_finish: float = 0.0
    peak_rss_mb: float = 0.0


@dataclass(slots=True)
class EngineStats:
    """Per-worker totals, filled from the chunk reports as results come back."""

    workers: dict[int, WorkerStats] = field(default_factory=dict)

    def record(self, report: ChunkReport) -> None:
        """Add one chunk's report to its worker's totals."""
        stats = self.workers.setdefault(report.pid, WorkerStats(report.pid))
        stats.loads = max(stats.loads, report.loads)
        stats.pages += report.pages
        stats.words += report.words
        stats.busy_seconds += report.finished - report.started
        stats.first_start = min(stats.first_start, report.started)
        stats.last_finish = max(stats.last_finish, report.finished)
        stats.peak_rss_mb = max(stats.peak_rss_mb, report.peak_rss_mb)

    @property
    def first_start(self) -> float:
        """When the first page started in any worker (``time.time()`` clock)."""
        return min((w.first_start for w in self.workers.values()), default=0.0)


def run_chunk(
    items: list[Item], process: Processor, loads: int
) -> tuple[list[Outcome], ChunkReport]:
    """Run ``process`` over the documents of a chunk; other items pass through unchanged."""
    started = time.time()
    outcomes: list[Outcome] = []
    pages = words = 0
    for item in items:
        if isinstance(item, Document):
            outcomes.append(process(item))
            pages += 1
            words += len(item.text.split())
        else:
            outcomes.append(item)
    report = ChunkReport(os.getpid(), loads, pages, words, started, time.time(), peak_rss_mb())
    return outcomes, report


def one_blas_thread() -> threadpool_limits:
    """Hold numpy's BLAS to one thread (a context manager, or for good when not used as one).

    One worker per core is the unit of parallelism; BLAS threads on top of it
    oversubscribe the cores and spin: two bare spaCy processes on two cores ran
    at a third of their speed before this.
    """
    return threadpool_limits(limits=1, user_api="blas")


def peak_rss_mb() -> float:
    """This process's peak resident memory in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def mark_stored(items: Iterable[Document | PageFailure], skip: Container[str]) -> Iterator[Item]:
    """Replace each document whose id is in ``skip`` by an :class:`AlreadyStored`, streaming."""
    for item in items:
        if isinstance(item, Document) and item.id in skip:
            yield AlreadyStored(item.id, item.name)
        else:
            yield item


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` consecutive items (the last may be shorter), streaming."""
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def outcome_name(outcome: Outcome) -> str:
    """The page name of an outcome, for progress display."""
    return outcome.document.name if isinstance(outcome, PageResult) else outcome.name


def outcome_id(outcome: Outcome) -> str | None:
    """The content hash of an outcome's page; None for a page that could not be read."""
    if isinstance(outcome, PageResult):
        return outcome.document.id
    return outcome.doc_id if isinstance(outcome, AlreadyStored) else None
