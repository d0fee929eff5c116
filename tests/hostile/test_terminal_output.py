"""Property tests: whatever text a page, a name or an id holds, every command prints it as
text. Rich markup (``[/]``, ``[link=…]``, ``[blink]``), emoji codes and terminal escape
sequences reach the terminal as the characters they are, control characters written out as
``\\xNN``; no command crashes on them.

The database commands (events, show, search, the error line of a missing event) read one
database whose stored names and text are replaced by the drawn text for each example; the
page commands (segment) read the drawn text from standard input, and geocode takes it as
the name to resolve.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import sqlite3
from contextlib import closing, redirect_stdout
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from wardesk.cli import cli
from wardesk.cli.common import out_console, visible
from wardesk.cli.events import _export_to_stdout
from wardesk.export import ExportOptions
from wardesk.store import open_store

BOUNDED = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
PAGE = "Report from the river\n\nGovernment forces shelled the town of Idlib on Monday, a monitor said.\n"
HOSTILE = st.sampled_from(
    [
        "[/]", "[/quote]", "[link=file:///etc/passwd]x[/link]", "[blink]", "[update]", "[bold red]",
        "\\", "\\\\[b]", "x\\", ":fire:", "\x1b[2J", "\x1b]8;;http://x\x07y", "\x9b31m", "\r", "\x00",
        "\u202e", "wardesk[postgres]",
    ]
)  # fmt: skip
TEXT = st.lists(st.one_of(HOSTILE, st.text(max_size=12)), min_size=1, max_size=4).map("".join)
# Raw control characters must never reach the terminal (newline and tab are layout).
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def invoke(*args: str, stdin: str | None = None):
    return CliRunner().invoke(cli, list(args), input=stdin)


def assert_shown(text: str, output: str) -> None:
    """``text`` appears as text: each of its words, control characters written out."""
    assert not RAW_CONTROL.search(output), repr(output)
    flat = " ".join(output.split())
    for word in visible(text).split():
        assert word in flat, (word, output)


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch):
    """A terminal wide enough that tables never fold a cell (folding is layout, not what is
    tested here)."""
    monkeypatch.setattr(out_console, "width", 2000)


@pytest.fixture(scope="module")
def stored(tmp_path_factory) -> tuple[Path, str]:
    """A database of one page and its one event, and that event's id."""
    root = tmp_path_factory.mktemp("terminal")
    (root / "pages").mkdir()
    (root / "pages" / "report.txt").write_text(PAGE, encoding="utf-8")
    db = root / "w.db"
    result = CliRunner().invoke(cli, ["run", str(root / "pages"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as conn:
        (event_id,) = conn.execute("SELECT event_id FROM events").fetchone()
    return db, event_id


def _fill(db: Path, text: str) -> None:
    """Put ``text`` in every stored field the database commands print."""
    pages = json.dumps([text])
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE documents SET name = ?, title = ?", (text, text))
        conn.execute("UPDATE mentions SET source = ?, evidence = ?", (text, text))
        conn.execute(
            "UPDATE events SET location_name = ?, actor1 = ?, pages = ?", (text, text, pages)
        )
        conn.execute("UPDATE event_sources SET name = ?", (text,))
        conn.execute("UPDATE event_claims SET value = ?", (text,))


@BOUNDED
@given(text=TEXT)
@example(text="[update] Raqqa deal [video] [comment] \x1b[31m")
def test_database_commands_print_any_text_as_text(stored, tmp_path_factory, text):
    source, event_id = stored
    db = tmp_path_factory.mktemp("copy") / "w.db"
    shutil.copy(source, db)
    _fill(db, text)
    for args in (["events"], ["show", event_id], ["search", "Idlib"]):
        result = invoke(*args, "--db", str(db))
        assert result.exit_code == 0, (args, result.output)
        assert_shown(text, result.output)
    wanted = f"no-such-event {text}"
    missing = invoke("show", "--db", str(db), "--", wanted)
    assert missing.exit_code == 2 and "E008" in missing.output
    assert_shown(repr(wanted), missing.output)  # the message quotes the id as Python does


@BOUNDED
@given(title=TEXT, body=TEXT)
@example(title="[/quote] :fire: [link=x]", body="a \x1b[2J b [blink]c[/blink] \\")
def test_segment_prints_any_page_text_as_text(title, body):
    page = f"{title}\n\n{body} Government forces shelled the town on Monday.\n"
    parsed = invoke("segment", "-", "--format", "json", stdin=page)
    shown = invoke("segment", "-", "--format", "text", stdin=page)
    if parsed.exit_code != 0:  # an empty or binary-looking page is refused alike
        assert shown.exit_code == parsed.exit_code
        return
    assert shown.exit_code == 0, shown.output
    record = json.loads(parsed.output)
    for part in (record["title"], record["body"], *(c["text"] for c in record["comments"])):
        assert_shown(part or "", shown.output)


@BOUNDED
@given(name=TEXT)
@example(name="Raqqa [/] \x1b[5m :fire:")
@example(name="[link=file:///etc/passwd]x[/link]" * 3)  # longer than a line: never wrapped
def test_geocode_prints_any_name_as_text(name):
    result = invoke("geocode", "--", name)
    assert result.exit_code in (0, 1), result.output  # 1: no place by that name
    assert_shown(name, result.output)


class _Terminal(io.StringIO):
    """Standard output that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def _dated_copy(stored, tmp_path: Path, text: str) -> Path:
    """A copy of the database with ``text`` in every printed field and a dated event (the
    ACLED export has rows for dated events only)."""
    db = tmp_path / "w.db"
    shutil.copy(stored[0], db)
    _fill(db, text)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE events SET event_date = '2017-05-01', date_start = '2017-05-01'")
    return db


@pytest.mark.parametrize("terminal", [True, False])
def test_export_writes_control_characters_out_on_a_terminal_only(stored, tmp_path, terminal):
    db = _dated_copy(stored, tmp_path, "Raqqa \x1b[2J\x9b31m deal")
    screen = _Terminal() if terminal else io.StringIO()
    with closing(open_store(db)) as store, redirect_stdout(screen):
        assert _export_to_stdout(store, "acled", ExportOptions(include_reader_only=True)) == 1
    assert bool(RAW_CONTROL.search(screen.getvalue())) is not terminal, screen.getvalue()


def test_evaluate_shows_a_page_name_with_control_characters_as_text(tmp_path):
    name = "report\x1b[2J.txt"
    row = {"doc": name, "sub_event_type": "Armed clash", "evidence": "shelling hit the town"}
    gold, pred = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold.write_text(json.dumps(row | {"id": "g1"}) + "\n", encoding="utf-8")
    pred.write_text(json.dumps(row | {"evidence": "other words"}) + "\n", encoding="utf-8")
    result = invoke("evaluate", "--gold", str(gold), "--pred", str(pred))
    assert result.exit_code == 0, result.output
    assert "report\\x1b[2J.txt" in result.output
    assert not RAW_CONTROL.search(result.output), repr(result.output)
