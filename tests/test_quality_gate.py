"""Quality gate: extraction scored on the hand-coded gold must not fall below pinned floors.

The floors live in ``tests/quality_baseline.json``: per gold set, and for fusion (pairwise
and B-cubed F1 over matched mentions, against ``happenings.jsonl``). Raise a floor when extraction
improves (``wardesk evaluate`` prints the current scores); lowering one needs an
entry in the file's ``lowered`` list saying why, and this test checks that there is one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wardesk.contract import mention_record
from wardesk.evaluate_fusion import Linked, events_of, fusion_score, link, load_happenings
from wardesk.ingest import IngestOptions
from wardesk.model import PageFailure
from wardesk.pipeline import load_services, process_pages
from wardesk.scoreboard import Scoreboard, load_gold_sets, score_predictions

BASELINE = Path(__file__).with_name("quality_baseline.json")
SETS = ("seeds", "dev", "dev-2", "dev-3", "dev-4")


def measured(corpus: Path, gold: Path) -> tuple[Scoreboard, list[Linked]]:
    """Every gold set scored on its pages (each folder's SOURCES.tsv dates them), and the
    matched mentions tied to the fused event and gold happening of each."""
    sets = [s for s in load_gold_sets([gold]) if s.name in SETS]
    results = []
    for item in process_pages([corpus / s.name for s in sets], IngestOptions(), load_services()):
        assert not isinstance(item, PageFailure), item
        results.append(item)
    predicted = [(mention_record(m), r.document.source_path) for r in results for m in r.mentions]
    board = score_predictions(sets, predicted)
    assert not board.unassigned, board.unassigned
    keys = load_happenings(str(gold / "happenings.jsonl"))
    return board, link(board, sets, events_of(results), keys)


def values(report) -> dict[str, float]:
    """Body P/R/F1 and slot accuracies of one report, by metric name."""
    out = {
        "precision": report.body.precision or 0.0,
        "recall": report.body.recall or 0.0,
        "f1": report.body.f1 or 0.0,
    }
    out.update({f"slot:{s.name}": s.accuracy or 0.0 for s in report.slots if s.total})
    return out


@pytest.fixture(scope="module")
def scores(seeds_dir, gold_dir) -> dict[str, dict[str, float]]:
    board, linked = measured(seeds_dir.parent, gold_dir)
    out = {name: values(report) for name, _, report in board.sets}
    fused = fusion_score(linked)
    out["fusion"] = {"pair_f1": fused.pair_f1 or 0.0, "bcubed_f1": fused.bcubed_f1 or 0.0}
    return out


@pytest.mark.parametrize("corpus", [*SETS, "fusion"])
def test_scores_hold_their_floors(scores, corpus):
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))["floors"][corpus]
    below = {
        metric: (round(scores[corpus].get(metric, 0.0), 3), floor)
        for metric, floor in floors.items()
        if scores[corpus].get(metric, 0.0) + 1e-9 < floor
    }
    assert not below, f"{corpus}: measured vs floor {below}"


def test_lowered_floors_say_why():
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    for entry in baseline.get("lowered", []):
        assert entry.get("why"), f"floor {entry} was lowered without a reason"
