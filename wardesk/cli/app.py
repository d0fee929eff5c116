"""The ``wardesk`` command group; each command lives in its own module of this package."""

from __future__ import annotations

from typing import Any

import click

from wardesk import __version__
from wardesk.cli.common import err_console
from wardesk.errors import WardeskError


class WardeskGroup(click.Group):
    """A command group that turns library errors into one clean line and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except WardeskError as exc:
            err_console.print(f"[red]error:[/] {exc}", highlight=False)
            ctx.exit(2)


@click.group(cls=WardeskGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="wardesk")
def cli() -> None:
    """wardesk: scraped news pages about armed conflict in; a source-attributed,
    geolocated, dated event database out.

    PAGES may be files, folders (read recursively), or - for standard input.
    Formats: plain-text pages (.txt), HTML (.html), JSON Lines records (.jsonl)
    with id, url, outlet, published, title and text or html.
    """
