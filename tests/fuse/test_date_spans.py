"""Date spans: partial dates, yearless dates, weekdays, publication windows."""

from __future__ import annotations

from datetime import date

import pytest

from wardesk.fuse.dates import gap_days, mention_span, ordered_before, parse_span


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("2017-10-14", date(2017, 10, 14), date(2017, 10, 14)),
        ("2017-10", date(2017, 10, 1), date(2017, 10, 31)),
        ("2016", date(2016, 1, 1), date(2016, 12, 31)),
        ("2016-02", date(2016, 2, 1), date(2016, 2, 29)),
    ],
)
def test_calendar_spans(value, start, end):
    span = parse_span(value)
    assert (span.start, span.end) == (start, end)


@pytest.mark.parametrize("value", [None, "", "Thursday", "2017-13-01", "soon"])
def test_unknown_dates(value):
    assert not parse_span(value).known


@pytest.mark.parametrize(
    ("a", "b", "gap"),
    [
        ("2017-10-14", "2017-10-14", 0),
        ("2017-10-14", "2017-10", 0),
        ("2017-09-21", "2017-10-14", 23),
        ("--10-12", "2017-10-14", 2),  # a day without its year fits any year
        ("--12-30", "2018-01-02", 3),
        ("--04-22", "--04-20", 2),
        ("--01-02", "--12-30", 3),  # the short way round the year
        ("2017-10-14", "Thursday", None),
    ],
)
def test_gaps(a, b, gap):
    assert gap_days(parse_span(a), parse_span(b)) == gap
    assert gap_days(parse_span(b), parse_span(a)) == gap


def test_an_undated_mention_happened_shortly_before_publication():
    span = mention_span(None, "2017-10-15T08:00:00")
    assert span.end == date(2017, 10, 15) and (span.end - span.start).days == 31
    assert mention_span("Thursday", "2017-10-15").calendar
    assert not mention_span(None, None).known
    assert mention_span("2016", "2017-10-15") == parse_span("2016")


def test_order_of_spans():
    assert ordered_before(parse_span("2017-09"), parse_span("2017-10-14")) is True
    assert ordered_before(parse_span("2017-10-14"), parse_span("2017-09")) is False
    assert ordered_before(parse_span("2017-10"), parse_span("2017-10-14")) is None
    assert ordered_before(parse_span("--10-12"), parse_span("2017-10-14")) is None
