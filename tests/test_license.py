"""The licence files: the MIT licence the package declares, and a NOTICE that names every
vendored package with its version and licence."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_license_file_is_the_declared_mit_licence():
    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert declared["project"]["license"] == "MIT"
    text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "WITHOUT WARRANTY OF ANY KIND" in text


def test_notice_names_every_vendored_package_and_the_geonames_data():
    notice = (REPO / "NOTICE").read_text(encoding="utf-8")
    vendored = json.loads(
        (REPO / "wardesk/web/static/vendor/VENDOR.json").read_text(encoding="utf-8")
    )
    assert vendored
    for package, facts in vendored.items():
        assert f"{package} {facts['version']}, {facts['license']}" in notice, package
    assert "GeoNames" in notice and "CC BY 4.0" in notice
