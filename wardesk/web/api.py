"""The JSON API under ``/api``: what the UI's pages are built from (OpenAPI at
``/api/openapi.json``)."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import PlainTextResponse

from wardesk import __version__
from wardesk.store import Store
from wardesk.web import payloads as P
from wardesk.web import queries as Q
from wardesk.web.app import store_of
from wardesk.web.mapdata import map_payload
from wardesk.web.params import (
    DOC_ID,
    EVENT_ID,
    MAX_MAP,
    EventFilter,
    Limit,
    Offset,
    SearchText,
    Sort,
)
from wardesk.web.params import event_filter as filter_dependency

router = APIRouter(prefix="/api", tags=["api"])
StoreDep = Annotated[Store, Depends(store_of)]
FilterDep = Annotated[EventFilter, Depends(filter_dependency)]
EventId = Annotated[str, Path(pattern=EVENT_ID, description="Event id (a unique prefix will do).")]
DocId = Annotated[str, Path(pattern=DOC_ID, description="Page id (content hash).")]
Focus = Annotated[
    int | None, Query(ge=0, le=1_000_000, description="Ordinal of the mention to highlight.")
]
TimelineLimit = Annotated[int, Query(ge=1, le=MAX_MAP)]


def found_event(store: Store, event_id: str) -> dict:
    """The event's payload, or a 404 that names the id and nothing of the server."""
    found = P.event_detail(store, event_id)
    if found is None:
        raise HTTPException(404, f"no event {event_id!r} in the database")
    return found


@router.get("/config")
def config(request: Request) -> dict[str, Any]:
    """How this server is set up: read-only or not, the online tile layer (if any)."""
    settings = request.app.state.settings
    return {
        "version": __version__,
        "read_only": settings.source.read_only,
        "tiles": settings.tiles,
        "tiles_attribution": settings.tiles_attribution,
        "basemap": "/static/vendor/world-atlas/countries-50m.json",
    }


@router.get("/events")
def events(
    store: StoreDep, f: FilterDep, limit: Limit = 100, offset: Offset = 0, sort: Sort = None
) -> dict:
    """The fused events the filter selects, by date (undated last) or as ``sort`` says."""
    return P.event_list(store, f, limit=limit, offset=offset, sort=sort)


ExportFormat = Annotated[
    Literal["csv", "geojson", "jsonl"],
    Path(description="csv: ACLED's columns; geojson: a feature collection; jsonl: events."),
]


@router.get("/export.{fmt}", response_class=PlainTextResponse)
def export(store: StoreDep, f: FilterDep, fmt: ExportFormat) -> PlainTextResponse:
    """Exactly the events the filter selects (at most 5,000), as a file to download."""
    media_type, extension = P.EXPORT_FORMATS[fmt]
    return PlainTextResponse(
        P.export_text(store, f, fmt),
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="wardesk-events.{extension}"'},
    )


@router.get("/events/{event_id}")
def event(store: StoreDep, event_id: EventId) -> dict:
    """One fused event: the ``events`` export record, each slot's claims source by source
    (reader comments apart), and every mention with its evidence and a link into its page."""
    return found_event(store, event_id)


@router.get("/deals")
def deals(store: StoreDep, f: FilterDep) -> dict:
    """Every deal among the events the filter selects: parties, brokers, origin, each
    claimed destination, counts, terms and the status history with its dated reports."""
    return P.deal_list(store, f)


@router.get("/map")
def map_data(request: Request, store: StoreDep, f: FilterDep) -> dict:
    """Events for the map (at most 5,000) and deal arrows from origin to each claimed
    destination."""
    return map_payload(store, f, request.app.state.destinations)


@router.get("/timeline")
def timeline(store: StoreDep, f: FilterDep, limit: TimelineLimit = MAX_MAP) -> dict:
    """Events per week; events dated only to a month or a year, and undated ones, apart.
    ``actor=NAME`` gives one actor's timeline."""
    return P.timeline(store, f, limit=limit)


@router.get("/actors")
def actors(store: StoreDep, limit: Limit = 200) -> dict:
    """Actors with the number of events they take part in, most first."""
    return {"actors": Q.actor_counts(store.db, limit=limit)}


@router.get("/facets")
def facets(store: StoreDep) -> dict:
    """What the filters can choose from: event types present, actors, the date range."""
    return Q.facets(store.db)


@router.get("/pages")
def pages(store: StoreDep, limit: Limit = 100, offset: Offset = 0) -> dict:
    """The stored pages, by name, with their counts of mentions and comments."""
    return P.page_list(store, limit=limit, offset=offset)


@router.get("/pages/{doc_id}")
def page(store: StoreDep, doc_id: DocId, m: Focus = None) -> dict:
    """A stored page cut into article, reader comments and boilerplate, each cut where
    mentions begin and end (``m``: the mention to mark as focused)."""
    found = P.page_detail(store, doc_id, focus=m)
    if found is None:
        raise HTTPException(404, f"no page {doc_id!r} in the database")
    return found


@router.get("/search")
def search(request: Request, store: StoreDep, q: SearchText, limit: Limit = 20) -> dict:
    """Pages (full text, every word, stemmed) and events (type, place under any spelling
    the gazetteer knows, actors, sources, notes) matching ``q``."""
    return P.search(store, q, limit=limit, places=request.app.state.destinations)


@router.get("/admin1")
def admin1() -> dict:
    """Governorates and provinces of the conflict region with their seats, for map labels."""
    text = (resources.files("wardesk") / "data" / "admin1.toml").read_text(encoding="utf-8")
    units = tomllib.loads(text).get("admin1", [])
    return {
        "admin1": [
            {"country": u["country"], "name": u["name"], "lat": u["lat"], "lon": u["lon"]}
            for u in units
            if "lat" in u and "lon" in u
        ]
    }
