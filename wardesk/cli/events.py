"""Commands over the event database: ``events``, ``show``, ``export`` and ``search``."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from typing import Any

import click
from rich.table import Table
from rich.text import Text

from wardesk.cli.app import cli
from wardesk.cli.common import err_console, json_line, line, out_console, plain, visible
from wardesk.errors import WardeskError
from wardesk.export import FORMATS, ExportOptions, event_record, select_events, write_export
from wardesk.fuse.types import FusedEvent, FusionResult
from wardesk.store import Store, open_store
from wardesk.store.db import require_wardesk_database

EVENT_ROWS = 50


def print_fusion_summary(result: FusionResult) -> None:
    """One line: how many events the mentions made, how many corroborated or contested."""
    out_console.print(
        f"{len(result.events)} events fused from {result.mentions} mentions: "
        f"{result.multi_source} reported by several independent sources, "
        f"{result.contested} with contested claims",
        highlight=False,
    )


def db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """The ``--db`` option of the commands that read the database."""
    return click.option(
        "--db", default="wardesk.db", show_default=True,
        help="SQLite file written by wardesk run, or a postgresql://… URL.",
    )(func)  # fmt: skip


def filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--since``, ``--type`` and ``--all``: which events to list or export."""
    func = click.option(
        "--all", "include_all", is_flag=True,
        help="Also events that only reader comments report.",
    )(func)  # fmt: skip
    func = click.option(
        "--type", "types", multiple=True, metavar="TYPE",
        help="Only this ACLED event type or sub-event type (repeatable), e.g. Agreement.",
    )(func)  # fmt: skip
    return click.option(
        "--since", default=None, metavar="DATE",
        help="Only events that may have happened on or after DATE (ISO, e.g. 2017-10).",
    )(func)  # fmt: skip


def open_existing(db: str) -> Store:
    """Open a database wardesk wrote (a missing SQLite file, or a database without wardesk's
    tables, is refused: reading never creates them)."""
    require_wardesk_database(db)
    return open_store(db)


def _what(event: FusedEvent) -> str:
    deal = event.agreement
    if deal is None:
        return event.sub_event_type
    detail = ", ".join(x for x in (deal.kind if deal.kind != "other" else None, deal.status) if x)
    return f"{event.sub_event_type} ({detail})" if detail else event.sub_event_type


def _sources_cell(event: FusedEvent) -> str:
    cell = str(event.source_count)
    if event.reader_comments:
        cell += f" +{event.reader_comments} reader"
    return cell


def _contested_cell(event: FusedEvent) -> Text:
    parts = [plain(f"! {slot}", "bold red") for slot in event.contested]
    parts += [plain(f"? {slot} (readers)", "yellow") for slot in event.reader_disputes]
    return Text("\n").join(parts) if parts else Text("—")


def events_table(events: list[FusedEvent], *, title: str) -> Table:
    """The fused events, one row each, with corroboration and contested slots."""
    table = Table(title=title, title_justify="left")
    for header in ("event", "what", "where", "when", "who", "sources", "mentions", "contested"):
        table.add_column(header, overflow="fold")
    for event in events[:EVENT_ROWS]:
        cells = (
            event.event_id, _what(event), event.location.name if event.location else "—",
            event.date or "—", " / ".join(a for a in (event.actor1, event.actor2) if a) or "—",
            _sources_cell(event), str(len(event.mention_ids)),
        )  # fmt: skip
        table.add_row(*(plain(cell) for cell in cells), _contested_cell(event))
    if len(events) > EVENT_ROWS:
        table.caption = f"… and {len(events) - EVENT_ROWS} more (wardesk export for all)"
    table.caption = (table.caption + "\n" if table.caption else "") + (
        "sources: independent sources (copies of one story count once; reader comments "
        "never count). ! contested between sources, ? disputed only by readers"
    )
    return table


@cli.command()
@db_option
@filter_options
@click.option("--contested", is_flag=True, help="Only events with contested slots.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
    help="table: one row per event; json: one fused-event object per line (as export --format events).",
)  # fmt: skip
def events(
    db: str, since: str | None, types: tuple[str, ...], include_all: bool, contested: bool,
    fmt: str,
) -> None:  # fmt: skip
    """List the fused events: what, where, when, who, how many independent sources, and
    which slots the sources contradict each other on."""
    store = open_existing(db)
    try:
        found = select_events(store.events(), ExportOptions(since, types, include_all))
    finally:
        store.close()
    if contested:
        found = [e for e in found if e.contested]
    if fmt == "json":
        for event in found:
            click.echo(json_line(event_record(event)))
        return
    out_console.print(events_table(found, title=f"{len(found)} fused events"))


def _claim_columns(event: FusedEvent) -> list[tuple[str, bool]]:
    """The sources to show side by side: article sources first, then readers."""
    seen: dict[tuple[str, bool], None] = {}
    for values in event.slots.values():
        for value in values:
            for ref in value.sources:
                seen.setdefault((ref.source, ref.in_comments), None)
    return sorted(seen, key=lambda key: key[1])


def _cell(values: list[str]) -> str:
    """The values one source claims for one slot, each once."""
    return ", ".join(dict.fromkeys(values))


def claims_table(event: FusedEvent) -> Table:
    """One row per slot, one column per source: each source's claims side by side."""
    columns = _claim_columns(event)
    table = Table(title="Claims, source by source", title_justify="left")
    table.add_column("slot")
    for name, reader in columns:
        header = line(plain(name), ("\n(reader)", "dim")) if reader else plain(name)
        table.add_column(header, overflow="fold")
    for slot, values in event.slots.items():
        label = plain(f"{slot} !", "bold red") if slot in event.contested else plain(slot)
        if slot in event.reader_disputes:
            label = plain(f"{slot} ?", "yellow")
        cells = []
        for name, reader in columns:
            said = [
                v.value
                for v in values
                if any(r.source == name and r.in_comments == reader for r in v.sources)
            ]
            cells.append(plain(_cell(said)))
        table.add_row(label, *cells)
    return table


def _print_header(event: FusedEvent) -> None:
    place = event.location
    title = line(plain(event.event_id, "bold"), plain(f"  {_what(event)}  ({event.event_type})"))
    lines = [
        f"where: {place.name} ({place.lat}, {place.lon}; precision {place.precision})"
        if place else "where: —",
        f"when: {event.date or '—'}"
        + (f"  (reports span {event.date_start} … {event.date_end})" if event.date_start else ""),
        "who: " + (" / ".join(a for a in (event.actor1, event.actor2) if a) or "—")
        + (f"; with {', '.join(event.assoc_actors)}" if event.assoc_actors else ""),
        f"independent sources: {event.source_count} — "
        + ("; ".join(s.name for s in event.sources) or "none")
        + (f"; reader comments: {event.reader_comments} (never counted)" if event.reader_comments else ""),
        "contested: " + (", ".join(event.contested) or "nothing")
        + (f"; disputed only by readers: {', '.join(event.reader_disputes)}" if event.reader_disputes else ""),
        f"pages: {', '.join(event.pages)}",
    ]  # fmt: skip
    out_console.print(title)
    for text in lines:
        out_console.print(plain(text))


def _print_evidence(store: Store, event: FusedEvent) -> None:
    doc_ids = sorted({doc_id for doc_id, _ in event.members})
    by_key = {s.key: s for s in store.stored_mentions(doc_ids)}
    out_console.print("Evidence", style="bold", markup=False)
    for key in event.members:
        stored = by_key.get(key)
        if stored is None:
            continue
        mention = stored.mention
        who = mention.source or ("reader comment" if mention.in_comments else stored.page.voice)
        tag = (" (reader comment)", "dim") if mention.in_comments else ""
        out_console.print(
            line("- ", plain(who, "cyan"), tag,
                 plain(f" in {mention.mention_id}: “{mention.evidence.text}”"))
        )  # fmt: skip


@cli.command()
@click.argument("event_id")
@db_option
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="text: the event, its claims side by side and the evidence; json: the fused event.",
)  # fmt: skip
def show(event_id: str, db: str, fmt: str) -> None:
    """Show one fused event with each source's claims side by side (EVENT_ID, or a unique
    prefix of it)."""
    store = open_existing(db)
    try:
        event = store.event(event_id)
        if fmt == "json":
            click.echo(json_line(event_record(event), indent=2))
            return
        _print_header(event)
        out_console.print(claims_table(event))
        _print_evidence(store, event)
    finally:
        store.close()


@cli.command()
@db_option
@click.option(
    "--format", "fmt", type=click.Choice(list(FORMATS)), required=True,
    help="acled: ACLED's CSV columns, one row per event; events: one fused event per line "
    "(JSONL); geojson: points for QGIS and web maps; jsonl: every mention in the output "
    "contract plus event_id; parquet: one row per event (needs --output).",
)  # fmt: skip
@click.option(
    "--output", "-o", default=None, metavar="PATH",
    help="Write here instead of standard output.",
)  # fmt: skip
@filter_options
def export(
    db: str, fmt: str, output: str | None, since: str | None, types: tuple[str, ...],
    include_all: bool,
) -> None:  # fmt: skip
    """Export the fused events: ACLED CSV, fused events, GeoJSON, mentions (JSONL) or Parquet."""
    if fmt == "parquet" and output is None:
        raise WardeskError("E010", fmt=fmt)
    options = ExportOptions(since, types, include_all)
    store = open_existing(db)
    try:
        if output is None:
            count = _export_to_stdout(store, fmt, options)
        else:
            count = _export_to_file(store, fmt, output, options)
    finally:
        store.close()
    err_console.print(f"{count} events exported ({fmt})", highlight=False)


def _export_to_stdout(store: Store, fmt: str, options: ExportOptions) -> int:
    """Write the export to standard output: as it is into a pipe or a file, with control
    characters written out (``\\xNN``) on a terminal, where they would act on the screen."""
    if not sys.stdout.isatty():
        return write_export(store, fmt, sys.stdout, options)
    buffer = io.StringIO()
    count = write_export(store, fmt, buffer, options)
    sys.stdout.write(visible(buffer.getvalue()))
    return count


def _export_to_file(store: Store, fmt: str, output: str, options: ExportOptions) -> int:
    """Write the export to the file ``output``; a path that cannot be written is E034."""
    try:
        if fmt == "parquet":
            return write_export(store, fmt, output, options)
        with open(output, "w", encoding="utf-8", newline="") as stream:
            return write_export(store, fmt, stream, options)
    except OSError as exc:
        raise WardeskError("E034", path=output, detail=exc.strerror or exc) from exc


@cli.command()
@click.argument("query")
@db_option
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1))
def search(query: str, db: str, limit: int) -> None:
    """Full-text search over the stored pages (every word must match; stemmed)."""
    store = open_existing(db)
    try:
        hits = store.search(query, limit=limit)
    finally:
        store.close()
    table = Table(title=plain(f"{len(hits)} pages match {query!r}"), title_justify="left")
    for header in ("page", "title", "text"):
        table.add_column(header, overflow="fold")
    for hit in hits:
        table.add_row(plain(hit.name), plain(hit.title or "—"), plain(hit.snippet))
    out_console.print(table)
