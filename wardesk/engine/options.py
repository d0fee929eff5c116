"""Settings for a corpus-scale run: which engine, how many workers, which model."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Literal

from wardesk.errors import WardeskError
from wardesk.nlp import DEFAULT_MODEL
from wardesk.pipeline import DEFAULT_PAGE_SECONDS

EngineName = Literal["local", "ray"]
ENGINES: tuple[EngineName, ...] = ("local", "ray")
# Pages handed to a worker at once: enough to make the hand-over cheap next to the
# work (a page takes tens of milliseconds), few enough to keep the workers evenly fed.
DEFAULT_CHUNK = 8
# With the worker count left open, a run gets one worker per this many pages (and
# at most one per core): starting a worker costs about a second of model loading.
PAGES_PER_WORKER = 32


@dataclass(frozen=True, slots=True)
class EngineOptions:
    """How the per-page stages are spread over processes.

    ``engine`` is ``local`` (worker processes on this machine) or ``ray`` (Ray
    Data actors on a cluster, ``ray_address``, or on a local one started for the
    run). ``workers`` None means every core (local) or every CPU of the cluster
    (ray). ``chunk_size`` pages go to a worker at a time. ``page_seconds`` limits
    one page's processing (None: no limit; enforced in local workers, see
    :mod:`wardesk.deadline`).
    """

    engine: EngineName = "local"
    workers: int | None = None
    model: str = DEFAULT_MODEL
    ray_address: str | None = None
    chunk_size: int = DEFAULT_CHUNK
    page_seconds: float | None = DEFAULT_PAGE_SECONDS

    def __post_init__(self) -> None:
        if self.page_seconds is not None and self.page_seconds <= 0:
            raise WardeskError(
                "E005", name="page_seconds", value=self.page_seconds, detail="above 0"
            )
        if self.engine not in ENGINES:
            raise WardeskError("E005", name="engine", value=self.engine, detail=f"one of {ENGINES}")
        if self.workers is not None and self.workers < 1:
            raise WardeskError("E005", name="workers", value=self.workers, detail="at least 1")
        if self.chunk_size < 1:
            raise WardeskError(
                "E005", name="chunk_size", value=self.chunk_size, detail="at least 1"
            )


def local_workers(options: EngineOptions, total_pages: int | None) -> int:
    """The worker count for a local run: as asked, else one per core, fewer for few pages."""
    if options.workers is not None:
        return options.workers
    cores = os.cpu_count() or 1
    if total_pages is None:
        return cores
    return max(1, min(cores, total_pages // PAGES_PER_WORKER))
