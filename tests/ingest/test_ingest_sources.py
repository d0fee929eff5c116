"""Where pages come from: files, folders, stdin, several paths; dedupe and read_page."""

from __future__ import annotations

import io
import itertools
import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from ingest_pages import ARTICLE, article_html

from wardesk.errors import WardeskError
from wardesk.ingest import IngestOptions, IngestStats, content_id, ingest, read_page
from wardesk.model import Document, PageFailure


def _feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> io.BytesIO:
    buffer = io.BytesIO(data)
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=buffer))
    return buffer


def test_text_page_is_read_as_is(write):
    path = write("convoy.txt", ARTICLE.replace("\n", "\r\n"))
    [doc] = ingest([path])
    assert isinstance(doc, Document)
    assert doc.text == ARTICLE  # CRLF became LF, nothing else changed
    assert doc.id == content_id(ARTICLE) and len(doc.id) == 16
    assert (doc.name, doc.format, doc.encoding) == ("convoy.txt", "text", "utf-8")
    assert doc.source_path == str(path)
    assert doc.title is None and doc.regions == ()


def test_id_is_sha256_prefix_of_nfc_text(write):
    decomposed = "Ce\u0301sar said the truce in Qalat al-Nahr held overnight.\r"
    [doc] = ingest([write("nfd.md", decomposed)])
    assert doc.text == "C\u00e9sar said the truce in Qalat al-Nahr held overnight.\n"
    assert doc.id == content_id(decomposed) == content_id(doc.text)


def test_folder_is_read_recursively_in_order_with_known_suffixes_only(write, tmp_path):
    write("b.txt", "Second page: shelling reported near the dam on Sunday.")
    write("a/z.md", "First page: a convoy left the town at dawn, residents said.")
    write("a/y.html", article_html())
    write("c/records.ndjson", json.dumps({"id": "rec-1", "text": "Clashes resumed at night."}))
    write("SOURCES.tsv", "file\tpublished\nb.txt\t2017-10-14\n")
    write("notes.pdf", b"%PDF-1.4 not a page")
    write(".hidden.txt", "A hidden draft about a ceasefire that must be skipped.")
    write(".cache/page.txt", "A page in a hidden folder, also skipped.")
    names = [r.name for r in ingest([tmp_path])]
    assert names == ["y.html", "z.md", "b.txt", "rec-1"]


def test_named_file_with_unknown_suffix_is_sniffed(write):
    text_page = write("dispatch.dat", ARTICLE)
    html_page = write("page.bin", article_html())
    jsonl = write("export.data", '{"id": "r1", "text": "A truce was announced."}\n')
    results = list(ingest([text_page, html_page, jsonl]))
    assert [(r.name, r.format) for r in results] == [
        ("dispatch.dat", "text"),
        ("page.bin", "html"),
        ("r1", "jsonl"),
    ]


def test_missing_path_is_a_failure_and_the_run_goes_on(write, tmp_path):
    good = write("good.txt", ARTICLE)
    missing = tmp_path / "nowhere" / "page.txt"
    results = list(ingest([missing, good]))
    assert isinstance(results[0], PageFailure)
    assert results[0].code == "P108" and results[0].name == str(missing)
    assert str(missing) in results[0].reason
    assert isinstance(results[1], Document)


def test_same_page_in_two_files_is_one_document(write):
    first = write("one.txt", ARTICLE)
    second = write("copy/two.txt", ARTICLE.replace("\n", "\r\n").encode("utf-8-sig"))
    other = write("three.txt", "A different page about an air strike on a bakery.")
    stats = IngestStats()
    results = list(ingest([first, second, other], stats=stats))
    assert [r.name for r in results] == ["one.txt", "three.txt"]
    assert stats == IngestStats(documents=2, failures=0, duplicates=1)


def test_a_single_path_string_is_one_path(write):
    path = write("one.txt", ARTICLE)
    assert [r.name for r in ingest(str(path))] == ["one.txt"]


def test_options_override_outlet_and_published(write):
    page = write("page.html", article_html())
    record = write(
        "r.jsonl", json.dumps({"text": "A truce.", "outlet": "X", "published": "2001-01-01"})
    )
    options = IngestOptions(published="2017-10-15", outlet="Desk Wire")
    docs = list(ingest([write("p.txt", ARTICLE), page, record], options))
    assert {(d.outlet, d.published) for d in docs} == {("Desk Wire", "2017-10-15")}


def test_max_bytes_must_be_positive():
    with pytest.raises(WardeskError, match="E005"):
        IngestOptions(max_bytes=0)


def test_stdin_text(monkeypatch):
    _feed_stdin(monkeypatch, ARTICLE.encode("utf-8"))
    [doc] = ingest(["-"])
    assert (doc.name, doc.format, doc.text, doc.source_path) == ("<stdin>", "text", ARTICLE, None)


def test_stdin_html(monkeypatch):
    _feed_stdin(monkeypatch, b"\n\n" + article_html().encode("utf-8"))
    [doc] = ingest(["-"])
    assert doc.format == "html" and doc.title


def test_stdin_jsonl_is_streamed_line_by_line(monkeypatch):
    lines = (
        json.dumps({"id": f"r{i}", "text": f"Report {i} of shelling."}) for i in range(100_000)
    )
    payload = ("\n" + "\n".join(lines) + "\n").encode("utf-8")
    buffer = _feed_stdin(monkeypatch, payload)
    first_three = list(itertools.islice(ingest(["-"]), 3))
    assert [d.name for d in first_three] == ["r0", "r1", "r2"]
    # Only the start of the stream was read: nothing buffered all 100k lines.
    assert buffer.tell() < len(payload) // 100


def test_stdin_oversize_page(monkeypatch):
    _feed_stdin(monkeypatch, b"x" * 5000)
    [failure] = ingest(["-"], IngestOptions(max_bytes=1000))
    assert (failure.name, failure.code) == ("<stdin>", "P103")
    assert "5,000 bytes" in failure.reason


def test_read_page_single_file_and_several_pages(write):
    doc = read_page(write("one.txt", ARTICLE))
    assert isinstance(doc, Document) and doc.name == "one.txt"
    many = write("many.jsonl", '{"text": "one"}\n{"text": "two"}\n')
    failure = read_page(many)
    assert isinstance(failure, PageFailure) and failure.code == "P109"
    single = read_page(write("single.jsonl", '{"id": "only", "text": "one"}\n'))
    assert isinstance(single, Document) and single.name == "only"
    assert read_page(Path("/no/such/page.txt")).code == "P108"


def test_seed_pages_are_five_distinct_documents(seeds_dir):
    docs = list(ingest([seeds_dir]))
    assert len(docs) == 5
    assert all(isinstance(d, Document) and d.format == "text" for d in docs)
    assert len({d.id for d in docs}) == 5
    assert [d.name for d in docs] == sorted(p.name for p in seeds_dir.glob("*.txt"))


def test_dev_folder_skips_its_sources_table(dev_dir):
    docs = list(ingest([dev_dir]))
    assert docs and all(isinstance(d, Document) for d in docs)
    assert "SOURCES.tsv" not in {d.name for d in docs}
    assert len({d.id for d in docs}) == len(docs)


def test_stdin_jsonl_with_an_oversize_first_record(monkeypatch):
    first = json.dumps({"id": "huge", "text": "x" * 5000})
    _feed_stdin(monkeypatch, (first + "\n" + '{"id": "ok", "text": "A truce."}\n').encode())
    results = list(ingest(["-"], IngestOptions(max_bytes=1000)))
    assert [(r.name, type(r).__name__) for r in results] == [
        ("<stdin>:1", "PageFailure"),
        ("ok", "Document"),
    ]
    assert results[0].code == "P103"


@pytest.mark.parametrize(("blank", "code"), [(b"\n \r\n\t\n", "P101"), (b"\n" * 5000, "P103")])
def test_stdin_of_blank_lines_only(monkeypatch, blank, code):
    _feed_stdin(monkeypatch, blank)
    [failure] = ingest(["-"], IngestOptions(max_bytes=1000))
    assert failure.code == code
