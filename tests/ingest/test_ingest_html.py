"""HTML pages: title, body and comments told apart, metadata kept, bad markup contained."""

from __future__ import annotations

import pytest
from ingest_pages import ARTICLE_PARAGRAPHS, COMMENTS, HEADLINE, article_html

from wardesk.ingest import ingest
from wardesk.model import Document, PageFailure


def _region_text(doc: Document, role: str) -> str:
    [region] = [r for r in doc.regions if r.role == role]
    return doc.text[region.start : region.end]


@pytest.mark.parametrize("markup", ["wordpress", "section"])
def test_article_and_comments_land_in_their_regions(write, markup):
    [doc] = ingest([write("convoy.html", article_html(markup))])
    assert isinstance(doc, Document) and doc.format == "html"
    assert [r.role for r in doc.regions] == ["title", "body", "comments"]
    assert _region_text(doc, "title") == HEADLINE == doc.title
    body, comments = _region_text(doc, "body"), _region_text(doc, "comments")
    assert body == "\n\n".join(ARTICLE_PARAGRAPHS)  # headline not repeated in the body
    for comment in COMMENTS:
        assert comment in comments and comment not in body
    assert "Copyright" not in doc.text and "Home" not in doc.text


def test_regions_tile_the_text_with_blank_lines(write):
    [doc] = ingest([write("convoy.htm", article_html())])
    title, body, comments = doc.regions
    assert title.start == 0 and comments.end == len(doc.text)
    assert doc.text[title.end : body.start] == "\n\n" == doc.text[body.end : comments.start]


def test_html_metadata_is_kept(write):
    [doc] = ingest([write("convoy.xhtml", article_html())])
    assert doc.url == "https://levant-monitor.example/convoy-leaves"
    assert doc.outlet == "Levant Monitor"
    assert doc.published == "2017-10-14"
    assert doc.encoding == "utf-8"


def test_page_without_comments_has_no_comment_region(write):
    html = article_html().split('<div id="comments"')[0] + "</main></body></html>"
    [doc] = ingest([write("plain.html", html)])
    assert [r.role for r in doc.regions] == ["title", "body"]


def test_html_without_main_text_is_p105(write):
    # A video page: a title and a player, no text at all.
    html = "<html><head><title>Video</title></head><body><iframe src='/v/1'></iframe></body></html>"
    [failure] = ingest([write("nav.html", html)])
    assert isinstance(failure, PageFailure) and failure.code == "P105"


def test_deep_nesting_does_not_stop_the_run(write):
    deep = "<div>" * 50_000 + "<p>A convoy left at dawn, residents said.</p>" + "</div>" * 50_000
    pages = [
        write("deep.html", f"<html><body>{deep}</body></html>"),
        write("ok.html", article_html()),
    ]
    results = list(ingest(pages))
    assert isinstance(results[-1], Document)
    assert isinstance(results[0], Document | PageFailure)


def test_one_huge_line_is_read(write):
    sentence = "Shelling hit the eastern districts again overnight, residents said. "
    html = "<html><body><article><p>" + sentence * 20_000 + "</p></article></body></html>"
    [doc] = ingest([write("huge.html", html)])
    assert isinstance(doc, Document) and len(doc.text) > 1_000_000


def test_legacy_charset_declared_in_meta(write):
    html = article_html().replace('charset="utf-8"', 'charset="windows-1256"')
    html = html.replace("Qalat al-Nahr", "قلعة النهر")
    [doc] = ingest([write("arabic.html", html.encode("cp1256"))])
    assert doc.encoding == "cp1256" and "قلعة النهر" in doc.text
