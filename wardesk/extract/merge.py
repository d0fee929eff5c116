"""Within a page, several sentences often report the same happening: keep one mention.

Two mentions are the same when they are of the same family (any deal, or the
same sub-event type), at the same place, on the same day (or both undated),
and told by the same source. The most informative one stays — the one with
the most slots filled, the earliest on the page when tied — since a page's
lead usually states the event most completely.
"""

from __future__ import annotations

from wardesk.model import Mention

DEAL_FAMILY = frozenset(
    {"Agreement", "Non-violent transfer of territory", "Change to group/activity"}
)


def merge_page_mentions(mentions: list[Mention]) -> list[Mention]:
    """One mention per (family, place, date, source, body/comments) group, in page order."""
    best: dict[tuple, Mention] = {}
    for mention in mentions:
        key = _key(mention)
        kept = best.get(key)
        if kept is None or _richness(mention) > _richness(kept):
            best[key] = mention
    chosen = {id(m) for m in best.values()}
    return [m for m in mentions if id(m) in chosen]


def _key(mention: Mention) -> tuple:
    family = "deal" if mention.sub_event_type in DEAL_FAMILY else mention.sub_event_type
    place = mention.location.geonameid or mention.location.name if mention.location else None
    kind = mention.agreement.kind if mention.agreement else None
    return (family, kind, place, mention.date, mention.source, mention.in_comments)


def _richness(mention: Mention) -> int:
    deal = mention.agreement
    slots = [mention.fatalities, mention.actor1, mention.actor2]
    if deal is not None:
        slots += [deal.destination, deal.fighters, deal.civilians, deal.status, *deal.terms]
    return sum(value is not None for value in slots)
