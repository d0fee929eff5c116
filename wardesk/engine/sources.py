"""How many pages a run will read, counted cheaply beforehand (for the progress bar's ETA)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from wardesk.ingest import STDIN, expand_paths, page_format
from wardesk.model import PageFailure


def count_pages(paths: Iterable[str | Path]) -> int | None:
    """The number of pages (and unreadable items) under ``paths``, or None when unknown.

    A JSONL file counts its non-blank lines, any other page file one; standard
    input and WARC archives cannot be counted without reading them: None.
    """
    total = 0
    for item in expand_paths(paths):
        count = 1 if isinstance(item, PageFailure) else _pages_in(item)
        if count is None:
            return None
        total += count
    return total


def _pages_in(path: str | Path) -> int | None:
    """Pages in one file: JSONL lines that are not blank, 1 for a page, None if uncountable."""
    if str(path) == STDIN:
        return None
    kind = page_format(path)
    if kind == "warc":
        return None
    if kind != "jsonl":
        return 1  # a page, or a path that ingest reports as one failure
    try:
        with open(path, "rb") as stream:
            return sum(1 for line in stream if line.strip())
    except OSError:
        return 1  # ingest reports the unreadable file as one failure
