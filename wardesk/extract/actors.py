"""Actors named in a sentence, and who does what to whom.

Roles come from word order around the trigger, which holds well in news
English: the agent precedes the verb ("the SDF captured …"), the patient
follows it; "X allowed Y to leave" names the allowing party first.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from wardesk.extract.cues import role_cues
from wardesk.lexicon import Actor, Lexicon, data_pattern

PASSIVE_ALLOW_RE = re.compile(r"\b(?:be|been|being|is|are|was|were)\s+(?:\w+ly\s+)?$", re.I)
PASSIVE_BY_RE = re.compile(
    r"\b(?:released|freed|handed over|brokered|allowed|let go)\b[^.;]{0,60}\bby\s+(?:the\s+)?$|\brelease of\b[^.;]{0,60}\bby\s+(?:the\s+)?$",
    re.I,
)
ALLOW_RE = re.compile(r"\b(?:allow(?:ed|s|ing)?|let|permit(?:ted|s)?|agree(?:d|s)? to let)\b", re.I)
CIVILIANS = "Civilians"
GENERIC = "(generic)"
# The verb that ends the phrase naming who is let go: "allowed X to leave", "let X go".
MOVE_VERB = re.compile(
    r"\b(?:to\s+(?:\w+ly\s+)?)?(?:leave|withdraw|exit|go|depart|evacuate|move|head)\b", re.I
)
PASSIVE_RE = re.compile(r"\b(?:was|were|been|being|be)\s+(?:\w+ly\s+)?\w+ed\s+by\s*$", re.I)
PROPER_ENTITIES = frozenset({"NORP", "GPE", "ORG", "PERSON", "FAC", "LOC"})
# Capitalised at the start of a sentence, these are no names.
GENERIC_WORDS = frozenset(
    {
        "some",
        "the",
        "government",
        "pro-government",
        "security",
        "armed",
        "local",
        "foreign",
        "many",
        "several",
        "other",
        "rival",
    }
)
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


def find_actors(
    text: str,
    lexicon: Lexicon,
    *,
    country: str | None = None,
    parsed: Doc | None = None,
    parties_only: bool = True,
) -> list[ActorMention]:
    """Every actor in ``text``, longest first where they overlap, in order.

    ``country`` is the page's country: generic names ("rebels", "the army") mean an
    actor of the home war only there and keep the page's words elsewhere. With the
    sentence's ``parsed`` doc, groups the list does not know ("Northern Shield Brigade",
    "Moldavian forces") are found by their form and keep the page's name. With
    ``parties_only`` (the default) names that only say who speaks or who mediates are left
    out; without it every name is kept (they are still no places).
    """
    hits = []
    generic: dict[tuple[int, int], list[Actor]] = {}
    for actor in lexicon.actors:
        hits.extend(
            ActorMention(_as_spelled(actor, m.group(0), lexicon), m.start(), m.end())
            for m in actor.pattern.finditer(text)
        )
        if actor.home_pattern is not None:
            for m in actor.home_pattern.finditer(text):
                generic.setdefault((m.start(), m.end()), []).append(actor)
    hits.extend(_generic_readings(text, generic, lexicon, country))
    known = list(hits)
    hits.extend(
        group
        for group in _named_groups(text, lexicon, parsed)
        if not any(k.start < group.end and group.start < k.end for k in known)
        and not _listed_in_brackets(text, group.end, known)
        and not _describes_known(parsed, group.end - 1, known)
    )
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[ActorMention] = []
    for hit in hits:
        if not kept or hit.start >= kept[-1].end:
            kept.append(hit)
    # Who reports an event or mediates a deal is no party to it: the first is its source,
    # the second goes to the deal's brokers.
    if not parties_only:
        return kept
    return [
        hit
        for hit in kept
        if not is_speaker(text, hit)
        and not _mediates(text, hit)
        and not _state_named_as_place(parsed, hit)
    ]


def _state_named_as_place(parsed: Doc | None, hit: ActorMention) -> bool:
    """ "Talks were held in Vienna", "they fled to safety across Freedonia": a foreign state
    after a preposition of place names where, not who."""
    if parsed is None or hit.actor.kind != "foreign state":
        return False
    span = parsed.char_span(hit.start, hit.end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root
    # "fire from Turkish forces" names a side: only the state's place name is a place
    return (
        head.ent_type_ in ("GPE", "LOC")
        and head.dep_ == "pobj"
        and bool(data_pattern("actors.toml", "state_as_place").fullmatch(head.head.lower_))
    )


def is_speaker(text: str, hit: ActorMention) -> bool:
    """ "opposition sources claimed", "a news service run by Hezbollah said": a name that
    only says who speaks is the source of the report, not a party to the event."""
    cues = role_cues()
    after = cues.speaker_after.match(text, hit.end)
    if after is not None and not re.match(r"\s*(?:of|in|from)\b", text[after.end() :]):
        return bool(
            re.search(
                r"\b(?:said|says|say|told|reported|claimed|announced|stated|according)\b", text
            )
        )
    return bool(cues.speaker_before_end.search(text[: hit.start]))


def _as_spelled(actor: Actor, words: str, lexicon: Lexicon) -> Actor:
    """A group outside the canonical list under the page's spelling ("Jays al-Islam")."""
    if not actor.page_spelling:
        return actor
    bare = re.sub(r"^(?:the)\s+", "", re.sub(r"\s+", " ", words), flags=re.I)
    return _new_actor(bare, actor.kind, actor.state, lexicon)


def _generic_readings(
    text: str, spans: dict[tuple[int, int], list[Actor]], lexicon: Lexicon, country: str | None
) -> list[ActorMention]:
    """Each generic name ("the coalition", "the army") as the actor whose home war the page
    is about; when none is at home, as the page names it (see ``_page_named``)."""
    readings = []
    for (start, end), actors in spans.items():
        words, war = text[start:end], country
        nation = _nationality_before(text, start, lexicon)
        if nation is not None and actors[0].state:
            # "the Afghan security forces": the force of the nation named, wherever the page is
            war, start = nation
        home = next((a for a in actors if _at_home(a, war)), None)
        found = home or _page_named(words, actors[0], lexicon, war)
        readings.append(ActorMention(found, start, end))
    return readings


def _nationality_before(text: str, start: int, lexicon: Lexicon) -> tuple[str, int] | None:
    """The country whose adjective of nationality stands right before ``start``, and where
    that adjective starts ("Afghan" in "the Afghan security forces")."""
    if lexicon.groups is None:
        return None
    before = text[:start].rstrip()
    for country, adjective in lexicon.groups.demonyms.items():
        if before.endswith(adjective) and not before[: -len(adjective)][-1:].isalnum():
            return country, len(before) - len(adjective)
    return None


def _at_home(actor: Actor, country: str | None) -> bool:
    """A page with no country known is read as one about the list's home war (the first
    listed, when an actor's war spans several countries)."""
    if country is None or actor.home is None:
        return True
    homes = (actor.home,) if isinstance(actor.home, str) else actor.home
    return country in homes


def _page_named(words: str, generic: Actor, lexicon: Lexicon, country: str | None) -> Actor:
    """The actor a generic name means outside its home war: a state force takes the page's
    nationality ("security forces" in Somalia: "Somali security forces", or a listed actor
    when that names one); anyone else keeps the page's word ("Gunmen")."""
    bare = re.sub(r"^(?:the|a|an)\s+", "", words.strip(), flags=re.I)
    demonym = lexicon.groups.demonyms.get(country or "") if lexicon.groups else None
    if generic.state and demonym:
        # Capitalised only because it opens the sentence: "Government forces retook …".
        if bare[1:2].islower():
            bare = bare[:1].lower() + bare[1:]
        head = bare.split()[-1]
        for name in (f"{demonym} {bare}", f"{demonym} {head}"):
            listed = _listed(name, lexicon)
            if listed is not None:
                return listed
        return _new_actor(f"{demonym} {bare}", "state force", True, lexicon)
    return _new_actor(bare[:1].upper() + bare[1:], generic.kind, False, lexicon, generic=True)


def _shortened(name: str, lexicon: Lexicon) -> Actor | None:
    """ "Democratic Forces" for "Syrian Democratic Forces": a listed name without its
    first words is still that actor."""
    words = name.lower().split()
    return next(
        (
            a
            for a in lexicon.actors
            for alias in a.aliases
            if len(alias.split()) > len(words) and alias.lower().split()[-len(words) :] == words
        ),
        None,
    )


def _listed(name: str, lexicon: Lexicon) -> Actor | None:
    """The listed actor whose alias is all of ``name``."""
    return next((a for a in lexicon.actors if a.pattern.fullmatch(name)), None)


def _named_groups(text: str, lexicon: Lexicon, parsed: Doc | None) -> list[ActorMention]:
    """Groups named by form: proper words or a nationality, then a group noun."""
    groups = lexicon.groups
    if groups is None or parsed is None:
        return []
    found = []
    for m in groups.pattern.finditer(text):
        start = _proper_start(parsed, m.start("name"), m.end("name"))
        if start is None:
            continue
        name = text[start : m.end()]
        qualifier = text[start : m.end("name")]
        state = bool(groups.state_words.search(m.group("rest"))) and _is_demonym(
            qualifier, groups.demonyms
        )
        if not state and _describes_members(parsed, start, m.end("name"), m.group("head"), groups):
            continue
        kind = "state force" if state else "rebel group"
        if state and re.search(r"\bgovernment\b", m.group("rest"), re.I):
            # A government's army, troops or soldiers are its government forces.
            name = f"{_demonym(qualifier, groups.demonyms)} government forces"
        listed = _listed(f"{_demonym(qualifier, groups.demonyms)} {m.group('head')}", lexicon)
        if not state:
            listed = _shortened(name, lexicon)
        actor = listed or _new_actor(name, kind, state, lexicon)
        found.append(ActorMention(actor, start, m.end()))
    return found


def _proper_start(parsed: Doc, start: int, end: int) -> int | None:
    """Where the proper name inside [start, end) begins: sentence-initial common words
    ("Some", "Government") are dropped; None when no proper word is left."""
    for token in parsed:
        if token.idx < start or token.idx >= end:
            continue
        proper = token.tag_ in ("NNP", "NNPS") or token.ent_type_ in PROPER_ENTITIES
        if proper and token.lower_ not in GENERIC_WORDS:
            return token.idx
    return None


def _describes_members(parsed: Doc, start: int, end: int, head: str, groups) -> bool:
    """ "Syrian fighters", "Eastern Mountain fighters": people described by nationality or
    by where they come from are members of some group, not its name; only a group noun
    ("Force", "Brigade") makes such words a name."""
    if head.lower() not in groups.people:
        return False
    words = parsed.doc.text[start:end]
    if _is_demonym(words, groups.demonyms):
        return True
    tokens = [t for t in parsed if start <= t.idx < end]
    return bool(tokens) and all(t.ent_type_ in ("GPE", "LOC", "FAC") for t in tokens)


def _describes_known(parsed: Doc | None, at: int, known: list[ActorMention]) -> bool:
    """ "The SDF, an alliance of Arab and Circassian militias, took …": words in an
    apposition to a listed actor describe that actor; they name no other side."""
    token = next((t for t in parsed if t.idx <= at < t.idx + len(t)), None) if parsed else None
    while token is not None and token.head.i != token.i:
        if token.dep_ == "appos":
            head = token.head
            return any(k.start <= head.idx < k.end for k in known)
        token = token.head
    return False


def _listed_in_brackets(text: str, end: int, known: list[ActorMention]) -> bool:
    """ "Kurdish Self-Defense Forces (YPG)": a bracketed listed name says who it is."""
    bracket = re.match(r"\s*\(", text[end:])
    return bracket is not None and any(k.start == end + bracket.end() for k in known)


def _demonym(name: str, demonyms: dict[str, str]) -> str:
    """ "Iraq’s" and "Iraqi" are both "Iraqi"; other words stay as they are."""
    country = re.sub(r"['’]s$", "", name)
    return demonyms.get(country, name)


def _is_demonym(name: str, demonyms: dict[str, str]) -> bool:
    return _demonym(name, demonyms) in demonyms.values()


@lru_cache(maxsize=4096)
def _new_actor_cached(name: str, kind: str, state: bool, rank: int, home: str | None) -> Actor:
    return Actor(name, kind, state, rank, re.compile(re.escape(name)), None, home)


def _new_actor(
    name: str, kind: str, state: bool, lexicon: Lexicon, *, generic: bool = False
) -> Actor:
    """An actor the list does not know, under the page's name; its rank is its kind's.
    A generic word kept as a name ("Gunmen") is marked, so that the page's own name for
    that side can replace it."""
    rank = next((a.rank for a in lexicon.actors if a.kind == kind), 2)
    return _new_actor_cached(name, kind, state, rank, GENERIC if generic else None)


def is_generic(actor: Actor) -> bool:
    """Whether ``actor`` is a generic word kept as a name outside the home war."""
    return actor.home == GENERIC


def resolve_generic(
    actors: list[ActorMention], counts: Counter[str], by_name: dict[str, Actor]
) -> list[ActorMention]:
    """Outside the home war, "the rebels" or "gunmen" on a page that names one armed
    non-state group more than any other mean that group (a page about the Houthis calls
    them "the rebels" too); otherwise they keep the page's word."""
    named = [
        n
        for n, _ in counts.most_common()
        if n in by_name
        and not by_name[n].state
        and not is_generic(by_name[n])
        and by_name[n].kind != "civilians"
    ]
    if not named:
        return actors
    main = by_name[named[0]]
    return [ActorMention(main, a.start, a.end) if is_generic(a.actor) else a for a in actors]


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


SUPPORT_RE = re.compile(
    r"\b(?:supported|backed|aided|assisted|helped|joined) by\s+[“\"']?(?:the\s+)?$"
    r"|\bwith the support of\s+[“\"']?(?:the\s+)?$",
    re.I,
)
# "1,800 ISIL jihadists were killed": the subject of a passive harm is its victim.
SUFFERS_RE = re.compile(
    r"\s*(?:[\w-]+\s+){0,3}?(?:were|was|have been|has been|had been)\s+(?:\w+ly\s+)?"
    r"(?:killed|wounded|captured|defeated|hit|targeted|destroyed|expelled|driven out|executed)\b",
    re.I,
)
PATIENT_RE = re.compile(r"\b(?:from|against|over|with|targeting|on)\s+(?:the\s+|its\s+)?$", re.I)


def assign_roles(
    text: str,
    trigger_at: int,
    actors: list[ActorMention],
    context: list[Actor],
    *,
    deal: bool,
    defection: bool,
    armed_patient_first: bool = False,
) -> Roles:
    """Decide actor1/actor2 (and for deals the withdrawing and allowing parties).

    ``context`` lists actors the page has just been talking about, most
    relevant first; they fill a side the sentence leaves unnamed.
    """
    if defection:
        return _defection_roles(text, actors)
    if deal:
        return _deal_roles(text, trigger_at, actors, context)
    supporters = [a for a in actors if SUPPORT_RE.search(text[: a.start])]
    supporters += _co_agents(text, trigger_at, actors, supporters)
    players = [a for a in actors if a not in supporters]
    agent = _agent(text, trigger_at, players)
    # The other side is named after the verb ("… killed 250 ISIL jihadists") more often
    # than before it, so those come first.
    after = [a.name for a in players if a.start >= trigger_at]
    patients = _distinct(after + [a.name for a in players], exclude=agent)
    if armed_patient_first:
        # In a battle the other side is armed; civilians are casualties, not the opponent.
        patients.sort(key=lambda name: name == "Civilians")
    if agent is None:
        agent = next((c.name for c in context if c.name not in patients), None)
    if not patients:
        patients = [c.name for c in context if c.name not in (agent, "Civilians")][:1]
    assoc = _distinct([a.name for a in supporters] + patients[1:], exclude=agent)
    return Roles(agent, patients[0] if patients else None, tuple(assoc))


def _co_agents(
    text: str, trigger_at: int, actors: list[ActorMention], supporters: list[ActorMention]
) -> list[ActorMention]:
    """ "The Iraqi air force and coalition warplanes killed …": the second of two agents
    joined by "and" before the verb acts alongside the first."""
    before = [a for a in actors if a.end <= trigger_at and a not in supporters]
    return [
        b
        for a, b in zip(before, before[1:], strict=False)
        if re.fullmatch(r"\s*(?:and|,)\s*(?:the\s+)?", text[a.end : b.start], re.I)
        and a.name != b.name
    ]


def _agent(text: str, trigger_at: int, players: list[ActorMention]) -> str | None:
    # "5 SDF fighters were killed by ISIS": the agent follows a passive "by".
    for hit in players:
        if PASSIVE_RE.search(text[: hit.start]):
            return hit.name
    able = [
        a
        for a in players
        if a.name != "Civilians"
        and not PATIENT_RE.search(text[: a.start])
        and not SUFFERS_RE.match(text[a.end :])
    ]
    before = [a for a in able if a.start < trigger_at]
    after = [a for a in able if a.start >= trigger_at]
    chosen = before[0] if before else (after[0] if after else None)
    return chosen.name if chosen else None


def _defection_roles(text: str, actors: list[ActorMention]) -> Roles:
    to = DEFECT_TO_RE.search(text)
    leaving = _first(actors, lambda a: not to or a.start < to.start())
    joining = _first(actors, lambda a: to is not None and a.start > to.end())
    return Roles(leaving, joining, withdrawing=leaving, allowing=joining)


def _deal_roles(
    text: str, trigger_at: int, actors: list[ActorMention], context: list[Actor]
) -> Roles:
    kin = [a for a in actors if _names_kin(text, a)]
    # "Hezbollah, backed by Syrian forces": a supporter is neither side of the deal.
    supporters = [a for a in actors if SUPPORT_RE.search(text[: a.start])]
    actors = [a for a in actors if a not in kin and a not in supporters]
    allowing, withdrawing = _allow_structure(text, actors, kin)
    if withdrawing is None and _crowd_leaves(text, trigger_at, actors):
        withdrawing = CIVILIANS
    named = [a.actor for a in actors]
    allowing, withdrawing = _by_rank(named, allowing, withdrawing)
    allowing, withdrawing = _from_context(context, allowing, withdrawing)
    names = _distinct([a.name for a in actors if a.name != CIVILIANS])
    others = [n for n in names if n not in (allowing, withdrawing)]
    # When only a side's relatives leave, that side is still the other party to the deal.
    party = kin[0].name if withdrawing == CIVILIANS and kin else withdrawing
    return Roles(allowing, party, tuple(others), withdrawing, allowing)


def _mediates(text: str, actor: ActorMention) -> bool:
    """Whether ``actor`` is named in a mediator phrase ("under the auspices of Russia")."""
    return any(
        m.start("who") <= actor.start < m.end("who") for m in role_cues().broker.finditer(text)
    )


def _names_kin(text: str, actor: ActorMention) -> bool:
    """ "ISIS family members", "the families of ISIS fighters": the actor says whose
    relatives leave; the relatives are not that side's fighters."""
    cues = role_cues()
    return bool(
        cues.kin_after.match(text, actor.end) or cues.kin_before_end.search(text[: actor.start])
    )


def _crowd_leaves(text: str, trigger_at: int, actors: list[ActorMention]) -> bool:
    """ "3,000 people, including 700 fighters from X, left …": the subject is a crowd of
    civilians, and the armed side named inside "including …" is only a part of it."""
    before = [a for a in actors if a.end <= trigger_at]
    if len(before) < 2 or before[0].name != CIVILIANS:
        return False
    aside = role_cues().part_of.search(text, before[0].end, trigger_at)
    return aside is not None and all(a.start >= aside.end() for a in before[1:])


def _mover_in_phrase(
    text: str, start: int, actors: list[ActorMention], kin: list[ActorMention], exclude: str
) -> str | None:
    """Who "X allowed … to leave" lets go, from the words before the verb of moving: an
    armed side named there, else the civilians (or some side's relatives) named there."""
    verb = MOVE_VERB.search(text, start)
    if verb is None:
        return None
    inside = [a for a in actors if start <= a.start and a.end <= verb.start()]
    armed = [a.name for a in inside if a.name not in (CIVILIANS, exclude)]
    if armed:
        return armed[0]
    relatives = any(start <= a.start and a.end <= verb.start() for a in kin)
    return CIVILIANS if relatives or any(a.name == CIVILIANS for a in inside) else None


def _besieged_structure(
    text: str, actors: list[ActorMention]
) -> tuple[str | None, str | None] | None:
    """ "evacuations from villages besieged by the rebels": the besieger lets people out;
    those leaving are the other side named, else the besieged place's people."""
    besieger = next(
        (
            a
            for a in actors
            if role_cues().besieger_end.search(text[: a.start]) or _holds_origin(text, a)
        ),
        None,
    )
    if besieger is None:
        return None
    leaving = _first(actors, lambda a: a.name != besieger.name)
    return besieger.name, leaving or CIVILIANS


def _holds_origin(text: str, actor: ActorMention) -> bool:
    """ "from the rebel-occupied villages": an actor fused with "-held", "-besieged" holds
    the place it describes, unless that place is where people go ("for the rebel-held north")."""
    cues = role_cues()
    return bool(cues.holder_suffix.match(text, actor.end)) and not cues.destination_end.search(
        text[: actor.start]
    )


def _allow_structure(
    text: str, actors: list[ActorMention], kin: list[ActorMention] = ()
) -> tuple[str | None, str | None]:
    """Sides a sentence states outright: "X allowed Y to leave", "Y were allowed to leave",
    "the release of Y by X", "a town besieged by X"."""
    by_agent = next((a for a in actors if PASSIVE_BY_RE.search(text[: a.start])), None)
    allow = ALLOW_RE.search(text)
    if allow and PASSIVE_ALLOW_RE.search(text[: allow.start()]):
        leaving = _last_before(actors, allow.start())
        return (by_agent.name if by_agent else None), leaving
    if allow:
        principals = [
            a
            for a in actors
            if not SUPPORT_RE.search(text[: a.start]) and not PATIENT_RE.search(text[: a.start])
        ]
        allowing = _last_before(principals, allow.start())
        if allowing is not None:
            leaving = _mover_in_phrase(text, allow.end(), actors, kin, allowing) or _first(
                actors, lambda a: a.start > allow.end() and a.name != allowing
            )
            return allowing, leaving
    besieged = _besieged_structure(text, actors)
    if besieged is not None:
        return besieged
    moved = _moved_by_noun(text, actors)
    if moved is not None:
        return moved
    if by_agent is not None:
        other = _first(actors, lambda a: a.name != by_agent.name)
        return by_agent.name, other
    return None, None


MOVER_SPAN = 50  # "the withdrawal of the militants of the X faction": X is still the mover


def _moved_by_noun(text: str, actors: list[ActorMention]) -> tuple[str | None, str | None] | None:
    """ "The capital refused the rebels' offer of a corridor for the garrison":
    the side named in the "of"/"for" phrase of a noun of moving leaves; the other armed side
    named in the sentence lets it (None when the sentence names no other)."""
    for cue in role_cues().mover_noun.finditer(text):
        mover = next(
            (
                a
                for a in actors
                if cue.end() <= a.start <= cue.end() + MOVER_SPAN
                and a.name != CIVILIANS
                and not re.search(r"[,;]", text[cue.end() : a.start])
            ),
            None,
        )
        if mover is not None:
            other = _first(actors, lambda a, m=mover: a.name != m.name)
            return other, mover.name
    return None


def _from_context(
    context: list[Actor], allowing: str | None, withdrawing: str | None
) -> tuple[str | None, str | None]:
    """Fill a side the sentence leaves unnamed with the most relevant plausible actor:
    the page's last leaving party or main actors, weaker than the allowing side."""
    ranks = {a.name: a.rank for a in context}
    if withdrawing is None:
        ceiling = ranks.get(allowing, 3) if allowing else 3
        withdrawing = next(
            (a.name for a in context if a.rank < ceiling and a.name not in (allowing, "Civilians")),
            None,
        )
    if allowing is None:
        floor = ranks.get(withdrawing, 0) if withdrawing else 2
        others = [a for a in context if a.name not in (withdrawing, CIVILIANS)]
        # Between equals ("a truce between two rival brigades") the page's other side is
        # the other party.
        allowing = next((a.name for a in others if a.rank > floor), None) or next(
            (a.name for a in others if withdrawing and a.rank == floor), None
        )
    return allowing, withdrawing


def _by_rank(
    actors: list[Actor], allowing: str | None, withdrawing: str | None
) -> tuple[str | None, str | None]:
    """Fill the missing deal sides: the stronger party allows, the weaker one leaves."""
    armed = sorted(
        {a.name: a for a in actors if a.name != "Civilians"}.values(), key=lambda a: -a.rank
    )
    if not armed or (allowing and withdrawing):
        return allowing, withdrawing
    if allowing is None and withdrawing is None:
        if len(armed) == 1:
            lone = armed[0]
            return (lone.name, None) if lone.rank >= 3 else (None, lone.name)
        return armed[0].name, armed[-1].name
    if allowing is None:
        return next((a.name for a in armed if a.name != withdrawing), None), withdrawing
    return allowing, next((a.name for a in reversed(armed) if a.name != allowing), None)


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
