"""In-page merging: a departure without a destination takes the one the page gives."""

from __future__ import annotations

from wardesk.extract.merge import fill_destinations
from wardesk.model import Agreement, Evidence, Location, Mention

TOWN_A = Location("Kafr Salim", 35.2, 38.2, 3, "Ar Raqqah", "Syria", 1)
TOWN_B = Location("Tell Amir", 35.6, 38.9, 2, "Ar Raqqah", "Syria", 1)


def deal(n: int, place: Location, destination: str | None, kind: str = "evacuation") -> Mention:
    return Mention(
        doc="t.txt",
        mention_id=f"t.txt#{n}",
        event_type="Strategic developments",
        sub_event_type="Agreement",
        actor1="SDF",
        evidence=Evidence(f"sentence {n}", n * 100, n * 100 + 10, n),
        location=place,
        agreement=Agreement(kind=kind, destination=destination),
    )


def destinations(mentions: list[Mention]) -> list[str | None]:
    return [m.agreement.destination for m in mentions]


def test_a_departure_takes_the_destination_told_for_the_same_place():
    page = [deal(1, TOWN_A, None), deal(2, TOWN_A, "Idlib"), deal(3, TOWN_B, "Jarablus")]
    assert destinations(fill_destinations(page)) == ["Idlib", "Idlib", "Jarablus"]


def test_a_page_with_one_destination_gives_it_to_every_departure():
    page = [deal(1, TOWN_A, None), deal(2, TOWN_B, "Idlib")]
    assert destinations(fill_destinations(page)) == ["Idlib", "Idlib"]


def test_two_destinations_elsewhere_on_the_page_give_nothing():
    page = [deal(1, TOWN_A, None), deal(2, TOWN_B, "Idlib"), deal(3, TOWN_B, "Jarablus")]
    assert destinations(fill_destinations(page)) == [None, "Idlib", "Jarablus"]


def test_a_ceasefire_moves_nobody():
    page = [deal(1, TOWN_A, None, kind="ceasefire"), deal(2, TOWN_A, "Idlib")]
    assert destinations(fill_destinations(page)) == [None, "Idlib"]
