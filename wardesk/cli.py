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
from wardesk.errors import WardeskError
from wardesk.ingest import IngestOptions
from wardesk.model import PageFailure
from wardesk.pipeline import RunSummary, batch_exit_code, process_pages, run_into_store
from wardesk.segment import segments_to_json
from wardesk.store import open_store

err_console = Console(stderr=True)
out_console = Console()


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


def _options(max_bytes: int, published: str | None, outlet: str | None) -> IngestOptions:
    return IngestOptions(max_bytes=max_bytes, published=published, outlet=outlet)


def _report_failure(failure: PageFailure) -> None:
    err_console.print(f"[yellow]skipped[/] {failure.name}: {failure.reason}", highlight=False)


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


@cli.command()
@_ingest_options
@click.option(
    "--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True,
    help="json: one object per page (title, body, comments, boilerplate); text: a readable view.",
)  # fmt: skip
def segment(pages: tuple[str, ...], fmt: str, **ingest_opts: Any) -> None:
    """Split pages into title, article body, reader comments and boilerplate."""
    failed = written = 0
    for item in process_pages(pages, _options(**ingest_opts)):
        if isinstance(item, PageFailure):
            _report_failure(item)
            failed += 1
            continue
        written += 1
        record = {"doc": item.document.name, **segments_to_json(item.segments)}
        if fmt == "json":
            click.echo(
                json.dumps(record, ensure_ascii=False, indent=2 if len(pages) == 1 else None)
            )
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
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True,
    help="Output format: JSON Lines, one object per page.",
)  # fmt: skip
def extract(pages: tuple[str, ...], fmt: str, **ingest_opts: Any) -> None:
    """Read pages and print what the per-page stages found, one JSON object per page."""
    read = failed = 0
    for item in process_pages(pages, _options(**ingest_opts)):
        read += 1
        if isinstance(item, PageFailure):
            _report_failure(item)
            failed += 1
            continue
        doc = item.document
        record = {
            "doc": doc.name,
            "id": doc.id,
            "url": doc.url,
            "outlet": doc.outlet,
            "published": doc.published,
            "segments": segments_to_json(item.segments),
        }
        click.echo(json.dumps(record, ensure_ascii=False))
    sys.exit(batch_exit_code(read=read, failed=failed))


@cli.command()
@_ingest_options
@click.option(
    "--db", default="wardesk.db", show_default=True,
    help="SQLite file to write (created if missing).",
)  # fmt: skip
@click.option("--force", is_flag=True, help="Re-process pages that are already stored.")
def run(pages: tuple[str, ...], db: str, force: bool, **ingest_opts: Any) -> None:
    """Read pages, run every stage, and store the results in the database.

    Each page is written in one transaction; pages already stored are skipped,
    so an interrupted run can simply be started again.
    """
    store = open_store(db)
    try:
        summary = _run_with_progress(pages, store, force=force, options=_options(**ingest_opts))
        _print_found(store, summary)
    finally:
        store.close()
    _print_summary(summary, db)
    sys.exit(summary.exit_code)


def _run_with_progress(pages, store, *, force: bool, options: IngestOptions) -> RunSummary:
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

        return run_into_store(pages, store, options=options, force=force, on_page=advance)


def _print_found(store, summary: RunSummary) -> None:
    rows = store.pages(summary.doc_ids)
    table = Table(title="What wardesk found", title_justify="left")
    for header in ("page", "title", "body lines", "comments", "boilerplate"):
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(
            row.name, row.title or "—", str(row.body_lines), str(row.comments),
            str(row.boilerplate_lines),
        )  # fmt: skip
    out_console.print(table)


def _print_summary(summary: RunSummary, db: str) -> None:
    for failure in summary.failures:
        _report_failure(failure)
    out_console.print(
        f"{summary.read} pages read, {summary.stored} stored, "
        f"{summary.already_stored} already stored, {len(summary.failures)} skipped "
        f"in {summary.seconds:.1f} s",
        highlight=False,
    )
    out_console.print(f"Database: {Path(db).resolve()}", highlight=False, soft_wrap=True)


def main() -> None:
    """Console entry point."""
    cli()
