"""Slot-level claims: what each mention says about a deal or an event, and when two clash.

A claim is one (slot, value) said by one source. Values are compared by a key:
places by a transliteration-tolerant skeleton without region words ("Deir Ezzor
governorate" = "Deir ez-Zor province"), numbers as integers with a tolerance,
the other slots by fixed words. A death count is a fatalities claim only when it is the
event's own toll (:mod:`wardesk.fuse.tolls`).
"""

from __future__ import annotations

import re

from wardesk.fuse.tolls import event_toll
from wardesk.fuse.types import READER, Claim
from wardesk.geo import skeleton
from wardesk.model import Mention

HAPPENED, POSSIBLE, DENIED = "happened", "possible", "denied"
INCLUDED, EXCLUDED = "included", "excluded"
# Words that say how big or which part of a place, not which place.
_REGION_WORDS = re.compile(
    r"\b(?:governorate|province|countryside|city|town|village|area|region|district|pocket|"
    r"desert|outskirts|suburbs?|(?:north|south|east|west)(?:ern)?|central|rural|the)\b",
    re.IGNORECASE,
)
# Two counts are the same claim when the larger is at most this much bigger ("about 70", "nearly 70").
COUNT_RATIO = 1.5
_NUMERIC = ("fighters", "civilians", "fatalities")


def mention_source(mention: Mention, voice: str) -> str:
    """Who says it: the attributed source, else the page's own voice (or a reader)."""
    if mention.source:
        return mention.source
    return READER if mention.in_comments else voice


def place_key(name: str) -> str:
    """The comparison key of a place name: its skeleton without region words."""
    core = _REGION_WORDS.sub(" ", name)
    return skeleton(core) or skeleton(name) or name.strip().lower()


def happened_value(mention: Mention) -> str:
    """Whether the mention says the event happened, may happen, or did not happen."""
    deal = mention.agreement
    if mention.certainty == "denied" or (deal is not None and deal.status == "denied"):
        return DENIED
    if mention.certainty == "speculative":
        return POSSIBLE
    return HAPPENED


def claims_of(mention: Mention, voice: str) -> tuple[Claim, ...]:
    """Every slot value the mention states, attributed to its source.

    ``voice`` names the page when it speaks for itself (its outlet or file name).
    """
    pairs: list[tuple[str, str, str]] = []
    happened = happened_value(mention)
    pairs.append(("happened", happened, happened))
    deal = mention.agreement
    if deal is not None:
        pairs.extend(_deal_pairs(deal))
    toll = event_toll(mention)
    if toll is not None:
        pairs.append(("fatalities", str(toll), str(toll)))
    source = mention_source(mention, voice)
    return tuple(
        Claim(slot, value, key, source, mention.source_type, mention.certainty, mention.in_comments)
        for slot, value, key in pairs
    )


def _deal_pairs(deal) -> list[tuple[str, str, str]]:
    pairs = []
    if deal.status:
        pairs.append(("status", deal.status, deal.status))
    for slot, count in (("fighters", deal.fighters), ("civilians", deal.civilians)):
        if count is not None:
            pairs.append((slot, str(count), str(count)))
    if deal.destination:
        pairs.append(("destination", deal.destination, place_key(deal.destination)))
    if deal.foreign_fighters is not None:
        word = INCLUDED if deal.foreign_fighters else EXCLUDED
        pairs.append(("foreign_fighters", word, word))
    return pairs


def values_conflict(slot: str, a: str, b: str) -> bool:
    """Whether two value keys of one slot cannot both be true of one event."""
    if a == b:
        return False
    if slot in _NUMERIC:
        return _counts_conflict(int(a), int(b))
    if slot == "happened":
        return DENIED in (a, b) and HAPPENED in (a, b)
    if slot == "status":
        # proposed -> agreed -> implemented is one deal moving on; a denial clashes with the deal.
        return DENIED in (a, b) and bool({"agreed", "implemented"} & {a, b})
    return True


def _counts_conflict(a: int, b: int) -> bool:
    low, high = sorted((a, b))
    if low == 0:
        return high > 0
    return high / low > COUNT_RATIO
