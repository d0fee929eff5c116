"""Packaging: every data file the package reads must ship in a non-editable install."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_every_package_data_file_is_declared():
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["wardesk"]
    package = REPO / "wardesk"
    data_files = [
        path.relative_to(package).as_posix()
        for path in package.rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts
    ]
    assert data_files, "the package ships data files"
    missing = [f for f in data_files if not any(fnmatch.fnmatch(f, g) for g in globs)]
    assert not missing, f"not declared in package-data: {missing}"


def _name(requirement: str) -> str:
    """The normalised project name of a requirement line ("psycopg[binary]>=3.1" -> psycopg)."""
    head = requirement.split(";")[0]
    for stop in "[<>=!~ ":
        head = head.split(stop)[0]
    return head.strip().lower().replace("_", "-").replace(".", "-")


def test_the_lock_pins_every_dependency_with_hashes():
    """CI installs requirements/test.lock with --require-hashes, then wardesk with --no-deps:
    a dependency added to pyproject.toml but not to the lock would be missing there."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    project = config["project"]
    wanted = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    lock = (REPO / "requirements" / "test.lock").read_text(encoding="utf-8")
    pinned: dict[str, bool] = {}
    current = None
    for line in lock.splitlines():
        if "==" in line and not line.startswith((" ", "#")):
            current = _name(line)
            pinned[current] = False
        elif current is not None and line.strip().startswith("--hash=sha256:"):
            pinned[current] = True
    missing = sorted(wanted - set(pinned))
    assert not missing, f"pin these in requirements/test.lock (see its header): {missing}"
    assert all(pinned.values()), "every pin in the lock carries its hashes"
