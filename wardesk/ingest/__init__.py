"""Page ingestion: files, folders, JSONL records or stdin in; one Document per distinct page out.

``ingest`` is the stage's entry point. It streams: pages are read one at a
time, JSONL line by line, and a page that cannot be read becomes a
``PageFailure`` with a coded reason while the run goes on.
"""

from __future__ import annotations

import dataclasses
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
from .readers import Origin, Result, failure, page_from_bytes, read_within, too_big
from .streams import iter_lines, read_stream
from .text import content_id, drop_nul, escape_surrogates, normalize_text
from .warc import read_warc

__all__ = [
    "FORMAT_BY_SUFFIX",
    "IngestOptions",
    "IngestStats",
    "check_paths",
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
# What a folder entry that is no regular file is, for the P113 message.
_FILE_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


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


def check_paths(paths: Iterable[str | Path]) -> None:
    """Raise E001 for the first of ``paths`` that does not exist (``"-"``, stdin, exists).

    For commands that would otherwise create something (a database) before reading
    a page: a mistyped path is refused before anything is written.
    """
    for raw in paths:
        if str(raw) != STDIN and not os.path.lexists(raw):
            raise WardeskError("E001", path=escape_surrogates(str(raw)))


def expand_paths(
    paths: Iterable[str | Path], options: IngestOptions = DEFAULT_OPTIONS
) -> Iterator[str | Path | PageFailure]:
    """The paths that ``ingest`` reads, each folder replaced by its page files in reading order.

    For engines that read files in parallel: ingesting the items one by one, in
    this order, gives what ``ingest(paths)`` gives (less the dropping of pages
    repeated across files). What a folder holds but is not read (an unreadable
    sub-folder, a link leading out of it, a pipe) comes as a PageFailure.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    for raw in paths:
        path = Path(raw)
        if str(raw) == STDIN or not _is_dir(path):
            yield raw
        else:
            yield from _walk(path, options)


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
        results = read_stream(sys.stdin.buffer, Origin(STDIN_NAME, None), options)
    else:
        results = _read_named(Path(raw), options)
    for result in results:
        yield _without_nul(result) if isinstance(result, Document) else result


def _read_named(path: Path, options: IngestOptions) -> Iterator[Result]:
    """The results of a folder, a file, or a miss named on the command line."""
    try:
        is_dir, exists = path.is_dir(), path.exists()
    except OSError as exc:
        yield failure(str(path), WardeskError("P107", detail=_os_reason(exc)))
        return
    if is_dir:
        for item in _walk(path, options):
            if isinstance(item, PageFailure):
                yield item
            else:
                yield from _read_file(item, options)
    elif exists:
        yield from _read_file(path, options)
    else:
        yield failure(str(path), WardeskError("P108", path=escape_surrogates(str(path))))


def _walk(root: Path, options: IngestOptions) -> Iterator[Path | PageFailure]:
    """The page files under ``root`` in reading order (known suffixes, nothing hidden), and
    a failure for each entry that is not read: an unreadable sub-folder, a link leading
    out of ``root`` (unless ``options.follow_links``), anything but a regular file.

    Links to folders are followed only with ``follow_links``, each real folder once.
    """
    errors: list[OSError] = []
    found: list[tuple[tuple[str, ...], Path | PageFailure]] = []
    inside = root.resolve()
    seen: set[Path] = set()
    walk = os.walk(root, onerror=errors.append, followlinks=options.follow_links)
    for folder, subfolders, files in walk:
        if options.follow_links:
            # A link back up the tree would make the walk endless.
            real = Path(folder).resolve()
            if real in seen:
                subfolders.clear()
                continue
            seen.add(real)
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        for name in files:
            if not name.startswith(".") and page_format(name) is not None:
                path = Path(folder, name)
                refusal = _refusal(path, inside, options)
                found.append((path.relative_to(root).parts, refusal or path))
    found.sort(key=lambda entry: entry[0])
    yield from (item for _, item in found)
    for exc in errors:  # unreadable sub-folders are reported, not silently skipped
        yield failure(str(exc.filename or root), WardeskError("P107", detail=_os_reason(exc)))


def _refusal(path: Path, inside: Path, options: IngestOptions) -> PageFailure | None:
    """Why the folder entry ``path`` is not read, or None to read it.

    A link may point at a secret (``/etc/passwd``) or at an endless device
    (``/dev/zero``), and a named pipe blocks forever: a folder yields regular files
    inside itself only.
    """
    name = path.name
    try:
        target = path.resolve(strict=True)
        mode = target.stat().st_mode
    except (OSError, RuntimeError) as exc:  # a broken link, or a loop of links
        detail = _os_reason(exc) if isinstance(exc, OSError) else f"{path}: {exc}"
        return failure(name, WardeskError("P107", detail=detail))
    if not options.follow_links and not target.is_relative_to(inside):
        return failure(name, WardeskError("P112", root=str(inside)))
    return None if stat.S_ISREG(mode) else _not_a_file(name, mode)


def _not_a_file(name: str, mode: int) -> PageFailure:
    """The P113 failure for an entry of file mode ``mode`` that is no regular file."""
    kind = next((kind for test, kind in _FILE_KINDS if test(mode)), "a special file")
    return failure(name, WardeskError("P113", kind=kind))


def _read_file(path: Path, options: IngestOptions) -> Iterator[Result]:
    """Read one file's pages, each with the metadata the options or its folder's file give.

    Past ``options.failures_per_file`` failures, the rest of the file's failures
    are counted into one P114 failure at its end: a file of a million broken
    lines lists a hundred, not a million.
    """
    found = sidecar(path.parent)
    folder_table = load_sidecar(found) if found is not None else {}
    fixed = Meta(outlet=options.outlet, published=options.published)
    failed = 0
    for result in _read_file_pages(path, options):
        if isinstance(result, Document):
            # The run's --metadata beats the folder's own file.
            row = options.metadata.get(result.name) or folder_table.get(result.name)
            yield apply_metadata(result, row, fixed=fixed)
            continue
        failed += 1
        if failed <= options.failures_per_file:
            yield result
    if failed > options.failures_per_file:
        more = failed - options.failures_per_file
        code = WardeskError("P114", count=more, shown=options.failures_per_file)
        yield failure(path.name, code)


def _read_file_pages(path: Path, options: IngestOptions) -> Iterator[Result]:
    """Read one file by its suffix; an unknown suffix, or a pipe named on the command
    line, is sniffed. A device is refused: ``/dev/zero`` never ends."""
    origin = Origin.of_file(path)
    kind = page_format(path)
    try:
        info = path.stat()
        regular = stat.S_ISREG(info.st_mode)
        if not regular and not stat.S_ISFIFO(info.st_mode):
            yield _not_a_file(origin.name, info.st_mode)
        elif kind == "warc":
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
                yield read_within(
                    origin.name,
                    options,
                    lambda: page_from_bytes(path.read_bytes(), kind, origin, options),
                )
        else:
            size = info.st_size if regular else None
            with path.open("rb") as stream:
                yield from read_stream(stream, origin, options, known_size=size)
    except OSError as exc:
        yield failure(origin.name, WardeskError("P107", detail=_os_reason(exc)))


def _without_nul(doc: Document) -> Document:
    """``doc`` without NUL characters in its names and metadata (the text has none, see
    ``normalize_text``): a URL or title can carry one from a header or a metadata file,
    and PostgreSQL cannot store it."""
    fields = {
        field.name: drop_nul(value)
        for field in dataclasses.fields(doc)
        if isinstance(value := getattr(doc, field.name), str) and "\x00" in value
    }
    return dataclasses.replace(doc, **fields) if fields else doc


def _os_reason(exc: OSError) -> str:
    return f"{exc.filename}: {exc.strerror}" if exc.strerror else str(exc)
