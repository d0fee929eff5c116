"""Throughput of wardesk against the bare spaCy pipeline, on the same pages.

    python benchmarks/throughput.py [PAGES ...] [--docs N] [--processes 1 2]

Pages default to the project's examples (and the shared seeds when present);
they are repeated, in a fixed order, to N documents. Each configuration runs in
fresh worker processes that load their model once before the clock starts.
Prints a table: docs/s, words/s and peak RSS per worker.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from wardesk.ingest import IngestOptions, ingest
from wardesk.model import Document, PageFailure

REPO = Path(__file__).resolve().parents[1]
DEFAULT_PAGES = [REPO / "examples", REPO.parent / "shared" / "corpus" / "seeds"]

_worker_state: dict[str, object] = {}


@dataclass(frozen=True, slots=True)
class Result:
    """One configuration's measurements."""

    name: str
    processes: int
    docs: int
    words: int
    seconds: float
    peak_rss_mb: float

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds


def load_documents(paths: list[Path], count: int) -> list[Document]:
    """``count`` documents cycled from the pages under ``paths`` (in a fixed order)."""
    pages = [d for d in ingest([p for p in paths if p.exists()], IngestOptions())]
    pages = [d for d in pages if not isinstance(d, PageFailure)]
    if not pages:
        sys.exit("no readable pages to benchmark")
    return [pages[i % len(pages)] for i in range(count)]


def _init(mode: str) -> None:
    if mode == "spacy":
        from wardesk.nlp import load_pipeline

        _worker_state["nlp"] = load_pipeline()
    else:
        from wardesk.pipeline import load_services

        _worker_state["services"] = load_services()


def _work(args: tuple[str, list[Document]]) -> tuple[float, float, float]:
    mode, docs = args
    started = time.perf_counter()
    if mode == "spacy":
        for _ in _worker_state["nlp"].pipe(d.text for d in docs):
            pass
    else:
        from wardesk.pipeline import process_document

        for doc in docs:
            process_document(doc, _worker_state["services"])
    finished = time.perf_counter()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return started, finished, peak_mb


def measure(mode: str, docs: list[Document], processes: int) -> Result:
    """Run ``mode`` ("spacy" or "wardesk") over ``docs`` split across ``processes`` workers."""
    shards = [docs[i::processes] for i in range(processes)]
    context = mp.get_context("spawn")
    with context.Pool(processes, initializer=_init, initargs=(mode,)) as pool:
        pool.map(_work, [(mode, shard[:2]) for shard in shards])  # warm-up: models loaded
        timings = pool.map(_work, [(mode, shard) for shard in shards])
    seconds = max(t[1] for t in timings) - min(t[0] for t in timings)
    words = sum(len(d.text.split()) for d in docs)
    label = "bare spaCy (all text)" if mode == "spacy" else "wardesk extract"
    return Result(label, processes, len(docs), words, seconds, max(t[2] for t in timings))


def render(results: list[Result]) -> Table:
    """The benchmark table."""
    table = Table(title="wardesk throughput")
    for header in ("pipeline", "processes", "docs", "docs/s", "words/s", "peak RSS/worker (MB)"):
        table.add_column(header, justify="right")
    for r in results:
        table.add_row(
            r.name, str(r.processes), str(r.docs), f"{r.docs_per_s:.1f}",
            f"{r.words_per_s:,.0f}", f"{r.peak_rss_mb:.0f}",
        )  # fmt: skip
    return table


def main() -> None:
    """Parse arguments, run every configuration, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", type=Path, default=DEFAULT_PAGES)
    parser.add_argument("--docs", type=int, default=200, help="documents per configuration")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    docs = load_documents(args.pages, args.docs)
    results = [measure(mode, docs, n) for mode in ("spacy", "wardesk") for n in args.processes]
    Console().print(render(results))


if __name__ == "__main__":
    main()
