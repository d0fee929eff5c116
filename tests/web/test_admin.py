"""Write and admin endpoints: refused by a read-only server, and on a writable one refused
to every request without the server's token."""

from __future__ import annotations

import shutil

import httpx
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from wardesk.cli import cli
from wardesk.errors import WardeskError
from wardesk.web import create_app

LOCAL = "http://127.0.0.1"  # a name the desk serves (TestClient would say "testserver")
TOKEN = "a-test-token-of-some-length"
READ_METHODS = {"GET", "HEAD", "OPTIONS"}


@pytest.fixture
def writable(tmp_path, desk_db):
    db = tmp_path / "desk.db"
    shutil.copy(desk_db, db)
    with TestClient(create_app(db, read_only=False, token=TOKEN), base_url=LOCAL) as client:
        yield client


def _write_routes(app) -> list[tuple[str, str]]:
    """Every (method, path) of the app but reads, from its OpenAPI description."""
    routes = [
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        for method in operations
        if method.upper() not in READ_METHODS
    ]
    assert routes, "the app has write routes to check"
    return routes


def test_a_read_only_server_refuses_admin_requests_even_with_a_token(client):
    for method, path in _write_routes(client.app):
        response = client.request(method, path, headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 403, (method, path)
        assert "read-only" in response.json()["detail"]


def test_every_write_route_is_an_admin_route(writable):
    routes = _write_routes(writable.app)
    assert ("POST", "/api/admin/fuse") in routes
    assert all(path.startswith("/api/admin/") for _, path in routes)


@pytest.mark.parametrize(
    "header",
    [None, "", "Bearer", f"Basic {TOKEN}", "Bearer wrong-token-of-some-length", f"Bearer {TOKEN}x",
     f"Bearer {TOKEN[:-1]}"],
)  # fmt: skip
def test_a_writable_server_wants_its_token_on_every_write_route(writable, header):
    headers = {} if header is None else {"Authorization": header}
    for method, path in _write_routes(writable.app):
        response = writable.request(method, path, headers=headers)
        assert response.status_code == 401, (method, path, header)
        assert response.headers["www-authenticate"] == "Bearer"


def test_with_the_token_fusion_runs_again(writable):
    before = writable.get("/api/events", params={"all": "true", "limit": 500}).json()
    response = writable.post("/api/admin/fuse", headers={"Authorization": f"bearer {TOKEN}"})
    assert response.status_code == 200
    counts = response.json()
    assert counts["events"] >= len(before["events"]) > 0
    assert counts["mentions"] >= counts["events"]


def test_reading_an_admin_route_is_not_allowed(writable):
    assert writable.get("/api/admin/fuse").status_code in (401, 405)


@pytest.mark.parametrize("token", ["short", "has a space in it!", "tökenwithumlautsandmore"])
def test_a_guessable_or_odd_token_is_refused(desk_db, token):
    with pytest.raises(WardeskError, match="E033"):
        create_app(desk_db, token=token)


def test_serve_writable_makes_and_prints_a_token(serving, tmp_path, desk_db):
    db = tmp_path / "desk.db"
    shutil.copy(desk_db, db)
    with serving("--db", str(db), "--writable") as (url, process):
        printed = process.stderr.readline()
        assert printed.startswith("admin token")
        token = printed.split()[-1]
        assert len(token) >= 16
        fuse = httpx.post(f"{url}/api/admin/fuse", headers={"Authorization": f"Bearer {token}"})
        assert fuse.status_code == 200, fuse.text
    short = CliRunner().invoke(cli, ["serve", "--db", str(db), "--writable", "--token", "abc"])
    assert short.exit_code == 2 and "E033" in short.output


def test_a_read_only_server_keeps_no_token(serving, desk_db):
    with serving("--db", str(desk_db), env={"WARDESK_TOKEN": TOKEN}) as (url, _):
        fuse = httpx.post(f"{url}/api/admin/fuse", headers={"Authorization": f"Bearer {TOKEN}"})
        assert fuse.status_code == 403
