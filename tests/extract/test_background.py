"""Background sentences (a trend over months or years, no place of their own) are no events."""

from __future__ import annotations

from dataclasses import replace

import pytest

from wardesk.extract.background import drop_background, is_background
from wardesk.model import Agreement, Evidence, Location, Mention

CASES = [
    # (sentence, place borrowed from the page?, a deal?, background?)
    ("Over the past two years the militia has steadily lost ground.", True, False, True),
    ("In recent months the army has advanced on several fronts.", True, False, True),
    ("Rebels have for decades fought the central government.", True, False, True),
    ("The two sides have been battling for a month.", True, False, True),
    ("For many years the valley changed hands again and again.", True, False, True),
    ("Fighting has spread across the country since the coup.", True, False, True),
    ("The air force has carried out 200 strikes in the past year.", True, False, True),
    ("Police link the gang to a sharp rise in kidnappings.", True, False, True),
    ("So far, 300 people have been killed in the fighting.", True, False, True),
    # A place of its own: the sentence tells where, so it is coded.
    ("In recent months the army has shelled the port of Kafr Zeta.", False, False, False),
    # A dated happening, no span.
    ("Gunmen killed three guards on Monday.", True, False, False),
    ("The battle claimed the lives of 400 fighters.", True, False, False),
    # Deals stay: the in-page merge decides what they retell.
    ("For months the sides have talked about a withdrawal.", True, True, False),
]


COUNTRY = Location("Freedonia", 10.0, 20.0, None, None, "Freedonia", 3)
TOWN = Location("Kafr Zeta", 35.3, 36.6, 1, "Hamah", "Syria", 1)


def test_a_whole_country_is_no_place_of_its_own():
    text = "Fighting has ravaged the country since the coup in 2021."
    assert is_background(replace(mention(text, False, False), location=COUNTRY))
    assert not is_background(replace(mention(text, False, False), location=TOWN))


def mention(text: str, borrowed: bool, deal: bool) -> Mention:
    return Mention(
        doc="t.txt",
        mention_id="t.txt#1",
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="Rebels",
        evidence=Evidence(text, 0, len(text), 0),
        agreement=Agreement(kind="withdrawal") if deal else None,
        place_borrowed=borrowed,
    )


@pytest.mark.parametrize(("text", "borrowed", "deal", "background"), CASES)
def test_background_is_a_span_without_a_place_of_its_own(text, borrowed, deal, background):
    assert is_background(mention(text, borrowed, deal)) is background


def test_drop_background_keeps_the_rest_in_order():
    page = [mention(text, borrowed, deal) for text, borrowed, deal, _ in CASES]
    kept = drop_background(page)
    assert [m.evidence.text for m in kept] == [t for t, _, _, bg in CASES if not bg]


@pytest.mark.parametrize(
    ("date", "borrowed", "background"),
    [
        ("2014", True, True),  # history the page recalls, with no place of its own
        ("2014", False, False),  # a place of its own: coded
        ("2014-06", True, False),  # dated closer than a year: a happening
    ],
)
def test_a_year_alone_and_no_place_is_history(date, borrowed, background):
    text = "The group took control of a third of the country."
    assert is_background(replace(mention(text, borrowed, False), date=date)) is background
