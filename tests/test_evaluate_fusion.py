"""Fusion scored against happening keys: pairwise and B-cubed over matched mentions."""

from __future__ import annotations

import json

import pytest

from wardesk.errors import WardeskError
from wardesk.evaluate_fusion import Linked, fusion_score, load_happenings, per_set, worst


def linked(*items: tuple[str, str]) -> list[Linked]:
    """Mentions given as (event id, happening key), all in one set."""
    return [Linked("s", f"m{i}", event, key) for i, (event, key) in enumerate(items)]


def test_fusion_that_matches_the_gold_scores_one():
    score = fusion_score(linked(("e1", "h1"), ("e1", "h1"), ("e2", "h2")))
    assert (score.pair_f1, score.bcubed_f1) == (1.0, 1.0)


def test_an_over_merge_costs_precision_not_recall():
    score = fusion_score(linked(("e1", "h1"), ("e1", "h1"), ("e1", "h2")))
    assert score.pair_precision == pytest.approx(1 / 3)
    assert score.pair_recall == 1.0
    assert score.bcubed_recall == 1.0 and score.bcubed_precision < 1.0


def test_a_split_costs_recall_not_precision():
    score = fusion_score(linked(("e1", "h1"), ("e2", "h1"), ("e3", "h2")))
    assert score.pair_recall == 0.0
    assert score.pair_precision is None  # fusion put no two mentions together
    assert score.bcubed_precision == 1.0 and score.bcubed_recall < 1.0


def test_worst_lists_over_merges_and_splits():
    bad = worst(linked(("e1", "h1"), ("e1", "h2"), ("e2", "h3"), ("e3", "h3")))
    assert bad["over_merges"] == [{"event": "e1", "happenings": ["h1", "h2"]}]
    assert bad["splits"] == [{"happening": "h3", "events": 2}]


def test_per_set_leaves_pairs_across_sets_out():
    items = [Linked("a", "m1", "e1", "h1"), Linked("b", "m2", "e1", "h1")]
    assert {name: s.mentions for name, s in per_set(items).items()} == {"a": 1, "b": 1}
    assert fusion_score(items).pair_f1 == 1.0


def test_happenings_file_rows_need_set_id_and_key(tmp_path):
    good = tmp_path / "h.jsonl"
    good.write_text(json.dumps({"set": "a", "id": "1", "happening": "x"}) + "\n")
    assert load_happenings(str(good)) == {("a", "1"): "x"}
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"set": "a", "id": "1"}) + "\n")
    with pytest.raises(WardeskError):
        load_happenings(str(bad))
