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
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeadersParserException

from wardesk.errors import WardeskError

from .encoding import _WHATWG_ALIASES, declared_charset, decode_page
from .options import IngestOptions
from .readers import Meta, Origin, Result, failure, html_document, text_document, too_big

PAGE_RECORDS = frozenset({"response", "resource"})
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
# What a damaged archive raises while it is read: the rest of that archive is a failure.
_BROKEN = (ArchiveLoadFailed, StatusAndHeadersParserException, zlib.error, EOFError, ValueError)


def read_warc(stream: BinaryIO, origin: Origin, options: IngestOptions) -> Iterator[Result]:
    """Yield a Document or PageFailure per archived page in the WARC ``stream``, streaming.

    A damaged archive yields the pages read so far, then one P107 failure; an
    archive without a single record is one P107 failure.
    """
    number = 0
    try:
        for number, record in enumerate(ArchiveIterator(stream), start=1):
            kind = page_kind(record)
            if kind is not None:
                where = Origin(f"{origin.name}:{number}", origin.source_path)
                yield _record_page(record, kind, where, options)
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
    data = record.content_stream().read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        return too_big(origin.name, _content_size(record, len(data)), options.max_bytes)
    if _cut_short(record):
        detail = "the archive ends inside this record (truncated download?)"
        return failure(origin.name, WardeskError("P107", detail=detail))
    url = record.rec_headers.get_header("WARC-Target-URI") or None
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


def _content_size(record: ArcWarcRecord, read: int) -> int:
    """The record's full payload size, reading the rest of it without keeping it."""
    stream = record.content_stream()
    while chunk := stream.read(1 << 20):
        read += len(chunk)
    return read


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
