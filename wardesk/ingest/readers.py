"""Single pages: bytes in, one Document or PageFailure out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from wardesk.deadline import PageTimeout, call_within
from wardesk.errors import MESSAGES, WardeskError
from wardesk.model import Document, PageFailure

from .encoding import declared_charset, decode_page
from .html import extract_html, looks_like_html
from .metadata import Meta
from .options import IngestOptions
from .text import compose, content_id, escape_surrogates, normalize_text, one_line

Result = Document | PageFailure
PageKind = Literal["text", "html"]


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a page comes from: the name shown for it and the file path, if any."""

    name: str
    source_path: str | None

    @classmethod
    def of_file(cls, path: Path) -> Origin:
        """The origin of a file: its name and path, as valid text whatever their bytes."""
        return cls(escape_surrogates(path.name), escape_surrogates(str(path)))


def failure(name: str, exc: WardeskError) -> PageFailure:
    """Turn a coded error into the PageFailure for ``name`` (reason without the code prefix)."""
    reason = MESSAGES[exc.code].format(**exc.fields)
    return PageFailure(escape_surrogates(name), exc.code, escape_surrogates(reason))


def read_within(name: str, options: IngestOptions, read: Callable[[], Result]) -> Result:
    """``read()`` under the page time limit; a page that runs over it is failure P110.

    Every reader runs each page's reading, decoding and HTML extraction through
    here, once per page (the limit does not nest), so no page stalls the run.
    """
    result = call_within(options.page_seconds, read)
    if isinstance(result, PageTimeout):
        return failure(name, WardeskError("P110", seconds=options.page_seconds))
    return result


def too_big(name: str, size: int, limit: int) -> PageFailure:
    """The P103 failure for a page of ``size`` bytes over ``limit``."""
    return failure(name, WardeskError("P103", size=size, limit=limit))


def page_from_bytes(
    data: bytes, kind: PageKind | None, origin: Origin, options: IngestOptions
) -> Result:
    """Read one page from its bytes; ``kind`` None means sniff HTML or text after decoding."""
    try:
        text, encoding = decode_page(data, declared_charset(data) if kind != "text" else None)
        if kind == "html" or (kind is None and looks_like_html(text)):
            return html_document(text, "html", origin, options, encoding, Meta())
        return text_document(text, origin, options, encoding)
    except WardeskError as exc:
        return failure(origin.name, exc)


def text_document(text: str, origin: Origin, options: IngestOptions, encoding: str) -> Document:
    """A plain-text page: the decoded text as it is, no regions; segmentation finds the title."""
    text = normalize_text(text)
    require_text(text)
    return Document(
        id=content_id(text),
        name=origin.name,
        text=text,
        format="text",
        outlet=options.outlet,
        published=options.published,
        source_path=origin.source_path,
        encoding=encoding,
    )


def html_document(
    html: str,
    fmt: Literal["html", "jsonl"],
    origin: Origin,
    options: IngestOptions,
    encoding: str,
    meta: Meta,
) -> Document:
    """An HTML page: title, main text and comments laid out as one text with regions."""
    require_text(html)
    parts = extract_html(html, url=meta.url)
    title = one_line(meta.title or "") or parts.title
    text, regions = compose([("title", title), ("body", parts.body), ("comments", parts.comments)])
    return Document(
        id=content_id(text),
        name=origin.name,
        text=text,
        format=fmt,
        url=meta.url or parts.url,
        outlet=options.outlet or meta.outlet or parts.sitename,
        title=title,
        published=options.published or meta.published or parts.published,
        source_path=origin.source_path,
        encoding=encoding,
        regions=regions,
    )


def require_text(text: str) -> None:
    """Raise P101 when ``text`` is empty or only whitespace."""
    if not text.strip():
        raise WardeskError("P101")
