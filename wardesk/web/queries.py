"""The web UI's queries over the event database (tables documented in the store's migrations).

Plain SQL with ``?`` placeholders, run through :class:`wardesk.store.db.Database` on SQLite
or PostgreSQL; user input only ever reaches the database as parameters. Rows come back as
plain dicts for :mod:`wardesk.web.payloads` to shape.
"""

from __future__ import annotations

import json
import re
from typing import Any

from wardesk.fuse.dates import parse_span
from wardesk.store.db import Database
from wardesk.web.params import EventFilter

EVENT_FIELDS = (
    "e.event_id, e.event_type, e.sub_event_type, e.location_name, e.geonameid, e.latitude,"
    " e.longitude, e.admin1, e.country, e.geo_precision, e.event_date, e.date_start,"
    " e.date_end, e.time_precision, e.actor1, e.actor2, e.assoc_actors, e.fatalities,"
    " e.agreement, e.source_count, e.reader_comments, e.mention_count, e.pages, e.contested,"
    " e.reader_disputes"
)
ORDER = " ORDER BY e.date_start IS NULL, e.date_start, e.event_id"
#: The columns a list can be sorted by (``sort=NAME``, ``-NAME`` for descending); rows
#: without a value go last either way, ties by date then id.
SORT_COLUMNS = {
    "date": "e.date_start",
    "type": "e.sub_event_type",
    "place": "e.location_name",
    "sources": "e.source_count",
    "fatalities": "e.fatalities",
}


def order_sql(sort: str | None) -> str:
    """The ORDER BY clause for a ``sort`` value (None or unknown: by date)."""
    column = SORT_COLUMNS.get((sort or "").lstrip("-"))
    if column is None:
        return ORDER
    direction = " DESC" if sort.startswith("-") else ""
    return f" ORDER BY {column} IS NULL, {column}{direction}, e.date_start IS NULL, e.date_start, e.event_id"


_JSON_FIELDS = ("assoc_actors", "agreement", "pages", "contested", "reader_disputes")
_WORD = re.compile(r"[^\W_]+")
MEMBER_JOIN = (
    "FROM event_mentions em JOIN {table} x ON x.doc_id = em.doc_id AND x.ordinal = em.ordinal"
)


def _marks(values: tuple | list) -> str:
    return ", ".join("?" * len(values))


def filter_sql(f: EventFilter) -> tuple[str, list[Any]]:
    """A WHERE clause (over ``events e``) and its parameters for the filter."""
    where: list[str] = []
    params: list[Any] = []
    if not f.include_reader_only:
        where.append("e.source_count > 0")
    if f.types:
        wanted = [t.lower() for t in f.types]
        where.append(
            f"(lower(e.event_type) IN ({_marks(wanted)}) OR lower(e.sub_event_type) IN ({_marks(wanted)}))"
        )
        params += wanted + wanted
    if f.actor:  # any case, any part of the name ("hezbollah" finds "Hezbollah fighters")
        where.append(
            "(lower(e.actor1) LIKE ? ESCAPE '\\' OR lower(e.actor2) LIKE ? ESCAPE '\\'"
            " OR EXISTS (SELECT 1 "
            + MEMBER_JOIN.format(table="mention_actors")
            + " WHERE em.event_id = e.event_id AND lower(x.actor) LIKE ? ESCAPE '\\'))"
        )
        params += [_like(f.actor)] * 3
    if f.since:
        where.append("e.date_end >= ?")
        params.append(parse_span(f.since).start.isoformat())
    if f.until:
        where.append("e.date_start <= ?")
        params.append(parse_span(f.until).end.isoformat())
    for column, value in (("e.country", f.country), ("e.admin1", f.admin1)):
        if value:
            where.append(f"lower({column}) = ?")
            params.append(value.lower())
    if f.fatalities_min is not None:
        where.append("e.fatalities >= ?")
        params.append(f.fatalities_min)
    if f.fatalities_max is not None:
        where.append("e.fatalities <= ?")
        params.append(f.fatalities_max)
    if f.deal:  # the stored deal is JSON text written by json.dumps: '"kind": "evacuation"'
        where.append("e.agreement LIKE ? ESCAPE '\\'")
        params.append(_like(json.dumps({"kind": f.deal})[1:-1]))
    if f.certainty:
        where.append(
            "EXISTS (SELECT 1 " + MEMBER_JOIN.format(table="mentions")
            + f" WHERE em.event_id = e.event_id AND x.in_comments = 0"
            f" AND x.certainty IN ({_marks(f.certainty)}))"
        )  # fmt: skip
        params += list(f.certainty)
    if f.contested:
        where.append("e.contested <> '[]'")
    return (" WHERE " + " AND ".join(where) if where else ""), params


def _event_row(row: dict[str, Any]) -> dict[str, Any]:
    for name in _JSON_FIELDS:
        row[name] = json.loads(row[name]) if row[name] else ([] if name != "agreement" else None)
    return row


def count_events(db: Database, f: EventFilter) -> int:
    """How many events the filter selects."""
    where, params = filter_sql(f)
    return int(db.scalar("SELECT count(*) FROM events e" + where, params))


def list_events(
    db: Database, f: EventFilter, *, limit: int, offset: int = 0, sort: str | None = None
) -> list[dict]:
    """Events the filter selects, by date (undated last) then id, or as ``sort`` says (see
    ``SORT_COLUMNS``)."""
    where, params = filter_sql(f)
    sql = f"SELECT {EVENT_FIELDS} FROM events e{where}{order_sql(sort)} LIMIT ? OFFSET ?"
    return [_event_row(row) for row in db.query_dicts(sql, [*params, limit, offset])]


def claimed_destinations(db: Database, event_ids: list[str]) -> dict[str, list[dict]]:
    """Every destination each deal's sources claim: ``{event_id: [{value, support, reader_only,
    sources}]}``."""
    found: dict[str, list[dict]] = {}
    for start in range(0, len(event_ids), 500):
        chunk = event_ids[start : start + 500]
        rows = db.query_dicts(
            "SELECT event_id, value, support, reader_only, sources FROM event_claims"
            f" WHERE slot = 'destination' AND event_id IN ({_marks(chunk)})"
            " ORDER BY event_id, position",
            chunk,
        )
        for row in rows:
            row["sources"] = json.loads(row["sources"])
            row["reader_only"] = bool(row["reader_only"])
            found.setdefault(row.pop("event_id"), []).append(row)
    return found


def events_near(
    db: Database, event_type: str, lat: float, lon: float, degrees: float, limit: int = 20
) -> list[str]:
    """Ids of events of ``event_type`` placed within ``degrees`` of a point, nearest first."""
    rows = db.query(
        "SELECT event_id FROM events WHERE event_type = ? AND latitude BETWEEN ? AND ?"
        " AND longitude BETWEEN ? AND ?"
        " ORDER BY abs(latitude - ?) + abs(longitude - ?), event_id LIMIT ?",
        (event_type, lat - degrees, lat + degrees, lon - degrees, lon + degrees, lat, lon, limit),
    )
    return [row[0] for row in rows]


def place_by_name(db: Database, name: str) -> dict | None:
    """A stored place with this name (any case), the most precise first."""
    rows = db.query_dicts(
        "SELECT name, latitude, longitude, admin1, country, geo_precision FROM places"
        " WHERE lower(name) = lower(?) AND latitude IS NOT NULL"
        " ORDER BY geo_precision, place_key LIMIT 1",
        (name,),
    )
    return rows[0] if rows else None


def facets(db: Database) -> dict[str, Any]:
    """What the filters can choose from: types present, actors, and the date range."""
    types = db.query(
        # counted as the filters show events by default: reader-only events apart
        "SELECT event_type, sub_event_type, sum(CASE WHEN source_count > 0 THEN 1 ELSE 0 END)"
        " FROM events GROUP BY event_type, sub_event_type ORDER BY event_type, sub_event_type"
    )
    span = db.query("SELECT min(date_start), max(date_end) FROM events")[0]
    places = db.query(
        "SELECT DISTINCT country, admin1 FROM events WHERE country IS NOT NULL"
        " ORDER BY country, admin1"
    )
    deals = db.query("SELECT agreement FROM events WHERE agreement IS NOT NULL")
    return {
        "types": [{"event_type": t, "sub_event_type": s, "events": n} for t, s, n in types],
        "actors": actor_counts(db, limit=200),
        "dates": {"min": span[0], "max": span[1]},
        "countries": sorted({country for country, _ in places}),
        "admin1": [{"country": c, "name": a} for c, a in places if a],
        "deal_kinds": sorted({json.loads(text)["kind"] for (text,) in deals}),
    }


def actor_counts(db: Database, *, limit: int) -> list[dict[str, Any]]:
    """Actors with how many events (and article-sourced events) involve them, most first."""
    rows = db.query(
        "SELECT x.actor, count(DISTINCT em.event_id),"
        " count(DISTINCT CASE WHEN e.source_count > 0 THEN em.event_id END) "
        + MEMBER_JOIN.format(table="mention_actors")
        + " JOIN events e ON e.event_id = em.event_id"
        " GROUP BY x.actor ORDER BY count(DISTINCT em.event_id) DESC, x.actor LIMIT ?",
        (limit,),
    )
    return [{"name": name, "events": n, "sourced_events": s} for name, n, s in rows]


def list_pages(db: Database, *, limit: int, offset: int = 0) -> list[dict[str, Any]]:
    """Stored pages with their counts of mentions and comments, by name."""
    return db.query_dicts(
        "SELECT d.id AS doc_id, d.name, d.title, d.outlet, d.published, d.url,"
        " (SELECT count(*) FROM mentions m WHERE m.doc_id = d.id) AS mentions,"
        " (SELECT count(*) FROM comments c WHERE c.doc_id = d.id) AS comments"
        " FROM documents d ORDER BY d.name, d.id LIMIT ? OFFSET ?",
        (limit, offset),
    )


def count_pages(db: Database) -> int:
    """How many pages are stored."""
    return int(db.scalar("SELECT count(*) FROM documents"))


def page(db: Database, doc_id: str) -> dict[str, Any] | None:
    """One stored page with its text, or None."""
    rows = db.query_dicts(
        "SELECT id AS doc_id, name, format, url, outlet, title, published, text"
        " FROM documents WHERE id = ?",
        (doc_id,),
    )
    return rows[0] if rows else None


def page_parts(db: Database, doc_id: str) -> dict[str, list[dict[str, Any]]]:
    """A page's lines with their roles, its reader comments, and its mentions with the event
    each belongs to."""
    return {
        "blocks": db.query_dicts(
            "SELECT ordinal, role, char_start, char_end FROM blocks WHERE doc_id = ?"
            " ORDER BY ordinal",
            (doc_id,),
        ),
        "comments": db.query_dicts(
            "SELECT ordinal, author, depth, char_start, char_end FROM comments"
            " WHERE doc_id = ? ORDER BY ordinal",
            (doc_id,),
        ),
        "mentions": db.query_dicts(
            "SELECT m.ordinal, m.mention_id, m.event_type, m.sub_event_type, m.location_name,"
            " m.event_date, m.source, m.source_type, m.certainty, m.in_comments, m.evidence,"
            " m.char_start, m.char_end, em.event_id FROM mentions m"
            " LEFT JOIN event_mentions em ON em.doc_id = m.doc_id AND em.ordinal = m.ordinal"
            " WHERE m.doc_id = ? ORDER BY m.ordinal",
            (doc_id,),
        ),
    }


def _like(word: str) -> str:
    """A LIKE pattern (escape ``\\``) matching lower-cased text that contains ``word``."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.lower()}%"


def query_words(query: str) -> list[str]:
    """The words of a search (at most ten)."""
    return _WORD.findall(query)[:10]


def search_events(
    db: Database, query: str, *, limit: int, place: tuple[int, list[str]] | None = None
) -> list[dict[str, Any]]:
    """Events whose type, place, actors, sources, pages or notes hold every word of ``query``
    (case-insensitive substrings), by date; with ``place`` (a GeoNames id the query names
    and the words left over), also the events at that place that hold the other words."""
    words = query_words(query)
    if not words:
        return []
    haystack = (
        "lower(e.event_type || ' ' || e.sub_event_type || ' ' || coalesce(e.location_name, '')"
        " || ' ' || coalesce(e.admin1, '') || ' ' || coalesce(e.actor1, '') || ' '"
        " || coalesce(e.actor2, '') || ' ' || e.assoc_actors || ' ' || e.pages || ' '"
        " || e.notes || ' ' || coalesce(e.agreement, '') || ' ' || coalesce((SELECT"
        " string_agg(s.name, ' ') FROM event_sources s WHERE s.event_id = e.event_id), ''))"
    )
    if db.dialect == "sqlite":
        haystack = haystack.replace("string_agg(s.name, ' ')", "group_concat(s.name, ' ')")
    where = " AND ".join(f"{haystack} LIKE ? ESCAPE '\\'" for _ in words)
    params: list[Any] = [*map(_like, words)]
    if place is not None:
        geonameid, rest = place
        at_place = " AND ".join(
            ["e.geonameid = ?", *(f"{haystack} LIKE ? ESCAPE '\\'" for _ in rest)]
        )
        where = f"({where}) OR ({at_place})"
        params += [geonameid, *map(_like, rest)]
    sql = f"SELECT {EVENT_FIELDS} FROM events e WHERE {where}{ORDER} LIMIT ?"
    return [_event_row(row) for row in db.query_dicts(sql, [*params, limit])]
