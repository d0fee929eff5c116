"""Which mentions can be one event: type family, place radius by precision, dates, actors."""

from __future__ import annotations

from wardesk.fuse.match import candidate, cluster, compatible, compatible_but_step


def _same(a, b) -> bool:
    return compatible(candidate(a), candidate(b))


def _steps_of_one_deal(a, b) -> bool:
    return compatible_but_step(candidate(a), candidate(b))


def test_reports_of_one_deal_on_different_pages_match(make):
    assert _same(make("a"), make("b", deal={"kind": "evacuation"}))
    assert _same(make("a", deal={"status": "proposed"}), make("b"))


def test_a_deals_agreement_and_implementation_are_steps_of_one_deal_not_one_event(make):
    done = make("b", deal={"kind": "evacuation", "status": "implemented"})
    assert not _same(make("a"), done)
    assert _steps_of_one_deal(make("a"), done)
    # a report that names no step, or denies the deal, may join either step
    for status in (None, "denied"):
        assert _same(make("c", deal={"status": status}), done)
        assert _same(make("c", deal={"status": status}), make("a"))


def test_type_families_do_not_mix(make):
    deal, clash = make("a"), make("b", sub="Armed clash", deal=None)
    defection = make("c", sub="Change to group/activity", deal={"kind": "defection"})
    assert not _same(deal, clash)
    assert not _same(deal, defection)


def test_place_radius_grows_with_vagueness(make):
    # Tabqa and Raqqa are ~43 km apart: two towns are two places, a town and a vague
    # nearby spot are one place when close enough.
    assert not _same(make("a", place="Tabqa"), make("b", place="Raqqa"))
    assert _same(make("a", place="Tabqa"), make("b", place="Tabqa Dam"))
    assert not _same(make("a", place="Raqqa"), make("b", place="Idlib"))
    assert not _same(make("a", place=None), make("b", place=None))


def test_deals_of_two_neighbouring_towns_are_two_deals(make):
    clash = {"sub": "Armed clash", "deal": None}
    assert _same(make("a", place="Suburb A", **clash), make("b", place="Suburb B", **clash))
    assert not _same(make("a", place="Suburb A"), make("b", place="Suburb B"))
    assert _same(make("a", place="Suburb A"), make("b", place="Suburb A"))


def test_places_without_coordinates_match_by_name(make):
    assert _same(make("a", place="Nowhere"), make("b", place="Nowhere"))


def test_dates_within_the_family_tolerance(make):
    clash = {"sub": "Armed clash", "deal": None}
    assert _same(make("a", date="2017-10-14", **clash), make("b", date="2017-10-15", **clash))
    assert not _same(make("a", date="2017-10-14", **clash), make("b", date="2017-10-20", **clash))
    # deals take weeks: agreed in September, carried out in October
    agreed = make("a", date="2017-09-21")
    done = make("b", date="2017-10-14", deal={"status": "implemented"})
    assert _steps_of_one_deal(agreed, done)
    assert not _steps_of_one_deal(make("a", date="2017-06-01"), done)


def test_a_deal_agreed_long_after_one_was_carried_out_is_a_new_deal(make):
    done = make("a", date="2017-05-10", deal={"status": "implemented"})
    assert not _steps_of_one_deal(done, make("b", date="2017-06-01", deal={"status": "agreed"}))
    assert _steps_of_one_deal(done, make("b", date="2017-05-12", deal={"status": "agreed"}))


def test_undated_reports_on_dated_pages_use_the_publication_window(make):
    old = make("a", date="2016", deal={"status": "implemented"})
    recent = make("b", published="2017-09-22", deal={"status": "implemented"})
    assert not _same(old, recent)
    # no date and no publication date: cannot tell them apart
    assert _same(make("c", deal={"status": "implemented"}), old)


def test_actors_must_overlap_when_both_name_two_sides(make):
    other_sides = make("b", actor1="Syrian government forces", actor2="Syrian rebels")
    assert not _same(make("a"), other_sides)
    one_side = make("c", actor1="US-led coalition", actor2=None)
    assert _same(make("a"), one_side)


def test_every_member_of_an_event_is_compatible_with_every_other(make):
    # a chain: Tabqa Dam is near both Tabqa (town) and a vague spot, but the two ends of
    # the chain are dated too far apart to be one clash.
    clash = {"sub": "Armed clash", "deal": None}
    ends = [
        make("a", place="Tabqa", date="2017-03-01", **clash),
        make("b", place="Tabqa Dam", **clash),
        make("c", place="Tabqa", date="2017-03-10", **clash),
    ]
    groups = [group.members for group in cluster(ends)]
    assert len(groups) == 2
    assert sorted(len(g) for g in groups) == [1, 2]
