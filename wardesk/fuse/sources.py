"""Independent sources, counted as wire desks count them: one per originating voice.

A voice is a named speaker or organisation ("SDF spokesman Talal Silo", "the Syrian
Observatory for Human Rights") or an outlet speaking for itself. Pages whose article
bodies share most of their sentences are copies of one story (found with MinHash over
sentence hashes, checked exactly). Within an event, every mention links the story it
is told in to the voices it carries: the source it quotes, if named, and the outlet of
its page. Two mentions count as independent only when no chain of shared stories and
shared voices joins them, so the same speaker quoted by many pages counts once, pages
that copy one story count once, an outlet and the speakers it quotes are one source,
and one page alone is never more than one source. Voices are one when the words of one
name all appear in the other ("SANA" and "state news agency SANA"). Reader comments are
never a source.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from wardesk.fuse.types import StoredMention

# Share of the shorter body's sentences two pages must have in common to be one story.
COPY_OVERLAP = 0.5
_HASHES, _BAND = 16, 2
_MIN_WORDS = 6
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"[^\W_]+")
# Words that make a source nameless: it speaks through the story that cites it.
_NAMELESS_WORDS = frozenset(
    [
        "source",
        "sources",
        "activist",
        "activists",
        "resident",
        "residents",
        "witness",
        "witnesses",
        "locals",
        "official",
        "officials",
        "report",
        "reports",
    ]
)
_ARTICLES = frozenset({"The", "A", "An", "Its", "Their"})
# Words that link the parts of a name and identify nothing themselves.
_LINK_WORDS = frozenset({"the", "a", "an", "of", "for", "and", "s", "in", "on", "at", "to"})
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def sentence_hashes(body: str) -> frozenset[int]:
    """Hashes of the body's sentences (lowercased words), skipping very short ones."""
    hashes = set()
    for sentence in _SENTENCE.split(body):
        words = _WORD.findall(sentence.lower())
        if len(words) >= _MIN_WORDS:
            digest = hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).digest()
            hashes.add(int.from_bytes(digest, "big"))
    return frozenset(hashes)


def _signature(hashes: frozenset[int]) -> tuple[int, ...]:
    return tuple(min((h ^ _SEEDS[i]) * _MULT % _PRIME for h in hashes) for i in range(_HASHES))


_PRIME = (1 << 61) - 1
_MULT = 0x9E3779B97F4A7C15
_SEEDS = tuple(
    int.from_bytes(hashlib.blake2b(bytes([i]), digest_size=8).digest(), "big")
    for i in range(_HASHES)
)


def _is_copy(a: frozenset[int], b: frozenset[int]) -> bool:
    shorter = min(len(a), len(b))
    return shorter > 0 and len(a & b) / shorter >= COPY_OVERLAP


def story_ids(bodies: Mapping[str, str]) -> dict[str, str]:
    """Map each page id to its story id: the smallest page id among its copies."""
    fingerprints = {doc: sentence_hashes(body) for doc, body in sorted(bodies.items())}
    parent = {doc: doc for doc in fingerprints}

    def root(doc: str) -> str:
        while parent[doc] != doc:
            parent[doc] = parent[parent[doc]]
            doc = parent[doc]
        return doc

    for bucket in _buckets(fingerprints).values():
        first = bucket[0]
        for other in bucket[1:]:
            if root(first) != root(other) and _is_copy(fingerprints[first], fingerprints[other]):
                low, high = sorted((root(first), root(other)))
                parent[high] = low
    return {doc: root(doc) for doc in fingerprints}


def _buckets(fingerprints: Mapping[str, frozenset[int]]) -> dict[tuple, list[str]]:
    buckets: dict[tuple, list[str]] = defaultdict(list)
    for doc, hashes in fingerprints.items():  # sorted by page id
        if not hashes:
            continue
        signature = _signature(hashes)
        for band in range(0, _HASHES, _BAND):
            buckets[(band, signature[band : band + _BAND])].append(doc)
    return buckets


def is_named(source: str | None, source_type: str | None) -> bool:
    """Whether a source names a voice of its own ("Omar Alloush", "the Syrian Observatory")
    rather than pointing at one ("local sources", "the report", "a military source")."""
    if not source or source_type in ("anonymous", "reader_comment"):
        return False
    words = _WORD.findall(source)
    if _NAMELESS_WORDS & {w.lower() for w in words}:
        return False
    return any(w[0].isupper() and w not in _ARTICLES for w in words)


def voice_words(name: str) -> frozenset[str]:
    """The words that identify a voice: lowercased, without notes in brackets ("SANA (state
    news agency)" is SANA) and without articles and linking words."""
    core = _BRACKETED.sub(" ", name)
    words = frozenset(w for w in _WORD.findall(core.lower()) if w not in _LINK_WORDS)
    return words or frozenset(_WORD.findall(name.lower()))


@dataclass(frozen=True, slots=True)
class Carrier:
    """What one article mention links: the story it is told in, and the voices it carries
    (its named source, and its page's outlet), each as :func:`voice_words`."""

    story: str
    voices: tuple[frozenset[str], ...]


def carrier(stored: StoredMention, stories: Mapping[str, str]) -> Carrier | None:
    """The story and voices of a mention; None for reader comments, which never count."""
    mention = stored.mention
    if mention.in_comments:
        return None
    names = [stored.page.outlet]
    if is_named(mention.source, mention.source_type):
        names.append(mention.source)
    voices = tuple(words for words in (voice_words(n) for n in names if n) if words)
    return Carrier(stories.get(stored.doc_id, stored.doc_id), voices)


def independent_sources(carriers: Sequence[Carrier | None]) -> list[int | None]:
    """For each carrier, the number of the independent source it belongs to (numbered in
    order of first appearance); None for reader comments.

    Stories and voices are joined through the mentions that link them, and voices whose
    words are all found in another voice are joined to it."""
    nodes: dict[tuple[str, object], int] = {}
    parent: list[int] = []

    def node(key: tuple[str, object]) -> int:
        if key not in nodes:
            nodes[key] = len(parent)
            parent.append(len(parent))
        return nodes[key]

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(a: int, b: int) -> None:
        low, high = sorted((root(a), root(b)))
        parent[high] = low

    for item in carriers:
        if item is not None:
            story = node(("story", item.story))
            for words in item.voices:
                join(story, node(("voice", words)))
    voices = [key[1] for key in nodes if key[0] == "voice"]
    for a, b in combinations(voices, 2):
        if a <= b or b <= a:
            join(nodes[("voice", a)], nodes[("voice", b)])
    numbers: dict[int, int] = {}
    found: list[int | None] = []
    for item in carriers:
        if item is None:
            found.append(None)
            continue
        group = root(nodes[("story", item.story)])
        found.append(numbers.setdefault(group, len(numbers)))
    return found
