"""The store on SQLite and PostgreSQL: migrations, one transaction per page, skip-by-hash,
failures kept, claims/places/actors written with the page, full-text search."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from wardesk.errors import WardeskError
from wardesk.model import (
    Agreement,
    Block,
    Comment,
    Document,
    Evidence,
    Location,
    Mention,
    PageFailure,
    Segments,
)
from wardesk.store import open_store
from wardesk.store.db import DatabaseErrors
from wardesk.store.schema import migrations


def _page(
    text: str = "Title\n\nBody line.\n\nA reader says hi", doc_id: str | None = None
) -> tuple[Document, Segments]:
    doc = Document(id=doc_id or f"id{len(text)}", name="page.txt", text=text, format="text")
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


def _deal(**changes) -> Mention:
    fields = dict(
        doc="page.txt", mention_id="page.txt#1", event_type="Strategic developments",
        sub_event_type="Agreement", actor1="SDF", actor2="Islamic State",
        evidence=Evidence("Body line.", 7, 17),
        location=Location("Qaryat Nur", 35.0, 38.0, 7, "Ar Raqqah", "Syria", 1),
        agreement=Agreement(
            "withdrawal", "Islamic State", "SDF", brokers=("tribal elders",),
            destination="Idlib governorate", fighters=200, terms=("hand over weapons",),
            status="agreed", foreign_fighters=False,
        ),
        source="local sources", source_type="local_sources", certainty="reported",
        source_stance="opposition",
    )  # fmt: skip
    fields.update(changes)
    return Mention(**fields)


def _count(store, table: str) -> int:
    return store.db.scalar(f"SELECT count(*) FROM {table}")


def test_migrations_are_recorded_once(target):
    open_store(target).close()
    again = open_store(target)
    versions = again.db.query("SELECT version FROM schema_migrations ORDER BY version")
    again.close()
    assert versions == [(m.number,) for m in migrations("sqlite")]


def test_both_dialects_have_the_same_numbered_steps():
    sqlite_steps = [m.name for m in migrations("sqlite")]
    assert sqlite_steps == [m.name for m in migrations("postgresql")]
    assert [int(n.split("_")[0]) for n in sqlite_steps] == list(range(1, len(sqlite_steps) + 1))


def test_saved_page_round_trips(store):
    doc, segments = _page()
    store.save_page(doc, segments, [])
    assert store.has_document(doc.id)
    [row] = store.pages()
    assert (row.name, row.title, row.body_lines, row.comments) == ("page.txt", "Title", 1, 1)


def test_saving_twice_replaces_not_duplicates(store):
    doc, segments = _page()
    store.save_page(doc, segments, [_deal()])
    store.save_page(doc, segments, [_deal()])
    assert _count(store, "blocks") == len(segments.blocks)
    assert _count(store, "mentions") == 1
    assert _count(store, "claims") == len(store.db.query("SELECT DISTINCT slot FROM claims"))


def _make_comments_fail(store) -> None:
    if store.dialect == "sqlite":
        store.db.execute(
            "CREATE TRIGGER boom BEFORE INSERT ON comments BEGIN SELECT RAISE(ABORT, 'x'); END"
        )
        return
    store.db.script(
        "CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'x'; END $$;"
        "CREATE TRIGGER boom BEFORE INSERT ON comments FOR EACH ROW EXECUTE FUNCTION boom();"
    )


def test_failed_write_leaves_no_half_page(store):
    doc, segments = _page()
    # The comments insert fails: the document and blocks written before must go too.
    _make_comments_fail(store)
    with pytest.raises(DatabaseErrors):
        store.save_page(doc, segments, [_deal()])
    assert not store.has_document(doc.id)
    assert _count(store, "blocks") == 0
    assert _count(store, "mentions") == 0
    assert store.search("Body") == []


def test_failures_and_runs_are_kept(store):
    run_id = store.start_run()
    store.record_failure(run_id, PageFailure("bad.bin", "P102", "binary"))
    store.finish_run(run_id, read=2, stored=1, failed=1)
    assert store.db.query("SELECT name, code FROM failures") == [("bad.bin", "P102")]
    assert store.db.query("SELECT pages_read, pages_failed FROM runs") == [(2, 1)]
    assert store.start_run() == run_id + 1


def test_unopenable_database_is_a_clean_error(tmp_path):
    with pytest.raises(WardeskError, match="E004"):
        open_store(tmp_path / "no" / "such" / "dir" / "w.db")


def test_unreachable_postgres_is_a_clean_error():
    with pytest.raises(WardeskError, match="E004") as caught:
        open_store("postgresql://someone:secret@127.0.0.1:1/nothing")
    assert "secret" not in str(caught.value)


def test_mentions_round_trip(store):
    doc, segments = _page()
    mention = _deal()
    store.save_page(doc, segments, [mention])
    assert store.mentions([doc.id]) == [mention]
    assert store.mentions(["someone-else"]) == []
    [stored] = store.stored_mentions()
    assert (stored.doc_id, stored.ordinal, stored.mention) == (doc.id, 0, mention)
    assert stored.page.voice == "page.txt"


def test_claims_places_and_actors_are_written_with_the_page(store):
    doc, segments = _page()
    store.save_page(doc, segments, [_deal()])
    claims = dict(store.db.query("SELECT slot, value FROM claims"))
    assert claims == {
        "happened": "happened", "status": "agreed", "fighters": "200",
        "destination": "Idlib governorate", "foreign_fighters": "excluded",
    }  # fmt: skip
    assert store.db.query("SELECT DISTINCT source FROM claims") == [("local sources",)]
    assert store.db.query("SELECT place_key, name FROM places") == [("gn:7", "Qaryat Nur")]
    roles = store.db.query("SELECT role, actor FROM mention_actors ORDER BY role, actor")
    assert ("broker", "tribal elders") in roles and ("withdrawing", "Islamic State") in roles
    assert _count(store, "actors") == 3


def test_segments_view_shows_each_line_with_its_text(store):
    doc, segments = _page()
    store.save_page(doc, segments, [])
    rows = store.db.query("SELECT role, text FROM segments ORDER BY ordinal")
    assert rows == [("title", "Title"), ("body", "Body line."), ("comment", "A reader says hi")]


def test_full_text_search_finds_stemmed_words_and_follows_deletes(store):
    first, first_segments = _page("Title\n\nBody line about evacuations.\n\nA reader says hi")
    other, other_segments = _page("Other\n\nBody line on shelling.\n\nA reader says no")
    store.save_page(first, first_segments, [])
    store.save_page(other, other_segments, [])
    [hit] = store.search("evacuation")
    assert hit.doc_id == first.id and "evacuations" in hit.snippet
    assert {h.doc_id for h in store.search("body line")} == {first.id, other.id}
    assert store.search("evacuation shelling") == []
    assert store.search('"); DROP TABLE documents; --') == []
    store.save_page(first, first_segments, [])  # replaced: still found once
    assert [h.doc_id for h in store.search("evacuation")] == [first.id]


def test_a_newer_schema_is_refused(target):
    store = open_store(target)
    store.db.execute("INSERT INTO schema_migrations VALUES (999, '0999_future.sql', 'later')")
    store.close()
    with pytest.raises(WardeskError, match="E012"):
        open_store(target)


def test_an_old_database_is_upgraded_and_backfilled(tmp_path):
    # A database written before search, claims and events: only the first two steps applied.
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
        " applied_at TEXT NOT NULL)"
    )
    for step in migrations("sqlite")[:2]:
        conn.executescript(step.sql)
        conn.execute(
            "INSERT INTO schema_migrations VALUES (?, ?, 'then')", (step.number, step.name)
        )
    doc, segments = _page("Title\n\nBody line about a truce.\n\nA reader says hi")
    conn.execute(
        "INSERT INTO documents (id, name, format, title, text, ingested_at)"
        " VALUES (?, 'page.txt', 'text', 'Title', ?, 'then')",
        (doc.id, doc.text),
    )
    from wardesk.store.rows import mention_row

    conn.execute(
        f"INSERT INTO mentions VALUES ({', '.join('?' * 27)})", mention_row(doc.id, 0, _deal())[:27]
    )
    conn.commit()
    conn.close()
    store = open_store(path)
    try:
        assert [h.doc_id for h in store.search("truce")] == [doc.id]
        assert _count(store, "claims") == 5
        assert store.mentions() == [replace(_deal(), source_stance=None)]
    finally:
        store.close()
