"""The JSON payloads of the API; the HTML pages render the same objects.

Events come from the event tables (see :mod:`wardesk.web.queries`); one event's full
record is the ``events`` export's (:func:`wardesk.export.event_record`), with the claims
arranged source by source and every mention's evidence linked into its page.
"""

from __future__ import annotations

import calendar
import io
import re
import tomllib
from collections import defaultdict
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any, Protocol
from urllib.parse import quote

from wardesk.errors import WardeskError
from wardesk.export import event_record, page_infos, write_acled, write_events_jsonl
from wardesk.export.tables import write_geojson
from wardesk.fuse.dates import parse_span
from wardesk.fuse.types import FusedEvent, SourceRef, StoredMention
from wardesk.store import Store
from wardesk.web import queries as Q
from wardesk.web.params import MAX_MAP, EventFilter
from wardesk.web.why import explain

MAX_WEEKS = 520


class PlaceFinder(Protocol):
    """Finds the place a search names (:class:`wardesk.web.mapdata.Destinations`)."""

    def place_in(self, words: list[str]) -> tuple[int, list[str]] | None:
        """A GeoNames id the words name, and the words left over."""


def event_url(event_id: str) -> str:
    """The event's page in the UI."""
    return f"/events/{quote(event_id, safe='')}"


def mention_url(doc_id: str, ordinal: int) -> str:
    """The page view with one mention's evidence highlighted and scrolled to."""
    return f"/pages/{quote(doc_id, safe='')}?m={ordinal}#m{ordinal}"


_DAY_OF_YEAR = re.compile(r"--(\d{2})(?:-(\d{2}))?")


def readable_date(value: str | None) -> str | None:
    """A stored date as a reader should see it: ISO dates as they are; a month or a day
    without its year ("--04-22") and a bare weekday ("Wednesday") said in words, with what
    is unknown said too."""
    if not value:
        return None
    partial = _DAY_OF_YEAR.fullmatch(value)
    if partial and 1 <= int(partial[1]) <= 12:
        month = calendar.month_name[int(partial[1])]
        day = f"{int(partial[2])} " if partial[2] else ""
        return f"{day}{month}, year unknown"
    if value.capitalize() in calendar.day_name:
        return f"a {value.capitalize()}, date unknown"
    return value


def summary(row: dict[str, Any]) -> dict[str, Any]:
    """One event as the lists, the map and the timeline show it."""
    has_place = row["location_name"] is not None
    return {
        "event_id": row["event_id"],
        "event_type": row["event_type"],
        "sub_event_type": row["sub_event_type"],
        "location": {
            "name": row["location_name"], "geonameid": row["geonameid"],
            "lat": row["latitude"], "lon": row["longitude"], "admin1": row["admin1"],
            "country": row["country"], "precision": row["geo_precision"],
        } if has_place else None,
        "date": row["event_date"],
        "date_text": readable_date(row["event_date"]),
        "date_start": row["date_start"],
        "date_end": row["date_end"],
        "time_precision": row["time_precision"],
        "actors": {
            "actor1": row["actor1"], "actor2": row["actor2"],
            "assoc_actors": row["assoc_actors"],
        },
        "fatalities": row["fatalities"],
        "sources": row["source_count"],
        "reader_comments": row["reader_comments"],
        "mentions": row["mention_count"],
        "pages": row["pages"],
        "contested": row["contested"],
        "reader_disputes": row["reader_disputes"],
        "agreement": row["agreement"],
        "url": event_url(row["event_id"]),
    }  # fmt: skip


def event_list(
    store: Store, f: EventFilter, *, limit: int, offset: int, sort: str | None = None
) -> dict[str, Any]:
    """A page of the events the filter selects, in ``sort`` order, with the total."""
    rows = Q.list_events(store.db, f, limit=limit, offset=offset, sort=sort)
    return {
        "total": Q.count_events(store.db, f),
        "limit": limit,
        "offset": offset,
        "sort": sort,
        "filter": f.query_string(),
        "events": [summary(row) for row in rows],
    }


# ---------------------------------------------------------------------------------- export

#: The formats the desk exports a filtered selection in: media type and file extension.
EXPORT_FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "geojson": ("application/geo+json", "geojson"),
    "jsonl": ("application/x-ndjson", "jsonl"),
}


def export_text(store: Store, f: EventFilter, fmt: str) -> str:
    """Exactly the events the filter selects (the map's and the list's selection, in their
    order), as ACLED's CSV columns (one row per dated event: ACLED has no row for an undated
    one), a GeoJSON feature collection, or JSON lines of the ``events`` export."""
    ids = [row["event_id"] for row in Q.list_events(store.db, f, limit=MAX_MAP)]
    by_id = {e.event_id: e for e in store.events(ids)}
    events = [by_id[i] for i in ids if i in by_id]
    out = io.StringIO()
    if fmt == "csv":
        write_acled(events, page_infos(store, events), out)
    elif fmt == "geojson":
        write_geojson(events, out)
    else:
        write_events_jsonl(events, out)
    return out.getvalue()


# ---------------------------------------------------------------------------------- timeline


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def timeline(store: Store, f: EventFilter, *, limit: int) -> dict[str, Any]:
    """Events per week (Monday-based ISO weeks) for events whose best date is a day or whose
    reports span at most a week; events dated only to a month or a year, and undated ones,
    apart."""
    events = [summary(row) for row in Q.list_events(store.db, f, limit=limit)]
    weekly: dict[date, list[dict]] = defaultdict(list)
    coarse, undated = [], []
    for event in events:
        if not event["date_start"]:
            undated.append(event)
            continue
        best = parse_span(event["date"])
        start, end = date.fromisoformat(event["date_start"]), date.fromisoformat(event["date_end"])
        if best.calendar and best.start == best.end:  # the best date is a day
            weekly[_monday(best.start)].append(event)
        elif (end - start).days <= 7:
            weekly[_monday(start)].append(event)
        else:
            coarse.append(event)
    return {
        "filter": f.query_string(),
        "total": len(events),
        "weeks": _weeks(weekly),
        "coarse": coarse,
        "undated": undated,
    }


def _weeks(weekly: dict[date, list[dict]]) -> list[dict[str, Any]]:
    if not weekly:
        return []
    first, last = min(weekly), max(weekly)
    weeks, day = [], first
    while day <= last and len(weeks) < MAX_WEEKS:
        found = weekly.get(day, [])
        by_type: dict[str, int] = defaultdict(int)
        for event in found:
            by_type[event["event_type"]] += 1
        weeks.append(
            {
                "week": day.isoformat(),
                "count": len(found),
                "by_type": dict(by_type),
                "events": found,
            }
        )
        day += timedelta(days=7)
    return weeks


# ---------------------------------------------------------------------------------- event


def _mention_entry(stored: StoredMention, event_id: str) -> dict[str, Any]:
    mention = stored.mention
    return {
        "mention_id": mention.mention_id,
        "doc_id": stored.doc_id,
        "ordinal": stored.ordinal,
        "page": stored.page.name,
        "voice": stored.page.voice,
        "event_id": event_id,
        "sub_event_type": mention.sub_event_type,
        "date": mention.date,
        "date_text": readable_date(mention.date),
        "source": mention.source
        or ("reader comment" if mention.in_comments else stored.page.voice),
        "source_type": mention.source_type,
        "certainty": mention.certainty,
        "in_comments": mention.in_comments,
        "evidence": mention.evidence.text,
        "char_start": mention.evidence.start,
        "char_end": mention.evidence.end,
        "url": mention_url(stored.doc_id, stored.ordinal),
    }


def _claim(value_index: int, value: str, ref: SourceRef, mentions: dict[str, dict]) -> dict:
    mention = mentions.get(ref.mention_id)
    return {
        "value": value,
        "value_index": value_index,
        "source": ref.source,
        "source_type": ref.source_type,
        "certainty": ref.certainty,
        "mention_id": ref.mention_id,
        "evidence": mention["evidence"] if mention else None,
        "url": mention["url"] if mention else None,
    }


def source_of_mentions(event: FusedEvent) -> dict[str, str]:
    """Each article mention's independent source, by mention id (the name the page shows)."""
    return {mid: source.name for source in event.sources for mid in source.mention_ids}


def claims_grid(event: FusedEvent, mentions: dict[str, dict]) -> dict[str, Any]:
    """Each slot with every article source's values side by side, and the reader comments'
    values in a column of their own.

    There is one column per independent source, named as the event's sources line names it
    (a claim's own speaker, when another, is shown in its cell as ``speaker``), so the count
    of independent sources is the count of columns."""
    owner = source_of_mentions(event)
    columns: dict[str, None] = {source.name: None for source in event.sources}
    rows = []
    for slot, values in event.slots.items():
        cells: dict[str, list[dict]] = defaultdict(list)
        readers: list[dict] = []
        for index, value in enumerate(values):
            for ref in value.sources:
                claim = _claim(index, value.value, ref, mentions)
                if ref.in_comments:
                    readers.append(claim)
                    continue
                column = owner.get(ref.mention_id, ref.source)
                claim["speaker"] = ref.source if ref.source != column else None
                columns.setdefault(column, None)
                cells[column].append(claim)
        rows.append({
            "slot": slot,
            "contested": slot in event.contested,
            "reader_disputed": slot in event.reader_disputes,
            "values": [
                {"value": v.value, "support": v.support, "reader_only": v.reader_only}
                for v in values
            ],
            "cells": dict(cells),
            "readers": readers,
        })  # fmt: skip
    return {"columns": list(columns), "rows": rows}


#: The deal's fields the event page shows, in order (brokers and terms are lists, shown apart).
DEAL_FIELDS = (
    "kind", "status", "withdrawing_party", "allowing_party", "origin", "destination",
    "fighters", "civilians", "foreign_fighters",
)  # fmt: skip


def deal_facts(agreement: dict[str, Any] | None, rows: list[dict]) -> list[dict[str, Any]]:
    """The deal's fields as the event page states them: a slot the sources contradict each
    other on is shown as its competing values (``contested``), never as one fact; a yes/no
    field in words."""
    if not agreement:
        return []
    by_slot = {row["slot"]: row for row in rows}
    facts = []
    for key in DEAL_FIELDS:
        row = by_slot.get(key)
        if row is not None and row["contested"]:
            values = [v for v in row["values"] if not v["reader_only"]]
            facts.append({"field": key, "contested": True, "claimed": values})
        elif agreement.get(key) is not None:
            facts.append(
                {"field": key, "contested": False, "value": _deal_word(key, agreement[key])}
            )
    return facts


def _deal_word(key: str, value: Any) -> str:
    if key == "foreign_fighters":  # the claims' own words for the yes/no
        return "included" if value else "excluded"
    return str(value)


def _why(store: Store, event: FusedEvent, mentions: dict[str, dict]) -> dict[str, Any]:
    """:func:`wardesk.web.why.explain` with each report's source, page and link."""
    why = explain(store, event)
    lead = mentions.get(why["lead"] or "")
    why["lead_report"] = _report(lead) if lead else None
    for member in why["members"]:
        found = mentions.get(member["mention_id"])
        member.update(_report(found) if found else {})
    for other in why["apart"]:
        other["url"] = event_url(other["event_id"])
    return why


def _report(mention: dict) -> dict[str, Any]:
    return {"source": mention["independent_source"] or mention["source"],
            "page": mention["page"], "url": mention["url"]}  # fmt: skip


def event_detail(store: Store, event_id: str) -> dict[str, Any] | None:
    """One fused event: the ``events`` export record, its claims side by side, and every
    mention with its evidence sentence and a link to it in its page; None when no event has
    that id (or that unique prefix)."""
    try:
        event = store.event(event_id)
    except WardeskError as error:
        if error.code == "E008":  # the store's message names the database file: not for readers
            return None
        raise
    by_key = {s.key: s for s in store.stored_mentions(sorted({d for d, _ in event.members}))}
    mentions = [
        _mention_entry(by_key[key], event.event_id) for key in event.members if key in by_key
    ]
    owner = source_of_mentions(event)
    for m in mentions:
        m["independent_source"] = owner.get(m["mention_id"])
    by_id = {m["mention_id"]: m for m in mentions}
    record = event_record(event)
    claims = claims_grid(event, by_id)
    return {
        "event": record,
        "url": event_url(event.event_id),
        "date_text": readable_date(record["date"]),
        "deal": deal_facts(record["agreement"], claims["rows"]),
        "why": _why(store, event, by_id),
        "claims": claims,
        "mentions": mentions,
    }


# ---------------------------------------------------------------------------------- deals


@cache
def deal_steps() -> tuple[str, ...]:
    """The order of a deal's steps (``wardesk/data/deal_steps.toml``)."""
    text = (resources.files("wardesk") / "data" / "deal_steps.toml").read_text(encoding="utf-8")
    return tuple(tomllib.loads(text)["steps"])


def _step_rank(status: str) -> int:
    steps = deal_steps()
    return steps.index(status) if status in steps else len(steps)


def status_history(detail: dict[str, Any]) -> list[dict[str, Any]]:
    """Each status the deal's sources report, in step order, with the dated reports of each:
    who said it, when they say it happened, and a link to the sentence."""
    rows = {row["slot"]: row for row in detail["claims"]["rows"]}
    if "status" not in rows:
        return []
    dates = {m["mention_id"]: m["date_text"] for m in detail["mentions"]}
    steps: dict[str, list[dict]] = defaultdict(list)
    row = rows["status"]
    told = [(c, False) for cell in row["cells"].values() for c in cell]
    for claim, reader in told + [(c, True) for c in row["readers"]]:
        steps[claim["value"]].append({
            "source": claim["source"],
            "reader": reader,
            "certainty": claim["certainty"],
            "date_text": dates.get(claim["mention_id"]),
            "url": claim["url"],
        })  # fmt: skip
    return [
        {"status": status, "reports": steps[status]}
        for status in sorted(steps, key=lambda s: (_step_rank(s), s))
    ]


def deal_list(store: Store, f: EventFilter) -> dict[str, Any]:
    """Every deal among the events the filter selects, as an object of its own: kind,
    parties, brokers, origin, each claimed destination, counts and terms (contested fields
    as their competing values), and its status history."""
    rows = [r for r in Q.list_events(store.db, f, limit=MAX_MAP) if r["agreement"]]
    deals = []
    for row in rows:
        detail = event_detail(store, row["event_id"])
        if detail is None:
            continue
        agreement = detail["event"]["agreement"]
        claims = {r["slot"]: r for r in detail["claims"]["rows"]}
        destinations = claims["destination"]["values"] if "destination" in claims else (
            [{"value": agreement["destination"], "support": detail["event"]["sources"]["count"],
              "reader_only": False}] if agreement.get("destination") else []
        )  # fmt: skip
        deals.append({
            "event": summary(row),
            "kind": agreement["kind"],
            "withdrawing_party": agreement.get("withdrawing_party"),
            "allowing_party": agreement.get("allowing_party"),
            "brokers": agreement.get("brokers") or [],
            "origin": agreement.get("origin"),
            "destinations": destinations,
            "facts": [
                fact for fact in detail["deal"]
                if fact["field"] in ("status", "fighters", "civilians", "foreign_fighters")
            ],
            "terms": agreement.get("terms") or [],
            "history": status_history(detail),
        })  # fmt: skip
    return {"filter": f.query_string(), "total": len(deals), "deals": deals}


# ---------------------------------------------------------------------------------- page


def _pieces(text: str, start: int, end: int, spans: list[dict], focus: int | None) -> list[dict]:
    """``text[start:end]`` cut where mentions begin and end; each piece says which mentions
    cover it (so every mention can be highlighted, and the focused one marked) and which
    begin at it (``anchors``: mentions sharing a sentence each get their own)."""
    cuts = {start, end}
    inside = [m for m in spans if m["char_start"] < end and m["char_end"] > start]
    for m in inside:
        cuts.update(x for x in (m["char_start"], m["char_end"]) if start < x < end)
    bounds = sorted(cuts)
    pieces = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        covering = [m["ordinal"] for m in inside if m["char_start"] <= a and m["char_end"] >= b]
        pieces.append({
            "text": text[a:b],
            "mentions": covering,
            "focus": focus in covering,
            "anchors": [o for o in covering if _starts_at(spans, o, a, start)],
        })  # fmt: skip
    return pieces


def _starts_at(spans: list[dict], ordinal: int, at: int, block_start: int) -> bool:
    mention = next(m for m in spans if m["ordinal"] == ordinal)
    return max(mention["char_start"], block_start) == at


def page_detail(store: Store, doc_id: str, *, focus: int | None = None) -> dict[str, Any] | None:
    """A stored page cut into article, reader comments and boilerplate, with every mention's
    evidence highlighted (``focus``: the mention ordinal to mark)."""
    doc = Q.page(store.db, doc_id)
    if doc is None:
        return None
    parts = Q.page_parts(store.db, doc_id)
    text, spans = doc.pop("text"), parts["mentions"]
    anchored: set[int] = set()

    def cut(a: int, b: int) -> list[dict]:
        pieces = _pieces(text, a, b, spans, focus)
        for piece in pieces:  # one anchor per mention, at its first piece
            piece["anchors"] = [o for o in piece["anchors"] if o not in anchored]
            anchored.update(piece["anchors"])
        return pieces

    blocks = parts["blocks"]
    for mention in spans:
        mention["in_comments"] = bool(mention["in_comments"])
        mention["event_url"] = event_url(mention["event_id"]) if mention["event_id"] else None
        mention["url"] = mention_url(doc_id, mention["ordinal"])
    return {
        "page": {**doc, "link": doc["url"] if _web_url(doc["url"]) else None},
        "focus": focus,
        "article": [
            {"role": b["role"], "pieces": cut(b["char_start"], b["char_end"])}
            for b in blocks if b["role"] in ("title", "body")
        ],
        "comments": [
            {"author": c["author"], "depth": c["depth"], "pieces": cut(c["char_start"], c["char_end"])}
            for c in parts["comments"]
        ],
        "boilerplate": [
            {"role": b["role"], "pieces": cut(b["char_start"], b["char_end"])}
            for b in blocks if b["role"] == "boilerplate"
        ],
        "mentions": spans,
    }  # fmt: skip


def _web_url(url: str | None) -> bool:
    return bool(url) and url.lower().startswith(("http://", "https://"))


def page_list(store: Store, *, limit: int, offset: int) -> dict[str, Any]:
    """The stored pages, by name."""
    pages = Q.list_pages(store.db, limit=limit, offset=offset)
    for p in pages:
        p["url_view"] = f"/pages/{quote(p['doc_id'], safe='')}"
    return {"total": Q.count_pages(store.db), "limit": limit, "offset": offset, "pages": pages}


def search(
    store: Store, query: str, *, limit: int, places: PlaceFinder | None = None
) -> dict[str, Any]:
    """Pages (full-text) and events matching ``query``; with ``places``, a place the query
    names finds its events under any spelling of it."""
    hits = store.search(query, limit=limit)
    place = places.place_in(Q.query_words(query)) if places is not None else None
    return {
        "query": query,
        "pages": [
            {
                "doc_id": h.doc_id,
                "name": h.name,
                "title": h.title,
                "snippet": h.snippet,
                "url": f"/pages/{quote(h.doc_id, safe='')}",
            }
            for h in hits
        ],  # fmt: skip
        "events": [
            summary(row) for row in Q.search_events(store.db, query, limit=limit, place=place)
        ],
    }
