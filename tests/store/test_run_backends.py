"""``wardesk run`` end to end on SQLite and PostgreSQL: the same pages give the same events."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from wardesk.cli import cli
from wardesk.export.records import event_record
from wardesk.store import open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _run(db: str):
    return CliRunner().invoke(cli, ["run", str(EXAMPLES), "--db", db], catch_exceptions=False)


def _events(db: str) -> list[dict]:
    store = open_store(db)
    try:
        return [{**event_record(e)} for e in store.events()]
    finally:
        store.close()


def test_run_stores_and_fuses_on_both_backends(tmp_path, pg_target):
    sqlite_db = str(tmp_path / "w.db")
    for db in (sqlite_db, pg_target):
        first = _run(db)
        assert first.exit_code == 0, first.output
        assert re.search(r"\d+ events fused from \d+ mentions", first.output)
        again = _run(db)
        assert re.search(r"0 stored .*5 already stored", again.output.replace("\n", " "))
    assert "postgresql://" in first.output
    assert _events(pg_target) == _events(sqlite_db)
    assert len(_events(sqlite_db)) >= 5
