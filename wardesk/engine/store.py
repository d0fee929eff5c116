"""Runs into the database on any engine: resume by content hash, one transaction per page.

Pages already stored are recognised before the costly stages: on the local
engine the parent asks the store about each page as it is read; on Ray the
ids already stored travel to the readers once, as a set. Results are written by
this process, each page in its own transaction, as they come back; failures
are written in batches.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Container, Iterable
from pathlib import Path

from wardesk.errors import WardeskError
from wardesk.ingest import IngestOptions
from wardesk.model import PageFailure
from wardesk.pipeline import PageResult, RunSummary
from wardesk.store import Store
from wardesk.store.db import DatabaseErrors, failure_detail

from .options import EngineOptions
from .results import iter_results
from .work import AlreadyStored, EngineStats, Outcome, outcome_name

# Failures are written this many at a time, in one transaction.
FAILURE_BATCH = 500


class StoredPages(Container[str]):
    """The store's pages as a container: ``doc_id in pages`` asks the database, page by page."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def __contains__(self, doc_id: object) -> bool:
        return isinstance(doc_id, str) and self.store.has_document(doc_id)


def skip_for(store: Store, engine: EngineOptions, *, force: bool) -> Container[str]:
    """The pages a run must not re-process: none with ``force``; else the stored ones."""
    if force:
        return frozenset()
    # Ray's readers run on other machines: they get the ids, not a connection.
    return store.document_ids() if engine.engine == "ray" else StoredPages(store)


def run_into_store(
    paths: Iterable[str | Path],
    store: Store,
    *,
    options: IngestOptions,
    engine: EngineOptions,
    force: bool = False,
    on_page: Callable[[str], None] | None = None,
    stats: EngineStats | None = None,
) -> RunSummary:
    """Process pages on ``engine`` and write each one to ``store`` in its own transaction.

    Pages already stored (same content hash) are skipped unless ``force``, so an
    interrupted run started again goes on where it stopped. ``on_page`` is
    called with each page's name as its result is written. A database failure (disk
    full, server gone) stops the run with error E035; the pages stored before stay whole.
    """
    try:
        return _run(paths, store, options, engine, force, on_page, stats)
    except DatabaseErrors as exc:
        raise WardeskError("E035", db=store.location, detail=failure_detail(exc)) from exc


def _run(
    paths: Iterable[str | Path],
    store: Store,
    options: IngestOptions,
    engine: EngineOptions,
    force: bool,
    on_page: Callable[[str], None] | None,
    stats: EngineStats | None,
) -> RunSummary:
    summary = RunSummary()
    started = time.perf_counter()
    run_id = store.start_run()
    skip = skip_for(store, engine, force=force)
    failures: list[PageFailure] = []
    for outcome in iter_results(paths, options, engine, skip=skip, stats=stats):
        _record(store, outcome, summary, failures)
        if len(failures) >= FAILURE_BATCH:
            store.record_failures(run_id, failures)
            failures.clear()
        if on_page is not None:
            on_page(outcome_name(outcome))
    store.record_failures(run_id, failures)
    summary.seconds = time.perf_counter() - started
    store.finish_run(run_id, read=summary.read, stored=summary.stored, failed=len(summary.failures))
    return summary


def _record(
    store: Store, outcome: Outcome, summary: RunSummary, failures: list[PageFailure]
) -> None:
    """Write one outcome: a page in one transaction, a failure into ``failures`` (written
    by the batch), or a count."""
    summary.read += 1
    if isinstance(outcome, PageFailure):
        summary.failures.append(outcome)
        failures.append(outcome)
        return
    if isinstance(outcome, AlreadyStored):
        summary.doc_ids.append(outcome.doc_id)
        summary.already_stored += 1
        return
    assert isinstance(outcome, PageResult)
    summary.doc_ids.append(outcome.document.id)
    store.save_page(outcome.document, outcome.segments, outcome.mentions)
    summary.stored += 1
    summary.mentions += len(outcome.mentions)
    summary.count_date(outcome.document)
