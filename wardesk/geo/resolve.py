"""Place resolution: a place phrase as written on a page -> a ``Location``.

``candidates`` reads the phrase in layers (governorate phrases, whole-phrase toponyms,
countrysides, "near X", "X district", "eastern X", "A, B", "... in B") and scores every place
found under the plain key and the skeleton key of the core name:

    score = match (exact 3.0, skeleton 1.8)
          + country focus of the page (1.0 + the country's share of the leader's votes, so
            the leader 2.0; by rank 2.0, 1.6, 1.3 when no weights are given)
          + nearness to places already resolved on the page (up to 2.0, 40 km scale)
          + governorate hint (1.0)
          + population (log10, 0..1)
          + kind (toponym +0.5, country +2.0, admin1 -0.8 unless the phrase asks for one)

``resolve`` returns the best as a ``Location`` (admin1 and country as names) or None.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from wardesk.geo.gazetteer import (
    SKELETON_PREFIX,
    Candidate,
    Gazetteer,
    country_areas,
    distance_km,
    normalize_toponym,
    open_gazetteer,
    skeleton,
)
from wardesk.model import Location

EXACT, SKELETON = "exact", "skeleton"
MATCH_SCORE = {EXACT: 3.0, SKELETON: 1.8}
FOCUS_SCORE = (2.0, 1.6, 1.3)
# A country's own name is the country far more often than a town abroad named after it
# ("Lebanon" is not Lebanon, Tennessee), so an exact country match outranks any town.
KIND_SCORE = {"city": 0.0, "toponym": 0.5, "country": 2.0, "admin1": -0.8}
FOCUS_BASE = 1.0
NEAR_SCORE, NEAR_SCALE_KM = 2.0, 40.0
ADMIN1_HINT_SCORE = 1.0
#: a skeleton-only match must be in a focus country or near the page's places; on a page with
#: no known focus, a place this big also passes
SKELETON_MIN_POPULATION = 15_000
SKELETON_NEAR_KM = 100.0
#: a skeleton-only match this far from every place the page has named is another name
SKELETON_FAR_KM = 300.0
COUNTRYSIDE_OFFSET_KM = 30.0
#: "northern X" for a country X: this share of the country's radius from its centre
COUNTRY_PART_SHARE = 0.5

ADMIN_WORDS = frozenset(
    [
        "province",
        "provinces",
        "governorate",
        "governorates",
        "governate",
        "muhafazah",
        "muhafazat",
        "mohafazat",
        "wilayah",
        "vilayet",
        "state",
        "oblast",
    ]
)
NEAR_SUFFIXES = frozenset(
    ["outskirts", "suburbs", "area", "environs", "surroundings", "vicinity", "region"]
)
PART_SUFFIXES = frozenset(
    [
        "district",
        "neighbourhood",
        "neighborhood",
        "quarter",
        "city",
        "town",
        "village",
        "camp",
        "municipality",
        "subdistrict",
        "centre",
        "center",
    ]
)
NEAR_PREFIXES = (
    ("near",),
    ("nearby",),
    ("outside", "of"),
    ("outside",),
    ("around",),
    ("outskirts", "of"),
    ("suburbs", "of"),
    ("vicinity", "of"),
    ("edge", "of"),
    ("edges", "of"),
    ("environs", "of"),
    ("surroundings", "of"),
    ("close", "to"),
    ("area", "of"),
)
PART_PREFIXES = (
    ("city", "of"),
    ("town", "of"),
    ("village", "of"),
    ("centre", "of"),
    ("center", "of"),
    ("district", "of"),
    ("neighbourhood", "of"),
    ("neighborhood", "of"),
    ("downtown",),
    ("central",),
)
ADMIN_PREFIXES = (("province", "of"), ("governorate", "of"))
_DIR_VECTORS = {"north": (1.0, 0.0), "south": (-1.0, 0.0), "east": (0.0, 1.0), "west": (0.0, -1.0)}
DIRECTIONS = frozenset(
    d + s
    for d in (
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
    )
    for s in ("", "ern")
)
_SPLIT_WORDS = re.compile(r"\s+(in|near|outside|around)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")
_PARENS = re.compile(r"\(([^)]*)\)")


@dataclass(frozen=True, slots=True)
class ResolveContext:
    """What the page already tells about where it is.

    ``countries``: ISO codes of the page's country focus, most likely first (see
    ``country_focus``); ``near``: (lat, lon) of places already resolved on the page;
    ``admin1``: (country, GeoNames admin1 code) pairs of governorates the page names.
    """

    countries: tuple[str, ...] = ()
    near: tuple[tuple[float, float], ...] = ()
    admin1: tuple[tuple[str, str], ...] = ()
    weights: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "countries", tuple(self.countries))
        object.__setattr__(self, "weights", tuple(float(w) for w in self.weights))
        object.__setattr__(self, "near", tuple((float(a), float(b)) for a, b in self.near))
        object.__setattr__(self, "admin1", tuple((c, a) for c, a in self.admin1))

    def with_place(self, lat: float, lon: float, admin1: tuple[str, str] | None = None):
        """This context plus one more resolved place (returns a new context)."""
        hints = self.admin1 + ((admin1,) if admin1 and admin1 not in self.admin1 else ())
        return ResolveContext(self.countries, self.near + ((lat, lon),), hints, self.weights)

    def focus_score(self, country: str) -> float:
        """What being in ``country`` adds: 1.0 plus its share of the leading country's votes
        (``weights``), or by rank (2.0, 1.6, 1.3) when no weights are known; 0 outside."""
        if country not in self.countries:
            return 0.0
        rank = self.countries.index(country)
        if rank < len(self.weights):
            return FOCUS_BASE + self.weights[rank]
        return FOCUS_SCORE[min(rank, len(FOCUS_SCORE) - 1)]


NO_CONTEXT = ResolveContext()


@dataclass(frozen=True, slots=True)
class ScoredCandidate:
    """A place a phrase may name, with its score and the point and precision it would get."""

    candidate: Candidate
    score: float
    precision: int
    lat: float
    lon: float
    match: str = EXACT
    how: str = "place"
    geonameid: int | None = field(default=None)

    def location(self, name: str | None = None) -> Location:
        """The ``Location`` for this reading; ``name`` defaults to the canonical name."""
        c = self.candidate
        return Location(
            name=name if name is not None else c.name,
            lat=round(self.lat, 5),
            lon=round(self.lon, 5),
            geonameid=self.geonameid,
            admin1=c.admin1_name,
            country=c.country_name,
            precision=self.precision,
        )


# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------


def _population_score(pop: int) -> float:
    return min(1.0, math.log10(max(pop, 0) + 1) / 7.0)


def _near_km(c: Candidate, ctx: ResolveContext) -> float | None:
    if not ctx.near:
        return None
    return min(distance_km(c.lat, c.lon, lat, lon) for lat, lon in ctx.near)


def _score(c: Candidate, match: str, ctx: ResolveContext, *, want_admin: bool) -> float | None:
    """The score of ``c`` for a phrase, or None when the match is too weak to accept."""
    score = MATCH_SCORE[match]
    in_focus = c.country in ctx.countries
    score += ctx.focus_score(c.country)
    near = _near_km(c, ctx)
    if near is not None:
        score += NEAR_SCORE * math.exp(-near / NEAR_SCALE_KM)
    if c.admin1 and (c.country, c.admin1) in ctx.admin1:
        score += ADMIN1_HINT_SCORE
    score += _population_score(c.population)
    kind = 0.0 if (want_admin and c.kind == "admin1") else KIND_SCORE[c.kind]
    # a country is known by its names: one only looking like one ("Tens", "Under") is not it
    score += min(kind, 0.0) if (c.kind == "country" and match == SKELETON) else kind
    if (
        match == SKELETON
        and c.kind in ("city", "admin1")
        and not in_focus
        and (near is None or near > SKELETON_NEAR_KM)
        and (ctx.countries or c.population < SKELETON_MIN_POPULATION)
    ):
        return None
    if match == SKELETON and c.kind == "city" and near is not None and near > SKELETON_FAR_KM:
        return None  # a look-alike name far from every place the page has named
    return score


def _scored(
    c: Candidate,
    score: float,
    match: str,
    how: str,
    precision: int | None = None,
) -> ScoredCandidate:
    return ScoredCandidate(
        candidate=c,
        score=round(score, 4),
        precision=precision if precision is not None else c.precision,
        lat=c.lat,
        lon=c.lon,
        match=match,
        how=how,
        geonameid=c.geonameid,
    )


def _with_precision(sc: ScoredCandidate, precision: int, how: str) -> ScoredCandidate:
    return ScoredCandidate(
        sc.candidate,
        sc.score,
        max(sc.precision, precision),
        sc.lat,
        sc.lon,
        sc.match,
        how,
        sc.geonameid,
    )


def _sorted(items: Iterable[ScoredCandidate]) -> list[ScoredCandidate]:
    best: dict[int, ScoredCandidate] = {}
    for sc in items:
        old = best.get(sc.candidate.uid)
        if old is None or sc.score > old.score:
            best[sc.candidate.uid] = sc
    return sorted(best.values(), key=lambda s: (-s.score, -s.candidate.population, s.candidate.uid))


# ---------------------------------------------------------------------------------------------
# Reading a phrase
# ---------------------------------------------------------------------------------------------


class _Reader:
    def __init__(self, gaz: Gazetteer, ctx: ResolveContext, acronym: bool) -> None:
        self.gaz = gaz
        self.ctx = ctx
        self.acronym = acronym  # the phrase has no lowercase letters ("US", "T4")
        self.lexicon = gaz.lexicon

    def refused(self, key: str) -> bool:
        if not key or key in self.lexicon.stoplist or key in self.lexicon.demonyms:
            return True
        letters = len(key.replace(" ", ""))
        return letters < (2 if self.acronym else 3)

    def matches(self, key: str) -> list[tuple[Candidate, str]]:
        found: dict[int, tuple[Candidate, str]] = {}
        for c in self.gaz.lookup(key):
            found[c.uid] = (c, EXACT)
        skel = skeleton(key)
        if skel:
            for c in self.gaz.lookup(SKELETON_PREFIX + skel):
                found.setdefault(c.uid, (c, SKELETON))
        return list(found.values())

    def plain(self, key: str, *, how: str = "place", kinds=None) -> list[ScoredCandidate]:
        if self.refused(key):
            return []
        out = []
        for c, match in self.matches(key):
            if kinds is not None and c.kind not in kinds:
                continue
            score = _score(c, match, self.ctx, want_admin=kinds == {"admin1"})
            if score is not None:
                out.append(_scored(c, score, match, how))
        return _sorted(out)

    def admin(self, core: list[str]) -> list[ScoredCandidate]:
        """ "X governorate/province": the admin1 entry at precision 3."""
        key = " ".join(core)
        found = self.plain(key, how="admin1", kinds={"admin1"})
        if found:
            return found
        for sc in self.read(core):
            c = sc.candidate
            if c.kind in ("city", "toponym") and c.admin1:
                unit = self.gaz.admin1(c.country, c.admin1)
                if unit is not None:
                    return [_scored(unit, sc.score, sc.match, "admin1-of-place", 3)]
            return [_with_precision(sc, 3, "admin1-of-place")]
        return []

    def countryside(self, tokens: list[str]) -> list[ScoredCandidate] | None:
        """ "eastern X countryside", "X eastern countryside", "countryside of X", "rural X"."""
        if tokens[-1] in ("countryside", "countrysides") and len(tokens) > 1:
            core = tokens[:-1]
        elif tokens[:2] == ["countryside", "of"] and len(tokens) > 2:
            core = tokens[2:]
        elif tokens[0] == "rural" and len(tokens) > 1:
            core = tokens[1:]
        else:
            return None
        direction = None
        if len(core) > 1 and core[0] in DIRECTIONS:
            direction, core = core[0], core[1:]
        elif len(core) > 1 and core[-1] in DIRECTIONS:
            direction, core = core[-1], core[:-1]
        canonical = " ".join(([direction] if direction else []) + core + ["countryside"])
        found = self.plain(canonical, how="countryside", kinds={"toponym", "admin1"})
        if found:
            return found
        out = []
        for sc in self.read(core):
            if sc.candidate.kind in ("admin1", "country"):
                out.append(_with_precision(sc, 3, "countryside-of-region"))
                continue
            lat, lon = _offset(sc.lat, sc.lon, direction, COUNTRYSIDE_OFFSET_KM)
            out.append(
                ScoredCandidate(
                    sc.candidate, sc.score, max(sc.precision, 2), lat, lon, sc.match,
                    "countryside", None if direction else sc.geonameid,
                )
            )  # fmt: skip
        return out

    @staticmethod
    def part_of_country(sc: ScoredCandidate, direction: str) -> ScoredCandidate:
        """ "western Cameroon": a region of the country, at precision 3, half the country's
        radius from its centre towards the direction (other places stay as they are)."""
        if sc.candidate.kind != "country":
            return sc
        radius = math.sqrt(country_areas().get(sc.candidate.country, 0.0) / math.pi)
        lat, lon = _offset(sc.lat, sc.lon, direction, COUNTRY_PART_SHARE * radius)
        return ScoredCandidate(
            sc.candidate, sc.score, 3, lat, lon, sc.match, "part-of-country", None
        )

    def read(self, tokens: list[str], depth: int = 0) -> list[ScoredCandidate]:
        if not tokens or depth > 4:
            return []
        n = len(tokens)
        if n > 1 and tokens[-1] in ADMIN_WORDS:
            # "Unity State" is known whole; "Borno State" is Borno read as a province
            whole = self.plain(" ".join(tokens), how="admin1", kinds={"admin1"})
            return whole or self.admin(tokens[:-1])
        for prefix in ADMIN_PREFIXES:
            if n > len(prefix) and tuple(tokens[: len(prefix)]) == prefix:
                return self.admin(tokens[len(prefix) :])
        whole = self.plain(" ".join(tokens))
        # "Xah City" is the town X read as "X city", not another "Y City" that only shares
        # its consonant skeleton: a
        # whole phrase found only by skeleton gives way to the phrase's structure.
        if whole and (n == 1 or any(sc.match == EXACT for sc in whole)):
            return whole
        return (self.parts(tokens, depth) if n > 1 else []) or whole

    def parts(self, tokens: list[str], depth: int) -> list[ScoredCandidate]:
        """A phrase read by its structure: countryside, "near X", "X area", "city of X"..."""
        n = len(tokens)
        rural = self.countryside(tokens)
        if rural is not None:
            return rural
        for prefix in NEAR_PREFIXES:
            if n > len(prefix) and tuple(tokens[: len(prefix)]) == prefix:
                found = self.read(tokens[len(prefix) :], depth + 1)
                return [_with_precision(sc, 2, "near") for sc in found]
        if tokens[-1] in NEAR_SUFFIXES:
            # "X region" is the province when X names one, else the country around town X
            if tokens[-1] == "region":
                found = self.plain(" ".join(tokens[:-1]), how="admin1", kinds={"admin1"})
                if found:
                    return found
            found = self.read(tokens[:-1], depth + 1)
            return [_with_precision(sc, 2, "near") for sc in found]
        for prefix in PART_PREFIXES:
            if n > len(prefix) and tuple(tokens[: len(prefix)]) == prefix:
                return self.read(tokens[len(prefix) :], depth + 1)
        if tokens[-1] in PART_SUFFIXES:
            core = tokens[:-2] if tokens[-2:] == ["refugee", "camp"] else tokens[:-1]
            return self.read(core, depth + 1)
        if tokens[0] in DIRECTIONS:  # "eastern Aleppo": part of the town
            return [self.part_of_country(sc, tokens[0]) for sc in self.read(tokens[1:], depth + 1)]
        return []


def offset_point(lat: float, lon: float, direction: str | None, km: float) -> tuple[float, float]:
    """The point ``km`` from (lat, lon) towards ``direction`` ("north", "south-east" …)."""
    return _offset(lat, lon, direction.replace("-", "") if direction else None, km)


def _offset(lat: float, lon: float, direction: str | None, km: float) -> tuple[float, float]:
    """The point ``km`` from (lat, lon) towards ``direction`` ("eastern", "northwest" …)."""
    if not direction:
        return lat, lon
    dy = dx = 0.0
    for word, (vy, vx) in _DIR_VECTORS.items():
        if word in direction:
            dy, dx = dy + vy, dx + vx
    norm = math.hypot(dy, dx) or 1.0
    dlat = km * dy / norm / 111.32
    dlon = km * dx / norm / (111.32 * max(0.1, math.cos(math.radians(lat))))
    return lat + dlat, lon + dlon


def _clean(text: str) -> str:
    text = _POSSESSIVE.sub("", text.strip())
    return re.sub(r"\s+", " ", text).strip(' .;:!?"“”')


def _acceptable(text: str) -> bool:
    """Only phrases with a capitalised word are read as places ("Hama", not "hama")."""
    words = re.split(r"[\s\-‐‑]+", text)
    return any(word.lstrip("ʿʾ'‘’")[:1].isupper() for word in words if word)


def _tokens(text: str) -> list[str]:
    return normalize_toponym(text).split()


def candidates(
    name: str,
    context: ResolveContext | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[ScoredCandidate]:
    """Every place ``name`` may denote, best first (empty when it names none)."""
    gaz = gazetteer if gazetteer is not None else open_gazetteer()
    ctx = context if context is not None else NO_CONTEXT
    text = _clean(name)
    if not text or not _acceptable(text):
        return []
    acronym = not any(c.islower() for c in text)

    def read(part: str, c: ResolveContext = ctx) -> list[ScoredCandidate]:
        if not _acceptable(part):
            return []
        return _Reader(gaz, c, acronym).read(_tokens(part))

    # "the northern X countryside (the Y pocket)": the phrase, then what the brackets say
    inner = [m.strip() for m in _PARENS.findall(text)]
    outer = _clean(_PARENS.sub(" ", text))
    if inner and outer:
        return read(outer) or next((r for r in map(read, inner) if r), [])

    # "al-Firdous district, Raqqa": the tail places the head
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if len(parts) > 1:
        tail = candidates(", ".join(parts[1:]), ctx, gaz)
        if tail:
            top = tail[0]
            c = top.candidate
            hint = (c.country, c.admin1) if c.admin1 else None
            head = read(parts[0], ctx.with_place(top.lat, top.lon, hint))
            if head:
                return head
            return [_with_precision(sc, 2, "part-of") for sc in tail]
        return read(parts[0])

    found = read(text)
    if found:
        return found
    # "two rebel-besieged villages in Idlib province", "a checkpoint near Tabqa"
    pieces = _SPLIT_WORDS.split(text)
    if len(pieces) >= 3:
        word, rest = pieces[-2].lower(), pieces[-1]
        found = read(rest)
        if word != "in":
            found = [_with_precision(sc, 2, "near") for sc in found]
        return found
    return []


def is_refused(name: str, gazetteer: Gazetteer | None = None) -> bool:
    """Whether the stoplist or the demonyms say ``name`` is never a place."""
    gaz = gazetteer if gazetteer is not None else open_gazetteer()
    key = normalize_toponym(_clean(name))
    return not key or key in gaz.lexicon.stoplist or key in gaz.lexicon.demonyms


#: a town this big is known by its name even where the name is also an English word
NOTABLE_POPULATION = 100_000


def is_notable(name: str, gazetteer: Gazetteer | None = None) -> bool:
    """Whether ``name`` is exactly the name of a country, a province or a big city
    ("Aleppo", "Kiev"), the places a capitalised dictionary word may still be."""
    gaz = gazetteer if gazetteer is not None else open_gazetteer()
    key = normalize_toponym(_clean(name))
    return any(
        c.kind in ("country", "admin1") or c.population >= NOTABLE_POPULATION
        for c in gaz.lookup(key)
    )


def resolve(
    name: str,
    *,
    context: ResolveContext | None = None,
    gazetteer: Gazetteer | None = None,
) -> Location | None:
    """The best place for ``name`` as a ``Location`` (named as written), or None."""
    found = candidates(name, context, gazetteer)
    return found[0].location(name=name.strip()) if found else None


#: How much one mention tells about the page's country: a country or province named outright
#: says most; a city says more the bigger it is (a hamlet of 600 people that shares its name
#: with a capitalised English word says little); a demonym ("Syrian") says least.
VOTE_COUNTRY, VOTE_ADMIN1, VOTE_DEMONYM = 1.5, 1.5, 0.5
VOTE_BY_POPULATION = ((100_000, 1.0), (10_000, 0.6), (0, 0.25))
#: a reading is clear when no place in another country scores within this of it
CLEAR_MARGIN = 0.5
#: countries with under this share of the leader's votes, or under this many votes, are not
#: in focus (one mid-sized town is no focus of its own)
FOCUS_MIN_SHARE = 0.2
FOCUS_MIN_VOTES = 1.0


def _vote(sc: ScoredCandidate) -> float:
    """How much a clear reading of a name tells about the page's country; a place found only
    by its consonant skeleton tells nothing (spellings of different names meet there)."""
    c = sc.candidate
    if sc.match == SKELETON:
        return 0.0
    if c.kind == "country":
        return VOTE_COUNTRY
    if c.kind == "admin1":
        return VOTE_ADMIN1
    return next(v for floor, v in VOTE_BY_POPULATION if c.population >= floor)


def focus_weights(
    names: Sequence[str],
    gazetteer: Gazetteer | None = None,
    *,
    limit: int = 3,
) -> tuple[tuple[str, float], ...]:
    """A page's country focus with weights, from the place names (and demonyms) on it.

    Each name votes for the country of its best reading when that reading is clear (no place
    in another country scores within 0.5 of it), by how much such a name tells (``_vote``).
    Returns up to ``limit`` (ISO code, share of the leader's votes) pairs, most votes first;
    countries with under a fifth of the leader's votes, or under one vote, are left out
    (so a page with no country worth one vote has no focus).
    """
    gaz = gazetteer if gazetteer is not None else open_gazetteer()
    votes: Counter[str] = Counter()
    for name in names:
        key = normalize_toponym(_clean(name))
        demonym = gaz.lexicon.demonyms.get(key)
        if demonym:
            votes[demonym] += VOTE_DEMONYM
            continue
        found = candidates(name, None, gaz)
        if not found:
            continue
        top = found[0]
        rival = next((s for s in found[1:] if s.candidate.country != top.candidate.country), None)
        if rival is not None and top.score - rival.score < CLEAR_MARGIN:
            continue
        votes[top.candidate.country] += _vote(top)
    votes = Counter({cc: v for cc, v in votes.items() if v > 0})
    if not votes:
        return ()
    ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
    lead = ranked[0][1]
    if lead < FOCUS_MIN_VOTES:
        return ()  # a demonym and a hamlet are no focus: better none than a wrong one
    return tuple(
        (cc, round(v / lead, 4))
        for cc, v in ranked[:limit]
        if v >= lead * FOCUS_MIN_SHARE and v >= FOCUS_MIN_VOTES
    )


def country_focus(
    names: Sequence[str],
    gazetteer: Gazetteer | None = None,
    *,
    limit: int = 3,
) -> tuple[str, ...]:
    """The ISO codes of ``focus_weights``, most likely first."""
    return tuple(cc for cc, _ in focus_weights(names, gazetteer, limit=limit))
