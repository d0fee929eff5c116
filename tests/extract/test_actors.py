"""Deal roles from how a sentence names the people moving: besiegers, relatives, crowds."""

from __future__ import annotations

import pytest

from wardesk.extract.actors import assign_roles, find_actors
from wardesk.lexicon import load_lexicon


def deal_roles(text: str, trigger: str):
    """Roles of the deal in ``text`` whose trigger is the first occurrence of ``trigger``."""
    actors = find_actors(text, load_lexicon())
    return assign_roles(text, text.index(trigger), actors, [], deal=True, defection=False)


def test_the_besieger_lets_the_besieged_place_out():
    text = "No one has yet been evacuated from the two hamlets besieged by rebels near the river."
    roles = deal_roles(text, "evacuated")
    assert roles.allowing == "Syrian rebels"
    assert roles.withdrawing == "Civilians"
    assert (roles.actor1, roles.actor2) == ("Syrian rebels", "Civilians")


def test_a_besieged_armed_side_is_the_one_leaving():
    text = "ISIS fighters encircled by the SDF in the old quarter agreed to withdraw on Sunday."
    roles = deal_roles(text, "withdraw")
    assert (roles.allowing, roles.withdrawing) == ("SDF", "Islamic State")


def test_relatives_of_a_side_leave_as_civilians_but_that_side_is_the_party():
    text = "The army allowed 800 civilians and ISIS family members to leave for the desert."
    roles = deal_roles(text, "allowed")
    assert roles.allowing == "Syrian government forces"
    assert roles.withdrawing == "Civilians"
    assert roles.actor2 == "Islamic State"


def test_families_named_before_the_side_are_relatives_too():
    text = "The army let the wives of ISIS fighters go to the desert town on Friday."
    roles = deal_roles(text, "let")
    assert roles.withdrawing == "Civilians"


@pytest.mark.parametrize("text", [
    "The army allowed 800 civilians and ISIS fighters to leave for the desert.",
    "The army allowed ISIS fighters and their relatives to leave for the desert.",
])  # fmt: skip
def test_an_armed_side_among_those_let_go_is_the_one_leaving(text):
    roles = deal_roles(text, "allowed")
    assert roles.withdrawing == "Islamic State"


def test_a_crowd_of_people_including_some_fighters_is_civilians():
    text = (
        "About 2,000 people, including 300 fighters from Hezbollah, left the two villages at dawn."
    )
    roles = deal_roles(text, "left")
    assert roles.withdrawing == "Civilians"


def test_a_side_named_as_the_subject_is_the_one_leaving():
    text = "About 300 ISIS fighters, including their commanders, left the two villages at dawn."
    roles = deal_roles(text, "left")
    assert roles.withdrawing == "Islamic State"
