"""Corpus-scale runs: the per-page stages (ingest … ground) spread over processes or a cluster.

Two engines, one interface (:func:`iter_results`), the same mentions for the
same pages on each:

- ``local``: worker processes on this machine, one pipeline load per worker;
- ``ray``: a Ray Data pipeline (``map_batches`` over an actor pool, one
  pipeline load per actor), on a cluster or a local Ray runtime
  (``pip install 'wardesk[ray]'``).

:func:`run_into_store` writes the results to the database, page by page,
skipping pages already stored; fusion then runs on the database.
"""

from __future__ import annotations

from .options import DEFAULT_CHUNK, ENGINES, EngineName, EngineOptions
from .parquet import write_parquet_shards
from .results import iter_results
from .sources import count_pages
from .store import run_into_store
from .work import AlreadyStored, EngineStats, Outcome, WorkerStats

__all__ = [
    "DEFAULT_CHUNK",
    "ENGINES",
    "AlreadyStored",
    "EngineName",
    "EngineOptions",
    "EngineStats",
    "Outcome",
    "WorkerStats",
    "count_pages",
    "iter_results",
    "run_into_store",
    "write_parquet_shards",
]
