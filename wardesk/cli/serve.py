"""``wardesk serve``: the analyst's desk, a web UI and JSON API over the event database."""

from __future__ import annotations

import secrets
from typing import TextIO

import click

from wardesk.cli.app import cli
from wardesk.cli.common import err_console, line, plain
from wardesk.errors import WardeskError
from wardesk.store import display_target

# Connection limits (wardesk.web.server.ServerLimits): idle seconds after a response, seconds
# for a request's headers to arrive, connections served at once.
KEEP_ALIVE_SECONDS = 5
HEADER_SECONDS = 10
MAX_CONNECTIONS = 1000


@cli.command()
@click.option(
    "--db", default="wardesk.db", show_default=True,
    help="SQLite file written by wardesk run, or a postgresql://… URL.",
)  # fmt: skip
@click.option(
    "--host", default="127.0.0.1", show_default=True,
    help="Address to listen on. Anything but loopback lets every machine that reaches this one "
    "read the desk (there are no user accounts): a warning is printed.",
)  # fmt: skip
@click.option(
    "--allow-host", "allow_hosts", multiple=True, metavar="NAME",
    help="Also answer requests for this host name (repeatable), e.g. the machine's DNS name "
    "with --host 0.0.0.0. Requests naming another host get 400 (a defence against DNS "
    "rebinding); localhost, 127.0.0.1, ::1 and the --host address are always allowed.",
)  # fmt: skip
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
    help="What admin requests must send as 'Authorization: Bearer TOKEN' (16 characters at "
    "least). Prefer WARDESK_TOKEN or --token-file: other users of this machine can read a "
    "command line (ps). With --writable and no token, one is made and printed at start.",
)  # fmt: skip
@click.option(
    "--token-file", default=None, type=click.File("r", encoding="utf-8"), metavar="FILE",
    help="Read the token from the first line of FILE (instead of --token).",
)  # fmt: skip
@click.option(
    "--max-connections", default=MAX_CONNECTIONS, show_default=True,
    type=click.IntRange(min=1),
    help="Open connections served at once; requests beyond get 503. Idle connections are "
    f"closed after {KEEP_ALIVE_SECONDS} s, and one that has not sent a whole request's "
    f"headers {HEADER_SECONDS} s after it opened (or after its last "
    "response) is closed.",
)  # fmt: skip
def serve(
    db: str, host: str, allow_hosts: tuple[str, ...], port: int, tiles: str | None,
    tiles_attribution: str | None, writable: bool, token: str | None, token_file: TextIO | None,
    max_connections: int,
) -> None:  # fmt: skip
    """Serve the analyst's desk: a map of the events, a timeline, each event's claims side by
    side with their evidence, the pages, and search; every page has a JSON twin under /api
    (OpenAPI at /api/openapi.json)."""
    try:
        import uvicorn

        from wardesk.web import create_app
        from wardesk.web.server import ServerLimits, is_loopback, served_hosts, server_config
    except ImportError as exc:
        raise WardeskError("E030", detail=str(exc)) from exc
    if token_file is not None:
        if token is not None:
            raise click.UsageError(
                "give the token once: --token (or WARDESK_TOKEN) or --token-file"
            )
        token = token_file.readline().strip()
    if writable and token is None:
        token = secrets.token_urlsafe(24)
        err_console.print(f"admin token (send as 'Authorization: Bearer …'): {token}",
                          highlight=False, soft_wrap=True)  # fmt: skip
    app = create_app(db, read_only=not writable, tiles=tiles, tiles_attribution=tiles_attribution,
                     token=token if writable else None,
                     allowed_hosts=served_hosts(host, allow_hosts))  # fmt: skip
    mode = "read-write, admin endpoints need the token" if writable else "read-only"
    err_console.print(
        line("serving ", plain(display_target(db)), f" ({mode}) at ", plain(_url(host, port)),
             "  (Ctrl-C stops)"),
        soft_wrap=True,
    )  # fmt: skip
    if not is_loopback(host):
        err_console.print(
            line(("warning:", "yellow"), " listening on ", plain(host), ": anyone who can "
                 "reach this machine can read every event and page (there are no accounts); "
                 "serve on 127.0.0.1, or behind an authenticating proxy"),
            soft_wrap=True,
        )  # fmt: skip
    limits = ServerLimits(HEADER_SECONDS, KEEP_ALIVE_SECONDS, max_connections)
    uvicorn.Server(server_config(app, host, port, limits)).run()


def _url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"
