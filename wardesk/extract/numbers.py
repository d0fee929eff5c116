"""Counts in news prose: "nearly 70", "some 400", "1,500", "two dozen", "25".

Vague quantities ("hundreds", "dozens", "thousands of") give no number: an
analyst would rather see null than a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "a dozen": 12, "a hundred": 100, "a thousand": 1000,
}  # fmt: skip
_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000}
_MONTH_BEFORE = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+$", re.IGNORECASE
)

_WORD = "|".join(sorted((re.escape(w) for w in _UNITS), key=len, reverse=True))
NUMBER_RE = re.compile(
    rf"(?<![\w.,:])(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|(?:{_WORD})(?:[- ](?:{_WORD}))?)"
    r"(?:\s+(?P<scale>dozen|hundred|thousand|million))?(?![\w])",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Count:
    """A number found in text, with the offsets of the phrase it came from."""

    value: int
    start: int
    end: int


def parse_number(phrase: str) -> int | None:
    """The integer a numeral or number-word phrase denotes, or None when vague."""
    match = NUMBER_RE.fullmatch(phrase.strip())
    return _value(match) if match else None


def find_counts(text: str) -> list[Count]:
    """Every exact count in ``text``, in order (years and times excluded)."""
    counts = []
    for match in NUMBER_RE.finditer(text):
        value = _value(match)
        if value is not None and not _looks_like_year_or_time(text, match):
            counts.append(Count(value, match.start(), match.end()))
    return counts


def _value(match: re.Match[str]) -> int | None:
    raw = match.group("num").lower().replace(",", "")
    if raw[0].isdigit():
        value = float(raw)
    else:
        value = sum(_UNITS[part] for part in re.split(r"[- ](?=[a-z])", raw) if part in _UNITS)
        if raw in _UNITS:
            value = _UNITS[raw]
    scale = match.group("scale")
    if scale:
        value *= _SCALES[scale.lower()]
    return int(value) if value >= 1 else None


def _looks_like_year_or_time(text: str, match: re.Match[str]) -> bool:
    raw = match.group("num")
    if re.fullmatch(r"(19|20)\d\d", raw):
        return True
    after = text[match.end() : match.end() + 4].lower()
    if after.startswith((":", " am", " pm", "th", "st ", "nd ", "rd ")):
        return True
    return bool(_MONTH_BEFORE.search(text[max(0, match.start() - 12) : match.start()]))
