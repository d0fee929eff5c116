"""What the map draws: events with a place, and deals as arrows from origin to destination.

A deal's origin is its event's place; each destination its sources claim (a contested
destination gives one arrow per claim) is placed by a stored place of that name, else by
the offline gazetteer, near the origin.

A destination is drawn as precisely as it is known: a town or a spot near one as a point
(``shape: "point"``), a province as an area around its centre (``"area"``); a whole country
or a vague region of one ("northern Syria"), and anything further than ``FAR_KM`` from the
origin, are not drawn at all (``"off"``): a line to a centroid would look like a route.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from wardesk.geo import ResolveContext, open_gazetteer, resolve
from wardesk.geo.gazetteer import Gazetteer, distance_km
from wardesk.store import Store
from wardesk.web import queries as Q
from wardesk.web.params import MAX_MAP, EventFilter
from wardesk.web.payloads import summary

#: Destinations further than this from the origin are listed, not drawn across the map.
FAR_KM = 700.0


@dataclass(slots=True)
class Destinations:
    """Places deal destinations on the map; one per server, remembering what it resolved."""

    gazetteer: Gazetteer | None = None
    _known: dict[tuple[str, float, float], dict | None] = field(default_factory=dict)
    # Requests run in a thread pool; the gazetteer's SQLite connection serves one at a time.
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def place(self, store: Store, name: str, near: tuple[float, float]) -> dict | None:
        """``{name, lat, lon}`` for a destination named ``name`` near ``near``, or None."""
        key = (name.lower(), round(near[0], 1), round(near[1], 1))
        with self._lock:
            if key not in self._known:
                self._known[key] = self._find(store, name, near)
            return self._known[key]

    def _find(self, store: Store, name: str, near: tuple[float, float]) -> dict | None:
        stored = Q.place_by_name(store.db, name)
        if stored is not None:
            return {
                "name": name, "lat": stored["latitude"], "lon": stored["longitude"],
                "admin1": stored["admin1"], "country": stored["country"],
                "precision": stored["geo_precision"],
            }  # fmt: skip
        if self.gazetteer is None:
            self.gazetteer = open_gazetteer()
        found = resolve(name, context=ResolveContext(near=(near,)), gazetteer=self.gazetteer)
        if found is None or found.lat is None or found.lon is None:
            return None
        return {
            "name": name, "lat": found.lat, "lon": found.lon, "admin1": found.admin1,
            "country": found.country, "precision": found.precision,
        }  # fmt: skip

    def place_in(self, words: list[str]) -> tuple[int, list[str]] | None:
        """The longest run of ``words`` (up to three) that names a gazetteer place in any
        spelling it knows ("Deir Ezzor", "Dayr az Zawr"): its GeoNames id and the words
        left over; None when no run names one."""
        with self._lock:
            if self.gazetteer is None:
                self.gazetteer = open_gazetteer()
            for size in range(min(3, len(words)), 0, -1):
                for start in range(len(words) - size + 1):
                    phrase = " ".join(words[start : start + size])
                    if len(phrase) < 4:
                        continue  # "al", "Is": too short to name a place on their own
                    found = resolve(phrase, gazetteer=self.gazetteer)
                    if found is not None and found.geonameid is not None:
                        return found.geonameid, words[:start] + words[start + size :]
        return None


def destination_shape(to: dict, km: float) -> str:
    """How the map draws a destination ``km`` from its origin: ``point``, ``area`` or ``off``."""
    vague = to["precision"] >= 3 and not to["admin1"]  # a whole country or a region of one
    if vague or km > FAR_KM:
        return "off"
    return "area" if to["precision"] >= 3 else "point"


def _arrows(store: Store, event: dict, claimed: list[dict], places: Destinations) -> list[dict]:
    deal, where = event["agreement"], event["location"]
    if not deal or not where or where["lat"] is None:
        return []
    origin = {"name": deal.get("origin") or where["name"], "lat": where["lat"], "lon": where["lon"]}
    claims = claimed or (
        [{"value": deal["destination"], "support": event["sources"], "reader_only": False,
          "sources": []}] if deal.get("destination") else []
    )  # fmt: skip
    arrows = []
    for claim in claims:
        to = places.place(store, claim["value"], (where["lat"], where["lon"]))
        if to is None or (to["lat"], to["lon"]) == (origin["lat"], origin["lon"]):
            continue
        km = distance_km(origin["lat"], origin["lon"], to["lat"], to["lon"])
        arrows.append({
            "event_id": event["event_id"],
            "kind": deal.get("kind"),
            "status": deal.get("status"),
            "origin": origin,
            "destination": to,
            "km": round(km),
            "shape": destination_shape(to, km),
            "support": claim["support"],
            "reader_only": claim["reader_only"],
            "claimed_by": sorted({ref["source"] for ref in claim["sources"]}),
            "contested": "destination" in event["contested"],
            "url": event["url"],
        })  # fmt: skip
    return arrows


def map_payload(store: Store, f: EventFilter, places: Destinations) -> dict[str, Any]:
    """The events the filter selects (those with coordinates on the map, the rest listed),
    and an arrow for every deal destination."""
    events = [summary(row) for row in Q.list_events(store.db, f, limit=MAX_MAP)]
    deals = [e for e in events if e["agreement"]]
    claimed = Q.claimed_destinations(store.db, [e["event_id"] for e in deals])
    return {
        "filter": f.query_string(),
        "total": Q.count_events(store.db, f),
        "events": events,
        "deals": [
            arrow
            for e in deals
            for arrow in _arrows(store, e, claimed.get(e["event_id"], []), places)
        ],
    }
