"""Actors of any war: the canonical list, the page's own names, and the page's country.

Every sentence here is invented to state one rule; none is taken from a page.
"""

from __future__ import annotations

from collections import Counter

import pytest

from wardesk.extract.actors import assign_roles, find_actors, resolve_generic
from wardesk.lexicon import load_lexicon
from wardesk.nlp import load_pipeline


@pytest.fixture(scope="module")
def actors_in():
    nlp, lexicon = load_pipeline(), load_lexicon()

    def names(text: str, country: str | None = None) -> list[str]:
        return [a.name for a in find_actors(text, lexicon, country=country, parsed=nlp(text))]

    return names


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        # Generic opposition in Syria (or on a page with no country) is "Syrian rebels".
        ("Rebels shelled the market at dawn.", None, ["Syrian rebels"]),
        ("Gunmen opened fire on the checkpoint.", "Syria", ["Syrian rebels"]),
        # Elsewhere the page's own word is the name.
        ("Gunmen opened fire on the checkpoint.", "Nigeria", ["Gunmen"]),
        ("Insurgents ambushed a convoy on the road.", "Mozambique", ["Insurgents"]),
        # A generic state force takes the page's nationality, or the listed actor it names.
        ("Government forces retook the hill on Monday.", "Somalia", ["Somali government forces"]),
        ("Security forces stormed the compound.", "Kenya", ["Kenyan security forces"]),
        ("The army shelled the village overnight.", "Iraq", ["Iraqi forces"]),
        ("The army shelled the village overnight.", "Syria", ["Syrian government forces"]),
        # "The government" that agrees or fights is the state's side.
        (
            "The government agreed to let rebels leave.",
            "Syria",
            ["Syrian government forces", "Syrian rebels"],
        ),
        # A nationality before a generic force names that nation's force, on any page.
        (
            "Gunmen surrendered to the Afghan security forces.",
            "Syria",
            ["Syrian rebels", "Afghan security forces"],
        ),
        # "The coalition" is the one of the page's war.
        ("Coalition warplanes struck the bridge at night.", "Iraq", ["US-led coalition"]),
        ("Coalition warplanes struck the bridge at night.", "Syria", ["US-led coalition"]),
        ("Coalition warplanes struck the bridge at night.", "Yemen", ["Saudi-led coalition"]),
        ("Coalition warplanes struck the bridge at night.", None, ["US-led coalition"]),
        # Well-known armed actors of other wars, in their common spellings.
        ("Houthi fighters seized the port.", "Yemen", ["Houthis"]),
        ("Al Shabab militants attacked the base.", "Somalia", ["Al-Shabaab"]),
        ("Taliban insurgents overran the district centre.", "Afghanistan", ["Taliban"]),
        # A group the list does not know keeps the page's name, found by its form.
        (
            "The Northern Shield Brigade withdrew from the ridge.",
            "Chad",
            ["Northern Shield Brigade"],
        ),
        ("Moldavian Guard units left the bridge.", None, ["Moldavian Guard units"]),
        # A government's army is its government forces.
        ("The Malian government army retook the town.", "Mali", ["Malian government forces"]),
        # A nationality or a home town before "fighters" describes members, not a group.
        ("ISIS let Syrian fighters leave the town.", "Syria", ["Islamic State"]),
        # An apposition describes the actor before it.
        ("The SDF, an alliance of Arab and Yazidi militias, took the village.", "Syria", ["SDF"]),
        # A bracketed listed name says which listed actor a long name is.
        (
            "The Kurdish Self-Protection Forces (YPG) handed the town over.",
            "Syria",
            ["YPG"],
        ),
        # Groups outside the canonical list keep the page's transliteration.
        ("Jays al-Islam fighters left the suburb.", "Syria", ["Jays al-Islam"]),
        # A foreign state after a preposition of place names where, not who.
        (
            "Rebels and the army met for talks in Ankara.",
            "Syria",
            ["Syrian rebels", "Syrian government forces"],
        ),
        ("Ankara warned the rebels to leave the town.", "Syria", ["Turkey", "Syrian rebels"]),
        # A name that only says who speaks is the source, never an actor.
        ("Opposition sources said the buses left the town.", "Syria", []),
        ("A news channel run by Hezbollah said the convoy left.", "Syria", []),
    ],
)
def test_actor_names(actors_in, text, country, expected):
    assert actors_in(text, country) == expected


def test_generic_word_means_the_one_group_a_foreign_page_names():
    """Outside Syria, "the rebels" on a page about one named group mean that group."""
    lexicon = load_lexicon()
    found = find_actors("The rebels fired rockets on the city.", lexicon, country="Yemen")
    assert [a.name for a in found] == ["Rebels"]
    houthis = next(a for a in lexicon.actors if a.name == "Houthis")
    by_name = {a.name: a.actor for a in found} | {"Houthis": houthis}
    resolved = resolve_generic(found, Counter({"Houthis": 3, "Rebels": 1}), by_name)
    assert [a.name for a in resolved] == ["Houthis"]


def test_generic_word_stays_when_the_page_names_no_group():
    lexicon = load_lexicon()
    found = find_actors("Gunmen kidnapped twelve travellers.", lexicon, country="Nigeria")
    by_name = {a.name: a.actor for a in found}
    assert [a.name for a in resolve_generic(found, Counter({"Gunmen": 2}), by_name)] == ["Gunmen"]


def test_a_truce_between_equals_takes_the_pages_other_side():
    """No side outranks the other: the page's pair are the deal's two parties."""
    lexicon = load_lexicon()
    text = "Elders brokered a truce in the town on Monday."
    brigade = find_actors(
        "The Northern Shield Brigade",
        lexicon,
        parsed=load_pipeline()("The Northern Shield Brigade"),
    )[0].actor
    guard = find_actors(
        "the Southern Guard units", lexicon, parsed=load_pipeline()("the Southern Guard units")
    )[0].actor
    roles = assign_roles(
        text, text.index("truce"), [], [brigade, guard], deal=True, defection=False
    )
    assert {roles.actor1, roles.actor2} == {brigade.name, guard.name}


def test_a_page_that_names_only_its_country_is_read_as_that_war(run_page):
    """No town the gazetteer knows, but the country named as a place: its war, not Syria's."""
    text = "Attack on a village\n\nRebels attacked a village in Turkey on Monday, killing three.\n"
    (first, *_) = run_page(text, "2017-05-04")
    assert first.actor1 == "Rebels"
