"""Fused events for maps and data frames: GeoJSON (QGIS, web maps) and Parquet (pyarrow).

Dates are ISO days only (``date_start``/``date_end``, DATE columns in Parquet) with ACLED's
``time_precision`` beside them; the fused date as the sources word it stays in the ``events``
export. Parquet files carry the record schema version in their metadata.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from wardesk import __version__
from wardesk.contract import SCHEMA_VERSION, agreement_record
from wardesk.errors import WardeskError
from wardesk.export.records import slots_record
from wardesk.fuse.types import FusedEvent, PageInfo


def iso_day(value: str | None) -> date | None:
    """``value`` as a calendar day when it is one (``2017-10-14``), else None."""
    try:
        return date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def _iso_text(value: str | None) -> str | None:
    day = iso_day(value)
    return day.isoformat() if day else None


def feature_properties(event: FusedEvent) -> dict[str, Any]:
    """Flat properties (strings and numbers) that GIS tools can show and filter on."""
    place, deal = event.location, event.agreement
    return {
        "event_id": event.event_id,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "location": place.name if place else None,
        "admin1": place.admin1 if place else None,
        "country": place.country if place else None,
        "geo_precision": place.precision if place else None,
        "date_start": _iso_text(event.date_start),
        "date_end": _iso_text(event.date_end),
        "time_precision": event.time_precision,
        "actor1": event.actor1,
        "actor2": event.actor2,
        "fatalities": event.fatalities,
        "source_count": event.source_count,
        "sources": "; ".join(s.name for s in event.sources),
        "outlets": "; ".join(_distinct(p.outlet for p in _source_pages(event))),
        "urls": "; ".join(_distinct(p.url for p in _source_pages(event))),
        "reader_comments": event.reader_comments,
        "contested": ", ".join(event.contested),
        "deal_kind": deal.kind if deal else None,
        "deal_status": deal.status if deal else None,
        "destination": deal.destination if deal else None,
        "mentions": len(event.mention_ids),
        "notes": event.notes,
    }


def _source_pages(event: FusedEvent) -> list[PageInfo]:
    return [page for source in event.sources for page in source.pages]


def _distinct(values: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def point(event: FusedEvent) -> list[float] | None:
    """GeoJSON coordinates (longitude first) of the event's place, or None without one."""
    place = event.location
    if place is None or place.lat is None or place.lon is None:
        return None
    return [round(place.lon, 5), round(place.lat, 5)]


def feature_collection(events: list[FusedEvent]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the events that have coordinates."""
    features = [
        {
            "type": "Feature",
            "id": event.event_id,
            "geometry": {"type": "Point", "coordinates": coordinates},
            "properties": feature_properties(event),
        }
        for event in events
        if (coordinates := point(event)) is not None
    ]
    return {"type": "FeatureCollection", "features": features}


def write_geojson(events: list[FusedEvent], out: TextIO) -> None:
    """Write the events as one GeoJSON document."""
    json.dump(feature_collection(events), out, ensure_ascii=False, indent=1)
    out.write("\n")


def page_sources(event: FusedEvent, pages: Mapping[str, PageInfo]) -> list[dict[str, Any]]:
    """The pages an event was fused from: page name, outlet, URL and publication day."""
    doc_ids = dict.fromkeys(doc_id for doc_id, _ in event.members if doc_id in pages)
    return [
        {
            "page": pages[doc_id].name,
            "outlet": pages[doc_id].outlet,
            "url": pages[doc_id].url,
            "published": iso_day(pages[doc_id].published),
        }
        for doc_id in doc_ids
    ]


def parquet_rows(events: list[FusedEvent], pages: Mapping[str, PageInfo]) -> list[dict[str, Any]]:
    """One flat row per event; deal and slots as JSON text."""
    rows = []
    for event in events:
        row = feature_properties(event)
        place = event.location
        row.update(
            date_start=iso_day(event.date_start),
            date_end=iso_day(event.date_end),
            latitude=place.lat if place else None,
            longitude=place.lon if place else None,
            assoc_actors=list(event.assoc_actors),
            source_names=[s.name for s in event.sources],
            sources=page_sources(event, pages),
            contested=list(event.contested),
            reader_disputes=list(event.reader_disputes),
            mention_ids=list(event.mention_ids),
            mentions=len(event.mention_ids),
            agreement=json.dumps(agreement_record(event.agreement), ensure_ascii=False),
            slots=json.dumps(slots_record(event), ensure_ascii=False),
        )
        rows.append(row)
    return rows


def _schema() -> Any:
    import pyarrow as pa

    text, number, count, day = pa.string(), pa.float64(), pa.int64(), pa.date32()
    names = pa.list_(pa.string())
    reports = pa.list_(
        pa.struct([("page", text), ("outlet", text), ("url", text), ("published", day)])
    )
    metadata = {"wardesk_schema_version": str(SCHEMA_VERSION), "wardesk_version": __version__}
    return pa.schema(
        [
            ("event_id", text), ("event_type", text), ("sub_event_type", text),
            ("location", text), ("admin1", text), ("country", text), ("geo_precision", count),
            ("latitude", number), ("longitude", number), ("date_start", day),
            ("date_end", day), ("time_precision", count), ("actor1", text), ("actor2", text),
            ("assoc_actors", names), ("fatalities", count), ("source_count", count),
            ("source_names", names), ("sources", reports), ("reader_comments", count),
            ("contested", names),
            ("reader_disputes", names), ("deal_kind", text), ("deal_status", text),
            ("destination", text), ("mentions", count), ("mention_ids", names),
            ("agreement", text), ("slots", text), ("notes", text),
        ],
        metadata=metadata,
    )  # fmt: skip


def write_parquet(events: list[FusedEvent], pages: Mapping[str, PageInfo], path: Path) -> None:
    """Write the events as a Parquet file (needs pyarrow); ``pages`` gives each event's
    reports their outlet, URL and publication day."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise WardeskError("E009") from exc
    schema = _schema()
    rows = [{name: row.get(name) for name in schema.names} for row in parquet_rows(events, pages)]
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)
