"""Within a page, several sentences often report the same happening: keep one mention.

Two mentions of a page are the same when they are of the same family (any deal,
or the same sub-event type), at the same place, with the same deal status, on
compatible dates, and do not contradict each other (a different destination,
count or foreign-fighter answer is a separate account and stays separate). The
most informative one stays — the one with the most slots filled, the earliest
on the page when tied.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from wardesk.geo.gazetteer import distance_km
from wardesk.lexicon import data_pattern
from wardesk.model import Mention

SAME_PLACE_KM = 10.0
# Ways of telling fighters leave: one page may call the same departure any of these.
# A capture's own fighting; "the battle" names a longer campaign, coded on its own.
CLASHES_BEFORE = re.compile(r"\b(?:in|during) the (?:clashes|fighting)\b", re.I)
TERRITORIAL = frozenset({"Government regains territory", "Non-state actor overtakes territory"})
FIGURE = re.compile(r"\b\d[\d,]*\b")
ROLE_WORD = re.compile(r"\b(?:spokes(?:man|woman|person)|commander|official|minister|governor)\b")
LEAVING_KINDS = frozenset({"evacuation", "withdrawal", "other"})
BACK_REFERENCE = re.compile(
    r"\b(?:the|these|those) (?:[\w-]+ ){0,2}?(?:clash(?:es)?|fighting|battle|attacks?|strikes?|raids?|shelling|"
    r"civilians|victims|assault|offensive|operation|killings?|executions?)\b",
    re.I,
)

DEAL_FAMILY = frozenset(
    {"Agreement", "Non-violent transfer of territory", "Change to group/activity"}
)


def merge_page_mentions(mentions: list[Mention]) -> list[Mention]:
    """Drop mentions that repeat an earlier one of the same page; page order is kept."""
    kept: list[Mention] = []
    told_with = Counter(m.evidence.start for m in mentions)
    for mention in mentions:
        twin = next((i for i, k in enumerate(kept) if same_happening(k, mention)), None)
        retold = _last_deal(kept, mention) if twin is None and retells_a_deal(mention) else None
        if twin is None and retold is None:
            kept.append(mention)
        elif retold is not None:
            kept[retold] = _filled(kept[retold], mention)  # the deal's own report stays
        elif _better(mention, kept[twin]) or _told_alone(mention, kept[twin], told_with):
            kept[twin] = _filled(mention, kept[twin])
        else:
            kept[twin] = _filled(kept[twin], mention)
    order = {m.mention_id: i for i, m in enumerate(mentions)}
    return fill_destinations(sorted(kept, key=lambda m: order[m.mention_id]))


def fill_destinations(mentions: list[Mention]) -> list[Mention]:
    """A departure that names no destination goes where the page's other departures go.

    "Buses began leaving X" and, a line later, "they will head for Idlib" tell one
    movement. The destination comes from departures at the same place; failing those,
    from the whole page when every departure on it that names one names the same.
    """
    movers = [m for m in mentions if _moves_people(m)]
    named = [m for m in movers if m.agreement.destination]
    page_wide = {m.agreement.destination for m in named}
    filled = []
    for mention in mentions:
        if mention in movers and not mention.agreement.destination:
            here = {m.agreement.destination for m in named if _same_place(m, mention)}
            choices = here or page_wide
            if len(choices) == 1:
                deal = replace(mention.agreement, destination=next(iter(choices)))
                mention = replace(mention, agreement=deal)
        filled.append(mention)
    return filled


def _moves_people(mention: Mention) -> bool:
    """A report, in the article, of people leaving a place under a deal."""
    deal = mention.agreement
    return deal is not None and not mention.in_comments and deal.kind in LEAVING_KINDS


def same_happening(a: Mention, b: Mention) -> bool:
    """Whether two mentions of one page report the same event in compatible terms."""
    if _family(a) != "deal" and not (_same_paragraph(a, b) or _refers_back(b)):
        return False  # fighting told in two paragraphs is two engagements, unless "the clashes"
    return (
        (_family(a) == _family(b) or _fighting_behind_a_capture(a, b))
        and a.in_comments == b.in_comments
        and _same_place(a, b)
        and _same_time(a.date, b.date)
        and _same_deal_terms(a, b)
    )


def retells_a_deal(mention: Mention) -> bool:
    """A deal sentence that names no place of its own and points back at a deal with a
    definite name ("under the agreement", "the evacuation") retells the page's deal."""
    return (
        mention.agreement is not None
        and mention.place_borrowed
        and bool(data_pattern("merge.toml", "deal_retelling").search(mention.evidence.text))
        and not data_pattern("merge.toml", "deal_introduced").search(mention.evidence.text)
    )


def _last_deal(kept: list[Mention], mention: Mention) -> int | None:
    """The latest deal kept so far in the same section that the retelling fits: its terms
    agree, or differ only because the retelling says what the deal will bring."""
    for index in range(len(kept) - 1, -1, -1):
        other = kept[index]
        if other.agreement is None or other.in_comments != mention.in_comments:
            continue
        told = replace(mention, location=other.location, date=other.date)
        if _same_deal_terms(other, told) or _foretold(other, mention):
            return index
        return None
    return None


def _foretold(deal: Mention, retelling: Mention) -> bool:
    """An agreed deal and a sentence saying what it provides ("will go to", "are allowed")."""
    x, y = deal.agreement, retelling.agreement
    new_claim = y.foreign_fighters is not None and x.foreign_fighters != y.foreign_fighters
    return (
        not new_claim
        and x.status == "agreed"
        and y.status in ("proposed", "agreed", None)
        and _compatible(x.destination, y.destination)
        and _compatible(x.fighters, y.fighters)
        and _compatible(x.civilians, y.civilians)
    )


def _fighting_behind_a_capture(a: Mention, b: Mention) -> bool:
    """ "The SDF captured the district … 17 fighters were killed in the clashes": the clash
    told right after a capture, referring back to it, is the capture's fighting."""
    kinds = {a.sub_event_type, b.sub_event_type}
    return (
        "Armed clash" in kinds
        and bool(kinds & TERRITORIAL)
        and _same_paragraph(a, b)
        and bool(CLASHES_BEFORE.search(b.evidence.text))
    )


def _refers_back(mention: Mention) -> bool:
    """ "In the clashes", "executed the civilians": a definite reference to an event told before."""
    return bool(BACK_REFERENCE.search(mention.evidence.text))


def _same_paragraph(a: Mention, b: Mention) -> bool:
    """Whether two mentions' sentences sit in one paragraph (no line break between them)."""
    return a.evidence.block == b.evidence.block


def _family(mention: Mention) -> str:
    return "deal" if mention.sub_event_type in DEAL_FAMILY else mention.sub_event_type


def _place_key(mention: Mention) -> object:
    location = mention.location
    return (location.geonameid or location.name.lower()) if location else None


def _same_place(a: Mention, b: Mention) -> bool:
    """The same place, or a district or landmark (a project toponym, no GeoNames id) and the
    town it is in, a few km apart."""
    if _place_key(a) == _place_key(b):
        return True
    x, y = a.location, b.location
    if x is None or y is None or None in (x.lat, x.lon, y.lat, y.lon):
        return False
    if max(x.precision, y.precision) > 2 or (x.geonameid and y.geonameid):
        return False  # two towns close together are still two towns
    return distance_km(x.lat, x.lon, y.lat, y.lon) <= SAME_PLACE_KM


def _same_time(a: str | None, b: str | None) -> bool:
    """Unknown, equal, or one a coarser form of the other ("2016-08" and "2016-08-25")."""
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def _compatible(a: object, b: object) -> bool:
    return a is None or b is None or a == b


def _same_deal_terms(a: Mention, b: Mention) -> bool:
    x, y = a.agreement, b.agreement
    if x is None or y is None:
        return x is y
    # A later voice's own claim about foreign fighters is an account of its own: it never
    # melts into an earlier report, from someone else, that said nothing of them.
    claims_apart = (
        not _same_voice(a.source, b.source)
        and x.foreign_fighters is None
        and y.foreign_fighters is not None
    )
    return (
        not claims_apart
        and _compatible(x.status, y.status)
        and (x.kind == y.kind or {x.kind, y.kind} <= LEAVING_KINDS)
        and _compatible(x.destination, y.destination)
        and _compatible(x.foreign_fighters, y.foreign_fighters)
        and _compatible(x.fighters, y.fighters)
        and _compatible(x.civilians, y.civilians)
    )


def _same_voice(a: str | None, b: str | None) -> bool:
    """The same source, or one named twice ("a militia spokesman", "SDF spokesman X")."""
    if a == b:
        return True
    if a is None or b is None:
        return False
    roles_a = set(ROLE_WORD.findall(a.lower()))
    return bool(roles_a & set(ROLE_WORD.findall(b.lower())))


def _filled(kept: Mention, other: Mention) -> Mention:
    """``kept`` with the slots it leaves empty taken from ``other``, a compatible report of
    the same happening ("…will allow fighters to withdraw." + "…to Idlib governorate.")."""
    deal = kept.agreement
    if deal is not None and other.agreement is not None:
        extra = other.agreement
        deal = replace(
            deal,
            kind=extra.kind if deal.kind == "other" else deal.kind,
            destination=deal.destination or extra.destination,
            fighters=deal.fighters if deal.fighters is not None else extra.fighters,
            civilians=deal.civilians if deal.civilians is not None else extra.civilians,
            terms=deal.terms + tuple(t for t in extra.terms if t not in deal.terms),
            foreign_fighters=(
                deal.foreign_fighters
                if deal.foreign_fighters is not None
                else extra.foreign_fighters
            ),
        )
    fatalities = kept.fatalities if kept.fatalities is not None else other.fatalities
    source, source_type = kept.source, kept.source_type
    # "a militia spokesman" and "SDF spokesman Talal Silo": keep the name.
    named_twice = kept.source and other.source and _same_voice(kept.source, other.source)
    if named_twice and len(other.source) > len(kept.source):
        source, source_type = other.source, other.source_type
    # Two reports of one happening on compatible dates: the one that says more precisely when.
    when = other if _finer(other, kept) else kept
    return replace(
        kept, agreement=deal, fatalities=fatalities, date=when.date,
        time_precision=when.time_precision, source=source, source_type=source_type,
    )  # fmt: skip


def _finer(a: Mention, b: Mention) -> bool:
    """True when ``a`` is dated and ``b`` is not, or ``a``'s date is the longer ISO form."""
    return a.date is not None and (b.date is None or len(a.date) > len(b.date))


def _told_alone(new: Mention, old: Mention, told_with: Counter[int]) -> bool:
    """A sentence about this happening alone says more of it than one that also tells
    others ("A were taken to X, as B agreed to leave for Y"), unless that one is richer."""
    alone = told_with[new.evidence.start] == 1 < told_with[old.evidence.start]
    same_kind = new.sub_event_type == old.sub_event_type
    return alone and same_kind and _richness(new) >= _richness(old)


def _better(new: Mention, old: Mention) -> bool:
    """A capture beats the fighting behind it; a report that says what became of the deal
    beats one that only names it; otherwise the clearly richer report wins, ties go to the
    earlier one. Of two reports of one deal, the earlier stays unless the later is clearly
    richer: a sentence's figures alone do not make it the deal's main report (they are
    taken into the kept one)."""
    if old.sub_event_type in TERRITORIAL and new.sub_event_type == "Armed clash":
        return False
    if new.sub_event_type in TERRITORIAL and old.sub_event_type == "Armed clash":
        return True
    if old.agreement and new.agreement and old.agreement.status is None:
        return new.agreement.status is not None
    if old.agreement and new.agreement:
        return _richness(new) > _richness(old) + 1
    return _richness(new) > _richness(old) + 1 or (
        _richness(new) >= _richness(old) and _figures(new) > _figures(old)
    )


def _figures(mention: Mention) -> int:
    """How many figures the sentence gives: the most informative report usually has numbers."""
    return len(FIGURE.findall(mention.evidence.text))


def _richness(mention: Mention) -> int:
    deal = mention.agreement
    slots = [mention.fatalities, mention.actor1, mention.actor2, mention.source, mention.date]
    if deal is not None:
        slots += [deal.destination, deal.fighters, deal.civilians, deal.status, *deal.terms]
    return sum(value is not None for value in slots)
