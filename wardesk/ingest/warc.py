"""WARC archives (``.warc``, ``.warc.gz``): each archived HTML or text page is one page.

Web crawls (Heritrix, wget ``--warc-file``, Common Crawl) store what they fetched
as WARC records. ``read_warc`` streams the archive with ``warcio`` and turns each
successful ``response`` (or ``resource``) record whose content is HTML into a
page through the same HTML path as ``.html`` files, and plain-text records
through the text path; the record's target URI becomes the page URL. Records
that are not pages (requests, metadata, warcinfo, redirects and errors, images,
scripts, style sheets) are passed over: they are not pages that were lost.

A page is named ``ARCHIVE:N``, N being the record's position in the archive
(1-based, counting every record), the way JSONL records without an id are.
"""

from __future__ import annotations

import codecs
import zlib
from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord, ArcWarcRecordLoader
from warcio.statusandheaders import StatusAndHeaders, StatusAndHeadersParserException

from wardesk.deadline import PageTimeout, call_within
from wardesk.errors import WardeskError

from .encoding import _WHATWG_ALIASES, declared_charset, decode_page
from .options import IngestOptions
from .readers import (
    Meta,
    Origin,
    Result,
    failure,
    html_document,
    read_within,
    text_document,
    too_big,
)

PAGE_RECORDS = frozenset({"response", "resource"})
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
# What a damaged archive raises while it is read: the rest of that archive is a failure.
_BROKEN = (ArchiveLoadFailed, StatusAndHeadersParserException, zlib.error, EOFError, ValueError)
# The header lines read between two records (blank lines, WARC and HTTP headers): real
# ones are a few kilobytes; a compressed bomb of one endless "line" must not be held.
HEADER_BYTES = 1 << 20
# Compressed bytes unpacked at a time: deflate packs up to about 1,000 to 1, so a block
# of warcio's default 16 KiB could unpack to 16 MiB at once.
_BLOCK = 4096


class _BoundedReader(DecompressingBufferedReader):
    """warcio's reader, but the header lines of one record may not pass ``HEADER_BYTES``.

    warcio reads header lines whole, however long: a few kilobytes compressed can
    unpack to gigabytes without a newline. Payloads are read in bounded chunks.
    """

    budget = HEADER_BYTES

    def readline(self, length: int | None = None) -> bytes:
        """One line, cut at what is left of this record's header budget."""
        if self.budget <= 0:
            raise ArchiveLoadFailed(f"a record's header lines run over {HEADER_BYTES:,} bytes")
        length = self.budget if length is None else min(length, self.budget)
        line: bytes = super().readline(length)
        self.budget -= len(line)
        return line


class _Loader(ArcWarcRecordLoader):
    """warcio's record loader, which fails on a record without a target URI; here such a
    record is loaded without HTTP headers and refused by :func:`read_warc`."""

    def load_http_headers(
        self, rec_type: str, uri: str | None, stream: BinaryIO, length: int | None
    ) -> StatusAndHeaders | None:
        """The record's HTTP headers; none for a record without a target URI."""
        if uri is None:
            return None
        return super().load_http_headers(rec_type, uri, stream, length)


class _Archive(ArchiveIterator):
    """An ArchiveIterator with the bounded reader and the forgiving loader."""

    def __init__(self, stream: BinaryIO) -> None:
        super().__init__(stream)
        self.loader = _Loader(verify_http=False, arc2warc=False)
        self.reader = _BoundedReader(self.fh, block_size=_BLOCK)

    def next_record(self, seconds: float | None) -> ArcWarcRecord | None | PageTimeout:
        """The next record (None at the end), read within ``seconds``, with a fresh header
        budget: skipping the rest of the last record, too, may take long on a bomb."""
        self.reader.budget = HEADER_BYTES
        return call_within(seconds, partial(next, self.the_iter, None))


def read_warc(stream: BinaryIO, origin: Origin, options: IngestOptions) -> Iterator[Result]:
    """Yield a Document or PageFailure per archived page in the WARC ``stream``, streaming.

    A damaged archive yields the pages read so far, then one P107 failure (P110
    when moving to the next record runs past the page time limit); an archive
    without a single record is one P107 failure. A response record without a
    target URI is a P107 failure of its own, and the archive goes on.
    """
    number = 0
    archive = _Archive(stream)
    try:
        while (record := archive.next_record(options.page_seconds)) is not None:
            if isinstance(record, PageTimeout):
                where = f"{origin.name}:{number + 1}"
                yield failure(where, WardeskError("P110", seconds=options.page_seconds))
                return
            number += 1
            where = Origin(f"{origin.name}:{number}", origin.source_path)
            if record.rec_type == "response" and not record.rec_headers.get_header(
                "WARC-Target-URI"
            ):
                # Without it nobody can tell whether HTTP headers open the payload.
                detail = "a response record without WARC-Target-URI"
                yield failure(where.name, WardeskError("P107", detail=detail))
            elif (kind := page_kind(record)) is not None:
                read = partial(_record_page, record, kind, where, options)
                yield read_within(where.name, options, read)
    except _BROKEN as exc:
        detail = f"damaged WARC archive: {type(exc).__name__}: {exc}"
        yield failure(f"{origin.name}:{number + 1}", WardeskError("P107", detail=detail))
        return
    if number == 0:
        yield failure(origin.name, WardeskError("P107", detail="no WARC records in the archive"))


def page_kind(record: ArcWarcRecord) -> str | None:
    """``"html"`` or ``"text"`` for a record that holds a page; None for any other record."""
    if record.rec_type not in PAGE_RECORDS:
        return None
    if record.http_headers is not None:
        if record.http_headers.get_statuscode() != "200":
            return None  # redirects and errors carry no article
        content_type = record.http_headers.get_header("Content-Type")
    else:
        content_type = record.rec_headers.get_header("Content-Type")
    media = (content_type or "").split(";")[0].strip().lower()
    if media in HTML_TYPES:
        return "html"
    return "text" if media in TEXT_TYPES else None


def _record_page(
    record: ArcWarcRecord, kind: str, origin: Origin, options: IngestOptions
) -> Result:
    """One page record as a Document (or a coded failure), its size checked before decoding."""
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    data = record.content_stream().read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        # The declared length, not the rest read: a compressed bomb would unpack it all.
        declared = record.payload_length if record.payload_length >= 0 else record.length
        return too_big(origin.name, max(declared or 0, len(data)), options.max_bytes)
    if _cut_short(record):
        detail = "the archive ends inside this record (truncated download?)"
        return failure(origin.name, WardeskError("P107", detail=detail))
    try:
        text, encoding = decode_page(data, _declared_charset(record, data, kind))
        if kind == "html":
            return html_document(text, "html", origin, options, encoding, Meta(url=url))
        return replace(text_document(text, origin, options, encoding), url=url)
    except WardeskError as exc:
        return failure(origin.name, exc)


def _cut_short(record: ArcWarcRecord) -> bool:
    """True when the archive ended before the record's declared length was read."""
    return getattr(record.raw_stream, "limit", 0) > 0


def _declared_charset(record: ArcWarcRecord, data: bytes, kind: str) -> str | None:
    """The codec the HTTP Content-Type header names, else (HTML) the page's ``<meta charset>``."""
    headers = record.http_headers or record.rec_headers
    content_type = headers.get_header("Content-Type") or ""
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            try:
                name = codecs.lookup(value.strip().strip("\"'")).name
            except LookupError:
                break  # an unknown label: fall back to the page's own declaration
            return _WHATWG_ALIASES.get(name, name)
    return declared_charset(data) if kind == "html" else None
