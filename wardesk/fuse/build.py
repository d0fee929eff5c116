"""One fused event from the mentions grouped for it: its fields, sources, slots and contradictions.

Every choice is deterministic: members are visited in a fixed order and ties are
broken by that order, never by the order pages were stored in.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from wardesk.fuse.claims import values_conflict
from wardesk.fuse.dates import mention_span, parse_span
from wardesk.fuse.match import DEAL_TYPES
from wardesk.fuse.notes import event_notes
from wardesk.fuse.sources import Carrier, independent_sources, is_named
from wardesk.fuse.types import (
    SLOTS,
    Claim,
    FusedEvent,
    SlotValue,
    Source,
    SourceRef,
    StoredMention,
)
from wardesk.model import Agreement, Location

_STATUS_RANK = {"proposed": 1, "agreed": 2, "implemented": 3}


@dataclass(frozen=True, slots=True)
class Member:
    """A mention inside an event, with its claims and the story and voices it carries
    (None for reader comments)."""

    stored: StoredMention
    claims: tuple[Claim, ...]
    carrier: Carrier | None

    @property
    def mention(self):
        """The mention itself."""
        return self.stored.mention


def event_id(members: list[Member]) -> str:
    """A stable id: a hash of the event's first article mention (content hash and ordinal)."""
    press = [m for m in members if not m.mention.in_comments] or members
    return _stable_id("ev", min(m.stored.key for m in press))


def _stable_id(prefix: str, key: tuple[str, int]) -> str:
    doc_id, ordinal = key
    digest = hashlib.blake2b(f"{doc_id}:{ordinal}".encode(), digest_size=5).hexdigest()
    return f"{prefix}-{digest}"


def _ordered(members: Iterable[Member]) -> list[Member]:
    return sorted(members, key=lambda m: (m.mention.in_comments, m.stored.key))


def _press(members: list[Member]) -> list[Member]:
    """The article mentions, or every mention when only readers speak of the event."""
    return [m for m in members if not m.mention.in_comments] or members


def _majority(values: Iterable[str | None]) -> str | None:
    """The most frequent value; ties go to the one seen first."""
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    best = max(counts.values())
    return next(v for v in counts if counts[v] == best)


def _location(members: list[Member]) -> Location | None:
    places = [m.mention.location for m in _press(members) if m.mention.location]
    if not places:
        return None
    names = Counter(p.name for p in places)
    return min(places, key=lambda p: (p.precision, -names[p.name], p.lat is None))


def _dates(members: list[Member]) -> tuple[str | None, str | None, str | None, int | None]:
    """Best date, span start, span end, precision."""
    press = _press(members)
    spans = [(parse_span(m.mention.date), m) for m in press]
    dated = [(s, m) for s, m in spans if s.calendar]
    if dated:
        span, best = min(dated, key=lambda x: ((x[1].mention.time_precision or 3), x[0].start))
        start = min(s.start for s, _ in dated).isoformat()
        end = max(s.end for s, _ in dated).isoformat()
        return best.mention.date, start, end, best.mention.time_precision
    loose = [m for s, m in spans if s.known] or [m for m in press if m.mention.date]
    windows = [mention_span(None, m.stored.page.published) for m in press]
    windows = [w for w in windows if w.calendar]
    start = min(w.start for w in windows).isoformat() if windows else None
    end = max(w.end for w in windows).isoformat() if windows else None
    if loose:
        return loose[0].mention.date, start, end, loose[0].mention.time_precision
    return None, start, end, None


def _actors(members: list[Member]) -> tuple[str | None, str | None, tuple[str, ...]]:
    press = _press(members)
    actor1 = _majority(m.mention.actor1 for m in press)
    actor2 = _majority(
        side
        for m in press
        for side in (m.mention.actor2, m.mention.actor1)
        if side and side != actor1
    )
    named = {actor1, actor2, None}
    others = {a for m in press for a in m.mention.assoc_actors if a not in named}
    return actor1, actor2, tuple(sorted(others))


def _sub_event_type(members: list[Member]) -> tuple[str, str]:
    press = _press(members)
    sub = _majority(m.mention.sub_event_type for m in press)
    event_type = next(m.mention.event_type for m in press if m.mention.sub_event_type == sub)
    return event_type, sub


def _sources(members: list[Member], source_of: Mapping[tuple[str, int], int]) -> tuple[Source, ...]:
    grouped: dict[int, list[Member]] = defaultdict(list)
    for member in members:
        number = source_of.get(member.stored.key)
        if number is not None:
            grouped[number].append(member)
    sources = [_source(group) for group in grouped.values()]
    return tuple(sorted(sources, key=lambda s: (-len(s.mention_ids), s.name)))


def _voice(member: Member) -> str:
    """Who speaks in a mention: its named source, else its page in its own voice."""
    mention = member.mention
    if is_named(mention.source, mention.source_type):
        return mention.source
    return member.stored.page.voice


def _source(group: list[Member]) -> Source:
    named = [m.mention for m in group if is_named(m.mention.source, m.mention.source_type)]
    voices = list(dict.fromkeys(_voice(m) for m in group))
    pages = {m.stored.page.name: m.stored.page for m in group}
    if named:
        name = _majority(m.source for m in named)
        kind = next(m.source_type for m in named if m.source == name)
    else:
        name, kind = group[0].stored.page.voice, "outlet"
    return Source(
        name=name, source_type=kind, docs=tuple(sorted(pages)),
        mention_ids=tuple(m.mention.mention_id for m in group), voices=tuple(voices),
        pages=tuple(pages[doc] for doc in sorted(pages)),
    )  # fmt: skip


def _slots(
    members: list[Member], source_of: Mapping[tuple[str, int], int]
) -> dict[str, tuple[SlotValue, ...]]:
    found: dict[str, dict[str, list[tuple[Claim, Member]]]] = defaultdict(lambda: defaultdict(list))
    for member in _ordered(members):
        for claim in member.claims:
            found[claim.slot][claim.key].append((claim, member))
    slots = {}
    for slot in SLOTS:
        if slot in found:
            values = [_slot_value(key, pairs, source_of) for key, pairs in found[slot].items()]
            slots[slot] = tuple(sorted(values, key=lambda v: (-v.support, v.reader_only, v.key)))
    return slots


def _slot_value(
    key: str, pairs: list[tuple[Claim, Member]], source_of: Mapping[tuple[str, int], int]
) -> SlotValue:
    refs = tuple(
        SourceRef(
            source=claim.source, source_type=claim.source_type, certainty=claim.certainty,
            in_comments=claim.in_comments, doc=member.stored.page.name,
            mention_id=member.mention.mention_id, date=member.mention.date,
        )
        for claim, member in pairs
    )  # fmt: skip
    support = len({source_of[m.stored.key] for _, m in pairs if m.stored.key in source_of})
    return SlotValue(_majority(c.value for c, _ in pairs) or key, key, support, refs)


def contradictions(slots: Mapping[str, tuple[SlotValue, ...]]) -> tuple[list[str], list[str]]:
    """Slots whose values clash: between article sources (contested), or where only
    readers say otherwise (reader disputes)."""
    contested, disputed = [], []
    for slot, values in slots.items():
        clashes = [
            (a, b)
            for i, a in enumerate(values)
            for b in values[i + 1 :]
            if values_conflict(slot, a.key, b.key)
        ]
        if any(not a.reader_only and not b.reader_only for a, b in clashes):
            contested.append(slot)
        elif clashes:
            disputed.append(slot)
    return contested, disputed


def _top(slots: Mapping[str, tuple[SlotValue, ...]], slot: str) -> SlotValue | None:
    values = [v for v in slots.get(slot, ()) if not v.reader_only]
    return values[0] if values else None


def _agreement(
    members: list[Member], slots: Mapping[str, tuple[SlotValue, ...]], place: str | None
) -> Agreement | None:
    deals = [m.mention.agreement for m in _press(members) if m.mention.agreement]
    if not deals:
        return None
    kinds = [d.kind for d in deals if d.kind != "other"]
    destination, foreign = _top(slots, "destination"), _top(slots, "foreign_fighters")
    fighters, civilians = _top(slots, "fighters"), _top(slots, "civilians")
    return Agreement(
        kind=_majority(kinds) or "other",
        withdrawing_party=_majority(d.withdrawing_party for d in deals),
        allowing_party=_majority(d.allowing_party for d in deals),
        brokers=tuple(sorted({b for d in deals for b in d.brokers})),
        origin=place or _majority(d.origin for d in deals),
        destination=destination.value if destination else None,
        fighters=int(fighters.key) if fighters else None,
        civilians=int(civilians.key) if civilians else None,
        terms=_terms(deals),
        status=_status(slots),
        foreign_fighters=(foreign.key == "included") if foreign else None,
    )


def _terms(deals: list[Agreement]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for deal in deals:
        for term in deal.terms:
            seen.setdefault(term.strip().lower(), term.strip())
    return tuple(seen.values())


def _status(slots: Mapping[str, tuple[SlotValue, ...]]) -> str | None:
    """The furthest stage any article source reports; "denied" only when nothing else is said."""
    said = [v.key for v in slots.get("status", ()) if not v.reader_only]
    ranked = [s for s in said if s in _STATUS_RANK]
    if ranked:
        return max(ranked, key=_STATUS_RANK.__getitem__)
    return said[0] if said else None


def _fatalities(slots: Mapping[str, tuple[SlotValue, ...]]) -> int | None:
    """ACLED's conservative rule: the lowest count an article source gives."""
    counts = [int(v.key) for v in slots.get("fatalities", ()) if not v.reader_only]
    return min(counts) if counts else None


def build_event(members: list[Member], thread: tuple[str, int] | None = None) -> FusedEvent:
    """Fuse the members of one event into its record. A deal's events that share a
    ``thread`` (the stable key of the thread's first mention: see
    :func:`wardesk.fuse.match.cluster`) are steps of one deal and share its ``deal_id``."""
    members = _ordered(members)
    numbers = independent_sources([m.carrier for m in members])
    source_of = {m.stored.key: n for m, n in zip(members, numbers, strict=True) if n is not None}
    event_type, sub = _sub_event_type(members)
    location = _location(members)
    date, start, end, precision = _dates(members)
    actor1, actor2, assoc = _actors(members)
    slots = _slots(members, source_of)
    contested, disputed = contradictions(slots)
    has_deal = sub in DEAL_TYPES or any(m.mention.agreement for m in members)
    event = FusedEvent(
        event_id=event_id(members), event_type=event_type, sub_event_type=sub,
        location=location, date=date, date_start=start, date_end=end, time_precision=precision,
        actor1=actor1, actor2=actor2, assoc_actors=assoc, fatalities=_fatalities(slots),
        agreement=_agreement(members, slots, location.name if location else None)
        if has_deal else None,
        sources=_sources(members, source_of),
        reader_comments=sum(1 for m in members if m.mention.in_comments),
        mention_ids=tuple(m.mention.mention_id for m in members),
        members=tuple(m.stored.key for m in members),
        pages=tuple(sorted({m.stored.page.name for m in members})),
        slots=slots, contested=tuple(contested), reader_disputes=tuple(disputed), notes="",
        deal_id=_stable_id("deal", thread) if has_deal and thread is not None else None,
    )  # fmt: skip
    return replace(event, notes=event_notes(event))
