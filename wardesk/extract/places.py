"""Place phrases in a sentence, and the role each plays in a deal (origin or destination).

Candidates come from the parser's GPE/LOC/FAC entities and from capitalised
name-like runs (NER misses many Syrian village names); only those the
gazetteer can resolve become places.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc, Token

from wardesk.geo import is_notable, is_refused, offset_point
from wardesk.geo.gazetteer import distance_km
from wardesk.lexicon import read_data
from wardesk.model import Location
from wardesk.nlp import dictionary_words, lemma

# A capitalised place-like run: optional Arabic article/qualifier, then capitalised words,
# allowing lowercase particles inside ("Deir ez-Zor", "Shwaib al-Zakr").
# Transliterations mark the ayn and hamza (ʿAin, ʾAbu) and may join words with a
# non-breaking hyphen: both belong to the name.
NAME_RUN = re.compile(
    r"(?:\b(?:(?:[Aa][lrsdtzn]|[Aa]sh|[Aa]th|[Ee]l)[-‐‑]|(?:Al|El|Ad|Ar|As|At|Az|Ash|Ath)\s))?"
    r"\b[ʿʾ]?[A-Z][\w'’ʿ]+(?:[-‐‑][\w'’ʿ]+)*"
    r"(?:\s+(?:(?:al|el|ad|ar|as|ash|at|ath|az|ez|es|ed|an|un|ul|bin|of|al)[-‐‑\s])?[ʿʾ]?[A-Z][\w'’ʿ]+(?:[-‐‑][\w'’ʿ]+)*)*"
    r"(?:\s+(?:governorate|province|countryside|district|neighbou?rhood|pocket|camp|region|area|border|dam))?"
)
REGION_WORDS = re.compile(
    r"\b(?:(?:north|south|east|west)(?:ern|-?(?:east|west)(?:ern)?)?|central|rural)\s+"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+(?P<kind>countryside|pocket|province|governorate)",
)
# "western Cameroon", "northern Burkina Faso": the part of a country the resolver places
PART_OF_NAMED = re.compile(
    r"\b(?:(?:north|south)(?:-?(?:east|west))?ern|eastern|western|central)\s+"
    r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?(?![\w'’-]|\s+(?:countryside|pocket|province|governorate|region|state|oblast|district|"
    r"areas?|border|desert|mountains|villages?|towns?|front))"
)
DESTINATION_CUE = re.compile(
    r"\b(?:to|towards?|toward|into|head(?:ed|ing)? (?:to|for)|bound for|leave for|left for)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
ORIGIN_CUE = re.compile(r"\b(?:from|out of|leave|leaving|left|quit|abandon)\s+(?:the\s+)?$", re.I)


@dataclass(frozen=True, slots=True)
class PlacePhrase:
    """A resolved place named in a sentence, with its role in any movement."""

    text: str
    start: int
    end: int
    location: Location
    role: str  # "origin", "destination" or "site"


Resolve = Callable[[str], Location | None]


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: a town this far from the seat of the province a sentence puts it in is not in it
OUTSIDE_PROVINCE_KM = 150.0
# A run inside an organisation's or a people's name is not a place ("Levant" in "Islamic
# State of Iraq and Levant", "Circassian"). The small model often tags Arabic village names
# as PERSON, so a PERSON run is dropped only when it acts like a person: it speaks, is
# described ("X, a spokesman"), or carries a title.
NOT_PLACE_LABELS = frozenset({"ORG", "NORP"})
# Capitalised acronyms ("EFE", "HKOR", "SPLA-IO") and words in capitals are agencies, units
# and mastheads far more often than places; a real one ("UAE") still comes through the
# parser's GPE entities.
ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,5}|[A-Z][A-Z0-9]+(?:[-/][A-Z0-9]+)+")
# Entities that vouch for a capitalised dictionary word as a name: the small model tags
# "Aleppo" NORP and "Golan" PRODUCT, but a lone PERSON word ("Missiles") is no place.
VOUCHING_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP", "ORG", "PRODUCT", "EVENT"})
DEMONYM_ENDING = re.compile(r"(?:ian|ish|ese|i|ic|an|ians|is)$", re.I)
PLACE_KIND_END = re.compile(
    r"\s(?:governorate|province|countryside|district|neighbou?rhood|pocket|camp|region|border|dam)$"
)
FORCE_NOUNS = frozenset(
    [
        "soldier",
        "force",
        "troop",
        "official",
        "army",
        "military",
        "jet",
        "warplane",
        "plane",
        "government",
        "media",
        "source",
        "authority",
        "command",
        "commander",
        "militia",
        "fighter",
    ]
)
ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "ath", "az", "the"})
PERSON_ROLES = frozenset({"nsubj", "nsubjpass", "appos", "poss"})
TITLE_BEFORE = re.compile(
    r"\b(?:spokes(?:man|woman|person)|col|colonel|gen|general|lt|major|commander|chief|head|"
    r"director|minister|president|official|mr|ms|dr|sheikh|leader|member)\.?\s+$",
    re.I,
)
DESCRIBED_AFTER = re.compile(r"^\s*,\s*(?:a|an)\s", re.I)
TOWARD_PREPS = frozenset({"to", "towards", "toward", "into"})
FROM_PREPS = frozenset({"from", "out"})
LEAVE_LEMMAS = frozenset({"leave", "depart", "head", "set", "bind", "board"})


@dataclass(frozen=True, slots=True)
class PlaceRules:
    """The lexicon of place reading (wardesk/data/places.toml): what is no place, what
    stands for a government, what only locates another place, what frames a name."""

    venue_before: re.Pattern[str]
    group_after: re.Pattern[str]
    seat_before: re.Pattern[str]
    outlet_before: re.Pattern[str]
    speech_verbs: frozenset[str]
    owned_not_places: frozenset[str]
    stance_nouns: frozenset[str]
    part_of_between: re.Pattern[str]
    part_nouns: re.Pattern[str]
    cue_before: re.Pattern[str]
    locator_between: re.Pattern[str]
    region_between: re.Pattern[str]
    in_province: re.Pattern[str]
    province_phrase: re.Pattern[str]
    masthead: re.Pattern[str]
    place_preposition: re.Pattern[str]
    colon_dateline: re.Pattern[str]
    frame_before: re.Pattern[str]
    frame_after: re.Pattern[str]


@cache
def place_rules() -> PlaceRules:
    """The patterns and word lists of ``wardesk/data/places.toml``."""
    data = read_data("places.toml")
    unresolved, locators, dateline = data["unresolved"], data["locators"], data["dateline"]
    candidates, data = data["candidates"], data["metonymy"]

    def joined(key: str) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in data[key]), re.IGNORECASE)

    return PlaceRules(
        venue_before=joined("venue_before"),
        group_after=re.compile(data["group_after"]),
        seat_before=joined("seat_before"),
        outlet_before=joined("outlet_before"),
        speech_verbs=frozenset(data["speech_verbs"]),
        owned_not_places=frozenset(data["owned_not_places"]),
        stance_nouns=frozenset(data["stance_nouns"]),
        part_of_between=re.compile(data["part_of_between"], re.IGNORECASE),
        part_nouns=re.compile(data["part_nouns"], re.IGNORECASE),
        cue_before=re.compile(unresolved["cue_before"], re.IGNORECASE),
        frame_before=re.compile(unresolved["frame_before"], re.IGNORECASE),
        frame_after=re.compile(unresolved["frame_after"], re.IGNORECASE),
        locator_between=re.compile(locators["locator_between"], re.IGNORECASE),
        region_between=re.compile(locators["region_between"], re.IGNORECASE),
        in_province=re.compile(locators["in_province"], re.IGNORECASE),
        province_phrase=re.compile(locators["province_phrase"], re.IGNORECASE),
        masthead=re.compile(dateline["masthead"]),
        place_preposition=re.compile(candidates["place_preposition"], re.IGNORECASE),
        colon_dateline=re.compile(dateline["colon_dateline"]),
    )


def find_places(
    text: str, parsed: Doc | None, resolve: Resolve, *, skip_before: int = 0
) -> list[PlacePhrase]:
    """Resolved places in ``text``, in order, without overlaps, each with its role.

    Places that start before ``skip_before`` (a dateline) are left out.
    """
    entity_spans = _entity_spans(parsed, PLACE_LABELS)
    not_places = [
        span
        for span in _entity_spans(parsed, NOT_PLACE_LABELS)
        if parsed is not None and _is_part_of_longer_name(parsed, span)
    ]
    people = _entity_spans(parsed, frozenset({"PERSON"}))
    vouched = _entity_spans(parsed, VOUCHING_LABELS)
    runs = [
        (start, m.end())
        for m in NAME_RUN.finditer(text)
        if (start := _past_function_words(parsed, m.start(), m.end())) < m.end()
        and not ACRONYM.fullmatch(text[start : m.end()])
        and _looks_like_a_name(parsed, start, m.end())
        and not (_common_word(parsed, start, m.end()) and not _overlaps(start, m.end(), vouched))
        and not _within(start, m.end(), not_places)
        and not (_overlaps(start, m.end(), people) and _person_like(parsed, start, m.end()))
    ]
    rules = place_rules()  # a dateline's place or a masthead
    for dateline in (rules.masthead.match(text), rules.colon_dateline.match(text)):
        skip_before = max(skip_before, dateline.end() if dateline else 0)
    national = _national_region_names(text)
    spans = [
        s for s in _region_spans(text) + list(national) + entity_spans + runs if s[0] >= skip_before
    ]
    found: list[PlacePhrase] = []
    taken: list[tuple[int, int]] = []
    broad = False  # whether the sentence names a country or region
    for start, end in sorted(set(spans), key=lambda s: (s[0], -(s[1] - s[0]))):
        if any(a < end and start < b for a, b in taken):
            continue
        phrase = (
            (start, end, national[(start, end)])
            if (start, end) in national
            else _trim(text, start, end)
        )
        if phrase is None:
            continue
        whole = (start, end)
        start, end, name = phrase
        location = _resolve_variants(name, resolve)
        name = text[start:end] if whole in national else name  # the page's words, as read
        if location is None and _said_to_be_a_place(text, start, end, (start, end) in entity_spans):
            location = Location(name=name, lat=None, lon=None, geonameid=None, admin1=None,
                                country=None, precision=1)  # fmt: skip
        if (
            location is None
            or _modifies_a_force(parsed, start, end)
            or _stands_for_its_rulers(text, parsed, start, end)
            or _a_state_acting(parsed, start, end, location)
        ):
            continue
        # The trimmed-off owner ("Syria" in "Syria's Idlib province") only says where the
        # place lies: it is no place of its own.
        taken.append(whole)
        broad = broad or location.precision >= 3
        if found and _says_where_the_last_lies(text, found[-1], start, location):
            continue
        if found and _locates(text, found[-1], start, location):
            # "X, some 20 km north of Y": the second place only says where the
            # first is; a first known only by name takes its point from it.
            if found[-1].location.lat is None:
                found[-1] = _located_by(text, found[-1], start, location)
            continue
        role = _role_from_parse(parsed, start, end) or _role(text, start)
        found.append(PlacePhrase(name, start, end, location, role))
    found = _outside_their_province(text, found)
    # A place known only by its name stands in for the country or region the sentence also
    # names ("in X town of western Freedonia"); alone, it would only displace the
    # place the page is about.
    return [p for p in found if p.location.lat is not None or broad]


def _outside_their_province(text: str, found: list[PlacePhrase]) -> list[PlacePhrase]:
    """ "X village in the Y region": a town read outside the province the
    sentence puts it in, and far from it, is a homonym elsewhere; it is kept by name only.
    (Near the province's seat it is loose usage: "Madaya in Damascus governorate".)"""
    rules = place_rules()
    out = list(found)
    for i, (town, region) in enumerate(zip(found, found[1:], strict=False)):
        if (
            town.location.lat is not None
            and town.location.precision < 3
            and region.location.precision >= 3
            and region.location.admin1 is not None
            and rules.province_phrase.search(region.text)
            and rules.in_province.match(text[town.end : region.start])
            and town.location.admin1 != region.location.admin1
            and distance_km(town.location.lat, town.location.lon,
                            region.location.lat, region.location.lon) > OUTSIDE_PROVINCE_KM
        ):  # fmt: skip
            unplaced = Location(name=town.location.name, lat=None, lon=None, geonameid=None,
                                admin1=None, country=None, precision=1)  # fmt: skip
            out[i] = replace(town, location=unplaced)
    return out


def _locates(text: str, last: PlacePhrase, start: int, locator: Location) -> bool:
    """Whether the place at ``start`` only locates ``last``: a town after "X near", "X, 35 km
    south of" when X is known only by name, or after a distance and bearing whatever X is."""
    between = place_rules().locator_between.match(text[last.end : start])
    if between is None or locator.lat is None or locator.precision > 2:
        return False
    return last.location.lat is None or bool(between.group("km") and between.group("dir"))


def _located_by(text: str, last: PlacePhrase, start: int, locator: Location) -> PlacePhrase:
    """A place known only by name takes the point of the town that locates it: "X near Y",
    "X, west of Y" (near Y, precision 2), "X, 35 km south of Y" (that far from Y)."""
    between = place_rules().locator_between.match(text[last.end : start])
    if between is None or locator.lat is None:
        return last
    lat, lon = locator.lat, locator.lon
    if between.group("km") and between.group("dir"):
        lat, lon = offset_point(lat, lon, between.group("dir").lower(), float(between.group("km")))
    where = replace(last.location, lat=round(lat, 5), lon=round(lon, 5), admin1=locator.admin1,
                    country=locator.country, precision=2)  # fmt: skip
    return replace(last, location=where)


def _past_function_words(parsed: Doc | None, start: int, end: int) -> int:
    """Where a capitalised run starts once a sentence-opening function word is left out
    ("On June", "Since Tuesday", "Through the ..."): those are capitalised, not names."""
    if parsed is None:
        return start
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is None:
        return start
    for token in span:
        if not token.is_stop or token.lower_ in ARTICLES:
            return max(start, token.idx)
    return end


def _common_word(parsed: Doc | None, start: int, end: int) -> bool:
    """One capitalised word the English dictionary knows ("Missiles", "Earlier", "Members"):
    capitalised by its place in the sentence or by the writer's style, not a name, unless a
    preposition of place stands before it ("north-west of Palmyra") or it is the name of a
    country, province or big city ("Aleppo" is in the dictionary too)."""
    if parsed is None:
        return False
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return False
    if place_rules().place_preposition.search(parsed.text[:start]):
        return False  # "north-west of Palmyra": a name where a place is expected
    word = span[0].lower_
    forms = {word, word.removesuffix("s"), word.removesuffix("es")}
    known = any(form in words for form in forms for words in dictionary_words(parsed))
    return known and not is_notable(span.text)


def _is_part_of_longer_name(parsed: Doc, span: tuple[int, int]) -> bool:
    """An organisation's name with more in it than a place ("Islamic State of Iraq and
    Levant"), or a people's name ("Circassian"); a lone "al-Bab" tagged ORG is a place."""
    entity = parsed.char_span(*span, alignment_mode="expand")
    if entity is None or not entity.ents:
        return True
    label = entity.ents[0].label_
    if label == "NORP":
        # "Circassian", "Kurdish" are peoples; the small model also tags "Aleppo" NORP.
        return bool(DEMONYM_ENDING.search(entity.text))
    words = [t for t in entity if not t.is_punct and t.lower_ not in ARTICLES]
    return len(words) > 2 or not all(t.pos_ == "PROPN" for t in words)


def _modifies_a_force(parsed: Doc | None, start: int, end: int) -> bool:
    """ "U.S. soldiers", "Turkish army": a country naming whose forces, not where."""
    if parsed is None:
        return False
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is None or span.root.dep_ not in ("compound", "amod", "nmod"):
        return False
    return lemma(span.root.head).lower() in FORCE_NOUNS


def _said_to_be_a_place(text: str, start: int, end: int, tagged: bool) -> bool:
    """Whether the sentence itself says an unresolved name is a place: the parser tags it as
    one after a preposition of place ("killed in X"), or a place noun frames it ("the
    village of X", "X town"). Refused words, acronyms and capitals stay out."""
    name = text[start:end]
    first = name.split()[0]
    if ACRONYM.fullmatch(name) or name.isupper() or is_refused(name) or is_refused(first):
        return False  # "a Syrian border town": a people's adjective, no name
    rules = place_rules()
    before, after = text[:start], text[end:]
    framed = bool(rules.frame_before.search(before) or rules.frame_after.match(after))
    return framed or (tagged and bool(rules.cue_before.search(before)))


def _says_where_the_last_lies(text: str, last: PlacePhrase, start: int, location: Location) -> bool:
    """ "the X district of Y", "X, in the north-east": the place after "of", or a
    region after ", in the", only locates the place before it."""
    rules = place_rules()
    between = text[last.end : start]
    if rules.part_of_between.match(between) and rules.part_nouns.search(last.text):
        return True
    return location.precision >= 3 and bool(rules.region_between.match(between))


def _stands_for_its_rulers(text: str, parsed: Doc | None, start: int, end: int) -> bool:
    """A place named as a venue or seat of power, standing for its government, owning a group
    or inside a group's or an outlet's name: "talks in Geneva", "the government in Damascus",
    "Kiev said", "attributed by Yaoundé", "Lebanon's Hezbollah", "the channel X reported".
    The event did not happen there."""
    rules = place_rules()
    before = text[:start]
    if any(r.search(before) for r in (rules.venue_before, rules.seat_before, rules.outlet_before)):
        return True
    if rules.group_after.match(text[end:]):
        return True  # "the Fastaqim rebel group": a group's name
    span = parsed.char_span(start, end, alignment_mode="expand") if parsed is not None else None
    if span is None:
        return False
    root = _coordination_head(span.root, ("conj",))  # "Russia and Turkey agreed"
    if root.dep_ in ("nsubj", "nsubjpass") and lemma(root.head) in rules.speech_verbs:
        return root.dep_ == "nsubj"
    if root.dep_ == "pobj" and root.head.dep_ == "agent":  # "attributed by Yaoundé"
        return lemma(root.head.head) in rules.speech_verbs
    if root.dep_ == "pobj" and root.head.lower_ == "of":  # "the intention of Beirut"
        return lemma(root.head.head).lower() in rules.stance_nouns
    if root.dep_ == "poss" and text[end : end + 3].lstrip().startswith(("'", "’")):
        owned = root.head
        owned_lemma = lemma(owned).lower()
        not_a_scene = rules.owned_not_places | rules.stance_nouns
        return owned_lemma in not_a_scene or owned.ent_type_ in ("ORG", "PERSON", "NORP")
    return False


def _a_state_acting(parsed: Doc | None, start: int, end: int, location: Location) -> bool:
    """A whole country as the subject of a verb is the state doing it ("Armenia and
    Azerbaijan exchanged bodies"), not where it happened."""
    if not location.whole_country or parsed is None:
        return False
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    # "Russia and Turkey agreed"; "CITY (Agency) Russia and Turkey agreed", where the parser
    # hangs the subject on the dateline.
    root = _coordination_head(span.root, ("conj", "appos"))
    return root.dep_ == "nsubj" and root.head.pos_ in ("VERB", "AUX")


def _coordination_head(token: Token, links: tuple[str, ...]) -> Token:
    """The first of a run of coordinated (or apposed) names, which holds their role."""
    while token.dep_ in links and token.head.i != token.i:
        token = token.head
    return token


def _within(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether [start, end) lies inside one of ``spans`` ("Syrian-Lebanese" is a people's
    adjective; "Syrian-Lebanese border" reaches past it and is a place)."""
    return any(a <= start and end <= b for a, b in spans)


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in spans)


def _person_like(parsed: Doc | None, start: int, end: int) -> bool:
    span = parsed.char_span(start, end, alignment_mode="expand") if parsed is not None else None
    if span is None:
        return False
    text = parsed.text
    return (
        span.root.dep_ in PERSON_ROLES
        or bool(TITLE_BEFORE.search(text[:start]))
        or bool(DESCRIBED_AFTER.match(text[end:]))
    )


def _entity_spans(parsed: Doc | None, labels: frozenset[str]) -> list[tuple[int, int]]:
    if parsed is None:
        return []
    return [(e.start_char, e.end_char) for e in parsed.ents if e.label_ in labels]


def _looks_like_a_name(parsed: Doc | None, start: int, end: int) -> bool:
    """A capitalised run is a name only if the tagger sees a proper noun in it.

    Sentence-initial "About", "Under" or "Security" are capitalised too; some of
    them are also the names of hamlets somewhere, which is no reason to map them.
    """
    if parsed is None or PLACE_KIND_END.search(parsed.text[start:end]):
        return True  # "Syrian-Lebanese border", "Idlib province": a place by its last word
    span = parsed.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.pos_ == "PROPN" for t in span)


def _role_from_parse(parsed: Doc | None, start: int, end: int) -> str | None:
    """Origin or destination from the prepositions between the place and its verb."""
    if parsed is None:
        return None
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    token = span.root
    # Climb to the clause's verb, passing through participles that only describe a noun
    # ("to an area controlled by HTS in Idlib": "controlled" is not where the path ends).
    while token.head.i != token.i and (token.pos_ not in ("VERB", "AUX") or token.dep_ == "acl"):
        token = token.head
        if token.pos_ in ("NOUN", "PROPN") and _names_a_party(token):
            return None  # "surrendered to the Afghan forces in X": X is where the forces are
        word = token.lower_
        if token.dep_ == "prep" and word in TOWARD_PREPS:
            return "destination"
        if token.dep_ == "prep" and word in FROM_PREPS:
            return "origin"
        if token.dep_ == "prep" and word == "for" and lemma(token.head) in LEAVE_LEMMAS:
            return "destination"  # "leave the area for Idlib"
    return None


def _names_a_party(token) -> bool:
    """A noun for people or a force ("forces", "the army", "Hezbollah"), not for a place."""
    return lemma(token).lower() in FORCE_NOUNS or token.ent_type_ in ("ORG", "NORP", "PERSON")


def _resolve_variants(name: str, resolve: Resolve) -> Location | None:
    """Resolve a phrase; a "pocket" is the countryside it lies in, else the town near it."""
    found = resolve(name)
    if found is not None or not name.endswith(" pocket"):
        return found
    base = name[: -len(" pocket")]
    found = resolve(base + " countryside")
    if found is not None:
        return found
    town = resolve(base.split()[-1])
    return replace(town, name=name, precision=2) if town is not None else None


def _national_region_names(text: str) -> dict[tuple[int, int], str]:
    """ "a northeast Nigerian village", "in western Afghan provinces": a direction and an
    adjective of nationality before a place noun name a part of that country; keyed by span,
    valued by the phrase the resolver reads ("northeast Nigeria")."""
    found = {}
    for m in _directional_demonym().finditer(text):
        country = _country_of_demonym()[m.group("demonym")]
        found[(m.start(), m.end("demonym"))] = f"{m.group('direction')} {country}"
    return found


@cache
def _country_of_demonym() -> dict[str, str]:
    return {
        adjective: country for country, adjective in read_data("actors.toml")["demonyms"].items()
    }


@cache
def _directional_demonym() -> re.Pattern[str]:
    adjectives = "|".join(sorted(map(re.escape, _country_of_demonym()), key=len, reverse=True))
    return re.compile(
        r"\b(?P<direction>(?:north|south)(?:-?(?:east|west))?(?:ern)?|east(?:ern)?|west(?:ern)?|central)"
        rf"\s+(?P<demonym>{adjectives})\s+(?=(?:village|town|city|district|province|region|state|community|area|border)s?\b)",
        re.IGNORECASE,
    )


def _region_spans(text: str) -> list[tuple[int, int]]:
    """ "the northern X countryside", "western Freedonia": a part of a named place."""
    spans = [(m.start(), m.end()) for m in REGION_WORDS.finditer(text)]
    return spans + [(m.start(), m.end()) for m in PART_OF_NAMED.finditer(text)]


def _trim(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """Drop a leading "the" and trailing possessive from a candidate phrase."""
    phrase = text[start:end]
    lead = re.match(r"(?i)the\s+", phrase)
    if lead:
        start += lead.end()
    phrase = text[start:end]
    owner = re.search(r"['’]s\s+", phrase)
    if owner:
        start += owner.end()  # "Syria's Aleppo": the place is the one owned
    phrase = text[start:end]
    tail = re.search(r"(?:['’]s)$", phrase)
    if tail:
        end -= len(tail.group(0))
    name = text[start:end].strip()
    return (start, end, name) if len(name) >= 3 else None


def _role(text: str, start: int) -> str:
    before = text[max(0, start - 40) : start]
    if DESTINATION_CUE.search(before):
        return "destination"
    if ORIGIN_CUE.search(before):
        return "origin"
    return "site"
