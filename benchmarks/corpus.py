"""A benchmark corpus made reproducibly from the project's own example pages.

    python benchmarks/corpus.py --pages 1000 --seed 7 --shards 4 -o bench/1k [--style dense]
    python benchmarks/corpus.py --profile ../shared/corpus/seeds ../shared/corpus/dev bench/1k

Two styles; the same seed gives the same bytes in each:

- ``genre`` (the default) makes pages of the genre wardesk reads: the example pages' event
  paragraphs mixed with background, analysis and reaction paragraphs, site furniture (menus,
  bylines, captions, share and subscribe prompts, related-headline lists, tags, comment-form
  small print, footers, cookie notices) and, on a fifth of the pages, a long reader
  thread (opinion, chatter, replies, some of it about the events). The text other than the
  examples' is written for the benchmark in ``genre_parts.json``. Plain-text records carry no
  ``title`` field, like text scraped without metadata: the headline is the text's first line.
- ``dense`` is the corpus of earlier benchmark runs, byte for byte: four to fourteen example
  paragraphs and, on some pages, one to four example comments, nearly every sentence holding
  an event trigger.

Either way places, numbers and dates are drawn afresh, so every page is distinct (ingest drops
repeated pages); a fifth of the pages are HTML records, the rest plain-text records. Output:
JSON Lines shards ``pages-00.jsonl`` … (records with id, url, outlet, published, title (not on
genre text records) and text or html).

``--profile`` measures pages as wardesk sees them (ingest, segment, its sentence splitter and
trigger regex): words per page, the share of words in the article body, in reader comments
and elsewhere (title, bylines, furniture, commenter names), and the share of body and of
comment words in sentences with a trigger word ("candidates": the only ones wardesk parses).
The genre style's knobs are calibrated on the 20 real scraped pages (shared corpus, seeds +
dev), erring towards more candidate text, never less:

    pages                   words/page (median)  body  comments  other  cand.: body  comments   all
    real: seeds + dev (20)          517 (240)    46.5%    45.3%   8.2%        77.2%     24.7%  47.1%
    genre: 1000, seed 7             535 (312)    45.7%    44.8%   9.5%        81.4%     28.5%  50.0%
    dense: 1000, seed 7             258 (257)    91.5%     3.9%   4.6%        95.0%     15.0%  87.5%

(4 of the 20 real pages carry a thread, 211 of the 1000 genre pages, 353 of the dense ones.)
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import statistics
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

from wardesk.annotate import may_hold_an_event, split_sentences
from wardesk.ingest import ingest
from wardesk.lexicon import Lexicon, load_lexicon
from wardesk.model import Document
from wardesk.segment import segment

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
GENRE_PARTS = Path(__file__).resolve().with_name("genre_parts.json")
STYLES = ("genre", "dense")
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
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_NUMBER = re.compile(r"\b\d{1,4}\b")
_YEAR = re.compile(r"^(19|20)\d\d$")
_SLOT = re.compile(r"\{(\w+)\}")

# The genre style's knobs, calibrated with --profile against the real pages (module docstring).
THREAD_SHARE = 0.2  # pages with a reader thread
THREAD_POSTS = (12, 50)  # comments in a thread
POST_SENTENCES = (1, 4)  # sentences in one comment paragraph
POST_PARAGRAPHS = (1, 1, 1, 2, 3)  # drawn from: most comments are one paragraph
EVENT_TALK_SHARE = 0.22  # comment sentences about the events rather than chatter or opinion
ARTICLE_PARAGRAPHS = (4, 14)
EVENT_PARAGRAPH_SHARE = 0.86  # article paragraphs from the examples (the rest: background)
PROSE_SENTENCES = (1, 3)  # sentences in one background paragraph
INLINE_FURNITURE = 0.06  # chance of a caption or teaser after an article paragraph
REPLY_SHARE = 0.35  # chance that a comment answers the one above it
LAYOUTS = ("bullets", "avatars", "names")  # plain-text thread layouts the segmenter knows
# How often a page shows each optional piece of furniture (other pieces: 0 to 2 lines each).
ODDS = {
    "menu": 0.4, "top_cookie": 0.1, "related": 0.2, "tags": 0.5, "appeal": 0.15,
    "cookie": 0.15, "widgets": 0.3,
}  # fmt: skip
# The real pages' profile (seeds + dev, module docstring): the genre style's candidate
# shares must not fall below these, so that it never flatters wardesk's speed.
REAL_PROFILE = {
    "body": 0.463, "comments": 0.453, "other": 0.084,
    "body_candidates": 0.783, "comment_candidates": 0.245, "candidates": 0.474,
}  # fmt: skip


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


def generate(count: int, seed: int, parts: Parts, style: str = "genre") -> Iterator[dict[str, str]]:
    """``count`` distinct page records, the same for the same ``seed``, parts and ``style``."""
    make = _record if style == "dense" else partial(_genre_record, kit=genre_kit())
    rng = random.Random(seed)
    seen: set[str] = set()
    number = 0
    while number < count:
        record = make(number, rng, parts)
        key = record.get("text") or record["html"]
        if key in seen:
            continue  # vanishingly rare; a repeat would be dropped by ingest
        seen.add(key)
        number += 1
        yield record


# --------------------------------------------------------------------------- dense style
# Unchanged since the first benchmark runs: their numbers stay reproducible from the seed.


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


# --------------------------------------------------------------------------- genre style


@dataclass(frozen=True, slots=True)
class Kit:
    """The genre style's own text (``genre_parts.json``): furniture, prose, comment sentences."""

    names: tuple[str, ...]  # commenters shown by their full name
    handles: tuple[str, ...]  # commenters shown by a nickname
    first: tuple[str, ...]
    last: tuple[str, ...]
    groups: tuple[str, ...]
    headlines: tuple[str, ...]
    furniture: Mapping[str, tuple[str, ...]]
    prose: tuple[str, ...]  # non-event article sentences: background, analysis, reactions
    chatter: tuple[str, ...]  # comment sentences without events: opinion, replies, questions
    event_talk: tuple[str, ...]  # comment sentences about events and places


@lru_cache(maxsize=2)
def genre_kit(path: Path = GENRE_PARTS) -> Kit:
    """Read the genre style's text from ``path`` (once per process)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    first, last = tuple(data["first_names"]), tuple(data["last_names"])
    return Kit(
        names=tuple(f"{f} {s}" for f in first for s in last),
        handles=tuple(data["handles"]),
        first=first,
        last=last,
        groups=tuple(data["groups"]),
        headlines=tuple(data["headlines"]),
        furniture={kind: tuple(lines) for kind, lines in data["furniture"].items()},
        prose=tuple(data["background"] + data["analysis"] + data["reaction"]),
        chatter=tuple(data["chatter"]),
        event_talk=tuple(data["event_talk"]),
    )


@dataclass(frozen=True, slots=True)
class Post:
    """One reader comment: who wrote it, its paragraphs, its depth, widget lines under it."""

    author: str
    paragraphs: tuple[str, ...]
    depth: int
    widgets: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GenrePage:
    """A genre page before layout: every line tagged by the part of the page it belongs to."""

    title: str
    head: tuple[str, ...]  # furniture above the title: menus, account links, cookie banner
    byline: tuple[str, ...]  # furniture under the title: byline, date stamp, reading time
    article: tuple[tuple[str, str], ...]  # (kind, line): "body" paragraphs, furniture kinds
    after: tuple[str, ...]  # share and subscribe prompts, appeals
    related: tuple[str, ...]  # a related-headlines list: its header, then the headlines
    tags: tuple[str, ...]  # the page's tag line, shown under the related headlines
    thread: tuple[Post, ...]
    thread_head: tuple[str, ...]  # "12 comments" and the like
    thread_foot: tuple[str, ...]  # comment-form small print
    foot: tuple[str, ...]  # copyright, legal links, cookie notice
    layout: str  # how a plain-text record lays out the thread (one of LAYOUTS)

    def body(self) -> tuple[str, ...]:
        """The article paragraphs."""
        return tuple(text for kind, text in self.article if kind == "body")

    def furniture(self) -> tuple[str, ...]:
        """Every furniture line of the page, in page order."""
        inline = tuple(text for kind, text in self.article if kind != "body")
        widgets = tuple(w for post in self.thread for w in post.widgets)
        return (
            self.head + self.byline + inline + self.after + self.related + self.tags
            + self.thread_head + widgets + self.thread_foot + self.foot
        )  # fmt: skip


@dataclass(slots=True)
class _Filler:
    """Fills the slots of the kit's templates; page-wide slots keep one value per page."""

    rng: random.Random
    kit: Kit
    page: dict[str, str]

    def __call__(self, template: str) -> str:
        text = _SLOT.sub(lambda m: self.slot(m.group(1)), template)
        # A template opening with a slot ("{group} captured …") still opens a sentence.
        return text[:1].upper() + text[1:] if template.startswith("{") else text

    def slot(self, name: str) -> str:
        """The value of one slot: the page's own, or drawn afresh for every use."""
        if name in self.page:
            return self.page[name]
        rng, kit = self.rng, self.kit
        fresh: dict[str, Callable[[], str]] = {
            "n": lambda: str(rng.randint(2, 400)),
            "day": lambda: str(rng.randint(1, 28)),
            "month": lambda: rng.choice(MONTHS),
            "hour": lambda: str(rng.randint(1, 12)),
            "minute": lambda: f"{rng.randint(0, 59):02d}",
            "first": lambda: rng.choice(kit.first),
            "last": lambda: rng.choice(kit.last),
            "name": lambda: rng.choice(kit.names),
            "user": lambda: rng.choice(kit.handles),
            "headline": lambda: self(rng.choice(kit.headlines)),
        }
        return fresh[name]()

    def pick(self, kind: str) -> str:
        """One furniture line of ``kind``, filled."""
        return self(self.rng.choice(self.kit.furniture[kind]))

    def some(self, kind: str, low: int, high: int) -> tuple[str, ...]:
        """``low`` to ``high`` distinct furniture lines of ``kind``, filled."""
        lines = self.kit.furniture[kind]
        return tuple(self(t) for t in self.rng.sample(lines, k=self.rng.randint(low, high)))


def _genre_record(number: int, rng: random.Random, parts: Parts, kit: Kit) -> dict[str, str]:
    """One genre page record: HTML for a fifth of the pages, plain text for the rest."""
    page = genre_page(rng, parts, kit)
    record = {
        "id": f"bench-{number:06d}",
        "url": f"https://bench.example/{number:06d}",
        "outlet": rng.choice(OUTLETS),
        "published": f"{rng.randint(2016, 2018)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
    }
    if rng.random() < HTML_SHARE:
        record["title"] = page.title
        record["html"] = genre_html(page)
    else:
        record["text"] = genre_text(page)  # no title field: see the module docstring
    return record


def genre_page(rng: random.Random, parts: Parts, kit: Kit) -> GenrePage:
    """Draw one genre page: title, furniture, a mixed article and maybe a reader thread."""
    places = _place_map(rng)
    fill = _Filler(rng, kit, _page_slots(rng, kit))
    title = _genre_title(rng, parts, places, fill)
    fill.page["title"] = title
    layout = rng.choice(LAYOUTS)
    thread = _thread(rng, fill, layout) if rng.random() < THREAD_SHARE else ()
    fill.page["count"] = str(len(thread))
    related = _related(rng, fill) if rng.random() < ODDS["related"] else ()
    # Tags only under related links: no segmenter rule knows a tag line, but a links list
    # takes the short lines under it along, as on the scraped pages that show tags there.
    tags = (fill.pick("tags"),) if related and rng.random() < ODDS["tags"] else ()
    return GenrePage(
        title=title,
        head=_head(rng, fill),
        byline=fill.some("byline", 0, 1),
        article=_article(rng, parts, places, fill),
        after=_after(rng, fill),
        related=related,
        tags=tags,
        thread=thread,
        thread_head=(fill.pick("comments_header"),) if thread else (),
        thread_foot=fill.some("comment_form", 0, 1) if thread else (),
        foot=_foot(rng, fill),
        layout=layout,
    )


def _page_slots(rng: random.Random, kit: Kit) -> dict[str, str]:
    """The slots that keep one value across a page: its places, armed groups, outlet, year."""
    place, place2 = rng.sample(PLACES, k=2)
    group, group2 = rng.sample(kit.groups, k=2)
    return {
        "place": place, "place2": place2, "group": group, "group2": group2,
        "outlet": rng.choice(OUTLETS), "year": str(rng.randint(2011, 2018)),
    }  # fmt: skip


def _genre_title(rng: random.Random, parts: Parts, places: dict[str, str], fill: _Filler) -> str:
    """An example page's title with its places swapped, or one of the kit's headlines."""
    if rng.random() < 0.5:
        return _vary(rng.choice(parts.titles), places, rng)
    return fill(rng.choice(fill.kit.headlines))


def _head(rng: random.Random, fill: _Filler) -> tuple[str, ...]:
    """Lines above the title: a flattened menu, account and share links, a cookie banner."""
    lines = [fill.pick("menu")] if rng.random() < ODDS["menu"] else []
    lines += fill.some("account", 0, 1)
    if rng.random() < ODDS["top_cookie"]:
        lines.append(fill.pick("cookie"))
    return tuple(lines)


def _article(
    rng: random.Random, parts: Parts, places: dict[str, str], fill: _Filler
) -> tuple[tuple[str, str], ...]:
    """The article: an event lede, then event and background paragraphs, captions between.

    No paragraph or background sentence comes twice on a page (until the decks run out).
    """
    lines: list[tuple[str, str]] = []
    events, prose = _Deck(parts.paragraphs, rng), _Deck(fill.kit.prose, rng)
    for index in range(rng.randint(*ARTICLE_PARAGRAPHS)):
        # News copy opens with the event; background and analysis come further down.
        if index == 0 or rng.random() < EVENT_PARAGRAPH_SHARE:
            lines.append(("body", _vary(events.draw(), places, rng)))
        else:
            count = rng.randint(*PROSE_SENTENCES)
            lines.append(("body", " ".join(fill(prose.draw()) for _ in range(count))))
        if rng.random() < INLINE_FURNITURE:
            kind = rng.choice(("caption", "teaser", "account"))
            lines.append((kind, fill.pick(kind)))
    return tuple(lines)


def _after(rng: random.Random, fill: _Filler) -> tuple[str, ...]:
    """Under the article: share and subscribe prompts, sometimes a donation appeal."""
    lines = fill.some("share", 0, 2)
    return lines + ((fill.pick("appeal"),) if rng.random() < ODDS["appeal"] else ())


def _related(rng: random.Random, fill: _Filler) -> tuple[str, ...]:
    """A related-headlines list: its header and two to five headlines."""
    headlines = (fill.slot("headline") for _ in range(rng.randint(2, 5)))
    return (fill.pick("related"), *headlines)


def _foot(rng: random.Random, fill: _Filler) -> tuple[str, ...]:
    """The page footer: copyright and legal links, often a cookie notice."""
    lines = fill.some("footer", 0, 2)
    return lines + ((fill.pick("cookie"),) if rng.random() < ODDS["cookie"] else ())


def _thread(rng: random.Random, fill: _Filler, layout: str) -> tuple[Post, ...]:
    """A reader thread: top-level comments and replies, one to three levels deep."""
    posts: list[Post] = []
    authors = _commenters(rng, fill.kit, layout)
    # Readers repeat each other's points, but not word for word: each sentence once a thread.
    talk = (_Deck(fill.kit.event_talk, rng), _Deck(fill.kit.chatter, rng))
    for _ in range(rng.randint(*THREAD_POSTS)):
        depth = 0
        if posts and rng.random() < REPLY_SHARE:
            depth = min(posts[-1].depth + 1, 3)
        paragraphs = tuple(
            _comment_paragraph(rng, fill, talk) for _ in range(rng.choice(POST_PARAGRAPHS))
        )
        widgets = fill.some("thread_ui", 0, 2) if rng.random() < ODDS["widgets"] else ()
        posts.append(Post(rng.choice(authors), paragraphs, depth, widgets))
    return tuple(posts)


def _commenters(rng: random.Random, kit: Kit, layout: str) -> list[str]:
    """The regulars of one page's thread: some by full name, some by nickname (not where
    the layout shows a bare name, which the segmenter only knows when it is a full name)."""
    names = rng.sample(kit.names, k=rng.randint(3, 8))
    return names if layout == "names" else names + rng.sample(kit.handles, k=rng.randint(2, 6))


def _comment_paragraph(rng: random.Random, fill: _Filler, talk: tuple[_Deck, _Deck]) -> str:
    """One comment paragraph: sentences of chatter and opinion, some about the events."""
    events, chatter = talk
    sentences = [
        fill((events if rng.random() < EVENT_TALK_SHARE else chatter).draw())
        for _ in range(rng.randint(*POST_SENTENCES))
    ]
    return " ".join(sentences)


class _Deck:
    """Draws items in a shuffled order, each once, reshuffling when all have been drawn."""

    def __init__(self, items: tuple[str, ...], rng: random.Random) -> None:
        self.items, self.rng, self.left = items, rng, []

    def draw(self) -> str:
        """The next item."""
        if not self.left:
            self.left = self.rng.sample(self.items, k=len(self.items))
        return self.left.pop()


# --------------------------------------------------------------------------- genre layout


def genre_text(page: GenrePage) -> str:
    """A genre page as scraped plain text: furniture, title, article, thread, footer."""
    blocks = [*page.head, page.title, *page.byline, *(text for _, text in page.article)]
    blocks += [*page.after, *page.related, *page.tags, *page.thread_head]
    blocks += [_text_post(post, page.layout) for post in page.thread]
    blocks += [*page.thread_foot, *page.foot]
    return "\n\n".join(blocks) + "\n"


def _text_post(post: Post, layout: str) -> str:
    """One comment in a thread layout the segmenter reads (see examples/ and segment.toml)."""
    if layout == "bullets":  # "• name" with the text indented under it, replies deeper
        indent = " " * (2 + 4 * post.depth)
        head, text = f"{indent}\u2022 {post.author}", indent + "    "
    elif layout == "avatars":  # "name Avatar" (the widget's image alt text), replies indented
        indent = " " * (4 * post.depth)
        head, text = f"{indent}{post.author} Avatar", indent
    else:  # a full name alone on its line; comments parted by two blank lines
        head, text = post.author, ""
    lines = [head, *(text + p for p in post.paragraphs), *(text + w for w in post.widgets)]
    return "\n\n".join(lines) + ("\n" if layout == "names" else "")


def genre_html(page: GenrePage) -> str:
    """A genre page as HTML: nav and banners, the article, an aside, the thread, a footer."""
    esc = html.escape
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(page.title)}</title>'
        f"</head><body><header>{_html_head(page.head)}</header><main>"
        f'<article class="post"><h1>{esc(page.title)}</h1>{_html_article(page)}</article>'
        f'<aside class="related">{_html_related(page)}</aside>{_html_thread(page)}'
        f"</main><footer>{''.join(f'<p>{esc(line)}</p>' for line in page.foot)}</footer>"
        "</body></html>"
    )


def _html_head(lines: Iterable[str]) -> str:
    """Menus as nav links (a flattened menu split back into its items), banners as divs."""
    parts = []
    for line in lines:
        items = re.split(r"(?<=[a-z])(?=[A-Z])", line)
        if len(items) > 2:
            links = "".join(f'<a href="/{_slug(i)}">{html.escape(i)}</a> ' for i in items)
            parts.append(f"<nav>{links}</nav>")
        else:
            parts.append(f'<div class="bar">{html.escape(line)}</div>')
    return "".join(parts)


def _slug(text: str) -> str:
    """A menu item as a URL path ("Middle East" -> "middle-east")."""
    return re.sub(r"\W+", "-", text.lower()).strip("-")


def _html_article(page: GenrePage) -> str:
    """Byline, paragraphs and figure captions, share prompts at the end of the article."""
    esc = html.escape
    out = [f'<p class="byline">{esc(line)}</p>' for line in page.byline]
    for kind, text in page.article:
        if kind == "caption":
            out.append(f"<figure><figcaption>{esc(text)}</figcaption></figure>")
        else:  # teasers and ad labels sit in the copy as paragraphs of their own
            out.append(f"<p>{esc(text)}</p>")
    out.append('<div class="share">' + "".join(f"<p>{esc(t)}</p>" for t in page.after) + "</div>")
    return "".join(out)


def _html_related(page: GenrePage) -> str:
    """The related-headlines list as an aside: a heading, a list of links, the tags."""
    if not page.related:
        return ""
    header, *headlines = page.related
    items = "".join(f'<li><a href="/more">{html.escape(h)}</a></li>' for h in headlines)
    tags = "".join(f'<p class="tags">{html.escape(t)}</p>' for t in page.tags)
    return f"<h3>{html.escape(header)}</h3><ul>{items}</ul>{tags}"


def _html_thread(page: GenrePage) -> str:
    """The comments section in the WordPress layout the monitor example uses, replies nested."""
    if not page.thread:
        return ""
    esc = html.escape
    head = "".join(f'<h2 class="comments-title">{esc(h)}</h2>' for h in page.thread_head)
    form = "".join(f"<p>{esc(line)}</p>" for line in page.thread_foot)
    return (
        f'<section id="comments" class="comments-area">{head}<ol class="comment-list">'
        f'{_html_posts(page.thread)}</ol><div id="respond" class="comment-respond">{form}</div>'
        "</section>"
    )


def _html_posts(posts: tuple[Post, ...]) -> str:
    """The comment list items, a reply nested in an ``ol.children`` of the comment above."""
    out: list[str] = []
    depth = -1
    for post in posts:
        if post.depth > depth >= 0:
            out.append('<ol class="children">')  # a reply: inside the open item
        elif depth >= 0:
            out.append("</li>" + "</ol></li>" * (depth - post.depth))
        out.append(f'<li class="comment">{_html_post(post)}')
        depth = post.depth
    out.append("</li>" + "</ol></li>" * depth)
    return "".join(out)


def _html_post(post: Post) -> str:
    esc = html.escape
    text = "".join(f"<p>{esc(p)}</p>" for p in post.paragraphs)
    widgets = "".join(f'<a class="comment-reply-link">{esc(w)}</a>' for w in post.widgets)
    return (
        f'<article class="comment-body"><footer class="comment-meta"><b class="fn">'
        f'{esc(post.author)}</b> <span class="says">says:</span></footer>'
        f'<div class="comment-content">{text}</div><div class="reply">{widgets}</div></article>'
    )


# --------------------------------------------------------------------------- output


def write_corpus(
    folder: Path, count: int, seed: int, shards: int = 1, style: str = "genre"
) -> list[Path]:
    """Write ``count`` generated pages as ``shards`` JSONL files under ``folder``; return them."""
    if style not in STYLES:
        raise ValueError(f"unknown corpus style {style!r}; one of {STYLES}")
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"pages-{n:02d}.jsonl" for n in range(shards)]
    per_shard = -(-count // shards)
    records = generate(count, seed, example_parts(), style)
    for path in paths:
        with path.open("w", encoding="utf-8") as out:
            for _, record in zip(range(per_shard), records, strict=False):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return paths


# --------------------------------------------------------------------------- profile


@dataclass(frozen=True, slots=True)
class Profile:
    """Word counts of a set of pages as wardesk reads them (see ``profile``)."""

    page_words: tuple[int, ...]  # words of each page
    threads: int  # pages with reader-comment words
    body: int
    comments: int
    other: int  # title, bylines, furniture, commenter names
    body_candidates: int  # body words in sentences with a trigger word
    comment_candidates: int

    @property
    def pages(self) -> int:
        """How many pages were measured."""
        return len(self.page_words)

    @property
    def words(self) -> int:
        """All words of all pages."""
        return self.body + self.comments + self.other

    def shares(self) -> dict[str, float]:
        """Body, comment and other shares of all words (they sum to 1), and candidate shares:
        of body words, of comment words and of all words."""
        return {
            "body": _ratio(self.body, self.words),
            "comments": _ratio(self.comments, self.words),
            "other": _ratio(self.other, self.words),
            "body_candidates": _ratio(self.body_candidates, self.body),
            "comment_candidates": _ratio(self.comment_candidates, self.comments),
            "candidates": _ratio(self.body_candidates + self.comment_candidates, self.words),
        }


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


_COUNT_KEYS = ("body", "comments", "other", "body_candidates", "comment_candidates")


def profile(paths: Iterable[str | Path]) -> Profile:
    """Measure the pages under ``paths`` as wardesk's annotate stage sees them.

    Body and comment words are counted in the sentences wardesk splits those blocks into;
    a sentence is a candidate when annotate would parse it (a trigger word, not over-long).
    Every other line (title, author lines, boilerplate) counts as other.
    """
    lexicon = load_lexicon()
    counts = [_page_counts(doc, lexicon) for doc in ingest(paths) if isinstance(doc, Document)]
    total = {key: sum(c[key] for c in counts) for key in _COUNT_KEYS}
    return Profile(
        page_words=tuple(c["body"] + c["comments"] + c["other"] for c in counts),
        threads=sum(1 for c in counts if c["comments"]),
        **total,
    )


def _page_counts(doc: Document, lexicon: Lexicon) -> dict[str, int]:
    """One page's word counts by part, and of candidate sentences."""
    segments = segment(doc)
    counts = dict.fromkeys(_COUNT_KEYS, 0)
    counts["other"] = sum(
        len(b.text.split()) for b in segments.blocks if b.role not in ("body", "comment")
    )
    for sentence in split_sentences(doc, segments):
        words = len(sentence.text.split())
        part = "comments" if sentence.in_comments else "body"
        counts[part] += words
        if may_hold_an_event(sentence.text, lexicon):
            counts[f"{'comment' if sentence.in_comments else 'body'}_candidates"] += words
    return counts


def format_profile(result: Profile) -> str:
    """The profile as a few lines of text, for the terminal."""
    s = result.shares()
    words = result.page_words
    return "\n".join((
        f"pages                 {result.pages:,} ({result.threads:,} with reader comments)",
        f"words per page        mean {result.words / max(result.pages, 1):,.0f}, "
        f"median {statistics.median(words) if words else 0:,.0f}",
        f"share of words        body {s['body']:.1%}, comments {s['comments']:.1%}, "
        f"other (title, furniture, names) {s['other']:.1%}",
        f"candidate share       of body words {s['body_candidates']:.1%}, "
        f"of comment words {s['comment_candidates']:.1%}, of all words {s['candidates']:.1%}",
    ))  # fmt: skip


def main() -> None:
    """Parse arguments; write the corpus, or print the profile of the pages named."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--shards", type=int, default=1)
    parser.add_argument("--style", choices=STYLES, default="genre", help="default: genre")
    parser.add_argument("-o", "--output", type=Path, help="folder to write")
    parser.add_argument(
        "--profile", type=Path, nargs="+", metavar="PATH",
        help="print the word profile of the pages under these paths instead of writing",
    )  # fmt: skip
    args = parser.parse_args()
    if args.profile:
        print(format_profile(profile(args.profile)))
        return
    if args.output is None:
        parser.error("-o/--output is required unless --profile is given")
    for path in write_corpus(args.output, args.pages, args.seed, args.shards, args.style):
        print(path)


if __name__ == "__main__":
    main()
