"""The gazetteer: name keys, the two implementations, and the real index built from PyPI data."""

from __future__ import annotations

import os
import sqlite3
import time

import pytest

from wardesk.geo import (
    MemoryGazetteer,
    PlaceEntry,
    ResolveContext,
    SqliteGazetteer,
    build_index,
    candidates,
    index_path,
    normalize_toponym,
    open_gazetteer,
    resolve,
    skeleton,
)
from wardesk.geo.gazetteer import distance_km, keep_alternate, load_lexicon, name_keys

# --- normalization ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Ḩamāh", "hamah"),
        ("Dar‘ā", "dara"),
        ("Dar'a", "dara"),
        ("al-Fu'ah", "fuah"),
        ("Al-Tabqa", "tabqa"),
        ("ar-Raqqa", "raqqa"),
        ("Ath Thawrah", "thawrah"),
        ("Deir ez-Zor", "deir zor"),
        ("Dayr az Zawr", "dayr zawr"),
        ("Jisr ash-Shughur", "jisr shughur"),
        ("the Syrian-Lebanese border", "syrian lebanese border"),
        ("Aţ Ţabqah", "tabqah"),
        ("Şanlıurfa", "sanliurfa"),
        ("U.S.", "us"),
        ("Al", "al"),  # an article alone is kept
        ("  Moadamiyat   al-Sham ", "moadamiyat sham"),
        ("الرقة", ""),
    ],
)
def test_normalize_toponym(text: str, key: str) -> None:
    assert normalize_toponym(text) == key


def test_normalize_is_idempotent() -> None:
    for text in ("Deir ez-Zor", "the Old City of Mosul", "Ḩarastā", "Ma‘arrat an Nu‘mān"):
        once = normalize_toponym(text)
        assert normalize_toponym(once) == once


SPELLING_GROUPS = [
    ["Deir ez-Zor", "Deir Ezzor", "Deir al-Zor", "Dayr az Zawr", "Deir Azzor", "Deir ez Zor",
     "Deir el-Zour", "Dair Alzour"],
    ["Tabqa", "Tabqah", "al-Tabqah", "Al-Tabqa", "At Tabaqah"],
    ["Homs", "Hims", "Hums"],
    ["Jarablus", "Jarablos", "Jarabulus", "Djarablous"],
    ["Manbij", "Menbij", "Manbej", "Membij"],
    ["Mayadin", "al-Mayadin", "Mayadeen", "Al Mayādīn", "Meyadin"],
    ["Fallujah", "Falluja", "al-Fallujah"],
    ["Kafriya", "Kefraya", "Kafraya"],
    ["Idlib", "Idleb", "Edlib"],
    ["Qusayr", "al-Qusayr", "Qusair", "Al Quşayr"],
    ["Ein Tarma", "Ain Tarma", "Ayn Tarma"],
    ["Ayn Issa", "Ain Issa", "Ayn Isa", "Ain Aissa"],
    ["Hawija", "Hawijah", "al-Hawija"],
    ["Kafr Nabl", "Kafr Nubl", "Kfar Nabl"],
    ["Khan Shaykhun", "Khan Sheikhoun", "Khan Shaykhoun"],
]  # fmt: skip


@pytest.mark.parametrize("group", SPELLING_GROUPS, ids=lambda g: g[0])
def test_spellings_share_a_skeleton(group: list[str]) -> None:
    skeletons = {skeleton(s) for s in group}
    assert len(skeletons) == 1, {s: skeleton(s) for s in group}
    assert skeletons != {""}


@pytest.mark.parametrize(
    ("a", "b"),
    [("Homs", "Hama"), ("Raqqa", "Rastan"), ("Idlib", "Daraa"), ("Deir ez-Zor", "Dair Hafer")],
)
def test_different_places_keep_different_skeletons(a: str, b: str) -> None:
    assert skeleton(a) != skeleton(b)


def test_short_skeletons_keep_their_vowels() -> None:
    # "hm" would match half the world: short names keep a loosened vocalic form instead
    assert skeleton("Hama") == skeleton("Hamah") == skeleton("Hamaa") == "hama"
    assert skeleton("Raqqa") == skeleton("Rakka") == skeleton("Raqqah") == "raka"
    assert skeleton("Shaddadi") == skeleton("Shadadi")
    assert skeleton("Douma") == skeleton("Duma")
    assert skeleton("Daraa") == skeleton("Deraa") == skeleton("Dar'a")
    assert skeleton("Ab") == ""
    assert "~hm" not in name_keys(["Hama"])
    assert name_keys(["Homs"]) == {"homs", "~hms"}


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("Ath Thawrah", True),
        ("Aţ Ţabqah", True),
        ("alrqt", False),  # machine transliteration
        ("ara rakaha", False),
        ("الرقة", False),
        ("Ракка", False),
        ("DEZ", False),  # airport code
        ("SDF", False),
        ("Raqqa", True),
    ],
)
def test_keep_alternate(name: str, kept: bool) -> None:
    assert keep_alternate(name) is kept


def test_lexicon_from_project_data() -> None:
    lex = load_lexicon()
    for word in ("of", "center", "salt", "police", "reuters", "home", "saturday", "sdf"):
        assert word in lex.stoplist
    assert lex.demonyms["syrian"] == "SY"
    assert lex.demonyms["iraqi"] == "IQ"


def test_distance_km() -> None:
    assert distance_km(35.95, 39.01, 35.95, 39.01) == 0
    assert 75 < distance_km(35.9528, 39.0079, 36.2012, 37.1612) / 2.2 < 80  # Raqqa-Aleppo ~170


# --- the two implementations agree -----------------------------------------------------------

ENTRIES = [
    PlaceEntry("Syria", 35.0, 38.0, "SY", kind="country", population=17_000_000, precision=3),
    PlaceEntry("Ar Raqqah", 35.95, 39.0, "SY", kind="admin1", admin1="04", precision=3,
               alternates=("Raqqa",)),
    PlaceEntry("Ar Raqqah", 35.95283, 39.00788, "SY", admin1="04", geonameid=172955,
               population=531952, alternates=("Raqqa", "Rakka", "Ar-Raqqah")),
    PlaceEntry("Al-Tabqa", 35.83758, 38.54828, "SY", admin1="04", geonameid=172374,
               population=87880, alternates=("Tabqa", "Ath Thawrah")),
    PlaceEntry("Tabqa Dam", 35.869, 38.567, "SY", kind="toponym", admin1="04", precision=2,
               parent="Tabqa", alternates=("Euphrates Dam",)),
]  # fmt: skip


@pytest.fixture
def sqlite_gaz(tmp_path):
    path = build_index(ENTRIES, tmp_path / "small.sqlite", meta={"test": "1"})
    gaz = SqliteGazetteer(path)
    yield gaz
    gaz.close()


def test_memory_and_sqlite_gazetteers_agree(sqlite_gaz) -> None:
    mem = MemoryGazetteer(ENTRIES)
    for key in ("raqqa", "tabqa", "thawrah", "euphrates dam", "~rk", "~tbk", "syria", "nowhere"):
        assert sorted(mem.lookup(key), key=lambda c: c.uid) == sorted(
            sqlite_gaz.lookup(key), key=lambda c: c.uid
        ), key
    assert mem.admin1("SY", "04") == sqlite_gaz.admin1("SY", "04")
    assert mem.country("SY") == sqlite_gaz.country("SY")
    assert sqlite_gaz.admin1("SY", "99") is None


def test_candidate_carries_admin1_and_country_names(sqlite_gaz) -> None:
    (dam,) = sqlite_gaz.lookup("euphrates dam")
    assert (dam.kind, dam.precision, dam.parent) == ("toponym", 2, "Tabqa")
    assert (dam.admin1_name, dam.country_name) == ("Ar Raqqah", "Syria")
    (tabqa,) = sqlite_gaz.lookup("thawrah")
    assert tabqa.geonameid == 172374
    assert tabqa.lat == pytest.approx(35.83758, abs=1e-5)


def test_index_is_read_only(sqlite_gaz) -> None:
    with pytest.raises(sqlite3.OperationalError):
        sqlite_gaz._db.execute("DELETE FROM place")


def test_build_is_atomic(tmp_path) -> None:
    target = tmp_path / "idx.sqlite"

    def broken():
        yield ENTRIES[0]
        raise RuntimeError("source failed")

    with pytest.raises(RuntimeError):
        build_index(broken(), target)
    assert list(tmp_path.iterdir()) == []  # no half-built index, no temp file left


def test_index_path_follows_wardesk_cache(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("WARDESK_CACHE", str(tmp_path))
    path = index_path()
    assert path.parent == tmp_path
    assert path.name.startswith("gazetteer-3.0.2-") and path.suffix == ".sqlite"


# --- the real index ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_gaz(tmp_path_factory):
    """The full index, built once for this module in a temporary WARDESK_CACHE (~10 s)."""
    if os.environ.get("WARDESK_SKIP_SLOW"):
        pytest.skip("WARDESK_SKIP_SLOW is set")
    cache = tmp_path_factory.mktemp("wardesk-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("WARDESK_CACHE", str(cache))
        start = time.perf_counter()
        gaz = open_gazetteer()
        built_s = time.perf_counter() - start
        assert gaz.path.parent == cache
        assert open_gazetteer() is gaz  # opened once per process
        print(f"\nfull gazetteer built in {built_s:.1f} s, {gaz.path.stat().st_size / 1e6:.1f} MB")
        yield gaz


# Where each place really is (lat, lon), and the country it is in.
PLACES = {
    "Tabqa": (35.8376, 38.5483, "SY"),
    "Raqqa": (35.9528, 39.0079, "SY"),
    "Idlib": (35.9306, 36.6339, "SY"),
    "Homs": (34.7241, 36.7256, "SY"),
    "Hama": (35.1318, 36.7578, "SY"),
    "Aleppo": (36.2012, 37.1612, "SY"),
    "Manbij": (36.5281, 37.9549, "SY"),
    "Mosul": (36.3350, 43.1189, "IQ"),
    "Fallujah": (33.3491, 43.7860, "IQ"),
    "Palmyra": (34.5624, 38.2840, "SY"),
    "Mayadin": (35.0198, 40.4515, "SY"),
    "Douma": (33.5718, 36.4027, "SY"),
    "Harasta": (33.5587, 36.3652, "SY"),
    "Daraya": (33.4584, 36.2326, "SY"),
    "al-Bab": (36.3705, 37.5157, "SY"),
    "Arsal": (34.1794, 36.4208, "LB"),
    "Zabadani": (33.7249, 36.1005, "SY"),
    "Madaya": (33.6903, 36.1035, "SY"),
    "Foua": (35.9667, 36.7000, "SY"),
    "Kefraya": (35.9600, 36.6833, "SY"),
    "Jarablus": (36.8175, 38.0111, "SY"),
    "Daraa": (32.6189, 36.1021, "SY"),
    "Rastan": (34.9267, 36.7324, "SY"),
    "Kisweh": (33.3581, 36.2419, "SY"),
    "Deir ez-Zor": (35.3359, 40.1408, "SY"),
}

SPELLINGS = {
    "Tabqa": ["Tabqa", "Tabqah", "al-Tabqah", "Al-Tabqa", "Ath Thawrah", "al-Thawra"],
    "Raqqa": ["Raqqa", "Raqqah", "ar-Raqqa", "Al-Raqqa", "Rakka"],
    "Idlib": ["Idlib", "Idleb"],
    "Homs": ["Homs", "Hims"],
    "Hama": ["Hama", "Hamah"],
    "Aleppo": ["Aleppo", "Halab"],
    "Manbij": ["Manbij", "Menbij"],
    "Mosul": ["Mosul", "al-Mosul"],
    "Fallujah": ["Fallujah", "Falluja"],
    "Palmyra": ["Palmyra", "Tadmur", "Tadmor"],
    "Mayadin": ["Mayadin", "al-Mayadin", "Mayadeen"],
    "Douma": ["Douma", "Duma"],
    "Harasta": ["Harasta"],
    "Daraya": ["Daraya", "Darayya"],
    "al-Bab": ["al-Bab", "Al Bab"],
    "Arsal": ["Arsal", "Ersal"],
    "Zabadani": ["Zabadani", "Zebdani"],
    "Madaya": ["Madaya"],
    "Foua": ["Foua", "al-Fu'ah", "Fuaa"],
    "Kefraya": ["Kefraya", "Kafriya"],
    "Jarablus": ["Jarablus", "Jarablos"],
    "Daraa": ["Daraa", "Deraa", "Dar'a"],
    "Rastan": ["Rastan", "al-Rastan"],
    "Kisweh": ["Kisweh", "al-Kiswah"],
    "Deir ez-Zor": ["Deir ez-Zor", "Deir Ezzor", "Deir al-Zor", "Dayr az Zawr", "Deir Azzor",
                    "Deir ez Zor", "DeZ"],
}  # fmt: skip

CASES = [(place, spelling) for place, names in SPELLINGS.items() for spelling in names]


@pytest.mark.parametrize(("place", "spelling"), CASES, ids=[s for _, s in CASES])
def test_real_index_resolves_spellings(real_gaz, place: str, spelling: str) -> None:
    lat, lon, cc = PLACES[place]
    ctx = ResolveContext(countries=(cc, "SY", "IQ", "LB")[: 3 if cc == "SY" else 2])
    loc = resolve(spelling, context=ctx, gazetteer=real_gaz)
    assert loc is not None, spelling
    assert distance_km(loc.lat, loc.lon, lat, lon) < 25, (spelling, loc)
    assert loc.precision == 1


@pytest.mark.parametrize(
    "name",
    ["Tabqa", "Raqqa", "Idlib", "Homs", "Hama", "Aleppo", "Mosul", "Fallujah", "Deir ez-Zor"],
)
def test_real_index_famous_places_without_context(real_gaz, name: str) -> None:
    lat, lon, _ = PLACES[name]
    loc = resolve(name, gazetteer=real_gaz)
    assert loc is not None and distance_km(loc.lat, loc.lon, lat, lon) < 25, loc


def test_real_index_tabqa_is_the_geonames_city(real_gaz) -> None:
    for spelling in ("Tabqa", "Ath Thawrah", "al-Tabqah"):
        top = candidates(spelling, ResolveContext(countries=("SY",)), real_gaz)[0]
        assert top.candidate.geonameid == 172374
        assert top.candidate.name == "Al-Tabqa"
        assert top.candidate.population == 87880


def test_real_index_regions_and_admin_names(real_gaz) -> None:
    sy = ResolveContext(countries=("SY",))
    loc = resolve("Deir al-Zor province", context=sy, gazetteer=real_gaz)
    assert (loc.admin1, loc.country, loc.precision) == ("Dayr az Zawr", "Syria", 3)
    loc = resolve("Idlib governorate", context=sy, gazetteer=real_gaz)
    assert (loc.admin1, loc.precision, loc.geonameid) == ("Idlib", 3, None)
    loc = resolve("eastern Hama countryside", context=sy, gazetteer=real_gaz)
    assert (loc.admin1, loc.precision) == ("Hama", 2)
    assert distance_km(loc.lat, loc.lon, 35.25, 37.35) < 25
    loc = resolve("Jroud Arsal", context=sy, gazetteer=real_gaz)
    assert (loc.admin1, loc.country, loc.precision) == ("Baalbek-Hermel", "Lebanon", 2)
    loc = resolve("al-Tank neighbourhood", context=ResolveContext(("IQ",)), gazetteer=real_gaz)
    assert (loc.admin1, loc.country) == ("Ninawa", "Iraq")
    loc = resolve("Turkey", context=sy, gazetteer=real_gaz)
    assert (loc.admin1, loc.country, loc.precision) == (None, "Turkey", 3)
    assert distance_km(loc.lat, loc.lon, 39.0, 35.0) < 25
    for word in ("Of", "Center", "Salt", "Police", "Reuters", "Home", "Saturday", "SDF"):
        assert resolve(word, context=sy, gazetteer=real_gaz) is None, word


def test_real_index_country_focus(real_gaz) -> None:
    from wardesk.geo import country_focus

    names = ["Raqqa", "Tabqa", "SDF", "Syria", "Mosul", "Aleppo", "Syrian", "Hama"]
    assert country_focus(names, real_gaz)[0] == "SY"
    assert country_focus(["Mosul", "Fallujah", "Iraqi", "Ramadi"], real_gaz)[0] == "IQ"


def test_real_index_is_small_and_quick(real_gaz) -> None:
    assert real_gaz.path.stat().st_size < 60e6
    start = time.perf_counter()
    gaz = SqliteGazetteer(real_gaz.path)
    gaz.lookup("raqqa")
    assert time.perf_counter() - start < 0.5
    gaz.close()
