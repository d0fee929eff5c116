"""The engine options on the command line: --engine, --workers, --ray-address."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from wardesk.cli import cli


@pytest.mark.parametrize("command", ["run", "extract"])
def test_engine_options_are_documented(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    for option in ("--engine [local|ray]", "--workers", "--ray-address"):
        assert option in result.output


def test_extract_on_two_workers_prints_what_one_prints(pages_dir):
    runner = CliRunner()
    one = runner.invoke(cli, ["extract", str(pages_dir), "--workers", "1"])
    two = runner.invoke(cli, ["extract", str(pages_dir), "--workers", "2"])
    assert one.exit_code == two.exit_code == 0
    # 15 since the wire records' two sentences on one Hama evacuation deal ("will be
    # evacuated", "the deal covers") are one agreed deal, merged into one mention.
    assert one.stdout == two.stdout and one.stdout.count("\n") >= 15


def test_run_on_two_workers_stores_then_resumes(pages_dir, tmp_path):
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    first = runner.invoke(cli, ["run", str(pages_dir), "--db", db, "--workers", "2"])
    assert first.exit_code == 0, first.output
    assert "8 pages read, 8 stored" in first.stdout
    again = runner.invoke(cli, ["run", str(pages_dir), "--db", db, "--workers", "2"])
    assert "0 stored (0 event mentions), 8 already stored" in again.stdout


def test_ray_on_stdin_is_a_clean_usage_error():
    result = CliRunner().invoke(cli, ["extract", "-", "--engine", "ray"], input="A page\n\nText.\n")
    assert result.exit_code == 2
    assert "[E021]" in result.output
