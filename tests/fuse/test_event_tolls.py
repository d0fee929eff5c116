"""Tolls per event: a period or campaign toll is no event's fatalities, and fighters who
surrender or leave are never fatalities (invented sentences)."""

from __future__ import annotations

import pytest

from wardesk.fuse import fuse_mentions
from wardesk.fuse.tolls import counts_leaving, event_toll, is_period_toll
from wardesk.model import Evidence


@pytest.mark.parametrize(
    ("sentence", "period"),
    [
        ("Some 900 militants have been killed since the battle began, the monitor said.", True),
        ("The offensive has killed 310 people since it started in spring.", True),
        ("At least 45 civilians died in air raids on the province this month.", True),
        ("The monitor counted 120 dead over the past week across the region.", True),
        ("The ten-week battle for the town claimed the lives of 800 fighters.", True),
        ("About 600 fighters fell during the month-long assault on the camp.", True),
        ("Officials said 2,000 jihadists were killed in the siege of the city.", True),
        ("It recorded 75 deaths in the period between 3 May and 2 June.", True),
        ("Around 90 people were killed over several days of raids.", True),
        ("Since January, 230 people have died in the fighting.", True),
        ("From March to May the shelling killed 140 people.", True),
        ("Twelve soldiers were killed on Tuesday when militants stormed a checkpoint.", False),
        ("An air strike on the market killed 17 people, medics said.", False),
        ("Five fighters died in the clash near the bridge last night.", False),
        ("The raid, which lasted an hour, left eight villagers dead.", False),
    ],
)
def test_a_period_or_campaign_toll_is_told_apart_from_one_events(sentence, period):
    assert is_period_toll(sentence) is period


@pytest.mark.parametrize(
    ("sentence", "leaving"),
    [
        ("Some 70 fighters surrendered to the militia at the dam.", True),
        ("Forty gunmen laid down their arms and left the town.", True),
        ("About 300 militants were evacuated on green buses.", True),
        ("Twelve commanders defected to the other side overnight.", True),
        ("Seventy fighters were killed before the rest surrendered.", False),
        ("Gunmen shot dead nine people in the market.", False),
    ],
)
def test_a_count_of_people_who_surrender_or_leave_is_no_toll(sentence, leaving):
    assert counts_leaving(sentence) is leaving


def _said(sentence: str) -> Evidence:
    return Evidence(sentence, 0, len(sentence))


@pytest.mark.parametrize(
    ("sub", "deal", "sentence", "toll"),
    [
        ("Armed clash", None, "Nine fighters were killed in the clash at dawn.", 9),
        ("Armed clash", None, "The battle has killed 9 fighters since it began.", None),
        ("Armed clash", None, "Nine fighters surrendered after the clash.", None),
        ("Agreement", {}, "Nine fighters were killed before the deal was struck.", None),
        ("Change to group/activity", None, "Nine fighters switched sides; none died.", None),
    ],
)
def test_event_toll_keeps_only_an_events_own_deaths(make, sub, deal, sentence, toll):
    stored = make("p", 0, sub=sub, deal=deal, fatalities=9, evidence=_said(sentence))
    assert event_toll(stored.mention) == toll


def test_fused_event_fatalities_leave_out_campaign_tolls(make):
    clash = dict(sub="Armed clash", deal=None, date="2017-10-14")
    one = make("alpha", 0, fatalities=12, evidence=_said("Twelve died in the clash."), **clash)
    campaign = make(
        "beta",
        0,
        fatalities=900,
        **clash,
        evidence=_said("Some 900 fighters have been killed since the battle began."),
    )
    [event] = fuse_mentions([one, campaign], {})
    assert len(event.mention_ids) == 2
    assert event.fatalities == 12
    assert [v.key for v in event.slots["fatalities"]] == ["12"]
    assert "fatalities" not in event.contested
    [alone] = fuse_mentions([campaign], {})
    assert alone.fatalities is None


def test_a_deal_never_gets_fatalities_from_its_count_of_fighters(make):
    deal = make("alpha", 0, date="2017-10-14", fatalities=70, deal={"fighters": 70})
    [event] = fuse_mentions([deal], {})
    assert event.fatalities is None and event.agreement.fighters == 70
    assert "fatalities" not in event.slots
