"""Counts in news prose: numerals, number words, and vague quantities left out."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wardesk.extract.numbers import find_counts, parse_number


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("nearly 70 fighters", [70]),
        ("some 400 civilians", [400]),
        ("1,500 civilians and families", [1500]),
        ("hundreds of fighters", []),
        ("thousands of civilians", []),
        ("twenty-five people", [25]),
        ("two dozen buses", [24]),
        ("3,000 people including 700 fighters", [3000, 700]),
        ("the group withdrew in 2016", []),
        ("on April 22 they advanced", []),
        ("at 10:10 A.M. the buses came", []),
    ],
)
def test_find_counts(text, values):
    assert [c.value for c in find_counts(text)] == values


def test_parse_number_words_and_numerals():
    assert parse_number("seventy") == 70
    assert parse_number("4,000") == 4000
    assert parse_number("a few") is None


@given(st.text(max_size=200))
def test_counts_are_positive_and_inside_text(text):
    for count in find_counts(text):
        assert count.value > 0
        assert 0 <= count.start < count.end <= len(text)
