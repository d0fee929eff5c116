"""The ``wardesk`` command group; each command lives in its own module of this package."""

from __future__ import annotations

from typing import Any

import click

from wardesk import __version__
from wardesk.cli.common import err_console, line, plain
from wardesk.errors import WardeskError

EXIT_ERROR = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl-C


def print_error(exc: WardeskError) -> None:
    """The one line a coded error prints (its message names the user's paths and values:
    text, never markup)."""
    err_console.print(line(("error:", "red"), " ", plain(exc)), soft_wrap=True)


class WardeskGroup(click.Group):
    """A command group that turns library errors into one clean line and exit code 2, and
    Ctrl-C into one line and exit code 130."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except WardeskError as exc:
            print_error(exc)
            ctx.exit(EXIT_ERROR)
        except KeyboardInterrupt:
            # Each page is committed whole, so what was stored stays and a re-run goes on.
            err_console.print(
                "interrupted (Ctrl-C): work already committed is kept", style="red", markup=False
            )
            ctx.exit(EXIT_INTERRUPTED)


@click.group(cls=WardeskGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="wardesk")
def cli() -> None:
    """wardesk: scraped news pages about armed conflict in; a source-attributed,
    geolocated, dated event database out.

    PAGES may be files, folders (read recursively), or - for standard input.
    Formats: plain-text pages (.txt), HTML (.html), JSON Lines records (.jsonl)
    with id, url, outlet, published, title and text or html.

    Exit codes: 0 every page fine, 1 some pages skipped, 2 nothing done (an error, or
    no readable page), 130 stopped by Ctrl-C.
    """
