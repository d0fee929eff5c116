"""Property tests over hostile text: segmentation, extraction, geocoding and date parsing.

Whatever the text, nothing raises, every offset lies inside the page, and every piece of
evidence is the page text at its offsets, verbatim. Bounded (about 50 examples each) so
they stay cheap in every CI run.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wardesk.dates import find_date, find_dates, find_spans
from wardesk.geo import MemoryGazetteer, PlaceEntry, ResolveContext, candidates, resolve
from wardesk.geo.gazetteer import Lexicon
from wardesk.model import Document
from wardesk.segment import segment

BOUNDED = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Page-like pieces: war-report phrases, places of the test gazetteer, dates, comment markers,
# other scripts, bidi and zero-width controls, odd whitespace and stray markup.
PIECES = st.sampled_from(
    [
        "Government forces shelled ",
        "About 40 rebel fighters will leave ",
        " under a deal with government forces",
        "Islamic State fighters attacked ",
        " killing 12 people",
        ", the Syrian Observatory for Human Rights said",
        " on Monday",
        " on 14 October 2017",
        " last week",
        " in March",
        "Qaryat Nur",
        "Tell Amir",
        "Kafr Salim",
        "Idlib",
        "Idlib province",
        ". ",
        "\n",
        "\n\n",
        "Reply",
        "ahmad_77 says:",
        "2 hours ago",
        "    ",
        "\t",
        "\r\n",
        "\u00a0",
        "\u200b",
        "\u202e",
        "\u2066",
        "\ufeff",
        "\u2028",
        "الرئيسية | أخبار",
        "Все права защищены",
        "כל הזכויות שמורות",
        "Дамаск",
        "<div>",
        "&amp;",
        "\U0001f600",
        '"',
        "’",
    ]
)
NOISE = st.sampled_from(["", "", "", "\u200b", "\u00a0", "\u202e", "\ufeff", "’", "  ", "\t"])
# Reports that the extractor does find events in, with hostile noise between their parts.
SENTENCES = st.tuples(
    st.sampled_from(["Government forces", "Islamic State fighters", "About 40 rebel fighters"]),
    NOISE,
    st.sampled_from([" shelled villages near ", " attacked ", " will leave ", " clashed with SDF in "]),
    st.sampled_from(["Qaryat Nur", "Tell Amir", "Kafr Salim", "Idlib", "Idlib province", "Дамаск"]),
    NOISE,
    st.sampled_from([" on Sunday", " on 14 October 2017", " last week", "", " in March"]),
    st.sampled_from([", killing 4 people", ", killing 12 civilians", "", " under a deal"]),
    st.sampled_from([", local sources said.", ", the Syrian Observatory for Human Rights said.", "."]),
).map("".join)  # fmt: skip
REPORTS = st.tuples(
    st.lists(PIECES, max_size=6).map("".join),
    st.lists(st.tuples(SENTENCES, NOISE, PIECES).map("".join), min_size=1, max_size=6).map(
        "\n\n".join
    ),
    st.lists(PIECES, max_size=10).map("".join),
).map("\n\n".join)
PAGES = st.one_of(
    REPORTS,
    st.lists(PIECES, min_size=1, max_size=40).map("".join),
    st.text(max_size=600),
)


def _doc(text: str) -> Document:
    return Document(id="h", name="h.txt", text=text, format="text")


@BOUNDED
@given(text=PAGES)
def test_segment_offsets_stay_inside_the_page(text):
    seg = segment(_doc(text))
    for block in seg.blocks:
        assert 0 <= block.start <= block.end <= len(text)
        assert text[block.start : block.end] == block.text
    for comment in seg.comments:
        assert 0 <= comment.start <= comment.end <= len(text)


@BOUNDED
@given(text=PAGES, published=st.sampled_from([None, "2017-10-16", "1999-01-01"]))
def test_extraction_evidence_is_verbatim(run_page, text, published):
    mentions = run_page(text, published)
    for mention in mentions:
        ev = mention.evidence
        assert 0 <= ev.start <= ev.end <= len(text)
        assert text[ev.start : ev.end] == ev.text
        assert mention.event_type and mention.sub_event_type
        if mention.fatalities is not None:
            assert mention.fatalities >= 0


LEXICON = Lexicon(stoplist=frozenset({"of", "reuters", "monday"}), demonyms={"syrian": "SY"})
ENTRIES = [
    PlaceEntry("Syria", 35.0, 38.0, "SY", kind="country", population=17_000_000, precision=3),
    PlaceEntry("Idlib", 35.93, 36.63, "SY", kind="admin1", admin1="12", precision=3),
    PlaceEntry("Idlib", 35.93, 36.63, "SY", admin1="12", population=128_840, alternates=("Idleb",)),
    PlaceEntry("Ar Raqqah", 35.95, 39.0, "SY", admin1="04", population=531_952,
               alternates=("Raqqa", "Rakka")),
    PlaceEntry("Dayr Ḩāfir", 36.16, 37.71, "SY", admin1="09", alternates=("Deir Hafer",)),
    PlaceEntry("eastern Hama countryside", 35.25, 37.35, "SY", kind="toponym", precision=2),
]  # fmt: skip


@pytest.fixture(scope="module")
def gazetteer() -> MemoryGazetteer:
    return MemoryGazetteer(ENTRIES, lexicon=LEXICON)


NAMES = st.one_of(
    st.text(max_size=80),
    st.lists(
        st.sampled_from(
            [
                "Idlib",
                "Raqqa",
                "Deir Hafer",
                "near",
                " in ",
                ",",
                "(",
                ")",
                "al-",
                "’s",
                "northern",
                "countryside",
                "ادلب",
                "Дамаск",
                "\u200b",
                " ",
                "-",
                "'",
                "IDLIB",
            ]
        ),  # fmt: skip
        max_size=12,
    ).map("".join),
)
CONTEXTS = st.sampled_from(
    [None, ResolveContext(), ResolveContext(countries=("SY",), near=((35.9, 36.6),))]
)


@BOUNDED
@given(name=NAMES, context=CONTEXTS)
def test_geocoding_arbitrary_names_never_raises(gazetteer, name, context):
    found = candidates(name, context, gazetteer)
    assert all(-90 <= sc.lat <= 90 and -180 <= sc.lon <= 180 for sc in found)
    location = resolve(name, context=context, gazetteer=gazetteer)
    assert (location is None) == (not found)
    if location is not None:
        assert location.precision in (1, 2, 3)


ANCHORS = st.one_of(st.none(), st.dates(min_value=date(1, 1, 8), max_value=date(9999, 12, 24)))


@BOUNDED
@given(text=PAGES, published=ANCHORS, near=st.one_of(st.none(), st.integers(-5, 700)))
def test_date_parsing_offsets_stay_inside(text, published, near):
    found = find_dates(text, published)
    for d in found:
        assert 0 <= d.start <= d.end <= len(text)
        assert text[d.start : d.end] == d.phrase
        assert d.precision in (1, 2, 3)
        assert d.value
    best = find_date(text, published, near=near)
    if found:
        assert best in found
    else:
        # with no point in time, only a span measuring the event word may date it
        assert best is None or best in find_spans(text, published, near=near)


@BOUNDED
@given(published=st.dates(), day=st.sampled_from(["Monday", "last week", "in January", "today"]))
def test_relative_dates_at_the_edges_of_the_calendar(published, day):
    # anchors near year 1 and year 9999 must not overflow the calendar
    for d in find_dates(f"Clashes broke out {day}, activists said.", published):
        assert d.value
