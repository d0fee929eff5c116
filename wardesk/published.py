"""The page's publication date when its metadata has none: read off what dates the page.

Relative dates ("on Saturday", "last August") need an anchor. Metadata (HTML meta
tags, a JSONL record's ``published``, ``--metadata``, ``--published``) is trusted first;
otherwise, in this order: a date in the page's URL (``/2017/10/14/``), then a dateline or
timestamp line (a short line that is mostly a date, outside the reader comments), then a
date opening the article's first line ("October 14, 2017 (AFP) —"). A date told inside the
story ("the attack started on November 14, 2017") never dates the page: with nothing else,
the page stays undated and its relative dates unresolved. An inferred date is marked
``published_inferred`` so that nobody mistakes it for metadata.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from wardesk.dates import full_dates
from wardesk.model import Document, Segments

_URL_DAY = re.compile(r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?=[/._-]|$)")
# A dateline or timestamp line is short and no sentence: the date with a time, a byline,
# "Updated", a city, an agency.
DATELINE_MAX_WORDS = 16
# Before the date that opens an article, only a few capitalised words (a city, an agency)
# and punctuation: "BEIRUT, …", "AGENCY / WIRE – …".
OPENING_MAX_WORDS = 5
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z]")


def with_publication_date(doc: Document, segments: Segments) -> Document:
    """``doc`` with a publication date: its own, or one inferred from what dates the page."""
    if doc.published:
        return doc
    found = url_date(doc.url) or dateline_date(segments)
    if found is None:
        return doc
    return replace(doc, published=found.isoformat(), published_inferred=True)


def url_date(url: str | None) -> date | None:
    """The day a URL's path gives (``/2017/10/14/``, ``/2017-10-14-``), if a real one."""
    match = _URL_DAY.search(url or "")
    if match is None:
        return None
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def dateline_date(segments: Segments) -> date | None:
    """The first full date of a dateline or timestamp line, or of the article's opening."""
    for block in segments.blocks:
        if block.role in ("title", "boilerplate") and _not_a_sentence(block.text):
            found = full_dates(block.text)
            if found:
                return found[0][1]
    first = next((b for b in segments.blocks if b.role == "body"), None)
    return _opening_date(first.text) if first is not None else None


def _not_a_sentence(line: str) -> bool:
    return len(line.split()) <= DATELINE_MAX_WORDS and not line.rstrip().endswith(".")


def _opening_date(line: str) -> date | None:
    """A full date the line opens with, after at most a city or agency name."""
    found = full_dates(line)
    if not found:
        return None
    start, day = found[0]
    lead = line[:start]
    if len(lead.split()) > OPENING_MAX_WORDS or _LOWER_WORD.search(lead):
        return None
    return day
