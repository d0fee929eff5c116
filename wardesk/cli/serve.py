"""``wardesk serve``: the analyst's desk, a web UI and JSON API over the event database."""

from __future__ import annotations

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
    help="Open the database read-write (and upgrade its schema); read-only by default.",
)  # fmt: skip
def serve(
    db: str, host: str, port: int, tiles: str | None, tiles_attribution: str | None,
    writable: bool,
) -> None:  # fmt: skip
    """Serve the analyst's desk: a map of the events, a timeline, each event's claims side by
    side with their evidence, the pages, and search; every page has a JSON twin under /api
    (OpenAPI at /api/openapi.json)."""
    try:
        import uvicorn

        from wardesk.web import create_app
    except ImportError as exc:
        raise WardeskError("E030", detail=str(exc)) from exc
    app = create_app(db, read_only=not writable, tiles=tiles, tiles_attribution=tiles_attribution)
    mode = "read-write" if writable else "read-only"
    err_console.print(
        f"serving {display_target(db)} ({mode}) at http://{host}:{port}/  (Ctrl-C stops)",
        highlight=False,
        soft_wrap=True,
    )
    uvicorn.run(app, host=host, port=port, log_level="warning")
