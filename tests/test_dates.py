"""Time expressions resolved against a publication date, and kept partial without one."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wardesk.dates import _PATTERNS, MAYBE_DATE, find_date, find_spans, parse_published

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
    # a count after the day is no year
    ("On October 6, 25 villagers were killed.", SATURDAY, "2017-10-06", 1),
    ("Clashes erupted on 3 March 2016 near the base.", None, "2016-03-03", 1),
    ("In August 2012, hundreds were killed.", None, "2012-08", 3),
    ("They had agreed to an evacuation last August.", SATURDAY, "2017-08", 3),
    ("They had agreed to an evacuation last August.", None, "--08", 3),
    ("The group withdrew from the town in 2016.", None, "2016", 3),
    ("More than 60 strikes hit the city in the last 24 hours.", SATURDAY, "2017-10-14", 1),
    ("The town fell yesterday.", SATURDAY, "2017-10-13", 1),
    ("Earlier this year the group lost the city.", SATURDAY, "2017", 3),
    ("The truce collapsed earlier this month.", SATURDAY, "2017-10", 3),
    ("The truce collapsed last month.", SATURDAY, "2017-09", 3),
    ("The truce collapsed last month.", date(2017, 1, 9), "2016-12", 3),
    ("The militia took the bridge last year.", SATURDAY, "2016", 3),
    ("Mortars hit the market last night.", SATURDAY, "2017-10-13", 1),
    ("The convoy was stopped three days ago.", SATURDAY, "2017-10-11", 1),
    ("The convoy was stopped 2 weeks ago.", SATURDAY, "2017-09", 2),
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
    for text in (
        "The town fell yesterday.",
        "Earlier this year it fell.",
        "It fell last month.",
        "It fell two days ago.",
        "It fell last year.",
    ):
        assert find_date(text, None) is None


JULY_2 = date(2016, 7, 2)
SPAN_CASES = [
    # (sentence, the event word it dates, anchor, expected value and precision or None)
    # a month back from early July reaches June: the year holds the whole span
    ("Hundreds died in the month-long siege of the port.", "siege", JULY_2, ("2016", 3)),
    ("Six weeks of shelling emptied the old quarter.", "shelling", JULY_2, ("2016", 3)),
    # a short span inside the publication month keeps the month
    ("Twelve strikes hit the dam during the past four days.", "strikes", date(2016, 7, 20),
     ("2016-07", 2)),
    ("A two-week-long siege of the camp ended.", "siege", date(2016, 7, 20), ("2016-07", 3)),
    # reaching back into the previous year: no single unit holds it
    ("Hundreds died in the month-long siege of the port.", "siege", date(2017, 1, 10), None),
    # an open start ("more than") bounds nothing
    ("Residents fled after more than six weeks of shelling.", "shelling", JULY_2, None),
    # without a publication date a span has no end to count back from
    ("Hundreds died in the month-long siege of the port.", "siege", None, None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "word", "anchor", "expected"), SPAN_CASES)
def test_a_span_dates_the_event_it_measures(text, word, anchor, expected):
    found = find_date(text, anchor, near=text.index(word))
    got = (found.value, found.precision) if found else None
    assert got == expected


def test_a_span_does_not_date_an_event_out_of_its_reach():
    text = "After a month-long siege of the eastern districts, the army entered the old citadel."
    assert find_date(text, JULY_2, near=text.index("siege")) is not None
    assert find_date(text, JULY_2, near=text.index("entered")) is None
    # a span closing a clause measures the verb before it, not the words after it
    text = "Thousands left the valley during the past ten days, and the army shelled the ridge."
    assert find_date(text, JULY_2, near=text.index("left")) is not None
    assert find_date(text, JULY_2, near=text.index("shelled")) is None
    # a span says how long, not when: it never dates a sentence as a whole
    assert find_date(text, JULY_2) is None


def test_a_point_in_time_beats_a_span():
    text = "The army entered the town on Sunday after a month-long siege."
    found = find_date(text, JULY_2, near=text.index("siege"))
    assert found is not None and found.value == "2016-06-26"


@given(
    anchor=st.dates(),
    count=st.sampled_from(["a", "two", "eleven", "3", "40", "999"]),
    unit=st.sampled_from(["day", "days", "week", "weeks", "month", "months", "year", "years"]),
)
def test_a_span_is_dated_by_its_anchor_year_or_month(anchor, count, unit):
    text = f"Fighting went on during the past {count} {unit} near the river."
    for span in find_spans(text, anchor):
        assert text[span.start : span.end] == span.phrase
        assert span.value in (str(anchor.year), anchor.strftime("%Y-%m"))
        assert span.precision in (2, 3)


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


DATE_WORDS = [
    "on", "Sunday", "yesterday", "last", "night", "this", "week", "month", "year", "ago",
    "in", "since", "mid-", "Sept.", "October", "12", "2016", "the", "past", "eight", "days",
    "-long", "hours", "24", "tonight", "overnight", "morning", "earlier", "of", "fighting",
]  # fmt: skip


@given(st.lists(st.sampled_from(DATE_WORDS), max_size=8).map(" ".join))
def test_the_quick_check_never_hides_a_date(text):
    anchor = date(2017, 10, 14)
    if not MAYBE_DATE.search(text):
        assert not any(pattern.search(text) for _, pattern in _PATTERNS)
        assert find_spans(text, anchor) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The war flared up in late 2015 when the militia took the north.", "2015"),
        ("Survivors of a 2013 massacre in the valley joined the militia.", "2013"),
    ],
)
def test_a_qualified_or_adjectival_year_dates_the_sentence(text, value):
    found = find_date(text, parse_published("2021-08-15"))
    assert found is not None and (found.value, found.precision) == (value, 3)


@pytest.mark.parametrize(
    ("text", "anchor", "value"),
    [
        ("The convoy left on Monday October 2 at dawn.", SATURDAY, "2017-10-02"),
        ("The convoy left on Monday, 2 October.", None, "--10-02"),
    ],
)
def test_a_weekday_beside_its_calendar_date_is_part_of_it(text, anchor, value):
    found = find_date(text, anchor, near=text.index("left"))
    assert found is not None and found.value == value
