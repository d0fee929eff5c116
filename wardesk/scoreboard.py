"""Several gold sets scored side by side: each set's detection and slots, and the total.

A gold set is one JSONL file; its name is the file name without ``.gold.jsonl``
(or ``.jsonl``). A predicted page belongs to the set named like a folder on
its path (``corpus/dev-2/page.txt`` belongs to ``dev-2``), else to the set whose
gold rows name the page. The total scores every set's rows and predictions at
once, with page names kept apart per set.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wardesk.errors import WardeskError
from wardesk.evaluate import PLACE_SLOT, SLOTS, Report, Row, load_jsonl, report_to_dict, score

GOLD_SUFFIXES = (".gold.jsonl", ".jsonl")
TOTAL = "total"
# Short column heads for the slot table, in SLOTS order, then the place score.
SLOT_HEADS = {
    "sub_event_type": "type",
    "actor1": "act1",
    "actor2": "act2",
    "date": "date",
    "fatalities": "fatal",
    "certainty": "cert",
    "source": "src",
    "deal_kind": "kind",
    "withdrawing_party": "wdraw",
    "fighters": "fight",
    "civilians": "civ",
    "destination": "dest",
    "status": "status",
    PLACE_SLOT: "place",
}


@dataclass(frozen=True, slots=True)
class GoldSet:
    """One gold file: its set name, rows, and the page names the rows code."""

    name: str
    path: Path
    rows: tuple[Row, ...]
    docs: frozenset[str]

    @classmethod
    def read(cls, path: Path) -> GoldSet:
        """The gold set in file ``path``."""
        rows = tuple(load_jsonl(path))
        return cls(set_name(path), path, rows, frozenset(str(r.get("doc")) for r in rows))


@dataclass(frozen=True, slots=True)
class Scoreboard:
    """One report per set, in the order given, and the report over all of them."""

    sets: tuple[tuple[str, int, Report], ...]
    total: Report
    unassigned: tuple[str, ...]
    # Each set's predictions in the order its report's pairs index them.
    predictions: Mapping[str, tuple[Row, ...]]


def set_name(path: Path) -> str:
    """The set a gold file codes: ``dev-2.gold.jsonl`` -> ``dev-2``."""
    for suffix in GOLD_SUFFIXES:
        if path.name.endswith(suffix):
            return path.name[: -len(suffix)]
    return path.stem


def load_gold_sets(paths: Iterable[str | Path]) -> list[GoldSet]:
    """Gold files, or folders of ``*.jsonl`` gold files, as named sets (E001 for a miss)."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.glob("*.jsonl") if _is_gold_file(p)))
        elif path.is_file():
            files.append(path)
        else:
            raise WardeskError("E001", path=str(path))
    return [GoldSet.read(f) for f in files]


def _is_gold_file(path: Path) -> bool:
    """A folder's gold files: ``*.gold.jsonl`` when it has any, else every ``*.jsonl``
    whose first row looks like a coded event (so that side files are left out)."""
    if path.name.endswith(".gold.jsonl"):
        return True
    if any(path.parent.glob("*.gold.jsonl")):
        return False
    rows = load_jsonl(path)
    return bool(rows) and "sub_event_type" in rows[0]


def page_set(doc: str, source_path: str | None, sets: Sequence[GoldSet]) -> str | None:
    """The set a predicted page belongs to: by a folder on its path, else by the gold's pages."""
    names = {s.name for s in sets}
    if source_path:
        for folder in reversed(Path(source_path).parent.parts):
            if folder in names:
                return folder
    for gold_set in sets:
        if doc in gold_set.docs:
            return gold_set.name
    return None


def score_predictions(
    sets: Sequence[GoldSet], predicted: Iterable[tuple[Row, str | None]]
) -> Scoreboard:
    """Score predicted mentions, each given with the path of its page (None when unknown),
    in the sets their pages belong to; pages in no set are listed, not scored."""
    by_set: dict[str, list[Row]] = {}
    unassigned: set[str] = set()
    for row, path in predicted:
        doc = str(row.get("doc"))
        name = page_set(doc, path, sets)
        if name is None:
            unassigned.add(doc)
        else:
            by_set.setdefault(name, []).append(row)
    return score_sets(sets, by_set, sorted(unassigned))


def score_sets(
    sets: Sequence[GoldSet], predictions: Mapping[str, Sequence[Row]], unassigned: Sequence[str]
) -> Scoreboard:
    """Score each set's predictions against its rows, and everything together."""
    reports = []
    kept: dict[str, tuple[Row, ...]] = {}
    all_gold: list[Row] = []
    all_pred: list[Row] = []
    for gold_set in sets:
        pred = list(predictions.get(gold_set.name, ()))
        kept[gold_set.name] = tuple(pred)
        reports.append((gold_set.name, len(gold_set.docs), score(gold_set.rows, pred)))
        all_gold.extend(_qualified(gold_set.name, gold_set.rows))
        all_pred.extend(_qualified(gold_set.name, pred))
    return Scoreboard(tuple(reports), score(all_gold, all_pred), tuple(unassigned), kept)


def _qualified(name: str, rows: Iterable[Row]) -> list[Row]:
    """Rows whose page names carry their set's name, so pages of two sets never meet."""
    return [{**row, "doc": f"{name}/{row.get('doc')}"} for row in rows]


def scoreboard_to_dict(board: Scoreboard) -> dict[str, Any]:
    """The scoreboard as JSON-ready data: every set's full report and the total's."""
    return {
        "sets": {name: {"pages": pages, **report_to_dict(r)} for name, pages, r in board.sets},
        TOTAL: report_to_dict(board.total),
        "unassigned_pages": list(board.unassigned),
    }


def render_scoreboard(board: Scoreboard) -> str:
    """Two plain-text tables, one row per set and a total: detection, then slot accuracy."""
    rows = [(name, pages, r) for name, pages, r in board.sets]
    rows.append((TOTAL, sum(p for _, p, _ in board.sets), board.total))
    width = max(len(name) for name, _, _ in rows) + 2
    lines = [
        "Detection, article body (precision over all predictions; recall over required gold)",
        f"{'set':<{width}}{'pages':>6}{'gold':>6}{'pred':>6}{'tp':>5}{'fp':>5}{'fn':>5}"
        f"{'P':>8}{'R':>7}{'F1':>7}",
    ]
    for name, pages, report in rows:
        c = report.body
        lines.append(
            f"{name:<{width}}{pages:>6}{c.required:>6}{c.predicted:>6}{c.tp:>5}{c.fp:>5}{c.fn:>5}"
            f"{format_rate(c.precision):>8}{format_rate(c.recall):>7}{format_rate(c.f1):>7}"
        )
    heads = [*SLOTS, PLACE_SLOT]
    lines += ["", "Slot accuracy on matched body pairs (place: of the events found, placed right)"]
    lines.append(f"{'set':<{width}}" + "".join(f"{SLOT_HEADS[h]:>7}" for h in heads))
    for name, _, report in rows:
        by_slot = {s.name: s for s in report.slots}
        cells = "".join(f"{format_rate(by_slot[h].accuracy):>7}" for h in heads)
        lines.append(f"{name:<{width}}{cells}")
    if board.unassigned:
        lines += ["", f"Pages in no gold set, not scored ({len(board.unassigned)}): "
                  + ", ".join(board.unassigned[:10]) + (" ..." if len(board.unassigned) > 10 else "")]  # fmt: skip
    return "\n".join(lines) + "\n"


def format_rate(value: float | None) -> str:
    """A rate with three decimals, or ``-`` when undefined, for the side-by-side tables."""
    return "-" if value is None else f"{value:.3f}"
