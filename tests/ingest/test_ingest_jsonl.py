"""JSONL records: metadata, text or HTML, and broken lines that do not stop the file."""

from __future__ import annotations

import json

from ingest_pages import COMMENTS, article_html

from wardesk.ingest import IngestOptions, ingest
from wardesk.model import Document, PageFailure, Region
from wardesk.segment import segment


def _jsonl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def test_text_record_with_metadata_and_title(write):
    record = {
        "id": "lm-2017-1014",
        "url": "https://levant-monitor.example/truce",
        "outlet": "Levant Monitor",
        "published": "2017-10-14",
        "title": "Truce holds in\nthe valley",
        "text": "Fighters left the village of Tell Warda on Sunday.\nResidents returned.",
    }
    [doc] = ingest([write("feed.jsonl", _jsonl(record))])
    assert isinstance(doc, Document)
    assert doc.text == (
        "Truce holds in the valley\n\n"
        "Fighters left the village of Tell Warda on Sunday.\nResidents returned."
    )
    assert doc.regions == (Region("title", 0, 25),)
    assert (doc.name, doc.format, doc.title) == (
        "lm-2017-1014",
        "jsonl",
        "Truce holds in the valley",
    )
    assert (doc.url, doc.outlet, doc.published) == (record["url"], "Levant Monitor", "2017-10-14")
    assert doc.source_path.endswith("feed.jsonl")


def test_title_already_heading_the_text_is_not_repeated(write):
    record = {"title": "Truce holds", "text": "Truce holds\n\nFighters left on Sunday."}
    [doc] = ingest([write("feed.jsonl", _jsonl(record))])
    assert doc.text == "Truce holds\n\nFighters left on Sunday."
    assert [r.role for r in doc.regions] == ["title"]


def test_record_without_id_is_named_by_file_and_line(write):
    path = write("feed.jsonl", _jsonl({"id": 7, "text": "One."}, "", {"text": "Two."}))
    assert [d.name for d in ingest([path])] == ["7", "feed.jsonl:3"]


def test_text_record_without_title_is_plain(write):
    [doc] = ingest([write("feed.ndjson", _jsonl({"text": "Clashes resumed.\r\n"}))])
    assert doc.text == "Clashes resumed.\n" and doc.regions == () and doc.title is None


def test_html_record_uses_record_metadata_first(write):
    record = {
        "id": "h1",
        "title": "Buses leave Qalat al-Nahr",
        "outlet": "Feed Wire",
        "html": article_html(),
    }
    [doc] = ingest([write("feed.jsonl", _jsonl(record))])
    assert doc.format == "jsonl" and doc.name == "h1"
    assert doc.title == "Buses leave Qalat al-Nahr" and doc.text.startswith(doc.title + "\n\n")
    assert doc.outlet == "Feed Wire"
    assert doc.url == "https://levant-monitor.example/convoy-leaves"  # from the page itself
    assert doc.published == "2017-10-14"
    [comments] = [r for r in doc.regions if r.role == "comments"]
    assert COMMENTS[0] in doc.text[comments.start : comments.end]


def test_unusable_html_falls_back_to_the_record_text(write):
    record = {"html": "<html><body><iframe src='/v/1'></iframe></body></html>", "text": "A truce."}
    [doc] = ingest([write("feed.jsonl", _jsonl(record))])
    assert doc.text == "A truce." and doc.regions == ()


def test_broken_lines_are_failures_and_good_lines_go_on(write):
    content = _jsonl(
        {"id": "good-1", "text": "Air strikes hit the market on Friday."},
        '{"id": "bad", "text": "unterminated',
        "[1, 2, 3]",
        {"id": "no-text", "title": "Only a headline"},
        {"id": "bad-type", "text": ["a", "list"]},
        {"id": "bad-id", "text": "fine", "published": 20171014},
        '{"text": "\\ud800 lone surrogate"}',
        {"id": "empty", "text": "   "},
        {"id": "good-2", "text": "The convoy reached the north by evening."},
    )
    results = list(ingest([write("feed.jsonl", content)]))
    assert [r.name for r in results if isinstance(r, Document)] == ["good-1", "good-2"]
    failures = [r for r in results if isinstance(r, PageFailure)]
    assert [(f.name, f.code) for f in failures] == [
        ("feed.jsonl:2", "P106"),
        ("feed.jsonl:3", "P106"),
        ("feed.jsonl:4", "P106"),
        ("feed.jsonl:5", "P106"),
        ("feed.jsonl:6", "P106"),
        ("feed.jsonl:7", "P106"),
        ("feed.jsonl:8", "P101"),
    ]
    assert "bad JSON" in failures[0].reason and "line 2" in failures[0].reason
    assert "not a JSON object" in failures[1].reason
    assert "no 'text' or 'html'" in failures[2].reason
    assert "'text' must be a string" in failures[3].reason
    assert "'published' must be a string" in failures[4].reason


def test_undecodable_and_oversize_lines(write):
    big = json.dumps({"text": "x" * 500})
    content = b'{"text": "caf\xe9"}\n' + big.encode() + b"\n" + b'{"text": "after"}\n'
    results = list(ingest([write("feed.jsonl", content)], IngestOptions(max_bytes=100)))
    assert [(r.name, r.code) for r in results[:2]] == [
        ("feed.jsonl:1", "P106"),
        ("feed.jsonl:2", "P103"),
    ]
    assert "not UTF-8" in results[0].reason and f"{len(big)} bytes" in results[1].reason
    assert isinstance(results[2], Document) and results[2].text == "after"


def test_duplicate_records_are_yielded_once(write):
    content = _jsonl({"id": "a", "text": "Same report."}, {"id": "b", "text": "Same report."})
    assert [d.name for d in ingest([write("feed.jsonl", content)])] == ["a"]


def test_a_titled_record_s_reader_thread_is_found_below_the_article(write):
    record = {
        "title": "Convoy leaves the hill town",
        "text": (
            "Buses carrying 40 fighters left the hill town on Friday, the council said.\n\n"
            "The road to the north was reopened in the evening.\n\n"
            "  \u2022 Night Owl\n\n    About time, they held that road for a year.\n\n"
            "    \u2022 karim_b\n\n      Where did the buses go? Nobody says.\n"
        ),
    }
    [doc] = ingest([write("feed.jsonl", _jsonl(record))])
    segments = segment(doc)
    assert segments.title == "Convoy leaves the hill town"
    assert [c.author for c in segments.comments] == ["Night Owl", "karim_b"]
    assert [c.depth for c in segments.comments] == [0, 1]
    assert all("Nobody" not in b.text and "Owl" not in b.text for b in segments.body_blocks)
    assert len(segments.body_blocks) == 2
