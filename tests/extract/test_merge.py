"""In-page merging: a departure without a destination takes the one the page gives."""

from __future__ import annotations

from dataclasses import replace

import pytest

from wardesk.extract.merge import fill_destinations, merge_page_mentions
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


def dated(mention: Mention, date: str, precision: int) -> Mention:
    return replace(mention, date=date, time_precision=precision)


def test_merged_reports_keep_the_more_precise_date():
    vague = dated(deal(1, TOWN_A, "Idlib"), "2018-04", 3)
    precise = dated(deal(2, TOWN_A, "Idlib"), "2018-04-01", 1)
    for page in ([vague, precise], [precise, vague]):
        (merged,) = merge_page_mentions(page)
        assert (merged.date, merged.time_precision) == ("2018-04-01", 1)


def test_dates_that_disagree_keep_the_reports_apart():
    page = [dated(deal(1, TOWN_A, "Idlib"), "2018-03-31", 1),
            dated(deal(2, TOWN_A, "Idlib"), "2018-04-01", 1)]  # fmt: skip
    assert len(merge_page_mentions(page)) == 2


def _told_in(mention: Mention, sentence: int) -> Mention:
    evidence = Evidence(f"sentence {sentence}", sentence * 100, sentence * 100 + 10, sentence)
    return replace(mention, evidence=evidence)


def test_a_sentence_about_one_happening_alone_is_kept_over_one_that_tells_two():
    lead = [_told_in(deal(1, TOWN_A, "Idlib"), 1), _told_in(deal(2, TOWN_B, "Jarablus"), 1)]
    alone = _told_in(deal(3, TOWN_B, "Jarablus"), 2)
    merged = merge_page_mentions([*lead, alone])
    assert [m.evidence.start for m in merged] == [100, 200]
    assert [m.location for m in merged] == [TOWN_A, TOWN_B]


def told(n: int, text: str, *, status: str | None, borrowed: bool, **deal_terms) -> Mention:
    """A deal mention whose sentence is ``text`` (place borrowed from the page or its own)."""
    mention = deal(n, TOWN_A, deal_terms.pop("destination", None))
    return replace(
        mention,
        source=deal_terms.pop("source", None),
        evidence=Evidence(text, n * 100, n * 100 + len(text), n),
        agreement=replace(mention.agreement, status=status, **deal_terms),
        place_borrowed=borrowed,
    )


RETELLING_CASES = [
    # (second sentence, its status, place borrowed?, extra terms, merged into the first?)
    ("Under the agreement, the fighters are allowed to take light arms.", "agreed", True, {}, True),
    (
        "According to the deal, they will go north.",
        "proposed",
        True,
        {"destination": "Idlib"},
        True,
    ),
    ("The agreement also stipulates that roads reopen.", "agreed", True, {}, True),
    ("Several states welcomed the truce on Monday.", None, True, {}, True),
    # A place of its own: a report about somewhere else, not a retelling.
    ("Under the agreement, fighters left the village.", "agreed", False, {}, False),
    # No definite reference back: a new report.
    ("Fighters will be allowed to leave.", "proposed", True, {}, False),
    # An indefinite deal is introduced for the first time.
    ("The departures follow a ceasefire deal struck last week.", None, True, {}, False),
    # Implementation is a row of its own.
    ("The evacuation was completed on Friday.", "implemented", True, {}, False),
    # A new voice's claim about who leaves is an account of its own.
    (
        "Under the deal, foreign fighters will leave too, a commander said.",
        "agreed",
        True,
        {"foreign_fighters": True, "source": "a rebel commander"},
        False,
    ),
]


@pytest.mark.parametrize(("text", "status", "borrowed", "terms", "merged"), RETELLING_CASES)
def test_a_sentence_that_retells_the_deal_joins_it(text, status, borrowed, terms, merged):
    first = told(1, "The two sides agreed that the fighters leave the town.", status="agreed",
                 borrowed=False)  # fmt: skip
    second = replace(told(2, text, status=status, borrowed=borrowed, **terms), location=TOWN_B)
    kept = merge_page_mentions([first, second])
    assert len(kept) == (1 if merged else 2)
    assert kept[0].location == TOWN_A  # the deal's own report stays the evidence


def clash(n: int, text: str, block: int) -> Mention:
    """An armed clash at TOWN_A told by sentence ``text`` in paragraph ``block``."""
    return Mention(
        doc="t.txt",
        mention_id=f"t.txt#{n}",
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="SDF",
        evidence=Evidence(text, n * 100, n * 100 + len(text), block),
        location=TOWN_A,
    )


@pytest.mark.parametrize(
    ("later", "merged"),
    [
        ("The fighting also left 17 fighters wounded, the group said.", True),
        ("The Sunday fighting also left 17 fighters wounded, the group said.", True),
        ("The heavy overnight clashes also left 17 fighters wounded.", True),
        # Told in another paragraph with no reference back: another engagement.
        ("Fighters also clashed near the bridge, the group said.", False),
    ],
)
def test_fighting_told_again_later_on_the_page_is_one_clash(later, merged):
    kept = merge_page_mentions(
        [clash(1, "Rebels and the army clashed on Sunday.", 1), clash(2, later, 4)]
    )
    assert len(kept) == (1 if merged else 2)


def test_a_deal_told_first_stays_its_report_when_a_later_sentence_only_adds_figures():
    first = told(
        1,
        "Fighters began leaving the town, state media said.",
        status="implemented",
        borrowed=False,
    )
    later = told(
        2, "Some 1,200 people, 300 of them fighters, left on 20 buses.", status="implemented",
        borrowed=False, fighters=300,
    )  # fmt: skip
    (kept,) = merge_page_mentions([first, later])
    assert kept.evidence == first.evidence
    assert kept.agreement.fighters == 300
