"""Dates on the calendar: a sentence's time expression resolved against the page's date.

Results are ISO 8601, partial when the page does not say ("2017-10", "--04-22"),
with ACLED's time precision (1 day, 2 week, 3 month or vaguer). Without an
anchor (no publication date) no year is ever invented, and a weekday stays
as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

# Most specific first: the first pattern that matches a sentence decides its date.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rx, re.IGNORECASE))
    for name, rx in (
        ("month_day_year", rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
        ("day_month_year", rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b"),
        ("month_day", rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s*\d)"),
        ("day_month", rf"\b{_DAY}\s+{_MONTH}\b"),
        ("month_year", rf"\b(?:mid-|early |late )?{_MONTH}\s+{_YEAR}\b"),
        (
            "weekday",
            r"\b(?P<into>into )?(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
        ),
        ("yesterday", r"\byesterday\b|\b(?:less than )?24 hours (?:ago|after|earlier)\b"),
        ("today", r"\b(?:today|this morning|tonight|overnight|in the (?:last|past) 24 hours)\b"),
        ("last_week", r"\blast week\b"),
        ("this_week", r"\bthis week\b"),
        ("last_month_name", rf"\b(?:last |in |since |mid-|early |late ){_MONTH}(?!\s+\d)"),
        ("this_year", r"\b(?:earlier|later) this year\b|\bthis year\b"),
        ("year", rf"\b(?:in|since|of|during) {_YEAR}\b"),
    )
)


@dataclass(frozen=True, slots=True)
class DateFound:
    """A resolved date: ISO (possibly partial), ACLED precision, and the phrase it came from."""

    value: str
    precision: int
    phrase: str
    start: int
    end: int


def parse_published(value: str | None) -> date | None:
    """The publication date as a ``date``, when it is given to the day."""
    if not value:
        return None
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_date(text: str, published: date | None, *, near: int | None = None) -> DateFound | None:
    """The time expression of ``text`` resolved against ``published``.

    With ``near`` (the offset of the event's trigger word), the expression closest to
    it wins — "killed 25 civilians Sunday … declared its caliphate in 2014" dates the
    killing on Sunday. Without it, the most specific expression wins.
    """
    found = find_dates(text, published)
    if not found:
        return None
    if near is None:
        return found[0]
    return min(found, key=lambda d: (_distance(d, near), found.index(d)))


def find_dates(text: str, published: date | None) -> list[DateFound]:
    """Every resolvable time expression in ``text``, most specific kind first, none overlapping."""
    found: list[DateFound] = []
    for name, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if any(f.start < match.end() and match.start() < f.end for f in found):
                continue
            resolved = _RESOLVERS[name](match, published)
            if resolved is not None:
                value, precision = resolved
                found.append(
                    DateFound(value, precision, match.group(0), match.start(), match.end())
                )
    return found


def _distance(found: DateFound, position: int) -> int:
    if found.start <= position < found.end:
        return 0
    return min(abs(found.start - position), abs(found.end - position))


def _month(match: re.Match[str]) -> int:
    return MONTHS[match.group("month")[:3].lower()]


def _full(match: re.Match[str], _: date | None) -> tuple[str, int] | None:
    try:
        day = date(int(match.group("year")), _month(match), int(match.group("day")))
    except ValueError:
        return None
    return day.isoformat(), 1


def _month_day(match: re.Match[str], anchor: date | None) -> tuple[str, int] | None:
    month, day = _month(match), int(match.group("day"))
    if not 1 <= day <= 31:
        return None
    if anchor is None:
        return f"--{month:02d}-{day:02d}", 1
    year = anchor.year if (month, day) <= (anchor.month, anchor.day) else anchor.year - 1
    try:
        return date(year, month, day).isoformat(), 1
    except ValueError:
        return None


def _month_year(match: re.Match[str], _: date | None) -> tuple[str, int]:
    return f"{match.group('year')}-{_month(match):02d}", 3


def _weekday(match: re.Match[str], anchor: date | None) -> tuple[str, int]:
    name = match.group("weekday").lower()
    if anchor is None:
        return name.capitalize(), 1
    if match.group("into"):
        # "overnight into Sunday" looks forward from the anchor, not back.
        ahead = (WEEKDAYS.index(name) - anchor.weekday()) % 7
        return (anchor + timedelta(days=ahead)).isoformat(), 1
    back = (anchor.weekday() - WEEKDAYS.index(name)) % 7
    return (anchor - timedelta(days=back)).isoformat(), 1


def _days_back(days: int, precision: int):
    def resolve(_: re.Match[str], anchor: date | None) -> tuple[str, int] | None:
        if anchor is None:
            return None
        return (anchor - timedelta(days=days)).isoformat(), precision

    return resolve


def _last_month_name(match: re.Match[str], anchor: date | None) -> tuple[str, int]:
    month = _month(match)
    if anchor is None:
        return f"--{month:02d}", 3
    year = anchor.year if month <= anchor.month else anchor.year - 1
    return f"{year}-{month:02d}", 3


def _this_year(_: re.Match[str], anchor: date | None) -> tuple[str, int] | None:
    return (str(anchor.year), 3) if anchor else None


def _year(match: re.Match[str], _: date | None) -> tuple[str, int]:
    return match.group("year"), 3


def _last_week(_: re.Match[str], anchor: date | None) -> tuple[str, int] | None:
    if anchor is None:
        return None
    return (anchor - timedelta(days=7)).strftime("%Y-%m"), 2


_RESOLVERS = {
    "month_day_year": _full,
    "day_month_year": _full,
    "month_day": _month_day,
    "day_month": _month_day,
    "month_year": _month_year,
    "weekday": _weekday,
    "yesterday": _days_back(1, 1),
    "today": _days_back(0, 1),
    "last_week": _last_week,
    "this_week": _days_back(0, 2),
    "last_month_name": _last_month_name,
    "this_year": _this_year,
    "year": _year,
}


_FULL_DATES = (_PATTERNS[0][1], _PATTERNS[1][1])
_ISO_DATE = re.compile(r"\b((?:19|20)\d\d)-(0[1-9]|1[0-2])-([0-3]\d)\b")


def latest_full_date(text: str) -> date | None:
    """The latest complete calendar date written anywhere in ``text`` (None if none)."""
    found: list[date] = []
    for pattern in _FULL_DATES:
        for match in pattern.finditer(text):
            resolved = _full(match, None)
            if resolved is not None:
                found.append(date.fromisoformat(resolved[0]))
    for match in _ISO_DATE.finditer(text):
        try:
            found.append(date(*(int(g) for g in match.groups())))
        except ValueError:
            continue  # "2017-02-30" is not a date; keep looking
    return max(found) if found else None
