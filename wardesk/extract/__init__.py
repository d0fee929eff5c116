"""Event mentions from annotated sentences: typed, placed, dated, with actors and deal terms.

Entry point: :func:`extract`. Per candidate sentence it picks the ACLED type
from the strongest trigger, finds actors and places, and writes one mention
per event per place. Sentences that name no actor or place borrow them from
what the page said just before (a compatible actor, the last place).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from wardesk.annotate import Annotation, Sentence
from wardesk.dates import DateFound, find_date, parse_published
from wardesk.extract.actors import (
    ActorMention,
    Roles,
    assign_roles,
    find_actors,
    find_anaphora,
    page_dyad,
    resolve_generic,
)
from wardesk.extract.cues import role_cues
from wardesk.extract.numbers import find_counts
from wardesk.extract.places import PlacePhrase, find_places
from wardesk.extract.tolls import fatalities
from wardesk.extract.violence import (
    by_means,
    only_aimed_at,
    running_toll_only,
    violence_roles,
)
from wardesk.geo.gazetteer import distance_km
from wardesk.lexicon import Actor, EventType, Lexicon
from wardesk.model import Agreement, Evidence, Location, Mention
from wardesk.nlp import lemma

DEAL_TYPES = frozenset(
    {"Agreement", "Non-violent transfer of territory", "Change to group/activity"}
)
TERMS_RE = re.compile(
    r"\b(?P<term>(?:surrender(?:ing)?|hand(?:ing)? over|dismantl(?:e|ing)|withdraw(?:ing)? completely"
    r"|settl(?:e|ing) (?:their|the) (?:legal )?status|releas(?:e|ing))\b[^,.;:]{0,50})",
    re.I,
)
RELATIVE_TO = re.compile(
    r"\b(?:(?:north|south|east|west)(?:ern|-?east|-?west)?|near|outside)(?: of)?\s+(?:the\s+)?$",
    re.I,
)
SAME_SPOT_KM = 10.0
PLACE_PREPOSITION = re.compile(r"\b(?:to|into|in|inside|from|toward|towards)\s+(?:the\s+)?$", re.I)
HEARSAY_PAST = re.compile(
    r"\b(?:is|are|was|were)\s+(?:said|thought|believed|reported|understood|alleged|rumou?red)"
    r"\s+to\s+have\b",
    re.I,
)
WHERE_CLAUSE = re.compile(r"\s*,?\s*where\b(?P<clause>[^,;.]*)", re.I)
LIES_IN = re.compile(
    r"(?:\s+(?:city|town|village|district))?\s*(?:,|\bin\b)\s*(?:the\s+)?"
    r"(?P<rural>rural\s+|countryside\s+of\s+(?:the\s+)?)?",
    re.I,
)
# What a new voice on a known deal adds: who goes (foreign fighters?) or how many.
CLAIM_VALUE = re.compile(
    r"\bforeign (?:fighters|jihadists|militants)\b|\b\d[\d,]* (?:fighters|civilians)\b", re.I
)
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
SPEECH = re.compile(r"\b(?:said|says|told|added|reported|claimed|according to)\b", re.I)
NO_ONE_LEAVES = frozenset({"ceasefire", "prisoner_exchange"})
# A trigger noun after one of these is still to come: it only dates the sentence's event
# ("hours before the swap"). After "after", the earlier act did happen and may be the event.
TIME_PREPOSITIONS = frozenset({"before", "until", "ahead"})
LONG_SPANS = frozenset({"months", "years", "decades"})
HYPOTHETICAL_NOUNS = frozenset({"destruction", "threat", "risk", "fear", "danger", "prospect"})
NOT_PEOPLE = re.compile(
    r"\s*(?:\w+\s+)?(?:vehicles|buses|cars|trucks|tanks|km|kilomet\w*|miles|airstrikes|strikes|shells|rockets)\b",
    re.I,
)
MIXED_GROUP = re.compile(
    r"[^,.;]{0,40}?\band (?:their|its) (?:families|relatives|family members)\b", re.I
)
CONTINUES = re.compile(r"(?:Meanwhile|At the same time|But|Then|Later that day)\b")
# Where one clause of a sentence ends and another, which may tell another event, begins;
# "…," the source said, adding that …" holds a quotation and a further statement.
CLAUSE_BREAK = re.compile(
    r",\s+(?:where|which|while|whereas|adding|(?:just\s+)?(?:hours|days|weeks|months)\s+after"
    r"|(?:just\s+)?(?:an?|one)\s+(?:hour|day|week|month|year)\s+(?:after|before))\b|;\s+|\s+—\s+"
)
REGION_NAME = re.compile(r"\b(?:countryside|province|governorate|region|pocket)\b", re.I)
OWNER_OF = re.compile(
    r"\s+(?:suburbs?|countryside|districts?|neighbou?rhoods?|outskirts|province|governorate)\s+of\s",
    re.I,
)
LIST_MARK = re.compile(r"^\s*(?:[•◦▪●·*–-]|\d{1,2}[.)])\s+")
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# "1,000 people from", "200 ISIS fighters from": a counted group, right before the place it leaves.
COUNTED_FROM = re.compile(
    r"\b\d[\d,]*\s+(?P<who>(?:[\w'’-]+\s+){0,2}?[\w'’-]+)\s+from\s+(?:the\s+)?$"
)
# "the evacuation would include foreign fighters": a new voice on the deal already told.
DEAL_BACK_REFERENCE = re.compile(
    r"\bthe (?:evacuation|deal|agreement|withdrawal|arrangement|truce|ceasefire|convoy)\b", re.I
)

PlaceLookup = Callable[[str], Location | None]


@dataclass(slots=True)
class PageState:
    """What the page has said so far: the context a bare sentence leans on."""

    actor_counts: Counter[str] = field(default_factory=Counter)
    last_actors: list[ActorMention] = field(default_factory=list)
    last_place: PlacePhrase | None = None
    dyad: tuple[str | None, str | None] = (None, None)
    published: str | None = None
    lead_block: int | None = None
    by_name: dict[str, Actor] = field(default_factory=dict)
    last_date: tuple[int, DateFound | None] = (-1, None)
    trigger_at: int | None = None
    last_agent: str | None = None

    last_withdrawing: str | None = None
    strongest: str | None = None
    country: str | None = None

    def context_actors(self, *, leaving_first: bool = False) -> list[Actor]:
        """Actors a bare sentence may mean: the last agent (for a deal, the party last seen
        leaving), then the page's main pair."""
        recent = [self.last_withdrawing, self.last_agent] if leaving_first else [self.last_agent]
        names = [*recent, *self.dyad, self.strongest]
        unique = [n for i, n in enumerate(names) if n and n not in names[:i]]
        return [self.by_name[n] for n in unique if n in self.by_name]


def extract(annotation: Annotation, lexicon: Lexicon, lookup: PlaceLookup) -> list[Mention]:
    """All event mentions of a page, body and comments, in page order."""
    doc = annotation.doc
    state = PageState()
    country = state.country = page_country(annotation.sentences, lookup)
    named = [
        find_actors(sentence.text, lexicon, country=country, parsed=sentence.parsed)
        for sentence in annotation.sentences
    ]
    counts = Counter(
        a.name
        for s, actors in zip(annotation.sentences, named, strict=True)
        for a in actors
        if not s.in_comments
    )
    by_name = {a.name: a for a in lexicon.actors}
    # Groups the list does not know, named on this page, are actors of it too.
    by_name.update((a.name, a.actor) for actors in named for a in actors)
    named = [resolve_generic(actors, counts, by_name) for actors in named]
    for sentence, actors in zip(annotation.sentences, named, strict=True):
        if not sentence.in_comments:
            state.actor_counts.update(a.name for a in actors)
    state.dyad = page_dyad(state.actor_counts)
    state.by_name = by_name
    state.strongest = max(
        state.actor_counts,
        key=lambda n: (state.by_name[n].rank, state.actor_counts[n]),
        default=None,
    )
    state.published = doc.published
    state.lead_block = next((s.block for s in annotation.sentences if not s.in_comments), None)
    published = parse_published(doc.published)
    mentions: list[Mention] = []
    for sentence, actors in zip(annotation.sentences, named, strict=True):
        own_date = find_date(sentence.text, published)
        if own_date is not None and not sentence.in_comments:
            state.last_date = (sentence.block, own_date)
        if _is_list_item(sentence):
            _add_term(mentions, sentence)
        elif sentence.candidate:
            for mention in _sentence_mentions(sentence, actors, state, lexicon, lookup, published):
                mentions.append(_numbered(mention, doc.name, len(mentions) + 1))
        if actors:
            state.last_actors = actors
    return mentions


def page_country(sentences, lookup: PlaceLookup) -> str | None:
    """The country most of the article's named places lie in (None when it names none):
    which war the page is about decides what its generic names ("rebels") mean.

    Countries named alone are as often actors ("Russia", "Turkey") as places, so they only
    decide on a page whose towns and provinces the gazetteer does not know."""
    towns: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    for sentence in sentences:
        if sentence.in_comments or sentence.parsed is None:
            continue
        for place in find_places(sentence.text, sentence.parsed, lookup):
            location = place.location
            if location.country:
                (countries if location.whole_country else towns)[location.country] += 1
    found = towns or countries
    return found.most_common(1)[0][0] if found else None


def _is_list_item(sentence: Sentence) -> bool:
    """A short bulleted line with no finite verb: a term of the deal above, not an event."""
    if sentence.in_comments or not LIST_MARK.match(sentence.text):
        return False
    if len(sentence.text.split()) > 12:
        return False
    tags = {t.tag_ for t in sentence.parsed} if sentence.parsed is not None else set()
    return not tags & FINITE_TAGS


def _add_term(mentions: list[Mention], sentence: Sentence) -> None:
    for index in range(len(mentions) - 1, -1, -1):
        deal = mentions[index].agreement
        if deal is not None:
            term = LIST_MARK.sub("", sentence.text).strip().rstrip(".;")
            mentions[index] = replace(
                mentions[index], agreement=replace(deal, terms=(*deal.terms, term))
            )
            return


def _numbered(mention: Mention, doc_name: str, ordinal: int) -> Mention:
    return replace(mention, doc=doc_name, mention_id=f"{doc_name}#{ordinal}")


def _strongest_type(
    text: str, lexicon: Lexicon, parsed: Doc | None = None, offset: int = 0
) -> tuple[EventType, re.Match[str]] | None:
    best = None
    for event_type in lexicon.event_types:
        match = next(
            (
                m
                for m in event_type.pattern.finditer(text)
                if _reports(parsed, event_type, m, offset)
            ),
            None,
        )
        if match and (best is None or event_type.priority > best[0].priority):
            best = (event_type, match)
    return best


def _reports(parsed: Doc | None, event_type: EventType, match: re.Match[str], offset: int) -> bool:
    """Whether a trigger reports its event: not a description of a noun, and for fighting
    and violence not an act only aimed at ("an operation to retake X")."""
    if _describes(parsed, match, offset, moves=event_type.sub_event_type in DEAL_TYPES):
        return False
    return event_type.sub_event_type in DEAL_TYPES or not only_aimed_at(parsed, match, offset)


def _describes(
    parsed: Doc | None, match: re.Match[str], offset: int, *, moves: bool = False
) -> bool:
    """A trigger that only describes a noun is no event: "a faction fighting under Euphrates
    Shield", "the besieged town" tell who or what, not what happened. With ``moves`` (a deal
    trigger) a participle with its own object does tell an act: "buses evacuating fighters
    from X left"."""
    if parsed is None:
        return False
    span = parsed.char_span(offset + match.start(), offset + match.end(), alignment_mode="expand")
    if span is None:
        return False
    head = span[-1]
    while head.dep_ == "compound" and head.head is not head:
        head = head.head  # "the ceasefire agreement": the trigger plays its noun's part
    if head.dep_ == "amod" or (head.dep_ == "acl" and not _tells_an_act(head, moves=moves)):
        return True
    if _spread_over_a_long_time(head):
        return True  # "after years of siege and shelling": a campaign, not one event
    # "to avoid destruction by airstrikes": the strikes qualify a noun, they are not reported.
    preposition = head.head
    if head.dep_ == "pobj" and preposition.lower_ in TIME_PREPOSITIONS:
        return True  # "hours before the prisoner exchange": the exchange only tells when
    if head.dep_ == "pobj" and preposition.lower_ == "of" and _said_to_be_part(preposition.head):
        # "the areas are part of the deal": what a deal told before covers, not an act
        return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children)
    return (
        head.dep_ == "pobj"
        and preposition.lower_ in ("by", "of")
        and preposition.head.pos_ == "NOUN"
        and lemma(preposition.head) in HYPOTHETICAL_NOUNS
    )


def _spread_over_a_long_time(noun) -> bool:
    """ "years of shelling", "months of siege and bombardment": the noun counted in long
    spans of time."""
    while noun.dep_ == "conj" and noun.head is not noun:
        noun = noun.head
    preposition = noun.head
    return (
        noun.dep_ == "pobj" and preposition.lower_ == "of" and preposition.head.lower_ in LONG_SPANS
    )


def _tells_an_act(verb, *, moves: bool) -> bool:
    """Whether a participle the parser hung on a noun still tells an act: a past form with
    a direct object of its own is a main verb misread ("the insurgents executed 20 locals":
    a reduced passive takes no object); an -ing form with one tells an act for a move
    ("buses evacuating fighters"), but only describes for fighting ("branches fighting a war")."""
    has_object = any(c.dep_ == "dobj" for c in verb.children)
    return has_object and (moves or verb.tag_ in ("VBD", "VBN"))


def _said_to_be_part(noun) -> bool:
    """ "X is part of …": the noun "part" as what a copula says its subject is."""
    return noun.lower_ == "part" and noun.dep_ == "attr"


def _sentence_events(
    text: str, lexicon: Lexicon, parsed: Doc | None = None
) -> list[tuple[EventType, re.Match[str]]]:
    """The event types a sentence reports: the strongest trigger of each clause, one per family.

    "Iraqi forces launched an offensive on Mosul, where IS declared its caliphate in 2014"
    reports a clash and, in its relative clause, a change of group activity.
    """
    events: list[tuple[EventType, re.Match[str]]] = []
    start = 0
    for end in [m.start() for m in CLAUSE_BREAK.finditer(text)] + [len(text)]:
        found = _strongest_type(text[start:end], lexicon, parsed, start)
        if found is not None:
            found = by_means(
                found, text[start:end], lexicon, lambda m, at=start: not _describes(parsed, m, at)
            )
            event_type, _ = found
            match = next(
                (
                    m
                    for m in event_type.pattern.finditer(text, start, end)
                    if _reports(parsed, event_type, m, 0)
                ),
                None,
            )
            if match is not None and _family_of(event_type) not in {
                _family_of(e) for e, _ in events
            }:
                events.append((event_type, match))
        start = end
    return sorted(events, key=lambda e: -e[0].priority)


def _family_of(event_type: EventType) -> str:
    if event_type.sub_event_type in DEAL_TYPES:
        return "deal"
    return "territory" if event_type.territorial else event_type.sub_event_type


def _sentence_mentions(sentence, actors, state, lexicon, lookup, published) -> list[Mention]:
    events = _sentence_events(sentence.text, lexicon, sentence.parsed)
    events = [(e, m) for e, m in events if not running_toll_only(sentence.text, e)]
    if not events or _not_an_event(sentence, lexicon):
        return []
    # A speaker's or mediator's name ("the US-led coalition's spokesman") is no place either.
    names = find_actors(
        sentence.text, lexicon, country=state.country, parsed=sentence.parsed, parties_only=False
    )
    places = [
        p
        for p in _event_places(sentence, lookup, lexicon)
        if not _inside_actor(p, names) or _named_as_a_place(sentence.text, p)
    ]
    if not actors and not places and not _new_voice_on_the_deal(sentence, events, state):
        return []  # nothing named here: a comment on the events, not a report of one
    if sentence.in_comments:
        # Readers' asides count only when they say where themselves, and who, unless they
        # speak of a deal ("there was no deal in Tabqah" is a reader's denial worth keeping).
        if not places or not (actors or events[0][0].sub_event_type in DEAL_TYPES):
            return []
        events = events[:1]
    else:
        actors = actors or _anaphoric(sentence.text, state, lexicon)
        specific = [p for p in places if p.role != "destination" and not p.location.whole_country]
        if specific:
            state.last_place = specific[0]
    sites = _sites(places, state)
    mentions = []
    for event_type, trigger in events:
        state.trigger_at = trigger.start()
        roles = _roles(sentence.text, trigger.start(), actors, event_type, state)
        if not event_type.territorial:
            roles = violence_roles(sentence.parsed, roles, actors, event_type)
        # A "where" clause names this event's site only, not the next event's of the sentence.
        event_sites = _told_where(sentence.text, places, event_type) or _own_sites(
            sentence.parsed, trigger, [m for _, m in events], sites
        )
        mentions.extend(
            _mention(sentence, event_type,
                     _clause_roles(sentence.text, site, actors, event_type, state) or roles,
                     site, places, lexicon, published, state,
                     clause=_site_clause(sentence.text, site, event_sites))
            for site in event_sites
        )  # fmt: skip
    if not sentence.in_comments and mentions and mentions[0].actor1:
        state.last_agent = mentions[0].actor1
    return mentions


def _new_voice_on_the_deal(sentence: Sentence, events, state: PageState) -> bool:
    """ "Omar Alloush said the evacuation would include foreign fighters": a sentence that
    names neither side nor place still reports a claim about the deal the page is about."""
    return (
        not sentence.in_comments
        and state.last_place is not None
        and events[0][0].sub_event_type in DEAL_TYPES
        and bool(DEAL_BACK_REFERENCE.search(sentence.text))
        and bool(SPEECH.search(sentence.text))
        and bool(CLAIM_VALUE.search(sentence.text))
    )


def _not_an_event(sentence: Sentence, lexicon: Lexicon) -> bool:
    """Questions and general statements ("such deals are common") describe no event."""
    return sentence.text.rstrip().endswith("?") or bool(lexicon.generic.search(sentence.text))


def _anaphoric(text: str, state: PageState, lexicon: Lexicon) -> list[ActorMention]:
    # "the jihadists" points back only to an actor the page has just named.
    named = {a.name for a in state.last_actors}
    return [a for a in find_anaphora(text, lexicon) if a.name in named]


def _roles(text, trigger_at, actors, event_type, state) -> Roles:
    sub_event = event_type.sub_event_type
    defection = sub_event == "Change to group/activity"
    deal = sub_event in DEAL_TYPES and not defection
    context = state.context_actors(leaving_first=deal)
    battle = event_type.event_type == "Battles"
    roles = assign_roles(
        text, trigger_at, actors, context, deal=deal, defection=defection,
        armed_patient_first=battle,
    )  # fmt: skip
    if deal and roles.withdrawing:
        state.last_withdrawing = roles.withdrawing
    return roles


DEAL_CLAUSE_BREAK = re.compile(r";\s+|,\s+(?:while|whereas)\b|\s+—\s+")


def _clause_roles(text, site: PlacePhrase, actors, event_type, state) -> Roles | None:
    """ "A has agreed to let aid into X; while B has agreed to let the wounded leave Y":
    a deal told in one of several clauses takes its sides from the clause that names its
    site (None when the sentence has one clause, or that clause names no side)."""
    if event_type.sub_event_type not in DEAL_TYPES:
        return None
    bounds = [0, *(m.end() for m in DEAL_CLAUSE_BREAK.finditer(text)), len(text) + 1]
    if len(bounds) < 3:
        return None
    start, end = next((a, b) for a, b in itertools.pairwise(bounds) if a <= site.start < b)
    inside = [a for a in actors if start <= a.start < end]
    if not inside or len(inside) == len(actors):
        return None
    trigger = event_type.pattern.search(text, start, end)
    return _roles(text, trigger.start() if trigger else start, inside, event_type, state)


def _event_places(sentence: Sentence, lookup: PlaceLookup, lexicon: Lexicon) -> list[PlacePhrase]:
    dateline = lexicon.dateline.match(sentence.text)
    skip = dateline.end() if dateline else 0
    places = find_places(sentence.text, sentence.parsed, lookup, skip_before=skip)
    return _drop_qualifiers(sentence, places)


def _drop_qualifiers(sentence: Sentence, places: list[PlacePhrase]) -> list[PlacePhrase]:
    """Drop a province or country named only to say where a town lies, and the landmark in
    "al-Mansoura, west of Raqqa" that only says where the first place is."""
    towns = [p for p in places if p.location.precision < 3 and not REGION_NAME.search(p.text)]
    kept = []
    for place in places:
        precision = place.location.precision
        broad = precision >= 3 or (precision == 2 and REGION_NAME.search(place.text))
        if (
            broad
            and place.role != "destination"
            and any(_inside(t.location, place.location) for t in towns)
        ):
            continue
        if kept and RELATIVE_TO.search(sentence.text[: place.start]):
            continue
        if kept and place.role != "destination":
            lies_in = LIES_IN.fullmatch(sentence.text[kept[-1].end : place.start])
            # "Douma city in Eastern Ghouta", "Foua in rural Idlib": the region (or the
            # countryside of a city) says where the town is.
            if lies_in and (place.location.precision >= 2 or lies_in.group("rural")):
                continue
        if OWNER_OF.match(sentence.text[place.end :]) and _finer_follows(place, places):
            continue  # "the Damascus suburb of Moadamieh": the suburb is the place
        kept.append(place)
    return _dedupe(kept)


def _finer_follows(place: PlacePhrase, places: list[PlacePhrase]) -> bool:
    """Whether the place named next is no broader than ``place``: "the X suburb of Y" names
    the suburb after its town, "X district of Y province" its province."""
    later = [p for p in places if p.start >= place.end]
    return bool(later) and later[0].location.precision <= max(place.location.precision, 2)


def _inside(town: Location, region: Location) -> bool:
    if region.admin1 is None and region.country is not None:
        return town.country == region.country
    return town.admin1 == region.admin1 and town.country == region.country


def _dedupe(places: list[PlacePhrase]) -> list[PlacePhrase]:
    """One site per spot: a dam or roundabout a few km from a town named with it is that
    town's event, not a second one."""
    kept: list[PlacePhrase] = []
    for place in places:
        twin = next((i for i, k in enumerate(kept) if _same_spot(k, place)), None)
        if twin is None:
            kept.append(place)
        elif place.location.precision < kept[twin].location.precision:
            kept[twin] = place
    return kept


def _same_spot(a: PlacePhrase, b: PlacePhrase) -> bool:
    if a.role != b.role:
        return False
    if (a.location.geonameid, a.location.name) == (b.location.geonameid, b.location.name):
        return True
    x, y = a.location, b.location
    if None in (x.lat, x.lon, y.lat, y.lon) or sorted((x.precision, y.precision)) != [1, 2]:
        return False  # two villages named together stay two events
    return distance_km(x.lat, x.lon, y.lat, y.lon) <= SAME_SPOT_KM


def _inside_actor(place: PlacePhrase, actors: list[ActorMention]) -> bool:
    """ "Iran" in "Iran-backed militias" or "U.S." in "U.S. soldiers" names an actor."""
    return any(a.start < place.end and place.start < a.end for a in actors)


def _named_as_a_place(text: str, place: PlacePhrase) -> bool:
    """ "took him to Turkey", "fled into Turkey": a state named after a preposition of
    place is where someone goes or is, not the state acting."""
    return bool(PLACE_PREPOSITION.search(text, 0, place.start))


def _sites(places: list[PlacePhrase], state: PageState) -> list[PlacePhrase]:
    """Where the event happened: named places first, a bare country only as a last resort."""
    named = [p for p in places if p.role != "destination"]
    specific = [p for p in named if not p.location.whole_country]
    return specific or _context_place(state) or named


def _told_where(text: str, places: list[PlacePhrase], event_type: EventType) -> list[PlacePhrase]:
    """ "… took him to Turkey, where he defected": the place a "where" clause opens is the
    site of the event that clause tells, whatever else the sentence names."""
    sites = []
    for place in places:
        where = WHERE_CLAUSE.match(text, place.end)
        if where and event_type.pattern.search(where.group("clause")):
            sites.append(place)
    return sites


def _own_sites(
    parsed: Doc | None,
    trigger: re.Match[str],
    triggers: list[re.Match[str]],
    sites: list[PlacePhrase],
) -> list[PlacePhrase]:
    """Of a sentence that tells several events at several places, the places this event's
    trigger governs in the parse ("rebels lost X, and the army shelled Y"): a place
    under another event's trigger is that event's. Places no trigger governs stay shared."""
    if parsed is None or len(triggers) < 2 or len(sites) < 2:
        return sites
    roots = [_root_of(parsed, m) for m in triggers]
    mine = _root_of(parsed, trigger)
    own = [s for s in sites if _governing(parsed, s, roots) in (mine, None)]
    return own or sites


def _root_of(parsed: Doc, match: re.Match[str]):
    """The verb a trigger belongs to: the trigger itself, or the verb its noun is the
    subject or object of ("warplanes bombed X": bombed)."""
    span = parsed.char_span(match.start(), match.end(), alignment_mode="expand")
    token = span.root if span is not None else None
    while token is not None and token.pos_ not in ("VERB", "AUX") and token.head is not token:
        if token.dep_ not in ("nsubj", "nsubjpass", "dobj", "compound", "amod"):
            break
        token = token.head
    return token


def _governing(parsed: Doc, place: PlacePhrase, roots: list):
    """The nearest trigger token above ``place`` in the parse, or None."""
    span = parsed.char_span(place.start, place.end, alignment_mode="expand")
    token = span.root if span is not None else None
    while token is not None:
        if token in roots:
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def _context_place(state: PageState) -> list[PlacePhrase]:
    return [state.last_place] if state.last_place else []


def _site_clause(text: str, site: PlacePhrase, sites: list[PlacePhrase]) -> str:
    """The stretch of the sentence that belongs to ``site`` when it names several: from the
    end of the site before it to the start of the next ("A left X, and B is set to leave Y")."""
    before = max((p.end for p in sites if p.end <= site.start), default=0)
    after = min((p.start for p in sites if p.start >= site.end), default=len(text))
    return text[before:after]


def _mention(
    sentence, event_type, roles, site, places, lexicon, published, state, *, clause: str
) -> Mention:
    sub_event = event_type.sub_event_type
    if event_type.territorial:
        sub_event = _territorial_type(state.by_name.get(roles.actor1))
    trigger_at = state.trigger_at
    date = find_date(sentence.text, published, near=trigger_at) or _carried_date(sentence, state)
    date = _completed(date, state.published) or _default_date(sentence, state)
    return Mention(
        doc="",
        mention_id="",
        event_type=_event_type_of(sub_event, lexicon),
        sub_event_type=sub_event,
        actor1=roles.actor1,
        actor2=roles.actor2,
        assoc_actors=roles.assoc,
        location=site.location,
        date=date.value if date else None,
        time_precision=date.precision if date else None,
        # ACLED codes deals without a toll: the dead a deal sentence names are a battle's.
        fatalities=None if sub_event in DEAL_TYPES else _fatalities(sentence.text, lexicon),
        agreement=_agreement(sentence.text, sub_event, roles, site, places, lexicon, clause),
        in_comments=sentence.in_comments,
        evidence=Evidence(sentence.text, sentence.start, sentence.end, sentence.block),
        place_borrowed=site not in places,
    )


def _completed(found: DateFound | None, published: str | None) -> DateFound | None:
    """Give a partial date the year (or month) a partial publication date supplies.

    A page published "2016-08" cannot tell which Friday it means, but its reader
    knows the month: "Friday" becomes "2016-08" and "--08-12" becomes "2016-08-12".
    """
    if found is None or not published or len(published) == 10:
        return found
    year = published[:4]
    if found.value[:1].isalpha() and len(published) >= 7:
        return replace(found, value=published[:7], precision=2)
    if found.value.startswith("--") and year.isdigit():
        month = int(found.value[2:4])
        if len(published) >= 7 and month > int(published[5:7]):
            year = str(int(year) - 1)
        return replace(found, value=year + found.value[1:])
    return found


def _carried_date(sentence: Sentence, state: PageState) -> DateFound | None:
    """A paragraph that dated its first sentence dates the ones that follow, and so does the
    last date told when a paragraph goes on with "Meanwhile," or "But" (the same time frame)."""
    block, found = state.last_date
    if sentence.in_comments or found is None:
        return None
    if block == sentence.block or (block == sentence.block - 1 and CONTINUES.match(sentence.text)):
        return found
    return None


def _default_date(sentence: Sentence, state: PageState) -> DateFound | None:
    """An undated sentence happened around publication: the day in the lead, else the month.

    A lead that passes on hearsay about a past act ("is said to have defected") does not
    know the day: the month."""
    published = state.published
    if sentence.in_comments or not published:
        return None
    lead = sentence.block == state.lead_block
    if lead and len(published) == 10 and not HEARSAY_PAST.search(sentence.text):
        return DateFound(published, 1, "", sentence.start, sentence.start)
    return DateFound(published[:7], 3, "", sentence.start, sentence.start)


def _territorial_type(actor1: Actor | None) -> str:
    state_force = actor1 is not None and actor1.state
    return "Government regains territory" if state_force else "Non-state actor overtakes territory"


def _event_type_of(sub_event: str, lexicon: Lexicon) -> str:
    if sub_event == "Non-state actor overtakes territory":
        return "Battles"
    return next(t.event_type for t in lexicon.event_types if t.sub_event_type == sub_event)


def _fatalities(text: str, lexicon: Lexicon) -> int | None:
    """The event's dead, as the sentence tells them (see :mod:`wardesk.extract.tolls`)."""
    return fatalities(text)


def _agreement(text, sub_event, roles, site, places, lexicon, clause) -> Agreement | None:
    if sub_event not in DEAL_TYPES:
        return None
    if sub_event == "Change to group/activity" and "defect" not in text.lower():
        return None
    destination = _destination(text, site, places, lexicon)
    broker = role_cues().broker.search(text)
    # Words inside quotation marks are the speaker's rhetoric ("to surrender or die"); the
    # reporter's own words name the deal when they can.
    unquoted = QUOTED.sub(" ", text)
    kind = _first_label(unquoted, lexicon.deal_kinds) or _first_label(text, lexicon.deal_kinds)
    kind = kind or "other"
    return Agreement(
        kind=kind,
        # Nobody leaves under a ceasefire or an exchange of prisoners.
        withdrawing_party=None
        if kind in NO_ONE_LEAVES
        else _movers_from(text, site, lexicon) or roles.withdrawing,
        allowing_party=roles.allowing,
        brokers=(broker.group("who").strip(),) if broker else (),
        origin=site.location.name,
        destination=destination,
        fighters=_count_of(text, lexicon, "fighters"),
        civilians=_count_of(text, lexicon, "civilians"),
        terms=tuple(m.group("term").strip() for m in TERMS_RE.finditer(text)),
        # Two movements in one sentence can stand differently ("were taken out of A … and
        # an agreement for B to leave"): each takes the status told in its own stretch.
        status=_first_label(clause, lexicon.deal_statuses)
        or _first_label(text, lexicon.deal_statuses),
        foreign_fighters=_foreign_fighters(text, lexicon),
    )


def _movers_from(text: str, site: PlacePhrase, lexicon: Lexicon) -> str | None:
    """ "… as well as 1,000 people from Yarmouk camp": a counted group named right before the
    place it leaves is who leaves that place, whoever else the sentence moves."""
    counted = COUNTED_FROM.search(text[max(0, site.start - 60) : site.start])
    if counted is None:
        return None
    found = find_actors(counted.group("who"), lexicon)
    return found[-1].name if found else None


def _foreign_fighters(text: str, lexicon: Lexicon) -> bool | None:
    # Exclusion is checked first: "excludes foreign fighters" also contains "foreign fighters".
    if lexicon.foreign_excluded.search(text):
        return False
    return True if lexicon.foreign_included.search(text) else None


def _destination(text: str, site: PlacePhrase, places: list[PlacePhrase], lexicon: Lexicon):
    """Where people from ``site`` go: the first destination named after the site (a sentence
    may move two groups, "A to X in exchange for B to Y"), else the last one named before it
    ("… B to Y, as well as C": C joins the movement told just before it)."""
    candidates = [(p.start, p.location.name) for p in places if p.role == "destination"]
    candidates += [(m.start(), m.group("dest")) for m in lexicon.destination_phrase.finditer(text)]
    candidates.sort()
    later = [name for start, name in candidates if start > site.start]
    if later:
        return later[0]
    return candidates[-1][1] if candidates else None


def _first_label(text: str, labelled) -> str | None:
    return next((entry.label for entry in labelled if entry.pattern.search(text)), None)


def _count_of(text: str, lexicon: Lexicon, noun: str) -> int | None:
    for count in find_counts(text):
        # "some 400 civilians", "200 ISIS fighters": the noun follows within a few words.
        following = re.split(r"\d", text[count.end : count.end + 30])[0]
        if NOT_PEOPLE.match(following) or MIXED_GROUP.match(text[count.end : count.end + 60]):
            continue  # "200 vehicles of fighters"; "1,146 fighters and their families"
        if lexicon.count_nouns[noun].search(following):
            return count.value
    return None
