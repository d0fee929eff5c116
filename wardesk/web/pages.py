"""The HTML pages, each with its JSON twin: the same path with ``.json`` (or ``/api/...``).

The map and the timeline are shells whose scripts fetch the API; the event, page,
list and search pages are rendered from the same payload their twin returns.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from wardesk.store import Store
from wardesk.web import payloads as P
from wardesk.web import queries as Q
from wardesk.web.api import DocId, EventId, FilterDep, Focus, StoreDep, found_event
from wardesk.web.api import actors as actors_json
from wardesk.web.api import map_data as map_json
from wardesk.web.api import search as search_json
from wardesk.web.api import timeline as timeline_json
from wardesk.web.app import store_of
from wardesk.web.params import CERTAINTIES, MAX_MAP, Limit, Offset, Sort

router = APIRouter(tags=["pages"])
HTML = {"response_class": HTMLResponse}
OptionalText = Annotated[str, Query(max_length=200)]


def render(request: Request, template: str, twin: str, **context: Any) -> HTMLResponse:
    """A page from its template; ``twin`` is the URL of its JSON twin."""
    return request.app.state.templates.TemplateResponse(
        request, template, {"twin": twin, "settings": request.app.state.settings, **context}
    )


def _twin(request: Request, path: str) -> str:
    query = request.url.query
    return path + (f"?{query}" if query else "")


def _filter_context(store: Store, f: Any) -> dict[str, Any]:
    return {"facets": Q.facets(store.db), "filter": f, "certainties": CERTAINTIES}


# ---------------------------------------------------------------------------------- JSON twins


@router.get("/map.json", tags=["twins"])
def map_twin(request: Request, store: StoreDep, f: FilterDep) -> dict:
    """JSON twin of ``/`` (the map): as ``/api/map``."""
    return map_json(request, store, f)


@router.get("/timeline.json", tags=["twins"])
def timeline_twin(store: StoreDep, f: FilterDep) -> dict:
    """JSON twin of ``/timeline``: as ``/api/timeline``."""
    return timeline_json(store, f, MAX_MAP)


@router.get("/actors.json", tags=["twins"])
def actors_twin(store: StoreDep, limit: Limit = 200) -> dict:
    """JSON twin of ``/actors``."""
    return actors_json(store, limit)


@router.get("/events.json", tags=["twins"])
def events_twin(
    store: StoreDep, f: FilterDep, limit: Limit = 100, offset: Offset = 0, sort: Sort = None
) -> dict:
    """JSON twin of ``/events``: as ``/api/events``."""
    return P.event_list(store, f, limit=limit, offset=offset, sort=sort)


@router.get("/events/{event_id}.json", tags=["twins"])
def event_twin(store: StoreDep, event_id: EventId) -> dict:
    """JSON twin of ``/events/{event_id}``."""
    return found_event(store, event_id)


@router.get("/deals.json", tags=["twins"])
def deals_twin(store: StoreDep, f: FilterDep) -> dict:
    """JSON twin of ``/deals``: as ``/api/deals``."""
    return P.deal_list(store, f)


@router.get("/pages.json", tags=["twins"])
def pages_twin(store: StoreDep, limit: Limit = 100, offset: Offset = 0) -> dict:
    """JSON twin of ``/pages``."""
    return P.page_list(store, limit=limit, offset=offset)


@router.get("/pages/{doc_id}.json", tags=["twins"])
def page_twin(store: StoreDep, doc_id: DocId, m: Focus = None) -> dict:
    """JSON twin of ``/pages/{doc_id}``."""
    found = P.page_detail(store, doc_id, focus=m)
    if found is None:
        raise HTTPException(404, f"no page {doc_id!r} in the database")
    return found


@router.get("/search.json", tags=["twins"])
def search_twin(
    request: Request,
    store: Annotated[Store, Depends(store_of)],
    q: OptionalText = "",
    limit: Limit = 20,
) -> dict:
    """JSON twin of ``/search``."""
    if not q.strip():
        return {"query": q, "pages": [], "events": []}
    return P.search(store, q, limit=limit, places=request.app.state.destinations)


# ---------------------------------------------------------------------------------- HTML


@router.get("/", **HTML, include_in_schema=False)
def map_page(request: Request, store: StoreDep, f: FilterDep) -> HTMLResponse:
    """The map: events coloured by type and sized by corroboration, deals as arrows."""
    return render(request, "map.html", _twin(request, "/map.json"), **_filter_context(store, f))


@router.get("/map", include_in_schema=False)
def map_alias(request: Request) -> RedirectResponse:
    query = request.url.query
    return RedirectResponse("/" + (f"?{query}" if query else ""))


@router.get("/timeline", **HTML, include_in_schema=False)
def timeline_page(request: Request, store: StoreDep, f: FilterDep) -> HTMLResponse:
    """Events per week, with the map's filters; ``actor=NAME`` for one actor."""
    return render(
        request, "timeline.html", _twin(request, "/timeline.json"), **_filter_context(store, f)
    )


@router.get("/actors", **HTML, include_in_schema=False)
def actors_page(request: Request, store: StoreDep, limit: Limit = 200) -> HTMLResponse:
    """Every actor with its number of events, each linked to its timeline."""
    found = actors_json(store, limit)["actors"]
    for actor in found:
        actor["timeline"] = "/timeline?" + urlencode({"actor": actor["name"]})
    return render(request, "actors.html", _twin(request, "/actors.json"), actors=found)


@router.get("/events", **HTML, include_in_schema=False)
def events_page(
    request: Request,
    store: StoreDep,
    f: FilterDep,
    limit: Limit = 100,
    offset: Offset = 0,
    sort: Sort = None,
) -> HTMLResponse:
    """The fused events as a table, with the map's filters, sortable columns and paging."""
    data = P.event_list(store, f, limit=limit, offset=offset, sort=sort)
    kept = {**f.query_string(), **({"sort": sort} if sort else {})}

    def at(start: int) -> str:
        return "/events?" + urlencode({**kept, "offset": start, "limit": limit}, doseq=True)

    def sorted_by(column: str) -> str:
        # a second click on the sorted column turns its direction round
        key = f"-{column}" if sort == column else column
        return "/events?" + urlencode({**f.query_string(), "sort": key}, doseq=True)

    return render(request, "events.html", _twin(request, "/events.json"), data=data,
                  following=at(offset + limit), previous=at(max(offset - limit, 0)),
                  filter_query=urlencode(f.query_string(), doseq=True),
                  sort_links={c: sorted_by(c) for c in Q.SORT_COLUMNS},
                  **_filter_context(store, f))  # fmt: skip


@router.get("/events/{event_id}", **HTML, include_in_schema=False)
def event_page(request: Request, store: StoreDep, event_id: EventId) -> HTMLResponse:
    """One event: each slot with every source's values side by side, and the evidence."""
    data = found_event(store, event_id)
    twin = f"/events/{quote(data['event']['event_id'], safe='')}.json"
    return render(request, "event.html", twin, data=data)


@router.get("/pages", **HTML, include_in_schema=False)
def pages_page(
    request: Request, store: StoreDep, limit: Limit = 100, offset: Offset = 0
) -> HTMLResponse:
    """The stored pages."""
    data = P.page_list(store, limit=limit, offset=offset)
    return render(request, "pages.html", _twin(request, "/pages.json"), data=data)


@router.get("/pages/{doc_id}", **HTML, include_in_schema=False)
def page_page(request: Request, store: StoreDep, doc_id: DocId, m: Focus = None) -> HTMLResponse:
    """A page with body, comments and boilerplate apart and every mention highlighted."""
    data = P.page_detail(store, doc_id, focus=m)
    if data is None:
        raise HTTPException(404, f"no page {doc_id!r} in the database")
    twin = _twin(request, f"/pages/{quote(doc_id, safe='')}.json")
    return render(request, "page.html", twin, data=data)


@router.get("/deals", **HTML, include_in_schema=False)
def deals_page(request: Request, store: StoreDep, f: FilterDep) -> HTMLResponse:
    """Deals as objects: each with its parties, destinations, counts, terms and steps."""
    data = P.deal_list(store, f)
    return render(request, "deals.html", _twin(request, "/deals.json"), data=data)


@router.get("/codebook", **HTML, include_in_schema=False)
def codebook_page(request: Request) -> HTMLResponse:
    """What certainty levels, independent sources, precision, reader-only events and
    contested slots mean; every badge links here."""
    return render(request, "codebook.html", "")


@router.get("/search", **HTML, include_in_schema=False)
def search_page(
    request: Request, store: StoreDep, q: OptionalText = "", limit: Limit = 20
) -> HTMLResponse:
    """Search over page text and events."""
    data = search_json(request, store, q, limit) if q.strip() else None
    return render(request, "search.html", _twin(request, "/search.json"), data=data, q=q)
