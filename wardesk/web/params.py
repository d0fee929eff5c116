"""Query parameters of the web UI and API, validated before any query runs.

Every parameter has a type, a range or a pattern, and list parameters a cap on their
length; a bad value is answered with 422 and a message naming the valid values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import HTTPException, Query

from wardesk.fuse.dates import parse_span

CERTAINTIES = ("asserted", "reported", "claimed", "unconfirmed", "speculative", "denied")
Certainty = Literal["asserted", "reported", "claimed", "unconfirmed", "speculative", "denied"]
ISO_DATE = r"\d{4}(-\d{2}(-\d{2})?)?"
EVENT_ID = r"^[A-Za-z0-9_.-]{1,64}$"
DOC_ID = r"^[A-Za-z0-9_.:-]{1,128}$"
MAX_PAGE = 500
MAX_MAP = 5000


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events a list, the map or the timeline shows.

    ``types``: ACLED event types or sub-event types (any case); ``actor``: an actor named by
    the event or any of its mentions, in any role (any case, any part of the name); ``since``/``until``: ISO dates, possibly
    partial, that the event's date span must meet; ``certainty``: at least one article
    source says it with one of these; ``contested``: only events with contested slots;
    ``include_reader_only``: also events only reader comments report; ``country`` and
    ``admin1``: the event's country and province (any case); ``fatalities``: the least and
    most deaths reported (events without a count are left out by either bound);
    ``deal``: the kind of deal (evacuation, surrender, ...).
    """

    types: tuple[str, ...] = ()
    actor: str | None = None
    since: str | None = None
    until: str | None = None
    certainty: tuple[str, ...] = ()
    contested: bool = False
    include_reader_only: bool = False
    country: str | None = None
    admin1: str | None = None
    fatalities_min: int | None = None
    fatalities_max: int | None = None
    deal: str | None = None

    def query_string(self) -> dict[str, object]:
        """The filter as query parameters (for links that keep it)."""
        params: dict[str, object] = {}
        if self.types:
            params["type"] = list(self.types)
        for name in ("actor", "since", "until", "country", "admin1", "deal"):
            if getattr(self, name):
                params[name] = getattr(self, name)
        for name in ("fatalities_min", "fatalities_max"):
            if getattr(self, name) is not None:
                params[name] = getattr(self, name)
        if self.certainty:
            params["certainty"] = list(self.certainty)
        if self.contested:
            params["contested"] = "true"
        if self.include_reader_only:
            params["all"] = "true"
        return params


def _calendar_date(value: str | None, label: str) -> str | None:
    if value is not None and not (re.fullmatch(ISO_DATE, value) and parse_span(value).calendar):
        raise HTTPException(
            422, f"{label}: {value!r} is not a date; write 2017, 2017-10 or 2017-10-14"
        )
    return value


def _in_order(since: str | None, until: str | None) -> None:
    if since and until and parse_span(since).start > parse_span(until).end:
        raise HTTPException(422, f"From ({since}) is after To ({until}): no event can match")


def event_filter(
    type_: Annotated[
        list[Annotated[str, Query(max_length=80)]],
        Query(
            alias="type",
            max_length=20,
            description="ACLED event type or sub-event type (repeatable).",
        ),
    ] = [],  # noqa: B006  (FastAPI copies defaults)
    actor: Annotated[str | None, Query(max_length=200, description="Actor in any role.")] = None,
    since: Annotated[
        str | None,
        Query(
            max_length=10,
            description="Events that may have happened on or after this ISO date (2017, "
            "2017-10, 2017-10-14).",
        ),
    ] = None,
    until: Annotated[
        str | None,
        Query(
            max_length=10,
            description="Events that may have happened on or before this ISO date.",
        ),
    ] = None,
    certainty: Annotated[
        list[Certainty],
        Query(
            max_length=6,
            description="At least one article source says it with this certainty (repeatable).",
        ),
    ] = [],  # noqa: B006
    contested: Annotated[
        bool, Query(description="Only events whose sources contradict each other.")
    ] = False,
    all_: Annotated[
        bool, Query(alias="all", description="Also events that only reader comments report.")
    ] = False,
    country: Annotated[str | None, Query(max_length=80, description="Country (any case).")] = None,
    admin1: Annotated[
        str | None, Query(max_length=80, description="Province or governorate (any case).")
    ] = None,
    fatalities_min: Annotated[
        str | None, Query(max_length=8, description="At least this many deaths.")
    ] = None,
    fatalities_max: Annotated[
        str | None, Query(max_length=8, description="At most this many deaths.")
    ] = None,
    deal: Annotated[
        str | None,
        Query(max_length=40, description="Kind of deal: evacuation, surrender, truce, ..."),
    ] = None,
) -> EventFilter:
    """The event filter from the query string (a FastAPI dependency)."""
    types = tuple(dict.fromkeys(t.strip() for t in type_ if t.strip()))
    actor = actor.strip() or None if actor else None
    since, until = _calendar_date(since or None, "From"), _calendar_date(until or None, "To")
    _in_order(since, until)
    return EventFilter(
        types=types,
        actor=actor,
        since=since,
        until=until,
        certainty=tuple(dict.fromkeys(certainty)),
        contested=contested,
        include_reader_only=all_,
        country=(country or "").strip() or None,
        admin1=(admin1 or "").strip() or None,
        fatalities_min=(low := _count(fatalities_min, "fatalities_min")),
        fatalities_max=_at_least(low, _count(fatalities_max, "fatalities_max")),
        deal=(deal or "").strip().lower() or None,
    )


def _count(value: str | None, name: str) -> int | None:
    """A count from a form field: blank is no bound (a GET form sends empty fields)."""
    value = (value or "").strip()
    if not value:
        return None
    if not re.fullmatch(r"[0-9]{1,8}", value):
        raise HTTPException(422, f"{name}: {value!r} is not a whole number of deaths")
    return int(value)


def _at_least(low: int | None, high: int | None) -> int | None:
    if low is not None and high is not None and low > high:
        raise HTTPException(422, f"fatalities: at least {low} and at most {high}: none can match")
    return high


SortKey = Literal[
    "date", "-date", "type", "-type", "place", "-place", "sources", "-sources",
    "fatalities", "-fatalities",
]  # fmt: skip
Sort = Annotated[
    SortKey | None,
    Query(description="Sort by this column (date, type, place, sources, fatalities); "
          "a leading '-' for descending."),
]  # fmt: skip
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Page size (at most {MAX_PAGE}).")]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
SearchText = Annotated[str, Query(min_length=1, max_length=200, description="Words to find.")]
