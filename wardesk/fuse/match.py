"""Which mentions describe the same real event, and how they are grouped.

Two mentions are compatible when they are of one type family, at places within a
distance that grows with the places' vagueness, on dates that can meet within the
family's tolerance, and with actors that overlap. Grouping is deterministic and
independent of the order pages were stored in: candidate pairs come only from inside
blocks (one family, grid cells within reach or one place name, dates that can meet:
see :mod:`wardesk.fuse.blocks`), connected components are taken over compatible pairs,
and each component is
then split so that every member of an event is compatible with every other
(members visited in a fixed order: article before comment, dated before undated,
then by content hash and ordinal).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from wardesk.fuse.blocks import DateBlock
from wardesk.fuse.claims import place_key
from wardesk.fuse.dates import Span, gap_days, mention_span, ordered_before
from wardesk.fuse.types import StoredMention
from wardesk.geo.gazetteer import distance_km

# How far apart two places may be and still be one event's place, by ACLED geo precision.
RADIUS_KM = {1: 25.0, 2: 50.0, 3: 150.0}
# Deals are local: one named town's deal is not its neighbour's, however close.
DEAL_TOWN_KM = 5.0
# How many days apart two reports of one event may be dated, by type family.
TOLERANCE_DAYS = {
    "deal": 42,
    "Battles": 2,
    "Explosions/Remote violence": 1,
    "Violence against civilians": 2,
    "Protests": 1,
    "Riots": 1,
}
DEFAULT_TOLERANCE_DAYS = 7
# A deal reported implemented, then "agreed" or "proposed" long after, is a new deal.
AFTER_IMPLEMENTED_DAYS = 7
DEAL_TYPES = frozenset({"Agreement", "Non-violent transfer of territory"})
# The steps of a deal that are separate events: its agreement and its implementation.
DEAL_STEPS = {"proposed": "agreement", "agreed": "agreement", "implemented": "implementation"}
_NOT_A_SIDE = frozenset({"Civilians"})
_CELL_DEGREES = 0.25
_KM_PER_DEGREE = 111.0


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stored mention with what matching needs computed once."""

    item: StoredMention
    family: str
    span: Span
    actors: frozenset[str]
    place: str | None
    status: str | None

    @property
    def mention(self):
        """The mention itself."""
        return self.item.mention

    def order(self) -> tuple:
        """The fixed visiting order: article first, precise places first, dated first,
        then stable identity."""
        location = self.mention.location
        precision = location.precision if location else 9
        return (self.mention.in_comments, precision, not self.span.known, self.item.key)


def family(stored: StoredMention) -> str:
    """The type family: deals together, other strategic developments by sub-type,
    the rest by ACLED event type."""
    mention = stored.mention
    if mention.sub_event_type in DEAL_TYPES:
        return "deal"
    if mention.event_type == "Strategic developments":
        return mention.sub_event_type
    return mention.event_type


def candidate(stored: StoredMention) -> Candidate:
    """Precompute the matching features of one stored mention."""
    mention = stored.mention
    deal = mention.agreement
    sides = {mention.actor1, mention.actor2}
    if deal is not None:
        sides |= {deal.withdrawing_party, deal.allowing_party}
    location = mention.location
    return Candidate(
        item=stored,
        family=family(stored),
        span=mention_span(mention.date, stored.page.published),
        actors=frozenset(a for a in sides if a and a not in _NOT_A_SIDE),
        place=place_key(location.name) if location else None,
        status=deal.status if deal else None,
    )


def place_radius_km(a: Candidate, b: Candidate) -> float:
    """How far apart two located reports may lie and still tell one event: the looser of
    their precisions' radii, except that a deal is struck for one town (two towns, two deals)."""
    x, y = a.mention.location, b.mention.location
    if a.family == "deal" and x.precision == y.precision == 1:
        return DEAL_TOWN_KM
    return max(RADIUS_KM.get(x.precision, 150.0), RADIUS_KM.get(y.precision, 150.0))


def places_match(a: Candidate, b: Candidate) -> bool:
    """Same place within the radius their precision allows (or the same name/GeoNames id)."""
    x, y = a.mention.location, b.mention.location
    if x is None or y is None:
        return False
    if x.geonameid is not None and x.geonameid == y.geonameid:
        return True
    if None not in (x.lat, x.lon, y.lat, y.lon):
        radius = place_radius_km(a, b)
        if abs(x.lat - y.lat) * _KM_PER_DEGREE > radius:
            return False  # cheaper than the great-circle distance, and most pairs stop here
        return distance_km(x.lat, x.lon, y.lat, y.lon) <= radius
    return a.place is not None and a.place == b.place


def dates_match(a: Candidate, b: Candidate) -> bool:
    """Dates that can meet within the family's tolerance (unknown dates always can)."""
    gap = gap_days(a.span, b.span)
    if gap is None:
        return True
    tolerance = tolerance_days(a.family)
    if a.family == "deal" and _new_deal_after_implemented(a, b):
        tolerance = AFTER_IMPLEMENTED_DAYS
    return gap <= tolerance


def _new_deal_after_implemented(a: Candidate, b: Candidate) -> bool:
    before = ordered_before(a.span, b.span)
    if before is None:
        return False
    earlier, later = (a, b) if before else (b, a)
    return earlier.status == "implemented" and later.status in ("proposed", "agreed")


def steps_match(a: Candidate, b: Candidate) -> bool:
    """A deal's agreement (proposed or agreed) and its implementation are separate events;
    a report that names no step, or denies the deal, may join either."""
    first, second = DEAL_STEPS.get(a.status or ""), DEAL_STEPS.get(b.status or "")
    return first is None or second is None or first == second


def actors_match(a: Candidate, b: Candidate) -> bool:
    """Actors overlap, or one report names too few sides to tell (fewer than two)."""
    return min(len(a.actors), len(b.actors)) < 2 or bool(a.actors & b.actors)


def compatible_but_step(a: Candidate, b: Candidate) -> bool:
    """Whether two mentions can be reports of one event, or of two steps of one deal."""
    return (
        a.family == b.family
        and actors_match(a, b)
        and places_match(a, b)
        and dates_match(a, b)
    )  # fmt: skip


def compatible(a: Candidate, b: Candidate) -> bool:
    """Whether two mentions can be reports of one event."""
    return compatible_but_step(a, b) and steps_match(a, b)


def _cell(candidate: Candidate) -> tuple[int, int] | None:
    location = candidate.mention.location
    if location is None or location.lat is None or location.lon is None:
        return None
    return (math.floor(location.lat / _CELL_DEGREES), math.floor(location.lon / _CELL_DEGREES))


def _reach(candidate: Candidate) -> tuple[int, int]:
    """How many grid cells away (latitude, longitude) a mention's place may still match."""
    location = candidate.mention.location
    km = RADIUS_KM.get(location.precision, max(RADIUS_KM.values()))
    squeeze = max(math.cos(math.radians(min(abs(location.lat), 80.0))), 0.17)
    # floor + 1 cells always cover the radius; one more in longitude covers the parallels
    # narrowing between the two places' latitudes.
    return (
        math.floor(km / (_KM_PER_DEGREE * _CELL_DEGREES)) + 1,
        math.floor(km / (_KM_PER_DEGREE * _CELL_DEGREES * squeeze)) + 2,
    )


def tolerance_days(family_name: str) -> int:
    """The most days apart two reports of one event of this family may be dated."""
    return TOLERANCE_DAYS.get(family_name, DEFAULT_TOLERANCE_DAYS)


def candidate_pairs(candidates: list[Candidate]) -> Iterator[tuple[int, int]]:
    """Index pairs worth comparing, each once (lower index first): in one block (same
    family, within reach on a grid or, without coordinates, of the same name) and with
    dates that can meet within the family's tolerance.

    Each mention looks as far as its own radius allows, so the vaguer of two places
    (the larger radius) finds the pair; when both find it, the lower index yields it."""
    cells = [_cell(cand) for cand in candidates]
    reach = [
        _reach(c) if cell is not None else None for c, cell in zip(candidates, cells, strict=True)
    ]
    by_cell: dict[tuple, list[int]] = defaultdict(list)
    by_name: dict[tuple, list[int]] = defaultdict(list)
    for index, cand in enumerate(candidates):
        if cells[index] is not None:
            by_cell[(cand.family, cells[index])].append(index)
        if cand.place is not None:
            by_name[(cand.family, cand.place)].append(index)

    def reaches(j: int, i: int) -> bool:
        """Whether ``j`` looks as far as ``i`` itself (so it finds the pair too)."""
        if cells[j] is None or cells[i] is None:
            return cells[j] is None and cells[i] is None  # both look up by name
        rows, cols = reach[j]
        return abs(cells[i][0] - cells[j][0]) <= rows and abs(cells[i][1] - cells[j][1]) <= cols

    def meet(near: list[int], block: DateBlock, tolerance: int) -> Iterator[tuple[int, int]]:
        for i in near:
            for j in block.meeting(candidates[i].span, tolerance):
                if j != i and (i < j or not reaches(j, i)):
                    yield (i, j) if i < j else (j, i)

    blocks = {key: _date_block(members, candidates) for key, members in by_cell.items()}
    for (fam, (row, col)), members in by_cell.items():
        by_reach: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i in members:
            by_reach[reach[i]].append(i)
        for (rows, cols), near in by_reach.items():
            for d_row in range(-rows, rows + 1):
                for d_col in range(-cols, cols + 1):
                    block = blocks.get((fam, (row + d_row, col + d_col)))
                    if block is not None:
                        yield from meet(near, block, tolerance_days(fam))
    names = {key: _date_block(members, candidates) for key, members in by_name.items()}
    for i, cand in enumerate(candidates):
        if cells[i] is None and cand.place is not None:
            yield from meet([i], names[(cand.family, cand.place)], tolerance_days(cand.family))


def _date_block(members: list[int], candidates: list[Candidate]) -> DateBlock:
    return DateBlock.of((i, candidates[i].span) for i in members)


def _signature(cand: Candidate) -> tuple:
    """What matching reads of a mention: mentions with equal signatures match each other
    and everything the same, so they are matched once, as a unit."""
    place = cand.mention.location
    if place is None:
        return ("alone", cand.item.key)
    where = (place.lat, place.lon, place.geonameid, place.precision, cand.place)
    return (cand.family, where, cand.span, tuple(sorted(cand.actors)), cand.status,
            cand.mention.in_comments)  # fmt: skip


def _units(candidates: list[Candidate]) -> list[list[Candidate]]:
    """Candidates (in visiting order) gathered by signature; units in visiting order too."""
    units: dict[tuple, list[Candidate]] = {}
    for cand in candidates:
        units.setdefault(_signature(cand), []).append(cand)
    return list(units.values())


def _links(heads: list[Candidate]) -> tuple[list[set[int]], list[set[int]]]:
    """For each unit, the units it is compatible with, and those it would be compatible with
    but for a deal's step (pairs come from the blocks)."""
    links: list[set[int]] = [set() for _ in heads]
    threads: list[set[int]] = [set() for _ in heads]
    for i, j in candidate_pairs(heads):
        a, b = heads[i], heads[j]
        if compatible_but_step(a, b):
            threads[i].add(j)
            threads[j].add(i)
            if steps_match(a, b):
                links[i].add(j)
                links[j].add(i)
    return links, threads


def _components(links: list[set[int]]) -> list[list[int]]:
    """Connected components over the links, each in visiting order."""
    seen: set[int] = set()
    components = []
    for start in range(len(links)):
        if start in seen:
            continue
        seen.add(start)
        stack, members = [start], []
        while stack:
            node = stack.pop()
            members.append(node)
            fresh = links[node] - seen
            seen |= fresh
            stack.extend(fresh)
        components.append(sorted(members))
    return components


@dataclass(frozen=True, slots=True)
class Group:
    """The mentions of one event, and its thread: the stable key of the first mention of
    every event it is a step of (a deal's agreement and its implementation share one)."""

    members: list[StoredMention]
    thread: tuple[str, int]


def cluster(stored: list[StoredMention]) -> list[Group]:
    """Group mentions into events, each with its thread; the result does not depend on the
    input order."""
    units = _units(sorted((candidate(s) for s in stored), key=Candidate.order))
    links, threads = _links([unit[0] for unit in units])
    thread_of = {}
    for thread in _components(threads):
        key = min(c.item.key for index in thread for c in units[index])
        thread_of.update(dict.fromkeys(thread, key))
    groups = [
        Group([c.item for index in group for c in units[index]], thread_of[component[0]])
        for component in _components(links)
        for group in _complete_groups(component, units, links)
    ]
    return sorted(groups, key=lambda g: g.members[0].key)


def _complete_groups(
    component: list[int], units: list[list[Candidate]], links: list[set[int]]
) -> list[list[int]]:
    """Split a component so that all members of a group are pairwise compatible.

    Units are visited in the fixed order; each joins the nearest group it fits in whole
    (the first one on a tie), so a vague place between two towns goes to the closer town."""
    groups: list[list[int]] = []
    home: dict[int, int] = {}
    for unit in component:
        near = sorted({home[other] for other in links[unit] if other in home})
        fits = [
            (_mean_km(units[unit][0], [units[m] for m in groups[g]]), g)
            for g in near
            if all(member in links[unit] for member in groups[g])
        ]
        if fits:
            home[unit] = min(fits)[1]
            groups[home[unit]].append(unit)
        else:
            home[unit] = len(groups)
            groups.append([unit])
    return groups


def _mean_km(cand: Candidate, group: list[list[Candidate]]) -> float:
    """Mean distance from a mention's place to the places of a group's mentions (0 where
    unknown)."""
    here = cand.mention.location
    total = count = 0.0
    for unit in group:
        there = unit[0].mention.location
        if here is None or there is None or None in (here.lat, here.lon, there.lat, there.lon):
            continue
        total += distance_km(here.lat, here.lon, there.lat, there.lon) * len(unit)
        count += len(unit)
    return total / count if count else 0.0
