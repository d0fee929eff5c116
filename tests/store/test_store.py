"""The SQLite store: migrations, one transaction per page, skip-by-hash, failures kept."""

from __future__ import annotations

import sqlite3

import pytest

from wardesk.model import Block, Comment, Document, PageFailure, Segments
from wardesk.store import open_store


def _page(text: str = "Title\n\nBody line.\n\nA reader says hi") -> tuple[Document, Segments]:
    doc = Document(id=f"id{len(text)}", name="page.txt", text=text, format="text")
    title_end = text.index("\n")
    body_start = text.index("Body")
    comment_start = text.index("A reader")
    blocks = (
        Block("title", "Title", 0, title_end),
        Block("body", "Body line.", body_start, body_start + 10),
        Block("comment", "A reader says hi", comment_start, len(text)),
    )
    comments = (Comment("A reader says hi", comment_start, len(text), author=None, depth=0),)
    return doc, Segments(doc.id, blocks, comments)


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "w.db")
    yield opened
    opened.close()


def test_migrations_are_recorded_once(tmp_path):
    first = open_store(tmp_path / "w.db")
    first.close()
    again = open_store(tmp_path / "w.db")
    versions = again.conn.execute("SELECT version FROM schema_migrations").fetchall()
    again.close()
    assert versions == [(1,), (2,)]


def test_saved_page_round_trips(store):
    doc, segments = _page()
    store.save_page(doc, segments, [])
    assert store.has_document(doc.id)
    [row] = store.pages()
    assert (row.name, row.title, row.body_lines, row.comments) == ("page.txt", "Title", 1, 1)


def test_saving_twice_replaces_not_duplicates(store):
    doc, segments = _page()
    store.save_page(doc, segments, [])
    store.save_page(doc, segments, [])
    count = store.conn.execute("SELECT count(*) FROM blocks").fetchone()[0]
    assert count == len(segments.blocks)


def test_failed_write_leaves_no_half_page(store):
    doc, segments = _page()
    # The last insert of the page fails: the document and blocks written before must go too.
    store.conn.execute(
        "CREATE TRIGGER boom BEFORE INSERT ON comments BEGIN SELECT RAISE(ABORT, 'x'); END"
    )
    with pytest.raises(sqlite3.DatabaseError):
        store.save_page(doc, segments, [])
    assert not store.has_document(doc.id)
    assert store.conn.execute("SELECT count(*) FROM blocks").fetchone()[0] == 0


def test_failures_and_runs_are_kept(store):
    run_id = store.start_run()
    store.record_failure(run_id, PageFailure("bad.bin", "P102", "binary"))
    store.finish_run(run_id, read=2, stored=1, failed=1)
    assert store.conn.execute("SELECT name, code FROM failures").fetchall() == [("bad.bin", "P102")]
    assert store.conn.execute("SELECT pages_read, pages_failed FROM runs").fetchone() == (2, 1)


def test_unopenable_database_is_a_clean_error(tmp_path):
    from wardesk.errors import WardeskError

    with pytest.raises(WardeskError, match="E004"):
        open_store(tmp_path / "no" / "such" / "dir" / "w.db")


def test_mentions_round_trip(store):
    from wardesk.model import Agreement, Evidence, Location, Mention

    doc, segments = _page()
    mention = Mention(
        doc="page.txt", mention_id="page.txt#1", event_type="Strategic developments",
        sub_event_type="Agreement", actor1="SDF", actor2="Islamic State",
        evidence=Evidence("Body line.", 7, 17),
        location=Location("Qaryat Nur", 35.0, 38.0, 7, "Ar Raqqah", "Syria", 1),
        agreement=Agreement("withdrawal", "Islamic State", "SDF", terms=("hand over weapons",)),
        source="local sources", source_type="local_sources", certainty="reported",
    )  # fmt: skip
    store.save_page(doc, segments, [mention])
    assert store.mentions([doc.id]) == [mention]
    assert store.mentions(["someone-else"]) == []
