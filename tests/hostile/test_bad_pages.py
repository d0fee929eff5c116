"""Hostile pages: a run over a folder mixing bad pages with good ones.

Every bad page gets a coded, per-page failure (or is processed when it is only odd, like a page
of Arabic boilerplate); the run goes on, the good pages are stored whole, the summary names each
failure with its reason, and the ``failures`` table keeps one row per refused page.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from wardesk.cli import cli

GOOD = {
    "good-1.txt": "Rebels leave Qaryat Nur under a deal\n\n"
    "About 40 rebel fighters will leave Qaryat Nur under a deal with government forces, "
    "the Syrian Observatory for Human Rights said on Monday.\n",
    "good-2.txt": "Shelling near Idlib\n\n"
    "Government forces shelled villages near Idlib on Sunday, killing 4 people, "
    "local sources said.\n",
}

# name -> the code it must be refused with
REFUSED: dict[str, str] = {
    "empty.txt": "P101",
    "blank.txt": "P101",
    "binary.txt": "P102",
    "random-bytes.html": "P102",
    "huge-50mb.txt": "P103",
    "html-bomb.html": "P105",
    "deep-nesting.html": "P105",
    "records.jsonl:2": "P106",  # broken JSON
    "records.jsonl:3": "P106",  # no text field
    "records.jsonl:4": "P106",  # text is a number
    "records.jsonl:5": "P106",  # an array, not an object
    "records.jsonl:6": "P106",  # text is an object
    "records.jsonl:7": "P106",  # not UTF-8
    "records.jsonl:8": "P101",  # empty text
    "records.jsonl:9": "P106",  # 100k nested arrays
    "records.jsonl:10": "P106",  # title has the wrong type
}

# Odd but readable: these are processed (stored), not refused.
PROCESSED = (
    "bad-utf8.txt",
    "mixed-encodings.txt",
    "malformed.html",
    "arabic.txt",
    "russian.txt",
    "hebrew.txt",
    "rtl-controls.txt",
)


def write_bad_pages(folder: Path) -> None:
    """Write every hostile input of this module, plus the two good pages, into ``folder``."""
    folder.mkdir(exist_ok=True)
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"   \n\t\n \r\n\x0c\n")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (folder / "random-bytes.html").write_bytes(
        bytes((i * 7919 + 13) % 255 + 1 for i in range(8192))  # no NUL, no text encoding fits
    )
    # A sparse 50 MB file: it is refused by its size, never read.
    with (folder / "huge-50mb.txt").open("wb") as stream:
        stream.truncate(50_000_000)
    (folder / "html-bomb.html").write_text(
        "<html><body>" + "<div>" * 100_000 + "boom" + "</div>" * 100_000 + "</body></html>"
    )
    (folder / "deep-nesting.html").write_text(
        "<html><body>" + "<span><b>" * 3000 + "deep" + "</body>"
    )
    (folder / "malformed.html").write_text(
        "<html><head><title>Broken</title><body><p>Clashes near Idlib <div <a href='x>>< <"
        "</p></td></table>" + "<<<>>>" * 50
    )
    (folder / "bad-utf8.txt").write_bytes(
        b"Fighters left Qaryat Nur \xff\xfe\xc3\x28 \xa0\xa1 on Monday.\n" * 3
    )
    (folder / "mixed-encodings.txt").write_bytes(
        "Café in Idlib: ".encode()
        + "naïve résumé ".encode("latin-1")
        + "Дамаск".encode("koi8-r")
        + b"\n"
    )
    (folder / "arabic.txt").write_text(
        "الرئيسية | أخبار | اتصل بنا\n\nجميع الحقوق محفوظة © 2017\n\nشارك على فيسبوك\n",
        encoding="utf-8",
    )
    (folder / "russian.txt").write_text(
        "Главная | Новости | Контакты\n\nВсе права защищены © 2017\n\nПоделиться\n",
        encoding="utf-8",
    )
    (folder / "hebrew.txt").write_text(
        "דף הבית | חדשות | צור קשר\n\nכל הזכויות שמורות © 2017\n", encoding="cp1255"
    )
    (folder / "rtl-controls.txt").write_text(
        "\u202eShelling near Idlib\u202c\n\n\ufeffGovernment\u200b forces\u2066 shelled "
        "\u0627\u062f\u0644\u0628 on Sunday.\u200f\n",
        encoding="utf-8",
    )
    lines = [
        b'{"id": "jsonl-good", "text": "Clashes near Kafr Salim killed 2 fighters on Friday."}',
        b'{"id": "broken", "text": "unterminated',
        b'{"id": "notext", "title": "no body here"}',
        b'{"id": "wrongtype", "text": 42}',
        b"[1, 2, 3]",
        b'{"id": "nested", "text": {"a": 1}}',
        b"\xff\xfe not utf8",
        b'{"text": "   "}',
        b"[" * 100_000 + b"]" * 100_000,
        b'{"text": "Clashes near Tell Amir.", "title": ["a", "list"]}',
    ]
    (folder / "records.jsonl").write_bytes(b"\n".join(lines) + b"\n")


def _db_rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_a_run_over_bad_pages_refuses_each_cleanly_and_keeps_the_good(tmp_path):
    pages, db = tmp_path / "pages", tmp_path / "w.db"
    write_bad_pages(pages)
    started = time.monotonic()
    result = CliRunner().invoke(cli, ["run", str(pages), "--db", str(db)], catch_exceptions=False)
    took = time.monotonic() - started
    assert result.exit_code == 1, result.output  # some pages failed, the run still finished
    output = result.output

    failures = {name: (code, reason) for name, code, reason in _db_rows(
        db, "SELECT name, code, reason FROM failures")}  # fmt: skip
    assert len(_db_rows(db, "SELECT name FROM failures")) == len(REFUSED)  # one row per page
    assert {name: code for name, (code, _) in failures.items()} == REFUSED
    for name, (_, reason) in failures.items():
        assert reason.strip()
        # the summary names each refused page with its code and reason
        code = failures[name][0]
        line = f"{name}: [{code}] {' '.join(reason.split())}"
        assert line in " ".join(output.split())

    stored = {row[0] for row in _db_rows(db, "SELECT name FROM documents")}
    assert set(GOOD) <= stored
    assert "jsonl-good" in stored
    assert set(PROCESSED) <= stored
    assert f"{len(REFUSED)} skipped" in " ".join(output.split())

    # nothing half-written
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        bare = conn.execute(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS"
            " (SELECT 1 FROM blocks b WHERE b.doc_id = d.id)"
        ).fetchone()[0]
        assert bare == 0
        runs = conn.execute("SELECT pages_failed FROM runs").fetchall()
        assert runs == [(len(REFUSED),)]
    # the 50 MB page was refused by its size, not read: the whole run stays quick
    assert took < 120


def test_the_summary_shows_the_code_of_each_failure(tmp_path):
    pages, db = tmp_path / "pages", tmp_path / "w.db"
    pages.mkdir()
    (pages / "good.txt").write_text(GOOD["good-1.txt"], encoding="utf-8")
    (pages / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(cli, ["run", str(pages), "--db", str(db)], catch_exceptions=False)
    assert result.exit_code == 1
    assert "P101" in result.output


def test_sql_and_markup_in_names_and_text_are_stored_verbatim(tmp_path):
    pages, db = tmp_path / "pages", tmp_path / "w.db"
    pages.mkdir()
    name = "x'); DROP TABLE documents; --.txt"
    text = (
        "Robert'); DROP TABLE mentions; -- <script>alert(1)</script>\n\n"
        "Government forces shelled villages near Idlib on Sunday, killing 4 people, "
        'local sources said. " OR 1=1 -- ; DELETE FROM events;\n'
    )
    (pages / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(pages), "--db", str(db)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert _db_rows(db, "SELECT name, text FROM documents") == [(name, text)]
    assert _db_rows(db, "SELECT count(*) FROM mentions")[0][0] >= 1
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_the_size_limit_is_a_setting(tmp_path):
    pages, db = tmp_path / "pages", tmp_path / "w.db"
    pages.mkdir()
    (pages / "good.txt").write_text(GOOD["good-1.txt"], encoding="utf-8")
    (pages / "long.txt").write_text("Clashes near Idlib. " * 100, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["run", str(pages), "--db", str(db), "--max-bytes", "1000"], catch_exceptions=False
    )
    assert result.exit_code == 1
    assert _db_rows(db, "SELECT name, code FROM failures") == [("long.txt", "P103")]


LONG = pytest.mark.skipif(
    not os.environ.get("WARDESK_LONG_TESTS"), reason="set WARDESK_LONG_TESTS=1 for the 10 MB line"
)


def _one_long_line(path: Path, size: int) -> None:
    unit = "Government forces shelled villages near Idlib on Sunday, killing 4 people. "
    path.write_text((unit * (size // len(unit) + 1))[:size].rstrip() + "\n", encoding="utf-8")


def test_a_10mb_single_line_is_refused_by_the_default_limit(tmp_path):
    pages, db = tmp_path / "pages", tmp_path / "w.db"
    pages.mkdir()
    (pages / "good.txt").write_text(GOOD["good-1.txt"], encoding="utf-8")
    _one_long_line(pages / "one-line.txt", 10_000_000)
    result = CliRunner().invoke(cli, ["run", str(pages), "--db", str(db)], catch_exceptions=False)
    assert result.exit_code == 1
    assert _db_rows(db, "SELECT name, code FROM failures") == [("one-line.txt", "P103")]


def _run_is_clean(result, db: Path, name: str) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1), result.output
    names = {row[0] for row in _db_rows(db, "SELECT name FROM documents")}
    failed = {row[0] for row in _db_rows(db, "SELECT name FROM failures")}
    assert "good.txt" in names
    assert (name in names) != (name in failed)


def test_a_single_line_over_a_million_characters_under_the_default_limit(tmp_path):
    pages, db = tmp_path / "pages", tmp_path / "w.db"
    pages.mkdir()
    (pages / "good.txt").write_text(GOOD["good-1.txt"], encoding="utf-8")
    _one_long_line(pages / "z-one-line.txt", 1_200_000)
    result = CliRunner().invoke(cli, ["run", str(pages), "--db", str(db)])
    _run_is_clean(result, db, "z-one-line.txt")


@LONG
def test_a_10mb_single_line_under_a_raised_limit_is_processed_or_refused(tmp_path):
    pages, db = tmp_path / "pages", tmp_path / "w.db"
    pages.mkdir()
    (pages / "good.txt").write_text(GOOD["good-1.txt"], encoding="utf-8")
    _one_long_line(pages / "one-line.txt", 10_000_000)
    result = CliRunner().invoke(
        cli, ["run", str(pages), "--db", str(db), "--max-bytes", "20000000"]
    )
    _run_is_clean(result, db, "one-line.txt")


def test_the_time_limit_per_page_is_a_setting(tmp_path):
    pages, db = tmp_path / "pages", tmp_path / "w.db"
    pages.mkdir()
    (pages / "good.txt").write_text(GOOD["good-1.txt"], encoding="utf-8")
    # About 40,000 words: seconds of work, far over a 1 s limit; the good page takes milliseconds.
    paragraph = "Government forces shelled villages near Idlib on Sunday, killing 4 people.\n\n"
    (pages / "slow.txt").write_text("Shelling\n\n" + paragraph * 3000, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["run", str(pages), "--db", str(db), "--page-seconds", "1"], catch_exceptions=False
    )
    assert result.exit_code == 1, result.output
    assert _db_rows(db, "SELECT name, code FROM failures") == [("slow.txt", "P110")]
    assert _db_rows(db, "SELECT name FROM documents") == [("good.txt",)]
