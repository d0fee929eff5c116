"""Fusion reads and rewrites in one transaction: a page stored by another writer while a
fusion runs is never left without its events, and the result equals a serial run. A
database failure during fusion is one coded error naming the cause."""

from __future__ import annotations

import threading
from contextlib import closing
from dataclasses import replace

import pytest

import wardesk.fuse as fusion
from wardesk.errors import WardeskError
from wardesk.fuse import fuse, fuse_mentions
from wardesk.model import Block, Document, Evidence, Location, Mention, Segments
from wardesk.store import open_store

TOWNS = (
    Location("Qaryat Nur", 35.0, 38.0, 901, "Ar Raqqah", "Syria", 1),
    Location("Tell Amir", 35.6, 38.9, 902, "Ar Raqqah", "Syria", 1),
    Location("Kafr Salim", 36.2, 37.1, 903, "Aleppo", "Syria", 1),
)


def _page(number: int) -> tuple[Document, Segments, list[Mention]]:
    """An invented page with two mentions: a clash and a deal in one of three towns."""
    name = f"page-{number:03d}.txt"
    text = f"Report {number}\n\nFighting and a deal near town {number % 3}."
    doc = Document(id=f"doc{number:03d}", name=name, text=text, format="text",
                   published=f"2017-10-{1 + number % 20:02d}")  # fmt: skip
    segments = Segments(doc.id, (Block("title", f"Report {number}", 0, 10),
                                 Block("body", text[12:], 12, len(text))), ())  # fmt: skip
    place = TOWNS[number % 3]
    clash = Mention(
        doc=name, mention_id=f"{name}#1", event_type="Battles", sub_event_type="Armed clash",
        actor1="SDF", actor2="Islamic State", location=place, date=doc.published,
        evidence=Evidence("Fighting", 12, 20),
    )  # fmt: skip
    deal = replace(clash, mention_id=f"{name}#2", event_type="Strategic developments",
                   sub_event_type="Agreement")  # fmt: skip
    return doc, segments, [clash, deal]


def _store_pages(store, numbers) -> None:
    for number in numbers:
        store.save_page(*_page(number))


def _unfused(store) -> int:
    """Stored mentions that belong to no event."""
    return store.db.scalar(
        "SELECT count(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM event_mentions e"
        " WHERE e.doc_id = m.doc_id AND e.ordinal = m.ordinal)"
    )


def _as_stored(events):
    return [replace(e, fused_at=None) for e in events]


def test_a_page_stored_while_a_fusion_runs_is_not_left_without_events(target, monkeypatch):
    """An admin fusion reads the mentions and is held on a gate while a run stores pages
    and fuses; then the admin fusion finishes. Had it read outside its transaction, it would
    write events that miss the run's pages over the run's own complete ones. (On PostgreSQL
    the run's pages wait for the admin fusion's lock, which gives up the gate after 3 s.)"""
    with closing(open_store(target)) as setup:
        _store_pages(setup, range(30))
        fuse(setup)
    gate, admin_read = threading.Event(), threading.Event()
    real = fusion.fuse_mentions

    def held(stored, bodies):
        if threading.current_thread().name == "admin":
            admin_read.set()
            gate.wait(timeout=3)
        return real(stored, bodies)

    monkeypatch.setattr(fusion, "fuse_mentions", held)
    failures: list[BaseException] = []

    def admin() -> None:
        try:
            with closing(open_store(target)) as store:
                fuse(store)
        except BaseException as exc:  # reported by the test thread
            failures.append(exc)

    thread = threading.Thread(target=admin, name="admin")
    thread.start()
    assert admin_read.wait(timeout=30)
    with closing(open_store(target)) as run:
        _store_pages(run, [30, 31])
        fuse(run)
    gate.set()
    thread.join(timeout=60)
    assert not thread.is_alive() and not failures
    with closing(open_store(target)) as store:
        assert _unfused(store) == 0
        serial = fuse_mentions(store.stored_mentions(), store.article_bodies(
            sorted(store.document_ids())))  # fmt: skip
        assert _as_stored(store.events()) == _as_stored(serial)
        assert store.db.scalar("SELECT count(*) FROM mentions") == 64


def test_a_full_disk_during_fusion_is_one_coded_error_and_the_old_events_stay(tmp_path):
    with closing(open_store(tmp_path / "w.db")) as store:
        _store_pages(store, range(40))
        # No room beyond the pages already written: the events cannot be stored.
        pages = store.db.scalar("PRAGMA page_count")
        store.db.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(WardeskError) as caught:
            fuse(store)
        assert caught.value.code == "E017"
        assert "database or disk is full" in str(caught.value)
        assert not store.conn.in_transaction
        assert store.db.scalar("SELECT count(*) FROM events") == 0


def test_a_server_killed_during_fusion_is_one_coded_error(pg_target, monkeypatch):
    import psycopg

    with closing(open_store(pg_target)) as store:
        _store_pages(store, range(10))
        pid = store.db.scalar("SELECT pg_backend_pid()")
        real = fusion.fuse_mentions

        def killed_meanwhile(stored, bodies):
            with psycopg.connect(pg_target, autocommit=True) as other:
                other.execute("SELECT pg_terminate_backend(%s)", (pid,))
            return real(stored, bodies)

        monkeypatch.setattr(fusion, "fuse_mentions", killed_meanwhile)
        with pytest.raises(WardeskError) as caught:
            fuse(store)
    assert caught.value.code == "E017"
    assert "terminat" in str(caught.value) or "closed" in str(caught.value)
