"""A one-paragraph summary of a fused event and its claims (ACLED's ``notes`` column)."""

from __future__ import annotations

from wardesk.fuse.types import FusedEvent, SlotValue

_SLOT_LABELS = {
    "happened": "happened",
    "status": "status",
    "fighters": "fighters",
    "civilians": "civilians",
    "destination": "destination",
    "foreign_fighters": "foreign fighters",
    "fatalities": "fatalities",
}


def _who(value: SlotValue) -> str:
    names: list[str] = []
    for ref in value.sources:
        name = f"{ref.source} (reader)" if ref.in_comments else ref.source
        if name not in names:
            names.append(name)
    return ", ".join(names)


def _headline(event: FusedEvent) -> str:
    what = event.sub_event_type
    deal = event.agreement
    if deal is not None and deal.kind != "other":
        what += f" ({deal.kind})"
    where = f" at {event.location.name}" if event.location else ""
    sides = " vs ".join(a for a in (event.actor1, event.actor2) if a)
    when = f" on {event.date}" if event.date else ""
    return f"{what}{where}{when}" + (f": {sides}." if sides else ".")


def _claims(event: FusedEvent) -> list[str]:
    parts = []
    for slot, values in event.slots.items():
        if slot == "happened" and len(values) == 1:
            continue  # nobody doubts it: not worth a line
        said = "; ".join(f"{v.value} per {_who(v)}" for v in values)
        parts.append(f"{_SLOT_LABELS[slot]}: {said}")
    return parts


def event_notes(event: FusedEvent) -> str:
    """Summarise the event: what, where, when, who, each slot's claims, what is contested."""
    parts = [_headline(event)]
    claims = _claims(event)
    if claims:
        parts.append("Claims: " + " | ".join(claims) + ".")
    if event.contested:
        parts.append("Contested: " + ", ".join(_SLOT_LABELS[s] for s in event.contested) + ".")
    if event.reader_disputes:
        labels = ", ".join(_SLOT_LABELS[s] for s in event.reader_disputes)
        parts.append(f"Disputed only in reader comments: {labels}.")
    count = event.source_count
    parts.append(f"{count} independent source{'s' if count != 1 else ''}.")
    return " ".join(parts)
