"""Exports of the event database: ACLED CSV, fused events (JSONL), GeoJSON, mention JSONL
(the output contract plus ``event_id``) and Parquet.

    from wardesk.export import ExportOptions, write_export
    count = write_export(store, "acled", stream, ExportOptions(since="2017-10"))

Text formats write to a text stream; Parquet writes to a file path.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from wardesk.contract import mention_record
from wardesk.errors import WardeskError
from wardesk.export.acled import ACLED_COLUMNS, acled_rows
from wardesk.export.records import event_record
from wardesk.export.tables import write_geojson, write_parquet
from wardesk.fuse.dates import parse_span
from wardesk.fuse.types import FusedEvent, PageInfo

if TYPE_CHECKING:
    from wardesk.store import Store

TEXT_FORMATS = ("acled", "events", "geojson", "jsonl")
BINARY_FORMATS = ("parquet",)
FORMATS = TEXT_FORMATS + BINARY_FORMATS


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """Which events to export.

    ``since``: ISO date, possibly partial; events that may have happened on or after it
    (events without any date are left out). ``types``: ACLED event types or sub-event
    types, any case. ``include_reader_only``: also events that only reader comments report.
    """

    since: str | None = None
    types: tuple[str, ...] = ()
    include_reader_only: bool = False


def check_since(since: str | None) -> None:
    """Refuse a ``--since`` that is not an ISO date (E011)."""
    if since is not None and not parse_span(since).calendar:
        raise WardeskError("E011", value=since, option="--since")


def select_events(events: list[FusedEvent], options: ExportOptions) -> list[FusedEvent]:
    """The events ``options`` asks for, in date order (undated last), then by id."""
    check_since(options.since)
    wanted = {t.lower() for t in options.types}
    since = parse_span(options.since).start if options.since else None
    chosen = [
        e
        for e in events
        if (options.include_reader_only or e.source_count > 0)
        and (not wanted or {e.event_type.lower(), e.sub_event_type.lower()} & wanted)
        and (since is None or (e.date_end is not None and e.date_end >= since.isoformat()))
    ]
    return sorted(chosen, key=lambda e: (e.date_start is None, e.date_start or "", e.event_id))


def page_infos(store: Store, events: list[FusedEvent]) -> dict[str, PageInfo]:
    """The pages (outlet, url, publication date) the events were fused from, by page id."""
    doc_ids = sorted({doc_id for e in events for doc_id, _ in e.members})
    return {s.doc_id: s.page for s in store.stored_mentions(doc_ids)}


def write_acled(events: list[FusedEvent], pages: dict[str, PageInfo], out: TextIO) -> int:
    """ACLED's export columns, one row per dated event; return how many rows were written
    (ACLED has no row for an event without any date)."""
    rows = acled_rows(events, pages)
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return len(rows)


def write_events_jsonl(events: list[FusedEvent], out: TextIO) -> None:
    """One JSON object per fused event."""
    for event in events:
        out.write(json.dumps(event_record(event), ensure_ascii=False) + "\n")


def write_mentions_jsonl(events: list[FusedEvent], store: Store, out: TextIO) -> None:
    """Every mention of the events, in the output contract, with its ``event_id``."""
    doc_ids = sorted({doc_id for e in events for doc_id, _ in e.members})
    by_key = {s.key: s.mention for s in store.stored_mentions(doc_ids)}
    for event in events:
        for key in event.members:
            record = {**mention_record(by_key[key]), "event_id": event.event_id}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_export(
    store: Store, fmt: str, out: TextIO | str | Path, options: ExportOptions | None = None
) -> int:
    """Write the chosen events of ``store`` in ``fmt``; return how many events were written
    (for ``acled``, the dated ones). ``out`` is a file path (text formats are written as
    UTF-8) or, for the text formats, an open text stream; Parquet needs a path (E010)."""
    if fmt not in FORMATS:
        raise WardeskError("E002", value=fmt, choices=", ".join(FORMATS))
    if fmt in BINARY_FORMATS and not isinstance(out, str | Path):
        raise WardeskError("E010", fmt=fmt)
    events = select_events(store.events(), options or ExportOptions())
    if isinstance(out, str | Path):
        if fmt == "parquet":
            write_parquet(events, page_infos(store, events), Path(out))
            return len(events)
        with open(out, "w", encoding="utf-8", newline="") as stream:
            return _write_text(store, fmt, events, stream)
    return _write_text(store, fmt, events, out)


def _write_text(store: Store, fmt: str, events: list[FusedEvent], out: TextIO) -> int:
    if fmt == "geojson":
        write_geojson(events, out)
    elif fmt == "acled":
        return write_acled(events, page_infos(store, events), out)
    elif fmt == "events":
        write_events_jsonl(events, out)
    else:
        write_mentions_jsonl(events, store, out)
    return len(events)


__all__ = [
    "ACLED_COLUMNS",
    "BINARY_FORMATS",
    "FORMATS",
    "TEXT_FORMATS",
    "ExportOptions",
    "acled_rows",
    "event_record",
    "select_events",
    "write_export",
]
