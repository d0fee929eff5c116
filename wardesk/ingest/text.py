"""Text normalisation, content ids and the assembly of a page from known parts."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable

from wardesk.model import Region, RegionRole

# Parts of a page (title, body, comments) are joined by one blank line, the same
# paragraph break that plain-text pages use, so segmentation sees one layout.
PART_SEPARATOR = "\n\n"


def normalize_text(text: str) -> str:
    """Return ``text`` with Windows/Mac newlines turned into ``\\n``, NUL removed, in NFC form.

    Every offset downstream points into this form, and the content id hashes it,
    so the same page saved on Windows or macOS gets the same id.
    """
    text = drop_nul(text).replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def drop_nul(text: str) -> str:
    """``text`` without NUL characters: PostgreSQL cannot store them, and no page needs one."""
    return text.replace("\x00", "")


def escape_surrogates(name: str) -> str:
    """A file name (or a message quoting one) as valid text: bytes that are not UTF-8 become
    ``\\xNN`` escapes.

    Python keeps such bytes of a file name as lone surrogates, which no database
    can store; escaped, the page keeps a readable name instead of stopping the run.
    """
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no file name decodes to
        raw = name.encode("utf-8", "backslashreplace")
    return raw.decode("utf-8", "backslashreplace")


def content_id(text: str) -> str:
    """Return the document id: the first 16 hex digits of SHA-256 over the normalized text."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()[:16]


def one_line(text: str) -> str:
    """Collapse all whitespace (newlines included) to single spaces: titles are one line."""
    return " ".join(text.split())


def compose(parts: Iterable[tuple[RegionRole, str | None]]) -> tuple[str, tuple[Region, ...]]:
    """Join the non-empty ``(role, text)`` parts with a blank line; return text and regions.

    Each part is normalized and stripped before its offsets are taken, so every
    region's ``start``/``end`` slice the returned text exactly. (NFC of the whole
    equals the join of NFC parts because the separator is a Unicode starter.)
    """
    pieces: list[str] = []
    regions: list[Region] = []
    offset = 0
    for role, raw in parts:
        piece = normalize_text(raw or "").strip()
        if not piece:
            continue
        if pieces:
            offset += len(PART_SEPARATOR)
        regions.append(Region(role, offset, offset + len(piece)))
        pieces.append(piece)
        offset += len(piece)
    return PART_SEPARATOR.join(pieces), tuple(regions)
