"""The benchmark corpus: made from the example pages, the same for the same seed, no repeats;
the genre style's pages read by the segmenter as laid out; the word profile."""

from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path

import pytest

from wardesk.ingest import IngestStats, ingest
from wardesk.model import Document
from wardesk.segment import segment

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from corpus import (  # noqa: E402
    LAYOUTS,
    REAL_PROFILE,
    example_parts,
    genre_html,
    genre_kit,
    genre_page,
    genre_text,
    profile,
    write_corpus,
)

# sha256 of the two shards of 60 dense pages, seed 3, as written before the genre style
# existed: earlier benchmark numbers must stay reproducible.
DENSE_60_SEED_3 = "e3c7aa14151afc77c83adb077c583f5b088d686f312838710dd0b79c18724e83"
# A page whose profile is known word by word (see test_the_profile_counts_words_by_part).
KNOWN_PAGE = """Convoy leaves town under truce

Share this article

The fighters left the city on Monday. The weather was mild.

12 comments

  \u2022 Karim A.

      I think the truce will fail. Nice map.
"""


@pytest.mark.parametrize("style", ["genre", "dense"])
def test_the_same_seed_gives_the_same_bytes(tmp_path, style):
    first = write_corpus(tmp_path / "a", 60, seed=3, shards=2, style=style)
    second = write_corpus(tmp_path / "b", 60, seed=3, shards=2, style=style)
    other = write_corpus(tmp_path / "c", 60, seed=4, shards=2, style=style)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in other]


@pytest.mark.parametrize("style", ["genre", "dense"])
def test_every_page_is_distinct_and_readable(tmp_path, style):
    stats = IngestStats()
    pages = list(ingest(write_corpus(tmp_path, 120, seed=7, shards=3, style=style), stats=stats))
    assert (stats.documents, stats.duplicates, stats.failures) == (120, 0, 0)
    assert len({page.id for page in pages}) == 120


def test_the_parts_come_from_the_example_pages():
    parts = example_parts()
    assert len(parts.titles) == 5 and len(parts.paragraphs) > 10 and parts.comments


def test_the_default_style_is_genre(tmp_path):
    default = write_corpus(tmp_path / "a", 20, seed=5)
    genre = write_corpus(tmp_path / "b", 20, seed=5, style="genre")
    assert default[0].read_bytes() == genre[0].read_bytes()
    with pytest.raises(ValueError, match="style"):
        write_corpus(tmp_path / "c", 20, seed=5, style="sparse")


def test_the_dense_style_writes_what_it_always_wrote(tmp_path):
    paths = write_corpus(tmp_path, 60, seed=3, shards=2, style="dense")
    assert hashlib.sha256(b"".join(p.read_bytes() for p in paths)).hexdigest() == DENSE_60_SEED_3
    records = [json.loads(line) for p in paths for line in p.read_text("utf-8").splitlines()]
    # Dense records: every one titled, a fifth or so HTML, the text made of example paragraphs.
    assert all(r["title"] for r in records)
    assert 5 <= sum("html" in r for r in records) <= 20


def _read_back(tmp_path: Path, page, fmt: str) -> Document:
    """A genre page written as the corpus writes it (a JSONL record) and read by ingest."""
    record = {"id": "p", "text": genre_text(page)}
    if fmt == "html":
        record = {"id": "p", "title": page.title, "html": genre_html(page)}
    path = tmp_path / "page.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    (doc,) = ingest([path])
    assert isinstance(doc, Document)
    return doc


def _roles(doc: Document) -> dict[str, set[str]]:
    """Each line's text and the roles the segmenter gave it (a text may stand twice)."""
    roles: dict[str, set[str]] = {}
    for block in segment(doc).blocks:
        roles.setdefault(block.text, set()).add(block.role)
    return roles


def _pages(seed: int, count: int):
    rng, parts, kit = random.Random(seed), example_parts(), genre_kit()
    return [genre_page(rng, parts, kit) for _ in range(count)]


def test_genre_text_pages_segment_as_laid_out(tmp_path):
    pages = _pages(11, 80)
    threads = [p for p in pages if p.thread]
    assert {p.layout for p in threads} == set(LAYOUTS)  # every thread layout is exercised
    for page in pages:
        doc = _read_back(tmp_path, page, "text")
        roles, seg = _roles(doc), segment(doc)
        assert seg.title == page.title
        assert page.furniture() and all("boilerplate" in roles[f] for f in page.furniture())
        assert all("body" in roles[p] for p in page.body())
        comments = [p for post in page.thread for p in post.paragraphs]
        assert all("comment" in roles[c] for c in comments)
        # One comment per post, with its author and (where the layout shows it) its depth.
        assert [c.author for c in seg.comments] == [post.author for post in page.thread]
        if page.layout != "names":
            assert [c.depth for c in seg.comments] == [post.depth for post in page.thread]


def test_genre_html_pages_keep_furniture_out_of_article_and_thread(tmp_path):
    for page in _pages(12, 40):
        roles = _roles(_read_back(tmp_path, page, "html"))
        # The extractor drops nav, aside and footer; what it keeps is marked boilerplate.
        assert not any(roles.get(f, set()) & {"body", "comment"} for f in page.furniture())
        assert all("body" in roles[p] for p in page.body())
        assert all("comment" in roles[p] for post in page.thread for p in post.paragraphs)


def test_genre_pages_carry_furniture_and_threads(tmp_path):
    docs = [d for d in ingest(write_corpus(tmp_path, 150, seed=7)) if isinstance(d, Document)]
    segmented = [segment(d) for d in docs]
    with_boilerplate = sum(any(b.role == "boilerplate" for b in s.blocks) for s in segmented)
    with_threads = [s for s in segmented if s.comments]
    assert with_boilerplate >= 100
    assert 15 <= len(with_threads) <= 60
    # Threads of realistic length: real ones run to dozens of comments.
    assert sum(len(s.comments) for s in with_threads) / len(with_threads) >= 15


def test_the_profile_counts_words_by_part(tmp_path):
    (tmp_path / "page.txt").write_text(KNOWN_PAGE, encoding="utf-8")
    measured = profile([tmp_path])
    # Title 5, share prompt 3, comments header 2, author label 3 ("•" counts) = 13 other.
    assert (measured.pages, measured.threads, measured.other) == (1, 1, 13)
    # Body: "The fighters left the city on Monday." holds a trigger ("left the city").
    assert (measured.body, measured.body_candidates) == (11, 7)
    # Comment: "I think the truce will fail." does ("truce"), "Nice map." does not.
    assert (measured.comments, measured.comment_candidates) == (8, 6)


@pytest.mark.parametrize("style", ["genre", "dense"])
def test_the_profile_shares_are_shares(tmp_path, style):
    shares = profile(write_corpus(tmp_path, 60, seed=2, style=style)).shares()
    assert sum(shares[k] for k in ("body", "comments", "other")) == pytest.approx(1.0)
    assert all(0.0 <= value <= 1.0 for value in shares.values())


def test_the_genre_style_is_sparser_than_dense_but_never_sparser_than_real_pages(tmp_path):
    genre = profile(write_corpus(tmp_path / "g", 300, seed=7)).shares()
    dense = profile(write_corpus(tmp_path / "d", 300, seed=7, style="dense")).shares()
    assert genre["candidates"] < dense["candidates"] - 0.2
    assert genre["comments"] > 0.3 and genre["other"] > 0.05
    # Conservative: at least as much candidate text as the real pages have.
    for key in ("body_candidates", "comment_candidates", "candidates"):
        assert genre[key] >= REAL_PROFILE[key], key


def test_the_recorded_real_profile_matches_the_real_pages(seeds_dir, dev_dir):
    shares = profile([seeds_dir, dev_dir]).shares()
    for key, value in REAL_PROFILE.items():
        assert shares[key] == pytest.approx(value, abs=0.01), key
