"""Bytes to text: BOMs, legacy code pages, binary, empty and oversize pages."""

from __future__ import annotations

import codecs

import pytest
from ingest_pages import ARTICLE

from wardesk.ingest import IngestOptions, ingest
from wardesk.ingest.encoding import decode_page
from wardesk.model import Document, PageFailure

ARABIC_PAGE = (
    "قال مصدر محلي إن قافلة من الحافلات غادرت البلدة المحاصرة صباح السبت.\n"
    "A local source said a convoy of buses left the besieged town on Saturday morning.\n"
    "وأضاف أن المقاتلين سلموا أسلحتهم الثقيلة قبل المغادرة إلى الشمال.\n"
)
CURLY_PAGE = (
    "The spokesman called the deal \u201cfinal\u201d \u2014 the fighters\u2019 families would "
    "leave first, he said.\nLocal sources described it as a \u2018surrender\u2019, not a truce.\n"
)


def _one(path, options: IngestOptions | None = None) -> Document | PageFailure:
    [result] = ingest([path], options or IngestOptions())
    return result


@pytest.mark.parametrize(
    ("bom_encoding", "expected"),
    [("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16-le"), ("utf-16-be", "utf-16-be")],
)
def test_bom_is_honoured_and_stripped(write, bom_encoding, expected):
    data = ARTICLE.encode(bom_encoding)
    if bom_encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data  # the -be codec writes no BOM by itself
    doc = _one(write("bom.txt", data))
    assert isinstance(doc, Document)
    assert doc.text == ARTICLE and not doc.text.startswith("\ufeff")
    assert doc.encoding == expected


def test_utf8_bom_page_has_the_same_id_as_without(write):
    with_bom = _one(write("a.txt", ARTICLE.encode("utf-8-sig")))
    without = _one(write("b.txt", ARTICLE.encode("utf-8")))
    assert with_bom.id == without.id


def test_cp1256_arabic_page_is_decoded(write):
    doc = _one(write("arabic.txt", ARABIC_PAGE.encode("cp1256")))
    assert isinstance(doc, Document)
    assert doc.text == ARABIC_PAGE
    assert doc.encoding == "cp1256"


def test_cp1252_curly_quotes_are_decoded(write):
    doc = _one(write("quotes.txt", CURLY_PAGE.encode("cp1252")))
    assert isinstance(doc, Document)
    # charset_normalizer may name any code page that maps these bytes the same way.
    assert doc.text == CURLY_PAGE


def test_declared_html_charset_is_used_when_utf8_fails():
    page = "<html><head><meta charset='windows-1252'></head><body>Hélène è ‘x’</body></html>"
    text, encoding = decode_page(page.encode("cp1252"), declared="cp1252")
    assert (text, encoding) == (page, "cp1252")


def test_binary_file_is_p102(write):
    failure = _one(write("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))))
    assert isinstance(failure, PageFailure)
    assert (failure.code, failure.name) == ("P102", "photo.txt")
    assert "NUL" in failure.reason


def test_control_character_soup_is_p102(write):
    failure = _one(write("noise.txt", bytes(range(1, 32)) * 40))
    assert failure.code == "P102"


def test_bad_bytes_after_a_bom_are_p104(write):
    failure = _one(write("broken.txt", codecs.BOM_UTF8 + b"Truce \xff\xfe holds"))
    assert failure.code == "P104"


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  ", codecs.BOM_UTF8, "\u3000\n".encode()])
def test_empty_or_blank_page_is_p101(write, content):
    failure = _one(write("empty.txt", content))
    assert isinstance(failure, PageFailure) and failure.code == "P101"


def test_oversize_page_is_p103_without_reading_it(write, monkeypatch):
    path = write("big.txt", ARTICLE * 10)
    read = []
    monkeypatch.setattr(type(path), "read_bytes", lambda self: read.append(self) or b"")
    failure = _one(path, IngestOptions(max_bytes=100))
    assert failure.code == "P103" and read == []
    assert f"{len(ARTICLE.encode()) * 10:,} bytes" in failure.reason


def test_oversize_html_and_unknown_suffix_are_p103(write):
    options = IngestOptions(max_bytes=100)
    for name in ("big.html", "big.dat"):
        assert _one(write(name, ARTICLE * 10), options).code == "P103"
