"""Fixtures for the engine tests: small page sets, and a real local Ray runtime shared by a module."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
# Extra invented pages, so the runs cover a JSONL shard and a WARC archive of their own.
EXTRA_RECORDS = [
    {
        "id": "extra-qaryat-nur",
        "published": "2017-08-02",
        "title": "Fighters leave Qaryat Nur under a local deal",
        "text": "About 40 Islamic State fighters left Qaryat Nur on Monday under a deal with "
        "the SDF, activists said. The fighters were taken to Idlib province, a local source said.",
    },
    {
        "id": "extra-tell-amir",
        "published": "2017-08-03",
        "text": "Shelling hits Tell Amir\n\nSyrian government forces shelled Tell Amir on "
        "Tuesday, killing three civilians, the Syrian Observatory for Human Rights said.",
    },
]
WARC_HTML = (
    "<html><head><title>Air strikes on Kafr Salim</title></head><body><article>"
    "<h1>Air strikes on Kafr Salim</h1><p>Russian warplanes struck Kafr Salim on Wednesday, "
    "killing five people, local sources said.</p><p>The Syrian army said it had taken the "
    "nearby hills from HTS fighters after two days of clashes.</p></article></body></html>"
)


@pytest.fixture(scope="session")
def pages_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example pages, a JSONL shard and a WARC archive, in one folder."""
    root = tmp_path_factory.mktemp("pages")
    shutil.copytree(EXAMPLES, root / "examples")
    lines = [json.dumps(record) for record in EXTRA_RECORDS]
    (root / "shard-1.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    write_warc(root / "crawl.warc.gz", "https://monitor.example/kafr-salim", WARC_HTML)
    return root


def write_warc(path: Path, uri: str, html: str) -> Path:
    """A gzipped WARC archive holding one HTML response."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        payload = io.BytesIO(html.encode("utf-8"))
        writer.write_record(
            writer.create_warc_record(uri, "response", payload=payload, http_headers=headers)
        )
    return path


@pytest.fixture(scope="module")
def ray_runtime() -> Iterator[object]:
    """A real local Ray runtime with 2 CPUs for the module's tests (skips when Ray is absent)."""
    if importlib.util.find_spec("ray") is None:
        message = "Ray is not installed: pip install -e '.[test]' (or 'wardesk[ray]')"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the engine tests on a real Ray runtime. {message}")
        pytest.skip(message)
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    import ray

    ray.init(
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        object_store_memory=200 * 1024 * 1024,
    )
    yield ray
    ray.shutdown()
