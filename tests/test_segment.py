"""Tests for wardesk.segment: invented pages, the seed and dev corpus, and properties."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wardesk.model import Document, Region, Segments
from wardesk.segment import (
    SegmentPatterns,
    default_patterns,
    load_patterns,
    register_score,
    segment,
    segments_to_json,
)

ROLES = {"title", "body", "comment", "author", "boilerplate"}


def make_doc(text: str, regions: tuple[Region, ...] = ()) -> Document:
    """A text Document (with optional reader regions) for the segmenter."""
    return Document(id="t", name="t.txt", text=text, format="text", regions=regions)


def nonblank_lines(text: str) -> list[str]:
    """The page's non-blank lines, stripped, in order: what the blocks must cover."""
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


def assert_invariants(text: str, seg: Segments) -> None:
    """Offsets point at the text, and the blocks are exactly the page's non-blank lines."""
    for b in seg.blocks:
        assert text[b.start : b.end] == b.text
        assert b.role in ROLES
        assert b.depth >= 0
    assert [b.text for b in seg.blocks] == nonblank_lines(text)
    assert [b.start for b in seg.blocks] == sorted(b.start for b in seg.blocks)
    for c in seg.comments:
        assert 0 <= c.start <= c.end <= len(text)
        assert c.depth >= 0
        assert c.text


def body_texts(seg: Segments) -> list[str]:
    """The body lines' text."""
    return [b.text for b in seg.body_blocks]


def roles_of(seg: Segments, needle: str) -> set[str]:
    """The roles of every block containing ``needle``."""
    return {b.role for b in seg.blocks if needle in b.text}


# --------------------------------------------------------------------- invented pages

WIRE = """\
Rebels agree to leave besieged town of Kafr Zeita under truce

HAMA, Syria (Wire) - Rebel fighters and their families began leaving the besieged town \
of Kafr Zeita on Tuesday under a truce brokered by local elders, a monitoring group said.

About 400 fighters boarded 20 buses bound for Idlib province, the Syrian Observatory for \
Human Rights said.

“We will not stay to be killed,” one fighter told reporters as the convoy left.

The army said it would enter the town once the last convoy had left.

Photograph: Jane Roe/AFP/Getty Images
Reporting by Sam Poe; Editing by Ann Doe
"""

BULLETED = """

  • Ghost Rider

    This is the third deal this month. Do you really think they will keep their word?

    • pixel owl

      lol no. they never do :)

      • Ghost Rider

        Exactly my point.

  • Marta Kowalski

    I bet the buses go straight to the next front.
    Same as last year.
"""

NUMBERED = """

3 responses to “Rebels agree to leave besieged town of Kafr Zeita under truce”

  1. Ghost Rider Avatar
    Ghost Rider

    You call this a truce? They just moved the war north.

    1. Marta Kowalski Avatar

      Exactly, and we will read the same story next month.

  2. Why does nobody ask what happens to the civilians?
"""

PLAIN = """

Another day, another green bus deal. I honestly dont see the point anymore.

Frank Miller

You have no idea what you are talking about. The elders saved hundreds of lives!


The army said on Monday that 300 fighters were killed near the town, according to sources.

Nobody seems to care about the people left behind
"""

LAST_NEWS = "The army said it would enter the town once the last convoy had left."


def test_wire_story_alone_is_title_body_boilerplate() -> None:
    seg = segment(make_doc(WIRE))
    assert_invariants(WIRE, seg)
    assert seg.title is not None and seg.title.startswith("Rebels agree")
    assert body_texts(seg)[-1] == LAST_NEWS
    assert len(seg.body_blocks) == 4  # the quoted "We" stays news
    assert seg.comments == ()
    assert roles_of(seg, "Photograph:") == {"boilerplate"}
    assert roles_of(seg, "Reporting by") == {"boilerplate"}


MASTHEADS = [
    # (lines before the first prose line, the one that is the headline)
    (["World News", "Militia hands over three villages in the north"], 1),
    (
        [
            "Monday, 4 March 2019",
            "Home / World / Militia leaves the hills",
            "Militia leaves the hills",
        ],
        2,
    ),
    (["Militia leaves the hills", "By Jane Roe", "Updated 4 March 2019"], 0),
    (["Site", "News"], 0),  # no line reads as a headline: the first with the most words
]


@pytest.mark.parametrize(("head", "headline"), MASTHEADS)
def test_the_masthead_headline_is_the_title_and_the_rest_furniture(head, headline) -> None:
    lede = "Fighters of the militia left the hill villages on buses on Monday, officials said."
    seg = segment(make_doc("\n".join([*head, "", lede, ""])))
    roles = {b.text: b.role for b in seg.blocks}
    assert seg.title == head[headline]
    assert roles[lede] == "body"
    assert all(roles[line] == "boilerplate" for i, line in enumerate(head) if i != headline)


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        ("Police check the crowd near the market on Monday. (Jane Roe / Some Agency)", True),
        ("The minister speaks at a briefing, March 2, 2016 (Photo Agency/ Jane Roe)", True),
        ("The truce holds, the mission said (checked against two local radios / a wire)", False),
        ("Rebels left the town on Monday (AFP).", False),
    ],
)
def test_captions_with_a_bracketed_credit_are_furniture(line, caption) -> None:
    lede = "Fighters of the militia left the hill villages on buses on Monday, officials said."
    seg = segment(make_doc(f"Militia leaves the hills\n\n{lede}\n\n{line}\n\nMore text here.\n"))
    role = next(b.role for b in seg.blocks if b.text == line)
    assert (role == "boilerplate") is caption


def test_bulleted_thread_authors_and_depths() -> None:
    text = WIRE + BULLETED
    seg = segment(make_doc(text))
    assert_invariants(text, seg)
    assert body_texts(seg)[-1] == LAST_NEWS
    got = [(c.author, c.depth) for c in seg.comments]
    assert got == [("Ghost Rider", 0), ("pixel owl", 1), ("Ghost Rider", 2), ("Marta Kowalski", 0)]
    assert seg.comments[0].text.startswith("This is the third deal")
    last = "I bet the buses go straight to the next front.\nSame as last year."
    assert seg.comments[3].text == last
    assert roles_of(seg, "• Ghost Rider") == {"author"}


def test_numbered_thread_with_avatar_lines() -> None:
    text = WIRE + NUMBERED
    seg = segment(make_doc(text))
    assert_invariants(text, seg)
    assert body_texts(seg)[-1] == LAST_NEWS
    assert roles_of(seg, "3 responses to") == {"boilerplate"}
    assert roles_of(seg, "Ghost Rider") == {"author"}  # "Name Avatar" and the repeated name
    got = [(c.author, c.depth) for c in seg.comments]
    assert got == [("Ghost Rider", 0), ("Marta Kowalski", 1), (None, 0)]
    assert seg.comments[2].text == "Why does nobody ask what happens to the civilians?"  # "2." gone


def test_plain_thread_switches_on_register() -> None:
    text = WIRE + PLAIN
    seg = segment(make_doc(text))
    assert_invariants(text, seg)
    assert body_texts(seg)[-1] == LAST_NEWS
    assert roles_of(seg, "Frank Miller") == {"author"}
    authors = [c.author for c in seg.comments]
    assert authors == [None, "Frank Miller", None]
    # a news-looking paragraph inside the thread stays a comment
    assert roles_of(seg, "300 fighters were killed") == {"comment"}
    assert "left behind" in seg.comments[-1].text
    assert all(c.depth == 0 for c in seg.comments)


def test_comment_offsets_span_their_lines() -> None:
    text = WIRE + BULLETED
    seg = segment(make_doc(text))
    last = seg.comments[-1]
    assert text[last.start : last.end].startswith("I bet the buses")
    assert text[last.start : last.end].endswith("Same as last year.")


def test_news_page_with_site_chrome() -> None:
    text = (
        "HomeWorldPoliticsBusinessSportsOpinion\n"
        "Army retakes hill town after week of fighting\n"
        "March 3, 2018 / 4:10 PM / a day ago\n\n"
        "Army retakes hill town after week of fighting\n\n"
        "Wire Staff\n\n2 Min Read\n\n"
        "BEIRUT (Wire) - Government forces retook the hill town on Saturday, state media said.\n\n"
        "Share this article\n\n"
        "Related Articles\n\nTown falls after long siege\nWhat next for the north\n\n"
        "الأكثر قراءة\n\n"
        "  • delete\n"
    )
    seg = segment(make_doc(text))
    assert_invariants(text, seg)
    assert seg.title == "Army retakes hill town after week of fighting"
    assert [b.text[:6] for b in seg.body_blocks] == ["BEIRUT"]
    assert seg.comments == ()
    assert len(seg.boilerplate) == 11


SHARE_BAR = """\
Rebels seize a border post
Share :
Comments

Rebels seized a border post in the north overnight, a local official said on Monday.

He said two guards were wounded before the post fell.
"""


def test_a_comments_link_above_the_article_does_not_open_a_thread() -> None:
    seg = segment(make_doc(SHARE_BAR))
    assert_invariants(SHARE_BAR, seg)
    assert roles_of(seg, "Rebels seized a border post") == {"body"}
    assert roles_of(seg, "two guards were wounded") == {"body"}
    assert seg.comments == ()


def test_body_list_items_are_not_comments() -> None:
    text = (
        "Deal struck over dam\n\n"
        "The militants agreed to several demands, officials said on Sunday.\n"
        "Demands included:\n\n"
        "  • Leaving the town\n  • Handing over heavy weapons\n\n"
        "The deal was confirmed by both sides.\n"
    )
    seg = segment(make_doc(text))
    assert_invariants(text, seg)
    assert seg.comments == ()
    assert len(seg.body_blocks) == 5


def test_html_regions_are_respected() -> None:
    title = "Convoy leaves the besieged suburb"
    body = (
        "Buses carrying fighters left the suburb on Friday, the ministry said.\n\n"
        "Share this article\n\n"
        "I think nobody expected this, said a resident."
    )
    comments = "  • Ghost Rider\n\n    Good riddance.\n\n    Reply\n\n  • Anna\n\n    Same story every time."
    text = f"{title}\n\n{body}\n\n{comments}\n"
    b0 = len(title) + 2
    c0 = b0 + len(body) + 2
    regions = (
        Region("title", 0, len(title)),
        Region("body", b0, b0 + len(body)),
        Region("comments", c0, c0 + len(comments)),
    )
    seg = segment(make_doc(text, regions))
    assert_invariants(text, seg)
    assert seg.title == title
    assert len(seg.body_blocks) == 2  # the informal body line stays body: the reader said so
    assert roles_of(seg, "Share this") == {"boilerplate"}
    assert roles_of(seg, "Reply") == {"boilerplate"}
    assert [(c.author, c.text) for c in seg.comments] == [
        ("Ghost Rider", "Good riddance."),
        ("Anna", "Same story every time."),
    ]


def test_html_regions_comments_without_markers() -> None:
    body = "Rebels left the town on Monday, officials said."
    comments = "Good riddance to them all.\n\n\nWhat about the civilians?"
    text = f"{body}\n\n{comments}"
    c0 = len(body) + 2
    seg = segment(make_doc(text, (Region("comments", c0, len(text)),)))
    assert_invariants(text, seg)
    assert [c.text for c in seg.comments] == [
        "Good riddance to them all.",
        "What about the civilians?",
    ]
    assert seg.title == body  # no title region: the first short body line is the headline


def test_html_flat_thread_one_paragraph_per_comment() -> None:
    """HTML readers flatten a thread with single blank lines: each paragraph is a comment."""
    body = "Rebels left the town on Monday, officials said."
    comments = "Good riddance.\n\nWhat about the civilians, though?\n\nI doubt the deal holds."
    text = f"{body}\n\n{comments}"
    c0 = len(body) + 2
    seg = segment(make_doc(text, (Region("body", 0, len(body)), Region("comments", c0, len(text)))))
    assert_invariants(text, seg)
    assert len(seg.comments) == 3


def test_widget_prompts_and_initial_names() -> None:
    text = (
        "Army shells rebel positions near the river\n\n"
        "Tap on the photo to enlarge it\n\n"
        "Government artillery shelled rebel positions on Friday, a monitor said.\n\n"
        "Keep us online: make a donation today.\n\n"
        "  • Sam K.\n\n    Same old story.\n\n"
        "  • J. Doe\n\n    Not again!\n"
    )
    seg = segment(make_doc(text))
    assert_invariants(text, seg)
    assert len(seg.body_blocks) == 1
    assert roles_of(seg, "Tap on the photo") == {"boilerplate"}
    assert roles_of(seg, "donation") == {"boilerplate"}
    assert [c.author for c in seg.comments] == ["Sam K.", "J. Doe"]


def test_segments_to_json_shape() -> None:
    seg = segment(make_doc(WIRE + BULLETED))
    out = segments_to_json(seg)
    assert set(out) == {"title", "body", "comments", "boilerplate"}
    assert isinstance(out["title"], str) and isinstance(out["body"], str)
    assert all(set(c) == {"author", "text", "depth"} for c in out["comments"])
    assert all(isinstance(x, str) for x in out["boilerplate"])
    json.dumps(out)


def test_empty_and_blank_pages() -> None:
    for text in ("", "\n\n  \n", "   "):
        seg = segment(make_doc(text))
        assert seg.blocks == () and seg.comments == ()
        empty = {"title": None, "body": "", "comments": [], "boilerplate": []}
        assert segments_to_json(seg) == empty


def test_register_score_orders_registers() -> None:
    news = "Rebels left the town on Monday, a monitoring group said; 300 fighters boarded buses."
    reader = "lol you really think they will leave? what a joke :)"
    quoted = "“I will never leave,” the commander told reporters on Sunday."
    assert register_score(reader) >= 3 > 0 > register_score(news)
    assert register_score(quoted) < 0  # the quoted "I" is the commander's


def test_default_patterns_cached_and_loadable(tmp_path: Path) -> None:
    assert default_patterns() is default_patterns()
    assert isinstance(load_patterns(), SegmentPatterns)
    src = (Path(__file__).parents[1] / "wardesk" / "data" / "segment.toml").read_text("utf-8")
    extra = "\n[[boilerplate]]\nname = \"test\"\npattern = '''^Kafr Zeita wire$'''\n"
    custom = tmp_path / "segment.toml"
    custom.write_text(src + extra, "utf-8")
    text = "Title here\n\nThe army said it would enter the town.\n\nKafr Zeita wire\n"
    assert roles_of(segment(make_doc(text)), "Kafr Zeita wire") == {"body"}
    assert roles_of(segment(make_doc(text), load_patterns(custom)), "Kafr") == {"boilerplate"}


# --------------------------------------------------------------------- properties

FRAGMENTS = [
    "",
    " ",
    "\t",
    "• John Smith",
    "  • jane doe",
    "    • Reply",
    "1. Hind Avatar",
    "  2. Some Name",
    "    1. Yes, exactly.",
    "John Mason",
    "Avatar",
    "  The army said 20 fighters left on Monday.",
    "you idiot :)",
    "32 responses to “x”",
    "Related articles",
    "2,350 $",
    "• ",
    "-",
    "…",
    "التعليقات (0)",
    "Photograph: A/AFP",
]

line_strategy = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40))
page_strategy = st.builds(
    lambda lines, sep: sep.join(lines),
    st.lists(line_strategy, max_size=30),
    st.sampled_from(["\n", "\r\n", "\n\n", "\r"]),
)


@given(st.text())
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_property_arbitrary_text(text: str) -> None:
    assert_invariants(text, segment(make_doc(text)))


@given(page_strategy)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_property_structured_pages(text: str) -> None:
    seg = segment(make_doc(text))
    assert_invariants(text, seg)
    json.dumps(segments_to_json(seg))


@given(page_strategy, st.integers(0, 400), st.integers(0, 400))
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
def test_property_with_regions(text: str, a: int, b: int) -> None:
    a, b = sorted((min(a, len(text)), min(b, len(text))))
    regions = (Region("title", 0, a), Region("comments", b, len(text)))
    assert_invariants(text, segment(make_doc(text, regions)))


# --------------------------------------------------------------------- seed pages


def load(folder: Path, prefix: str) -> tuple[str, Segments]:
    """Read and segment the corpus page whose name starts with ``prefix``."""
    path = next(folder.glob(f"{prefix}_*.txt"))
    text = path.read_text("utf-8")
    return text, segment(Document(id=prefix, name=path.name, text=text, format="text"))


def assert_thread_after_body(seg: Segments, last_body_phrase: str) -> None:
    """The body ends with the given paragraph; everything after it is thread or furniture."""
    body = seg.body_blocks
    assert last_body_phrase in body[-1].text
    last = body[-1].start
    assert all(b.role in {"comment", "author", "boilerplate"} for b in seg.blocks if b.start > last)
    assert not any(b.role in {"comment", "author"} for b in seg.blocks if b.start < last)
    # every comment line is inside some Comment's text
    joined = "\n".join(c.text for c in seg.comments)
    for b in seg.blocks:
        if b.role == "comment":
            assert b.text.lstrip("•◦-*0123456789. ") in joined


def comment_with(seg: Segments, phrase: str):
    """The first comment whose text contains ``phrase``."""
    return next(c for c in seg.comments if phrase in c.text)


def test_seed_000_plain_comments(seeds_dir: Path) -> None:
    text, seg = load(seeds_dir, "000")
    assert_invariants(text, seg)
    assert seg.title is not None and "Tabqa" in seg.title
    assert_thread_after_body(seg, "executed a civilian")
    assert len(seg.comments) >= 15
    assert comment_with(seg, "time honored tradition").author is None
    assert roles_of(seg, "Solomon Krupacek") == {"author"}
    assert comment_with(seg, "not able to predict").author == "Solomon Krupacek"


def test_seed_001_numbered_avatar_thread(seeds_dir: Path) -> None:
    text, seg = load(seeds_dir, "001")
    assert_invariants(text, seg)
    assert_thread_after_body(seg, "cratering roads")
    assert roles_of(seg, "Photograph:") == {"boilerplate"}
    assert roles_of(seg, "responses to") == {"boilerplate"}
    assert seg.comments[0].author == "Hind Abyad" and seg.comments[0].depth == 0
    reply = comment_with(seg, "sad reality")
    assert (reply.author, reply.depth) == (None, 1)
    assert comment_with(seg, "butthurt").author == "Rainbow Sponge"
    assert comment_with(seg, "butthurt").depth == 2
    assert max(c.depth for c in seg.comments) >= 4
    assert not any("Avatar" in c.text for c in seg.comments)


def test_seed_002_bulleted_thread(seeds_dir: Path) -> None:
    text, seg = load(seeds_dir, "002")
    assert_invariants(text, seg)
    assert_thread_after_body(seg, "600 civilians")
    assert [b.role for b in seg.blocks[:4]] == ["boilerplate"] * 4  # donation amounts
    assert sum(b.role == "title" for b in seg.blocks) == 1  # the repeated title is dropped
    assert roles_of(seg, "FILE IMAGE") == {"boilerplate"}
    assert roles_of(seg, "Consider helping") == {"boilerplate"}
    assert seg.comments[0].author == "chris chuba"
    deep = comment_with(seg, "training ISIL")
    assert (deep.author, deep.depth) == ("Daniel Castro", 4)


def test_seed_003_has_no_comments(seeds_dir: Path) -> None:
    text, seg = load(seeds_dir, "003")
    assert_invariants(text, seg)
    assert seg.comments == ()
    assert not any(b.role in {"comment", "author"} for b in seg.blocks)
    assert roles_of(seg, "Dismantling all IEDs") == {"body"}
    assert "eliminated" in seg.body_blocks[-1].text


def test_seed_004_bulleted_thread(seeds_dir: Path) -> None:
    text, seg = load(seeds_dir, "004")
    assert_invariants(text, seg)
    body = seg.body_blocks
    assert body[-1].text.endswith("still trapped in the ISIS pocket.")
    assert_thread_after_body(seg, "still trapped in the ISIS pocket.")
    assert roles_of(seg, "full-size map") == {"boilerplate"}
    assert seg.comments[0].author == "Turbofan"
    assert comment_with(seg, "Never stopped").depth == 2


def test_seed_comments_never_in_body(seeds_dir: Path) -> None:
    """No body line of any seed reads like a reader: the body is the leading news run."""
    for prefix in ("000", "001", "002", "003", "004"):
        _, seg = load(seeds_dir, prefix)
        strong = default_patterns().strong
        assert all(register_score(b.text) < strong for b in seg.body_blocks), prefix


# --------------------------------------------------------------------- dev pages


def test_dev_pages_keep_their_news(dev_dir: Path) -> None:
    for path in sorted(dev_dir.glob("*.txt")):
        text = path.read_text("utf-8")
        seg = segment(Document(id=path.stem, name=path.name, text=text, format="text"))
        assert_invariants(text, seg)
        assert seg.comments == (), path.name
        assert not any(b.role in {"comment", "author"} for b in seg.blocks), path.name
        kept = sum(len(b.text) for b in seg.blocks if b.role != "boilerplate")
        body = sum(len(b.text) for b in seg.body_blocks)
        assert body >= 0.6 * kept, path.name
        for b in seg.blocks:
            if any(k in b.text for k in ("Min Read", "Reporting by", "Photograph:")):
                assert b.role == "boilerplate", (path.name, b.text)


def test_dev_page_chrome_is_boilerplate(dev_dir: Path) -> None:
    _, seg = load(dev_dir, "010")
    assert seg.boilerplate[0].count(" ") < 20  # the glued site menu
    assert roles_of(seg, "Staff") == {"boilerplate"}
    assert roles_of(seg, " PM ") == {"boilerplate"}
    assert sum(b.role == "title" for b in seg.blocks) == 1
    _, seg = load(dev_dir, "028")
    arabic = [b for b in seg.blocks if not any("a" <= ch.lower() <= "z" for ch in b.text)]
    assert arabic and all(b.role == "boilerplate" for b in arabic)
    _, seg = load(dev_dir, "039")
    assert seg.blocks[-1].role == "boilerplate"
