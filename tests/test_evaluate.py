"""The scorer: matching predictions to gold rows, detection counts, slot accuracy."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from wardesk.errors import WardeskError
from wardesk.evaluate import (
    evidence_overlap,
    load_jsonl,
    match,
    norm_place,
    render_report,
    report_to_dict,
    same_place_name,
    same_source,
    score,
)

KM_PER_DEG_LAT = 111.195
BASE_LAT, BASE_LON = 36.0, 38.0

CLASH = "Rebel fighters clashed with army units near the grain silos of Kafr Zeta on Monday"
DEAL = "The militia agreed to let 300 fighters leave Qasr Tin for the northern province"


def place(name: str = "Qasr Tin", north_km: float = 0.0, precision: int = 1, **kw: Any) -> dict:
    """A location dict ``north_km`` north of the base point."""
    return {
        "name": name,
        "lat": BASE_LAT + north_km / KM_PER_DEG_LAT,
        "lon": BASE_LON,
        "admin1": "Somewhere",
        "country": "Syria",
        "precision": precision,
        **kw,
    }


def deal(**kw: Any) -> dict:
    """An agreement dict with every slot filled."""
    base = {
        "kind": "evacuation",
        "withdrawing_party": "Rebel Front",
        "allowing_party": "Syrian government forces",
        "origin": "Qasr Tin",
        "destination": "Idlib",
        "fighters": 300,
        "civilians": None,
        "terms": [],
        "brokers": [],
        "status": "agreed",
    }
    return base | kw


def row(**kw: Any) -> dict:
    """A contract row (gold or prediction) with sensible invented defaults."""
    base = {
        "doc": "page_a.txt",
        "id": "A-E1",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Rebel Front",
        "actor2": "Syrian government forces",
        "location": place(),
        "date": "2017-05-01",
        "fatalities": None,
        "agreement": None,
        "source": None,
        "source_type": None,
        "certainty": "asserted",
        "in_comments": False,
        "optional": False,
        "evidence": CLASH,
        "note": None,
    }
    return base | kw


def deal_row(**kw: Any) -> dict:
    """A deal row (Agreement with an evacuation)."""
    base = {
        "event_type": "Strategic developments",
        "sub_event_type": "Agreement",
        "agreement": deal(),
        "evidence": DEAL,
        "date": None,
    }
    return row(**(base | kw))


def slot(report, name):
    return next(s for s in report.slots if s.name == name)


# --------------------------------------------------------------------------- matching


def test_exact_match_scores_perfectly():
    gold = [row()]
    report = score(gold, [row()])
    assert (report.body.tp, report.body.fp, report.body.fn) == (1, 0, 0)
    assert report.body.precision == report.body.recall == report.body.f1 == 1.0
    assert report.unmatched_gold == () and report.unmatched_pred == ()


def test_deal_family_matches_across_sub_event_types():
    gold = [deal_row(sub_event_type="Agreement")]
    pred = [deal_row(sub_event_type="Non-violent transfer of territory")]
    pairs = match(gold, pred)
    assert len(pairs) == 1 and not pairs[0].same_sub_event
    assert slot(score(gold, pred), "sub_event_type").correct == 0


def test_different_non_deal_types_do_not_match():
    gold = [row(sub_event_type="Armed clash")]
    pred = [row(sub_event_type="Air/drone strike")]
    assert match(gold, pred) == []
    # a deal never matches a non-deal even with the same place and text
    assert match([deal_row()], [deal_row(sub_event_type="Armed clash")]) == []


def test_distance_threshold_for_towns():
    gold = [row()]
    near = match(gold, [row(location=place(north_km=20))])
    assert len(near) == 1 and near[0].distance_km == pytest.approx(20, abs=0.1)
    assert match(gold, [row(location=place(north_km=40))]) == []


def test_distance_threshold_at_precision_three():
    gold = [row(location=place(precision=3))]
    assert len(match(gold, [row(location=place(north_km=60))])) == 1
    # either side at precision 3 widens the radius
    assert len(match([row()], [row(location=place(north_km=60, precision=3))])) == 1
    assert match(gold, [row(location=place(north_km=80))]) == []


def test_place_names_compared_when_coordinates_missing():
    gold = [row(location=place(name="al-Bab"))]
    no_coords = {"name": "Al Bāb", "lat": None, "lon": None, "precision": 1}
    assert len(match(gold, [row(location=no_coords)])) == 1
    other = {"name": "Manbij", "lat": None, "lon": None, "precision": 1}
    assert match(gold, [row(location=other)]) == []
    assert match(gold, [row(location=None)]) == []


def test_evidence_containment_matches():
    pred_text = "  “Rebel fighters clashed with army units near the grain silos of Kafr Zeta”  "
    short = "Rebel fighters clashed   with army units"
    assert evidence_overlap(CLASH, short)[0] == 1.0
    assert len(match([row()], [row(evidence=short)])) == 1
    assert len(match([row(evidence="“" + CLASH + "”")], [row(evidence=pred_text)])) == 1


def test_evidence_content_word_share():
    # content words of CLASH: rebel fighters clashed army units near grain silos kafr zeta monday
    half = "Army units near Kafr Zeta lost ground to rebels yesterday after heavy shelling"
    share, _ = evidence_overlap(CLASH, half)
    assert share >= 0.4
    assert len(match([row()], [row(evidence=half)])) == 1
    little = "The grain harvest was poor this year across the entire region, farmers say"
    assert evidence_overlap(CLASH, little)[0] < 0.4
    assert match([row()], [row(evidence=little)]) == []


def test_different_docs_never_match():
    assert match([row()], [row(doc="page_b.txt")]) == []
    # the doc is compared by basename
    assert len(match([row()], [row(doc="/some/dir/page_a.txt")])) == 1


def test_one_to_one_second_prediction_is_a_false_positive():
    gold = [row()]
    pred = [row(evidence="Rebel fighters clashed with army units"), row()]
    report = score(gold, pred)
    assert (report.body.tp, report.body.fp, report.body.fn) == (1, 1, 0)
    # the better pair (identical evidence) wins
    assert report.pairs[0].pred_index == 1
    assert report.unmatched_pred == (pred[0],)


def test_greedy_assignment_prefers_best_pairs():
    far = place(north_km=15)
    gold = [row(id="A-E1"), row(id="A-E2", location=far)]
    pred = [row(location=far), row()]
    pairs = {p.gold_index: p.pred_index for p in match(gold, pred)}
    assert pairs == {0: 1, 1: 0}


def test_required_gold_wins_ties_over_optional():
    gold = [row(id="A-E9", optional=True), row(id="A-E2")]
    report = score(gold, [row()])
    assert report.pairs[0].gold_id == "A-E2"
    assert report.body.recall == 1.0 and report.unmatched_gold == ()


def test_optional_rows_count_for_precision_not_recall():
    gold = [row(id="A-E1"), deal_row(id="A-E2", optional=True)]
    # matching the optional row only: not a false positive, but recall stays 0
    report = score(gold, [deal_row()])
    assert (report.body.tp, report.body.fp, report.body.fn) == (1, 0, 1)
    assert report.body.matched_optional == 1 and report.body.required == 1
    assert report.body.precision == 1.0 and report.body.recall == 0.0
    assert report.unmatched_gold == (gold[0],)
    # not finding an optional row costs nothing
    report = score(gold, [row()])
    assert report.body.precision == report.body.recall == 1.0


def test_comments_are_scored_apart():
    gold = [row(), row(id="A-C1", in_comments=True, optional=True)]
    pred = [row(in_comments=True), row(in_comments=True, evidence=DEAL)]
    report = score(gold, pred)
    # the comment prediction cannot take the body gold row
    assert (report.body.tp, report.body.fp, report.body.fn) == (0, 0, 1)
    assert report.body.precision is None and report.body.recall == 0.0
    assert (report.comments.tp, report.comments.fp) == (1, 1)
    assert report.comments.precision == 0.5 and report.comments.recall is None
    assert report.pairs[0].in_comments and report.pairs[0].gold_id == "A-C1"
    # slot accuracy covers body pairs only
    assert all(s.total == 0 for s in report.slots)


# --------------------------------------------------------------------------- slots


def test_slot_accuracy_counts():
    gold = [
        row(id="A-E1", fatalities=3, source="SDF spokesman Talal Silo", certainty="reported"),
        deal_row(id="A-E2", location=place(north_km=5), date="2017-05"),
        deal_row(id="A-E3", location=place(north_km=10), evidence="Qasr Tin truce held today"),
        row(id="A-E4", location=place(north_km=15), date=None),
    ]
    pred = [
        row(fatalities=3, source="Talal  Silo", certainty="Reported", actor2=None),
        deal_row(
            location=place(north_km=5),
            date="2017-05-02",
            agreement=deal(
                kind="Evacuation",
                destination="Idlib governorate",
                fighters=250,
                withdrawing_party="rebel  front",
                status="implemented",
            ),
        ),
        deal_row(location=place(north_km=10), evidence="Qasr Tin truce held today", agreement=None),
        row(location=place(north_km=15), date="2017-05-03"),
    ]
    report = score(gold, pred)
    assert report.body.tp == 4
    got = {s.name: (s.correct, s.total) for s in report.slots}
    assert got["sub_event_type"] == (4, 4)
    assert got["actor1"] == (4, 4)
    assert got["actor2"] == (3, 4)
    assert got["date"] == (1, 2)  # E1 right, E2 wrong; E3 and E4 have no gold date
    assert got["fatalities"] == (4, 4)
    assert got["certainty"] == (4, 4)
    assert got["source"] == (4, 4)
    # agreement slots: E2 and E3 only; E3's prediction has no agreement at all
    assert got["deal_kind"] == (1, 2)
    assert got["withdrawing_party"] == (1, 2)
    assert got["destination"] == (1, 2)
    assert got["fighters"] == (0, 2)
    assert got["civilians"] == (1, 2)
    assert got["status"] == (0, 2)
    assert slot(report, "deal_kind").accuracy == 0.5


def test_place_within_km_is_scored_on_a_matching_that_ignores_distance():
    strike = "Jets struck a fuel depot at dawn"
    gold = [
        row(id="A-E1"),
        deal_row(id="A-E2", location=place(north_km=10)),
        row(id="A-E3", location=place("Tall Sabi", north_km=200, precision=3), evidence=DEAL),
        row(id="A-E4", sub_event_type="Air/drone strike", evidence=strike),
    ]
    pred = [
        row(location=place(north_km=20)),  # 20 km off a town: right
        deal_row(location=place(north_km=90)),  # 80 km off a town: wrong place
        row(location=place(north_km=260), evidence=DEAL),  # 60 km off a region: right
        row(evidence=strike),  # a clash, not a strike: no pair at all
    ]
    report = score(gold, pred)
    # the strict matching drops the far deal; the relaxed one keeps it and scores it wrong
    assert report.body.tp == 2
    place_slot = slot(report, "place_within_km")
    assert (place_slot.correct, place_slot.total) == (2, 3)
    # every strict pair is an event placed right; only the rows it leaves are matched again
    assert place_slot.correct == report.body.tp
    # the gold matched against itself is always in place
    assert slot(score(gold, gold), "place_within_km").accuracy == 1.0
    # the text report says which pairs the place is scored on
    assert "place_within_km over a matching that ignores distance" in render_report(report)


def test_source_fuzzy_rule():
    assert same_source("SDF spokesman Talal Silo", "Talal Silo")
    assert same_source("  sham   FM ", "Sham FM")
    assert same_source("Syrian Observatory for Human Rights", "the Syrian Observatory")
    assert same_source("Amaq news agency", "Amaq agency")
    assert same_source(None, None)
    assert not same_source("Amaq", None)
    assert not same_source("Sham FM", "al-Masdar News")
    assert not same_source("local sources", "Reuters sources in Damascus")


def test_destination_place_normalization():
    assert same_place_name("Idlib", "Idlib governorate")
    assert same_place_name("Deir ez-Zor", "Deir Ez Zor")
    assert same_place_name("al-Bab", "Bab")
    assert same_place_name(None, None)
    assert not same_place_name("Idlib", "Deir Ezzor")
    assert not same_place_name("Idlib", None)
    assert norm_place("Ḥamā countryside", drop_generic=True) == "hama"


# --------------------------------------------------------------------------- io and output


def test_load_jsonl_reports_broken_line(tmp_path: Path):
    good = tmp_path / "ok.jsonl"
    good.write_text(json.dumps(row()) + "\n\n" + json.dumps(deal_row()) + "\n", encoding="utf-8")
    assert [r["sub_event_type"] for r in load_jsonl(good)] == ["Armed clash", "Agreement"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(row()) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(WardeskError) as err:
        load_jsonl(bad)
    assert err.value.code == "E006" and f"{bad}:2" in str(err.value)
    arr = tmp_path / "arr.jsonl"
    arr.write_text("[1, 2]\n", encoding="utf-8")
    with pytest.raises(WardeskError, match=r"arr\.jsonl:1"):
        load_jsonl(arr)
    with pytest.raises(WardeskError) as missing:
        load_jsonl(tmp_path / "nope.jsonl")
    assert missing.value.code == "E001"


def test_render_and_dict_output():
    gold = [row(), deal_row(id="A-E2")]
    report = score(gold, [row(), row(doc="page_b.txt", mention_id="page_b.txt#1")])
    text = render_report(report)
    assert "body" in text and "comments" in text and "deal_kind" in text
    assert "A-E2" in text and "page_b.txt#1" in text and "n/a" in text
    data = report_to_dict(report)
    json.dumps(data)
    assert data["body"]["tp"] == 1 and data["body"]["fp"] == 1 and data["body"]["fn"] == 1
    assert data["body"]["precision"] == 0.5 and data["comments"]["precision"] is None
    assert data["slots"]["actor1"] == {"correct": 1, "total": 1, "accuracy": 1.0}


# --------------------------------------------------------------------------- the gold files


@pytest.mark.parametrize("name", ["seeds.gold.jsonl", "dev.gold.jsonl"])
def test_gold_against_itself_is_perfect(gold_dir: Path, name: str):
    gold = load_jsonl(gold_dir / name)
    pred = [
        {k: v for k, v in g.items() if k not in ("id", "optional", "note")}
        | {"mention_id": f"{g['doc']}#{i}"}
        for i, g in enumerate(reversed(gold))
    ]
    report = score(gold, pred)
    assert report.body.precision == report.body.recall == report.body.f1 == 1.0
    assert report.unmatched_gold == () and report.unmatched_pred == ()
    for s in report.slots:
        assert s.total > 0 and s.accuracy == 1.0, s
    # the matching is the identity (pred list is reversed)
    assert all(p.gold_index == len(gold) - 1 - p.pred_index for p in report.pairs)


@pytest.mark.parametrize("name", ["seeds.gold.jsonl", "dev.gold.jsonl"])
def test_gold_against_nothing_has_zero_recall(gold_dir: Path, name: str):
    gold = load_jsonl(gold_dir / name)
    report = score(gold, [])
    assert report.body.recall == 0.0
    assert report.body.fn == report.body.required > 0
    assert len(report.unmatched_gold) == sum(1 for g in gold if not g["optional"])
