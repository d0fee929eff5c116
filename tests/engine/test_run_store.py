"""Runs into the database through an engine: one transaction per page, resume after a stop."""

from __future__ import annotations

import pytest

from wardesk.engine import EngineOptions, run_into_store
from wardesk.engine.store import StoredPages, skip_for
from wardesk.errors import WardeskError
from wardesk.ingest import IngestOptions
from wardesk.store import open_store

OPTIONS = IngestOptions()


class Stop(Exception):
    """Stands for Ctrl-C or a kill in the middle of a run."""


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "run.db")
    yield opened
    opened.close()


@pytest.mark.parametrize("workers", [1, 2])
def test_an_interrupted_run_resumes_where_it_stopped(pages_dir, store, workers):
    engine = EngineOptions(workers=workers, chunk_size=1)
    seen: list[str] = []

    def stop_after_three(name: str) -> None:
        seen.append(name)
        if len(seen) == 3:
            raise Stop

    with pytest.raises(Stop):
        run_into_store([pages_dir], store, options=OPTIONS, engine=engine, on_page=stop_after_three)
    assert len(store.document_ids()) == 3  # whole pages only, each in its own transaction

    resumed = run_into_store([pages_dir], store, options=OPTIONS, engine=engine)
    assert (resumed.read, resumed.already_stored, resumed.stored) == (8, 3, 5)
    assert len(store.document_ids()) == 8 and not resumed.failures

    again = run_into_store([pages_dir], store, options=OPTIONS, engine=engine)
    assert (again.already_stored, again.stored, again.mentions) == (8, 0, 0)


def test_force_reprocesses_and_failures_are_recorded(pages_dir, store, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    engine = EngineOptions(workers=1)
    first = run_into_store([pages_dir, empty], store, options=OPTIONS, engine=engine)
    forced = run_into_store([pages_dir], store, options=OPTIONS, engine=engine, force=True)
    assert first.stored == forced.stored == 8 and forced.already_stored == 0
    assert [f.code for f in first.failures] == ["P101"] and first.exit_code == 1
    assert forced.mentions == first.mentions > 0


def test_what_each_engine_skips(store, pages_dir):
    run_into_store(
        [pages_dir / "shard-1.jsonl"], store, options=OPTIONS, engine=EngineOptions(workers=1)
    )
    local = skip_for(store, EngineOptions(), force=False)
    on_ray = skip_for(store, EngineOptions(engine="ray"), force=False)
    assert isinstance(local, StoredPages)  # asked page by page, in the parent
    assert isinstance(on_ray, frozenset) and len(on_ray) == 2  # one set for remote readers
    assert all(doc_id in local for doc_id in on_ray)
    assert skip_for(store, EngineOptions(), force=True) == frozenset()


def test_a_full_disk_while_storing_pages_is_one_coded_error_and_stored_pages_stay_whole(
    pages_dir, store
):
    engine = EngineOptions(workers=1, chunk_size=1)
    stored: list[str] = []

    def fill_the_disk_after_two(name: str) -> None:
        stored.append(name)
        if len(stored) == 2:  # no room beyond what is written: the next page cannot be
            store.db.execute(f"PRAGMA max_page_count = {store.db.scalar('PRAGMA page_count')}")

    with pytest.raises(WardeskError) as caught:
        run_into_store(
            [pages_dir], store, options=OPTIONS, engine=engine, on_page=fill_the_disk_after_two
        )
    assert caught.value.code == "E035"
    assert "database or disk is full" in str(caught.value)
    assert store.db.scalar("PRAGMA integrity_check") == "ok"
    assert len(store.document_ids()) == 2  # the pages stored before, whole
