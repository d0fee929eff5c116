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

from wardesk.contract import mention_record
from wardesk.errors import WardeskError
from wardesk.model import (
    Agreement,
    Document,
    Evidence,
    Location,
    Mention,
    PageFailure,
    Segments,
)


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
    folder = resources.files("wardesk.store") / "migrations" / "sqlite"
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

    def save_page(self, doc: Document, segments: Segments, mentions: list[Mention]) -> None:
        """Write one page, its segments and mentions atomically, replacing an earlier copy."""
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
            rows = [_mention_row(doc.id, i, m) for i, m in enumerate(mentions)]
            if rows:
                marks = ", ".join("?" * len(rows[0]))
                self.conn.executemany(f"INSERT INTO mentions VALUES ({marks})", rows)

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

    def mentions(self, doc_ids: list[str] | None = None) -> list[Mention]:
        """Stored mentions of the given pages (all when None), in page and mention order."""
        sql = "SELECT * FROM mentions"
        params: list[str] = []
        if doc_ids is not None:
            sql += " WHERE doc_id IN (SELECT value FROM json_each(?))"
            params.append(json.dumps(doc_ids))
        cursor = self.conn.execute(sql + " ORDER BY doc, ordinal", params)
        names = [column[0] for column in cursor.description]
        return [_mention_from_row(dict(zip(names, row, strict=True))) for row in cursor]

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()


def _mention_row(doc_id: str, ordinal: int, mention: Mention) -> tuple:
    record = mention_record(mention)
    place = record["location"] or {}
    agreement = record["agreement"]
    return (
        doc_id, ordinal, record["mention_id"], record["doc"], record["event_type"],
        record["sub_event_type"], record["actor1"], record["actor2"],
        json.dumps(record["assoc_actors"]), place.get("name"), place.get("geonameid"),
        place.get("lat"), place.get("lon"), place.get("admin1"), place.get("country"),
        place.get("precision"), record["date"], record["time_precision"], record["fatalities"],
        json.dumps(agreement) if agreement else None, record["source"], record["source_type"],
        record["certainty"], int(record["in_comments"]), record["evidence"],
        record["char_start"], record["char_end"],
    )  # fmt: skip


def _mention_from_row(row: dict) -> Mention:
    deal = json.loads(row["agreement"]) if row["agreement"] else None
    if deal is not None:
        deal = Agreement(
            **{**deal, "brokers": tuple(deal["brokers"]), "terms": tuple(deal["terms"])}
        )
    location = None
    if row["location_name"] is not None:
        location = Location(
            row["location_name"], row["latitude"], row["longitude"], row["geonameid"],
            row["admin1"], row["country"], row["geo_precision"],
        )  # fmt: skip
    return Mention(
        doc=row["doc"], mention_id=row["mention_id"], event_type=row["event_type"],
        sub_event_type=row["sub_event_type"], actor1=row["actor1"], actor2=row["actor2"],
        assoc_actors=tuple(json.loads(row["assoc_actors"] or "[]")), location=location,
        date=row["event_date"], time_precision=row["time_precision"],
        fatalities=row["fatalities"], agreement=deal, source=row["source"],
        source_type=row["source_type"], certainty=row["certainty"],
        in_comments=bool(row["in_comments"]),
        evidence=Evidence(row["evidence"], row["char_start"], row["char_end"]),
    )  # fmt: skip


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
