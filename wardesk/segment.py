"""Segment a page into title, article body, reader comments and boilerplate.

A block is one non-blank line of ``Document.text``; every such line lands in exactly one
block, in page order, and ``block.text == doc.text[block.start:block.end]`` always, so
later stages can map any offset back to the page.

How the page is read, top to bottom:

1. Lines matching a boilerplate rule (``data/segment.toml``) are furniture.
2. The first other line is the title when it is headline-sized; copies of it are dropped.
3. The reader-comment section starts at the earliest of: a comments header ("32 responses
   to ..."), a "Name Avatar" line, a bulleted/numbered short label with text indented
   under it (a commenter's name), or the point where the prose switches from news
   register to comment register (see :func:`register_score`). Everything after it is
   comments, authors or boilerplate: a news-looking paragraph inside a thread stays a
   comment.
4. Inside the section, comments are cut at author lines and thread markers; their depth
   comes from the marker or name indentation.

HTML pages arrive with regions from the reader; those are respected instead of step 3.
Everything is linear in the page length; all regexes are compiled once per pattern set.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from wardesk.model import Block, BlockRole, Comment, Document, Region, Segments

__all__ = [
    "Cue",
    "Rule",
    "SegmentPatterns",
    "default_patterns",
    "load_patterns",
    "register_score",
    "segment",
    "segments_to_json",
]

# Characters that close a sentence or a label: a line ending in one is not a bare name.
_CLOSERS = '.!?:;,…"”’)]'
# ...unless the full stop closes an initial, as in "Tom H." or "J. Smith".
_INITIAL_END = re.compile(r"(?:^|\s)\w\.$")


# --------------------------------------------------------------------------- patterns


@dataclass(frozen=True, slots=True)
class Rule:
    """A boilerplate regex and what a match means for the page's structure.

    ``kind`` is ``furniture`` (drop the line), ``comments-header`` (drop it; the reader
    thread starts here) or ``links-header`` (drop it and the headline list below it).
    ``scope`` is ``any`` or ``body`` (not applied inside the comment section).
    """

    name: str
    regex: re.Pattern[str]
    kind: str = "furniture"
    scope: str = "any"


@dataclass(frozen=True, slots=True)
class Cue:
    """A register cue: a regex whose presence in a line adds ``weight`` once."""

    name: str
    regex: re.Pattern[str]
    weight: float
    raw: bool = False


@dataclass(frozen=True, slots=True)
class SegmentPatterns:
    """Every regex and threshold segmentation uses, compiled from ``segment.toml``."""

    marker: re.Pattern[str]
    author_lines: tuple[re.Pattern[str], ...]
    author_max_chars: int
    author_max_words: int
    boilerplate: tuple[Rule, ...]
    comment_cues: tuple[Cue, ...]
    news_cues: tuple[Cue, ...]
    quoted: re.Pattern[str]
    strong: float
    weak: float
    name_word: re.Pattern[str]
    name_min_words: int
    name_max_words: int
    not_name_words: frozenset[str] = field(default_factory=frozenset)
    title_max_chars: int = 160
    title_max_words: int = 28
    links_max_chars: int = 120
    masthead_max_lines: int = 8
    prose_min_words: int = 8
    headline_min_words: int = 4
    not_headline: re.Pattern[str] = re.compile(r"(?!)")

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> SegmentPatterns:
        """Compile a parsed ``segment.toml`` (or a dict of the same shape)."""
        st, names, reg = data["structure"], data["names"], data["register"]
        return cls(
            marker=re.compile(st["marker"]),
            author_lines=tuple(re.compile(p) for p in st["author_lines"]),
            author_max_chars=int(st["author_max_chars"]),
            author_max_words=int(st["author_max_words"]),
            boilerplate=tuple(_rule(r) for r in data.get("boilerplate", ())),
            comment_cues=tuple(_cue(c) for c in reg.get("comment_cue", ())),
            news_cues=tuple(_cue(c) for c in reg.get("news_cue", ())),
            quoted=re.compile(reg["quoted"]),
            strong=float(reg["strong"]),
            weak=float(reg["weak"]),
            name_word=re.compile(names["word"]),
            name_min_words=int(names["min_words"]),
            name_max_words=int(names["max_words"]),
            not_name_words=frozenset(w.lower() for w in names["not_name_words"]),
            title_max_chars=int(data["title"]["max_chars"]),
            title_max_words=int(data["title"]["max_words"]),
            masthead_max_lines=int(data["title"]["masthead_max_lines"]),
            prose_min_words=int(data["title"]["prose_min_words"]),
            headline_min_words=int(data["title"]["headline_min_words"]),
            not_headline=re.compile(data["title"]["not_headline"]),
            links_max_chars=int(data["links"]["max_chars"]),
        )


def _rule(entry: Mapping[str, Any]) -> Rule:
    """Compile one ``[[boilerplate]]`` table."""
    return Rule(
        name=entry["name"],
        regex=re.compile(entry["pattern"]),
        kind=entry.get("kind", "furniture"),
        scope=entry.get("scope", "any"),
    )


def _cue(entry: Mapping[str, Any]) -> Cue:
    """Compile one register cue table."""
    return Cue(
        entry["name"], re.compile(entry["pattern"]), float(entry["weight"]), entry.get("raw", False)
    )


def load_patterns(path: str | Path | None = None) -> SegmentPatterns:
    """Read and compile segmentation patterns from a TOML file (the packaged one by default)."""
    if path is None:
        raw = resources.files("wardesk").joinpath("data/segment.toml").read_bytes()
    else:
        raw = Path(path).read_bytes()
    return SegmentPatterns.from_mapping(tomllib.loads(raw.decode("utf-8")))


@lru_cache(maxsize=1)
def default_patterns() -> SegmentPatterns:
    """The packaged patterns, parsed and compiled once per process (they are immutable)."""
    return load_patterns()


def register_score(text: str, patterns: SegmentPatterns | None = None) -> float:
    """How much a line reads like a reader comment (> 0) rather than news copy (< 0).

    Comment cues (first/second person, insults, questions, emoticons, informal spelling,
    direct replies, opinion words) add their weight once each; news cues (attribution
    verbs, datelines, calendar words, counts with units, named sourcing) subtract.
    Quoted speech is removed first: a quoted "I" belongs to the person quoted.
    """
    p = patterns or default_patterns()
    bare = p.quoted.sub(" ", text)
    plus = sum(c.weight for c in p.comment_cues if c.regex.search(text if c.raw else bare))
    minus = sum(c.weight for c in p.news_cues if c.regex.search(text if c.raw else bare))
    return plus - minus


# --------------------------------------------------------------------------- lines


@dataclass(frozen=True, slots=True)
class _Line:
    """One non-blank line: its stripped text and offsets, layout and marker."""

    text: str
    start: int
    end: int
    indent: int  # leading whitespace width, tabs as 4
    gap: int  # blank lines just before it
    marker: str  # "", "bullet" or "number"
    content: str  # text without the marker


@dataclass(frozen=True, slots=True)
class _Tag:
    """The role given to one line, and for thread lines their comment and depth."""

    role: BlockRole
    depth: int = 0
    cid: int = -1
    author: str | None = None


_BODY = _Tag("body")
_BOILER = _Tag("boilerplate")
_TITLE = _Tag("title")


def _split_lines(text: str, marker: re.Pattern[str]) -> list[_Line]:
    """Cut the text into its non-blank lines, with offsets of the stripped line."""
    out: list[_Line] = []
    pos = gap = 0
    for raw in text.splitlines(keepends=True):
        line = raw.splitlines()[0]
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            out.append(_make_line(stripped, pos + lead, line[:lead], gap, marker))
            gap = 0
        else:
            gap += 1
        pos += len(raw)
    return out


def _make_line(stripped: str, start: int, lead: str, gap: int, marker: re.Pattern[str]) -> _Line:
    """Build one line record, splitting off a bullet/number marker when one opens it."""
    m = marker.match(stripped)
    if m is not None and m.end() >= len(stripped):
        m = None  # a marker with nothing after it is just a symbol line
    kind = "" if m is None else ("number" if stripped[0].isdigit() else "bullet")
    content = stripped if m is None else stripped[m.end() :]
    indent = len(lead.expandtabs(4))
    return _Line(stripped, start, start + len(stripped), indent, gap, kind, content)


class _Page:
    """The lines of one page plus per-line lookups the classifiers share."""

    def __init__(self, doc: Document, p: SegmentPatterns) -> None:
        self.doc, self.p = doc, p
        self.lines = _split_lines(doc.text, p.marker)

    def rule(self, i: int, *, in_comments: bool) -> Rule | None:
        """The first boilerplate rule matching line ``i`` in this section, if any."""
        content = self.lines[i].content
        for r in self.p.boilerplate:
            if (r.scope == "any" or not in_comments) and r.regex.search(content):
                return r
        return None

    def avatar_name(self, i: int) -> str | None:
        """The commenter named by a "Name Avatar" style line, if line ``i`` is one."""
        for rx in self.p.author_lines:
            m = rx.search(self.lines[i].content)
            if m:
                return m.group("name").strip()
        return None

    def label_author(self, i: int, *, strict: bool) -> str | None:
        """The commenter named by a bulleted/numbered short label on line ``i``.

        ``strict`` (used to find where a thread starts) wants text indented under the
        label; inside a thread a label followed by another marker is an empty comment.
        """
        line = self.lines[i]
        if not line.marker or not _short_label(line.content, self.p):
            return None
        nxt = self.lines[i + 1] if i + 1 < len(self.lines) else None
        if nxt is not None and not nxt.marker and nxt.indent > line.indent:
            return line.content
        if strict:
            return None
        return line.content if nxt is None or nxt.marker else None

    def is_name(self, i: int) -> bool:
        """True when line ``i`` is a person's name alone (2-3 words, no sentence)."""
        line = self.lines[i]
        return not line.marker and _looks_like_name(line.content, self.p)


def _short_label(content: str, p: SegmentPatterns) -> bool:
    """A commenter label: short, a few words, a letter in it, no closing punctuation."""
    return (
        len(content) <= p.author_max_chars
        and len(content.split()) <= p.author_max_words
        and (content[-1] not in _CLOSERS or _INITIAL_END.search(content) is not None)
        and any(ch.isalpha() for ch in content)
    )


def _looks_like_name(content: str, p: SegmentPatterns) -> bool:
    """2-3 name-shaped words, the first capitalised, none a common non-name word."""
    words = content.split()
    if not p.name_min_words <= len(words) <= p.name_max_words:
        return False
    if content[-1] in _CLOSERS and _INITIAL_END.search(content) is None:
        return False
    if not words[0][0].isupper():
        return False
    return all(p.name_word.match(w) and w.lower() not in p.not_name_words for w in words)


# --------------------------------------------------------------------------- entry points


def segment(doc: Document, patterns: SegmentPatterns | None = None) -> Segments:
    """Cut ``doc`` into title, body, comments and boilerplate blocks (one per line)."""
    page = _Page(doc, patterns or default_patterns())
    tags = _region_tags(page) if doc.regions else _text_tags(page)
    blocks = tuple(
        Block(t.role, ln.text, ln.start, ln.end, t.depth)
        for ln, t in zip(page.lines, tags, strict=True)
    )
    return Segments(doc.id, blocks, _collect_comments(page.lines, tags))


def segments_to_json(seg: Segments) -> dict[str, Any]:
    """The JSON view printed by ``wardesk segment --format json``."""
    return {
        "title": seg.title,
        "body": seg.body,
        "comments": [{"author": c.author, "text": c.text, "depth": c.depth} for c in seg.comments],
        "boilerplate": list(seg.boilerplate),
    }


# --------------------------------------------------------------------------- plain text


def _text_tags(page: _Page) -> list[_Tag]:
    """Roles for a text page: head and body up to the thread, the thread after it."""
    tags: list[_Tag] = [_BODY] * len(page.lines)
    _classify_text(page, range(len(page.lines)), tags, find_title=True)
    return tags


def _classify_text(page: _Page, idx: Sequence[int], tags: list[_Tag], *, find_title: bool) -> None:
    """Tag running text (lines ``idx``): article lines up to a reader thread, then the thread."""
    start = _structural_start(page, idx)
    head = [i for i in idx if i < start]
    _classify_body(page, head, tags, find_title=find_title)
    body = [i for i in head if tags[i].role == "body"]
    start = min(start, _register_switch(page, body))
    _classify_thread(page, [i for i in idx if i >= start], tags)


def _structural_start(page: _Page, idx: Sequence[int]) -> int:
    """Index of the first of lines ``idx`` that can only open a reader thread
    (len(lines) if none).

    Readers comment under an article, so a comments heading seen before any line of
    prose is a link in the page's share bar, not the thread's start.
    """
    prose_seen = False
    for i in idx:
        rule = page.rule(i, in_comments=False)
        if rule is not None:
            if rule.kind == "comments-header" and prose_seen:
                return i
            continue
        prose_seen = prose_seen or _prose(page.lines[i], page.p)
        if page.avatar_name(i) or page.label_author(i, strict=True):
            return i
    return len(page.lines)


def _register_switch(page: _Page, body: Sequence[int]) -> int:
    """Index where the body lines switch into comment register (len(lines) if never).

    The article comes first, so the first body line never switches. After it, a line
    scoring ``strong``, two lines in a row scoring ``weak``, or a name alone followed by
    informal text mark the switch.
    """
    p = page.p
    scores = [register_score(page.lines[i].text, p) for i in body]
    for k in range(1, len(body)):
        nxt = scores[k + 1] if k + 1 < len(body) else None
        if scores[k] >= p.strong or (nxt is not None and min(scores[k], nxt) >= p.weak):
            return body[k]
        if nxt is not None and nxt >= 1 and page.is_name(body[k]):
            return body[k]
    return len(page.lines)


def _classify_body(page: _Page, idx: Iterable[int], tags: list[_Tag], *, find_title: bool) -> None:
    """Tag the lines of an article region: boilerplate, title (and its copies), body."""
    title: str | None = None
    in_links = False
    idx = list(idx)
    if find_title:
        masthead = _masthead(page, idx)
        if len(masthead) > 1:
            # Site furniture, dateline and breadcrumbs around the headline are not article text.
            chosen = _pick_headline(page, masthead)
            for i in masthead:
                tags[i] = _BOILER
            tags[chosen], title, find_title = _TITLE, _norm(page.lines[chosen].text), False
            idx = [i for i in idx if i not in masthead]
    for i in idx:
        line = page.lines[i]
        rule = page.rule(i, in_comments=False)
        if rule is not None or (in_links and _link_line(line, page.p)):
            tags[i] = _BOILER
            in_links = in_links or (rule is not None and rule.kind == "links-header")
            continue
        in_links = False
        if find_title and _headline(line, page.p):
            tags[i], title = _TITLE, _norm(line.text)
        elif title is not None and _norm(line.text) == title:
            tags[i] = _BOILER  # the title printed again above the copy
        else:
            tags[i] = _BODY
        find_title = False


def _masthead(page: _Page, idx: Sequence[int]) -> list[int]:
    """The short lines that open a page before its first line of prose (at most a few)."""
    run: list[int] = []
    for i in idx[: page.p.masthead_max_lines + 1]:
        line = page.lines[i]
        if page.rule(i, in_comments=False) is not None:
            continue
        if _prose(line, page.p):
            return run
        run.append(i)
    return []  # no prose in sight: not a page head this rule can read


def _prose(line: _Line, p: SegmentPatterns) -> bool:
    """A line of running text: longer than a headline, or a full sentence of some length."""
    words = len(line.text.split())
    ends = line.text.rstrip()[-1:] in ".!?:\"”’'"
    return not _headline(line, p) or (ends and words >= p.prose_min_words)


def _pick_headline(page: _Page, masthead: Sequence[int]) -> int:
    """The masthead line that reads as a headline: the first of a few words that is not a
    date, a byline or a breadcrumb trail; failing that, the one with the most words."""
    p = page.p
    for i in masthead:
        text = page.lines[i].text
        if (
            len(text.split()) >= p.headline_min_words
            and not p.not_headline.search(text)
            and sum(c.isalpha() for c in text) > len(text) / 2
        ):
            return i
    return max(masthead, key=lambda i: len(page.lines[i].text.split()))


def _link_line(line: _Line, p: SegmentPatterns) -> bool:
    """A linked headline in a related-links list: short, no closing full stop."""
    return len(line.text) <= p.links_max_chars and line.text[-1] not in ".!?"


def _headline(line: _Line, p: SegmentPatterns) -> bool:
    """Short enough to be a headline rather than the lede."""
    return len(line.text) <= p.title_max_chars and len(line.text.split()) <= p.title_max_words


def _norm(text: str) -> str:
    """Whitespace- and case-insensitive form, to spot a title printed twice."""
    return " ".join(text.split()).casefold()


# --------------------------------------------------------------------------- regions


def _region_tags(page: _Page) -> list[_Tag]:
    """Roles for a page whose reader already marked title/body/comment regions."""
    tags: list[_Tag] = [_BODY] * len(page.lines)
    groups = _lines_by_region(page.lines, page.doc.regions)
    for i in groups["title"]:
        tags[i] = _TITLE
    find_title = not groups["title"]
    if {r.role for r in page.doc.regions} & {"body", "comments"}:
        _classify_body(page, groups["body"], tags, find_title=find_title)
        _classify_thread(page, groups["comments"], tags)
    else:
        # Only the title is marked (a text record with a title field): the rest is the
        # text as scraped, which may end in a reader thread.
        _classify_text(page, groups["body"], tags, find_title=find_title)
    if groups["title"]:
        _drop_title_copies(page, groups["title"][0], groups["body"], tags)
    return tags


def _lines_by_region(lines: Sequence[_Line], regions: Sequence[Region]) -> dict[str, list[int]]:
    """Line indices per region role, by where each line starts; unmarked lines are body."""
    groups: dict[str, list[int]] = {"title": [], "body": [], "comments": []}
    spans = sorted(regions, key=lambda r: r.start)
    k = 0
    for i, line in enumerate(lines):
        while k < len(spans) and spans[k].end <= line.start:
            k += 1
        inside = k < len(spans) and spans[k].start <= line.start < spans[k].end
        groups[spans[k].role if inside else "body"].append(i)
    return groups


def _drop_title_copies(page: _Page, first: int, body: Sequence[int], tags: list[_Tag]) -> None:
    """Body-region lines repeating the title region are furniture, not article text."""
    title = _norm(page.lines[first].text)
    for i in body:
        if tags[i].role == "body" and _norm(page.lines[i].text) == title:
            tags[i] = _BOILER


# --------------------------------------------------------------------------- threads


@dataclass(slots=True)
class _Thread:
    """Running state while walking a comment section top to bottom."""

    plain: bool  # no markers or avatar lines: comments are cut at names and wide gaps
    labels: bool  # short bulleted labels name commenters (off when avatar lines do)
    split_gap: int = 2  # blank lines that separate two plain comments
    stack: list[int] = field(default_factory=list)  # indents of the open ancestors
    cid: int = -1
    author: str | None = None
    col: int = -1  # indent of the current comment's opening line
    depth: int = 0
    has_text: bool = False


def _classify_thread(page: _Page, idx: Iterable[int], tags: list[_Tag]) -> None:
    """Tag a comment section: author lines, comment lines, boilerplate; group comments."""
    idx = list(idx)
    avatars = any(page.avatar_name(i) for i in idx)
    plain = not avatars and not any(page.lines[i].marker for i in idx)
    state = _Thread(plain=plain, labels=not avatars, split_gap=_split_gap(page, idx))
    for i in idx:
        tags[i] = _thread_line(page, i, state)


def _split_gap(page: _Page, idx: Sequence[int]) -> int:
    """How many blank lines part two plain (unmarked, unnamed) comments.

    2 where the thread ever leaves 2 (its paragraphs are then parted by 1); else 1, one
    paragraph per comment, which is how HTML readers flatten a thread.
    """
    return 2 if any(page.lines[i].gap >= 2 for i in idx[1:]) else 1


def _thread_line(page: _Page, i: int, st: _Thread) -> _Tag:
    """The tag of one comment-section line, advancing the thread state."""
    line = page.lines[i]
    if st.author and not st.has_text and not line.marker and line.content == st.author:
        return _Tag("author", st.depth, st.cid, st.author)  # the name printed twice
    if page.rule(i, in_comments=True) is not None:
        return _BOILER
    name = _author_here(page, i, st)
    if name is not None:
        _open(st, line.indent, name)
        return _Tag("author", st.depth, st.cid, name)
    if _opens_comment(line, st):
        _open(st, line.indent, None)
    st.has_text = True
    return _Tag("comment", st.depth, st.cid, st.author)


def _author_here(page: _Page, i: int, st: _Thread) -> str | None:
    """The commenter line ``i`` names: avatar line, bulleted label, or (plain threads) a name."""
    name = page.avatar_name(i)
    if name is None and st.labels:
        name = page.label_author(i, strict=False)
    if name is None and st.plain and page.is_name(i) and i + 1 < len(page.lines):
        name = page.lines[i].content
    return name


def _opens_comment(line: _Line, st: _Thread) -> bool:
    """Whether an unlabelled line starts a new comment rather than continuing one."""
    if st.cid < 0 or (st.plain and line.gap >= st.split_gap):
        return True  # first line of the section, or a wide gap between plain comments
    if line.marker == "number":
        return True  # numbered threads number every comment, replies included
    return line.marker == "bullet" and line.indent <= st.col


def _open(st: _Thread, col: int, author: str | None) -> None:
    """Start a new comment at indent ``col``; its depth is how many open ancestors it has."""
    while st.stack and st.stack[-1] >= col:
        st.stack.pop()
    st.depth = len(st.stack)
    st.stack.append(col)
    st.cid += 1
    st.author, st.col, st.has_text = author, col, False


def _collect_comments(lines: Sequence[_Line], tags: Sequence[_Tag]) -> tuple[Comment, ...]:
    """Group comment lines by comment; markers and indentation are dropped from the text."""
    parts: dict[int, list[_Line]] = {}
    meta: dict[int, _Tag] = {}
    for line, tag in zip(lines, tags, strict=True):
        if tag.role == "comment":
            parts.setdefault(tag.cid, []).append(line)
            meta.setdefault(tag.cid, tag)
    return tuple(_comment(parts[c], meta[c]) for c in parts)


def _comment(lines: Sequence[_Line], tag: _Tag) -> Comment:
    """One Comment from its text lines, spanning first to last line in the page."""
    text = "\n".join(ln.content for ln in lines)
    return Comment(text, lines[0].start, lines[-1].end, tag.author, tag.depth)
