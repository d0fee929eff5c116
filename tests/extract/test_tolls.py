"""Tolls straight from invented sentences: which counts are the event's dead."""

from __future__ import annotations

import pytest

from wardesk.extract.tolls import armed_among_the_dead, fatalities, only_a_running_toll


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("A blast killed six people.", 6),
        ("Twenty-one civilians died when the jets struck.", 21),
        ("At least 12 people were killed and 30 injured.", 12),
        ("Shelling killed a dozen villagers.", 12),
        ("The toll from the attack rose to 35.", 35),
        ("The strike claimed the lives of 8 people.", 8),
        ("Rescuers pulled 17 bodies from the rubble.", 17),
        ("Clashes left 5 soldiers and 12 militants dead.", 17),
        ("At least 250 soldiers and some 233 militants were killed.", 483),
        ("The attack killed 40 people, including 13 children.", 40),
        ("Nine people, including four children, were killed.", 9),
        ("The strike came a day after six civilians were killed.", 6),
        ("Gunmen killed a civilian.", 1),
        ("Two fighters and a civilian were killed.", 3),
        ("The raid killed a woman and her three children.", 4),
        ("More than 800 killed or wounded in a month.", None),
        ("The strikes destroyed 25 vehicles.", None),
        ("Dozens of people were killed.", None),
        ("Four soldiers were wounded.", None),
        ("Since the offensive began, 300 people have died.", None),
    ],
)
def test_fatalities(text, dead):
    assert fatalities(text) == dead


def test_a_running_toll_is_told_apart():
    assert only_a_running_toll("More than 600 civilians have been killed in the city so far.")
    assert not only_a_running_toll("Six civilians were killed on Monday.")


def test_armed_men_among_the_dead():
    assert armed_among_the_dead("Two fighters and a civilian were killed.")
    assert not armed_among_the_dead("Two children and a woman were killed.")
