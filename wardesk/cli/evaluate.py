"""``wardesk evaluate``: score extraction against hand-coded gold, one set or several."""

from __future__ import annotations

import json
from pathlib import Path

import click

from wardesk.cli.app import cli
from wardesk.cli.common import (
    ingest_settings,
    load_services_with_status,
    metadata_option,
    model_option,
    report_failure,
)
from wardesk.contract import mention_record
from wardesk.evaluate import Row, load_jsonl, render_report, report_to_dict, score
from wardesk.model import PageFailure
from wardesk.pipeline import process_pages
from wardesk.scoreboard import (
    GoldSet,
    load_gold_sets,
    page_set,
    render_scoreboard,
    score_sets,
    scoreboard_to_dict,
)


@cli.command()
@click.option(
    "--gold",
    "golds",
    required=True,
    multiple=True,
    type=click.Path(exists=True),
    help="Hand-coded gold mentions (JSONL, output-contract fields), or a folder of "
    "*.gold.jsonl files; repeat for several sets. One file prints the full report; several "
    "print one table with each set side by side and the total.",
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
@metadata_option
@model_option
@click.argument("pages", nargs=-1, type=str)
def evaluate(
    golds: tuple[str, ...],
    pred: str | None,
    fmt: str,
    published: str | None,
    metadata: tuple[str, ...],
    model: str,
    pages: tuple[str, ...],
) -> None:
    """Score extraction against gold: P/R/F1 and per-slot accuracy on matched pairs.

    Either give PAGES (they are extracted now) or --pred with saved predictions.
    With several gold sets, a page is scored in the set named like a folder on
    its path (corpus/dev-2/page.txt counts for dev-2.gold.jsonl), else in the set
    whose gold names it. Example, every shared set at once:

        wardesk evaluate --gold ../shared/gold ../shared/corpus
    """
    if pred is None and not pages:
        raise click.UsageError("give PAGES to extract, or --pred PRED.jsonl")
    sets = load_gold_sets(golds)
    if not sets:
        raise click.UsageError(f"no gold files (*.gold.jsonl) in {', '.join(golds)}")
    predicted = _predictions(pred, pages, published, metadata, model)
    if len(sets) == 1 and not Path(golds[0]).is_dir():
        report = score(sets[0].rows, [row for row, _ in predicted])
        output = report_to_dict(report) if fmt == "json" else render_report(report)
    else:
        board = _scoreboard(sets, predicted)
        output = scoreboard_to_dict(board) if fmt == "json" else render_scoreboard(board)
    click.echo(json.dumps(output, indent=2) if fmt == "json" else output, nl=fmt == "json")


def _predictions(
    pred: str | None,
    pages: tuple[str, ...],
    published: str | None,
    metadata: tuple[str, ...],
    model: str,
) -> list[tuple[Row, str | None]]:
    """Each predicted mention with the path of the page it came from (None when loaded)."""
    if pred is not None:
        return [(row, None) for row in load_jsonl(pred)]
    options = ingest_settings(published=published, metadata=metadata)
    found: list[tuple[Row, str | None]] = []
    for item in process_pages(pages, options, load_services_with_status(model)):
        if isinstance(item, PageFailure):
            report_failure(item)
        else:
            path = item.document.source_path
            found.extend((mention_record(m), path) for m in item.mentions)
    return found


def _scoreboard(sets: list[GoldSet], predicted: list[tuple[Row, str | None]]):
    by_set: dict[str, list[Row]] = {}
    unassigned: list[str] = []
    for row, path in predicted:
        name = page_set(str(row.get("doc")), path, sets)
        if name is None:
            unassigned.append(str(row.get("doc")))
        else:
            by_set.setdefault(name, []).append(row)
    return score_sets(sets, by_set, sorted(set(unassigned)))
