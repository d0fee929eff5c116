"""mypy over the package (the scope and strictness set in pyproject's [tool.mypy]), and the
public API's types as a user's own code sees them through py.typed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
pytest.importorskip("mypy")


def _mypy(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(REPO / ".mypy_cache"), *args],
        capture_output=True, text=True, cwd=REPO, check=False,
    )  # fmt: skip


def test_mypy_passes_on_the_configured_modules():
    result = _mypy()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success" in result.stdout


def test_users_code_is_checked_against_the_public_api(tmp_path):
    user = tmp_path / "user_code.py"
    user.write_text(
        "import wardesk\n"
        "mentions = wardesk.extract_text('text', published='2017-10-14')\n"
        "fatalities: int | None = mentions[0].fatalities\n"
        "with wardesk.open('events.db') as db:\n"
        "    wrong: str = db.events()[0].fatalities\n"
        "wardesk.extract_text(42)\n",
        encoding="utf-8",
    )
    result = _mypy("--strict", "--follow-imports=silent", str(user))
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert [line.split(":")[1] for line in errors] == ["5", "6"], result.stdout
