"""Mentions to table rows and back, with the places, actors and claims they name."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from wardesk.contract import mention_record
from wardesk.fuse.claims import claims_of
from wardesk.model import Agreement, Evidence, Location, Mention

MENTION_COLUMNS = (
    "doc_id", "ordinal", "mention_id", "doc", "event_type", "sub_event_type", "actor1",
    "actor2", "assoc_actors", "location_name", "geonameid", "latitude", "longitude", "admin1",
    "country", "geo_precision", "event_date", "time_precision", "fatalities", "agreement",
    "source", "source_type", "certainty", "in_comments", "evidence", "char_start", "char_end",
    "place_key", "source_stance",
)  # fmt: skip
PLACE_COLUMNS = (
    "place_key", "name", "geonameid", "latitude", "longitude", "admin1", "country",
    "geo_precision",
)  # fmt: skip
CLAIM_COLUMNS = (
    "doc_id", "ordinal", "slot", "value", "value_key", "source", "source_type", "certainty",
    "in_comments",
)  # fmt: skip


def insert_sql(table: str, columns: tuple[str, ...], *, ignore_existing: bool = False) -> str:
    """An INSERT statement for ``columns`` with ``?`` placeholders (both dialects)."""
    marks = ", ".join("?" * len(columns))
    tail = " ON CONFLICT DO NOTHING" if ignore_existing else ""
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}){tail}"


def search_id(doc_id: str) -> int:
    """The page's stable integer key in the full-text index (56 bits of a hash of its id)."""
    return int.from_bytes(hashlib.blake2b(doc_id.encode("utf-8"), digest_size=7).digest(), "big")


def place_key(location: Location) -> str:
    """The key of a place in the ``places`` table: its GeoNames id, else name and position."""
    if location.geonameid is not None:
        return f"gn:{location.geonameid}"
    if location.lat is not None and location.lon is not None:
        return f"{location.name}@{location.lat:.3f},{location.lon:.3f}"
    return location.name


def place_row(location: Location) -> tuple:
    """One row of ``places``."""
    return (
        place_key(location), location.name, location.geonameid, location.lat, location.lon,
        location.admin1, location.country, location.precision,
    )  # fmt: skip


def mention_row(doc_id: str, ordinal: int, mention: Mention) -> tuple:
    """One row of ``mentions``, in :data:`MENTION_COLUMNS` order."""
    record = mention_record(mention)
    place = record["location"] or {}
    agreement = record["agreement"]
    return (
        doc_id, ordinal, record["mention_id"], record["doc"], record["event_type"],
        record["sub_event_type"], record["actor1"], record["actor2"],
        json.dumps(record["assoc_actors"]), place.get("name"), place.get("geonameid"),
        place.get("lat"), place.get("lon"), place.get("admin1"), place.get("country"),
        place.get("precision"), record["date"], record["time_precision"], record["fatalities"],
        json.dumps(agreement) if agreement else None, record["source"], record["source_type"],
        record["certainty"], int(record["in_comments"]), record["evidence"],
        record["char_start"], record["char_end"],
        place_key(mention.location) if mention.location else None, record["source_stance"],
    )  # fmt: skip


def actor_rows(doc_id: str, ordinal: int, mention: Mention) -> list[tuple[str, int, str, str]]:
    """Rows of ``mention_actors``: every actor the mention names, with its role."""
    roles: list[tuple[str, str | None]] = [("actor1", mention.actor1), ("actor2", mention.actor2)]
    roles += [("assoc", a) for a in mention.assoc_actors]
    deal = mention.agreement
    if deal is not None:
        roles += [("withdrawing", deal.withdrawing_party), ("allowing", deal.allowing_party)]
        roles += [("broker", b) for b in deal.brokers]
    unique = {(role, actor) for role, actor in roles if actor}
    return [(doc_id, ordinal, role, actor) for role, actor in sorted(unique)]


def claim_rows(doc_id: str, ordinal: int, mention: Mention, voice: str) -> list[tuple]:
    """Rows of ``claims``: each slot value the mention states, with its source."""
    return [
        (doc_id, ordinal, c.slot, c.value, c.key, c.source, c.source_type, c.certainty,
         int(c.in_comments))
        for c in claims_of(mention, voice)
    ]  # fmt: skip


def mention_from_row(row: dict[str, Any]) -> Mention:
    """Rebuild the mention a ``mentions`` row holds."""
    deal = json.loads(row["agreement"]) if row["agreement"] else None
    location = None
    if row["location_name"] is not None:
        location = Location(
            row["location_name"], row["latitude"], row["longitude"], row["geonameid"],
            row["admin1"], row["country"], row["geo_precision"],
        )  # fmt: skip
    return Mention(
        doc=row["doc"], mention_id=row["mention_id"], event_type=row["event_type"],
        sub_event_type=row["sub_event_type"], actor1=row["actor1"], actor2=row["actor2"],
        assoc_actors=tuple(json.loads(row["assoc_actors"] or "[]")), location=location,
        date=row["event_date"], time_precision=row["time_precision"],
        fatalities=row["fatalities"], agreement=agreement_from_json(deal),
        source=row["source"], source_type=row["source_type"],
        source_stance=row.get("source_stance"), certainty=row["certainty"],
        in_comments=bool(row["in_comments"]),
        evidence=Evidence(row["evidence"], row["char_start"], row["char_end"]),
    )  # fmt: skip


def agreement_from_json(deal: dict | None) -> Agreement | None:
    """An ``Agreement`` from its JSON object (lists back to tuples)."""
    if deal is None:
        return None
    return Agreement(**{**deal, "brokers": tuple(deal["brokers"]), "terms": tuple(deal["terms"])})
