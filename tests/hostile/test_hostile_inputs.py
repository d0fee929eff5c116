"""Inputs built as an attacker would (issue 18): each is refused with a code, or read safely,
and none stops, hangs or floods the run.

Inputs that would hang the old code (a pipe, ``/dev/zero``) are read under a guard
(:func:`wardesk.deadline.time_limit`), so a regression fails instead of hanging; nothing
here asserts how fast anything is.
"""

from __future__ import annotations

import os
import resource
import sqlite3
import subprocess
import sys
import tracemalloc
from pathlib import Path

import hostile_inputs as H
import pytest
from click.testing import CliRunner

from wardesk.cli import cli
from wardesk.deadline import time_limit
from wardesk.engine.sources import count_pages
from wardesk.ingest import IngestOptions, ingest
from wardesk.ingest.options import DEFAULT_OPTIONS
from wardesk.model import Document, PageFailure

GUARD_SECONDS = 60  # far above what any of these inputs needs; only a hang reaches it
MIB = 1 << 20


def _read(paths: list[Path], options: IngestOptions = DEFAULT_OPTIONS, *, guard: bool = True):
    """Every result of ``paths``; ``guard`` False where the options' page limit is the guard
    (both use the one alarm timer)."""
    with time_limit(GUARD_SECONDS if guard else None):
        return list(ingest(paths, options))


def _codes(results: list) -> dict[str, str]:
    return {r.name: r.code for r in results if isinstance(r, PageFailure)}


def _documents(results: list) -> dict[str, Document]:
    return {r.name: r for r in results if isinstance(r, Document)}


def _peak_bytes(work) -> int:
    """The most memory Python allocations held while ``work()`` ran."""
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# Row 1 -------------------------------------------------------------------------------------


def test_a_warc_record_without_target_uri_is_refused_and_the_archive_goes_on(tmp_path):
    refused = H.warc_without_uri(tmp_path)
    results = _read([tmp_path / "no-uri.warc"])
    assert _codes(results) == {refused: "P107"}
    page = _documents(results)["no-uri.warc:2"]
    assert page.url == H.GOOD_URI and page.title == "Clashes near Tell Amir"


# Row 2 -------------------------------------------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_kept_escaped(tmp_path):
    shown = H.non_utf8_name(tmp_path)
    (page,) = _read([tmp_path])
    assert isinstance(page, Document) and page.name == shown
    # Everything about the page is valid text, so any database can store it.
    page.name.encode("utf-8")
    assert page.source_path is not None
    page.source_path.encode("utf-8")


# Row 3 -------------------------------------------------------------------------------------


def test_nul_characters_are_removed_from_every_field(tmp_path):
    page_id = H.nul_record(tmp_path)
    (page,) = _read([tmp_path / "nul.jsonl"])
    assert isinstance(page, Document) and page.name == page_id
    fields = (page.name, page.title, page.url, page.text)
    assert not any("\x00" in value for value in fields)
    assert page.title == "Truce in Tell Amir" and page.url == "https://wire.example/truce"


def test_nul_from_a_utf16_page_is_removed(tmp_path):
    text = "A truce\x00 held in Tell Amir on Friday. " + "Residents went back home. " * 4
    (tmp_path / "wide.txt").write_bytes(text.encode("utf-16"))
    (page,) = _read([tmp_path / "wide.txt"])
    assert isinstance(page, Document) and page.text == text.replace("\x00", "")


# Rows 5 and 6 ------------------------------------------------------------------------------


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_pipes_and_devices_in_a_folder_are_refused_not_read(tmp_path):
    names = [
        H.fifo(tmp_path, "pipe.txt"),
        H.fifo(tmp_path, "pipe.jsonl"),
        H.link(tmp_path, "zero.txt", "/dev/zero"),
        H.link(tmp_path, "zero.jsonl", "/dev/zero"),
        H.link(tmp_path, "zero.warc.gz", "/dev/zero"),
    ]
    options = IngestOptions(follow_links=True)  # even where links may leave the folder
    assert _codes(_read([tmp_path], options)) == dict.fromkeys(names, "P113")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_named_on_the_command_line_is_refused(tmp_path):
    H.link(tmp_path, "zero.jsonl", "/dev/zero")
    assert _codes(_read([tmp_path / "zero.jsonl"])) == {"zero.jsonl": "P113"}


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_counting_pages_opens_no_pipe_or_device(tmp_path):
    H.fifo(tmp_path, "pipe.jsonl")
    H.link(tmp_path, "zero.jsonl", "/dev/zero")
    with time_limit(GUARD_SECONDS):
        assert count_pages([tmp_path]) == 2  # one failure each
        assert count_pages([tmp_path / "zero.jsonl"]) == 1


def test_counting_a_single_line_jsonl_holds_no_more_than_a_piece_of_it(tmp_path):
    shard = tmp_path / "one-line.jsonl"
    with shard.open("wb") as stream:
        stream.write(b'{"text": "' + b"a" * (40 * MIB) + b'"}\n{"text": "b"}\n\n')
    counted: list[int | None] = []
    peak = _peak_bytes(lambda: counted.append(count_pages([shard])))
    assert counted == [2]
    assert peak < 8 * MIB  # the old counter held the whole 40 MiB line


# Row 7 -------------------------------------------------------------------------------------


def test_a_header_bomb_is_a_damaged_archive_without_unpacking_it(tmp_path):
    refused = H.warc_header_bomb(tmp_path, fill=64 * MIB)
    results: list = []
    peak = _peak_bytes(lambda: results.extend(_read([tmp_path])))
    assert _codes(results) == {refused: "P107"}
    assert "header lines" in results[0].reason
    assert peak < 32 * MIB  # a few unpacked blocks at most, whatever the archive unpacks to


def test_a_payload_bomb_is_refused_by_its_declared_size(tmp_path):
    refused = H.warc_payload_bomb(tmp_path, fill=64 * MIB)
    results: list = []
    peak = _peak_bytes(lambda: results.extend(_read([tmp_path], IngestOptions(max_bytes=MIB))))
    assert _codes(results) == {refused: "P103"}
    assert f"{64 * MIB:,} bytes" in results[0].reason
    assert peak < 32 * MIB  # a few unpacked blocks at most, whatever the archive unpacks to


# Row 8 -------------------------------------------------------------------------------------


def test_html_extraction_runs_under_the_page_time_limit(tmp_path):
    flood = H.paragraph_flood(tmp_path)
    (tmp_path / "good.txt").write_text("Shelling near Tell Amir on Sunday.\n", encoding="utf-8")
    results = _read([tmp_path], IngestOptions(page_seconds=5), guard=False)
    assert _codes(results) == {flood: "P110"}
    assert list(_documents(results)) == ["good.txt"]


# Row 9 -------------------------------------------------------------------------------------


def test_a_link_out_of_the_folder_is_refused_and_one_inside_it_is_read(tmp_path):
    pages = tmp_path / "pages"
    (pages / "sub").mkdir(parents=True)
    (pages / "sub" / "real.txt").write_text("Clashes near Tell Amir on Monday.\n")
    refused = H.secret_link(pages, tmp_path / "private")
    H.link(pages, "alias.txt", pages / "sub" / "real.txt")
    H.link(pages, "outside", tmp_path / "private")  # a folder link: not walked
    results = _read([pages])
    assert _codes(results) == {refused: "P112"}
    assert not any(H.SECRET in doc.text for doc in _documents(results).values())
    followed = _read([pages], IngestOptions(follow_links=True))
    assert any(H.SECRET.strip() in doc.text for doc in _documents(followed).values())


def test_follow_links_survives_a_loop_of_folder_links(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "page.txt").write_text("Clashes near Tell Amir on Monday.\n")
    H.link(tmp_path / "a", "back", tmp_path)
    results = _read([tmp_path], IngestOptions(follow_links=True))
    assert [r.name for r in results] == ["page.txt"]


# Row 13 ------------------------------------------------------------------------------------


def test_failures_of_one_file_are_capped_with_a_count_of_the_rest(tmp_path):
    H.broken_lines(tmp_path, 50)
    results = _read([tmp_path / "broken.jsonl"], IngestOptions(failures_per_file=5))
    assert [r.code for r in results] == ["P106"] * 5 + ["P114"]
    assert "45 more pages" in results[-1].reason


# `run nosuchdir` ---------------------------------------------------------------------------


def test_run_on_a_missing_path_creates_no_database(tmp_path):
    db = tmp_path / "x.db"
    result = CliRunner().invoke(cli, ["run", str(tmp_path / "nosuchdir"), "--db", str(db)])
    assert result.exit_code == 2
    assert "E001" in result.output and "nosuchdir" in result.output
    assert not db.exists()


# All of it at once, through the real command line -------------------------------------------

GOOD_PAGES = {
    "good-1.txt": "Rebels leave Qaryat Nur under a deal\n\nAbout 40 rebel fighters left Qaryat "
    "Nur under a deal with government forces, a monitoring group said on Monday.\n",
    "good-2.txt": "Shelling near Idlib\n\nGovernment forces shelled villages near Idlib on "
    "Sunday, killing 4 people, local sources said.\n",
}


def _hostile_folder(root: Path) -> tuple[Path, dict[str, str], list[str]]:
    """Every hostile input of the rows above beside good pages; returns the folder, the
    refused names with their codes, and the names of the pages that must be stored."""
    folder = root / "pages"
    folder.mkdir()
    for name, text in GOOD_PAGES.items():
        (folder / name).write_text(text, encoding="utf-8")
    refused = {
        H.warc_without_uri(folder): "P107",
        H.warc_header_bomb(folder, fill=512 * MIB): "P107",
        H.warc_payload_bomb(folder, fill=512 * MIB): "P103",
        H.fifo(folder): "P113",
        H.link(folder, "zero.txt", "/dev/zero"): "P112",  # a link out, before a device
        H.link(folder, "zero.jsonl", "/dev/zero"): "P112",
        H.secret_link(folder, root / "private"): "P112",
        H.paragraph_flood(folder): "P110",
        "broken.jsonl": "P114",
    }
    H.broken_lines(folder, 200_000)
    refused.update({f"broken.jsonl:{n}": "P106" for n in range(1, 101)})
    stored = [*GOOD_PAGES, H.non_utf8_name(folder), H.nul_record(folder), "no-uri.warc:2"]
    return folder, refused, stored


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_run_over_every_hostile_input_stores_the_good_pages(tmp_path):
    folder, refused, stored = _hostile_folder(tmp_path)
    db = tmp_path / "hostile.db"
    command = [
        sys.executable,
        "-c",
        "import sys; from wardesk.cli import main; sys.argv[0] = 'wardesk'; main()",
        *("run", str(folder), "--db", str(db), "--page-seconds", "5", "--workers", "1"),
    ]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run(command, capture_output=True, env=env, timeout=600, check=False)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS of the run: {peak_mb:.0f} MB")
    assert done.returncode == 1, done.stderr.decode(errors="replace")[-2000:]
    with sqlite3.connect(db) as conn:
        names = {name for (name,) in conn.execute("SELECT name FROM documents")}
        failures = dict(conn.execute("SELECT name, code FROM failures").fetchall())
    assert names == set(stored)
    assert failures == refused
