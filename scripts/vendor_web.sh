#!/usr/bin/env bash
# Vendor the web UI's JavaScript libraries and base map from npm into the package, so that
# `wardesk serve` works with no internet and `pip install .` needs nothing but PyPI.
#
#   bash scripts/vendor_web.sh
#
# Installs the exact versions pinned in package.json / package-lock.json (npm ci, no install
# scripts), copies the files the UI loads with each package's LICENSE into
# wardesk/web/static/vendor/<package>/, and writes VENDOR.json there: every package's version
# and the sha256 of every file copied (tests/web/test_vendor.py checks both against package.json).
# Commit the result; run it again only to change a pinned version.
set -euo pipefail
cd "$(dirname "$0")/.."

VENDOR=wardesk/web/static/vendor
npm ci --ignore-scripts --no-audit --no-fund

rm -rf "$VENDOR"
copy() {  # copy PACKAGE FILE... : files from node_modules/PACKAGE into $VENDOR/PACKAGE
    local package=$1
    shift
    for file in "$@"; do
        mkdir -p "$VENDOR/$package/$(dirname "$file")"
        cp "node_modules/$package/$file" "$VENDOR/$package/$file"
    done
}
copy leaflet LICENSE dist/leaflet.js dist/leaflet.css \
    dist/images/layers.png dist/images/layers-2x.png dist/images/marker-icon.png \
    dist/images/marker-icon-2x.png dist/images/marker-shadow.png
copy leaflet.markercluster dist/leaflet.markercluster.js dist/MarkerCluster.css \
    dist/MarkerCluster.Default.css
cp node_modules/leaflet.markercluster/MIT-LICENCE.txt "$VENDOR/leaflet.markercluster/LICENSE"
copy topojson-client LICENSE dist/topojson-client.min.js
copy world-atlas LICENSE README.md countries-50m.json

# "dist" is ignored by git (.gitignore): keep the copied files one level up.
for package in leaflet leaflet.markercluster topojson-client; do
    cp -r "$VENDOR/$package/dist/." "$VENDOR/$package/"
    rm -rf "$VENDOR/$package/dist"
done

python3 - "$VENDOR" <<'PY'
import hashlib, json, sys
from pathlib import Path

vendor = Path(sys.argv[1])
manifest = {}
for folder in sorted(p for p in vendor.iterdir() if p.is_dir()):
    meta = json.loads((Path("node_modules") / folder.name / "package.json").read_text())
    files = {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }
    manifest[folder.name] = {"version": meta["version"], "license": meta.get("license"), "files": files}
(vendor / "VENDOR.json").write_text(json.dumps(manifest, indent=2) + "\n")
shown = ", ".join(name + " " + entry["version"] for name, entry in manifest.items())
print(f"vendored {shown} into {vendor}")
PY
