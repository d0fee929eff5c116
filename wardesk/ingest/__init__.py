"""Page ingestion: files, folders, JSONL records or stdin in; one Document per distinct page out.

``ingest`` is the stage's entry point. It streams: pages are read one at a
time, JSONL line by line, and a page that cannot be read becomes a
``PageFailure`` with a coded reason while the run goes on.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from wardesk.errors import WardeskError
from wardesk.model import Document, PageFailure

from .jsonl import read_jsonl
from .metadata import Meta, apply_metadata, load_sidecar, sidecar
from .options import DEFAULT_OPTIONS, IngestOptions
from .readers import Origin, Result, failure, page_from_bytes, too_big
from .streams import iter_lines, read_stream
from .text import content_id, normalize_text
from .warc import read_warc

__all__ = [
    "FORMAT_BY_SUFFIX",
    "IngestOptions",
    "IngestStats",
    "content_id",
    "expand_paths",
    "ingest",
    "page_format",
    "normalize_text",
    "read_page",
]

FORMAT_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
}
# Compressed WARC archives end in two suffixes; the one suffix would be ".gz".
WARC_GZ_SUFFIX = ".warc.gz"
STDIN = "-"
STDIN_NAME = "<stdin>"


@dataclass(slots=True)
class IngestStats:
    """Counts kept by one ``ingest`` run: pages yielded, failures, duplicates dropped."""

    documents: int = 0
    failures: int = 0
    duplicates: int = 0


def ingest(
    paths: Iterable[str | Path],
    options: IngestOptions = DEFAULT_OPTIONS,
    *,
    stats: IngestStats | None = None,
) -> Iterator[Document | PageFailure]:
    """Yield a Document per distinct page under ``paths``, or a PageFailure per unreadable one.

    ``paths`` may name files, folders (read recursively, in sorted order, known
    suffixes only) or ``"-"`` for stdin. A page whose id was already yielded is
    dropped and counted in ``stats.duplicates``.
    """
    if isinstance(paths, str | Path):
        paths = [paths]  # one path, not the characters of one path
    stats = stats if stats is not None else IngestStats()
    seen: set[str] = set()
    for path in paths:
        for result in _read_path(path, options):
            if isinstance(result, PageFailure):
                stats.failures += 1
            elif result.id in seen:
                stats.duplicates += 1
                continue
            else:
                seen.add(result.id)
                stats.documents += 1
            yield result


def page_format(path: str | Path) -> str | None:
    """The format a file's name announces ("text", "html", "jsonl", "warc"), or None."""
    name = Path(path).name.lower()
    if name.endswith(WARC_GZ_SUFFIX):
        return "warc"
    return FORMAT_BY_SUFFIX.get(Path(name).suffix)


def expand_paths(paths: Iterable[str | Path]) -> Iterator[str | Path | PageFailure]:
    """The paths that ``ingest`` reads, each folder replaced by its page files in reading order.

    For engines that read files in parallel: ingesting the items one by one, in
    this order, gives what ``ingest(paths)`` gives (less the dropping of pages
    repeated across files). An unreadable sub-folder comes as a PageFailure.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    for raw in paths:
        path = Path(raw)
        if str(raw) == STDIN or not _is_dir(path):
            yield raw
            continue
        errors: list[OSError] = []
        yield from _walk(path, errors)
        for exc in errors:
            yield failure(str(exc.filename or path), WardeskError("P107", detail=_os_reason(exc)))


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False  # ingest reports it when it reads the path


def read_page(path: str | Path, options: IngestOptions = DEFAULT_OPTIONS) -> Document | PageFailure:
    """Read the one page in file ``path``; a file holding several pages is failure P109."""
    results = _read_path(path, options)
    try:
        first = next(results, None)
        if first is None:
            return failure(str(path), WardeskError("P101"))
        if next(results, None) is not None:
            return failure(str(path), WardeskError("P109", path=path))
        return first
    finally:
        results.close()


def _read_path(raw: str | Path, options: IngestOptions) -> Iterator[Result]:
    """Yield the results for one command-line path: stdin, a folder, a file, or a miss."""
    if str(raw) == STDIN:
        yield from read_stream(sys.stdin.buffer, Origin(STDIN_NAME, None), options)
        return
    path = Path(raw)
    try:
        is_dir, exists = path.is_dir(), path.exists()
    except OSError as exc:
        yield failure(str(raw), WardeskError("P107", detail=_os_reason(exc)))
        return
    if is_dir:
        yield from _read_folder(path, options)
    elif exists:
        yield from _read_file(path, options)
    else:
        yield failure(str(raw), WardeskError("P108", path=raw))


def _read_folder(root: Path, options: IngestOptions) -> Iterator[Result]:
    errors: list[OSError] = []
    for path in _walk(root, errors):
        yield from _read_file(path, options)
    for exc in errors:  # unreadable sub-folders are reported, not silently skipped
        yield failure(str(exc.filename or root), WardeskError("P107", detail=_os_reason(exc)))


def _walk(root: Path, errors: list[OSError]) -> list[Path]:
    """The page files under ``root``: known suffixes, no hidden files or folders, sorted."""
    found: list[Path] = []
    for folder, subfolders, files in os.walk(root, onerror=errors.append):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        found.extend(
            Path(folder, name)
            for name in files
            if not name.startswith(".") and page_format(name) is not None
        )
    return sorted(found, key=lambda path: path.relative_to(root).parts)


def _read_file(path: Path, options: IngestOptions) -> Iterator[Result]:
    """Read one file's pages, each with the metadata the options or its folder's file give."""
    found = sidecar(path.parent)
    folder_table = load_sidecar(found) if found is not None else {}
    fixed = Meta(outlet=options.outlet, published=options.published)
    for result in _read_file_pages(path, options):
        if isinstance(result, Document):
            # The run's --metadata beats the folder's own file.
            row = options.metadata.get(result.name) or folder_table.get(result.name)
            result = apply_metadata(result, row, fixed=fixed)
        yield result


def _read_file_pages(path: Path, options: IngestOptions) -> Iterator[Result]:
    """Read one file by its suffix; an unknown suffix, or a pipe, is sniffed."""
    origin = Origin(path.name, str(path))
    kind = page_format(path)
    try:
        info = path.stat()
        regular = stat.S_ISREG(info.st_mode)
        if kind == "warc":
            with path.open("rb") as stream:
                yield from read_warc(stream, origin, options)
        elif kind == "jsonl":
            with path.open("rb") as stream:
                yield from read_jsonl(iter_lines(stream, options.max_bytes), origin, options)
        elif kind and regular:
            # The size is checked before reading, so a huge file is never loaded.
            if info.st_size > options.max_bytes:
                yield too_big(origin.name, info.st_size, options.max_bytes)
            else:
                yield page_from_bytes(path.read_bytes(), kind, origin, options)
        else:
            size = info.st_size if regular else None
            with path.open("rb") as stream:
                yield from read_stream(stream, origin, options, known_size=size)
    except OSError as exc:
        yield failure(origin.name, WardeskError("P107", detail=_os_reason(exc)))


def _os_reason(exc: OSError) -> str:
    return f"{exc.filename}: {exc.strerror}" if exc.strerror else str(exc)
