"""One entry point for every engine: pages in, each page's outcome out, in input order."""

from __future__ import annotations

from collections.abc import Container, Iterable, Iterator, Set
from dataclasses import replace
from pathlib import Path

from wardesk.ingest import IngestOptions, ingest
from wardesk.nlp import resolve_model_name

from .local import LocalEngine
from .options import EngineOptions, local_workers
from .sources import count_pages
from .work import EngineStats, Outcome, PipelineFactory, mark_stored


def iter_results(
    paths: Iterable[str | Path],
    options: IngestOptions,
    engine: EngineOptions | None = None,
    *,
    skip: Container[str] = frozenset(),
    stats: EngineStats | None = None,
) -> Iterator[Outcome]:
    """Run the per-page stages over every page under ``paths`` on ``engine``, streaming.

    Yields a ``PageResult`` per page, a ``PageFailure`` per page that could not
    be read, and an ``AlreadyStored`` per page whose id is in ``skip`` (for the
    Ray engine ``skip`` must be a set: it travels to the readers). The same
    pages give the same outcomes, in the same order, on every engine.
    """
    engine = engine or EngineOptions()
    paths = [paths] if isinstance(paths, str | Path) else list(paths)
    # Reading a page (HTML extraction included) is held to the same limit as its stages.
    options = replace(options, page_seconds=engine.page_seconds)
    if engine.engine == "ray":
        from .ray_data import iter_ray

        if not isinstance(skip, Set):
            raise TypeError("the Ray engine needs skip as a set of document ids")
        return iter_ray(paths, options, engine, skip=skip, stats=stats)
    return iter_local(paths, options, engine, skip=skip, stats=stats)


def iter_local(
    paths: list[str | Path],
    options: IngestOptions,
    engine: EngineOptions,
    *,
    skip: Container[str] = frozenset(),
    stats: EngineStats | None = None,
) -> Iterator[Outcome]:
    """The local engine: this process reads, worker processes run the stages."""
    resolve_model_name(engine.model)  # a missing model fails here, once, not in each worker
    total = count_pages(paths) if engine.workers is None else None
    workers = local_workers(engine, total)
    factory = PipelineFactory(engine.model, engine.page_seconds)
    with LocalEngine(workers, factory, chunk_size=engine.chunk_size, stats=stats) as pool:
        yield from pool.process(mark_stored(ingest(paths, options), skip))
