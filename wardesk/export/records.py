"""Fused events as plain JSON objects: the ``events`` export, ``show --format json``, and the
building blocks of the other formats. :class:`EventRecord` is the published shape
(``wardesk schema event``)."""

from __future__ import annotations

from typing import cast

from typing_extensions import TypedDict

from wardesk.contract import AgreementRecord, LocationRecord, agreement_record, location_record
from wardesk.fuse.types import FusedEvent, SlotValue, Source, SourceRef


class ActorsRecord(TypedDict):
    """The event's actors by their canonical names."""

    actor1: str | None
    actor2: str | None
    assoc_actors: list[str]


class SourcePageRecord(TypedDict):
    """A page that carries a source: its name, outlet, URL and publication date."""

    doc: str
    outlet: str | None
    url: str | None
    published: str | None


class SourceDetailRecord(TypedDict):
    """One independent source: its name, kind, the voices it carries (named speakers, outlets
    speaking for themselves), its pages and mentions."""

    name: str
    source_type: str | None
    voices: list[str]
    docs: list[str]
    pages: list[SourcePageRecord]
    mention_ids: list[str]


class SourcesRecord(TypedDict):
    """Who reports the event: independent sources (reader comments never count)."""

    count: int
    names: list[str]
    reader_comments: int
    details: list[SourceDetailRecord]


class SourceRefRecord(TypedDict):
    """One source's claim of a slot value."""

    source: str
    source_type: str | None
    certainty: str
    in_comments: bool
    doc: str
    mention_id: str
    date: str | None


class SlotRecord(TypedDict):
    """One value of a slot, how many independent sources support it, and who claims it."""

    value: str
    support: int
    reader_only: bool
    sources: list[SourceRefRecord]


class EventRecord(TypedDict):
    """One real-world event fused from every mention that reports it, with each slot's
    claims and the slots whose sources disagree (``contested``). ``date`` is the fused date
    as the sources give it (possibly partial); ``date_start``/``date_end`` are the ISO days
    that bound it. ``deal_id`` is shared by the steps of one deal (its agreement, its
    implementation), which are separate events; null for events that are no deal."""

    event_id: str
    event_type: str
    sub_event_type: str
    location: LocationRecord | None
    date: str | None
    date_start: str | None
    date_end: str | None
    time_precision: int | None
    actors: ActorsRecord
    fatalities: int | None
    mention_ids: list[str]
    pages: list[str]
    sources: SourcesRecord
    slots: dict[str, list[SlotRecord]]
    contested: list[str]
    reader_disputes: list[str]
    agreement: AgreementRecord | None
    deal_id: str | None
    notes: str


def source_ref_record(ref: SourceRef) -> SourceRefRecord:
    """One claim's source as its JSON object."""
    return cast(SourceRefRecord, ref.to_json())


def slot_record(value: SlotValue) -> SlotRecord:
    """One value of a slot with who claims it."""
    return {
        "value": value.value,
        "support": value.support,
        "reader_only": value.reader_only,
        "sources": [source_ref_record(ref) for ref in value.sources],
    }


def source_detail(source: Source) -> SourceDetailRecord:
    """One independent source as its JSON object."""
    return {
        "name": source.name,
        "source_type": source.source_type,
        "voices": list(source.voices),
        "docs": list(source.docs),
        "pages": [
            {"doc": p.name, "outlet": p.outlet, "url": p.url, "published": p.published}
            for p in source.pages
        ],
        "mention_ids": list(source.mention_ids),
    }


def slots_record(event: FusedEvent) -> dict[str, list[SlotRecord]]:
    """Every slot of the event with its values."""
    return {slot: [slot_record(value) for value in values] for slot, values in event.slots.items()}


def event_record(event: FusedEvent) -> EventRecord:
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
            "details": [source_detail(source) for source in event.sources],
        },
        "slots": slots_record(event),
        "contested": list(event.contested),
        "reader_disputes": list(event.reader_disputes),
        "agreement": agreement_record(event.agreement),
        "deal_id": event.deal_id,
        "notes": event.notes,
    }
