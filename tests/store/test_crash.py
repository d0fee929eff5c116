"""A run killed mid-way leaves a consistent database, and running again resumes it."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from wardesk.cli import cli

LONG = bool(os.environ.get("WARDESK_LONG_TESTS"))
# Kills after the first one: a few in every run, many with WARDESK_LONG_TESTS=1 (and pages
# enough that each kill still falls mid-run: a kill lets 1 to 8 more pages through).
KILLS = 20 if LONG else 3
PAGES = 200 if LONG else 60
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


# Tables whose rows a run writes, compared between a killed-and-resumed run and a clean one;
# columns holding wall-clock times are left out.
_COMPARED = ("documents", "blocks", "comments", "mentions", "mention_actors", "actors", "places",
             "claims", "events", "event_mentions", "event_sources", "event_claims")  # fmt: skip
_TIMES = ("ingested_at", "started_at", "finished_at", "created_at", "updated_at", "fused_at")


def _snapshot(db: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(db) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        snapshot = {}
        for table in _COMPARED:
            if table not in tables:
                continue
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
            kept = ", ".join(c for c in columns if c not in _TIMES)
            rows = conn.execute(f"SELECT {kept} FROM {table}").fetchall()
            snapshot[table] = sorted(rows, key=repr)
    return snapshot


def _start(pages: Path, db: Path) -> subprocess.Popen:
    command = [sys.executable, "-c", "from wardesk.cli import main; main()",
               "run", str(pages), "--db", str(db)]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _kill_at(process: subprocess.Popen, db: Path, *, pages: int, delay: float) -> None:
    """SIGKILL ``process`` ``delay`` seconds after ``pages`` pages are stored (or it ends)."""
    deadline = time.monotonic() + 120
    while _stored(db) < pages and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)  # a no-op when the run has ended on its own
    process.wait()


def test_kills_at_random_points_then_a_rerun_equals_an_uninterrupted_run(tmp_path):
    seed = int(os.environ.get("WARDESK_CRASH_SEED", time.time_ns() % 100_000))
    rng = random.Random(seed)
    pages, db, clean = tmp_path / "pages", tmp_path / "w.db", tmp_path / "clean.db"
    _write_pages(pages)
    # The first kill falls at a random time: during start-up, migrations or the first pages.
    process = _start(pages, db)
    time.sleep(rng.uniform(0.0, 1.5))
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    done = _check_consistent(db) if db.exists() and _stored(db) else 0
    for _ in range(KILLS):  # then after a random number of pages, at a random moment in the next
        process = _start(pages, db)
        _kill_at(process, db, pages=done + rng.randint(1, 8), delay=rng.uniform(0.0, 0.03))
        now = _check_consistent(db)
        assert now >= done, f"seed {seed}: stored pages were lost"
        done = now
    resumed = CliRunner().invoke(cli, ["run", str(pages), "--db", str(db)])
    assert resumed.exit_code == 0, f"seed {seed}: {resumed.output}"
    assert _check_consistent(db) == PAGES
    fresh = CliRunner().invoke(cli, ["run", str(pages), "--db", str(clean)])
    assert fresh.exit_code == 0
    assert _snapshot(db) == _snapshot(clean), f"seed {seed}"
