"""The command line, end to end: help, exit codes, golden outputs, the run over examples."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from wardesk import __version__
from wardesk.cli import cli

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
GOLDEN = Path(__file__).parent / "golden"
# Set WARDESK_UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change.
UPDATE = os.environ.get("WARDESK_UPDATE_GOLDEN") == "1"


def invoke(*args: str, stdin: str | None = None):
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def check_golden(name: str, output: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(output, encoding="utf-8")
    assert output == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0
    assert __version__ in result.output


def test_every_command_has_help_and_a_readme_entry():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert command.help, f"{name} has no help text"
        assert invoke(name, "--help").exit_code == 0
        assert f"wardesk {name}" in readme, f"README does not document `wardesk {name}`"


@pytest.mark.parametrize(
    "page", ["blog-palmyra-with-comments.txt", "monitor-page-raqqa.html", "wire-records.jsonl"]
)
def test_segment_output_matches_golden(page):
    result = invoke("segment", str(EXAMPLES / page), "--format", "json")
    assert result.exit_code == 0
    check_golden(f"segment-{Path(page).stem}.json", result.output)


def test_segment_reads_stdin():
    page = "A headline\n\nThe army shelled the town on Monday, a monitor said.\n"
    result = invoke("segment", "-", stdin=page)
    assert result.exit_code == 0
    record = json.loads(result.output)
    assert record["title"] == "A headline"
    assert "shelled the town" in record["body"]


def test_extract_jsonl_follows_the_contract():
    result = invoke("extract", str(EXAMPLES / "wire-report-deir-hafer.txt"))
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.output.splitlines()]
    assert records, "the wire report names a deal and a strike"
    fields = {
        "doc", "mention_id", "event_type", "sub_event_type", "actor1", "actor2", "assoc_actors",
        "location", "date", "time_precision", "fatalities", "agreement", "source",
        "source_type", "source_stance", "certainty", "in_comments", "evidence", "char_start",
        "char_end",
    }  # fmt: skip
    text = (EXAMPLES / "wire-report-deir-hafer.txt").read_text(encoding="utf-8")
    for record in records:
        assert set(record) == fields
        assert text[record["char_start"] : record["char_end"]] == record["evidence"]
    assert any(r["agreement"] for r in records)


def test_run_over_examples_stores_pages_and_resumes(tmp_path):
    db = tmp_path / "w.db"
    first = invoke("run", str(EXAMPLES), "--db", str(db))
    assert first.exit_code == 0, first.output
    assert "What wardesk found" in first.output
    assert str(db.resolve()) in first.output.replace("\n", "")
    with sqlite3.connect(db) as conn:
        pages = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        mentions = conn.execute("SELECT count(*) FROM mentions").fetchone()[0]
    assert pages == 5
    assert mentions > 0
    again = invoke("run", str(EXAMPLES), "--db", str(db))
    assert again.exit_code == 0
    assert re.search(r"0 stored .*5 already stored", again.output.replace("\n", " "))


def test_run_says_where_page_dates_come_from(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    story = "Headline\n\nRebels shelled the town of Idlib on Monday.\n"
    (pages / "a.txt").write_text(story)
    (pages / "b.txt").write_text(story.replace("Monday", "Tuesday"))
    (pages / "c.txt").write_text("Headline\n\nMarch 3, 2018 / 5:38 PM\n\n" + story)
    (tmp_path / "meta.csv").write_text("file,published\na.txt,2018-03-22\n")
    result = invoke("run", str(pages), "--db", str(tmp_path / "w.db"),
                    "--metadata", str(tmp_path / "meta.csv"))  # fmt: skip
    line = " ".join(result.output.split())
    assert "Publication dates: 1 from metadata, 1 read off the page" in line
    assert "1 undated" in line and "--metadata" in line


def test_a_bad_published_date_is_refused_with_its_value(tmp_path):
    result = CliRunner().invoke(cli, ["extract", str(EXAMPLES), "--published", "17/06/2"])
    assert result.exit_code == 2
    assert "E011" in result.output and "17/06/2" in result.output


def test_bad_pages_are_named_counted_and_kept(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "good.txt").write_text("Headline\n\nRebels shelled the town of Idlib on Monday.\n")
    (pages / "empty.txt").write_text("")
    (pages / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    db = tmp_path / "w.db"
    result = CliRunner().invoke(cli, ["run", str(pages), "--db", str(db)])
    assert result.exit_code == 1
    assert "empty.txt" in result.output and "binary.txt" in result.output
    with sqlite3.connect(db) as conn:
        codes = sorted(row[0] for row in conn.execute("SELECT code FROM failures"))
        stored = conn.execute("SELECT name FROM documents").fetchall()
    assert codes == ["P101", "P102"]
    assert stored == [("good.txt",)]


def test_nothing_readable_exits_2(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = CliRunner().invoke(cli, ["segment", str(tmp_path / "empty.txt")])
    assert result.exit_code == 2


def test_missing_path_is_a_clean_message(tmp_path):
    result = CliRunner().invoke(cli, ["segment", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "nope" in result.output
    assert "Traceback" not in result.output


def test_seeds_run(seeds_dir, tmp_path):
    result = invoke("run", str(seeds_dir), "--db", str(tmp_path / "seeds.db"))
    assert result.exit_code == 0
    with sqlite3.connect(tmp_path / "seeds.db") as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 5


def test_extract_explain_prints_the_deciding_cues():
    result = CliRunner().invoke(
        cli, ["extract", str(EXAMPLES / "wire-report-deir-hafer.txt"), "--explain"]
    )
    assert result.exit_code == 0
    assert "certainty=denied" in result.stderr
    assert "certainty: had not agreed" in result.stderr


def test_geocode_shows_scored_candidates():
    result = invoke("geocode", "Deir Ezzor", "--near", "Raqqa", "--json")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert rows[0]["country"] == "Syria"
    assert abs(rows[0]["lat"] - 35.33) < 0.3 and abs(rows[0]["lon"] - 40.14) < 0.3
    assert rows == sorted(rows, key=lambda r: -r["score"])


def test_geocode_unknown_name_exits_1():
    assert invoke("geocode", "Qwzxyplace").exit_code == 1


def _start_run(pages: Path, db: Path) -> subprocess.Popen:
    """``wardesk run`` with two worker processes, in a process group of its own (as a shell
    starts a command, so that Ctrl-C reaches the workers too)."""
    command = [sys.executable, "-c", "from wardesk.cli import main; main()",
               "run", str(pages), "--db", str(db), "--workers", "2"]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        start_new_session=True,
    )  # fmt: skip


def _stored_pages(db: Path) -> int:
    try:
        with sqlite3.connect(db) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.mark.parametrize("when", ["while the workers start", "after the first pages"])
def test_ctrl_c_prints_one_line_and_exits_130(tmp_path, when):
    pages, db = tmp_path / "pages", tmp_path / "w.db"
    pages.mkdir()
    story = "Report {i}\n\nGovernment forces shelled the town of Idlib on Monday, a monitor said.\n"
    for i in range(400):
        (pages / f"page-{i:03d}.txt").write_text(story.format(i=i), encoding="utf-8")
    process = _start_run(pages, db)
    deadline = time.monotonic() + 180
    ready = (lambda: db.exists()) if when.startswith("while") else (lambda: _stored_pages(db) > 0)
    while not ready() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert process.poll() is None, "the run ended before it could be interrupted"
    os.killpg(process.pid, signal.SIGINT)  # what the terminal does on Ctrl-C
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert [line for line in stderr.splitlines() if line.strip()] == [
        "interrupted (Ctrl-C): work already committed is kept"
    ]


READER_PAGE = """Fighting near the river

Government forces shelled the town of Idlib on Monday, a monitor said.

  • Sami K.

    Rebels attacked an army checkpoint in Saraqib last night, my brother saw it.

  • Lena P.

    Thanks for the update.
"""


def test_the_results_table_shows_names_and_markers_as_text(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    hostile = "a[blink]b[red]c\x1b[31mred:fire:.txt"
    (pages / hostile).write_text(READER_PAGE.replace("Fighting", "[update] Fighting [/] [video]"))
    (pages / "reader.txt").write_text(READER_PAGE)
    result = invoke("run", str(pages), "--db", str(tmp_path / "w.db"))
    assert result.exit_code == 0, result.output
    assert "a[blink]b[red]c\\x1b[31mred:fire:.txt" in result.output
    assert "\x1b" not in result.output
    rows = [row for row in result.output.splitlines() if "Saraqib" in row]
    assert rows and all("[comment]" in row for row in rows), "reader mentions must be marked"
    search = invoke("search", "Idlib", "--db", str(tmp_path / "w.db"))
    assert "[update] Fighting [/] [video]" in search.output


def test_error_lines_print_install_hints_and_values_as_text(capsys):
    from wardesk.cli.app import print_error
    from wardesk.errors import WardeskError

    print_error(WardeskError("E007", db="postgresql://h/[bold]db"))
    print_error(WardeskError("E001", path="no[/]such\x1b[2J"))
    printed = capsys.readouterr().err
    assert "pip install 'wardesk[postgres]'" in printed
    assert "postgresql://h/[bold]db" in printed
    assert "no[/]such\\x1b[2J" in printed and "\x1b" not in printed


@pytest.mark.parametrize("fmt", ["acled", "parquet"])
def test_export_to_a_missing_folder_is_one_coded_error_line(tmp_path, fmt):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "reader.txt").write_text(READER_PAGE)
    db = tmp_path / "w.db"
    assert invoke("run", str(pages), "--db", str(db)).exit_code == 0
    target = tmp_path / "no-such-folder" / f"x.{fmt}"
    result = CliRunner().invoke(
        cli, ["export", "--format", fmt, "-o", str(target), "--db", str(db)]
    )
    assert result.exit_code == 2, result.exception
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: [E034]") and str(target) in lines[0]
    assert not target.parent.exists()
