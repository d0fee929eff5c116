"""Fused events as rows of ACLED's export, one row per event, columns by their exact names."""

from __future__ import annotations

import tomllib
from datetime import datetime
from functools import lru_cache
from importlib import resources
from typing import Any

from wardesk.fuse.dates import parse_span
from wardesk.fuse.types import FusedEvent

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
    "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1",
    "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
# Without a date of its own, an event is dated by its reports: within the week before.
PUBLICATION_PRECISION = 2


@lru_cache(maxsize=1)
def acled_tables() -> dict[str, Any]:
    """The actor codes and country table shipped in ``acled.toml`` (read once)."""
    text = (resources.files("wardesk.export") / "acled.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def disorder_type(event: FusedEvent) -> str:
    """ACLED's disorder type for the event's type."""
    if event.event_type == "Strategic developments":
        return "Strategic developments"
    if event.sub_event_type == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    if event.event_type == "Protests" or event.sub_event_type == "Violent demonstration":
        return "Demonstrations"
    return "Political violence"


def event_date(event: FusedEvent) -> tuple[str, int | None]:
    """A full calendar date and its precision: the event's own, else its reports' window."""
    span = parse_span(event.date)
    if span.calendar:
        precision = event.time_precision or (1 if span.start == span.end else 3)
        return span.start.isoformat(), precision
    if event.date_end:
        return event.date_end, PUBLICATION_PRECISION
    return "", None


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's two-digit interaction code (lower code first; 10, 20… for one side alone)."""
    if inter1 is None and inter2 is None:
        return None
    codes = sorted(c for c in (inter1, inter2) if c is not None)
    return codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)


def _tags(event: FusedEvent) -> str:
    tags = []
    deal = event.agreement
    if deal is not None:
        tags.append(f"deal: {deal.kind}" + (f" ({deal.status})" if deal.status else ""))
    if event.contested:
        tags.append("contested: " + ", ".join(event.contested))
    if event.reader_disputes:
        tags.append("disputed by readers: " + ", ".join(event.reader_disputes))
    return "; ".join(tags)


def _timestamp(event: FusedEvent) -> int | str:
    try:
        return int(datetime.fromisoformat(event.fused_at).timestamp())
    except ValueError:
        return ""


def acled_row(event: FusedEvent) -> dict[str, Any]:
    """One row of ACLED's export for a fused event."""
    tables = acled_tables()
    place = event.location
    country = tables["countries"].get(place.country if place else "", {})
    inter1, inter2 = (tables["inter"].get(a) if a else None for a in (event.actor1, event.actor2))
    date, precision = event_date(event)
    return {
        "event_id_cnty": f"{country.get('iso3', 'XXX')}{event.event_id.removeprefix('ev-').upper()}",
        "event_date": date, "year": date[:4], "time_precision": precision or "",
        "disorder_type": disorder_type(event), "event_type": event.event_type,
        "sub_event_type": event.sub_event_type, "actor1": event.actor1 or "",
        "assoc_actor_1": "; ".join(event.assoc_actors), "inter1": inter1 or "",
        "actor2": event.actor2 or "", "assoc_actor_2": "", "inter2": inter2 or "",
        "interaction": interaction(inter1, inter2) or "",
        "civilian_targeting": "Civilian targeting" if event.actor2 == "Civilians" else "",
        "iso": country.get("iso", ""), "region": country.get("region", ""),
        "country": place.country or "" if place else "", "admin1": place.admin1 or "" if place else "",
        "admin2": "", "admin3": "", "location": place.name if place else "",
        "latitude": _coordinate(place.lat if place else None),
        "longitude": _coordinate(place.lon if place else None),
        "geo_precision": place.precision if place else "",
        "source": "; ".join(source.name for source in event.sources),
        "source_scale": "Other", "notes": event.notes, "fatalities": event.fatalities or 0,
        "tags": _tags(event), "timestamp": _timestamp(event),
    }  # fmt: skip


def _coordinate(value: float | None) -> str:
    return f"{value:.4f}" if value is not None else ""
