"""Event mentions from hand-written pages: types, places, actors, deal terms, evidence."""

from __future__ import annotations

TITLE = "Fighting and a deal near the river\n\n"


def test_one_mention_per_bombed_place(run_page):
    text = (
        TITLE
        + "Coalition warplanes bombed ISIS positions in Qaryat Nur, Tell Amir and Kafr Salim.\n"
    )
    mentions = run_page(text)
    strikes = [m for m in mentions if m.sub_event_type == "Air/drone strike"]
    assert [m.location.name for m in strikes] == ["Qaryat Nur", "Tell Amir", "Kafr Salim"]
    assert {m.actor1 for m in strikes} == {"US-led coalition"}
    assert {m.actor2 for m in strikes} == {"Islamic State"}


def test_deal_has_parties_destination_counts_and_terms(run_page):
    text = TITLE + (
        "The SDF allowed some 250 ISIS fighters to withdraw from Qaryat Nur to Idlib province "
        "after surrendering heavy weapons.\n"
    )
    [deal] = [m for m in run_page(text) if m.agreement]
    assert deal.sub_event_type == "Agreement"
    assert deal.location.name == "Qaryat Nur"
    assert deal.agreement.allowing_party == "SDF"
    assert deal.agreement.withdrawing_party == "Islamic State"
    assert deal.agreement.destination == "Idlib province"
    assert deal.agreement.fighters == 250
    assert deal.agreement.status == "implemented"
    assert any("heavy weapons" in term for term in deal.agreement.terms)


def test_evidence_is_verbatim_with_offsets(run_page):
    text = TITLE + "Heavy clashes erupted between the SDF and ISIS in Tell Amir on Monday.\n"
    [mention] = run_page(text)
    assert text[mention.evidence.start : mention.evidence.end] == mention.evidence.text
    assert mention.sub_event_type == "Armed clash"


def test_bare_sentence_borrows_place_and_actors_from_the_page(run_page):
    text = TITLE + (
        "The Syrian army captured the village of Kafr Salim from ISIS on Sunday.\n\n"
        "Government forces later shelled the remaining militant positions.\n"
    )
    shelling = [m for m in run_page(text) if m.sub_event_type.startswith("Shelling")]
    assert shelling and shelling[0].location.name == "Kafr Salim"
    assert shelling[0].actor1 == "Syrian government forces"


def test_state_capture_is_government_regains_territory(run_page):
    text = TITLE + "The Syrian army captured the village of Kafr Salim from ISIS on Sunday.\n"
    [capture] = run_page(text, published="2017-03-07")
    assert capture.sub_event_type == "Government regains territory"
    assert capture.actor2 == "Islamic State"
    assert capture.date == "2017-03-05"


def test_general_statements_and_questions_are_not_events(run_page):
    text = TITLE + (
        "Such deals have become a common feature of the war.\n\n"
        "Why would the SDF let ISIS leave Qaryat Nur?\n"
    )
    assert run_page(text) == []


def test_unplaced_page_gives_no_mentions(run_page):
    assert run_page(TITLE + "Clashes continued between the SDF and ISIS.\n") == []


def test_a_named_area_the_gazetteer_lacks_is_the_destination(run_page):
    text = TITLE + (
        "Some 300 ISIS fighters left Qaryat Nur on Monday under the deal and went to the "
        "Wadi Sahel area in the countryside of Kafr Salim.\n"
    )
    [deal] = [m for m in run_page(text) if m.agreement]
    assert deal.location.name == "Qaryat Nur"
    assert deal.agreement.destination == "the Wadi Sahel area"


def test_a_place_named_after_every_destination_joins_the_movement_just_before_it(run_page):
    text = TITLE + (
        "Under the deal, ISIS fighters will be bused from Qaryat Nur to Idlib province in exchange "
        "for the evacuation of civilians to Kafr Salim, as well as 200 families from Tell Amir.\n"
    )
    deals = {m.location.name: m.agreement for m in run_page(text) if m.agreement}
    assert deals["Qaryat Nur"].destination == "Idlib province"
    assert deals["Tell Amir"].destination == "Kafr Salim"


def test_a_counted_group_named_before_a_place_is_who_leaves_it(run_page):
    text = TITLE + (
        "Under the deal, ISIS fighters will be bused from Qaryat Nur to Idlib province, along "
        "with 400 people from Tell Amir.\n"
    )
    deals = {m.location.name: m.agreement for m in run_page(text) if m.agreement}
    assert deals["Qaryat Nur"].withdrawing_party == "Islamic State"
    assert deals["Tell Amir"].withdrawing_party == "Civilians"


def test_two_movements_in_one_sentence_each_take_their_own_status(run_page):
    text = TITLE + (
        "Rebel fighters were bused out of Qaryat Nur to Idlib province on Monday, in parallel "
        "with news of an agreement for ISIS fighters to leave Tell Amir for Raqqa.\n"
    )
    deals = {m.location.name: m.agreement for m in run_page(text) if m.agreement}
    assert deals["Qaryat Nur"].status == "implemented"
    assert deals["Tell Amir"].status == "agreed"


def test_places_listed_together_share_the_status_told_before_them(run_page):
    text = TITLE + "Under an agreement, ISIS fighters left Qaryat Nur and Tell Amir for Raqqa.\n"
    deals = {m.location.name: m.agreement for m in run_page(text) if m.agreement}
    assert deals["Qaryat Nur"].status == deals["Tell Amir"].status == "implemented"


def test_a_where_clause_names_the_site_of_its_event(run_page):
    text = TITLE + (
        "A commander of the SDF in Qaryat Nur fled the group and was taken to Turkey, where he "
        "defected, activists said.\n"
    )
    (defection,) = [m for m in run_page(text) if m.sub_event_type == "Change to group/activity"]
    assert defection.location.name == "Turkey"


def test_a_town_in_the_countryside_of_a_city_is_one_site(run_page):
    text = TITLE + "ISIS fighters left Qaryat Nur in rural Idlib for Kafr Salim on Monday.\n"
    sites = {m.location.name for m in run_page(text)}
    assert sites == {"Qaryat Nur"}


def test_hearsay_about_a_past_act_in_the_lead_is_dated_to_the_month(run_page):
    hearsay = "A commander of ISIS in Qaryat Nur is said to have defected to the SDF.\n"
    plain = "A commander of ISIS in Qaryat Nur defected to the SDF.\n"
    dates = [
        {(m.date, m.time_precision) for m in run_page(TITLE + lead, "2017-11-15")}
        for lead in (hearsay, plain)
    ]
    assert dates == [{("2017-11", 3)}, {("2017-11-15", 1)}]
