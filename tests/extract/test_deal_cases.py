"""Deal kind, status and roles follow the guideline: the sentence's verb and tense, the side
that lets others go, the side that leaves, the mediator apart.

Every sentence here is invented to state one rule; none is taken from a page. The places
are the invented ones of ``tests/conftest.py``.
"""

from __future__ import annotations

import pytest

TITLE = "News from the front\n\n"


def first_deal(run_page, text: str):
    deals = [m for m in run_page(TITLE + text + "\n", "2017-05-04") if m.agreement is not None]
    assert deals, f"no deal found in: {text}"
    return deals[0]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # Done: past and perfect tenses of moving, and the acts that end a deal.
        ("Buses carrying rebels left Qaryat Nur for Idlib on Tuesday.", "implemented"),
        ("The evacuation of Qaryat Nur has begun under the deal.", "implemented"),
        ("ISIS fighters have withdrawn from Tell Amir under a deal with the SDF.", "implemented"),
        ("The army and rebels completed the deal in Kafr Salim on Monday.", "implemented"),
        ("Heavy weapons were handed over to the army in Tell Amir under the deal.", "implemented"),
        ("Rebels and their families are leaving Qaryat Nur under the deal.", "implemented"),
        # Leaving a district or a neighbourhood is a departure too.
        ("Some 300 gunmen left the district of Tell Amir on Monday.", "implemented"),
        # A move said to have resumed is under way again.
        ("Evacuations of rebels from Tell Amir have resumed, state TV said.", "implemented"),
        # Agreed: the deal is reached or signed, its terms still ahead.
        ("Rebels in Qaryat Nur reached an agreement with the army to leave.", "agreed"),
        ("Rebels in Tell Amir signed a deal with the government on Monday.", "agreed"),
        ("Rebels agreed to allow the wounded to be evacuated from Kafr Salim.", "agreed"),
        # "May" the month is no modal verb.
        ("On May 2, an agreement was reached for rebels to leave Tell Amir.", "agreed"),
        # Proposed: offered, called for, prepared to, possible.
        ("The army offered rebels in Qaryat Nur safe passage to Idlib.", "proposed"),
        ("Rebels in Kafr Salim are prepared to surrender, an officer said.", "proposed"),
        ("Rebels called for the withdrawal of the army from Tell Amir.", "proposed"),
        # Denied: rejected or ruled out.
        ("The army rejected a proposal to let rebels withdraw from Qaryat Nur.", "denied"),
        ("The governor ruled out any deal for rebels to withdraw from Tell Amir.", "denied"),
    ],
)
def test_status_follows_verb_and_tense(run_page, text, status):
    assert first_deal(run_page, text).agreement.status == status


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Rebels withdrew from Qaryat Nur to Idlib under the deal.", "withdrawal"),
        (
            "Rebels offered a deal: a safe corridor for Syrian troops out of Tell Amir.",
            "withdrawal",
        ),
        ("Hundreds of civilians were evacuated from Tell Amir on buses.", "evacuation"),
        ("Rebels in Kafr Salim surrendered to the army on Monday.", "surrender"),
        (
            "The army and rebels exchanged prisoners in Tell Amir under the deal.",
            "prisoner_exchange",
        ),
        ("Under a capitulation agreement, rebels in Tell Amir gave up the town.", "surrender"),
        (
            "The deal provides for the transfer of control over Kafr Salim to the army.",
            "withdrawal",
        ),
        # "left" with a toll after it tells no departure: the truce is the deal.
        (
            "Elders brokered a ceasefire in Qaryat Nur after clashes that left 12 people dead.",
            "ceasefire",
        ),
    ],
)
def test_kind_follows_the_sentence(run_page, text, kind):
    assert first_deal(run_page, text).agreement.kind == kind


@pytest.mark.parametrize(
    ("text", "actor1", "leaving", "brokers"),
    [
        # The side that allows the move is actor1, the side that leaves actor2; a mediator
        # goes to brokers and is neither.
        (
            "The army allowed rebels to leave Qaryat Nur under a deal brokered by Russia.",
            "Syrian government forces",
            "Syrian rebels",
            ("Russia",),
        ),
        (
            "Under the auspices of Turkey, the army let rebels withdraw from Tell Amir.",
            "Syrian government forces",
            "Syrian rebels",
            ("Turkey",),
        ),
        # The besieger lets people out, however the page fuses it with the place.
        (
            "Civilians were evacuated from the rebel-besieged village of Kafr Salim.",
            "Syrian rebels",
            "Civilians",
            (),
        ),
        # The "of"/"for" phrase of a noun of moving names who leaves; the other side lets it.
        (
            "Rebels offered a deal: a safe corridor for Syrian troops out of Tell Amir.",
            "Syrian rebels",
            "Syrian government forces",
            (),
        ),
        (
            "The deal provides for the withdrawal of the fighters of Jaish al-Islam from Kafr "
            "Salim, the army said.",
            "Syrian government forces",
            "Jaish al-Islam",
            (),
        ),
        # Sides come from the clause that names the deal's place.
        (
            "Ahrar al-Sham agreed to allow aid into Qaryat Nur; while the army agreed to allow "
            "wounded rebels to leave Tell Amir.",
            "Syrian government forces",
            "Syrian rebels",
            (),
        ),
        # A side that is only the reporter of the deal is its source, not an actor.
        (
            "A news channel run by Hezbollah said the army allowed rebels to leave Tell Amir.",
            "Syrian government forces",
            "Syrian rebels",
            (),
        ),
    ],
)
def test_roles_by_the_guideline(run_page, text, actor1, leaving, brokers):
    deal = first_deal(run_page, text)
    assert (deal.actor1, deal.agreement.withdrawing_party) == (actor1, leaving)
    assert deal.agreement.brokers == brokers
    assert "Hezbollah" not in (deal.actor1, deal.actor2)


@pytest.mark.parametrize(
    "sentence",
    [
        "With the villages returning to the government, Kafr Salim is part of the deal.",
        "Officials said the rebels in Qaryat Nur were part of the ceasefire agreement.",
    ],
)
def test_what_a_deal_covers_is_no_deal(run_page, sentence):
    """ "X is part of the deal" says what a deal covers; nothing was agreed or done."""
    assert [m for m in run_page(TITLE + sentence + "\n") if m.agreement] == []


@pytest.mark.parametrize(
    "sentence",
    [
        # a participle with its own object tells what the buses did
        "A convoy evacuating wounded gunmen from Tell Amir drove north at night.",
        # an indefinite deal is one the sentence reports, whatever it is part of
        "The departures were part of a deal between rebels and the army in Qaryat Nur.",
    ],
)
def test_a_deal_told_inside_a_description_is_still_reported(run_page, sentence):
    assert [m for m in run_page(TITLE + sentence + "\n") if m.agreement]
