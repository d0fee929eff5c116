"""Commands over pages: ``segment``, ``extract`` and ``run``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from wardesk.cli.app import cli
from wardesk.cli.common import (
    err_console,
    explain_mentions,
    ingest_options,
    ingest_settings,
    load_services_with_status,
    mention_table,
    model_option,
    out_console,
    report_failure,
)
from wardesk.contract import mention_record
from wardesk.ingest import IngestOptions
from wardesk.model import Mention, PageFailure
from wardesk.pipeline import (
    RunSummary,
    Services,
    batch_exit_code,
    process_pages,
    run_into_store,
    segment_pages,
)
from wardesk.segment import segments_to_json
from wardesk.store import Store, open_store


@cli.command()
@ingest_options
@click.option(
    "--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True,
    help="json: one object per page (title, body, comments, boilerplate); text: a readable view.",
)  # fmt: skip
def segment(pages: tuple[str, ...], fmt: str, **ingest_opts: Any) -> None:
    """Split pages into title, article body, reader comments and boilerplate."""
    failed = written = 0
    for item in segment_pages(pages, ingest_settings(**ingest_opts)):
        if isinstance(item, PageFailure):
            report_failure(item)
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
@ingest_options
@model_option
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True,
    help="jsonl: one event mention per line in the output contract; table: a readable summary.",
)  # fmt: skip
@click.option(
    "--explain", is_flag=True,
    help="Also print, per mention, the cue words that decided its source and certainty "
    "(to stderr, so the JSONL stays clean).",
)  # fmt: skip
def extract(
    pages: tuple[str, ...], fmt: str, model: str, explain: bool, **ingest_opts: Any
) -> None:
    """Find the event mentions in pages and print them (nothing is stored)."""
    services = load_services_with_status(model)
    read = failed = 0
    found: list[Mention] = []
    for item in process_pages(pages, ingest_settings(**ingest_opts), services):
        read += 1
        if isinstance(item, PageFailure):
            report_failure(item)
            failed += 1
        else:
            if explain:
                explain_mentions(item.mentions)
            if fmt == "jsonl":
                for mention in item.mentions:
                    click.echo(json.dumps(mention_record(mention), ensure_ascii=False))
            else:
                found.extend(item.mentions)
    if fmt == "table":
        out_console.print(mention_table(found, title="Event mentions"))
    sys.exit(batch_exit_code(read=read, failed=failed))


@cli.command()
@ingest_options
@model_option
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
        services = load_services_with_status(model)
        summary = _run_with_progress(
            pages, store, services, force=force, options=ingest_settings(**ingest_opts)
        )
        out_console.print(
            mention_table(store.mentions(summary.doc_ids), title="What wardesk found")
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


def _print_summary(summary: RunSummary, db: str) -> None:
    for failure in summary.failures:
        report_failure(failure)
    out_console.print(
        f"{summary.read} pages read, {summary.stored} stored "
        f"({summary.mentions} event mentions), {summary.already_stored} already stored, "
        f"{len(summary.failures)} skipped, in {summary.seconds:.1f} s",
        highlight=False,
    )
    out_console.print(f"Database: {Path(db).resolve()}", highlight=False, soft_wrap=True)
