"""Fatalities: how many people died in the event a sentence reports.

Entry point: :func:`fatalities`. A count is a death toll when a death word governs it
("killing at least 12", "the death of 11 civilians", "the toll rose to 35") or follows
the people it counts ("12 civilians were killed", "9 dead", "17 bodies"). Counts joined
by "and" share their death word ("5 soldiers and 12 militants were killed" -> 17);
counts inside a count ("including 68 children"), the hurt, vehicles and buildings,
and tolls over a whole campaign ("since the offensive began") are not added.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from wardesk.extract.numbers import Count, find_counts
from wardesk.lexicon import read_data, words_pattern

# Modifiers between a count and its noun: "12 Islamic State fighters", "4 Libyan army soldiers".
MODIFIERS = r"(?:(?:of\s+(?:the|them|whom)\s+)?(?:(?!and\b|or\b|were\b|was\b|have\b|had\b|in\b|on\b|at\b|by\b)[\w'’.-]+\s+){0,4}?)"
# Counts listed together: "5 soldiers and 12 militants", "a woman and her three children".
JOINED = re.compile(
    r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:(?:her|his|their|its)\s+)?"
    r"(?:(?:at least|some|about|around|nearly|almost|more than|over|up to|another)\s+)?$"
)
# "a civilian", "one protester": a single death told without a numeral.
SINGLE = re.compile(r"\b(?:a|an|one)\s+(?:\w+\s+)?", re.I)


@dataclass(frozen=True, slots=True)
class TollCues:
    """The compiled word lists of ``[tolls]`` in events.toml."""

    people_after: re.Pattern[str]
    person_next: re.Pattern[str]
    died_after: re.Pattern[str]
    died_before: re.Pattern[str]
    hurt_after: re.Pattern[str]
    dead_noun: re.Pattern[str]
    things_after: re.Pattern[str]
    armed_after: re.Pattern[str]
    part_of: re.Pattern[str]
    cumulative: re.Pattern[str]


@lru_cache(maxsize=1)
def toll_cues() -> TollCues:
    """The toll word lists shipped with the package (compiled once per process)."""
    data = read_data("events.toml")["tolls"]
    people = "|".join(sorted(data["people"], key=len, reverse=True))
    died_after = "|".join(sorted(data["died_after"], key=len, reverse=True))
    died_before = "|".join(sorted(data["died_before"], key=len, reverse=True))
    qualifiers = "|".join(sorted(data["qualifiers"], key=len, reverse=True))
    hurt = "|".join(data["hurt"])
    # "Nine people, including four children, were killed": the aside stands between.
    aside = r"(?:\s*,\s*(?:including|among them|mostly|many of them)\b[^,.;]{0,60},)?"
    link = (
        aside
        + r"\s*,?\s*[\"“]?(?:(?:were|was|have been|has been|had been|are|being|also|reportedly|all|later|were also)\s+)*"
    )
    link += r"[\"“]?"
    return TollCues(
        people_after=re.compile(rf"\s+{MODIFIERS}(?:{people})(?![\w-])", re.I),
        person_next=re.compile(rf"\s+(?:[\w-]+\s+)?(?:{people})(?![\w-])", re.I),
        # "800 killed or wounded" mixes the dead with the hurt: no toll.
        died_after=re.compile(
            rf"{link}(?:\w+ly\s+)?(?:{died_after})(?![\w-])(?!\s+(?:or|and)\s+(?:{hurt}))", re.I
        ),
        died_before=re.compile(rf"(?<![\w-])(?:{died_before})\s+(?:(?:{qualifiers})\s+)*$", re.I),
        hurt_after=re.compile(rf"{link}(?:\w+ly\s+)?(?:{hurt})(?![\w-])", re.I),
        armed_after=re.compile(rf"\s+{MODIFIERS}(?:{'|'.join(data['armed'])})(?![\w-])", re.I),
        things_after=re.compile(rf"\s+{MODIFIERS}(?:{'|'.join(data['things'])})(?![\w-])", re.I),
        dead_noun=re.compile(rf"\s+{MODIFIERS}(?:{'|'.join(data['dead_nouns'])})(?![\w-])", re.I),
        part_of=words_pattern(data["part_of"]),
        cumulative=words_pattern(data["cumulative"]),
    )


def fatalities(text: str) -> int | None:
    """The dead of the event ``text`` reports, or None when it tells no toll."""
    dead = [c for c, cumulative in _death_counts(text) if not cumulative]
    return sum(c.value for c in dead) if dead else None


def only_a_running_toll(text: str) -> bool:
    """Whether every death count ``text`` gives is a toll over a campaign or a period
    ("more than 600 civilians were killed in the city so far")."""
    counts = _death_counts(text)
    return bool(counts) and all(cumulative for _, cumulative in counts)


def armed_among_the_dead(text: str) -> bool:
    """Whether the dead ``text`` counts include armed men ("two SDF fighters and a
    civilian were killed")."""
    cues = toll_cues()
    return any(cues.armed_after.match(text, c.end) for c, _ in _death_counts(text))


def _death_counts(text: str) -> list[tuple[Count, bool]]:
    """The counts of the dead in ``text``, each with whether it is a running toll."""
    cues = toll_cues()
    counts = _counts(text)
    linked = [_linked(text, c, cues) for c in counts]
    # "5 soldiers and 12 militants were killed", "killing 5 soldiers and 12 militants":
    # counts listed together share the death word of their neighbour.
    for _ in range(2):
        for i in range(len(counts) - 1):
            a, b = counts[i], counts[i + 1]
            between = text[_noun_end(text, a, cues) : b.start]
            if (
                JOINED.fullmatch(between)
                and _is_people(text, a, cues)
                and _is_people(text, b, cues)
            ):
                if linked[i] is None and linked[i + 1]:
                    linked[i] = linked[i + 1]
                elif linked[i + 1] is None and linked[i]:
                    linked[i + 1] = linked[i]
    return [
        (c, _cumulative(text, c, cues))
        for c, link in zip(counts, linked, strict=True)
        if link and not _part_of_a_count(text, c, counts, cues)
    ]


def _counts(text: str) -> list[Count]:
    """Numerals and number words, plus "a civilian" / "one protester" right after a death
    word ("killing a civilian")."""
    counts = find_counts(text)
    cues = toll_cues()
    for match in SINGLE.finditer(text):
        if any(c.start <= match.start() < c.end for c in counts):
            continue
        count = Count(1, match.start(), match.start() + len(match.group(0).split()[0]))
        # "a civilian", "one young protester"; not "a day after six civilians".
        if not cues.person_next.match(text, count.end):
            continue
        governed = cues.died_before.search(text[: match.start()])
        # "a civilian was killed", "two fighters and a civilian were killed"
        told_after = cues.died_after.match(text, _noun_end(text, count, cues))
        if governed or told_after or _joined_before(text, match.start(), counts, cues):
            counts.append(count)
    return sorted(counts, key=lambda c: c.start)


def _joined_before(text: str, start: int, counts: list[Count], cues: TollCues) -> bool:
    """Whether a people count ends right before ``start`` with "and" between."""
    return any(
        _is_people(text, c, cues) and JOINED.fullmatch(text[_noun_end(text, c, cues) : start])
        for c in counts
        if c.end <= start
    )


def _is_people(text: str, count: Count, cues: TollCues) -> bool:
    return cues.people_after.match(text, count.end) is not None


def _noun_end(text: str, count: Count, cues: TollCues) -> int:
    found = cues.people_after.match(text, count.end)
    return found.end() if found else count.end


def _linked(text: str, count: Count, cues: TollCues) -> str | None:
    """How a death word governs ``count``: "after" ("12 people were killed"), "before"
    ("killing 12 people"), or None."""
    end = _noun_end(text, count, cues)
    if cues.hurt_after.match(text, end):
        return None
    if cues.died_after.match(text, end) or cues.dead_noun.match(text, count.end):
        return "after"
    if cues.died_before.search(text[max(0, count.start - 80) : count.start]):
        # "killing 7 and wounding 12", "the toll rose to 35": the count is the dead, unless
        # it counts things ("destroyed 14 vehicles").
        return None if cues.things_after.match(text, count.end) else "before"
    return None


def _part_of_a_count(text: str, count: Count, counts: list[Count], cues: TollCues) -> bool:
    """ "192 civilians including 68 children": a count inside an earlier one."""
    earlier = [c for c in counts if c.end <= count.start]
    if not earlier:
        return False
    between = text[earlier[-1].end : count.start]
    return len(between) < 60 and cues.part_of.search(between) is not None


def _cumulative(text: str, count: Count, cues: TollCues) -> bool:
    """A toll over a campaign or a period ("since the offensive began, 300 have died";
    "bringing the toll since Friday to 40"): the clause holding the count says so."""
    start = max(text.rfind(sep, 0, count.start) for sep in (",", ";", "—", " – ")) + 1
    ends = [i for i in (text.find(sep, count.end) for sep in (",", ";", "—", " – ")) if i >= 0]
    clause = text[start : min(ends, default=len(text))]
    return cues.cumulative.search(clause) is not None
