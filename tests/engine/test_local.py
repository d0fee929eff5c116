"""The local engine: chunks, a bounded window of work in flight, order kept, streaming input."""

from __future__ import annotations

import itertools
import json
import tracemalloc
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fakes import EchoFactory

from wardesk.engine import EngineOptions, EngineStats, iter_results
from wardesk.engine.local import LocalEngine, ordered_window
from wardesk.engine.options import local_workers
from wardesk.engine.work import AlreadyStored, chunked, mark_stored
from wardesk.errors import WardeskError
from wardesk.ingest import IngestOptions, ingest
from wardesk.model import Document, PageFailure
from wardesk.pipeline import PageResult


def doc(n: int) -> Document:
    return Document(id=f"id{n}", name=f"page{n}", text=f"page {n} text", format="text")


class Done:
    """An already-finished async result."""

    def __init__(self, value):
        self.value = value

    def get(self):
        return self.value


def test_chunked_streams_lists_of_the_given_size():
    assert list(chunked(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(chunked([], 3)) == []


def test_ordered_window_keeps_order_and_bounds_the_work_in_flight():
    submitted: list[int] = []
    pulled = itertools.count()

    def tasks():
        for n in range(1_000_000):
            next(pulled)
            yield n

    def submit(n):
        submitted.append(n)
        return Done(n * 2)

    results = ordered_window(tasks(), submit, window=4)
    assert [next(results) for _ in range(10)] == [n * 2 for n in range(10)]
    assert len(submitted) <= 10 + 4  # never more than the window ahead of the reader


def test_ordered_window_with_real_concurrency_keeps_input_order():
    with ThreadPoolExecutor(4) as pool:

        class Future:
            def __init__(self, n):
                self.future = pool.submit(lambda: (n % 5) and n)

            def get(self):
                return self.future.result()

        assert list(ordered_window(range(50), Future, window=6)) == [
            (n % 5) and n for n in range(50)
        ]


def test_mark_stored_replaces_stored_documents_only():
    items = [doc(1), PageFailure("bad", "P101", "empty"), doc(2)]
    marked = list(mark_stored(items, {"id2"}))
    assert marked[:2] == items[:2]
    assert marked[2] == AlreadyStored("id2", "page2")


def test_in_process_engine_passes_failures_and_stored_pages_through():
    items = [doc(1), PageFailure("bad", "P101", "empty"), AlreadyStored("id9", "p9"), doc(2)]
    stats = EngineStats()
    with LocalEngine(1, EchoFactory(), chunk_size=3, stats=stats) as engine:
        outcomes = list(engine.process(items))
    assert [type(o).__name__ for o in outcomes] == [
        "PageResult", "PageFailure", "AlreadyStored", "PageResult",
    ]  # fmt: skip
    (worker,) = stats.workers.values()
    assert worker.pages == 2 and worker.loads == 1 and worker.peak_rss_mb > 0


def test_pool_engine_keeps_order_and_reads_ahead_only_a_window():
    pulled = itertools.count()

    def endless():
        for n in itertools.count():
            next(pulled)
            yield doc(n)

    stats = EngineStats()
    with LocalEngine(2, EchoFactory(delay=0.001), chunk_size=4, stats=stats) as engine:
        engine.wait_until_loaded()
        outcomes = engine.process(endless())
        first = [next(outcomes).document.name for _ in range(40)]
        ahead = next(pulled)
        outcomes.close()
    assert first == [f"page{n}" for n in range(40)]
    # At most (2 workers x 3 chunks) x 4 pages in flight, plus the chunk being cut.
    assert ahead <= 40 + 2 * 3 * 4 + 4 + 1
    assert len(stats.workers) == 2


def test_a_long_jsonl_input_streams_in_bounded_memory(tmp_path: Path):
    path = tmp_path / "many.jsonl"
    text = "Clashes were reported near Tabqa on Monday, activists said. " * 5
    with path.open("w", encoding="utf-8") as out:
        for n in range(100_000):
            out.write(json.dumps({"id": f"r{n}", "text": f"Report {n}. {text}"}) + "\n")
    pages = ingest([path], IngestOptions())
    tracemalloc.start()
    try:
        with LocalEngine(1, EchoFactory(), chunk_size=64) as engine:
            count = sum(1 for outcome in engine.process(pages) if isinstance(outcome, PageResult))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 100_000
    # Holding the 100,000 pages would take over 60 MB; a streaming run holds one chunk, and
    # ingest's set of the ids seen (to drop repeated pages: about 100 bytes a page).
    assert peak < 16_000_000, f"peak {peak / 1e6:.1f} MB"


@pytest.mark.parametrize(
    "asked, pages, cores, expected",
    [(3, 5, 2, 3), (None, 5, 2, 1), (None, 1000, 2, 2), (None, 70, 8, 2), (None, None, 4, 4)],
)
def test_local_workers(monkeypatch, asked, pages, cores, expected):
    monkeypatch.setattr("os.cpu_count", lambda: cores)
    assert local_workers(EngineOptions(workers=asked), pages) == expected


@pytest.mark.parametrize("settings", [{"engine": "spark"}, {"workers": 0}, {"chunk_size": 0}])
def test_bad_engine_settings_are_refused(settings):
    with pytest.raises(WardeskError, match=r"\[E005\]"):
        EngineOptions(**settings)


def test_a_missing_model_fails_before_any_worker_starts(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("A page\n\nText.\n", encoding="utf-8")
    engine = EngineOptions(workers=2, model="en_core_web_nonexistent")
    with pytest.raises(WardeskError, match=r"\[E003\]"):
        next(iter_results([page], IngestOptions(), engine))


def test_ray_refuses_standard_input_before_starting():
    with pytest.raises(WardeskError, match=r"\[E021\]"):
        next(iter_results(["-"], IngestOptions(), EngineOptions(engine="ray")))


def test_ray_missing_is_a_coded_error(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_ray(name, *args, **kwargs):
        if name == "ray" or name.startswith("ray."):
            raise ImportError("No module named 'ray'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ray)
    from wardesk.engine.ray_data import require_ray

    with pytest.raises(WardeskError, match=r"\[E020\].*wardesk\[ray\]"):
        require_ray()
