"""WARC archives: archived HTML and text pages in, one Document each; other records passed over."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from wardesk.ingest import IngestOptions, IngestStats, expand_paths, ingest, page_format
from wardesk.model import Document, PageFailure

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
HTML = (EXAMPLES / "monitor-page-raqqa.html").read_bytes()
TEXT = "Convoy leaves Qaryat Nur\n\nAbout 40 fighters left Qaryat Nur on Monday, activists said.\n"


def _response(
    writer: WARCWriter, uri: str, payload: bytes, content_type: str, status: str = "200 OK"
):
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    return writer.create_warc_record(
        uri, "response", payload=io.BytesIO(payload), http_headers=headers
    )


def write_warc(path: Path, records: list[tuple[str, bytes, str, str]], *, gzip: bool) -> Path:
    """An archive of a request record, then one response per ``(uri, payload, type, status)``."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        request = io.BytesIO(b"GET / HTTP/1.1\r\nHost: example.org\r\n\r\n")
        writer.write_record(
            writer.create_warc_record("https://example.org/", "request", payload=request)
        )
        for uri, payload, content_type, status in records:
            writer.write_record(_response(writer, uri, payload, content_type, status))
    return path


MIXED = [
    ("https://monitor.example/tabqa", HTML, "text/html; charset=utf-8", "200 OK"),
    ("https://monitor.example/logo.png", b"\x89PNG\r\n\x1a\n", "image/png", "200 OK"),
    ("https://monitor.example/old", b"<html>moved</html>", "text/html", "301 Moved Permanently"),
    ("https://wire.example/qaryat-nur.txt", TEXT.encode(), "text/plain", "200 OK"),
]


@pytest.mark.parametrize("name, gzip", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_html_and_text_responses_become_pages(tmp_path, name, gzip):
    path = write_warc(tmp_path / name, MIXED, gzip=gzip)
    stats = IngestStats()
    pages = list(ingest([path], stats=stats))
    assert [p.name for p in pages] == [f"{name}:2", f"{name}:5"]  # record 1 is the request
    html, text = pages
    assert isinstance(html, Document) and isinstance(text, Document)
    assert html.format == "html" and html.url == "https://monitor.example/tabqa"
    assert html.title == "Convoy leaves Tabqa under local truce"
    assert text.format == "text" and text.url == "https://wire.example/qaryat-nur.txt"
    assert text.text == TEXT
    assert stats.documents == 2 and stats.failures == 0


def test_an_archived_page_reads_as_the_same_page_saved_as_html(tmp_path):
    archived = next(iter(ingest([write_warc(tmp_path / "a.warc", MIXED[:1], gzip=False)])))
    saved = next(iter(ingest([EXAMPLES / "monitor-page-raqqa.html"])))
    assert archived.id == saved.id
    assert (archived.text, archived.regions, archived.published) == (
        saved.text, saved.regions, saved.published,
    )  # fmt: skip


def test_the_http_charset_decides_the_encoding(tmp_path):
    body = "<html><body><article><p>" + "Caf\u00e9 owners in Manbij said the truce held. " * 5
    payload = (body + "</p></article></body></html>").encode("cp1252")
    path = write_warc(
        tmp_path / "latin.warc",
        [("https://x.example/", payload, "text/html; charset=windows-1252", "200 OK")],
        gzip=False,
    )
    (page,) = ingest([path])
    assert isinstance(page, Document)
    assert "Caf\u00e9 owners" in page.text and page.encoding == "cp1252"


def test_an_oversize_record_is_reported_and_the_rest_read(tmp_path):
    records = [
        (
            "https://x.example/big",
            b"<html><p>" + b"x" * 5_000 + b"</p></html>",
            "text/html",
            "200 OK",
        ),
        MIXED[3],
    ]
    path = write_warc(tmp_path / "big.warc", records, gzip=False)
    first, second = ingest([path], IngestOptions(max_bytes=1_000))
    assert isinstance(first, PageFailure) and first.code == "P103" and first.name == "big.warc:2"
    assert "5,020 bytes" in first.reason
    assert isinstance(second, Document)


@pytest.mark.parametrize(
    "content, reason",
    [(b"hello, not a warc\n", "damaged WARC archive"), (b"", "no WARC records")],
)
def test_a_damaged_or_empty_archive_is_one_coded_failure(tmp_path, content, reason):
    path = tmp_path / "broken.warc"
    path.write_bytes(content)
    (failure,) = ingest([path])
    assert isinstance(failure, PageFailure) and failure.code == "P107"
    assert reason in failure.reason


def test_a_truncated_archive_keeps_the_pages_before_the_break(tmp_path):
    whole = write_warc(tmp_path / "whole.warc.gz", MIXED, gzip=True).read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[: len(whole) - 40])
    results = list(ingest([cut]))
    assert isinstance(results[0], Document) and results[0].name == "cut.warc.gz:2"
    assert isinstance(results[-1], PageFailure) and results[-1].code == "P107"
    assert results[-1].name == "cut.warc.gz:5" and "ends inside this record" in results[-1].reason


def test_folders_pick_up_warc_archives(tmp_path):
    (tmp_path / "crawl").mkdir()
    write_warc(tmp_path / "crawl" / "b.warc.gz", MIXED[3:], gzip=True)
    (tmp_path / "crawl" / "a.txt").write_text(
        "A page\n\nSDF fighters entered Tabqa.\n", encoding="utf-8"
    )
    names = [p.name for p in ingest([tmp_path / "crawl"])]
    assert names == ["a.txt", "b.warc.gz:2"]
    assert [Path(p).name for p in expand_paths([tmp_path / "crawl"])] == ["a.txt", "b.warc.gz"]


@pytest.mark.parametrize(
    "name, kind",
    [
        ("a.warc", "warc"),
        ("A.WARC.GZ", "warc"),
        ("a.txt.gz", None),
        ("a.jsonl", "jsonl"),
        ("x", None),
    ],
)
def test_page_format_by_name(name, kind):
    assert page_format(name) == kind
