"""The page's publication date when its metadata has none: read off the page itself.

Relative dates ("on Saturday", "last August") need an anchor. Metadata (HTML
meta tags, a JSONL record's ``published``, ``--published``) is trusted first;
otherwise the latest complete date printed on the page outside the reader
comments — a dateline or a timestamp line — stands in, and the document is
marked ``published_inferred`` so that nobody mistakes it for metadata.
"""

from __future__ import annotations

from dataclasses import replace

from wardesk.dates import latest_full_date
from wardesk.model import Document, Segments


def with_publication_date(doc: Document, segments: Segments) -> Document:
    """``doc`` with a publication date: its own, or one inferred from the page."""
    if doc.published:
        return doc
    outside_comments = "\n".join(
        b.text for b in segments.blocks if b.role in ("title", "body", "boilerplate")
    )
    found = latest_full_date(outside_comments)
    if found is None:
        return doc
    return replace(doc, published=found.isoformat(), published_inferred=True)
