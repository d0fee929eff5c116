"""Fused events as plain JSON objects: the ``events`` export, ``show --format json``, and the
building blocks of the other formats."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from wardesk.contract import location_record
from wardesk.fuse.types import FusedEvent, SlotValue


def agreement_record(event: FusedEvent) -> dict[str, Any] | None:
    """The fused deal as a JSON object (lists, not tuples), or None."""
    if event.agreement is None:
        return None
    deal = asdict(event.agreement)
    deal["brokers"], deal["terms"] = list(deal["brokers"]), list(deal["terms"])
    return deal


def slot_record(value: SlotValue) -> dict[str, Any]:
    """One value of a slot with who claims it."""
    return {
        "value": value.value,
        "support": value.support,
        "reader_only": value.reader_only,
        "sources": [ref.to_json() for ref in value.sources],
    }


def event_record(event: FusedEvent) -> dict[str, Any]:
    """One fused event as the ``events`` export writes it."""
    return {
        "event_id": event.event_id,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "location": location_record(event.location),
        "date": event.date,
        "date_start": event.date_start,
        "date_end": event.date_end,
        "time_precision": event.time_precision,
        "actors": {
            "actor1": event.actor1,
            "actor2": event.actor2,
            "assoc_actors": list(event.assoc_actors),
        },
        "fatalities": event.fatalities,
        "mention_ids": list(event.mention_ids),
        "pages": list(event.pages),
        "sources": {
            "count": event.source_count,
            "names": [source.name for source in event.sources],
            "reader_comments": event.reader_comments,
            "details": [
                {
                    "name": source.name,
                    "source_type": source.source_type,
                    "docs": list(source.docs),
                    "mention_ids": list(source.mention_ids),
                }
                for source in event.sources
            ],
        },
        "slots": {
            slot: [slot_record(value) for value in values] for slot, values in event.slots.items()
        },
        "contested": list(event.contested),
        "reader_disputes": list(event.reader_disputes),
        "agreement": agreement_record(event),
        "notes": event.notes,
    }
