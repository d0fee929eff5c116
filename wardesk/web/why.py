"""Why an event's reports are one event, told with fusion's own tests.

Each report of the event is checked against the event's lead report (the one fusion visits
first: article before comment, precise place before vague, dated before undated) with the
same tests that grouped them (:func:`wardesk.fuse.match.places_match` and its kin), each
stated with its numbers; reports that share a story with others (one source, several pages)
say so. The nearest reports of other events of the same kind, and the test each fails, show
what was kept apart.

The database keeps which reports were grouped, not the reasons: this re-runs the tests on
the stored reports, so it explains the grouping the tests allow; fusion also splits a group
until every member fits every other, which a pair against the lead report does not show.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wardesk.fuse.dates import gap_days
from wardesk.fuse.match import (
    Candidate,
    actors_match,
    candidate,
    dates_match,
    place_radius_km,
    places_match,
    tolerance_days,
)
from wardesk.fuse.types import FusedEvent, StoredMention
from wardesk.geo.gazetteer import distance_km
from wardesk.store import Store
from wardesk.web import queries as Q

#: how many reports of other events are shown as kept apart
NEAREST_APART = 3
#: how far (in degrees of latitude or longitude) other events are looked for
NEAR_DEGREES = 3.0


@dataclass(frozen=True, slots=True)
class Test:
    """One of fusion's tests on a pair of reports, with its outcome in words."""

    name: str
    passed: bool
    said: str

    def to_json(self) -> dict[str, Any]:
        """The test as the event page's JSON shows it."""
        return {"test": self.name, "passed": self.passed, "said": self.said}


def _km(a: Candidate, b: Candidate) -> float | None:
    x, y = a.mention.location, b.mention.location
    if x is None or y is None or None in (x.lat, x.lon, y.lat, y.lon):
        return None
    return distance_km(x.lat, x.lon, y.lat, y.lon)


def place_test(a: Candidate, b: Candidate) -> Test:
    """Same place, or near enough for the places' precision."""
    x, y = a.mention.location, b.mention.location
    passed = places_match(a, b)
    if x is None or y is None:
        return Test("place", passed, "one report names no place")
    if x.geonameid is not None and x.geonameid == y.geonameid:
        return Test("place", passed, f"the same place ({y.name})")
    km = _km(a, b)
    if km is None:
        return Test("place", passed, f"{x.name} and {y.name} by name")
    if km < 1:
        return Test("place", passed, f"the same point ({y.name})")
    radius = place_radius_km(a, b)
    word = "within" if passed else "beyond"
    return Test("place", passed, f"{y.name} is {km:.0f} km from {x.name}, {word} {radius:.0f} km")


def date_test(a: Candidate, b: Candidate) -> Test:
    """Dates that can meet within the kind of event's tolerance."""
    passed = dates_match(a, b)
    gap = gap_days(a.span, b.span)
    if gap is None:
        return Test("date", passed, "a date is unknown, so dates cannot rule it out")
    limit = tolerance_days(a.family)
    if gap == 0:
        return Test("date", passed, "the dates overlap")
    word = "within" if passed else "more than"
    return Test("date", passed, f"{gap} days apart, {word} the {limit} allowed")


def actor_test(a: Candidate, b: Candidate) -> Test:
    """Shared actors, or too few named to tell."""
    passed = actors_match(a, b)
    shared = sorted(a.actors & b.actors)
    if shared:
        return Test("actors", passed, "both name " + ", ".join(shared))
    if min(len(a.actors), len(b.actors)) < 2:
        return Test("actors", passed, "one report names fewer than two sides")
    return Test("actors", passed, "no actor in common")


def kind_test(a: Candidate, b: Candidate) -> Test:
    """The same family of event type."""
    same = a.family == b.family
    return Test("kind", same, f"both {a.family}" if same else f"{b.family}, not {a.family}")


def tests(a: Candidate, b: Candidate) -> list[Test]:
    """Fusion's four tests of ``b`` against ``a``."""
    return [kind_test(a, b), place_test(a, b), date_test(a, b), actor_test(a, b)]


def _lead(candidates: list[Candidate]) -> Candidate:
    return min(candidates, key=lambda c: c.order())


def _copies(event: FusedEvent) -> dict[str, str]:
    """Mention id -> the source whose story several pages carry."""
    return {
        mid: source.name
        for source in event.sources
        if len(source.docs) > 1
        for mid in source.mention_ids
    }


def _neighbours(store: Store, event: FusedEvent) -> list[FusedEvent]:
    place = event.location
    if place is None or place.lat is None or place.lon is None:
        return []
    ids = Q.events_near(store.db, event.event_type, place.lat, place.lon, NEAR_DEGREES)
    return store.events([i for i in ids if i != event.event_id])


def _stored(store: Store, events: list[FusedEvent]) -> dict[tuple[str, int], StoredMention]:
    docs = sorted({doc for e in events for doc, _ in e.members})
    return {s.key: s for s in store.stored_mentions(docs)}


def explain(store: Store, event: FusedEvent) -> dict[str, Any]:
    """For each report of ``event``, fusion's tests against the lead report; and the
    nearest reports of other events of the same kind with the test each fails."""
    neighbours = _neighbours(store, event)
    stored = _stored(store, [event, *neighbours])
    members = [candidate(stored[k]) for k in event.members if k in stored]
    if not members:
        return {"lead": None, "members": [], "apart": []}
    lead = _lead(members)
    copies = _copies(event)
    joined = [
        {
            "mention_id": c.mention.mention_id,
            "copied_story": copies.get(c.mention.mention_id),
            "tests": [t.to_json() for t in tests(lead, c)],
        }
        for c in members
        if c is not lead
    ]
    apart = []
    for other in neighbours:
        kept = [candidate(stored[k]) for k in other.members if k in stored]
        if not kept:
            continue
        nearest = min(kept, key=lambda c: (_km(lead, c) or 0.0, gap_days(lead.span, c.span) or 0))
        if nearest.family != lead.family:
            continue  # another kind of event altogether: nothing to explain
        against, found = lead, tests(lead, nearest)
        if all(t.passed for t in found):
            # it fits the lead report: some other report of this event is what it fails
            for member in members:
                found = tests(member, nearest)
                if not all(t.passed for t in found):
                    against = member
                    break
        failed = [t for t in found if not t.passed]
        apart.append({
            "against": against.mention.mention_id,
            "event_id": other.event_id,
            "sub_event_type": other.sub_event_type,
            "place": other.location.name if other.location else None,
            "km": _km(lead, nearest),
            "failed": [t.to_json() for t in failed],
            "tests": [t.to_json() for t in found],
        })  # fmt: skip
    apart.sort(key=lambda a: (a["km"] is None, a["km"] or 0.0))
    return {
        "lead": lead.mention.mention_id,
        "members": joined,
        "apart": apart[:NEAREST_APART],
    }
