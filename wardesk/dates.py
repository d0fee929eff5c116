"""Dates on the calendar: a sentence's time expression resolved against the page's date.

Results are ISO 8601, partial when the page does not say ("2017-10", "--04-22"),
with ACLED's time precision (1 day, 2 week, 3 month or vaguer). Without an
anchor (no publication date) no year is ever invented, and a weekday stays
as written. A span told only by its length ("the month-long siege") dates the
event it measures by the month or year that holds it, counted back from the anchor.
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
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
# How far (in characters) the event word a span measures may sit from it: just after a
# span that qualifies a noun ("the month-long battle", "ten weeks of heavy fighting"),
# or before one that closes a clause ("left the enclave during the past eight days").
NOUN_REACH = 20
CLAUSE_REACH = 40

_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_COUNT = r"(?P<count>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_UNIT = r"(?P<unit>day|week|month|year)s?"

# Most specific first: the first pattern that matches a sentence decides its date.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rx, re.IGNORECASE))
    for name, rx in (
        ("month_day_year", rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
        ("day_month_year", rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b"),
        # Not the start of a full date; a count after the comma ("On May 6, 25 died") is no year.
        ("month_day", rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s*(?:19|20)\d\d\b)"),
        ("day_month", rf"\b{_DAY}\s+{_MONTH}\b"),
        ("month_year", rf"\b(?:mid-|early |late )?{_MONTH}\s+{_YEAR}\b"),
        (
            "weekday",
            r"\b(?P<into>into )?(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
        ),
        (
            "yesterday",
            r"\byesterday\b|\blast night\b|\b(?:less than )?24 hours (?:ago|after|earlier)\b",
        ),
        ("today", r"\b(?:today|this morning|tonight|overnight|in the (?:last|past) 24 hours)\b"),
        ("days_ago", rf"\b{_COUNT} days? ago\b"),
        ("last_week", r"\blast week\b"),
        ("weeks_ago", rf"\b{_COUNT} weeks? ago\b"),
        ("this_week", r"\bthis week\b"),
        ("this_month", r"\bthis month\b"),
        ("last_month", r"\blast month\b"),
        ("last_month_name", rf"\b(?:last |in |since |mid-|early |late ){_MONTH}(?!\s+\d)"),
        ("this_year", r"\b(?:earlier|later) this year\b|\bthis year\b"),
        ("last_year", r"\blast year\b"),
        # "in late 2014"; "a 2014 massacre": a year that qualifies the event's noun dates it.
        ("year", rf"\b(?:in|since|of|during) (?:(?:early|mid|late)[- ])?{_YEAR}\b"),
        ("year", rf"\b(?:a|an|the) {_YEAR}(?= [a-z])"),
    )
)


_WEEKDAY = dict(_PATTERNS)["weekday"]

# What every expression above and every span below holds at least one of: most sentences
# hold none, and one search rules them out before the twenty patterns run.
MAYBE_DATE = re.compile(
    r"\d|day|night|morning|week|month|year|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
    re.IGNORECASE,
)

# A span gives a length, not a point in time: "the month-long battle", "ten weeks of
# fighting", "during the past eight days". After "more than" the start is left open.
_OPEN = r"(?P<open>more than |over |at least )?"
# Each with whether the event word follows it (True) or comes before it (False).
_SPANS: tuple[tuple[re.Pattern[str], bool], ...] = tuple(
    (re.compile(rx, re.IGNORECASE), event_follows)
    for rx, event_follows in (
        (rf"\b{_OPEN}(?:{_COUNT}[- ])?(?P<unit>day|week|month|year)s?-long\b", True),
        (rf"\b{_OPEN}{_COUNT} {_UNIT} of\b", True),
        (rf"\b(?:during|over|in|within) the (?:past|last) {_OPEN}{_COUNT} {_UNIT}\b", False),
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
    killing on Sunday. Without it, the most specific expression wins. A sentence that
    says only how long something lasted dates the event word next to that span
    (see :func:`find_spans`) and nothing else in it.
    """
    found = find_dates(text, published)
    if not found:
        return _attached_span(text, published, near)
    if near is None:
        return found[0]
    return min(found, key=lambda d: (_distance(d, near), found.index(d)))


def find_dates(text: str, published: date | None) -> list[DateFound]:
    """Every resolvable time expression in ``text``, most specific kind first, none overlapping."""
    found: list[DateFound] = []
    if not MAYBE_DATE.search(text):
        return found
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
    return [f for f in found if not _names_the_day_of(f, found, text)]


def _names_the_day_of(weekday: DateFound, found: list[DateFound], text: str) -> bool:
    """ "Tuesday, November 21": a weekday written beside a calendar date is part of it."""
    if not _WEEKDAY.fullmatch(weekday.phrase):
        return False
    return any(
        other.start >= weekday.end
        and not _WEEKDAY.fullmatch(other.phrase)
        and not text[weekday.end : other.start].strip(" ,")
        for other in found
    )


def find_spans(text: str, published: date | None, *, near: int | None = None) -> list[DateFound]:
    """Spans of time told by their length ("a month-long siege"), taken to end at ``published``.

    A span is dated by the calendar unit that holds it whole: the month when it starts
    in the publication month, else the year. It gives nothing without an anchor, when it
    reaches into the year before, or when its start is open ("more than a month"). With
    ``near`` only the spans that measure the event word at that offset are kept.
    """
    found: list[DateFound] = []
    if published is None or not MAYBE_DATE.search(text):
        return found
    for pattern, event_follows in _SPANS:
        for match in pattern.finditer(text):
            if near is not None and not _measures(match, near, event_follows):
                continue
            resolved = _span(match, published)
            if resolved is not None and not any(
                f.start < match.end() and match.start() < f.end for f in found
            ):
                value, precision = resolved
                found.append(
                    DateFound(value, precision, match.group(0), match.start(), match.end())
                )
    return found


def _measures(match: re.Match[str], near: int, event_follows: bool) -> bool:
    """Whether the event word at ``near`` is the one the span gives the length of."""
    if match.start() <= near < match.end():
        return True
    if event_follows:
        return 0 <= near - match.end() <= NOUN_REACH
    return 0 <= match.start() - near <= CLAUSE_REACH


def _span(match: re.Match[str], anchor: date | None) -> tuple[str, int] | None:
    if anchor is None or match.group("open"):
        return None
    count = match.group("count")
    days = (_count(count) if count else 1) * UNIT_DAYS[match.group("unit").lower()]
    start = _minus(anchor, days)
    if start is None or start.year != anchor.year:
        return None
    if start.month == anchor.month:
        # up to a week is ACLED's week precision; the value keeps the month, as "last week" does
        return anchor.strftime("%Y-%m"), 2 if days <= 7 else 3
    return str(anchor.year), 3


def _attached_span(text: str, published: date | None, near: int | None) -> DateFound | None:
    """The span that measures the event word at ``near``, if any."""
    if near is None:
        return None
    spans = find_spans(text, published, near=near)
    return min(spans, key=lambda s: _distance(s, near), default=None)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else NUMBERS[word.lower()]


def _minus(anchor: date, days: int) -> date | None:
    """``anchor`` minus ``days``, or None off the start of the calendar."""
    try:
        return anchor - timedelta(days=days)
    except OverflowError:
        return None


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


def _days_ago(match: re.Match[str], anchor: date | None) -> tuple[str, int] | None:
    day = _minus(anchor, _count(match.group("count"))) if anchor else None
    return (day.isoformat(), 1) if day else None


def _weeks_ago(match: re.Match[str], anchor: date | None) -> tuple[str, int] | None:
    # the week is known, not its day: ACLED's week precision, month value as "last week"
    day = _minus(anchor, 7 * _count(match.group("count"))) if anchor else None
    return (day.strftime("%Y-%m"), 2) if day else None


def _this_month(_: re.Match[str], anchor: date | None) -> tuple[str, int] | None:
    return (anchor.strftime("%Y-%m"), 3) if anchor else None


def _last_month(_: re.Match[str], anchor: date | None) -> tuple[str, int] | None:
    day = _minus(anchor.replace(day=1), 1) if anchor else None
    return (day.strftime("%Y-%m"), 3) if day else None


def _last_year(_: re.Match[str], anchor: date | None) -> tuple[str, int] | None:
    return (str(anchor.year - 1), 3) if anchor and anchor.year > 1 else None


_RESOLVERS = {
    "month_day_year": _full,
    "day_month_year": _full,
    "month_day": _month_day,
    "day_month": _month_day,
    "month_year": _month_year,
    "weekday": _weekday,
    "yesterday": _days_back(1, 1),
    "today": _days_back(0, 1),
    "days_ago": _days_ago,
    "last_week": _last_week,
    "weeks_ago": _weeks_ago,
    "this_week": _days_back(0, 2),
    "this_month": _this_month,
    "last_month": _last_month,
    "last_month_name": _last_month_name,
    "this_year": _this_year,
    "last_year": _last_year,
    "year": _year,
}


_FULL_DATES = (_PATTERNS[0][1], _PATTERNS[1][1])
_ISO_DATE = re.compile(r"\b((?:19|20)\d\d)-(0[1-9]|1[0-2])-([0-3]\d)\b")


def latest_full_date(text: str) -> date | None:
    """The latest complete calendar date written anywhere in ``text`` (None if none)."""
    found = full_dates(text)
    return max(d for _, d in found) if found else None


def full_dates(text: str) -> list[tuple[int, date]]:
    """Every complete calendar date written in ``text``, with where it starts, in order."""
    found: list[tuple[int, date]] = []
    for pattern in _FULL_DATES:
        for match in pattern.finditer(text):
            resolved = _full(match, None)
            if resolved is not None:
                found.append((match.start(), date.fromisoformat(resolved[0])))
    for match in _ISO_DATE.finditer(text):
        try:
            found.append((match.start(), date(*(int(g) for g in match.groups()))))
        except ValueError:
            continue  # "2017-02-30" is not a date; keep looking
    return sorted(found)
