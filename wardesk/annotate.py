"""Sentences, tokens and entities — spent only where an event can be.

Every body and comment line is split into sentences with a rule-based
splitter (cheap). A regex over the trigger lexicon then picks the sentences
that can hold an event, and only those go through the full spaCy pipeline
(tagger, parser, NER) in one batched ``nlp.pipe`` call. That keeps the cost
well below running the whole model over every word of a page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from wardesk.lexicon import Lexicon
from wardesk.model import Document, Segments
from wardesk.nlp import parse

CHUNK_CHARS = 100_000
MAX_PARSED_CHARS = 5_000
ABBREVIATION_END = re.compile(
    r"\b(?:Lt|Gen|Col|Maj|Brig|Sgt|Capt|Cpt|Adm|Dr|Mr|Mrs|Ms|Sen|Rep|Gov|Prof|St|Mt|No|vs|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.N|U\.K)\.$"
)

# "On 27. June": a day written as an ordinal number with a full stop, then its month.
ORDINAL_DAY_END = re.compile(r"\b[0-3]?\d\.$")
MONTH_START = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
)


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of the article or of a comment, with offsets into the page."""

    text: str
    start: int
    end: int
    block: int
    in_comments: bool
    author: str | None = None
    parsed: Doc | None = None

    @property
    def candidate(self) -> bool:
        """True when the sentence went through the full pipeline (it may hold an event)."""
        return self.parsed is not None


@dataclass(frozen=True, slots=True)
class Annotation:
    """A page's sentences in page order, the candidates among them parsed."""

    doc: Document
    sentences: tuple[Sentence, ...]


@lru_cache(maxsize=1)
def sentence_splitter() -> Language:
    """A tokenizer plus rule-based sentence splitter, no statistical model."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def annotate(doc: Document, segments: Segments, nlp: Language, lexicon: Lexicon) -> Annotation:
    """Split body and comments into sentences and parse the ones with a trigger word."""
    sentences = list(split_sentences(doc, segments))
    wanted = [i for i, s in enumerate(sentences) if may_hold_an_event(s.text, lexicon)]
    texts = (sentences[i].text for i in wanted)
    for index, parsed in zip(wanted, parse(nlp, texts), strict=True):
        sentences[index] = replace(sentences[index], parsed=parsed)
    return Annotation(doc=doc, sentences=tuple(sentences))


def may_hold_an_event(text: str, lexicon: Lexicon) -> bool:
    """Whether a sentence goes through the full pipeline: it names a trigger word and is
    prose-sized (a "sentence" of thousands of characters is a run-on scrape)."""
    return len(text) <= MAX_PARSED_CHARS and lexicon.any_trigger.search(text) is not None


def split_sentences(doc: Document, segments: Segments) -> Iterator[Sentence]:
    """The sentences of the page's body and comment lines, in page order (not parsed)."""
    authors = _comment_authors(segments)
    splitter = sentence_splitter()
    for index, block in enumerate(segments.blocks):
        if block.role not in ("body", "comment"):
            continue
        in_comments = block.role == "comment"
        author = authors.get(block.start) if in_comments else None
        for start, end in sentence_spans(splitter, block.text):
            offset = block.start + start
            text = doc.text[offset : block.start + end]
            yield Sentence(text, offset, offset + len(text), index, in_comments, author)


def sentence_spans(splitter: Language, text: str) -> list[tuple[int, int]]:
    """Sentence offsets in ``text``, rejoined where the splitter broke after a title or an
    abbreviation ("… said Lt. Gen. Hamid al-Maliki on June 29." is one sentence)."""
    spans: list[tuple[int, int]] = []
    for base, chunk in _chunks(text):
        for sent in splitter(chunk).sents:
            stripped = sent.text.strip()
            if not stripped:
                continue
            start = base + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            _add_span(spans, text, start, start + len(stripped))
    return spans


def _add_span(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    before = text[spans[-1][0] : spans[-1][1]] if spans else ""
    day_then_month = ORDINAL_DAY_END.search(before) and MONTH_START.match(text, start)
    if spans and (ABBREVIATION_END.search(before) or day_then_month):
        spans[-1] = (spans[-1][0], end)
    else:
        spans.append((start, end))


def _chunks(text: str) -> list[tuple[int, str]]:
    """A line cut into pieces the tokenizer accepts (spaCy refuses texts over its max
    length; a scraped page can hold a megabyte on one line), cut between sentences."""
    pieces, start = [], 0
    while len(text) - start > CHUNK_CHARS:
        # Prefer the end of a sentence, then any space, then a hard cut.
        cut = text.rfind(". ", start, start + CHUNK_CHARS) + 1
        if cut <= start:
            cut = text.rfind(" ", start, start + CHUNK_CHARS)
        cut = cut if cut > start else start + CHUNK_CHARS
        pieces.append((start, text[start:cut]))
        start = cut
    pieces.append((start, text[start:]))
    return pieces


def _comment_authors(segments: Segments) -> dict[int, str | None]:
    """Map each comment line's start offset to the comment's author."""
    authors: dict[int, str | None] = {}
    for block in segments.blocks:
        if block.role != "comment":
            continue
        for comment in segments.comments:
            if comment.start <= block.start < comment.end or block.start == comment.start:
                authors[block.start] = comment.author
                break
    return authors
