"""JSON Lines: one page per record, read line by line; a bad line never stops the file."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import partial

from wardesk.errors import WardeskError
from wardesk.model import Document

from .options import IngestOptions
from .readers import (
    Meta,
    Origin,
    Result,
    failure,
    html_document,
    read_within,
    require_text,
    too_big,
)
from .text import compose, content_id, drop_nul, normalize_text, one_line

# (line number, bytes read, size of the whole line without its newline); the
# bytes are only a prefix when the line is over the page size limit.
Line = tuple[int, bytes, int]


def read_jsonl(lines: Iterable[Line], origin: Origin, options: IngestOptions) -> Iterator[Result]:
    """Yield one Document or PageFailure per non-blank line; a bad line never stops the rest."""
    for number, data, size in lines:
        if size <= options.max_bytes and not data.strip():
            continue
        where = f"{origin.name}:{number}"
        read = partial(_record, number, data, size, where, origin, options)
        yield read_within(where, options, read)


def _record(
    number: int, data: bytes, size: int, where: str, origin: Origin, options: IngestOptions
) -> Result:
    if size > options.max_bytes:
        return too_big(where, size, options.max_bytes)
    try:
        record = parse_record(data, number)
        return record_document(record, number, where, origin, options)
    except WardeskError as exc:
        return failure(where, exc)


def parse_record(data: bytes, number: int) -> dict[str, object]:
    """Parse one JSONL line into a dict, or raise P106 saying what is wrong with it."""
    if number == 1 and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # JSONL is UTF-8; tolerate a BOM on the first line
    try:
        value = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise WardeskError("P106", line=number, detail=f"not UTF-8 ({exc.reason})") from exc
    except json.JSONDecodeError as exc:
        raise WardeskError(
            "P106", line=number, detail=f"bad JSON: {exc.msg} at column {exc.colno}"
        ) from exc
    except (ValueError, RecursionError) as exc:  # e.g. huge integers, very deep nesting
        raise WardeskError("P106", line=number, detail=f"bad JSON: {exc}") from exc
    if not isinstance(value, dict):
        raise WardeskError("P106", line=number, detail=f"not a JSON object but {_json_kind(value)}")
    return value


def _json_kind(value: object) -> str:
    kinds = {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return kinds.get(type(value), "a number")


_STRING_FIELDS = ("url", "outlet", "published", "title", "text", "html")


def record_document(
    record: dict[str, object], number: int, where: str, origin: Origin, options: IngestOptions
) -> Document:
    """Build the Document of a parsed JSONL record (``html`` first, then ``text``)."""
    fields = {key: _string_field(record, key, number) for key in _STRING_FIELDS}
    meta = Meta(fields["url"], fields["outlet"], fields["title"], fields["published"])
    text, html = fields["text"], fields["html"]
    if text is None and html is None:
        raise WardeskError("P106", line=number, detail="no 'text' or 'html' field")
    named = Origin(_record_id(record, number) or where, origin.source_path)
    if html is not None:
        try:
            return html_document(html, "jsonl", named, options, "utf-8", meta)
        except WardeskError:
            # An HTML field the extractor cannot use still leaves the record's own text.
            if text is None or not text.strip():
                raise
    return _text_record(text or "", meta, named, options)


def _text_record(text: str, meta: Meta, origin: Origin, options: IngestOptions) -> Document:
    """A text record; with a title, the text opens with it, marked as the title region."""
    text = normalize_text(text)
    require_text(text)
    title = one_line(meta.title or "") or None
    regions = ()
    if title:
        first, _, rest = text.strip().partition("\n")
        # The text may already open with its headline; do not print it twice.
        text, regions = compose(
            [("title", title), ("body", rest if one_line(first) == title else text)]
        )
        # Only the title is known; the segmenter tells article from reader thread below it.
        regions = tuple(r for r in regions if r.role == "title")
    return Document(
        id=content_id(text),
        name=origin.name,
        text=text,
        format="jsonl",
        url=meta.url,
        outlet=options.outlet or meta.outlet,
        title=title,
        published=options.published or meta.published,
        source_path=origin.source_path,
        encoding="utf-8",
        regions=regions,
    )


def _string_field(record: dict[str, object], key: str, number: int) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        detail = f"field {key!r} must be a string, not {type(value).__name__}"
        raise WardeskError("P106", line=number, detail=detail)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:  # json.loads lets lone surrogates (\ud800) through
        raise WardeskError("P106", line=number, detail=f"field {key!r}: {exc.reason}") from exc
    return drop_nul(value)  # a JSON "\u0000" would stop a PostgreSQL store


def _record_id(record: dict[str, object], number: int) -> str | None:
    value = record.get("id")
    if value is None:
        return None
    # Integer ids are common in exported datasets; booleans are ints to Python but not ids.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return _string_field(record, "id", number) or None
