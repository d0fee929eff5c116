"""The vendored JavaScript libraries and base map: the versions pinned in package.json, the
files scripts/vendor_web.sh copied (sha256 in VENDOR.json), their licences, and nothing
loaded from anywhere but the server itself."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
WEB = REPO / "wardesk" / "web"
VENDOR = WEB / "static" / "vendor"
BANNERS = {  # file whose first lines name the version
    "leaflet": ("leaflet.js", r"Leaflet (\d+\.\d+\.\d+)"),
    "topojson-client": ("topojson-client.min.js", r"topojson-client v(\d+\.\d+\.\d+)"),
}


def _manifest() -> dict:
    return json.loads((VENDOR / "VENDOR.json").read_text(encoding="utf-8"))


def test_vendored_versions_match_package_json_and_the_lockfile():
    pins = json.loads((REPO / "package.json").read_text(encoding="utf-8"))["dependencies"]
    lock = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    manifest = _manifest()
    assert set(manifest) == set(pins)
    for name, version in pins.items():
        assert manifest[name]["version"] == version, name
        assert lock[f"node_modules/{name}"]["version"] == version, name


def test_vendored_files_are_the_ones_the_script_copied():
    for name, entry in _manifest().items():
        on_disk = {
            p.relative_to(VENDOR / name).as_posix()
            for p in (VENDOR / name).rglob("*")
            if p.is_file()
        }
        assert on_disk == set(entry["files"]), f"{name}: files added or removed by hand"
        for path, digest in entry["files"].items():
            data = (VENDOR / name / path).read_bytes()
            assert hashlib.sha256(data).hexdigest() == digest, f"{name}/{path} was changed"
        assert "LICENSE" in entry["files"], f"{name} ships without its licence"


def test_library_banners_name_the_pinned_versions():
    manifest = _manifest()
    for name, (file, pattern) in BANNERS.items():
        head = (VENDOR / name / file).read_text(encoding="utf-8")[:400]
        assert re.search(pattern, head).group(1) == manifest[name]["version"]


def test_the_base_map_is_a_topojson_of_countries():
    world = json.loads((VENDOR / "world-atlas" / "countries-50m.json").read_text())
    assert world["type"] == "Topology"
    names = {g["properties"]["name"] for g in world["objects"]["countries"]["geometries"]}
    assert {"Syria", "Iraq", "Turkey", "Lebanon", "Jordan"} <= names


def test_nothing_is_loaded_from_another_origin():
    for path in [*(WEB / "templates").glob("*.html"), *(WEB / "static" / "js").glob("*.js")]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href|action)\s*=\s*["']?(https?:)?//""", text), path
        assert not re.search(r"""(fetch|import)\s*\(?\s*["'`](https?:)?//""", text), path
        assert not re.search(r"""from\s+["'](https?:)?//""", text), path


def test_no_inline_scripts_styles_or_handlers_in_templates():
    for path in (WEB / "templates").glob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), f"inline script in {path}"
        assert "<style" not in text and " style=" not in text, f"inline style in {path}"
        assert not re.search(r"\son[a-z]+\s*=", text), f"inline handler in {path}"
