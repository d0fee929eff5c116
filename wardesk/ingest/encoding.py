"""Bytes to text: byte-order marks first, then strict UTF-8, then a declared or guessed codec."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from wardesk.errors import WardeskError

# Longest BOMs first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Browsers read these labels as windows-1252 (WHATWG encoding standard); servers
# often declare latin-1 for pages that really carry cp1252 curly quotes.
_WHATWG_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252"}

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""", re.I
)

# Text has next to no C0/C1 control characters; a decode that yields many of
# them came from a binary file that happened to fit some 8-bit code page.
_MAX_CONTROL_SHARE = 0.02
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # category Cc less \t\n\v\f\r


def declared_charset(data: bytes) -> str | None:
    """Return the codec named by an HTML ``<meta charset>`` near the top, if Python knows it."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    return _WHATWG_ALIASES.get(name, name)


def decode_page(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode a page's bytes; return ``(text, encoding)`` with any BOM stripped.

    Order: a BOM decides; NUL bytes mean binary (P102); strict UTF-8; the
    ``declared`` codec (HTML meta) when it decodes cleanly; charset_normalizer's
    best guess, where no guess means binary (P102). A BOM whose codec then fails
    is P104.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], codec)
            return _check_text(text), codec
    if b"\x00" in data:
        raise WardeskError("P102", detail="contains NUL bytes")
    for codec in ("utf-8", declared):
        if codec:
            try:
                return _check_text(data.decode(codec)), codec
            except UnicodeDecodeError:
                continue
    return _guess(data)


def _strict(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise WardeskError(
            "P104", detail=f"not valid {codec} after its byte-order mark: {exc.reason}"
        ) from exc


def _guess(data: bytes) -> tuple[str, str]:
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise WardeskError("P102", detail="no text encoding fits the bytes")
    try:
        text = str(best)
    except (UnicodeDecodeError, LookupError) as exc:
        raise WardeskError("P104", detail=f"{best.encoding}: {exc}") from exc
    return _check_text(text), best.encoding


def _check_text(text: str) -> str:
    """Refuse decoded text that is mostly control characters (binary in disguise)."""
    sample = text[:100_000]
    controls = len(_CONTROL.findall(sample))
    if sample and controls / len(sample) > _MAX_CONTROL_SHARE:
        raise WardeskError(
            "P102", detail=f"{controls} control characters in the first {len(sample):,}"
        )
    return text
