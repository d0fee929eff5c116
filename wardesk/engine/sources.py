"""How many pages a run will read, counted cheaply beforehand (for the progress bar's ETA)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from wardesk.ingest import STDIN, expand_paths, page_format
from wardesk.ingest.streams import iter_lines
from wardesk.model import PageFailure

# Counting reads lines in pieces of this size: a single line of hundreds of
# megabytes is counted without being held.
_PIECE = 1 << 20


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
    """Pages in one file: JSONL lines that are not blank, 1 for a page, None if uncountable.

    Only a regular file is opened: a pipe or ``/dev/zero`` would never end.
    """
    if str(path) == STDIN:
        return None
    kind = page_format(path)
    if kind == "warc":
        return None
    try:
        if kind != "jsonl" or not stat.S_ISREG(os.stat(path).st_mode):
            return 1  # a page, or a path that ingest reports as one failure
        with open(path, "rb") as stream:
            return sum(
                1 for _, data, size in iter_lines(stream, _PIECE) if size > _PIECE or data.strip()
            )
    except OSError:
        return 1  # ingest reports the unreadable file as one failure
