"""Full-text search over stored pages: FTS5 on SQLite, a tsvector on PostgreSQL.

Both take the words of a plain query and find the pages holding all of them
(stemmed: "evacuate" finds "evacuation"), best match first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wardesk.store.db import Database

_WORD = re.compile(r"[^\W_]+")
SNIPPET_CHARS = 160


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A page that matches a search, with a piece of text around the first match."""

    doc_id: str
    name: str
    title: str | None
    snippet: str


def _fts5_query(query: str) -> str:
    # Each word quoted: the user's text is never read as FTS5 syntax.
    return " ".join(f'"{word}"' for word in _WORD.findall(query))


def search_pages(db: Database, query: str, *, limit: int = 20) -> list[SearchHit]:
    """Pages whose title or text hold every word of ``query``, best first."""
    if not _WORD.search(query):
        return []
    if db.dialect == "sqlite":
        rows = db.query(
            "SELECT d.id, d.name, d.title, d.text FROM documents_fts f"
            " JOIN documents d ON d.search_id = f.rowid"
            " WHERE documents_fts MATCH ? ORDER BY f.rank, d.name LIMIT ?",
            (_fts5_query(query), limit),
        )
    else:
        rows = db.query(
            "SELECT id, name, title, text FROM documents,"
            " plainto_tsquery('english', ?) AS q WHERE search @@ q"
            " ORDER BY ts_rank(search, q) DESC, name LIMIT ?",
            (query, limit),
        )
    words = [w.lower() for w in _WORD.findall(query)]
    return [
        SearchHit(doc_id, name, title, snippet(text, words)) for doc_id, name, title, text in rows
    ]


def snippet(text: str, words: list[str]) -> str:
    """About :data:`SNIPPET_CHARS` characters of ``text`` around the first word found."""
    lowered = text.lower()
    hits = [i for i in (lowered.find(w[: max(4, len(w) - 3)]) for w in words) if i >= 0]
    start = max(0, min(hits) - SNIPPET_CHARS // 3) if hits else 0
    piece = " ".join(text[start : start + SNIPPET_CHARS].split())
    return ("…" if start else "") + piece + ("…" if start + SNIPPET_CHARS < len(text) else "")
