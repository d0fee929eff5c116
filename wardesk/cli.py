"""The ``wardesk`` command: a thin layer over the library that renders and exits.

Exit codes for batch commands: 0 every page fine, 1 some pages failed (listed
in the summary), 2 nothing was done (no readable page, or a usage error).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from wardesk import __version__
from wardesk.contract import mention_record
from wardesk.errors import WardeskError
from wardesk.ingest import IngestOptions
from wardesk.model import Mention, PageFailure
from wardesk.nlp import DEFAULT_MODEL
from wardesk.pipeline import (
    RunSummary,
    Services,
    batch_exit_code,
    load_services,
    process_pages,
    run_into_store,
    segment_pages,
)
from wardesk.segment import segments_to_json
from wardesk.store import Store, open_store

err_console = Console(stderr=True)
# Piped output (CI logs, files) gets a wide table rather than rich's 80-column default.
out_console = Console() if sys.stdout.isatty() else Console(width=160)
TABLE_ROWS = 40


class WardeskGroup(click.Group):
    """A command group that turns library errors into one clean line and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except WardeskError as exc:
            err_console.print(f"[red]error:[/] {exc}", highlight=False)
            ctx.exit(2)


def _ingest_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by every command that reads pages."""
    func = click.option(
        "--outlet", default=None, help="Outlet name to record for every page (overrides metadata)."
    )(func)
    func = click.option(
        "--published",
        default=None,
        metavar="DATE",
        help="Publication date (ISO) to use for every page, overriding page metadata.",
    )(func)
    func = click.option(
        "--max-bytes",
        default=5_000_000,
        show_default=True,
        type=click.IntRange(min=1),
        help="Skip (and report) files larger than this.",
    )(func)
    return click.argument("pages", nargs=-1, required=True, type=str)(func)


def _model_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--model",
        default=DEFAULT_MODEL,
        show_default=True,
        help="spaCy English pipeline: default (the pinned small model), en_core_web_sm, "
        "en_core_web_md or en_core_web_trf when installed.",
    )(func)


def _options(max_bytes: int, published: str | None, outlet: str | None) -> IngestOptions:
    return IngestOptions(max_bytes=max_bytes, published=published, outlet=outlet)


def _report_failure(failure: PageFailure) -> None:
    err_console.print(f"[yellow]skipped[/] {failure.name}: {failure.reason}", highlight=False)


@click.group(cls=WardeskGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="wardesk")
def cli() -> None:
    """wardesk: scraped news pages about armed conflict in; a source-attributed,
    geolocated, dated event database out.

    PAGES may be files, folders (read recursively), or - for standard input.
    Formats: plain-text pages (.txt), HTML (.html), JSON Lines records (.jsonl)
    with id, url, outlet, published, title and text or html.
    """


@cli.command()
@_ingest_options
@click.option(
    "--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True,
    help="json: one object per page (title, body, comments, boilerplate); text: a readable view.",
)  # fmt: skip
def segment(pages: tuple[str, ...], fmt: str, **ingest_opts: Any) -> None:
    """Split pages into title, article body, reader comments and boilerplate."""
    failed = written = 0
    for item in segment_pages(pages, _options(**ingest_opts)):
        if isinstance(item, PageFailure):
            _report_failure(item)
            failed += 1
            continue
        written += 1
        doc, segments = item
        record = {"doc": doc.name, **segments_to_json(segments)}
        if fmt == "json":
            indent = 2 if len(pages) == 1 else None
            click.echo(json.dumps(record, ensure_ascii=False, indent=indent))
        else:
            _print_segments_text(record)
    sys.exit(batch_exit_code(read=written + failed, failed=failed))


def _print_segments_text(record: dict[str, Any]) -> None:
    out_console.rule(f"[bold]{record['doc']}")
    out_console.print(f"[bold]TITLE[/] {record['title']}", highlight=False)
    out_console.print(record["body"], highlight=False)
    for comment in record["comments"]:
        indent = "  " * comment["depth"]
        out_console.print(
            f"{indent}[cyan]{comment['author'] or '(no name)'}[/]: {comment['text']}",
            highlight=False,
        )
    for line in record["boilerplate"]:
        out_console.print(f"[dim]boilerplate: {line}[/]", highlight=False)


@cli.command()
@_ingest_options
@_model_option
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True,
    help="jsonl: one event mention per line in the output contract; table: a readable summary.",
)  # fmt: skip
def extract(pages: tuple[str, ...], fmt: str, model: str, **ingest_opts: Any) -> None:
    """Find the event mentions in pages and print them (nothing is stored)."""
    services = _services(model)
    read = failed = 0
    found: list[Mention] = []
    for item in process_pages(pages, _options(**ingest_opts), services):
        read += 1
        if isinstance(item, PageFailure):
            _report_failure(item)
            failed += 1
        elif fmt == "jsonl":
            for mention in item.mentions:
                click.echo(json.dumps(mention_record(mention), ensure_ascii=False))
        else:
            found.extend(item.mentions)
    if fmt == "table":
        out_console.print(_mention_table(found, title="Event mentions"))
    sys.exit(batch_exit_code(read=read, failed=failed))


def _services(model: str) -> Services:
    with err_console.status("loading the language model and gazetteer…"):
        return load_services(model)


@cli.command()
@_ingest_options
@_model_option
@click.option(
    "--db", default="wardesk.db", show_default=True,
    help="SQLite file to write (created if missing).",
)  # fmt: skip
@click.option("--force", is_flag=True, help="Re-process pages that are already stored.")
def run(pages: tuple[str, ...], db: str, force: bool, model: str, **ingest_opts: Any) -> None:
    """Read pages, run every stage, and store the results in the database.

    Each page is written in one transaction; pages already stored are skipped,
    so an interrupted run can simply be started again.
    """
    store = open_store(db)
    try:
        services = _services(model)
        summary = _run_with_progress(
            pages, store, services, force=force, options=_options(**ingest_opts)
        )
        out_console.print(
            _mention_table(store.mentions(summary.doc_ids), title="What wardesk found")
        )
    finally:
        store.close()
    _print_summary(summary, db)
    sys.exit(summary.exit_code)


def _run_with_progress(
    pages: tuple[str, ...], store: Store, services: Services, *, force: bool, options: IngestOptions
) -> RunSummary:
    columns = (
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err_console, transient=True) as progress:
        task = progress.add_task("pages", total=None, rate="")

        def advance(name: str) -> None:
            progress.advance(task)
            elapsed = progress.tasks[0].elapsed or 0.0
            done = progress.tasks[0].completed
            progress.update(task, rate=f"{done / elapsed:.1f} pages/s" if elapsed else "")

        return run_into_store(pages, store, services, options=options, force=force, on_page=advance)


def _mention_table(mentions: list[Mention], *, title: str) -> Table:
    table = Table(title=title, title_justify="left")
    for header in ("page", "event", "where", "when", "who", "says who", "certainty"):
        table.add_column(header, overflow="fold")
    for mention in mentions[:TABLE_ROWS]:
        table.add_row(*_mention_cells(mention))
    if len(mentions) > TABLE_ROWS:
        table.caption = f"… and {len(mentions) - TABLE_ROWS} more in the output"
    return table


def _mention_cells(mention: Mention) -> tuple[str, ...]:
    deal = mention.agreement
    event = mention.sub_event_type + (f" ({deal.kind}, {deal.status or '?'})" if deal else "")
    if mention.in_comments:
        event += " [comment]"
    who = " / ".join(a for a in (mention.actor1, mention.actor2) if a)
    where = mention.location.name if mention.location else "—"
    return (
        mention.doc, event, where, mention.date or "—", who or "—",
        mention.source or "—", mention.certainty,
    )  # fmt: skip


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
@_model_option
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
    from wardesk.evaluate import load_jsonl, render_report, report_to_dict, score

    if pred is None and not pages:
        raise click.UsageError("give PAGES to extract, or --pred PRED.jsonl")
    if pred is not None:
        predicted = load_jsonl(pred)
    else:
        options = IngestOptions(published=published)
        results = process_pages(pages, options, _services(model))
        predicted = [
            mention_record(m)
            for item in results
            if not isinstance(item, PageFailure)
            for m in item.mentions
        ]
    report = score(load_jsonl(gold), predicted)
    if fmt == "json":
        click.echo(json.dumps(report_to_dict(report), indent=2))
    else:
        click.echo(render_report(report))


def _print_summary(summary: RunSummary, db: str) -> None:
    for failure in summary.failures:
        _report_failure(failure)
    out_console.print(
        f"{summary.read} pages read, {summary.stored} stored "
        f"({summary.mentions} event mentions), {summary.already_stored} already stored, "
        f"{len(summary.failures)} skipped, in {summary.seconds:.1f} s",
        highlight=False,
    )
    out_console.print(f"Database: {Path(db).resolve()}", highlight=False, soft_wrap=True)


def main() -> None:
    """Console entry point."""
    cli()
