"""``wardesk serve`` in its own process: options, clean errors, the Host check, limits on idle
and slow connections, the token read from a file, and the warning for a public address."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from wardesk.cli import cli
from wardesk.cli.serve import HEADER_SECONDS
from wardesk.web.server import served_hosts

TOKEN = "a-token-kept-in-a-file-0123"


def test_serve_refuses_a_missing_database_and_a_bad_tile_url(tmp_path, desk_db):
    missing = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "E004" in missing.output
    tiles = CliRunner().invoke(cli, ["serve", "--db", str(desk_db), "--tiles", "ftp://x/{z}"])
    assert tiles.exit_code == 2 and "E032" in tiles.output


@pytest.fixture
def writable_db(tmp_path, desk_db) -> Path:
    db = tmp_path / "desk.db"
    shutil.copy(desk_db, db)
    return db


def test_the_server_answers_only_the_hosts_it_serves(serving, writable_db, tmp_path):
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n")
    with serving("--db", str(writable_db), "--writable", "--token-file", str(token_file),
                 "--allow-host", "desk.example.org") as (url, process):  # fmt: skip
        port = url.rsplit(":", 1)[1]
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", "desk.example.org"):
            assert httpx.get(f"{url}/api/config", headers={"Host": host}).status_code == 200
        # A page on another site whose DNS name now points at 127.0.0.1 (DNS rebinding).
        for host in (f"attacker.example:{port}", "127.0.0.1.attacker.example", "x@127.0.0.1", ""):
            response = httpx.get(f"{url}/api/events", headers={"Host": host})
            assert response.status_code == 400, host
            assert "events" not in response.text
        # The token comes from the file, and the command line does not show it.
        fuse = httpx.post(f"{url}/api/admin/fuse", headers={"Authorization": f"Bearer {TOKEN}"})
        assert fuse.status_code == 200, fuse.text
        cmdline = Path(f"/proc/{process.pid}/cmdline").read_bytes()
        assert TOKEN.encode() not in cmdline


def _closed_by_server(sock: socket.socket) -> bool:
    """True when the server closes the connection (recv sees the end, or a reset) before the
    socket's own timeout."""
    try:
        return sock.recv(1024) == b""
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


def test_silent_and_slow_connections_are_closed(serving, desk_db):
    with serving("--db", str(desk_db)) as (url, _):
        port = int(url.rsplit(":", 1)[1])
        silent = socket.create_connection(("127.0.0.1", port))
        slow = socket.create_connection(("127.0.0.1", port))
        slow.sendall(b"GET /api/config HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the rest
        for sock in (silent, slow):
            sock.settimeout(HEADER_SECONDS * 4)
            with sock:
                assert _closed_by_server(sock)
        # A connection that asks in time gets its answer.
        with httpx.Client() as client:
            assert client.get(f"{url}/api/config").status_code == 200


def test_a_public_address_is_served_with_a_warning(serving, desk_db):
    with serving("--db", str(desk_db), "--host", "0.0.0.0") as (url, process):
        assert httpx.get(f"{url}/api/config").status_code == 200
        process.terminate()
        _, stderr = process.communicate(timeout=10)
    assert "warning: listening on 0.0.0.0" in " ".join(stderr.split())


def test_a_token_is_given_once(desk_db, tmp_path):
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN)
    both = CliRunner().invoke(cli, ["serve", "--db", str(desk_db), "--writable", "--token",
                                    TOKEN, "--token-file", str(token_file)])  # fmt: skip
    assert both.exit_code == 2 and "--token-file" in both.output


@pytest.mark.parametrize(
    ("host", "extra", "allowed"),
    [
        ("127.0.0.1", (), ("localhost", "127.0.0.1", "::1")),
        ("0.0.0.0", ("Desk.Example.org",), ("localhost", "127.0.0.1", "::1", "desk.example.org")),
        ("10.0.0.5", (), ("localhost", "127.0.0.1", "::1", "10.0.0.5")),
        ("[::1]", (), ("localhost", "127.0.0.1", "::1")),
    ],
)
def test_served_hosts(host, extra, allowed):
    assert served_hosts(host, extra) == allowed
