"""The benchmark corpus: made from the example pages, the same for the same seed, no repeats."""

from __future__ import annotations

import sys
from pathlib import Path

from wardesk.ingest import IngestStats, ingest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from corpus import example_parts, write_corpus  # noqa: E402


def test_the_same_seed_gives_the_same_bytes(tmp_path):
    first = write_corpus(tmp_path / "a", 60, seed=3, shards=2)
    second = write_corpus(tmp_path / "b", 60, seed=3, shards=2)
    other = write_corpus(tmp_path / "c", 60, seed=4, shards=2)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in other]


def test_every_page_is_distinct_and_readable(tmp_path):
    stats = IngestStats()
    pages = list(ingest(write_corpus(tmp_path, 120, seed=7, shards=3), stats=stats))
    assert (stats.documents, stats.duplicates, stats.failures) == (120, 0, 0)
    assert len({page.id for page in pages}) == 120


def test_the_parts_come_from_the_example_pages():
    parts = example_parts()
    assert len(parts.titles) == 5 and len(parts.paragraphs) > 10 and parts.comments
