"""When an event may have happened, as a span of days, and whether two spans can meet.

Mention dates are ISO and often partial: a day ("2017-10-14"), a month ("2017-10"),
a year ("2017"), a day without its year ("--04-22"), or a weekday kept as written
when the page had no date. A mention with no usable date on a dated page happened
within a window before publication; with neither, anything is possible.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

# An undated mention on a dated page: assume it happened within this many days before.
PUBLICATION_WINDOW_DAYS = 31
_FULL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_YEARLESS = re.compile(r"^--(\d{2})(?:-(\d{2}))?$")


@dataclass(frozen=True, slots=True)
class Span:
    """Days an event may fall on: a calendar span, a yearless month/day, or unknown."""

    start: date | None = None
    end: date | None = None
    month: int | None = None
    day: int | None = None

    @property
    def known(self) -> bool:
        """True when the span says anything at all."""
        return self.start is not None or self.month is not None

    @property
    def calendar(self) -> bool:
        """True when the span sits on the calendar (its year is known)."""
        return self.start is not None


UNKNOWN = Span()


def parse_span(value: str | None) -> Span:
    """The span an ISO (possibly partial) date covers; weekdays and junk are unknown."""
    if not value:
        return UNKNOWN
    full = _FULL.match(value)
    if full:
        return _calendar_span(*full.groups())
    yearless = _YEARLESS.match(value)
    if yearless:
        month = int(yearless.group(1))
        day = int(yearless.group(2)) if yearless.group(2) else None
        return Span(month=month, day=day) if 1 <= month <= 12 else UNKNOWN
    return UNKNOWN


def _calendar_span(year: str, month: str | None, day: str | None) -> Span:
    try:
        if day:
            exact = date(int(year), int(month), int(day))
            return Span(exact, exact)
        if month:
            first = date(int(year), int(month), 1)
            last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
            return Span(first, last)
        return Span(date(int(year), 1, 1), date(int(year), 12, 31))
    except ValueError:
        return UNKNOWN


def mention_span(value: str | None, published: str | None) -> Span:
    """A mention's span: its own date, else the window before its page was published."""
    span = parse_span(value)
    if span.known:
        return span
    anchor = parse_span((published or "")[:10])
    if anchor.start is not None and anchor.start == anchor.end:
        return Span(anchor.start - timedelta(days=PUBLICATION_WINDOW_DAYS), anchor.start)
    return UNKNOWN


def gap_days(a: Span, b: Span) -> int | None:
    """Days between two spans (0 when they overlap); None when either is unknown."""
    if not a.known or not b.known:
        return None
    if a.calendar and b.calendar:
        return max(0, (max(a.start, b.start) - min(a.end, b.end)).days)
    if a.calendar or b.calendar:
        fixed, loose = (a, b) if a.calendar else (b, a)
        return _yearless_gap(loose, fixed)
    return _yearless_apart(a, b)


def _yearless_gap(loose: Span, fixed: Span) -> int:
    gaps = []
    for year in range(fixed.start.year - 1, fixed.end.year + 2):
        candidate = _yearless_in(loose, year)
        gaps.append(gap_days(candidate, fixed))
    return min(g for g in gaps if g is not None)


def _yearless_in(loose: Span, year: int) -> Span:
    if loose.day is None:
        return _calendar_span(str(year), f"{loose.month:02d}", None)
    last = calendar.monthrange(year, loose.month)[1]
    exact = date(year, loose.month, min(loose.day, last))
    return Span(exact, exact)


def _yearless_apart(a: Span, b: Span) -> int:
    # Both without a year: compare within one leap year, the shorter way round.
    first, second = _yearless_in(a, 2000), _yearless_in(b, 2000)
    forward = gap_days(first, second) or 0
    return min(forward, 366 - forward) if forward else 0


def ordered_before(a: Span, b: Span) -> bool | None:
    """True when ``a`` ends before ``b`` starts, False the other way, None when unclear."""
    if not (a.calendar and b.calendar):
        return None
    if a.end < b.start:
        return True
    if b.end < a.start:
        return False
    return None
