"""``wardesk schema``: print the published JSON Schema of the mention or event record."""

from __future__ import annotations

import click

from wardesk.cli.app import cli
from wardesk.schema import RECORDS, published_schema, render


@cli.command()
@click.argument("record", type=click.Choice(sorted(RECORDS)), default="mention")
def schema(record: str) -> None:
    """Print the JSON Schema (draft 2020-12) of RECORD: ``mention`` (the output contract of
    ``extract --format jsonl`` and the ``jsonl`` export, less its ``event_id``) or ``event``
    (one line of the ``events`` export)."""
    click.echo(render(published_schema(record)), nl=False)
