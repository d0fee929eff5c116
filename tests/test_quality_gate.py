"""Quality gate: extraction scored on the hand-coded gold must not fall below pinned floors.

The floors live in ``tests/quality_baseline.json``. Raise a floor when extraction
improves (``wardesk evaluate`` prints the current scores); lowering one needs an
entry in the file's ``lowered`` list saying why, and this test checks that there is one.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from wardesk.contract import mention_record
from wardesk.evaluate import load_jsonl, score
from wardesk.ingest import IngestOptions, ingest
from wardesk.model import PageFailure
from wardesk.pipeline import load_services, process_document

BASELINE = Path(__file__).with_name("quality_baseline.json")


def _dev_as_records(dev_dir: Path, target: Path) -> Path:
    """The dev pages as JSONL records carrying their publication dates."""
    with (dev_dir / "SOURCES.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    with target.open("w", encoding="utf-8") as out:
        for row in rows:
            text = (dev_dir / row["file"]).read_text(encoding="utf-8")
            record = {"id": row["file"], "url": row["url"], "outlet": row["outlet"],
                      "published": row["publication_date"], "text": text}  # fmt: skip
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return target


def measured(pages: Path, gold: Path) -> dict[str, float]:
    """Body P/R/F1 and slot accuracies of the pipeline on ``pages`` against ``gold``."""
    services = load_services()
    predicted = [
        mention_record(m)
        for doc in ingest([pages], IngestOptions())
        if not isinstance(doc, PageFailure)
        for m in process_document(doc, services).mentions
    ]
    report = score(load_jsonl(gold), predicted)
    values = {
        "precision": report.body.precision or 0.0,
        "recall": report.body.recall or 0.0,
        "f1": report.body.f1 or 0.0,
    }
    values.update({f"slot:{s.name}": s.accuracy or 0.0 for s in report.slots if s.total})
    return values


@pytest.fixture(scope="module")
def scores(seeds_dir, dev_dir, gold_dir, tmp_path_factory) -> dict[str, dict[str, float]]:
    dev_jsonl = _dev_as_records(dev_dir, tmp_path_factory.mktemp("dev") / "dev.jsonl")
    return {
        "seeds": measured(seeds_dir, gold_dir / "seeds.gold.jsonl"),
        "dev": measured(dev_jsonl, gold_dir / "dev.gold.jsonl"),
    }


@pytest.mark.parametrize("corpus", ["seeds", "dev"])
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
