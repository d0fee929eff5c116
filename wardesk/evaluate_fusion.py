"""Fusion scored against the happenings gold: which matched mentions were put in one event.

``happenings.jsonl`` gives every gold row a ``happening`` key; rows with the same key
report the same real-world happening. Each predicted mention that the strict matching
pairs with a gold row takes that row's key. Over those mentions, fusion is scored two
ways: pairwise (of the pairs fusion put in one event, how many share a key; of the pairs
that share a key, how many fusion put together) and B-cubed (per mention, the share of
its event that shares its key, and of its key's mentions that share its event). The
worst over-merges (events holding several happenings) and splits (happenings spread
over several events) are listed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from wardesk.errors import WardeskError
from wardesk.evaluate import load_jsonl
from wardesk.fuse import fuse_mentions
from wardesk.fuse.types import PageInfo, StoredMention
from wardesk.pipeline import PageResult
from wardesk.scoreboard import GoldSet, Scoreboard, format_rate

# (set name, gold row id) -> happening key
HappeningKeys = Mapping[tuple[str, str], str]


@dataclass(frozen=True, slots=True)
class Linked:
    """One matched predicted mention: its set, its fused event and its gold happening."""

    set_name: str
    mention_id: str
    event_id: str
    happening: str


@dataclass(frozen=True, slots=True)
class FusionScore:
    """Pairwise and B-cubed precision/recall over matched mentions."""

    mentions: int
    pair_precision: float | None
    pair_recall: float | None
    bcubed_precision: float | None
    bcubed_recall: float | None

    @property
    def pair_f1(self) -> float | None:
        """Harmonic mean of the pairwise rates."""
        return _f1(self.pair_precision, self.pair_recall)

    @property
    def bcubed_f1(self) -> float | None:
        """Harmonic mean of the B-cubed rates."""
        return _f1(self.bcubed_precision, self.bcubed_recall)


def load_happenings(path: str) -> dict[tuple[str, str], str]:
    """The happening key of every gold row, by (set, id); E013-style rows are refused."""
    keys = {}
    for number, row in enumerate(load_jsonl(path), start=1):
        if not all(isinstance(row.get(k), str) for k in ("set", "id", "happening")):
            detail = "each row needs string fields set, id and happening"
            raise WardeskError("E006", path=path, line=number, detail=detail)
        keys[(row["set"], row["id"])] = row["happening"]
    return keys


def events_of(pages: Iterable[PageResult]) -> dict[str, str]:
    """Fuse the mentions of ``pages`` as a run would; the event id of each mention id."""
    stored: list[StoredMention] = []
    bodies: dict[str, str] = {}
    for result in pages:
        doc = result.document
        page = PageInfo(doc.id, doc.name, doc.outlet, doc.published, doc.url)
        stored += [StoredMention(doc.id, n, m, page) for n, m in enumerate(result.mentions, 1)]
        bodies[doc.id] = result.segments.body
    return {i: event.event_id for event in fuse_mentions(stored, bodies) for i in event.mention_ids}


def link(
    board: Scoreboard, sets: Sequence[GoldSet], event_of: Mapping[str, str], keys: HappeningKeys
) -> list[Linked]:
    """Each body mention the strict matching paired with a keyed gold row, with its event."""
    linked = []
    for (name, _, report), gold_set in zip(board.sets, sets, strict=True):
        for pair in report.pairs:
            key = keys.get((name, str(gold_set.rows[pair.gold_index].get("id"))))
            mention_id = str(board.predictions[name][pair.pred_index].get("mention_id"))
            if key is not None and not pair.in_comments and mention_id in event_of:
                linked.append(Linked(name, mention_id, event_of[mention_id], key))
    return linked


def fusion_score(linked: Sequence[Linked]) -> FusionScore:
    """Pairwise and B-cubed scores of fusion over ``linked`` mentions."""
    if not linked:
        return FusionScore(0, None, None, None, None)
    same_event = same_key = both = 0
    for a, b in combinations(linked, 2):
        together, alike = a.event_id == b.event_id, a.happening == b.happening
        same_event += together
        same_key += alike
        both += together and alike
    by_event = Counter(m.event_id for m in linked)
    by_key = Counter(m.happening for m in linked)
    by_both = Counter((m.event_id, m.happening) for m in linked)
    n = len(linked)
    return FusionScore(
        mentions=n,
        pair_precision=both / same_event if same_event else None,
        pair_recall=both / same_key if same_key else None,
        bcubed_precision=sum(by_both[(m.event_id, m.happening)] / by_event[m.event_id] for m in linked) / n,
        bcubed_recall=sum(by_both[(m.event_id, m.happening)] / by_key[m.happening] for m in linked) / n,
    )  # fmt: skip


def worst(linked: Sequence[Linked], *, limit: int = 5) -> dict[str, list[dict[str, Any]]]:
    """The events that merge the most happenings, and the happenings split the most."""
    keys_of: dict[str, set[str]] = defaultdict(set)
    events_of: dict[str, set[str]] = defaultdict(set)
    for m in linked:
        keys_of[m.event_id].add(m.happening)
        events_of[m.happening].add(m.event_id)
    merges = sorted(((e, k) for e, k in keys_of.items() if len(k) > 1), key=lambda x: -len(x[1]))
    splits = sorted(((h, e) for h, e in events_of.items() if len(e) > 1), key=lambda x: -len(x[1]))
    return {
        "over_merges": [{"event": e, "happenings": sorted(k)} for e, k in merges[:limit]],
        "splits": [{"happening": h, "events": len(e)} for h, e in splits[:limit]],
    }


def per_set(linked: Iterable[Linked]) -> dict[str, FusionScore]:
    """The score of each set's mentions alone (pairs across sets are left out)."""
    groups: dict[str, list[Linked]] = defaultdict(list)
    for m in linked:
        groups[m.set_name].append(m)
    return {name: fusion_score(items) for name, items in groups.items()}


def render_fusion(linked: Sequence[Linked], set_order: Sequence[str]) -> str:
    """The fusion table: one row per set with matched mentions, then the total, then the
    worst over-merges and splits."""
    scores = per_set(linked)
    rows = [(name, scores[name]) for name in set_order if name in scores]
    rows.append(("total", fusion_score(linked)))
    width = max(len(name) for name, _ in rows) + 2
    lines = [
        "Fusion over matched mentions (pairwise and B-cubed, against the happenings gold)",
        f"{'set':<{width}}{'mentions':>9}{'pair P':>8}{'pair R':>8}{'pair F1':>9}"
        f"{'B3 P':>7}{'B3 R':>7}{'B3 F1':>7}",
    ]
    for name, s in rows:
        rates = (s.pair_precision, s.pair_recall, s.pair_f1, s.bcubed_precision, s.bcubed_recall,
                 s.bcubed_f1)  # fmt: skip
        cells = "".join(
            f"{format_rate(r):>{w}}" for r, w in zip(rates, (8, 8, 9, 7, 7, 7), strict=True)
        )
        lines.append(f"{name:<{width}}{s.mentions:>9}{cells}")
    bad = worst(linked)
    for item in bad["over_merges"]:
        lines.append(
            f"  over-merged: event {item['event'][:12]} holds {', '.join(item['happenings'])}"
        )
    for item in bad["splits"]:
        lines.append(f"  split: {item['happening']} across {item['events']} events")
    return "\n".join(lines) + "\n"


def fusion_to_dict(linked: Sequence[Linked]) -> dict[str, Any]:
    """The fusion scores as JSON-ready data."""

    def as_dict(s: FusionScore) -> dict[str, Any]:
        return {
            "mentions": s.mentions,
            "pair_precision": s.pair_precision,
            "pair_recall": s.pair_recall,
            "pair_f1": s.pair_f1,
            "bcubed_precision": s.bcubed_precision,
            "bcubed_recall": s.bcubed_recall,
            "bcubed_f1": s.bcubed_f1,
        }

    return {
        "sets": {name: as_dict(s) for name, s in per_set(linked).items()},
        "total": as_dict(fusion_score(linked)),
        **worst(linked),
    }


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 2 * p * r / (p + r) if p + r else 0.0
