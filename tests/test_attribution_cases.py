"""Who says so, and how sure the page is, for the phrasings the genre uses.

Every sentence here is invented to state one rule; none is taken from a page.
"""

from __future__ import annotations

import pytest

from wardesk.annotate import Sentence
from wardesk.attribute import attribute_page
from wardesk.lexicon import load_lexicon
from wardesk.nlp import load_pipeline


@pytest.fixture(scope="module")
def judge():
    nlp, lexicon = load_pipeline(), load_lexicon()

    def run(*paragraph: str):
        """Attribution of each sentence of one paragraph."""
        sentences, start = [], 0
        for text in paragraph:
            sentences.append(Sentence(text, start, start + len(text), 1, False, parsed=nlp(text)))
            start += len(text) + 1
        return attribute_page(tuple(sentences), lexicon)

    return run


@pytest.mark.parametrize(
    ("text", "source", "certainty"),
    [
        # The outlet's own voice.
        ("Rebels left the town on Monday.", None, "asserted"),
        # A report verb that only describes a noun names no speaker.
        (
            "The release of 12 detainees gives hope that a ceasefire declared last month could "
            "be holding in the town.",
            None,
            "speculative",
        ),
        # "X says", "X said", "according to X", "X told Y", "in a statement X said".
        ("The governor says rebels left the town.", "governor", "reported"),
        ("Rebels left the town, the governor said on Monday.", "governor", "reported"),
        (
            "Rebels left the town, according to a local council member.",
            "local council member",
            "reported",
        ),
        (
            "A military source told the agency that rebels left the town.",
            "military source",
            "reported",
        ),
        ("In a statement, the council said rebels left the town.", "council", "reported"),
        # A quotation closed by an inverted "said X".
        (
            "“Rebels left the town,” said a resident of the valley.",
            "resident of the valley",
            "reported",
        ),
        # "X quoted Y as saying": Y speaks.
        (
            "The agency quoted sources in the relief committee as saying buses left.",
            "sources in the relief committee",
            "reported",
        ),
        # "Activists criticised the deal, saying …": the participle's speaker is the subject.
        ("Activists criticised the deal, saying it will empty the town.", "Activists", "reported"),
        # A document or a rule is no speaker.
        ("According to the agreement, rebels will leave the town.", None, "asserted"),
        # Unnamed or preliminary reports: nobody vouches for them.
        (
            "Preliminary reports suggest rebels agreed to leave the town.",
            "Preliminary reports",
            "unconfirmed",
        ),
        ("The shelling stopped amid reports that a deal was reached.", "reports", "unconfirmed"),
        # Several voices stay as written.
        (
            "Rebels left the town, according to state media and a monitoring group.",
            "state media and a monitoring group",
            "reported",
        ),
        # A relative clause after the source describes it.
        (
            "A radio station run by the militia, which backs the army, said buses left.",
            "radio station run by the militia",
            "reported",
        ),
        # A side's announcement of its own territorial gain is reported ...
        ("The army said its troops captured the hill.", "army", "reported"),
        # ... its count of enemy dead, captured or surrendered is claimed.
        ("The army said 40 rebels surrendered with their weapons.", "army", "claimed"),
        ("The army said 40 rebels were killed in the assault.", "army", "claimed"),
        # May the month is no "may".
        ("On May 3, rebels left the town, the governor said.", "governor", "reported"),
        ("Rebels may leave the town, the governor said.", "governor", "speculative"),
        # Rejecting a proposal denies it.
        ("The army rejected a proposal to let rebels leave the town.", None, "denied"),
    ],
)
def test_source_and_certainty(judge, text, source, certainty):
    [found] = judge(text)
    assert (found.source, found.certainty) == (source, certainty)


def test_a_detached_attribution_covers_the_sentences_before_it(judge):
    first, second, third = judge(
        "Rebels left the town at dawn.",
        "Buses took them north.",
        "according to a local radio station",
    )
    assert first.source == second.source == "local radio station"
    assert first.certainty == second.certainty == "reported"
    assert third.source == "local radio station"


def test_a_paragraph_carries_its_source(judge):
    first, second = judge(
        "The governor said rebels left the town on Monday.", "Buses took them north."
    )
    assert first.source == second.source == "governor"
