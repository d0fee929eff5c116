"""The Ray engine: the per-page stages as a Ray Data pipeline, one pipeline load per actor.

    units (files, JSONL shards, WARC archives)
      -> map_batches(ingest_units)              tasks: read and ingest, streaming
      -> map_batches(PageWorker, actor pool)    segment … ground, the model loaded once per actor
      -> the driver: results in input order (pages repeated across files dropped there)

Connects to the cluster at ``ray_address`` when given, else to the Ray runtime
already started in this process, else starts a local one for the run and
stops it after. Ray is optional: ``pip install 'wardesk[ray]'``.
"""

from __future__ import annotations

import logging
import os
import pickle
import warnings
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from wardesk.errors import WardeskError
from wardesk.ingest import STDIN, IngestOptions, expand_paths, ingest
from wardesk.model import PageFailure
from wardesk.nlp import resolve_model_name

from .options import EngineOptions
from .work import (
    ChunkReport,
    EngineStats,
    Outcome,
    PipelineFactory,
    chunked,
    mark_stored,
    one_blas_thread,
    outcome_id,
    run_chunk,
)

# Ray's own progress bars and INFO lines would interleave with wardesk's output.
_QUIET_LOGGERS = ("ray", "ray.data")
# Ingest blocks per worker: enough for the readers to run ahead of the actors.
_BLOCKS_PER_WORKER = 4


def require_ray() -> Any:
    """Import Ray Data, or raise E020 saying how to install it."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # never phone home
    try:
        import ray
        import ray.data  # noqa: F401  (the submodule must be importable too)
    except ImportError as exc:
        raise WardeskError("E020", detail=str(exc)) from exc
    return ray


@contextmanager
def ray_runtime(options: EngineOptions) -> Iterator[int]:
    """Make sure a Ray runtime is up for the run; yield its CPU count.

    A runtime this function starts (local, or a connection to ``ray_address``)
    is shut down on exit; one that was already running is left as it was.
    """
    ray = require_ray()
    started = not ray.is_initialized()
    if started:
        _start_ray(ray, options)
    try:
        yield max(1, int(ray.cluster_resources().get("CPU", 1)))
    finally:
        if started:
            ray.shutdown()


def _start_ray(ray: Any, options: EngineOptions) -> None:
    settings: dict[str, Any] = {
        "include_dashboard": False,
        "log_to_driver": False,
        "logging_level": logging.ERROR,
    }
    if options.ray_address:
        try:
            ray.init(address=options.ray_address, **settings)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise WardeskError("E022", address=options.ray_address, detail=str(exc)) from exc
        return
    cpus = max(os.cpu_count() or 1, options.workers or 1)
    ray.init(num_cpus=cpus, **settings)


@contextmanager
def _quiet_ray_logs() -> Iterator[None]:
    """Hold Ray's loggers at ERROR for the run, then put their levels back."""
    loggers = [logging.getLogger(name) for name in _QUIET_LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def ingest_units(
    batch: Any, *, options: IngestOptions, skip: Collection[str], rows: int
) -> Iterator[Any]:
    """Ray Data task: ingest each unit of ``batch``; yield tables of ``rows`` pickled items."""
    import pyarrow as pa

    for blob in batch["unit"].to_pylist():
        unit = pickle.loads(blob)
        items = [unit] if isinstance(unit, PageFailure) else ingest([unit], options)
        for chunk in chunked(mark_stored(items, skip), rows):
            yield pa.table({"item": pa.array([pickle.dumps(i) for i in chunk], pa.binary())})


class PageWorker:
    """Ray Data actor: loads the pipeline once, then runs segment … ground over batches."""

    def __init__(self, factory: PipelineFactory) -> None:
        one_blas_thread()  # the actor's process is ours: for good
        self.process = factory()

    def __call__(self, batch: Any) -> Any:
        """Process one batch of pickled items; the first row also carries the chunk report."""
        import pyarrow as pa

        items = [pickle.loads(blob) for blob in batch["item"].to_pylist()]
        outcomes, report = run_chunk(items, self.process, loads=1)
        reports = [pickle.dumps(report)] + [b""] * (len(outcomes) - 1)
        return pa.table(
            {
                "item": pa.array([pickle.dumps(o) for o in outcomes], pa.binary()),
                "report": pa.array(reports, pa.binary()),
            }
        )


def units_of(paths: Iterable[str | Path], options: IngestOptions) -> list[str | PageFailure]:
    """The files (and unreadable-folder failures) the readers share out, in reading order."""
    units: list[str | PageFailure] = []
    for item in expand_paths(paths, options):
        if str(item) == STDIN:
            raise WardeskError("E021")
        units.append(item if isinstance(item, PageFailure) else str(item))
    return units


def build_dataset(
    units: list[str | PageFailure],
    options: IngestOptions,
    engine: EngineOptions,
    *,
    workers: int,
    cpus: int,
    skip: Collection[str],
) -> Any:
    """The lazy Ray Dataset of pickled outcomes (``item``) and chunk reports (``report``)."""
    import ray.data

    dataset = ray.data.from_items(
        [{"unit": pickle.dumps(unit)} for unit in units],
        override_num_blocks=max(1, min(len(units), workers * _BLOCKS_PER_WORKER)),
    )
    context = dataset.context
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    dataset = dataset.map_batches(
        ingest_units,
        batch_size=1,
        batch_format="pyarrow",
        fn_kwargs={"options": options, "skip": frozenset(skip), "rows": engine.chunk_size},
        num_cpus=0,  # light next to the actors; they hold the CPUs
    )
    with warnings.catch_warnings():
        # max_restarts goes through **ray_remote_args, deprecated since Ray 2.51 with no named
        # replacement yet. Without it Ray restarts a lost actor, and says at every start that
        # it could not (its constructor argument lives in the object store).
        warnings.simplefilter("ignore", DeprecationWarning)
        return dataset.map_batches(
            PageWorker,
            batch_size=engine.chunk_size,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=workers),
            fn_constructor_args=(PipelineFactory(engine.model, engine.page_seconds),),
            num_cpus=min(1.0, cpus / workers),
            max_restarts=0,  # a lost actor fails the run; started again, the run resumes
        )


def iter_ray(
    paths: Iterable[str | Path],
    options: IngestOptions,
    engine: EngineOptions,
    *,
    skip: Collection[str] = frozenset(),
    stats: EngineStats | None = None,
) -> Iterator[Outcome]:
    """Run the per-page stages on Ray; yield each page's outcome in input order.

    A page whose content was already seen in an earlier file is dropped here,
    as ``ingest`` drops it on one machine.
    """
    resolve_model_name(engine.model)  # a missing model fails here, not in every actor
    units = units_of(paths, options)  # standard input fails here, before Ray starts
    if not units:
        return
    stats = stats if stats is not None else EngineStats()
    with ray_runtime(engine) as cpus, _quiet_ray_logs():
        workers = engine.workers or cpus
        dataset = build_dataset(units, options, engine, workers=workers, cpus=cpus, skip=skip)
        seen: set[str] = set()
        for batch in dataset.iter_batches(batch_format="pyarrow", batch_size=None):
            yield from _unpack(batch, seen, stats)


def _unpack(batch: Any, seen: set[str], stats: EngineStats) -> Iterator[Outcome]:
    """The outcomes of one result batch, less pages already seen; its reports go to ``stats``."""
    for blob, report in zip(batch["item"].to_pylist(), batch["report"].to_pylist(), strict=True):
        if report:
            stats.record(_load_report(report))
        outcome: Outcome = pickle.loads(blob)
        doc_id = outcome_id(outcome)
        if doc_id is not None:
            if doc_id in seen:
                continue
            seen.add(doc_id)
        yield outcome


def _load_report(blob: bytes) -> ChunkReport:
    report = pickle.loads(blob)
    assert isinstance(report, ChunkReport)
    return report
