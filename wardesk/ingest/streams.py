"""Streams: lines read with a size cap, and sniffing of streams whose format is unknown."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import BinaryIO

from wardesk.errors import WardeskError

from .jsonl import Line, parse_record, read_jsonl
from .options import IngestOptions
from .readers import Origin, Result, page_from_bytes, read_within, too_big

_CHUNK = 1 << 20


def iter_lines(stream: BinaryIO, limit: int, pending: Iterable[Line] = ()) -> Iterator[Line]:
    """Yield the lines of ``stream`` one by one, never holding more than ``limit`` + 1 bytes.

    A longer line is yielded as a prefix with its true size (the rest is read
    and dropped), so one runaway line cannot exhaust memory.
    """
    number = 0
    for line in pending:
        number = line[0]
        yield line
    while data := stream.readline(limit + 1):
        number += 1
        size = len(data.rstrip(b"\r\n"))
        if len(data) > limit and not data.endswith(b"\n"):
            size += _drain_line(stream)
        yield number, data, size


def _drain_line(stream: BinaryIO) -> int:
    """Skip the rest of the current line; return how many bytes it had, newline excluded."""
    skipped = 0
    while chunk := stream.readline(_CHUNK):
        if chunk.endswith(b"\n"):
            return skipped + len(chunk.rstrip(b"\r\n"))
        skipped += len(chunk)
    return skipped


def read_stream(
    stream: BinaryIO, origin: Origin, options: IngestOptions, known_size: int | None = None
) -> Iterator[Result]:
    """Read a stream of unknown format: JSONL if its first non-blank line is a JSON object.

    Otherwise the whole stream is one page, HTML or text by its content. JSONL
    is streamed line by line; a single page is read only up to the size limit.
    """
    limit = options.max_bytes
    head: list[Line] = []
    consumed = 0
    for line in iter_lines(stream, limit):
        head.append(line)
        consumed += len(line[1])
        # Stop at the first non-blank line, or once blank lines alone pass the limit.
        if line[1].strip() or consumed > limit:
            break
    if head and _is_json_object(head[-1], limit):
        yield from read_jsonl(iter_lines(stream, limit, pending=head), origin, options)
        return
    yield read_within(
        origin.name, options, lambda: _single_page(stream, head, origin, options, known_size)
    )


def _single_page(
    stream: BinaryIO,
    head: list[Line],
    origin: Origin,
    options: IngestOptions,
    known_size: int | None,
) -> Result:
    limit = options.max_bytes
    if known_size is not None and known_size > limit:
        return too_big(origin.name, known_size, limit)
    if any(line[2] > limit for line in head):
        # iter_lines already skipped the rest of that line; count it from the sizes.
        seen = sum(max(len(raw), size) for _, raw, size in head)
        return too_big(origin.name, seen + _drain(stream), limit)
    data = b"".join(line[1] for line in head)
    data += stream.read(limit - len(data) + 1)
    if len(data) > limit:
        return too_big(origin.name, len(data) + _drain(stream), limit)
    return page_from_bytes(data, None, origin, options)


def _is_json_object(line: Line, limit: int) -> bool:
    number, data, size = line
    if size > limit:
        # Only a prefix was kept: judge by its first character, so a JSONL file whose
        # first record is oversize is still read as JSONL (that record then fails P103).
        return data.lstrip().startswith(b"{")
    try:
        return isinstance(parse_record(data, number), dict)
    except WardeskError:
        return False


def _drain(stream: BinaryIO) -> int:
    """Read the stream to its end without keeping it; return how many bytes were left."""
    total = 0
    while chunk := stream.read(_CHUNK):
        total += len(chunk)
    return total
