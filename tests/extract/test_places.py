"""Place phrases: a country named as a town's owner is no place of its own."""

from __future__ import annotations

import pytest

from wardesk.extract.places import find_places
from wardesk.model import Location
from wardesk.nlp import load_pipeline

PLACES = {
    "Syria": Location("Syria", 35.0, 38.0, None, None, "Syria", 3),
    "Idlib province": Location("Idlib province", 35.8, 36.6, None, "Idlib", "Syria", 3),
    "Kafr Salim": Location("Kafr Salim", 35.2, 38.2, 3, "Ar Raqqah", "Syria", 1),
}


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def test_the_owner_in_a_possessive_is_not_a_second_destination(nlp):
    text = "Hundreds of fighters will leave Kafr Salim and head for Syria's Idlib province soon."
    places = find_places(text, nlp(text), PLACES.get)
    assert [(p.text, p.role) for p in places] == [
        ("Kafr Salim", "origin"),
        ("Idlib province", "destination"),
    ]


def test_a_country_named_on_its_own_is_still_a_place(nlp):
    text = "Hundreds of fighters will leave Kafr Salim and head for Syria soon."
    places = find_places(text, nlp(text), PLACES.get)
    assert [p.text for p in places] == ["Kafr Salim", "Syria"]
