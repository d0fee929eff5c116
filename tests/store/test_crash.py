"""A run killed mid-way leaves a consistent database, and running again resumes it."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from wardesk.cli import cli

PAGES = 60
TOWNS = ("Tabqa", "Raqqa", "Idlib", "Palmyra", "Deir Hafer", "Manbij")


def _write_pages(folder: Path) -> None:
    folder.mkdir()
    for i in range(PAGES):
        town = TOWNS[i % len(TOWNS)]
        (folder / f"page-{i:03d}.txt").write_text(
            f"Report {i} from {town}\n\n"
            f"About {20 + i} rebel fighters will leave {town} under a deal with government "
            f"forces, the Syrian Observatory for Human Rights said on Monday.\n\n"
            f"Government forces shelled villages near {town} on Sunday, killing {i % 7} people.\n",
            encoding="utf-8",
        )


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(db) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def _run_and_kill(pages: Path, db: Path) -> None:
    command = [sys.executable, "-c", "from wardesk.cli import main; main()",
               "run", str(pages), "--db", str(db)]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _stored(db) < 3 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()


def _check_consistent(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        docs = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        # every stored page is whole: its lines and its search entry are there
        bare = conn.execute(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS"
            " (SELECT 1 FROM blocks b WHERE b.doc_id = d.id)"
        ).fetchone()[0]
        indexed = conn.execute(
            "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'fighters'"
        ).fetchone()[0]
        assert conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
    assert bare == 0 and indexed == docs
    return docs


def test_a_killed_run_leaves_whole_pages_and_resumes(tmp_path):
    pages, db = tmp_path / "pages", tmp_path / "w.db"
    _write_pages(pages)
    _run_and_kill(pages, db)
    done = _check_consistent(db)
    assert 3 <= done < PAGES, "the run was killed mid-way"
    result = CliRunner().invoke(cli, ["run", str(pages), "--db", str(db)], catch_exceptions=False)
    assert result.exit_code == 0
    assert f"{done} already stored" in result.output.replace("\n", " ")
    assert _check_consistent(db) == PAGES
    with sqlite3.connect(db) as conn:
        members = conn.execute("SELECT count(*) FROM event_mentions").fetchone()[0]
        mentions = conn.execute("SELECT count(*) FROM mentions").fetchone()[0]
    assert members == mentions > 0
