"""Which death counts are an event's own toll (the data lives in ``wardesk/data/tolls.toml``).

An event's fatalities are the deaths of that event: not a toll over a period or a whole
campaign ("since the battle began", "this month"), which adds up many events, and never
fighters who surrender, defect or leave. A mention's count is kept in the mention; fusion
only declines to make it the event's.
"""

from __future__ import annotations

from functools import cache

from wardesk.lexicon import data_pattern, read_data
from wardesk.model import Mention

_DATA = "tolls.toml"


@cache
def _no_toll_types() -> frozenset[str]:
    return frozenset(read_data(_DATA)["no_toll_types"]["sub_event_types"])


def is_period_toll(sentence: str) -> bool:
    """Whether a sentence gives its toll over a period or a campaign, not for one event."""
    return data_pattern(_DATA, "period_toll").search(sentence) is not None


def counts_leaving(sentence: str) -> bool:
    """Whether a sentence speaks of people surrendering, defecting or leaving, and of no death:
    any count in it is of people who lived."""
    return (
        data_pattern(_DATA, "leaving").search(sentence) is not None
        and data_pattern(_DATA, "death").search(sentence) is None
    )


def event_toll(mention: Mention) -> int | None:
    """The mention's fatalities as a toll of the event it reports, or None when it gives
    none: no count, a type that carries no deaths (deals, surrenders, defections), a period
    or campaign toll, or a count of people who surrendered or left."""
    if mention.fatalities is None or mention.agreement is not None:
        return None
    if mention.sub_event_type in _no_toll_types():
        return None
    sentence = mention.evidence.text
    if is_period_toll(sentence) or counts_leaving(sentence):
        return None
    return mention.fatalities
