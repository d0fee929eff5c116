"""Reading commands never create wardesk's tables: a database wardesk has not written (a
missing or empty SQLite file, a PostgreSQL schema without the tables) is refused with E004
and left as it was, on both backends."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from wardesk.cli import cli
from wardesk.errors import WardeskError
from wardesk.store import open_store
from wardesk.store.db import connect, require_wardesk_database
from wardesk.web.database import prepare_source

READS = [
    ["events"], ["show", "ev-1"], ["search", "Idlib"], ["export", "--format", "acled"],
]  # fmt: skip


def _tables(target: str) -> list[str]:
    db = connect(target)
    try:
        if db.dialect == "postgresql":
            rows = db.query(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = "
                "current_schema()"
            )
        else:
            rows = db.query("SELECT name FROM sqlite_master WHERE type = 'table'")
    finally:
        db.close()
    return [row[0] for row in rows]


@pytest.fixture
def foreign(target: str) -> str:
    """A database that exists but that wardesk never wrote: an empty SQLite file, or an
    empty PostgreSQL schema."""
    if not target.startswith("postgres"):
        Path(target).touch()
    return target


@pytest.mark.parametrize("command", READS, ids=lambda c: c[0])
def test_read_commands_refuse_a_database_without_wardesk_tables(foreign, command):
    result = CliRunner().invoke(cli, [*command, "--db", foreign])
    assert result.exit_code == 2, result.output
    assert "E004" in result.output and "no wardesk tables" in result.output
    assert _tables(foreign) == []


@pytest.mark.parametrize("read_only", [True, False], ids=["read-only", "writable"])
def test_serve_refuses_a_database_without_wardesk_tables(foreign, read_only):
    with pytest.raises(WardeskError) as refused:
        prepare_source(foreign, read_only=read_only)
    assert refused.value.code == "E004"
    assert _tables(foreign) == []


def test_an_empty_sqlite_file_is_left_untouched(tmp_path):
    empty = tmp_path / "other.db"
    empty.touch()
    with pytest.raises(WardeskError):
        require_wardesk_database(empty)
    assert empty.stat().st_size == 0
    assert not (tmp_path / "other.db-wal").exists()


def test_a_database_wardesk_wrote_is_read(target):
    open_store(target).close()
    require_wardesk_database(target)  # no error
    result = CliRunner().invoke(cli, ["events", "--db", target])
    assert result.exit_code == 0, result.output
    if not target.startswith("postgres"):
        with sqlite3.connect(target) as conn:
            assert conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] > 0
