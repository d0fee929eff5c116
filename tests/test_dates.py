"""Time expressions resolved against a publication date, and kept partial without one."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wardesk.dates import find_date, parse_published

SATURDAY = date(2017, 10, 14)

CASES = [
    # (sentence, anchor, expected value, expected precision)
    ("The convoy left on Saturday.", SATURDAY, "2017-10-14", 1),
    ("The convoy left on Thursday.", SATURDAY, "2017-10-12", 1),
    ("It would take place overnight into Sunday.", SATURDAY, "2017-10-15", 1),
    ("Fighting resumed on Thursday.", None, "Thursday", 1),
    ("The deal was signed on Oct. 12 in the city.", SATURDAY, "2017-10-12", 1),
    ("The deal was signed on Oct. 12 in the city.", None, "--10-12", 1),
    ("In the morning on April 22, troops advanced.", None, "--04-22", 1),
    ("On December 20 the talks began.", SATURDAY, "2016-12-20", 1),
    ("The attack started on November 14, 2017.", None, "2017-11-14", 1),
    ("Clashes erupted on 3 March 2016 near the base.", None, "2016-03-03", 1),
    ("In August 2012, hundreds were killed.", None, "2012-08", 3),
    ("They had agreed to an evacuation last August.", SATURDAY, "2017-08", 3),
    ("They had agreed to an evacuation last August.", None, "--08", 3),
    ("The group withdrew from the town in 2016.", None, "2016", 3),
    ("More than 60 strikes hit the city in the last 24 hours.", SATURDAY, "2017-10-14", 1),
    ("The town fell yesterday.", SATURDAY, "2017-10-13", 1),
    ("Earlier this year the group lost the city.", SATURDAY, "2017", 3),
]


@pytest.mark.parametrize(("text", "anchor", "value", "precision"), CASES)
def test_time_expressions_resolve(text, anchor, value, precision):
    found = find_date(text, anchor)
    assert found is not None
    assert (found.value, found.precision) == (value, precision)
    assert text[found.start : found.end] == found.phrase


def test_no_time_expression_gives_none():
    assert find_date("Rebels may finally leave the pocket.", SATURDAY) is None


def test_relative_expressions_without_anchor_invent_no_year():
    for text in ("The town fell yesterday.", "Earlier this year it fell."):
        assert find_date(text, None) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2017-10-14", date(2017, 10, 14)), ("2017-10", None), (None, None), ("2017-02-30", None)],
)
def test_parse_published(value, expected):
    assert parse_published(value) == expected


@given(st.text(max_size=300))
def test_find_date_never_crashes_and_stays_inside(text):
    found = find_date(text, SATURDAY)
    if found is not None:
        assert 0 <= found.start <= found.end <= len(text)


def test_latest_full_date_on_a_page():
    from wardesk.dates import latest_full_date

    text = "Posted March 3, 2016 / updated 2016-03-05\nThe deal of 12 February 2016 held."
    assert latest_full_date(text) == date(2016, 3, 5)
    assert latest_full_date("On Saturday the army advanced.") is None
