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
