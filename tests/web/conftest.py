"""Fixtures for the web UI: databases built by ``wardesk run`` over the example pages, a
hostile page of our own and (when ``../shared`` is there) the seed pages; the app; a live
server on a free loopback port; and a headless Chromium (Debian's, through Playwright's
Python client; the browser tests skip with a message without them)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from wardesk.cli import cli

pytest.importorskip("fastapi", reason="the web tests need the web extra (pip install -e '.[test]')")

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
HOSTILE = Path(__file__).parent / "pages"
SHARED = Path(os.environ.get("WARDESK_SHARED", REPO.parent / "shared"))
# The desk answers only the names it serves (Host check); TestClient says "testserver".
LOCAL = "http://127.0.0.1"
CHROMIUM = Path(os.environ.get("WARDESK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]  # fmt: skip


def build_db(path: Path, *folders: Path) -> Path:
    """Run ``wardesk run`` over ``folders`` (copied into one folder) into the SQLite file ``path``."""
    pages = path.parent / f"{path.stem}-pages"
    for folder in folders:
        shutil.copytree(folder, pages / folder.name)
    result = CliRunner().invoke(cli, ["run", str(pages), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="session")
def desk_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database of the example pages and the hostile pages."""
    return build_db(tmp_path_factory.mktemp("desk") / "desk.db", EXAMPLES, HOSTILE)


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    """A database of the seed pages, the example pages and the hostile pages (skips when the
    shared corpus is absent)."""
    return build_db(tmp_path_factory.mktemp("seeds") / "seeds.db", seeds_dir, EXAMPLES, HOSTILE)


@pytest.fixture(scope="session")
def e2e_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The browser tests' database: the seeds' (with the examples and the hostile pages) when
    ``../shared`` is there, else the examples' and the hostile pages'."""
    root = tmp_path_factory.mktemp("e2e")
    seeds = SHARED / "corpus" / "seeds"
    folders = (seeds, EXAMPLES, HOSTILE) if seeds.is_dir() else (EXAMPLES, HOSTILE)
    return build_db(root / "e2e.db", *folders)


@pytest.fixture(scope="session")
def client(desk_db: Path):
    """A TestClient over the read-only app on the examples' database."""
    from fastapi.testclient import TestClient

    from wardesk.web import create_app

    with TestClient(create_app(desk_db), base_url=LOCAL) as test_client:
        yield test_client


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


Served = tuple[str, subprocess.Popen]


@contextmanager
def _serving(*args: str, env: dict[str, str] | None = None) -> Iterator[Served]:
    """``wardesk serve ARGS`` in its own process on a free port (no WARDESK_TOKEN unless
    ``env`` sets it); yields its loopback URL and the process, whose stderr is a text pipe."""
    import httpx

    port = free_port()
    command = [sys.executable, "-c", "from wardesk.cli import main; main()", "serve",
               "--port", str(port), *args]  # fmt: skip
    environment = {k: v for k, v in os.environ.items() if k != "WARDESK_TOKEN"}
    environment.update(env or {}, PYTHONPATH=str(REPO))
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=environment)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, process.stderr.read()
            assert time.monotonic() < deadline, "wardesk serve did not start"
            try:
                httpx.get(f"{url}/api/config", timeout=1.0)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        yield url, process
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def serving() -> Callable[..., AbstractContextManager[Served]]:
    """Start ``wardesk serve`` in its own process: ``with serving("--db", db) as (url, proc)``."""
    return _serving


@pytest.fixture(scope="session")
def live_server(e2e_db: Path) -> Iterator[str]:
    """The app served by uvicorn in a background thread on 127.0.0.1; yields its base URL."""
    import uvicorn

    from wardesk.web import create_app

    port = free_port()
    config = uvicorn.Config(create_app(e2e_db), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        assert thread.is_alive(), "the server stopped at start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright (never a downloaded browser)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium (bash .ci/chromium.sh)")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright's Python client is not installed"
    )
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()
