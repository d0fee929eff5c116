"""The event database: pages, segments, mentions, claims, places, actors and fused events.

A SQLite file by default (WAL mode; plain tables that ``sqlite3`` and Datasette read),
or a PostgreSQL server given as a ``postgresql://`` URL, through one data layer
(:mod:`wardesk.store.db`). One page is written in one transaction, so a crash or a
kill leaves either the whole page or none of it; pages already stored (same content
hash) are skipped on re-runs. Fusion reads the mentions and rewrites the events tables in
one transaction that concurrent page writers cannot slip into (:meth:`Store.fusion_transaction`).
Schema changes go through the numbered SQL files in ``migrations/<dialect>/``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from wardesk.errors import WardeskError
from wardesk.fuse.types import FusedEvent, PageInfo, StoredMention
from wardesk.model import Document, Mention, PageFailure, Segments
from wardesk.store import rows as R
from wardesk.store.db import Database, DatabaseErrors, connect, display_target, is_postgres_url
from wardesk.store.events import read_events, write_events
from wardesk.store.schema import migrate
from wardesk.store.search import SearchHit, search_pages

_CHUNK = 500
# PostgreSQL advisory lock key held by a running fusion (any fixed number; "wardesk fuse").
_FUSION_LOCK = 0x77617264_66757365
# SQLite fusions that may lose to a concurrent page writer before one takes the write lock.
_OPTIMISTIC_FUSIONS = 4
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class StoredPage:
    """One row of the overview: a stored page and what was found in it."""

    name: str
    title: str | None
    body_lines: int
    comments: int
    boilerplate_lines: int


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))


class Store:
    """A wardesk database; open it with :func:`open_store`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @property
    def conn(self) -> Any:
        """The underlying DB-API connection (sqlite3 or psycopg)."""
        return self.db.conn

    @property
    def location(self) -> str:
        """The database as shown to people (file path, or URL without password)."""
        return self.db.location

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.db.dialect

    def migrate(self) -> list[int]:
        """Apply every migration the database has not seen yet."""
        return migrate(self.db, backfills={4: _backfill_page_facts})

    def has_document(self, doc_id: str) -> bool:
        """True when a page with this content hash is already stored."""
        return self.db.scalar("SELECT 1 FROM documents WHERE id = ?", (doc_id,)) is not None

    def document_ids(self) -> frozenset[str]:
        """The content hashes of every stored page."""
        return frozenset(row[0] for row in self.db.query("SELECT id FROM documents"))

    def save_page(self, doc: Document, segments: Segments, mentions: list[Mention]) -> None:
        """Write one page with its segments, mentions, claims, places and actors atomically,
        replacing an earlier copy."""
        with self.db.transaction():
            self.db.execute("DELETE FROM documents WHERE id = ?", (doc.id,))
            self.db.execute(
                "INSERT INTO documents (id, name, format, url, outlet, title, published,"
                " published_inferred, source_path, encoding, text, ingested_at, search_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    doc.id, doc.name, doc.format, doc.url, doc.outlet,
                    doc.title or segments.title, doc.published, int(doc.published_inferred),
                    doc.source_path, doc.encoding, doc.text, _now(), R.search_id(doc.id),
                ),
            )  # fmt: skip
            self.db.executemany(
                "INSERT INTO blocks VALUES (?, ?, ?, ?, ?)",
                [(doc.id, i, b.role, b.start, b.end) for i, b in enumerate(segments.blocks)],
            )
            self.db.executemany(
                "INSERT INTO comments VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (doc.id, i, c.author, c.depth, c.start, c.end, c.text)
                    for i, c in enumerate(segments.comments)
                ],
            )
            _write_mentions(self.db, doc.id, doc.outlet or doc.name, mentions)

    def start_run(self) -> int:
        """Open a run record and return its id."""
        with self.db.transaction():
            row = self.db.execute(
                "INSERT INTO runs (started_at) VALUES (?) RETURNING id", (_now(),)
            ).fetchone()
        return int(row[0])

    def record_failure(self, run_id: int, failure: PageFailure) -> None:
        """Keep a page that could not be read, with its reason, for later review."""
        self.record_failures(run_id, [failure])

    def record_failures(self, run_id: int, failures: Sequence[PageFailure]) -> None:
        """Keep pages that could not be read, with their reasons, for later review; one
        transaction for them all (a file of broken lines must not cost a commit each)."""
        with self.db.transaction():
            self.db.executemany(
                "INSERT INTO failures VALUES (?, ?, ?, ?)",
                [(run_id, f.name, f.code, f.reason) for f in failures],
            )

    def finish_run(self, run_id: int, *, read: int, stored: int, failed: int) -> None:
        """Close a run record with its counts."""
        with self.db.transaction():
            self.db.execute(
                "UPDATE runs SET finished_at = ?, pages_read = ?, pages_stored = ?,"
                " pages_failed = ? WHERE id = ?",
                (_now(), read, stored, failed, run_id),
            )

    def pages(self, doc_ids: list[str] | None = None) -> list[StoredPage]:
        """Overview rows for the given pages (all pages when None), by name."""
        sql = (
            "SELECT d.name, d.title,"
            " (SELECT count(*) FROM blocks b WHERE b.doc_id = d.id AND b.role = 'body'),"
            " (SELECT count(*) FROM comments c WHERE c.doc_id = d.id),"
            " (SELECT count(*) FROM blocks b WHERE b.doc_id = d.id AND b.role = 'boilerplate')"
            " FROM documents d"
        )
        found = [
            StoredPage(*row)
            for where, params in self._doc_filters("d.id", doc_ids)
            for row in self.db.query(sql + where, params)
        ]
        return sorted(found, key=lambda p: (p.name, p.title or ""))

    def mentions(self, doc_ids: list[str] | None = None) -> list[Mention]:
        """Stored mentions of the given pages (all when None), in page and mention order."""
        found = [
            (row["doc"], row["ordinal"], R.mention_from_row(row))
            for where, params in self._doc_filters("doc_id", doc_ids)
            for row in self.db.query_dicts("SELECT * FROM mentions" + where, params)
        ]
        return [mention for _, _, mention in sorted(found, key=lambda x: (x[0], x[1]))]

    def _doc_filters(
        self, column: str, doc_ids: list[str] | None
    ) -> Iterator[tuple[str, Sequence[str]]]:
        if doc_ids is None:
            yield "", ()
            return
        for chunk in _chunks(doc_ids):
            yield f" WHERE {column} IN ({_marks(chunk)})", chunk

    def stored_mentions(self, doc_ids: list[str] | None = None) -> list[StoredMention]:
        """Stored mentions (all, or those of the given pages) with their page's details,
        for fusion, by page id and ordinal."""
        sql = (
            "SELECT m.*, d.name AS page_name, d.outlet AS page_outlet,"
            " d.published AS page_published, d.url AS page_url"
            " FROM mentions m JOIN documents d ON d.id = m.doc_id"
        )
        rows = [
            row
            for where, params in self._doc_filters("m.doc_id", doc_ids)
            for row in self.db.query_dicts(sql + where, params)
        ]
        rows.sort(key=lambda row: (row["doc_id"], row["ordinal"]))
        return [
            StoredMention(
                row["doc_id"],
                row["ordinal"],
                R.mention_from_row(row),
                PageInfo(
                    row["doc_id"],
                    row["page_name"],
                    row["page_outlet"],
                    row["page_published"],
                    row["page_url"],
                ),
            )  # fmt: skip
            for row in rows
        ]

    def article_bodies(self, doc_ids: list[str]) -> dict[str, str]:
        """The article text (title and body lines) of each given page."""
        parts: dict[str, list[str]] = {doc_id: [] for doc_id in doc_ids}
        for chunk in _chunks(doc_ids):
            for doc_id, text, spans in self._body_spans(chunk):
                parts[doc_id].extend(text[start:end] for start, end in spans)
        return {doc_id: "\n".join(lines) for doc_id, lines in parts.items()}

    def _body_spans(self, doc_ids: Sequence[str]) -> Iterator[tuple[str, str, list]]:
        texts = dict(
            self.db.query(
                f"SELECT id, text FROM documents WHERE id IN ({_marks(doc_ids)})", doc_ids
            )
        )
        spans: dict[str, list[tuple[int, int]]] = {doc_id: [] for doc_id in texts}
        for doc_id, start, end in self.db.query(
            "SELECT doc_id, char_start, char_end FROM blocks"
            f" WHERE role IN ('title', 'body') AND doc_id IN ({_marks(doc_ids)})"
            " ORDER BY doc_id, ordinal",
            doc_ids,
        ):
            spans[doc_id].append((start, end))
        for doc_id, text in texts.items():
            yield doc_id, text, spans[doc_id]

    def replace_events(self, events: list[FusedEvent], *, fused_at: str) -> None:
        """Replace every stored event with ``events``, in one transaction (or in the
        enclosing :meth:`fusion_transaction`)."""
        with self.db.transaction():
            write_events(self.db, events, fused_at)

    def fusion_transaction(self, work: Callable[[], T]) -> T:
        """Run ``work`` (fusion: it reads the mentions and rewrites the events through this
        store) as one transaction that no concurrent writer can slip a page into.

        PostgreSQL: fusions queue on a lock, and page writers wait while one runs.
        SQLite: fusion reads a snapshot without blocking writers; if a page was stored
        meanwhile, its write is refused and fusion starts again on fresh reads, and after
        a few such losses it runs holding the write lock (writers wait for it)."""
        if self.dialect == "postgresql":
            with self.db.transaction():
                self.db.execute("SELECT pg_advisory_xact_lock(?)", (_FUSION_LOCK,))
                self.db.execute("LOCK TABLE documents, mentions IN SHARE MODE")
                return work()
        for _ in range(_OPTIMISTIC_FUSIONS):
            try:
                with self.db.transaction(optimistic=True):
                    return work()
            except sqlite3.OperationalError as exc:
                if exc.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY:
                    raise
        with self.db.transaction():
            return work()

    def events(self, event_ids: list[str] | None = None) -> list[FusedEvent]:
        """Stored fused events (all, or those named), by event id."""
        return read_events(self.db, event_ids)

    def event(self, event_id: str) -> FusedEvent:
        """One stored event by id (a unique prefix will do), or error E008."""
        found = read_events(self.db, [event_id])
        if not found:
            like = self.db.query(
                "SELECT event_id FROM events WHERE event_id LIKE ? ORDER BY event_id",
                (event_id.replace("%", "").replace("_", "") + "%",),
            )
            if len(like) == 1:
                found = read_events(self.db, [like[0][0]])
        if not found:
            raise WardeskError("E008", event_id=event_id, db=self.location)
        return found[0]

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Pages whose title or text hold every word of ``query``, best first."""
        return search_pages(self.db, query, limit=limit)

    def close(self) -> None:
        """Close the connection."""
        self.db.close()


def _write_mentions(db: Database, doc_id: str, voice: str, mentions: list[Mention]) -> None:
    """Insert a page's mentions with their places, actors and claims."""
    located = [m.location for m in mentions if m.location is not None]
    db.executemany(
        R.insert_sql("places", R.PLACE_COLUMNS, ignore_existing=True),
        [R.place_row(loc) for loc in located],
    )
    actor_rows = [row for i, m in enumerate(mentions) for row in R.actor_rows(doc_id, i, m)]
    db.executemany(
        "INSERT INTO actors (name) VALUES (?) ON CONFLICT DO NOTHING",
        sorted({(row[3],) for row in actor_rows}),
    )
    db.executemany(
        R.insert_sql("mentions", R.MENTION_COLUMNS),
        [R.mention_row(doc_id, i, m) for i, m in enumerate(mentions)],
    )
    db.executemany("INSERT INTO mention_actors VALUES (?, ?, ?, ?)", actor_rows)
    db.executemany(
        R.insert_sql("claims", R.CLAIM_COLUMNS),
        [row for i, m in enumerate(mentions) for row in R.claim_rows(doc_id, i, m, voice)],
    )


def _backfill_page_facts(db: Database) -> None:
    """Fill places, actors and claims for mentions stored before they existed."""
    rows = db.query_dicts(
        "SELECT m.*, coalesce(d.outlet, d.name) AS voice FROM mentions m"
        " JOIN documents d ON d.id = m.doc_id ORDER BY m.doc_id, m.ordinal"
    )
    by_page: dict[tuple[str, str], list[tuple[int, Mention]]] = {}
    for row in rows:
        by_page.setdefault((row["doc_id"], row["voice"]), []).append(
            (row["ordinal"], R.mention_from_row(row))
        )
    for (doc_id, voice), mentions in by_page.items():
        db.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
        ordered = [m for _, m in sorted(mentions, key=lambda x: x[0])]
        _write_mentions(db, doc_id, voice, ordered)


def open_store(target: str | Path) -> Store:
    """Open (creating and migrating when needed) the database at ``target``.

    ``target`` is a SQLite file path (created if missing) or a ``postgresql://`` URL.
    """
    db = connect(target)
    store = Store(db)
    try:
        store.migrate()
    except DatabaseErrors as exc:
        db.close()
        raise WardeskError("E004", db=db.location, detail=str(exc).strip()) from exc
    except WardeskError:
        db.close()
        raise
    return store


__all__ = [
    "SearchHit",
    "Store",
    "StoredPage",
    "display_target",
    "is_postgres_url",
    "open_store",
]
