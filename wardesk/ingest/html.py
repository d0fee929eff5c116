"""HTML pages through trafilatura: title, main text and reader comments, kept apart."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import trafilatura
from lxml import etree

from wardesk.errors import WardeskError

from .text import one_line

_HTML_START = ("<!doctype", "<html", "<head", "<body")
_HTML_TAG = re.compile(
    r"</?(?:html|head|body|div|span|p|a|br|hr|article|section|main|nav|header|footer|"
    r"h[1-6]|ul|ol|li|table|tr|td|img|script|style|meta|link|title|form|iframe)\b[^<>]{0,500}>",
    re.I,
)
# A plain-text page may quote a tag or two; a page with this many is markup.
_MANY_TAGS = 10


@dataclass(frozen=True, slots=True)
class HtmlParts:
    """What trafilatura found on an HTML page, before it is laid out as one text."""

    title: str | None
    body: str
    comments: str
    url: str | None
    sitename: str | None
    published: str | None


def looks_like_html(text: str) -> bool:
    """Guess whether decoded text is HTML: an HTML start tag first, or many tags early on."""
    head = text[:65_536]
    if head.lstrip()[:16].lower().startswith(_HTML_START):
        return True
    return len(_HTML_TAG.findall(head)) >= _MANY_TAGS


def extract_html(html: str, url: str | None = None) -> HtmlParts:
    """Run trafilatura on ``html``; return its parts, or raise P105 when no main text is found.

    Extractor errors (lxml, recursion on deep nesting, bad values) become a
    P105 naming the exception, so one page cannot stop a run.
    """
    try:
        result = trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=True,
            with_metadata=True,
            include_tables=True,
            date_extraction_params=_date_params(),
        )
    except (etree.LxmlError, ValueError, TypeError, RecursionError) as exc:
        raise WardeskError("P105", detail=f"extractor failed: {type(exc).__name__}: {exc}") from exc
    if result is None:
        raise WardeskError("P105", detail="the extractor found no main text")
    data = result if isinstance(result, dict) else result.as_dict()
    title = one_line(data.get("title") or "") or None
    body = _drop_leading_title(_paragraphs(data.get("text") or ""), title)
    if not body:
        raise WardeskError("P105", detail="the main text is empty")
    return HtmlParts(
        title=title,
        body=body,
        comments=_paragraphs(data.get("comments") or ""),
        url=data.get("url") or None,
        sitename=data.get("sitename") or None,
        published=data.get("date") or None,
    )


def _date_params() -> dict[str, object]:
    # Without extensive search htmldate keeps to markup (meta tags, time and
    # date-classed elements) and does not scan the article for any date, which
    # in war reporting is usually the date of an event, not of publication.
    return {"original_date": True, "extensive_search": False, "max_date": date.today().isoformat()}


def _paragraphs(text: str) -> str:
    """Put each extracted line in its own paragraph, as plain-text pages have them.

    trafilatura ends each block element with a single newline; segmentation
    splits paragraphs at blank lines, so a single newline would merge them.
    """
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def _drop_leading_title(body: str, title: str | None) -> str:
    """Drop the headline from the top of the body: the title region already holds it."""
    if not title:
        return body
    first, sep, rest = body.partition("\n\n")
    return rest if one_line(first) == title else body
