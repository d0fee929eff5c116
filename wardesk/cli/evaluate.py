"""``wardesk evaluate``: score extraction against hand-coded gold."""

from __future__ import annotations

import json

import click

from wardesk.cli.app import cli
from wardesk.cli.common import load_services_with_status, model_option, report_failure
from wardesk.contract import mention_record
from wardesk.evaluate import load_jsonl, render_report, report_to_dict, score
from wardesk.ingest import IngestOptions
from wardesk.model import PageFailure
from wardesk.pipeline import process_pages


@cli.command()
@click.option(
    "--gold",
    required=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Hand-coded gold mentions (JSONL, output-contract fields).",
)
@click.option(
    "--pred",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Score this JSONL of predicted mentions instead of running extraction.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: readable tables; json: the full report.",
)
@click.option(
    "--published",
    default=None,
    metavar="DATE",
    help="Publication date (ISO) for pages that carry none.",
)
@model_option
@click.argument("pages", nargs=-1, type=str)
def evaluate(
    gold: str,
    pred: str | None,
    fmt: str,
    published: str | None,
    model: str,
    pages: tuple[str, ...],
) -> None:
    """Score extraction against gold: P/R/F1 and per-slot accuracy on matched pairs.

    Either give PAGES (they are extracted now) or --pred with saved predictions.
    """
    if pred is None and not pages:
        raise click.UsageError("give PAGES to extract, or --pred PRED.jsonl")
    if pred is not None:
        predicted = load_jsonl(pred)
    else:
        options = IngestOptions(published=published)
        predicted = []
        for item in process_pages(pages, options, load_services_with_status(model)):
            if isinstance(item, PageFailure):
                report_failure(item)
            else:
                predicted.extend(mention_record(m) for m in item.mentions)
    report = score(load_jsonl(gold), predicted)
    if fmt == "json":
        click.echo(json.dumps(report_to_dict(report), indent=2))
    else:
        click.echo(render_report(report))
