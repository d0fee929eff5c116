"""The event database: documents, segments and run records, SQLite by default.

One page is written in one transaction, so a crash leaves either the whole page
or none of it; pages already stored (same content hash) are skipped on re-runs.
Schema changes go through the numbered SQL files in ``migrations/``.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from wardesk.errors import WardeskError
from wardesk.model import Document, PageFailure, Segments


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


def _migrations() -> list[tuple[int, str, str]]:
    """Numbered migrations shipped in the package, in order: (number, name, sql)."""
    folder = resources.files("wardesk.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            number = int(entry.name.split("_", 1)[0])
            found.append((number, entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


class Store:
    """A wardesk database on SQLite; open it with :func:`open_store`."""

    def __init__(self, conn: sqlite3.Connection, location: str) -> None:
        self.conn = conn
        self.location = location

    def migrate(self) -> None:
        """Apply every migration the database has not seen yet."""
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        applied = {row[0] for row in self.conn.execute("SELECT version FROM schema_migrations")}
        for number, name, sql in _migrations():
            if number not in applied:
                self._apply(number, name, sql)

    def _apply(self, number: int, name: str, sql: str) -> None:
        # One script, one transaction: a failed migration leaves no trace.
        record = f"INSERT INTO schema_migrations VALUES ({number}, '{name}', '{_now()}');"
        try:
            self.conn.executescript(f"BEGIN;\n{sql}\n{record}\nCOMMIT;")
        except sqlite3.Error:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    def has_document(self, doc_id: str) -> bool:
        """True when a page with this content hash is already stored."""
        row = self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row is not None

    def save_page(self, doc: Document, segments: Segments) -> None:
        """Write one page and its segments atomically, replacing an earlier copy."""
        with self.conn:
            self.conn.execute("DELETE FROM documents WHERE id = ?", (doc.id,))
            self.conn.execute(
                "INSERT INTO documents (id, name, format, url, outlet, title, published,"
                " published_inferred, source_path, encoding, text, ingested_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    doc.id, doc.name, doc.format, doc.url, doc.outlet,
                    doc.title or segments.title, doc.published, int(doc.published_inferred),
                    doc.source_path, doc.encoding, doc.text, _now(),
                ),
            )  # fmt: skip
            self.conn.executemany(
                "INSERT INTO blocks VALUES (?, ?, ?, ?, ?)",
                [(doc.id, i, b.role, b.start, b.end) for i, b in enumerate(segments.blocks)],
            )
            self.conn.executemany(
                "INSERT INTO comments VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (doc.id, i, c.author, c.depth, c.start, c.end, c.text)
                    for i, c in enumerate(segments.comments)
                ],
            )

    def start_run(self) -> int:
        """Open a run record and return its id."""
        with self.conn:
            cursor = self.conn.execute("INSERT INTO runs (started_at) VALUES (?)", (_now(),))
        return int(cursor.lastrowid)

    def record_failure(self, run_id: int, failure: PageFailure) -> None:
        """Keep a page that could not be read, with its reason, for later review."""
        with self.conn:
            self.conn.execute(
                "INSERT INTO failures VALUES (?, ?, ?, ?)",
                (run_id, failure.name, failure.code, failure.reason),
            )

    def finish_run(self, run_id: int, *, read: int, stored: int, failed: int) -> None:
        """Close a run record with its counts."""
        with self.conn:
            self.conn.execute(
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
        params: list[str] = []
        if doc_ids is not None:
            sql += " WHERE d.id IN (SELECT value FROM json_each(?))"
            params.append(json.dumps(doc_ids))
        rows = self.conn.execute(sql + " ORDER BY d.name", params).fetchall()
        return [StoredPage(*row) for row in rows]

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()


def open_store(target: str | Path) -> Store:
    """Open (creating and migrating when needed) the database at ``target``.

    ``target`` is a SQLite file path; the file is created if missing.
    """
    location = str(target)
    try:
        conn = sqlite3.connect(location, isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
    except sqlite3.Error as exc:
        raise WardeskError("E004", db=location, detail=str(exc)) from exc
    # Python's sqlite3 opens implicit transactions unless isolation_level is None;
    # we manage them explicitly with `with conn:` plus BEGIN in migrations.
    conn.isolation_level = "DEFERRED"
    store = Store(conn, location)
    store.migrate()
    return store
