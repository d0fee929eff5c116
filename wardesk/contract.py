"""The output contract of DESIGN.md: one JSON object per event mention.

Field names are fixed here, once; ``extract --format jsonl``, the exports and
the evaluator all go through :func:`mention_record`.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from wardesk.model import Location, Mention


def location_record(location: Location | None) -> dict[str, Any] | None:
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


def mention_record(mention: Mention) -> dict[str, Any]:
    """A mention as the contract's JSON object (field order as in DESIGN.md)."""
    agreement = asdict(mention.agreement) if mention.agreement else None
    if agreement is not None:
        agreement["brokers"] = list(agreement["brokers"])
        agreement["terms"] = list(agreement["terms"])
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
        "agreement": agreement,
        "source": mention.source,
        "source_type": mention.source_type,
        "source_stance": mention.source_stance,
        "certainty": mention.certainty,
        "in_comments": mention.in_comments,
        "evidence": mention.evidence.text,
        "char_start": mention.evidence.start,
        "char_end": mention.evidence.end,
    }
