"""Commands over pages: ``segment``, ``extract`` and ``run``."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from wardesk.cli.app import cli
from wardesk.cli.common import (
    err_console,
    explain_mentions,
    ingest_options,
    ingest_settings,
    json_line,
    line,
    mention_table,
    model_option,
    out_console,
    plain,
    report_failure,
)
from wardesk.cli.events import print_fusion_summary
from wardesk.contract import mention_record
from wardesk.engine import ENGINES, EngineOptions, count_pages, iter_results
from wardesk.engine import run_into_store as run_on_engine
from wardesk.fuse import FusionResult, fuse
from wardesk.ingest import IngestOptions, check_paths
from wardesk.model import Mention, PageFailure
from wardesk.pipeline import (
    DEFAULT_PAGE_SECONDS,
    RunSummary,
    batch_exit_code,
    segment_pages,
)
from wardesk.segment import segments_to_json
from wardesk.store import Store, display_target, open_store


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
            click.echo(json_line(record, indent=indent))
        else:
            _print_segments_text(record)
    sys.exit(batch_exit_code(read=written + failed, failed=failed))


def _print_segments_text(record: dict[str, Any]) -> None:
    out_console.rule(plain(record["doc"], "bold"))
    out_console.print(line(("TITLE", "bold"), " ", plain(record["title"])))
    out_console.print(plain(record["body"]))
    for comment in record["comments"]:
        author = plain(comment["author"] or "(no name)", "cyan")
        out_console.print(line("  " * comment["depth"], author, ": ", plain(comment["text"])))
    for boilerplate in record["boilerplate"]:
        out_console.print(plain(f"boilerplate: {boilerplate}"), style="dim")


def engine_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--engine, --workers, --ray-address, --page-seconds: where and how long pages run."""
    func = click.option(
        "--page-seconds", type=click.FloatRange(min=0, min_open=True),
        default=DEFAULT_PAGE_SECONDS, show_default=True, metavar="SECONDS",
        help="Time limit for one page's processing; a page over it is skipped and "
        "reported (P110), and the run goes on.",
    )(func)  # fmt: skip
    func = click.option(
        "--ray-address", default=None, metavar="ADDRESS",
        help="Ray cluster to run on (e.g. ray://head:10001); without it --engine ray "
        "starts a local Ray runtime for the run.",
    )(func)  # fmt: skip
    func = click.option(
        "--workers", type=click.IntRange(min=1), default=None,
        help="Worker processes (local) or actors (ray), each loading the model once. "
        "Default: every core (local, fewer for a few pages), every CPU of the cluster (ray).",
    )(func)  # fmt: skip
    return click.option(
        "--engine", type=click.Choice(ENGINES), default="local", show_default=True,
        help="local: worker processes on this machine; ray: a Ray Data pipeline on a "
        "cluster or a local Ray runtime (pip install 'wardesk[ray]').",
    )(func)  # fmt: skip


def engine_settings(
    model: str, engine: str, workers: int | None, ray_address: str | None, page_seconds: float
) -> EngineOptions:
    """The engine options from the command line's values."""
    return EngineOptions(
        engine=engine,
        workers=workers,
        model=model,
        ray_address=ray_address,
        page_seconds=page_seconds,
    )


@cli.command()
@ingest_options
@model_option
@engine_options
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
    pages: tuple[str, ...],
    fmt: str,
    model: str,
    explain: bool,
    engine: str,
    workers: int | None,
    ray_address: str | None,
    page_seconds: float,
    **ingest_opts: Any,
) -> None:
    """Find the event mentions in pages and print them (nothing is stored)."""
    settings = engine_settings(model, engine, workers, ray_address, page_seconds)
    read = failed = 0
    found: list[Mention] = []
    for item in iter_results(pages, ingest_settings(**ingest_opts), settings):
        read += 1
        if isinstance(item, PageFailure):
            report_failure(item)
            failed += 1
        else:
            if explain:
                explain_mentions(item.mentions)
            if fmt == "jsonl":
                for mention in item.mentions:
                    click.echo(json_line(mention_record(mention)))
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
    help="SQLite file to write (created if missing), or a postgresql://… URL.",
)  # fmt: skip
@click.option("--force", is_flag=True, help="Re-process pages that are already stored.")
@engine_options
def run(
    pages: tuple[str, ...],
    db: str,
    force: bool,
    model: str,
    engine: str,
    workers: int | None,
    ray_address: str | None,
    page_seconds: float,
    **ingest_opts: Any,
) -> None:
    """Read pages, run every stage, and store the results in the database.

    Each page is written in one transaction; pages already stored are skipped,
    so an interrupted run can simply be started again.
    """
    check_paths(pages)  # a mistyped path must not leave an empty database behind
    store = open_store(db)
    try:
        settings = engine_settings(model, engine, workers, ray_address, page_seconds)
        summary = _run_with_progress(
            pages, store, settings, force=force, options=ingest_settings(**ingest_opts)
        )
        fusion = fuse(store)
        out_console.print(
            mention_table(store.mentions(summary.doc_ids), title="What wardesk found")
        )
    finally:
        store.close()
    _print_summary(summary, db, fusion)
    sys.exit(summary.exit_code)


def _run_with_progress(
    pages: tuple[str, ...],
    store: Store,
    engine: EngineOptions,
    *,
    force: bool,
    options: IngestOptions,
) -> RunSummary:
    """Run on ``engine`` with a progress bar: pages done, pages/s, and (when the total is known)
    the time left."""
    columns = (
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err_console, transient=True) as progress:
        task = progress.add_task("pages", total=count_pages(pages), rate="")

        def advance(name: str) -> None:
            progress.advance(task)
            elapsed = progress.tasks[0].elapsed or 0.0
            done = progress.tasks[0].completed
            progress.update(task, rate=f"{done / elapsed:.1f} pages/s" if elapsed else "")

        return run_on_engine(
            pages, store, options=options, engine=engine, force=force, on_page=advance
        )


def _print_summary(summary: RunSummary, db: str, fusion: FusionResult) -> None:
    for failure in summary.failures:
        report_failure(failure)
    out_console.print(
        f"{summary.read} pages read, {summary.stored} stored "
        f"({summary.mentions} event mentions), {summary.already_stored} already stored, "
        f"{len(summary.failures)} skipped, in {summary.seconds:.1f} s",
        highlight=False,
    )
    if summary.stored:
        out_console.print(_dates_line(summary), highlight=False, soft_wrap=True)
    print_fusion_summary(fusion)
    out_console.print(line("Database: ", plain(display_target(db))), soft_wrap=True)


def _dates_line(summary: RunSummary) -> str:
    """Where the stored pages' publication dates came from, and what that means for events."""
    line = (
        f"Publication dates: {summary.dated_by_metadata} from metadata, "
        f"{summary.dated_from_page} read off the page (URL, dateline or timestamp), "
        f"{summary.undated} undated"
    )
    if summary.undated:
        line += (
            "; on undated pages, weekdays and relative dates ('on Sunday', 'last month') stay "
            "unresolved: give dates with --metadata FILE or --published DATE"
        )
    return line
