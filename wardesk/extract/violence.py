"""Violent events as ACLED codes them: the means decides the type, the syntax the roles.

Entry points: :func:`by_means` (which sub-event type a clause's violence is) and
:func:`violence_roles` (perpetrator and victim from the dependency parse). Tolls live in
:mod:`wardesk.extract.tolls`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc

from wardesk.extract.actors import ActorMention, Roles
from wardesk.extract.tolls import armed_among_the_dead, only_a_running_toll
from wardesk.lexicon import EventType, Lexicon, read_data
from wardesk.nlp import lemma

REMOTE = "Explosions/Remote violence"
# The event families whose roles are perpetrator and victim.
VIOLENT_FAMILIES = frozenset({REMOTE, "Violence against civilians", "Battles"})
CIVILIANS = "Civilians"


def by_means(
    found: tuple[EventType, re.Match[str]],
    clause: str,
    lexicon: Lexicon,
    reports: Callable[[re.Match[str]], bool] = lambda _: True,
) -> tuple[EventType, re.Match[str]]:
    """The type the clause's weapon gives: civilians killed by an air strike, shelling or a
    bomb are that remote attack's victims, not an Attack of their own (ACLED codes the
    means). ``reports`` keeps only triggers that tell an event ("a bomb planted under a
    bus" only describes the bomb; "went off" tells the event)."""
    event_type, _ = found
    if not event_type.yields_to_means:
        return found
    best = None
    # Armed men among the dead make it a battle (ACLED: an attack on an armed group is a
    # clash), unless a weapon names a remote attack.
    wanted = {REMOTE, "Battles"} if armed_among_the_dead(clause) else {REMOTE}
    for candidate in lexicon.event_types:
        if candidate.event_type not in wanted or candidate.territorial:
            continue
        match = next((m for m in candidate.pattern.finditer(clause) if reports(m)), None)
        if match and (best is None or candidate.priority > best[0].priority):
            best = (candidate, match)
    return best or found


AGENT, VICTIM, OPPONENT = "agent", "victim", "opponent"
# Dependents that only describe the noun they hang on: climb them to the phrase's head.
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "nummod", "npadvmod", "quantmod"})


@dataclass(frozen=True, slots=True)
class RoleCues:
    """The ``[violence_roles]`` word lists of events.toml."""

    means: frozenset[str]
    suffer: frozenset[str]
    fight: frozenset[str]
    target: frozenset[str]
    civilian_nouns: frozenset[str]
    harm: frozenset[str]
    aims: frozenset[str]


@lru_cache(maxsize=1)
def role_cues() -> RoleCues:
    """The role word lists shipped with the package (read once per process)."""
    data = read_data("events.toml")["violence_roles"]
    keys = ("means", "suffer", "fight", "target", "civilian_nouns", "harm", "aims")
    return RoleCues(*(frozenset(data[key]) for key in keys))


def violence_roles(
    parsed: Doc | None, roles: Roles, actors: list[ActorMention], event_type: EventType
) -> Roles:
    """Perpetrator and victim of a violent event from the parse, not from word order.

    The subject of an active harm ("X killed"), the agent of a passive one ("killed by X")
    and the owner of the weapon ("X's air strikes", "shelling by X") did it; the object,
    the passive subject and the one that died were hit. ``roles`` (from word order) fills
    what the parse leaves open.
    """
    if parsed is None or event_type.event_type not in VIOLENT_FAMILIES:
        return roles
    found: dict[str, list[str]] = {AGENT: [], VICTIM: [], OPPONENT: []}
    for actor in actors:
        role = _role_of(parsed, actor)
        if role and actor.name not in found[role]:
            found[role].append(actor.name)
    if _civilians_hit(parsed) and CIVILIANS not in found[VICTIM]:
        found[VICTIM].append(CIVILIANS)
    agents = [a for a in found[AGENT] if a != CIVILIANS]
    # One side named twice ("a massacre by IS … to fight IS"): what it did comes first.
    victims = [v for v in found[VICTIM] if v not in agents]
    if agents:
        actor1 = agents[0]
        actor2 = next((v for v in victims if v != actor1), None)
    elif victims and found[OPPONENT]:
        actor2 = victims[0]
        actor1 = next((o for o in found[OPPONENT] if o != actor2), None)
    elif roles.actor1 in victims and roles.actor2 not in victims:
        # Word order took the victim for the perpetrator ("… killed 20 IS fighters"); when
        # both sides died ("claimed the lives of X and Y") the order stands.
        actor1 = roles.actor2 if roles.actor2 != CIVILIANS else None
        actor2 = roles.actor1
    else:
        actor2 = roles.actor2 or next(iter(victims), None)
        return _civilians_never_strike(roles, roles.actor1, actor2)
    if actor2 is None:
        others = [roles.actor2, roles.actor1, *found[OPPONENT]]
        actor2 = next((o for o in others if o and o not in (actor1, CIVILIANS)), None)
    return _civilians_never_strike(roles, actor1, actor2)


def _civilians_never_strike(roles: Roles, actor1: str | None, actor2: str | None) -> Roles:
    """Civilians are the victims of violence, never its perpetrator: named first, they
    are who was hit."""
    if actor1 == CIVILIANS:
        actor1, actor2 = None, actor2 or CIVILIANS
    named = (*roles.assoc, roles.actor1, roles.actor2)
    assoc = tuple(dict.fromkeys(n for n in named if n and n not in (actor1, actor2)))
    return replace(roles, actor1=actor1, actor2=actor2, assoc=assoc)


def _civilians_hit(parsed: Doc) -> bool:
    """Whether the people hit are civilians by what they are: "killed five children",
    "worshippers were shot"."""
    cues = role_cues()
    return any(
        lemma(token) in cues.civilian_nouns and _dep_role(token, cues) == VICTIM
        for token in parsed
        if token.pos_ in ("NOUN", "PROPN")
    )


def _role_of(parsed: Doc, actor: ActorMention) -> str | None:
    """What the phrase naming ``actor`` does in its clause: agent, victim, opponent or None."""
    span = parsed.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None:
        return None
    cues = role_cues()
    head = span.root
    while head.dep_ in MODIFIER_DEPS and head.head is not head:
        if lemma(head) in cues.means:
            break
        head = head.head
    if lemma(head) in cues.means and head not in span:
        return AGENT  # "US-led air strikes", "an ISIS landmine"
    if head.dep_ == "conj":
        return _conjunct_role(head, cues)
    return _dep_role(head, cues)


def _dep_role(head, cues: RoleCues) -> str | None:
    dep = head.dep_
    if dep in ("nsubjpass", "dobj", "nsubj"):
        verb = lemma(head.head)
        # Only a verb of harm says who did what to whom ("preventing X" names no victim).
        if verb not in cues.harm:
            return None
        if dep == "nsubj":
            return VICTIM if verb in cues.suffer else AGENT
        return VICTIM
    if dep == "pobj":
        preposition = head.head
        word = preposition.lower_
        if word == "by" or preposition.dep_ == "agent":
            return AGENT
        if word == "from" and lemma(preposition.head) in cues.means:
            return AGENT  # "artillery fire from Turkish forces"
        if word == "with" and lemma(preposition.head) in cues.fight:
            return OPPONENT  # "killed in clashes with X"
        if word in cues.target:
            return VICTIM
        if word == "of" and preposition.head.dep_ in ("dobj", "nsubjpass"):
            return _dep_role(preposition.head, cues)  # "abducted a group of students"
    return None


def _conjunct_role(head, cues: RoleCues) -> str | None:
    """ "X and Y killed": Y acts alongside X; "killed X and Y": both were hit."""
    first = head.head
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    return _dep_role(first, cues)


# How many clauses up from a trigger an aiming infinitive is looked for.
MAX_CLAUSE_CLIMB = 3


def only_aimed_at(parsed: Doc | None, match: re.Match[str], offset: int = 0) -> bool:
    """A trigger in an infinitive that only aims at the act ("launched an operation to
    retake X", "fighting to recapture X", "an attempt to seize X"): the act has not happened,
    the fighting has ("were able to kill" did happen: "able" aims at nothing). A clause said
    under such an infinitive is aimed at too ("is expected to declare it has retaken X")."""
    if parsed is None:
        return False
    span = parsed.char_span(offset + match.start(), offset + match.end(), alignment_mode="expand")
    if span is None:
        return False
    verb = span.root
    if verb.dep_ == "dobj":  # "took full control of X": the verb that takes the object
        verb = verb.head
    for _ in range(MAX_CLAUSE_CLIMB):
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        if infinitive and verb.head is not verb and lemma(verb.head) in role_cues().aims:
            return True
        if verb.dep_ not in ("ccomp", "xcomp") or verb.head is verb:
            return False
        verb = verb.head
    return False


def running_toll_only(text: str, event_type: EventType) -> bool:
    """A killing told only as a running toll ("600 civilians were killed in the city so
    far") sums many events; it reports no new one. Named fighting, strikes or executions
    stay events whatever their toll."""
    return event_type.yields_to_means and only_a_running_toll(text)
