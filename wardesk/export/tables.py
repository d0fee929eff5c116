"""Fused events for maps and data frames: GeoJSON (QGIS, web maps) and Parquet (pyarrow)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

from wardesk.contract import agreement_record
from wardesk.errors import WardeskError
from wardesk.export.records import slot_record
from wardesk.fuse.types import FusedEvent


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
        "date": event.date,
        "date_start": event.date_start,
        "date_end": event.date_end,
        "time_precision": event.time_precision,
        "actor1": event.actor1,
        "actor2": event.actor2,
        "fatalities": event.fatalities,
        "source_count": event.source_count,
        "sources": "; ".join(s.name for s in event.sources),
        "reader_comments": event.reader_comments,
        "contested": ", ".join(event.contested),
        "deal_kind": deal.kind if deal else None,
        "deal_status": deal.status if deal else None,
        "destination": deal.destination if deal else None,
        "mentions": len(event.mention_ids),
        "notes": event.notes,
    }


def feature_collection(events: list[FusedEvent]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the events that have coordinates."""
    features = [
        {
            "type": "Feature",
            "id": event.event_id,
            "geometry": {
                "type": "Point",
                "coordinates": [round(event.location.lon, 5), round(event.location.lat, 5)],
            },
            "properties": feature_properties(event),
        }
        for event in events
        if event.location is not None and None not in (event.location.lat, event.location.lon)
    ]
    return {"type": "FeatureCollection", "features": features}


def write_geojson(events: list[FusedEvent], out: TextIO) -> None:
    """Write the events as one GeoJSON document."""
    json.dump(feature_collection(events), out, ensure_ascii=False, indent=1)
    out.write("\n")


def parquet_rows(events: list[FusedEvent]) -> list[dict[str, Any]]:
    """One flat row per event; deal and slots as JSON text."""
    rows = []
    for event in events:
        row = feature_properties(event)
        place = event.location
        row.update(
            latitude=place.lat if place else None,
            longitude=place.lon if place else None,
            assoc_actors=list(event.assoc_actors),
            sources=[s.name for s in event.sources],
            contested=list(event.contested),
            reader_disputes=list(event.reader_disputes),
            mention_ids=list(event.mention_ids),
            mentions=len(event.mention_ids),
            agreement=json.dumps(agreement_record(event.agreement), ensure_ascii=False),
            slots=json.dumps(
                {s: [slot_record(v) for v in vals] for s, vals in event.slots.items()},
                ensure_ascii=False,
            ),
        )
        rows.append(row)
    return rows


def _schema():
    import pyarrow as pa

    text, number, count = pa.string(), pa.float64(), pa.int64()
    names = pa.list_(pa.string())
    return pa.schema(
        [
            ("event_id", text), ("event_type", text), ("sub_event_type", text),
            ("location", text), ("admin1", text), ("country", text), ("geo_precision", count),
            ("latitude", number), ("longitude", number), ("date", text), ("date_start", text),
            ("date_end", text), ("time_precision", count), ("actor1", text), ("actor2", text),
            ("assoc_actors", names), ("fatalities", count), ("source_count", count),
            ("sources", names), ("reader_comments", count), ("contested", names),
            ("reader_disputes", names), ("deal_kind", text), ("deal_status", text),
            ("destination", text), ("mentions", count), ("mention_ids", names),
            ("agreement", text), ("slots", text), ("notes", text),
        ]
    )  # fmt: skip


def write_parquet(events: list[FusedEvent], path: Path) -> None:
    """Write the events as a Parquet file (needs pyarrow)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise WardeskError("E009") from exc
    schema = _schema()
    rows = [{name: row.get(name) for name in schema.names} for row in parquet_rows(events)]
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)
