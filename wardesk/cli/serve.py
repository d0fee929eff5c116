"""``wardesk serve``: the analyst's desk, a web UI and JSON API over the event database."""

from __future__ import annotations

import secrets

import click

from wardesk.cli.app import cli
from wardesk.cli.common import err_console
from wardesk.errors import WardeskError
from wardesk.store import display_target


@cli.command()
@click.option(
    "--db", default="wardesk.db", show_default=True,
    help="SQLite file written by wardesk run, or a postgresql://… URL.",
)  # fmt: skip
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port."
)
@click.option(
    "--tiles", default=None, envvar="WARDESK_TILES", metavar="URL",
    help="Online tile layer under the base map, a template such as "
    "https://tile.example.org/{z}/{x}/{y}.png (or set WARDESK_TILES). Off by default: the "
    "vendored base map needs no internet.",
)  # fmt: skip
@click.option(
    "--tiles-attribution", default=None, envvar="WARDESK_TILES_ATTRIBUTION", metavar="TEXT",
    help="Credit line the tile provider asks for.",
)  # fmt: skip
@click.option(
    "--writable", is_flag=True,
    help="Open the database read-write (and upgrade its schema) and allow the admin "
    "endpoints under /api/admin to requests with the token; read-only by default.",
)  # fmt: skip
@click.option(
    "--token", default=None, envvar="WARDESK_TOKEN", metavar="TOKEN",
    help="What admin requests must send as 'Authorization: Bearer TOKEN' (or set "
    "WARDESK_TOKEN; 16 characters at least). With --writable and no token, one is made "
    "and printed at start.",
)  # fmt: skip
def serve(
    db: str, host: str, port: int, tiles: str | None, tiles_attribution: str | None,
    writable: bool, token: str | None,
) -> None:  # fmt: skip
    """Serve the analyst's desk: a map of the events, a timeline, each event's claims side by
    side with their evidence, the pages, and search; every page has a JSON twin under /api
    (OpenAPI at /api/openapi.json)."""
    try:
        import uvicorn

        from wardesk.web import create_app
    except ImportError as exc:
        raise WardeskError("E030", detail=str(exc)) from exc
    if writable and token is None:
        token = secrets.token_urlsafe(24)
        err_console.print(f"admin token (send as 'Authorization: Bearer …'): {token}",
                          highlight=False, soft_wrap=True)  # fmt: skip
    app = create_app(db, read_only=not writable, tiles=tiles, tiles_attribution=tiles_attribution,
                     token=token if writable else None)  # fmt: skip
    mode = "read-write, admin endpoints need the token" if writable else "read-only"
    err_console.print(
        f"serving {display_target(db)} ({mode}) at http://{host}:{port}/  (Ctrl-C stops)",
        highlight=False,
        soft_wrap=True,
    )
    uvicorn.run(app, host=host, port=port, log_level="warning")
