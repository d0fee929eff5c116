"""Independent sources: one wire story copied by five sites is one source.

Pages whose article bodies share most of their sentences are copies of one story
(found with MinHash over sentence hashes, checked exactly). A mention's source
is then a named voice ("SDF spokesman Talal Silo", "the Syrian Observatory for
Human Rights"), or, when the page speaks for itself or cites nameless sources,
the story it belongs to. Reader comments are never a source.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Mapping

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


def _name_words(source: str) -> list[str]:
    return [w for w in _WORD.findall(source.lower()) if w not in ("the", "a", "an")]


def source_key(stored: StoredMention, stories: Mapping[str, str]) -> str | None:
    """The independent source a mention counts for; None for reader comments."""
    mention = stored.mention
    if mention.in_comments:
        return None
    if is_named(mention.source, mention.source_type):
        return "named:" + " ".join(_name_words(mention.source))
    return "story:" + stories.get(stored.doc_id, stored.doc_id)
