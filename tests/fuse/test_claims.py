"""Slot claims: what a mention says, how values are keyed, and which values clash."""

from __future__ import annotations

import pytest

from wardesk.fuse.claims import claims_of, place_key, values_conflict


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Deir Ezzor governorate", "Deir ez-Zor province"),
        ("Idlib governorate", "Idlib province"),
        ("al-Tabqah", "Tabqa"),
        ("Raqqah", "Raqqa city"),
        ("eastern Deir Ezzor", "Deir al-Zor"),
    ],
)
def test_one_place_written_differently_has_one_key(a, b):
    assert place_key(a) == place_key(b)


@pytest.mark.parametrize(
    ("a", "b"), [("Idlib governorate", "Deir Ezzor governorate"), ("Homs", "Hama")]
)
def test_different_places_have_different_keys(a, b):
    assert place_key(a) != place_key(b)


@pytest.mark.parametrize(
    ("slot", "a", "b", "clash"),
    [
        ("fighters", "70", "70", False),
        ("fighters", "70", "100", False),  # "about 70" vs "nearly 100": within the tolerance
        ("fighters", "200", "30", True),
        ("civilians", "0", "400", True),
        ("fatalities", "17", "20", False),
        ("destination", "adlb", "drzr", True),
        ("foreign_fighters", "included", "excluded", True),
        ("status", "proposed", "implemented", False),  # a deal moving on, not a contradiction
        ("status", "agreed", "denied", True),
        ("status", "proposed", "denied", False),
        ("happened", "happened", "denied", True),
        ("happened", "possible", "denied", False),
    ],
)
def test_which_values_clash(slot, a, b, clash):
    assert values_conflict(slot, a, b) is clash
    assert values_conflict(slot, b, a) is clash


def test_claims_of_a_deal_name_their_source(make):
    stored = make(
        "p", deal={"destination": "Idlib governorate", "fighters": 200, "foreign_fighters": True},
        source="SDF spokesman Talal Silo", source_type="party_to_conflict",
    )  # fmt: skip
    claims = {c.slot: c for c in claims_of(stored.mention, "Some Outlet")}
    assert set(claims) == {"happened", "status", "fighters", "destination", "foreign_fighters"}
    assert claims["destination"].key == place_key("Idlib")
    assert claims["foreign_fighters"].value == "included"
    assert {c.source for c in claims.values()} == {"SDF spokesman Talal Silo"}


def test_unattributed_claims_speak_for_the_page_and_readers_for_themselves(make):
    [own] = claims_of(make("p", sub="Armed clash", deal=None).mention, "Some Outlet")
    assert own.source == "Some Outlet"
    reader = make("p", certainty="denied", in_comments=True, source_type="reader_comment")
    claims = {c.slot: c for c in claims_of(reader.mention, "Some Outlet")}
    assert claims["happened"].value == "denied"
    assert claims["happened"].source == "reader comment" and claims["happened"].in_comments
