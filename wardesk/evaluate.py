"""Score predicted event mentions against hand-coded gold rows.

Both sides are plain dicts in the output contract of DESIGN.md (one JSON
object per line); gold rows add ``id``, ``optional`` and ``note``. Nothing
here depends on the extractor, so any tool that writes the contract can be
scored.

A prediction matches a gold row of the same page when

* both are deals (``Agreement``, ``Non-violent transfer of territory``,
  ``Change to group/activity``) or they share the sub-event type,
* their places lie within 25 km (75 km when either side is coded at
  precision 3), or, when either side lacks coordinates, their normalized
  place names are equal,
* their evidence overlaps: one contains the other after whitespace and quote
  normalization, or they share at least 40% of their content words.

Matching is one-to-one and greedy, best score first; body and comments are
matched apart. Precision counts every body prediction; recall counts only
required (non-optional) gold body rows.

Matched pairs agree on place by construction, so place accuracy adds a second,
relaxed matching that ignores distance (same page, compatible type, overlapping
evidence) over the body rows the strict matching leaves: ``place_within_km`` is
the share of strict pairs among strict and relaxed pairs together, i.e. of the
events found, how many are placed by the 25 km / 75 km rule above.
"""

from __future__ import annotations

import json
import math
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wardesk.errors import WardeskError

Row = dict[str, Any]

DEAL_FAMILY = frozenset(
    {"agreement", "non-violent transfer of territory", "change to group/activity"}
)
TOWN_RADIUS_KM = 25.0
REGION_RADIUS_KM = 75.0
MIN_SHARE = 0.4
SOURCE_MIN_JACCARD = 0.5
EARTH_RADIUS_KM = 6371.0088

_STOPWORD_TEXT = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself said says
    say told according
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

ARTICLES = ("al", "el", "ad", "ar", "as", "ash", "at", "ath", "az")
_ARTICLE_RE = re.compile(r"(?:^|(?<=[\s\-]))(?:" + "|".join(ARTICLES) + r")[\-\s]+")
GENERIC_PLACE_WORDS = ("governorate", "province", "countryside", "city", "town")
_GENERIC_RE = re.compile(r"\b(?:" + "|".join(GENERIC_PLACE_WORDS) + r")\b")
_QUOTES = str.maketrans({c: "'" for c in "‘’‚‛′`´ʼʻʿʾ"} | {c: '"' for c in "“”„‟″«»"})
_TOKEN_RE = re.compile(r"[^\W_]+")

SLOTS = (
    "sub_event_type",
    "actor1",
    "actor2",
    "date",
    "fatalities",
    "certainty",
    "source",
    "deal_kind",
    "withdrawing_party",
    "fighters",
    "civilians",
    "destination",
    "status",
)
# Scored over its own, distance-free matching (``place_score``), after the slots above.
PLACE_SLOT = "place_within_km"
AGREEMENT_SLOTS = {
    "deal_kind": "kind",
    "withdrawing_party": "withdrawing_party",
    "fighters": "fighters",
    "civilians": "civilians",
    "destination": "destination",
    "status": "status",
}


# --------------------------------------------------------------------------- data types


@dataclass(frozen=True, slots=True)
class Pair:
    """One gold row matched to one prediction; indexes point into the input lists."""

    gold_index: int
    pred_index: int
    gold_id: str
    score: float
    evidence_share: float
    distance_km: float | None
    same_sub_event: bool
    in_comments: bool


@dataclass(frozen=True, slots=True)
class Counts:
    """Detection counts for one section (article body or reader comments).

    ``tp`` counts predictions matched to any gold row (required or optional),
    ``fp`` unmatched predictions, ``fn`` unmatched required gold rows.
    """

    predicted: int
    required: int
    tp: int
    fp: int
    fn: int
    matched_required: int
    matched_optional: int

    @property
    def precision(self) -> float | None:
        """Matched predictions over all predictions; None when nothing was predicted."""
        return self.tp / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        """Matched required gold over required gold; None when no gold row is required."""
        return self.matched_required / self.required if self.required else None

    @property
    def f1(self) -> float | None:
        """Harmonic mean of precision and recall; None when either is undefined."""
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class SlotScore:
    """How often one slot was right over the matched body pairs it applies to."""

    name: str
    correct: int
    total: int

    @property
    def accuracy(self) -> float | None:
        """Correct over total; None when no matched pair carries the slot."""
        return self.correct / self.total if self.total else None


@dataclass(frozen=True, slots=True)
class Report:
    """Everything ``score`` finds: detection, slot accuracy, and what went unmatched."""

    body: Counts
    comments: Counts
    slots: tuple[SlotScore, ...]
    pairs: tuple[Pair, ...]
    unmatched_gold: tuple[Row, ...]
    unmatched_pred: tuple[Row, ...]


# --------------------------------------------------------------------------- loading


def load_jsonl(path: str | os.PathLike[str]) -> list[Row]:
    """Read one JSON object per line; blank lines are skipped.

    Raises ``WardeskError`` E001 when the file is missing and E006, naming
    ``file:line``, when a line is not a JSON object.
    """
    p = Path(path)
    if not p.is_file():
        raise WardeskError("E001", path=str(p))
    rows: list[Row] = []
    with p.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                rows.append(_parse_line(line, p, number))
    return rows


def _parse_line(line: str, path: Path, number: int) -> Row:
    """Decode one JSONL line into a dict, or raise E006 with its position."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        raise WardeskError("E006", path=str(path), line=number, detail=exc.msg) from exc
    if not isinstance(value, dict):
        detail = f"expected a JSON object, got {type(value).__name__}"
        raise WardeskError("E006", path=str(path), line=number, detail=detail)
    return value


# --------------------------------------------------------------------------- normalization


def norm_text(value: object) -> str | None:
    """Casefold and collapse whitespace; None (or an empty string) gives None."""
    if value is None:
        return None
    text = " ".join(str(value).split()).casefold()
    return text or None


def strip_diacritics(text: str) -> str:
    """Drop combining marks: ``Ḥamā`` -> ``Hama``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def norm_place(name: object, *, drop_generic: bool = False) -> str | None:
    """Normalize a place name for comparison, spelling differences aside.

    Lowercase, strip diacritics and quotes, drop the Arabic article
    (al-/el-/ad-/ar-/as-/ash-/at-/ath-/az-) at the start of each word, then
    drop every non-alphanumeric character (hyphens, spaces, apostrophes).
    With ``drop_generic`` the words governorate/province/countryside/city/town
    go too, so ``Idlib governorate`` becomes ``idlib``.
    """
    text = norm_text(name)
    if text is None:
        return None
    text = strip_diacritics(text).translate(_QUOTES).replace("'", "")
    if drop_generic:
        text = _GENERIC_RE.sub(" ", text)
    text = _ARTICLE_RE.sub("", text.strip())
    text = "".join(_TOKEN_RE.findall(text))
    return text or None


def norm_evidence(text: object) -> str:
    """Whitespace- and quote-normalized, casefolded evidence for containment tests."""
    return (norm_text(text) or "").translate(_QUOTES)


def content_words(text: object) -> frozenset[str]:
    """Lowercased alphanumeric tokens of three or more characters, stopwords dropped."""
    tokens = _TOKEN_RE.findall(norm_evidence(text))
    return frozenset(t for t in tokens if len(t) >= 3 and t not in STOPWORDS)


def evidence_overlap(gold_text: object, pred_text: object) -> tuple[float, float]:
    """Return ``(share, jaccard)`` of two evidence strings.

    ``share`` is 1.0 when one normalized text contains the other, else
    ``|A ∩ B| / min(|A|, |B|)`` over content words; ``jaccard`` (content-word
    Jaccard, 1.0 for identical texts) only breaks ties between equal scores.
    """
    a, b = norm_evidence(gold_text), norm_evidence(pred_text)
    wa, wb = content_words(a), content_words(b)
    common = len(wa & wb)
    union = len(wa | wb)
    jaccard = 1.0 if a and a == b else (common / union if union else 0.0)
    if a and b and (a in b or b in a):
        return 1.0, jaccard
    smaller = min(len(wa), len(wb))
    return (common / smaller if smaller else 0.0), jaccard


# --------------------------------------------------------------------------- admissibility


def is_deal(row: Row) -> bool:
    """True for the deal family: Agreement, Non-violent transfer, Change to group/activity."""
    return norm_text(row.get("sub_event_type")) in DEAL_FAMILY


def types_compatible(gold: Row, pred: Row) -> tuple[bool, bool]:
    """Return ``(admissible, same_sub_event)`` for the event types of a pair."""
    same = norm_text(gold.get("sub_event_type")) == norm_text(pred.get("sub_event_type"))
    same = same and norm_text(gold.get("sub_event_type")) is not None
    return same or (is_deal(gold) and is_deal(pred)), same


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _coords(location: Row) -> tuple[float, float] | None:
    """The (lat, lon) of a location dict, or None when either is missing."""
    lat, lon = location.get("lat"), location.get("lon")
    if isinstance(lat, int | float) and isinstance(lon, int | float):
        return float(lat), float(lon)
    return None


def _radius_km(gold_loc: Row, pred_loc: Row) -> float:
    """25 km for towns, 75 km when either side is coded at precision 3."""
    if 3 in (gold_loc.get("precision"), pred_loc.get("precision")):
        return REGION_RADIUS_KM
    return TOWN_RADIUS_KM


def place_closeness(gold: Row, pred: Row) -> tuple[float, float | None] | None:
    """Return ``(closeness in [0, 1], distance_km)`` or None when the places differ.

    With coordinates on both sides closeness is ``1 - distance / radius``;
    otherwise equal normalized names give closeness 1.0 and no distance.
    A row without any location matches nothing.
    """
    gold_loc, pred_loc = gold.get("location"), pred.get("location")
    if not isinstance(gold_loc, dict) or not isinstance(pred_loc, dict):
        return None
    a, b = _coords(gold_loc), _coords(pred_loc)
    if a is not None and b is not None:
        distance = haversine_km(*a, *b)
        radius = _radius_km(gold_loc, pred_loc)
        return (1.0 - distance / radius, distance) if distance <= radius else None
    name_a, name_b = norm_place(gold_loc.get("name")), norm_place(pred_loc.get("name"))
    return (1.0, None) if name_a is not None and name_a == name_b else None


def same_doc(gold: Row, pred: Row) -> bool:
    """True when both rows come from the same page (compared by basename)."""
    a, b = gold.get("doc"), pred.get("doc")
    return a is not None and b is not None and os.path.basename(str(a)) == os.path.basename(str(b))


# --------------------------------------------------------------------------- matching


@dataclass(frozen=True, slots=True)
class _Candidate:
    """An admissible pair with its sort key, before greedy assignment."""

    key: tuple[Any, ...]
    pair: Pair


def candidate(
    gi: int, gold: Row, pi: int, pred: Row, *, ignore_distance: bool = False
) -> _Candidate | None:
    """Score one (gold, prediction) pair, or return None when it is not admissible.

    With ``ignore_distance`` places too far apart still admit the pair, with
    closeness 0, so that place accuracy can be measured on the pairs.
    """
    if not same_doc(gold, pred) or in_comments(gold) != in_comments(pred):
        return None
    admissible, same = types_compatible(gold, pred)
    if not admissible:
        return None
    place = place_closeness(gold, pred)
    if place is None and not ignore_distance:
        return None
    place = place or (0.0, None)
    share, jaccard = evidence_overlap(gold.get("evidence"), pred.get("evidence"))
    if share < MIN_SHARE:
        return None
    closeness, distance = place
    score = share + (1.0 if same else 0.0) + closeness
    gold_id = str(gold.get("id", ""))
    pair = Pair(gi, pi, gold_id, score, share, distance, same, in_comments(gold))
    key = (-round(score, 9), is_optional(gold), -round(jaccard, 9), gold_id, gi, pi)
    return _Candidate(key, pair)


def match(gold: Sequence[Row], pred: Sequence[Row], *, ignore_distance: bool = False) -> list[Pair]:
    """Match predictions to gold rows one-to-one, best score first.

    Every admissible pair is scored (evidence share, +1 for the same
    sub-event type, + place closeness) and taken greedily in descending
    score; required gold rows win ties over optional ones, then content-word
    Jaccard, gold id and prediction index decide. Body and comment rows never
    match each other. Pairs come back sorted by gold index. With
    ``ignore_distance`` the places need not agree (see ``place_score``).
    """
    candidates = [
        c
        for gi, g in enumerate(gold)
        for pi, p in enumerate(pred)
        if (c := candidate(gi, g, pi, p, ignore_distance=ignore_distance)) is not None
    ]
    candidates.sort(key=lambda c: c.key)
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[Pair] = []
    for c in candidates:
        if c.pair.gold_index in used_gold or c.pair.pred_index in used_pred:
            continue
        used_gold.add(c.pair.gold_index)
        used_pred.add(c.pair.pred_index)
        pairs.append(c.pair)
    return sorted(pairs, key=lambda p: p.gold_index)


# --------------------------------------------------------------------------- slot comparison


def in_comments(row: Row) -> bool:
    """True for a row coded from the reader comments."""
    return bool(row.get("in_comments"))


def is_optional(row: Row) -> bool:
    """True for a gold row that is acceptable but not required."""
    return bool(row.get("optional"))


def same_string(a: object, b: object) -> bool:
    """Case- and whitespace-insensitive equality; None equals None."""
    return norm_text(a) == norm_text(b)


def same_int(a: object, b: object) -> bool:
    """Exact equality of integers (or of two nulls); booleans are not integers."""
    if isinstance(a, bool) or isinstance(b, bool):
        return False
    return a == b


def _tokens(text: str) -> set[str]:
    """Alphanumeric tokens of a normalized string, English stopwords dropped when any remain."""
    tokens = set(_TOKEN_RE.findall(text))
    return (tokens - STOPWORDS) or tokens


def same_source(a: object, b: object) -> bool:
    """Lenient source equality: equal, one contains the other, or token Jaccard >= 0.5.

    Tokens are compared without English stopwords, so ``the Syrian Observatory``
    and ``Syrian Observatory for Human Rights`` agree (2 of 4 tokens).
    """
    na, nb = norm_text(a), norm_text(b)
    if na is None or nb is None:
        return na is nb
    if na in nb or nb in na:
        return True
    ta, tb = _tokens(na), _tokens(nb)
    union = ta | tb
    return bool(union) and len(ta & tb) / len(union) >= SOURCE_MIN_JACCARD


def same_place_name(a: object, b: object) -> bool:
    """Place names equal after normalization, or one containing the other."""
    na, nb = norm_place(a, drop_generic=True), norm_place(b, drop_generic=True)
    if na is None or nb is None:
        return na is nb
    return na in nb or nb in na


COMPARATORS: dict[str, Callable[[object, object], bool]] = {
    "sub_event_type": same_string,
    "actor1": same_string,
    "actor2": same_string,
    "date": same_string,
    "fatalities": same_int,
    "certainty": same_string,
    "source": same_source,
    "deal_kind": same_string,
    "withdrawing_party": same_string,
    "fighters": same_int,
    "civilians": same_int,
    "destination": same_place_name,
    "status": same_string,
}


def slot_applies(slot: str, gold: Row) -> bool:
    """Whether a matched pair is scored on ``slot`` (agreement slots need a gold deal)."""
    if slot in AGREEMENT_SLOTS:
        return isinstance(gold.get("agreement"), dict)
    if slot == "date":
        return gold.get("date") is not None
    return True


def slot_value(slot: str, row: Row) -> object:
    """The value of ``slot`` in a row, reaching into ``agreement`` for deal slots."""
    if slot in AGREEMENT_SLOTS:
        agreement = row.get("agreement")
        return agreement.get(AGREEMENT_SLOTS[slot]) if isinstance(agreement, dict) else None
    return row.get(slot)


def slot_correct(slot: str, gold: Row, pred: Row) -> bool:
    """Whether the prediction has ``slot`` right (a missing pred agreement is wrong)."""
    if slot in AGREEMENT_SLOTS and not isinstance(pred.get("agreement"), dict):
        return False
    return COMPARATORS[slot](slot_value(slot, gold), slot_value(slot, pred))


def slot_scores(pairs: Iterable[tuple[Row, Row]]) -> tuple[SlotScore, ...]:
    """Per-slot accuracy over (gold, pred) pairs, in the order of ``SLOTS``."""
    pairs = list(pairs)
    scores = []
    for slot in SLOTS:
        applicable = [(g, p) for g, p in pairs if slot_applies(slot, g)]
        correct = sum(slot_correct(slot, g, p) for g, p in applicable)
        scores.append(SlotScore(slot, correct, len(applicable)))
    return tuple(scores)


def place_score(gold: Sequence[Row], pred: Sequence[Row], pairs: Sequence[Pair]) -> SlotScore:
    """How often a found event is put in the right place: ``place_within_km``.

    The strict matching already requires the places to agree (within 25 km, or 75 km when
    either side is coded at precision 3), so its body pairs are the events placed right.
    The rows it leaves over are matched again with distance ignored (same page,
    compatible type, overlapping evidence): those pairs are events found but placed
    wrong. The score is the share of the first among both. ``pairs`` is the strict
    matching of ``gold`` and ``pred``.
    """
    strict = [p for p in pairs if not p.in_comments]
    used_gold = {p.gold_index for p in strict}
    used_pred = {p.pred_index for p in strict}
    rest_gold = [g for i, g in enumerate(gold) if i not in used_gold and not in_comments(g)]
    rest_pred = [r for i, r in enumerate(pred) if i not in used_pred and not in_comments(r)]
    misplaced = match(rest_gold, rest_pred, ignore_distance=True)
    return SlotScore(PLACE_SLOT, len(strict), len(strict) + len(misplaced))


# --------------------------------------------------------------------------- scoring


def section_counts(
    gold: Sequence[Row], pred: Sequence[Row], pairs: Sequence[Pair], comments: bool
) -> Counts:
    """Detection counts for the body (``comments=False``) or the comment section."""
    gold_idx = [i for i, g in enumerate(gold) if in_comments(g) == comments]
    pred_idx = [i for i, p in enumerate(pred) if in_comments(p) == comments]
    section = [p for p in pairs if p.in_comments == comments]
    matched_gold = {p.gold_index for p in section}
    required = [i for i in gold_idx if not is_optional(gold[i])]
    matched_required = sum(1 for i in required if i in matched_gold)
    return Counts(
        predicted=len(pred_idx),
        required=len(required),
        tp=len(section),
        fp=len(pred_idx) - len(section),
        fn=len(required) - matched_required,
        matched_required=matched_required,
        matched_optional=len(section) - matched_required,
    )


def score(gold: Sequence[Row], pred: Sequence[Row]) -> Report:
    """Match predictions to gold and compute detection and slot accuracy.

    Body and comments are scored apart; slot accuracy covers matched body
    pairs only, except ``place_within_km`` (see ``place_score``). ``unmatched_gold`` lists required gold rows nobody found,
    ``unmatched_pred`` the predictions that matched nothing (both sections).
    """
    pairs = match(gold, pred)
    matched_gold = {p.gold_index for p in pairs}
    matched_pred = {p.pred_index for p in pairs}
    body_pairs = [(gold[p.gold_index], pred[p.pred_index]) for p in pairs if not p.in_comments]
    return Report(
        body=section_counts(gold, pred, pairs, comments=False),
        comments=section_counts(gold, pred, pairs, comments=True),
        slots=(*slot_scores(body_pairs), place_score(gold, pred, pairs)),
        pairs=tuple(pairs),
        unmatched_gold=tuple(
            g for i, g in enumerate(gold) if i not in matched_gold and not is_optional(g)
        ),
        unmatched_pred=tuple(p for i, p in enumerate(pred) if i not in matched_pred),
    )


# --------------------------------------------------------------------------- output


def _counts_to_dict(counts: Counts) -> dict[str, Any]:
    """Counts plus the derived rates, JSON-ready."""
    return {
        "predicted": counts.predicted,
        "required": counts.required,
        "tp": counts.tp,
        "fp": counts.fp,
        "fn": counts.fn,
        "matched_required": counts.matched_required,
        "matched_optional": counts.matched_optional,
        "precision": counts.precision,
        "recall": counts.recall,
        "f1": counts.f1,
    }


def _row_summary(row: Row) -> dict[str, Any]:
    """The fields of a row worth showing when it went unmatched."""
    location = row.get("location") if isinstance(row.get("location"), dict) else {}
    return {
        "doc": row.get("doc"),
        "id": row.get("mention_id") or row.get("id"),
        "sub_event_type": row.get("sub_event_type"),
        "location": location.get("name"),
        "in_comments": in_comments(row),
        "evidence": row.get("evidence"),
    }


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON-serializable data (undefined rates are null)."""
    return {
        "body": _counts_to_dict(report.body),
        "comments": _counts_to_dict(report.comments),
        "slots": {
            s.name: {"correct": s.correct, "total": s.total, "accuracy": s.accuracy}
            for s in report.slots
        },
        "pairs": [
            {
                "gold_index": p.gold_index,
                "pred_index": p.pred_index,
                "gold_id": p.gold_id,
                "score": round(p.score, 4),
                "evidence_share": round(p.evidence_share, 4),
                "distance_km": None if p.distance_km is None else round(p.distance_km, 2),
                "same_sub_event": p.same_sub_event,
                "in_comments": p.in_comments,
            }
            for p in report.pairs
        ],
        "unmatched_gold": [_row_summary(g) for g in report.unmatched_gold],
        "unmatched_pred": [_row_summary(p) for p in report.unmatched_pred],
    }


def _rate(value: float | None) -> str:
    """A rate with three decimals, or ``n/a`` when undefined."""
    return "n/a" if value is None else f"{value:.3f}"


def _counts_line(name: str, c: Counts) -> str:
    """One row of the detection table."""
    return (
        f"{name:<10}{c.required:>9}{c.predicted:>6}{c.tp:>5}{c.fp:>5}{c.fn:>5}"
        f"{_rate(c.precision):>11}{_rate(c.recall):>8}{_rate(c.f1):>8}"
    )


def _unmatched_lines(title: str, rows: Sequence[Row]) -> list[str]:
    """A short listing of unmatched rows, one line each."""
    lines = [f"{title} ({len(rows)})"]
    for row in rows:
        s = _row_summary(row)
        where = " [comments]" if s["in_comments"] else ""
        evidence = " ".join(str(s["evidence"] or "").split())
        if len(evidence) > 80:
            evidence = evidence[:77] + "..."
        lines.append(
            f"  {s['doc']} {s['id'] or '-'}{where} | {s['sub_event_type']} | "
            f"{s['location'] or '-'} | {evidence}"
        )
    return lines


def render_report(report: Report) -> str:
    """A readable plain-text report: detection table, slot table, unmatched rows."""
    lines = [
        "Detection (precision over all predictions; recall over required gold)",
        f"{'section':<10}{'required':>9}{'pred':>6}{'tp':>5}{'fp':>5}{'fn':>5}"
        f"{'precision':>11}{'recall':>8}{'f1':>8}",
        _counts_line("body", report.body),
        _counts_line("comments", report.comments),
        "",
        f"Slot accuracy (matched body pairs; {PLACE_SLOT} over a matching that ignores distance)",
        f"{'slot':<20}{'correct':>8}{'total':>7}{'accuracy':>10}",
    ]
    for s in report.slots:
        lines.append(f"{s.name:<20}{s.correct:>8}{s.total:>7}{_rate(s.accuracy):>10}")
    lines.append("")
    lines += _unmatched_lines("Unmatched required gold", report.unmatched_gold)
    lines += _unmatched_lines("Unmatched predictions", report.unmatched_pred)
    return "\n".join(lines) + "\n"
