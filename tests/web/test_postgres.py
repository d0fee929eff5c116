"""The API over PostgreSQL: the same queries through the same data layer (needs
``WARDESK_TEST_POSTGRES``, which .ci/run sets; skips without it)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner

from wardesk.cli import cli
from wardesk.web import create_app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
HOSTILE = Path(__file__).parent / "pages"

PG_ENV = "WARDESK_TEST_POSTGRES"


@pytest.fixture
def pg_db(tmp_path):
    """A PostgreSQL schema filled by ``wardesk run`` over the examples and hostile pages."""
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(
            f"{PG_ENV} is not set: no PostgreSQL server to test against (.ci/run starts one)"
        )
    import psycopg

    schema = f"w_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    target = f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    result = CliRunner().invoke(cli, ["run", str(EXAMPLES), str(HOSTILE), "--db", target])
    assert result.exit_code == 0, result.output
    yield target
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


def test_the_api_reads_postgresql_read_only(pg_db):
    from fastapi.testclient import TestClient

    with TestClient(create_app(pg_db), base_url="http://127.0.0.1") as client:
        events = client.get("/api/events", params={"all": "true"}).json()
        assert events["total"] > 3
        filtered = client.get(
            "/api/events",
            params={"type": "Agreement", "actor": "Islamic State", "since": "2017",
                    "certainty": "reported", "contested": "false"},
        )  # fmt: skip
        assert filtered.status_code == 200
        for path in ("/api/map", "/api/timeline", "/api/actors", "/api/facets", "/api/pages"):
            assert client.get(path).status_code == 200, path
        contested = client.get("/api/events", params={"contested": "true"}).json()["events"]
        assert client.get(contested[0]["url"]).status_code == 200
        found = client.get("/api/search", params={"q": "Daraa ceasefire"}).json()
        assert found["pages"] and found["events"]
        doc = client.get("/api/pages").json()["pages"][0]["doc_id"]
        assert client.get(f"/pages/{doc}").status_code == 200
        store = client.app.state.settings.source.open()
        try:
            with pytest.raises(Exception, match="read-only"):
                store.db.execute("DELETE FROM events")
        finally:
            store.close()
