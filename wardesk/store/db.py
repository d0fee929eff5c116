"""A small dialect layer over ``sqlite3`` and ``psycopg``: one API for both databases.

SQL in wardesk is written once with ``?`` placeholders; :class:`Database` turns them into
``%s`` for PostgreSQL. Both connections run in autocommit mode and group statements with
:meth:`Database.transaction`, so one page (or one fusion) is written all or nothing.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

from wardesk.errors import WardeskError

Dialect = Literal["sqlite", "postgresql"]
POSTGRES_SCHEMES = ("postgresql://", "postgres://")
_PASSWORD = re.compile(r"(://[^:/@]+):[^@]*@")

# The database errors the store lets through to its callers (the CLI reports them).
try:  # psycopg is the optional `postgres` extra
    import psycopg

    DatabaseErrors: tuple[type[Exception], ...] = (sqlite3.Error, psycopg.Error)
except ImportError:  # pragma: no cover - exercised only without the extra
    psycopg = None
    DatabaseErrors = (sqlite3.Error,)


def failure_detail(exc: BaseException) -> str:
    """The first line of a database error, for a coded error line that names its cause."""
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def is_postgres_url(target: str | Path) -> bool:
    """True when ``target`` names a PostgreSQL server rather than a SQLite file."""
    return str(target).startswith(POSTGRES_SCHEMES)


def display_target(target: str | Path) -> str:
    """The database as shown to people: a resolved file path, or the URL without password."""
    if is_postgres_url(target):
        return _PASSWORD.sub(r"\1:***@", str(target))
    return str(Path(target).resolve())


@dataclass(slots=True)
class Database:
    """One open connection and the dialect it speaks."""

    conn: Any
    dialect: Dialect
    location: str
    _depth: int = 0

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.dialect == "postgresql" else sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement and return its cursor."""
        if self.dialect == "sqlite":
            return self.conn.execute(sql, params)
        return self.conn.execute(self._sql(sql), params or None)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement for every row."""
        rows = list(rows)
        if not rows:
            return
        if self.dialect == "sqlite":
            self.conn.executemany(sql, rows)
        else:
            with self.conn.cursor() as cursor:
                cursor.executemany(self._sql(sql), rows)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        """All rows of a query, as tuples."""
        return list(self.execute(sql, params).fetchall())

    def query_dicts(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """All rows of a query, as dicts keyed by column name."""
        cursor = self.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first column of the first row, or None."""
        row = self.execute(sql, params).fetchone()
        return row[0] if row else None

    def script(self, sql: str) -> None:
        """Run several statements (a migration) inside the current transaction."""
        if self.dialect == "postgresql":
            self.conn.execute(sql)
            return
        for statement in split_statements(sql):
            self.conn.execute(statement)

    @contextmanager
    def transaction(self, *, optimistic: bool = False) -> Iterator[Database]:
        """All statements inside commit together or not at all (nesting joins the outer one).

        ``optimistic`` (SQLite): take the write lock at the first write, not at the start;
        if another connection committed since this transaction first read, that write fails
        with "database is locked" (SQLITE_BUSY_SNAPSHOT) rather than write on stale reads."""
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self._depth = 1
        try:
            if self.dialect == "postgresql":
                with self.conn.transaction():
                    yield self
            else:
                yield from self._sqlite_transaction("BEGIN" if optimistic else "BEGIN IMMEDIATE")
        finally:
            self._depth = 0

    def _sqlite_transaction(self, begin: str) -> Iterator[Database]:
        self.conn.execute(begin)
        try:
            yield self
            self.conn.execute("COMMIT")
        except BaseException:
            # SQLite rolls back by itself on some errors (disk full): a second ROLLBACK
            # would fail and hide the error that caused it.
            if self.conn.in_transaction:
                with suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()


def split_statements(sql: str) -> list[str]:
    """Cut a SQLite script into complete statements (triggers keep their inner semicolons)."""
    statements, current = [], ""
    for line in sql.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    return statements


def connect(target: str | Path) -> Database:
    """Open a SQLite file (created when missing) or a ``postgresql://`` URL."""
    if is_postgres_url(target):
        return _connect_postgres(str(target))
    return _connect_sqlite(str(target))


def _connect_sqlite(location: str) -> Database:
    try:
        conn = sqlite3.connect(location, isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
    except sqlite3.Error as exc:
        raise WardeskError("E004", db=location, detail=str(exc)) from exc
    return Database(conn, "sqlite", location)


def _connect_postgres(url: str) -> Database:
    shown = display_target(url)
    if psycopg is None:
        raise WardeskError("E007", db=shown)
    try:
        conn = psycopg.connect(url, autocommit=True)
    except psycopg.Error as exc:
        raise WardeskError("E004", db=shown, detail=str(exc).strip()) from exc
    conn.execute("SET client_min_messages = warning")
    return Database(conn, "postgresql", shown)


def open_sqlite_file(path: str, *, read_only: bool) -> Database:
    """Open an existing SQLite file, never creating it; read-only (``mode=ro`` and
    ``query_only``: nothing can write through it) or read-write. The connection may be used
    from several threads in turn (a web request's dependency and handler)."""
    mode = "ro" if read_only else "rw"
    uri = f"file:{quote(str(Path(path).resolve()))}?mode={mode}"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA query_only = {'ON' if read_only else 'OFF'}")
        conn.execute("PRAGMA busy_timeout = 5000")
    except sqlite3.Error as exc:
        raise WardeskError("E004", db=path, detail=str(exc)) from exc
    return Database(conn, "sqlite", display_target(path))


def require_wardesk_database(target: str | Path) -> None:
    """Refuse (E004) a database wardesk has not written, before a reading command opens it
    (opening would create wardesk's tables): a missing SQLite file, or a SQLite file or
    PostgreSQL database without wardesk's tables. Nothing is written to it."""
    target = str(target)
    if is_postgres_url(target):
        db = _connect_postgres(target)
    elif Path(target).is_file():
        db = open_sqlite_file(target, read_only=True)
    else:
        raise WardeskError(
            "E004", db=target, detail="no such file (write it with wardesk run first)"
        )
    try:
        found = _has_table(db, "schema_migrations")
    except DatabaseErrors as exc:
        raise WardeskError("E004", db=db.location, detail=str(exc).strip()) from exc
    finally:
        db.close()
    if not found:
        raise WardeskError(
            "E004", db=db.location,
            detail="it holds no wardesk tables (write them with wardesk run --db first)",
        )  # fmt: skip


def _has_table(db: Database, name: str) -> bool:
    if db.dialect == "postgresql":  # the table as the connection's search path finds it
        return db.scalar("SELECT to_regclass(?) IS NOT NULL", (name,))
    return (
        db.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
        > 0
    )
