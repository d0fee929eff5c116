"""A date index over the mentions of one block: which of them can meet a given span.

Fusion compares two mentions only when they sit in one block (same type family, grid
cells within reach, or the same place name) *and* their dates can meet within the
family's tolerance. Inside a block the mentions are kept sorted by the first day they
may fall on, in lanes by span length, so the mentions a span can meet are found by
bisection: the work follows the pairs that can match, not the square of the block.

Two spans meet within ``tolerance`` days when each starts no later than ``tolerance``
days after the other ends (:func:`wardesk.fuse.dates.gap_days`). Spans off the
calendar (unknown, or a day without its year) are kept aside and meet every span:
the exact test decides for them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from wardesk.fuse.dates import Span

# Lanes by span length in days: a day, up to a month or a publication window, up to a
# year, longer. Within a lane, a span starting long before another cannot reach it.
_LANE_LENGTHS = (0, 32, 366)


@dataclass(slots=True)
class _Lane:
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    items: list[int] = field(default_factory=list)
    longest: int = 0


@dataclass(slots=True)
class DateBlock:
    """The mentions of one block, indexed by the days their spans cover."""

    anywhen: list[int]
    lanes: tuple[_Lane, ...]

    @classmethod
    def of(cls, members: Iterable[tuple[int, Span]]) -> DateBlock:
        """Index ``(item, span)`` pairs."""
        anywhen: list[int] = []
        timed: list[list[tuple[int, int, int]]] = [[] for _ in range(len(_LANE_LENGTHS) + 1)]
        for item, span in members:
            if not span.calendar:
                anywhen.append(item)
                continue
            start, end = span.start.toordinal(), span.end.toordinal()
            timed[_lane_of(end - start)].append((start, end, item))
        lanes = []
        for rows in timed:
            rows.sort()
            lane = _Lane(
                [r[0] for r in rows],
                [r[1] for r in rows],
                [r[2] for r in rows],
                max((r[1] - r[0] for r in rows), default=0),
            )
            lanes.append(lane)
        return cls(anywhen, tuple(lanes))

    def __len__(self) -> int:
        return len(self.anywhen) + sum(len(lane.items) for lane in self.lanes)

    def meeting(self, span: Span, tolerance: int) -> Iterator[int]:
        """The items whose spans may meet ``span`` within ``tolerance`` days (every item
        when ``span`` is off the calendar)."""
        yield from self.anywhen
        if not span.calendar:
            for lane in self.lanes:
                yield from lane.items
            return
        start, end = span.start.toordinal(), span.end.toordinal()
        earliest = start - tolerance
        for lane in self.lanes:
            low = bisect_left(lane.starts, earliest - lane.longest)
            high = bisect_right(lane.starts, end + tolerance)
            ends, items = lane.ends, lane.items
            yield from (items[k] for k in range(low, high) if ends[k] >= earliest)


def _lane_of(length: int) -> int:
    for lane, longest in enumerate(_LANE_LENGTHS):
        if length <= longest:
            return lane
    return len(_LANE_LENGTHS)
