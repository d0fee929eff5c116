"""A one-paragraph summary of a fused event and its claims (ACLED's ``notes`` column)."""

from __future__ import annotations

from wardesk.fuse.types import FusedEvent, PageInfo, SlotValue

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


def _page(page: PageInfo) -> str:
    said = page.outlet or page.name
    when = f", {page.published[:10]}" if page.published else ""
    where = f", {page.url}" if page.url else ""
    return f"{said} ({page.name}{when}{where})" if page.outlet else f"{said}{when}{where}"


def _pages(event: FusedEvent) -> str:
    """Every page an article source is read on: outlet, page, publication day, URL."""
    pages = sorted(
        {page.name: page for source in event.sources for page in source.pages}.values(),
        key=lambda page: (page.published or "9999", page.name),
    )
    return "; ".join(_page(page) for page in pages)


def event_notes(event: FusedEvent) -> str:
    """Summarise the event: what, where, when, who, each slot's claims, what is contested,
    how many independent sources, and the pages they are read on."""
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
    pages = _pages(event)
    if pages:
        parts.append(f"Pages: {pages}.")
    return " ".join(parts)
