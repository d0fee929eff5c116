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
    visible,
)
from wardesk.contract import mention_record
from wardesk.evaluate import Row, load_jsonl, render_report, report_to_dict, score
from wardesk.evaluate_fusion import (
    events_of,
    fusion_to_dict,
    link,
    load_happenings,
    render_fusion,
)
from wardesk.model import PageFailure
from wardesk.pipeline import PageResult, process_pages
from wardesk.scoreboard import (
    load_gold_sets,
    render_scoreboard,
    score_predictions,
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
@click.option(
    "--happenings",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Also score fusion: a JSONL of {set, id, happening} giving each gold row the "
    "real-world happening it reports (../shared/gold/happenings.jsonl). Needs PAGES.",
)
@metadata_option
@model_option
@click.argument("pages", nargs=-1, type=str)
def evaluate(
    golds: tuple[str, ...],
    pred: str | None,
    fmt: str,
    published: str | None,
    happenings: str | None,
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
    if happenings and pred is not None:
        raise click.UsageError("--happenings scores fusion of extracted PAGES, not of --pred")
    sets = load_gold_sets(golds)
    if not sets:
        raise click.UsageError(f"no gold files (*.gold.jsonl) in {', '.join(golds)}")
    predicted, results = _predictions(pred, pages, published, metadata, model)
    if len(sets) == 1 and not Path(golds[0]).is_dir() and not happenings:
        report = score(sets[0].rows, [row for row, _ in predicted])
        output = report_to_dict(report) if fmt == "json" else render_report(report)
    else:
        board = score_predictions(sets, predicted)
        output = scoreboard_to_dict(board) if fmt == "json" else render_scoreboard(board)
        if happenings:
            keys = load_happenings(happenings)
            linked = link(board, sets, events_of(results), keys)
            names = [s.name for s in sets]
            if fmt == "json":
                output["fusion"] = fusion_to_dict(linked)
            else:
                output += "\n" + render_fusion(linked, names)
    # Page and gold names reach the report as they are: a control character in one is shown.
    click.echo(json.dumps(output, indent=2) if fmt == "json" else visible(output), nl=fmt == "json")


def _predictions(
    pred: str | None,
    pages: tuple[str, ...],
    published: str | None,
    metadata: tuple[str, ...],
    model: str,
) -> tuple[list[tuple[Row, str | None]], list[PageResult]]:
    """Each predicted mention with the path of its page, and the pages extracted now."""
    if pred is not None:
        return [(row, None) for row in load_jsonl(pred)], []
    options = ingest_settings(published=published, metadata=metadata)
    results: list[PageResult] = []
    for item in process_pages(pages, options, load_services_with_status(model)):
        if isinstance(item, PageFailure):
            report_failure(item)
        else:
            results.append(item)
    found = [(mention_record(m), r.document.source_path) for r in results for m in r.mentions]
    return found, results
