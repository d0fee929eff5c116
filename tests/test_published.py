"""Publication dates: metadata first, else the latest full date on the page, marked inferred."""

from __future__ import annotations

from wardesk.model import Document
from wardesk.published import url_date, with_publication_date
from wardesk.segment import segment


def _doc(text: str, published: str | None = None) -> Document:
    return Document(id="p", name="p.txt", text=text, format="text", published=published)


def test_metadata_wins():
    doc = _doc("Headline\n\nOctober 14, 2017 / 5:38 PM\n\nRebels left the town.\n", "2017-10-20")
    assert with_publication_date(doc, segment(doc)).published == "2017-10-20"


def test_inferred_from_the_page_and_marked():
    doc = _doc("Headline\n\nOctober 14, 2017 / 5:38 PM\n\nRebels left the town on Saturday.\n")
    found = with_publication_date(doc, segment(doc))
    assert (found.published, found.published_inferred) == ("2017-10-14", True)


def test_reader_comments_do_not_date_the_page():
    text = (
        "Headline\n\nRebels left the town on Saturday, a monitor said.\n\n"
        "  • Sam K\n\n    I remember March 1, 2020 well, you are all wrong!\n"
    )
    doc = _doc(text)
    assert with_publication_date(doc, segment(doc)).published is None


def test_a_date_told_in_the_story_never_dates_the_page():
    doc = _doc("Headline\n\nThe siege, which began on November 14, 2017, ended on Saturday.\n")
    assert with_publication_date(doc, segment(doc)).published is None


def test_the_url_dates_the_page():
    doc = Document(
        id="p", name="p.txt", text="Headline\n\nRebels left on Saturday.\n", format="text",
        url="https://news.example/world/2018/03/24/rebels-leave",
    )  # fmt: skip
    assert with_publication_date(doc, segment(doc)).published == "2018-03-24"


def test_a_dateline_opening_the_article_dates_the_page():
    doc = _doc("Headline\n\nJanuary 13, 2017 (CAPITAL) – Two officers defected on Thursday.\n")
    assert with_publication_date(doc, segment(doc)).published == "2017-01-13"


def test_an_impossible_url_date_is_ignored():
    assert url_date("https://x.example/2017/02/30/story") is None
