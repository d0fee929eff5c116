"""A benchmark corpus made reproducibly from the project's own example pages.

    python benchmarks/corpus.py --pages 1000 --seed 7 --shards 4 -o bench/1k

Every generated page is a new arrangement of the example pages' parts: a
title, four to fourteen article paragraphs and, on some pages, a reader-comment
thread, with the places, numbers and publication dates drawn afresh, so every
page is distinct (ingest drops repeated pages) and the language stays the
examples' own. A fifth of the pages are HTML records (the monitor page's
layout), the rest plain-text records. The same seed gives the same bytes.
Output: JSON Lines shards ``pages-00.jsonl`` … (records with id, url, outlet,
published, title and text or html).
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from wardesk.ingest import ingest
from wardesk.model import Document
from wardesk.segment import segment

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
# Towns the gazetteer knows; a generated page swaps the examples' places among these.
PLACES = (
    "Tabqa", "Raqqa", "Palmyra", "Manbij", "Idlib", "Aleppo", "Homs", "Hama", "Daraa", "al-Bab",
    "Jarabulus", "Qamishli", "Hasakah", "Mayadin", "Azaz", "Afrin", "Kobani", "Deir Hafer",
    "al-Sukhnah", "Deir ez-Zor", "Maskanah", "Salamiyah", "Qaryatayn", "Tadmur",
)  # fmt: skip
OUTLETS = ("Regional Wire", "Frontline Monitor", "Desert Desk", "Levant Daily", "Newswire")
BOILERPLATE = (
    "Support independent reporting: make a donation today.",
    "Click on the map to enlarge it",
    "Share this article on social media. Subscribe to our newsletter.",
)
HTML_SHARE = 0.2
COMMENT_SHARE = 0.35
_NUMBER = re.compile(r"\b\d{1,4}\b")
_YEAR = re.compile(r"^(19|20)\d\d$")


@dataclass(frozen=True, slots=True)
class Parts:
    """What pages are made of: the example pages' titles, paragraphs and comments."""

    titles: tuple[str, ...]
    paragraphs: tuple[str, ...]
    comments: tuple[tuple[str, str], ...]  # (author, text)


def example_parts(folder: Path = EXAMPLES) -> Parts:
    """Cut the example pages into titles, article paragraphs and reader comments."""
    titles: list[str] = []
    paragraphs: list[str] = []
    comments: list[tuple[str, str]] = []
    for page in ingest([folder]):
        if not isinstance(page, Document):
            continue
        segments = segment(page)
        titles.append(segments.title or page.title or "")
        paragraphs.extend(block.text for block in segments.body_blocks)
        comments.extend((c.author or "reader", c.text) for c in segments.comments)
    return Parts(tuple(t for t in titles if t), tuple(paragraphs), tuple(comments))


def generate(count: int, seed: int, parts: Parts) -> Iterator[dict[str, str]]:
    """``count`` distinct page records, the same for the same ``seed`` and parts."""
    rng = random.Random(seed)
    seen: set[str] = set()
    number = 0
    while number < count:
        record = _record(number, rng, parts)
        key = record.get("text") or record["html"]
        if key in seen:
            continue  # vanishingly rare; a repeat would be dropped by ingest
        seen.add(key)
        number += 1
        yield record


def _record(number: int, rng: random.Random, parts: Parts) -> dict[str, str]:
    places = _place_map(rng)
    title = _vary(rng.choice(parts.titles), places, rng)
    paragraphs = [
        _vary(p, places, rng) for p in rng.choices(parts.paragraphs, k=rng.randint(4, 14))
    ]
    thread = rng.sample(parts.comments, k=rng.randint(1, 4)) if rng.random() < COMMENT_SHARE else []
    record = {
        "id": f"bench-{number:06d}",
        "url": f"https://bench.example/{number:06d}",
        "outlet": rng.choice(OUTLETS),
        "published": f"{rng.randint(2016, 2018)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "title": title,
    }
    if rng.random() < HTML_SHARE:
        record["html"] = _html_page(title, paragraphs, thread)
    else:
        record["text"] = _text_page(paragraphs, thread, rng)
    return record


def _place_map(rng: random.Random) -> dict[str, str]:
    """A fresh place for each of the known places (one mapping per page, so it stays coherent)."""
    shuffled = list(PLACES)
    rng.shuffle(shuffled)
    return dict(zip(PLACES, shuffled, strict=True))


def _vary(text: str, places: dict[str, str], rng: random.Random) -> str:
    """The text with its places swapped and its numbers (not years) drawn afresh."""
    pattern = re.compile("|".join(re.escape(p) for p in sorted(places, key=len, reverse=True)))
    text = pattern.sub(lambda m: places[m.group(0)], text)
    return _NUMBER.sub(
        lambda m: m.group(0) if _YEAR.match(m.group(0)) else str(rng.randint(2, 400)), text
    )


def _text_page(paragraphs: list[str], thread: list[tuple[str, str]], rng: random.Random) -> str:
    """A plain-text page: paragraphs, maybe boilerplate, then a bulleted comment thread."""
    blocks = list(paragraphs)
    if rng.random() < 0.5:
        blocks.append(rng.choice(BOILERPLATE))
    for depth, (author, text) in enumerate(thread):
        indent = "  " * (depth % 2)
        blocks.append(f"{indent}  \u2022 {author}\n\n{indent}    {text}")
    return "\n\n".join(blocks) + "\n"


def _html_page(title: str, paragraphs: list[str], thread: list[tuple[str, str]]) -> str:
    """An HTML page in the monitor example's layout: article, then a comment list."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    comments = "".join(
        f'<li class="comment"><article class="comment-body"><footer class="comment-meta">'
        f'<b class="fn">{html.escape(a)}</b> <span class="says">says:</span></footer>'
        f'<div class="comment-content"><p>{html.escape(t)}</p></div></article></li>'
        for a, t in thread
    )
    section = (
        f'<section id="comments" class="comments-area"><ol class="comment-list">{comments}</ol></section>'
        if thread
        else ""
    )
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f'</head><body><header><nav><a href="/">Home</a></nav></header><article class="post">'
        f"<h1>{html.escape(title)}</h1>{body}</article>{section}"
        f"<footer><p>{BOILERPLATE[2]}</p></footer></body></html>"
    )


def write_corpus(folder: Path, count: int, seed: int, shards: int = 1) -> list[Path]:
    """Write ``count`` generated pages as ``shards`` JSONL files under ``folder``; return them."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"pages-{n:02d}.jsonl" for n in range(shards)]
    per_shard = -(-count // shards)
    records = generate(count, seed, example_parts())
    for path in paths:
        with path.open("w", encoding="utf-8") as out:
            for _, record in zip(range(per_shard), records, strict=False):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return paths


def main() -> None:
    """Parse arguments and write the corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--shards", type=int, default=1)
    parser.add_argument("-o", "--output", type=Path, required=True, help="folder to write")
    args = parser.parse_args()
    for path in write_corpus(args.output, args.pages, args.seed, args.shards):
        print(path)


if __name__ == "__main__":
    main()
