"""Numbered schema migrations, one SQL file per step and per dialect.

``migrations/sqlite/0003_search.sql`` and ``migrations/postgresql/0003_search.sql``
are the same step written for each database. Each step runs in one transaction
with its record in ``schema_migrations``: a failed step leaves no trace. A few
steps also fill their new tables from what is already stored (a Python backfill).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources

from wardesk.errors import WardeskError
from wardesk.store.db import Database, Dialect


@dataclass(frozen=True, slots=True)
class Migration:
    """One numbered step of the schema."""

    number: int
    name: str
    sql: str


Backfill = Callable[[Database], None]


def migrations(dialect: Dialect) -> list[Migration]:
    """The steps shipped in the package for ``dialect``, in order."""
    folder = resources.files("wardesk.store") / "migrations" / dialect
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            number = int(entry.name.split("_", 1)[0])
            found.append(Migration(number, entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found, key=lambda m: m.number)


def applied_versions(db: Database) -> set[int]:
    """The steps this database has seen (creating the record table when missing)."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    return {row[0] for row in db.query("SELECT version FROM schema_migrations")}


def migrate(db: Database, backfills: dict[int, Backfill] | None = None) -> list[int]:
    """Apply every step the database has not seen yet; return the numbers applied."""
    steps = migrations(db.dialect)
    applied = applied_versions(db)
    newest = max((m.number for m in steps), default=0)
    if applied and max(applied) > newest:
        raise WardeskError("E012", db=db.location, found=max(applied), known=newest)
    done = []
    for step in steps:
        if step.number in applied:
            continue
        with db.transaction():
            db.script(step.sql)
            if backfills and step.number in backfills:
                backfills[step.number](db)
            db.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                (step.number, step.name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
        done.append(step.number)
    return done
