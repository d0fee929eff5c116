"""Counting the pages of a run beforehand, for the progress bar's ETA."""

from __future__ import annotations

from wardesk.engine import count_pages


def test_count_pages_counts_files_and_jsonl_records(pages_dir):
    # 3 single-page files, 2 records in wire-records.jsonl, 2 in shard-1.jsonl; a WARC: unknown.
    assert count_pages([pages_dir / "examples", pages_dir / "shard-1.jsonl"]) == 7
    assert count_pages([pages_dir / "crawl.warc.gz"]) is None


def test_count_pages_of_stdin_is_unknown_and_a_missing_path_is_one(tmp_path):
    assert count_pages(["-"]) is None
    assert count_pages([tmp_path / "nope.txt"]) == 1
    blank = tmp_path / "blank.jsonl"
    blank.write_text('{"text": "a"}\n\n   \n{"text": "b"}\n', encoding="utf-8")
    assert count_pages([blank]) == 2
