"""Fusion by blocks finds every compatible pair the exhaustive pair test finds, so the
events are the same; and it examines far fewer pairs."""

from __future__ import annotations

import random
from datetime import date, timedelta
from itertools import combinations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wardesk.fuse import match
from wardesk.fuse.blocks import DateBlock
from wardesk.fuse.dates import gap_days, parse_span
from wardesk.fuse.types import PageInfo, StoredMention
from wardesk.ingest import IngestOptions
from wardesk.model import Agreement, Evidence, Location, Mention, PageFailure
from wardesk.pipeline import load_services, process_pages

SUBS = {
    "Agreement": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Armed clash": "Battles",
    "Air/drone strike": "Explosions/Remote violence",
    "Attack": "Violence against civilians",
}
ACTORS = ("SDF", "Islamic State", "Syrian Army", "Civilians", "Hayat Tahrir al-Sham", None)
NAMES = ("Qaryat Nur", "Tell Amir", "Kafr Salim", "Ain Dara", "Wadi Safa")


def _place(rng: random.Random) -> Location | None:
    """Invented places: a few towns reused (same id and coordinates), fresh spots scattered
    over a region, and names without coordinates."""
    roll = rng.random()
    if roll < 0.08:
        return None
    if roll < 0.45:
        k = rng.randrange(len(NAMES))
        return Location(NAMES[k], 35.0 + k * 0.13, 38.0 + k * 0.21, 800 + k, None, "Syria", 1)
    if roll < 0.55:
        return Location(rng.choice(NAMES), None, None, None, None, None, rng.choice((1, 2, 3)))
    lat, lon = rng.uniform(34.0, 37.0), rng.uniform(36.0, 41.0)
    return Location(
        f"spot {rng.randrange(40)}", lat, lon, None, None, "Syria", rng.choice((1, 2, 3))
    )


def _date(rng: random.Random) -> str | None:
    day = date(2017, 1, 1) + timedelta(days=rng.randrange(420))
    return rng.choice(
        (
            day.isoformat(),
            day.isoformat(),
            day.isoformat()[:7],
            day.isoformat()[:4],
            f"--{day.month:02d}-{day.day:02d}",
            f"--{day.month:02d}",
            "Thursday",
            None,
            None,
        )
    )


def _mention(rng: random.Random, doc: str, ordinal: int) -> StoredMention:
    sub = rng.choice(list(SUBS))
    published = rng.choice(
        (None, (date(2017, 1, 1) + timedelta(days=rng.randrange(420))).isoformat())
    )
    page = PageInfo(doc, f"{doc}.txt", None, published)
    deal = None
    if sub in ("Agreement", "Non-violent transfer of territory"):
        deal = Agreement(
            kind="withdrawal",
            status=rng.choice(("proposed", "agreed", "implemented", None)),
            withdrawing_party=rng.choice(ACTORS),
        )
    mention = Mention(
        doc=page.name, mention_id=f"{page.name}#{ordinal + 1}", event_type=SUBS[sub],
        sub_event_type=sub, actor1=rng.choice(ACTORS), actor2=rng.choice(ACTORS),
        location=_place(rng), date=_date(rng), agreement=deal,
        in_comments=rng.random() < 0.15, evidence=Evidence(f"sentence {ordinal}", 0, 8),
    )  # fmt: skip
    return StoredMention(doc, ordinal, mention, page)


def generated_mentions(count: int, seed: int) -> list[StoredMention]:
    """``count`` invented mentions on pages of one to four mentions."""
    rng = random.Random(seed)
    found: list[StoredMention] = []
    page = 0
    while len(found) < count:
        page += 1
        found += [_mention(rng, f"p{page:05d}", k) for k in range(rng.randint(1, 4))]
    return found[:count]


def _exhaustive_pairs(candidates):
    return combinations(range(len(candidates)), 2)


def _exhaustive_links(heads):
    links, threads = [set() for _ in heads], [set() for _ in heads]
    for i, j in _exhaustive_pairs(heads):
        if match.compatible(heads[i], heads[j]):
            links[i].add(j)
            links[j].add(i)
        if match.compatible_but_step(heads[i], heads[j]):
            threads[i].add(j)
            threads[j].add(i)
    return links, threads


def _heads(stored):
    ordered = sorted((match.candidate(s) for s in stored), key=match.Candidate.order)
    return [unit[0] for unit in match._units(ordered)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_blocks_find_every_compatible_pair_of_a_generated_corpus(seed):
    heads = _heads(generated_mentions(700, seed))
    assert match._links(heads) == _exhaustive_links(heads)


def test_blocks_examine_each_pair_once_and_far_fewer_pairs_than_there_are(seed=4):
    heads = _heads(generated_mentions(1500, seed))
    pairs = list(match.candidate_pairs(heads))
    compatible = sum(len(found) for found in _exhaustive_links(heads)[1]) // 2
    assert len(set(pairs)) == len(pairs)  # each pair once
    assert all(i < j for i, j in pairs)
    assert compatible <= len(pairs) < len(heads) * (len(heads) - 1) // 2 // 10


def test_blocked_clusters_equal_the_exhaustive_ones(monkeypatch):
    stored = generated_mentions(900, 5)
    blocked = match.cluster(stored)
    monkeypatch.setattr(match, "candidate_pairs", _exhaustive_pairs)
    assert match.cluster(stored) == blocked


_SPAN_TEXT = st.one_of(
    st.dates(date(2016, 1, 1), date(2018, 12, 31)).map(date.isoformat),
    st.dates(date(2016, 1, 1), date(2018, 12, 31)).map(lambda d: d.isoformat()[:7]),
    st.sampled_from(["2016", "2017", "2018", "--02-29", "--12", "Monday", ""]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spans=st.lists(_SPAN_TEXT, min_size=1, max_size=25), probe=_SPAN_TEXT,
       tolerance=st.integers(0, 60))  # fmt: skip
def test_a_date_block_yields_every_span_within_the_tolerance(spans, probe, tolerance):
    parsed = [parse_span(text) for text in spans]
    block = DateBlock.of(enumerate(parsed))
    found = set(block.meeting(parse_span(probe), tolerance))
    for item, span in enumerate(parsed):
        gap = gap_days(parse_span(probe), span)
        if gap is None or gap <= tolerance:
            assert item in found, (spans[item], probe)
    assert len(list(block.meeting(parse_span(probe), tolerance))) == len(found)


def test_blocked_clusters_equal_the_exhaustive_ones_on_the_shared_corpus(seeds_dir, monkeypatch):
    folders = sorted(p for p in seeds_dir.parent.iterdir() if p.is_dir())
    stored = [
        StoredMention(page.document.id, k, mention, PageInfo(page.document.id, page.document.name,
                      page.document.outlet, page.document.published))
        for page in process_pages(folders, IngestOptions(), load_services())
        if not isinstance(page, PageFailure)
        for k, mention in enumerate(page.mentions)
    ]  # fmt: skip
    assert len(stored) > 200
    blocked = match.cluster(stored)
    monkeypatch.setattr(match, "candidate_pairs", _exhaustive_pairs)
    assert match.cluster(stored) == blocked
