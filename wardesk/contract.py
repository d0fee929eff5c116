"""The output contract of DESIGN.md: one JSON object per event mention.

Field names and types are fixed here, once, as typed dicts; ``extract --format jsonl``, the
exports and the evaluator all go through :func:`mention_record`, and the published JSON Schema
(``wardesk schema mention``) is generated from :class:`MentionRecord`.
"""

from __future__ import annotations

from typing_extensions import TypedDict

from wardesk.model import Agreement, Location, Mention

#: The version of the record shapes below (and of the event record built on them); raise it
#: when a field is renamed, removed or changes type. Exports write it into their metadata.
SCHEMA_VERSION = 1


class LocationRecord(TypedDict):
    """Where the event happened: a gazetteer place and its ACLED geo-precision (1 town,
    2 near a town or a district, 3 a province or country)."""

    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    admin1: str | None
    country: str | None
    precision: int


class AgreementRecord(TypedDict):
    """The terms of a negotiated deal (evacuation, surrender, truce)."""

    kind: str
    withdrawing_party: str | None
    allowing_party: str | None
    brokers: list[str]
    origin: str | None
    destination: str | None
    fighters: int | None
    civilians: int | None
    terms: list[str]
    status: str | None
    foreign_fighters: bool | None


class MentionRecord(TypedDict):
    """One event mention: what happened, who, where, when, how many died, who says so and
    how sure, with the evidence sentence and its character offsets in the page."""

    doc: str
    mention_id: str
    event_type: str
    sub_event_type: str
    actor1: str | None
    actor2: str | None
    assoc_actors: list[str]
    location: LocationRecord | None
    date: str | None
    time_precision: int | None
    fatalities: int | None
    agreement: AgreementRecord | None
    source: str | None
    source_type: str | None
    source_stance: str | None
    certainty: str
    in_comments: bool
    evidence: str
    char_start: int
    char_end: int


def location_record(location: Location | None) -> LocationRecord | None:
    """The ``location`` object, or None when the mention has no place."""
    if location is None:
        return None
    return {
        "name": location.name,
        "geonameid": location.geonameid,
        "lat": location.lat,
        "lon": location.lon,
        "admin1": location.admin1,
        "country": location.country,
        "precision": location.precision,
    }


def agreement_record(deal: Agreement | None) -> AgreementRecord | None:
    """A deal as its JSON object (lists, not tuples), or None."""
    if deal is None:
        return None
    return {
        "kind": deal.kind,
        "withdrawing_party": deal.withdrawing_party,
        "allowing_party": deal.allowing_party,
        "brokers": list(deal.brokers),
        "origin": deal.origin,
        "destination": deal.destination,
        "fighters": deal.fighters,
        "civilians": deal.civilians,
        "terms": list(deal.terms),
        "status": deal.status,
        "foreign_fighters": deal.foreign_fighters,
    }


def mention_record(mention: Mention) -> MentionRecord:
    """A mention as the contract's JSON object (field order as in DESIGN.md)."""
    return {
        "doc": mention.doc,
        "mention_id": mention.mention_id,
        "event_type": mention.event_type,
        "sub_event_type": mention.sub_event_type,
        "actor1": mention.actor1,
        "actor2": mention.actor2,
        "assoc_actors": list(mention.assoc_actors),
        "location": location_record(mention.location),
        "date": mention.date,
        "time_precision": mention.time_precision,
        "fatalities": mention.fatalities,
        "agreement": agreement_record(mention.agreement),
        "source": mention.source,
        "source_type": mention.source_type,
        "source_stance": mention.source_stance,
        "certainty": mention.certainty,
        "in_comments": mention.in_comments,
        "evidence": mention.evidence.text,
        "char_start": mention.evidence.start,
        "char_end": mention.evidence.end,
    }
