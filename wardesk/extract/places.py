"""Place phrases in a sentence, and the role each plays in a deal (origin or destination).

Candidates come from the parser's GPE/LOC/FAC entities and from capitalised
name-like runs (NER misses many Syrian village names); only those the
gazetteer can resolve become places.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from wardesk.model import Location

# A capitalised place-like run: optional Arabic article/qualifier, then capitalised words,
# allowing lowercase particles inside ("Deir ez-Zor", "Shwaib al-Zakr").
NAME_RUN = re.compile(
    r"(?:\b(?:[Aa][lrsdtzn]|[Aa]sh|[Aa]th|[Ee]l)[-\s])?"
    r"\b[A-Z][\w'’ʿ]+(?:-[\w'’]+)*"
    r"(?:\s+(?:(?:al|el|ad|ar|as|ash|at|ath|az|ez|es|ed|an|un|ul|bin|of|al)[-\s])?[A-Z][\w'’ʿ]+(?:-[\w'’]+)*)*"
    r"(?:\s+(?:governorate|province|countryside|district|neighbou?rhood|pocket|camp|region|area))?"
)
REGION_WORDS = re.compile(
    r"\b(?:(?:north|south|east|west)(?:ern|-?(?:east|west)(?:ern)?)?|central|rural)\s+"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+(?P<kind>countryside|pocket|province|governorate)",
)
DESTINATION_CUE = re.compile(
    r"\b(?:to|towards?|toward|for|into|head(?:ed|ing)? (?:to|for)|bound for)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
ORIGIN_CUE = re.compile(r"\b(?:from|out of|leave|leaving|left|quit|abandon)\s+(?:the\s+)?$", re.I)


@dataclass(frozen=True, slots=True)
class PlacePhrase:
    """A resolved place named in a sentence, with its role in any movement."""

    text: str
    start: int
    end: int
    location: Location
    role: str  # "origin", "destination" or "site"


Resolve = Callable[[str], Location | None]


def find_places(
    text: str, entity_spans: list[tuple[int, int]], resolve: Resolve
) -> list[PlacePhrase]:
    """Resolved places in ``text``, in order, without overlaps, each with its role."""
    spans = (
        _region_spans(text) + entity_spans + [(m.start(), m.end()) for m in NAME_RUN.finditer(text)]
    )
    found: list[PlacePhrase] = []
    taken: list[tuple[int, int]] = []
    for start, end in sorted(set(spans), key=lambda s: (s[0], -(s[1] - s[0]))):
        if any(a < end and start < b for a, b in taken):
            continue
        phrase = _trim(text, start, end)
        if phrase is None:
            continue
        start, end, name = phrase
        location = resolve(name)
        if location is None:
            continue
        taken.append((start, end))
        found.append(PlacePhrase(name, start, end, location, _role(text, start)))
    return found


def _region_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in REGION_WORDS.finditer(text)]


def _trim(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """Drop a leading "the" and trailing possessive from a candidate phrase."""
    phrase = text[start:end]
    lead = re.match(r"(?i)the\s+", phrase)
    if lead:
        start += lead.end()
    phrase = text[start:end]
    tail = re.search(r"(?:['’]s)$", phrase)
    if tail:
        end -= len(tail.group(0))
    name = text[start:end].strip()
    return (start, end, name) if len(name) >= 3 else None


def _role(text: str, start: int) -> str:
    before = text[max(0, start - 40) : start]
    if DESTINATION_CUE.search(before):
        return "destination"
    if ORIGIN_CUE.search(before):
        return "origin"
    return "site"
