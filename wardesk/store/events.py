"""Fused events to the ``events`` tables and back (the tables are rewritten as a whole)."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict
from typing import Any

from wardesk.fuse.types import SLOTS, FusedEvent, PageInfo, SlotValue, Source, SourceRef
from wardesk.model import Location
from wardesk.store.db import Database
from wardesk.store.rows import agreement_from_json, insert_sql

EVENT_COLUMNS = (
    "event_id", "event_type", "sub_event_type", "location_name", "geonameid", "latitude",
    "longitude", "admin1", "country", "geo_precision", "event_date", "date_start", "date_end",
    "time_precision", "actor1", "actor2", "assoc_actors", "fatalities", "agreement",
    "source_count", "reader_comments", "mention_count", "pages", "contested",
    "reader_disputes", "notes", "fused_at", "deal_id",
)  # fmt: skip
_CHILD_TABLES = ("event_claims", "event_sources", "event_mentions")


def _agreement_json(event: FusedEvent) -> str | None:
    if event.agreement is None:
        return None
    deal = asdict(event.agreement)
    deal["brokers"], deal["terms"] = list(deal["brokers"]), list(deal["terms"])
    return json.dumps(deal)


def event_row(event: FusedEvent, fused_at: str) -> tuple:
    """One row of ``events``, in :data:`EVENT_COLUMNS` order."""
    place = event.location
    return (
        event.event_id, event.event_type, event.sub_event_type,
        place.name if place else None, place.geonameid if place else None,
        place.lat if place else None, place.lon if place else None,
        place.admin1 if place else None, place.country if place else None,
        place.precision if place else None, event.date, event.date_start, event.date_end,
        event.time_precision, event.actor1, event.actor2, json.dumps(list(event.assoc_actors)),
        event.fatalities, _agreement_json(event), event.source_count, event.reader_comments,
        len(event.mention_ids), json.dumps(list(event.pages)), json.dumps(list(event.contested)),
        json.dumps(list(event.reader_disputes)), event.notes, fused_at, event.deal_id,
    )  # fmt: skip


def _claim_rows(event: FusedEvent) -> list[tuple]:
    rows = []
    for slot, values in event.slots.items():
        contested = int(slot in event.contested)
        for position, value in enumerate(values):
            sources = json.dumps([ref.to_json() for ref in value.sources], ensure_ascii=False)
            rows.append(
                (event.event_id, slot, position, value.value, value.key, value.support,
                 int(value.reader_only), contested, sources)
            )  # fmt: skip
    return rows


def _source_row(event_id: str, position: int, source: Source) -> tuple:
    return (
        event_id, position, source.name, source.source_type, json.dumps(list(source.docs)),
        json.dumps(list(source.mention_ids)), json.dumps(list(source.voices), ensure_ascii=False),
        json.dumps([page.to_json() for page in source.pages], ensure_ascii=False),
    )  # fmt: skip


def _source_from_row(row: dict[str, Any]) -> Source:
    return Source(
        row["name"], row["source_type"], tuple(json.loads(row["docs"])),
        tuple(json.loads(row["mention_ids"])), tuple(json.loads(row["voices"])),
        tuple(PageInfo.from_json(page) for page in json.loads(row["pages"])),
    )  # fmt: skip


def write_events(db: Database, events: list[FusedEvent], fused_at: str) -> None:
    """Replace every stored event with ``events`` (call inside a transaction)."""
    for table in (*_CHILD_TABLES, "events"):
        db.execute(f"DELETE FROM {table}")
    db.executemany(insert_sql("events", EVENT_COLUMNS), [event_row(e, fused_at) for e in events])
    db.executemany(
        "INSERT INTO event_mentions (event_id, doc_id, ordinal, mention_id, position)"
        " VALUES (?, ?, ?, ?, ?)",
        [
            (e.event_id, doc_id, ordinal, mention_id, position)
            for e in events
            for position, ((doc_id, ordinal), mention_id) in enumerate(
                zip(e.members, e.mention_ids, strict=True)
            )
        ],
    )
    db.executemany(
        "INSERT INTO event_sources (event_id, position, name, source_type, docs, mention_ids,"
        " voices, pages) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [_source_row(e.event_id, i, s) for e in events for i, s in enumerate(e.sources)],
    )
    db.executemany(
        "INSERT INTO event_claims (event_id, slot, position, value, value_key, support,"
        " reader_only, contested, sources) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [row for e in events for row in _claim_rows(e)],
    )


def read_events(db: Database, event_ids: list[str] | None = None) -> list[FusedEvent]:
    """Stored events (all, or those named), ordered by date then id."""
    where, params = _id_filter(event_ids)
    rows = db.query_dicts(f"SELECT * FROM events{where} ORDER BY event_id", params)
    if not rows:
        return []
    members = _children(db, "event_mentions", where, params)
    sources = _children(db, "event_sources", where, params)
    claims = _children(db, "event_claims", where, params)
    return [
        _event_from_rows(row, members[row["event_id"]], sources[row["event_id"]],
                         claims[row["event_id"]])
        for row in rows
    ]  # fmt: skip


def _id_filter(event_ids: list[str] | None) -> tuple[str, list[str]]:
    if event_ids is None:
        return "", []
    if not event_ids:
        return " WHERE 1 = 0", []
    return f" WHERE event_id IN ({', '.join('?' * len(event_ids))})", list(event_ids)


def _children(db: Database, table: str, where: str, params: list[str]) -> dict[str, list[dict]]:
    order = "event_id, slot, position" if table == "event_claims" else "event_id, position"
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in db.query_dicts(f"SELECT * FROM {table}{where} ORDER BY {order}", params):
        grouped[row["event_id"]].append(row)
    return grouped


def _location(row: dict[str, Any]) -> Location | None:
    if row["location_name"] is None:
        return None
    return Location(
        row["location_name"], row["latitude"], row["longitude"], row["geonameid"],
        row["admin1"], row["country"], row["geo_precision"],
    )  # fmt: skip


def _slots(claim_rows: list[dict]) -> dict[str, tuple[SlotValue, ...]]:
    grouped: dict[str, list[SlotValue]] = defaultdict(list)
    for row in claim_rows:
        refs = tuple(SourceRef.from_json(ref) for ref in json.loads(row["sources"]))
        grouped[row["slot"]].append(SlotValue(row["value"], row["value_key"], row["support"], refs))
    return {slot: tuple(grouped[slot]) for slot in SLOTS if slot in grouped}


def _event_from_rows(
    row: dict[str, Any], members: list[dict], sources: list[dict], claims: list[dict]
) -> FusedEvent:
    return FusedEvent(
        event_id=row["event_id"], event_type=row["event_type"],
        sub_event_type=row["sub_event_type"], location=_location(row), date=row["event_date"],
        date_start=row["date_start"], date_end=row["date_end"],
        time_precision=row["time_precision"], actor1=row["actor1"], actor2=row["actor2"],
        assoc_actors=tuple(json.loads(row["assoc_actors"])), fatalities=row["fatalities"],
        agreement=agreement_from_json(json.loads(row["agreement"]) if row["agreement"] else None),
        sources=tuple(_source_from_row(s) for s in sources),
        reader_comments=row["reader_comments"],
        mention_ids=tuple(m["mention_id"] for m in members),
        members=tuple((m["doc_id"], m["ordinal"]) for m in members),
        pages=tuple(json.loads(row["pages"])), slots=_slots(claims),
        contested=tuple(json.loads(row["contested"])),
        reader_disputes=tuple(json.loads(row["reader_disputes"])), notes=row["notes"],
        fused_at=row["fused_at"], deal_id=row["deal_id"],
    )  # fmt: skip
