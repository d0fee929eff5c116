"""Fusion end to end on hand-made mentions: one event per real event, corroboration,
contradictions with their sources, reader comments shown but never counted, copies of
one story counted once, and the same events whatever the input order."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wardesk.fuse import fuse_mentions
from wardesk.fuse.sources import story_ids
from wardesk.fuse.types import FusedEvent

BODY = (
    "Islamic State fighters are set to leave the city under a deal agreed with the militias. "
    "The convoy will carry the fighters and their families towards the east of the country. "
    "Officials gave conflicting accounts of whether the foreign fighters would leave as well. "
)


def _raqqa(make):
    """Four pages on one deal: a blog, a wire story, a monitor (on the deal, then on the
    convoy that carried it out), and a reader who denies it."""
    return [
        make("blog", 0, date="2017-09-21", deal={"destination": "Deir Ezzor governorate",
             "fighters": 200}, source="Raqqa is Being Slaughtered Silently",
             source_type="local_sources", certainty="unconfirmed", outlet="Blog"),
        make("wire", 0, date="2017-10-14", deal={"foreign_fighters": False},
             source="SDF spokesman Talal Silo", source_type="party_to_conflict", outlet="Wire"),
        make("wire", 1, date="2017-10-14", deal={"foreign_fighters": True},
             source="Omar Alloush", source_type="local_sources", outlet="Wire"),
        make("monitor", 0, date="2017-10-15", deal={"destination": "Deir ez-Zor province"},
             source="the Syrian Observatory", source_type="ngo_monitor", outlet="Monitor"),
        make("monitor", 1, date="2017-10-17", deal={"status": "implemented",
             "destination": "Deir ez-Zor province"}, source="the Syrian Observatory",
             source_type="ngo_monitor", outlet="Monitor"),
        make("blog", 1, certainty="denied", in_comments=True, source="dutchnational",
             source_type="reader_comment", deal={"status": "denied"}, outlet="Blog"),
        make("wire", 2, sub="Armed clash", deal=None, date="2017-10-14", outlet="Wire"),
        make("other", 0, place="Idlib", deal={"destination": "Idlib"}, outlet="Other"),
    ]  # fmt: skip


def _event_at(events: list[FusedEvent], place: str, sub: str = "Agreement") -> FusedEvent:
    """The event at ``place`` (for a deal, its agreement step)."""
    [event] = [
        e for e in events
        if e.location.name == place and e.sub_event_type == sub
        and (e.agreement is None or e.agreement.status != "implemented")
    ]  # fmt: skip
    return event


def test_one_deal_reported_across_pages_is_one_event_per_step(make):
    events = fuse_mentions(_raqqa(make), {})
    assert len(events) == 4
    deal = _event_at(events, "Raqqa")
    assert deal.pages == ("blog.txt", "monitor.txt", "wire.txt")
    assert len(deal.mention_ids) == 5
    assert deal.agreement.status == "agreed"
    assert deal.agreement.destination in ("Deir Ezzor governorate", "Deir ez-Zor province")
    assert deal.date == "2017-09-21" and deal.date_end == "2017-10-15"
    # its implementation is an event of its own, linked to it as a step of one deal
    [done] = [e for e in events if e.agreement and e.agreement.status == "implemented"]
    assert done.mention_ids == ("monitor.txt#2",) and done.date == "2017-10-17"
    assert done.deal_id == deal.deal_id is not None
    others = [e for e in events if e not in (deal, done)]
    assert all(e.deal_id not in (deal.deal_id,) for e in others)
    assert _event_at(events, "Raqqa", "Armed clash").deal_id is None


def test_contradictions_are_shown_with_their_sources(make):
    deal = _event_at(fuse_mentions(_raqqa(make), {}), "Raqqa")
    assert deal.contested == ("foreign_fighters",)
    sides = {v.value: [r.source for r in v.sources] for v in deal.slots["foreign_fighters"]}
    assert sides == {"excluded": ["SDF spokesman Talal Silo"], "included": ["Omar Alloush"]}
    # the two spellings of Deir Ezzor are one destination, claimed by two sources
    [destination] = deal.slots["destination"]
    assert destination.support == 2
    assert "foreign fighters" in deal.notes and "Contested" in deal.notes


def test_reader_comments_are_shown_never_counted(make):
    deal = _event_at(fuse_mentions(_raqqa(make), {}), "Raqqa")
    # blog, wire (its two speakers are carried by one page: one source) and monitor
    assert deal.source_count == 3 and deal.reader_comments == 1
    assert "dutchnational" not in [s.name for s in deal.sources]
    denied = [v for v in deal.slots["happened"] if v.value == "denied"]
    assert denied and denied[0].reader_only and denied[0].support == 0
    assert "happened" in deal.reader_disputes and "happened" not in deal.contested
    assert deal.agreement.status != "denied"


def test_a_story_copied_by_several_sites_is_one_source(make):
    pages = ["site1", "site2", "site3", "site4", "site5"]
    stored = [make(p, 0, date="2017-10-14", outlet=f"Outlet {p}") for p in pages]
    bodies = {p: f"Headline on {p}\n" + BODY for p in pages}
    [event] = fuse_mentions(stored, bodies)
    assert event.source_count == 1 and len(event.sources[0].docs) == 5
    own = {
        p: f"{p} wrote its own account of the day, in words nobody else used here." for p in pages
    }
    [event] = fuse_mentions(stored, own)
    assert event.source_count == 5


def test_story_ids_group_copies_only():
    stories = story_ids({"a": BODY, "b": "Copied:\n" + BODY, "c": "Something else entirely " * 5})
    assert stories["a"] == stories["b"] == "a" and stories["c"] == "c"


def test_events_do_not_depend_on_the_input_order(make):
    stored = _raqqa(make)
    expected = fuse_mentions(stored, {})
    for seed in range(5):
        shuffled = stored[:]
        random.Random(seed).shuffle(shuffled)
        assert fuse_mentions(shuffled, {}) == expected


_PLACES = st.sampled_from(["Raqqa", "Tabqa", "Tabqa Dam", "Idlib", "Nowhere"])
_DATES = st.sampled_from([None, "2017-10-14", "2017-10", "--10-12", "2017-09-01", "Thursday"])
_SUBS = st.sampled_from(["Agreement", "Armed clash", "Air/drone strike"])


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    specs=st.lists(st.tuples(_PLACES, _DATES, _SUBS, st.booleans()), min_size=1, max_size=12),
    seed=st.integers(0, 1000),
)
def test_order_independence_and_partition_hold_for_any_mentions(make, specs, seed):
    stored = [
        make(f"p{i % 4}", i, place=place, date=date, sub=sub,
             deal={} if sub == "Agreement" else None, in_comments=reader,
             source="a reader" if reader else None)
        for i, (place, date, sub, reader) in enumerate(specs)
    ]  # fmt: skip
    events = fuse_mentions(stored, {})
    shuffled = stored[:]
    random.Random(seed).shuffle(shuffled)
    assert fuse_mentions(shuffled, {}) == events
    members = [key for event in events for key in event.members]
    assert sorted(members) == sorted(s.key for s in stored)  # each mention in exactly one event
    assert len({e.event_id for e in events}) == len(events)
    readers = {s.mention.mention_id for s in stored if s.mention.in_comments}
    for event in events:
        assert not readers & {m for source in event.sources for m in source.mention_ids}
