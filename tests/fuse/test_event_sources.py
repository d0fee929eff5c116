"""Independent sources on invented pages: one per originating voice, as wire desks count them.

An outlet and the speakers it quotes are one source; one speaker quoted by several pages is
one source; copies of one story are one source; reader comments never count; one page alone
is never two sources. Each source lists its voices and its pages with outlet, URL and date.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wardesk.fuse import fuse_mentions
from wardesk.fuse.sources import voice_words
from wardesk.fuse.types import FusedEvent


def _one_event(stored) -> FusedEvent:
    [event] = fuse_mentions(stored, {})
    return event


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("SANA (Syrian state news agency)", {"sana"}),
        ("the Syrian Observatory for Human Rights", {"syrian", "observatory", "human", "rights"}),
        ("Reuters [wire copy]", {"reuters"}),
        ("Al-Masdar News", {"al", "masdar", "news"}),
        ("(untitled)", {"untitled"}),
    ],
)
def test_voice_words_keep_what_names_a_voice(name, words):
    assert voice_words(name) == words


def test_an_outlet_and_the_speaker_it_quotes_are_one_source(make):
    stored = [
        make("wire", 0, date="2017-10-14", outlet="Wire Daily"),
        make("wire", 1, date="2017-10-14", outlet="Wire Daily", source="Colonel Ada Brand",
             source_type="party_to_conflict"),
    ]  # fmt: skip
    event = _one_event(stored)
    assert event.source_count == 1
    [source] = event.sources
    assert source.name == "Colonel Ada Brand"
    assert source.voices == ("Wire Daily", "Colonel Ada Brand")


def test_two_speakers_quoted_by_one_page_are_one_source(make):
    stored = [
        make("wire", 0, date="2017-10-14", outlet="Wire Daily", source="Colonel Ada Brand",
             source_type="party_to_conflict", deal={"foreign_fighters": False}),
        make("wire", 1, date="2017-10-14", outlet="Wire Daily", source="Mayor Ilse Dorn",
             source_type="local_sources", deal={"foreign_fighters": True}),
    ]  # fmt: skip
    event = _one_event(stored)
    assert event.source_count == 1
    assert set(event.sources[0].voices) == {"Colonel Ada Brand", "Mayor Ilse Dorn"}
    # the clash is still shown, each value held by the one source
    assert event.contested == ("foreign_fighters",)
    assert [v.support for v in event.slots["foreign_fighters"]] == [1, 1]


def test_one_speaker_quoted_by_several_pages_counts_once(make):
    stored = [
        make("alpha", 0, date="2017-10-14", outlet="Alpha Post",
             source="Militia spokesman Ada Brand", source_type="party_to_conflict"),
        make("beta", 0, date="2017-10-14", outlet="Beta Times", source="Ada Brand",
             source_type="party_to_conflict"),
        make("gamma", 0, date="2017-10-15", outlet="Gamma News"),
    ]  # fmt: skip
    event = _one_event(stored)
    assert event.source_count == 2
    quoted = next(s for s in event.sources if len(s.docs) == 2)
    assert quoted.docs == ("alpha.txt", "beta.txt")
    assert [v.support for v in event.slots["happened"]] == [2]


def test_outlets_in_their_own_voices_are_independent(make):
    stored = [make(p, 0, date="2017-10-14", outlet=f"{p.title()} Post") for p in ("alpha", "beta")]
    event = _one_event(stored)
    assert event.source_count == 2
    assert {s.source_type for s in event.sources} == {"outlet"}


def test_an_outlet_quoted_by_another_page_is_that_outlet(make):
    stored = [
        make("own", 0, date="2017-10-14", outlet="SANA (state news agency)"),
        make("other", 0, date="2017-10-14", outlet="Beta Times", source="state news agency SANA",
             source_type="government"),
    ]  # fmt: skip
    assert _one_event(stored).source_count == 1


def test_nameless_sources_speak_through_their_page(make):
    stored = [
        make("alpha", 0, date="2017-10-14", outlet="Alpha Post", source="local sources",
             source_type="local_sources"),
        make("beta", 0, date="2017-10-14", outlet="Beta Times", source="local sources",
             source_type="local_sources"),
    ]  # fmt: skip
    assert _one_event(stored).source_count == 2  # two outlets' own informants


def test_reader_comments_never_count(make):
    stored = [
        make("alpha", 0, date="2017-10-14", outlet="Alpha Post"),
        make("alpha", 1, date="2017-10-14", outlet="Alpha Post", in_comments=True,
             source="Ada Brand", source_type="reader_comment"),
        make("beta", 0, date="2017-10-14", outlet="Beta Times", in_comments=True,
             source="a reader", source_type="reader_comment"),
    ]  # fmt: skip
    event = _one_event(stored)
    assert event.source_count == 1 and event.reader_comments == 2
    assert event.sources[0].docs == ("alpha.txt",)


def test_each_source_lists_its_pages_with_outlet_url_and_date(make):
    first = make("alpha", 0, date="2017-10-14", outlet="Alpha Post", published="2017-10-15")
    page = replace(first.page, url="https://alpha.example/deal")
    stored = [replace(first, page=page)]
    [source] = _one_event(stored).sources
    [listed] = source.pages
    assert (listed.name, listed.outlet, listed.url, listed.published) == (
        "alpha.txt", "Alpha Post", "https://alpha.example/deal", "2017-10-15",
    )  # fmt: skip


_SPEAKERS = st.sampled_from([None, "Ada Brand", "Colonel Ada Brand", "Ilse Dorn", "local sources"])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    specs=st.lists(
        st.tuples(st.integers(0, 3), _SPEAKERS, st.booleans(), st.sampled_from(["A", "B", None])),
        min_size=1,
        max_size=10,
    )
)
def test_no_page_is_split_between_two_sources(make, specs):
    stored = [
        make(f"p{page}", i, date="2017-10-14", source=speaker,
             source_type="reader_comment" if reader else "party_to_conflict",
             in_comments=reader, outlet=f"Outlet {outlet}" if outlet else None)
        for i, (page, speaker, reader, outlet) in enumerate(specs)
    ]  # fmt: skip
    for event in fuse_mentions(stored, {}):
        pages = [doc for source in event.sources for doc in source.docs]
        assert len(pages) == len(set(pages))  # so one page alone is never two sources
        article_pages = {s.page.name for s in stored if not s.mention.in_comments}
        assert event.source_count <= len(article_pages & set(event.pages))
