"""Opening the event database for the web UI: read-only by default, one connection a request.

Read-only means a SQLite file opened with ``mode=ro`` and ``query_only`` (nothing in the
server can write to it), or a PostgreSQL session whose transactions are read-only. Such a
database is never migrated, so its schema must already be the one this wardesk writes
(error E031 otherwise); ``--writable`` opens it through :func:`wardesk.store.open_store`,
which applies pending migrations once at start.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wardesk.errors import WardeskError
from wardesk.store import Store, is_postgres_url, open_store
from wardesk.store.db import (
    Database,
    DatabaseErrors,
    connect,
    open_sqlite_file,
    require_wardesk_database,
)
from wardesk.store.schema import migrations


@dataclass(frozen=True, slots=True)
class DeskSource:
    """Where the database is and how the server may open it."""

    target: str
    read_only: bool = True

    def open(self) -> Store:
        """A new connection to the database (the caller closes it)."""
        if is_postgres_url(self.target):
            db = connect(self.target)
            if self.read_only:
                db.execute("SET default_transaction_read_only = on")
            return Store(db)
        return Store(open_sqlite_file(self.target, read_only=self.read_only))


def prepare_source(target: str | Path, *, read_only: bool = True) -> DeskSource:
    """Check that the database exists and has the schema this wardesk reads (migrating it
    first when writable); return how to open it."""
    target = str(target)
    require_wardesk_database(target)
    if not read_only:
        open_store(target).close()
        return DeskSource(target, read_only=False)
    source = DeskSource(target, read_only=True)
    store = source.open()
    try:
        _check_schema(store.db)
    finally:
        store.close()
    return source


def _check_schema(db: Database) -> None:
    known = max(step.number for step in migrations(db.dialect))
    try:
        found = db.scalar("SELECT max(version) FROM schema_migrations") or 0
    except DatabaseErrors:
        found = 0
    if found != known:
        raise WardeskError("E031", db=db.location, found=found, known=known)
