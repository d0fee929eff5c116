"""Word lists for deal roles, loaded from ``wardesk/data/deal_roles.toml``.

They say how a sentence names the people a deal moves: the side besieging a
place, an actor's relatives, a part of a larger group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from wardesk.lexicon import read_data, words_pattern


@dataclass(frozen=True, slots=True)
class RoleCues:
    """Compiled cues; ``*_end`` patterns are anchored at the end of the text before an actor."""

    besieger_end: re.Pattern[str]
    kin_after: re.Pattern[str]
    kin_before_end: re.Pattern[str]
    part_of: re.Pattern[str]
    speaker_after: re.Pattern[str]
    speaker_before_end: re.Pattern[str]
    broker: re.Pattern[str]
    mover_noun: re.Pattern[str]
    holder_suffix: re.Pattern[str]
    destination_end: re.Pattern[str]


def _ending(phrases: list[str]) -> re.Pattern[str]:
    """Match ``phrases`` (and an optional article or quote) right at the end of a text."""
    ordered = "|".join(sorted(phrases, key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?:" + ordered + r")\s+[“\"']?(?:the\s+)?$", re.I)


def _starting(phrases: list[str]) -> re.Pattern[str]:
    """Match ``phrases`` right at the start of a text, after spaces."""
    ordered = "|".join(sorted(phrases, key=len, reverse=True))
    return re.compile(r"\s*[”\"']?\s*(?:" + ordered + r")(?![\w-])", re.I)


def _broker(phrases: list[str]) -> re.Pattern[str]:
    """A mediator phrase and who it names, up to a time or place phrase or the clause end."""
    ordered = "|".join(sorted(phrases, key=len, reverse=True))
    return re.compile(
        r"\b(?:" + ordered + r")\s+(?P<who>[^,.;]{2,80}?)"
        r"(?=\s+(?:on|in|at|last|this|early|late|to|after|before|between)\b|[,.;]|$)",
        re.I,
    )


@lru_cache(maxsize=1)
def role_cues() -> RoleCues:
    """The cues shipped with the package (parsed once per process)."""
    data = read_data("deal_roles.toml")
    return RoleCues(
        besieger_end=_ending(data["besieger"]["patterns"]),
        kin_after=_starting(data["kin_after"]["patterns"]),
        kin_before_end=_ending(data["kin_before"]["patterns"]),
        part_of=words_pattern(data["part_of"]["patterns"]),
        speaker_after=_starting(data["speaker_after"]["patterns"]),
        speaker_before_end=_ending(data["speaker_before"]["patterns"]),
        broker=_broker(data["broker"]["patterns"]),
        mover_noun=words_pattern(data["mover_noun"]["patterns"]),
        holder_suffix=re.compile(
            r"-(?:" + "|".join(data["holder_compound"]["suffixes"]) + r")\b", re.I
        ),
        destination_end=re.compile(
            r"\b(?:"
            + "|".join(data["holder_compound"]["destination_before"])
            + r")\s+(?:the\s+)?(?:\w+\s+)?$",
            re.I,
        ),
    )
