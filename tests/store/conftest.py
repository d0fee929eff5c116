"""Database fixtures: every store test runs on SQLite and on a real PostgreSQL server.

PostgreSQL tests need ``WARDESK_TEST_POSTGRES`` (a ``postgresql://`` URL; ``.ci/run``
starts a server and sets it) and skip with a message without it. Each test gets a
schema of its own, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid

import pytest

PG_ENV = "WARDESK_TEST_POSTGRES"


@pytest.fixture(scope="session")
def pg_url() -> str:
    """The PostgreSQL server for the tests, or a skip."""
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(
            f"{PG_ENV} is not set: no PostgreSQL server to test against (.ci/run starts one)"
        )
    return url


def schema_url(url: str, schema: str) -> str:
    """``url`` with its search path set to ``schema``."""
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


@pytest.fixture
def pg_target(pg_url: str):
    """A URL to an empty schema on the test server (dropped after the test)."""
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield schema_url(pg_url, schema)
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request, tmp_path) -> str:
    """An empty database of each kind: a SQLite file path, or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "w.db")
    return request.getfixturevalue("pg_target")


@pytest.fixture
def store(target):
    """An open, migrated store on each backend."""
    from wardesk.store import open_store

    opened = open_store(target)
    yield opened
    opened.close()
