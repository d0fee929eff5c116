"""Several gold sets side by side: pages assigned to sets, per-set and total scores."""

from __future__ import annotations

import json

from wardesk.scoreboard import (
    load_gold_sets,
    page_set,
    render_scoreboard,
    score_predictions,
    score_sets,
)

CLASH = {
    "sub_event_type": "Armed clash",
    "location": {"name": "Kafr Zeta", "lat": 35.37, "lon": 36.6, "precision": 1},
    "evidence": "Rebels clashed with army units near the silos of Kafr Zeta on Monday",
}


def _write_gold(folder, name, docs):
    path = folder / f"{name}.gold.jsonl"
    path.write_text("".join(json.dumps({**CLASH, "doc": d}) + "\n" for d in docs))
    return path


def test_a_folder_gives_one_set_per_gold_file(tmp_path):
    _write_gold(tmp_path, "alpha", ["a1.txt"])
    _write_gold(tmp_path, "beta", ["b1.txt", "b2.txt"])
    (tmp_path / "notes.jsonl").write_text('{"note": "not gold"}\n')
    sets = load_gold_sets([tmp_path])
    assert [(s.name, len(s.rows)) for s in sets] == [("alpha", 1), ("beta", 2)]


def test_pages_go_to_the_set_of_their_folder_else_of_their_gold(tmp_path):
    _write_gold(tmp_path, "alpha", ["a1.txt"])
    _write_gold(tmp_path, "beta", ["shared-name.txt"])
    sets = load_gold_sets([tmp_path])
    assert page_set("shared-name.txt", "/corpus/alpha/shared-name.txt", sets) == "alpha"
    assert page_set("shared-name.txt", "/elsewhere/shared-name.txt", sets) == "beta"
    assert page_set("other.txt", "/elsewhere/other.txt", sets) is None


def test_each_set_is_scored_alone_and_the_total_keeps_pages_apart(tmp_path):
    _write_gold(tmp_path, "alpha", ["same.txt"])
    _write_gold(tmp_path, "beta", ["same.txt"])
    sets = load_gold_sets([tmp_path])
    found = {"alpha": [{**CLASH, "doc": "same.txt"}], "beta": []}
    board = score_sets(sets, found, [])
    by_name = {name: report for name, _, report in board.sets}
    assert by_name["alpha"].body.f1 == 1.0
    assert by_name["beta"].body.recall == 0.0
    # One prediction cannot match both sets' rows: page names are qualified per set.
    assert (board.total.body.tp, board.total.body.fn) == (1, 1)
    table = render_scoreboard(board)
    assert "alpha" in table and "beta" in table and "total" in table


def test_predictions_go_to_their_pages_sets_and_strays_are_listed(tmp_path):
    _write_gold(tmp_path, "alpha", ["a1.txt"])
    sets = load_gold_sets([tmp_path])
    found = [
        ({**CLASH, "doc": "a1.txt"}, "/corpus/alpha/a1.txt"),
        ({**CLASH, "doc": "x.txt"}, None),
    ]
    board = score_predictions(sets, found)
    assert board.sets[0][2].body.f1 == 1.0
    assert board.unassigned == ("x.txt",)
