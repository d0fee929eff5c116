"""Actors named in a sentence, and who does what to whom.

Roles come from word order around the trigger, which holds well in news
English: the agent precedes the verb ("the SDF captured …"), the patient
follows it; "X allowed Y to leave" names the allowing party first.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from wardesk.lexicon import Actor, Lexicon

ALLOW_RE = re.compile(r"\b(?:allow(?:ed|s|ing)?|let|permit(?:ted|s)?|agree(?:d|s)? to let)\b", re.I)
PASSIVE_RE = re.compile(r"\b(?:was|were|been|being|be)\s+(?:\w+ly\s+)?\w+ed\s+by\s*$", re.I)
DEFECT_TO_RE = re.compile(r"\b(?:defect(?:ed|ing|s)?|gave (?:himself|themselves) up)\s+to\b", re.I)


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor named at a position in a sentence."""

    actor: Actor
    start: int
    end: int

    @property
    def name(self) -> str:
        """The canonical name."""
        return self.actor.name


@dataclass(frozen=True, slots=True)
class Roles:
    """Who did it, to whom, and for deals who leaves and who lets them."""

    actor1: str | None
    actor2: str | None
    assoc: tuple[str, ...] = ()
    withdrawing: str | None = None
    allowing: str | None = None


def find_actors(text: str, lexicon: Lexicon) -> list[ActorMention]:
    """Every actor alias in ``text``, longest first where they overlap, in order."""
    hits = []
    for actor in lexicon.actors:
        hits.extend(ActorMention(actor, m.start(), m.end()) for m in actor.pattern.finditer(text))
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[ActorMention] = []
    for hit in hits:
        if not kept or hit.start >= kept[-1].end:
            kept.append(hit)
    return kept


def find_anaphora(text: str, lexicon: Lexicon) -> list[ActorMention]:
    """Descriptions ("the jihadists") that may point back to an actor named earlier."""
    return [
        ActorMention(actor, m.start(), m.end())
        for actor in lexicon.actors
        if actor.anaphora is not None
        for m in actor.anaphora.finditer(text)
    ]


def page_dyad(counts: Counter[str]) -> tuple[str | None, str | None]:
    """The two armed actors a page talks about most, as a fallback for bare sentences."""
    armed = [name for name, _ in counts.most_common() if name != "Civilians"]
    return (armed[0] if armed else None, armed[1] if len(armed) > 1 else None)


def assign_roles(
    text: str, trigger_at: int, actors: list[ActorMention], *, deal: bool, defection: bool
) -> Roles:
    """Decide actor1/actor2 (and for deals the withdrawing and allowing parties)."""
    if deal or defection:
        return _deal_roles(text, actors, defection=defection)
    before = [a for a in actors if a.end <= trigger_at]
    after = [a for a in actors if a.start >= trigger_at]
    agent = _agent(text, before, after)
    others = _distinct([a.name for a in before + after], exclude=agent)
    actor2 = others[0] if others else None
    return Roles(agent, actor2, tuple(others[1:]))


def _agent(text: str, before: list[ActorMention], after: list[ActorMention]) -> str | None:
    # "5 SDF fighters were killed by ISIS": the agent follows a passive "by".
    for hit in after:
        if PASSIVE_RE.search(text[: hit.start]):
            return hit.name
    armed_before = [a for a in before if a.name != "Civilians"]
    if armed_before:
        return armed_before[0].name
    armed_after = [a for a in after if a.name != "Civilians"]
    return armed_after[0].name if armed_after else None


def _deal_roles(text: str, actors: list[ActorMention], *, defection: bool) -> Roles:
    names = _distinct([a.name for a in actors if a.name != "Civilians"])
    allow = ALLOW_RE.search(text)
    if defection:
        to = DEFECT_TO_RE.search(text)
        leaving = _first(actors, lambda a: not to or a.start < to.start())
        joining = _first(actors, lambda a: to is not None and a.start > to.end())
        return Roles(leaving, joining, withdrawing=leaving, allowing=joining)
    if allow:
        allowing = _last_before(actors, allow.start()) or _first(actors, lambda a: a.actor.state)
        withdrawing = _first(actors, lambda a: a.start > allow.end() and a.name != allowing)
    else:
        withdrawing = _first(actors, lambda a: not a.actor.state and a.name != "Civilians")
        allowing = next((n for n in names if n != withdrawing), None)
    others = _distinct(names, exclude=allowing)
    others = [n for n in others if n != withdrawing]
    return Roles(allowing, withdrawing, tuple(others), withdrawing, allowing)


def _first(actors: list[ActorMention], keep) -> str | None:
    return next((a.name for a in actors if a.name != "Civilians" and keep(a)), None)


def _last_before(actors: list[ActorMention], position: int) -> str | None:
    found = [a.name for a in actors if a.end <= position and a.name != "Civilians"]
    return found[-1] if found else None


def _distinct(names: list[str], exclude: str | None = None) -> list[str]:
    seen: list[str] = []
    for name in names:
        if name != exclude and name not in seen:
            seen.append(name)
    return seen
