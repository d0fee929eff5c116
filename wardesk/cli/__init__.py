"""The ``wardesk`` command line: a thin layer over the library that renders and exits.

Exit codes for batch commands: 0 every page fine, 1 some pages failed (listed in
the summary), 2 nothing was done (no readable page, or a usage error), 130 stopped by
Ctrl-C.
"""

from wardesk.cli import evaluate, events, geocode, pages, schema, serve  # noqa: F401  (importing registers the commands)
from wardesk.cli.app import cli


def main() -> None:
    """Console entry point."""
    cli()


__all__ = ["cli", "main"]
