"""Hostile inputs through a run into each database (issue 18): SQLite and PostgreSQL store the
same thing, and a file of broken lines costs a few transactions, not one per line."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hostile"))
import hostile_inputs as H  # noqa: E402  (the builders live beside the hostile tests)

from wardesk.engine import EngineOptions, run_into_store  # noqa: E402
from wardesk.engine.store import FAILURE_BATCH  # noqa: E402
from wardesk.ingest import IngestOptions  # noqa: E402

BROKEN = 2 * FAILURE_BATCH + 7


@pytest.fixture
def counted(store, monkeypatch) -> list[int]:
    """Counts the transactions the store opens from here on (nested ones join the outer)."""
    opened: list[int] = []
    transaction = store.db.transaction

    @contextmanager
    def counting():
        opened.append(1)
        with transaction() as db:
            yield db

    monkeypatch.setattr(type(store.db), "transaction", lambda self: counting())
    return opened


def test_odd_names_nul_and_broken_lines_are_stored_alike_on_each_database(tmp_path, store, counted):
    shown = H.non_utf8_name(tmp_path)
    page_id = H.nul_record(tmp_path)
    H.broken_lines(tmp_path, BROKEN)
    options = IngestOptions(failures_per_file=BROKEN)
    summary = run_into_store(
        [tmp_path], store, options=options, engine=EngineOptions(workers=1, chunk_size=4)
    )
    assert summary.stored == 2 and len(summary.failures) == BROKEN
    rows = store.db.query("SELECT name, title, url, text FROM documents ORDER BY name")
    assert [row[0] for row in rows] == sorted([shown, page_id])
    assert not any("\x00" in (value or "") for row in rows for value in row)
    assert store.db.scalar("SELECT count(*) FROM failures") == BROKEN
    # start and finish of the run, two pages, and the failures in batches
    batches = -(-BROKEN // FAILURE_BATCH)
    assert len(counted) == 2 + 2 + batches
