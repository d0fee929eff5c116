"""Who says so and how sure: sources from reported speech, certainty from cue words."""

from __future__ import annotations

import pytest

TITLE = "Talks over the besieged town\n\n"


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("According to local sources, ISIS executed a civilian in Tell Amir.", "local sources"),
        (
            "Militia spokesman Adnan Haji said the SDF captured Tell Amir.",
            "Militia spokesman Adnan Haji",
        ),
        (
            "The SDF captured the town of Tell Amir on Monday, the Syrian Observatory for Human Rights said.",
            "Syrian Observatory for Human Rights",
        ),
    ],
)
def test_reported_speech_names_the_source(run_page, sentence, source):
    [mention] = run_page(TITLE + sentence + "\n")
    assert mention.source == source
    assert mention.certainty == "reported"


def test_pronoun_subject_inherits_the_paragraph_source(run_page):
    text = TITLE + (
        "Council member Omar Haddad said the deal was agreed for Qaryat Nur. "
        "He said the evacuation of ISIS fighters would take place overnight.\n"
    )
    mentions = run_page(text)
    assert mentions and all(m.source == "Council member Omar Haddad" for m in mentions)


def test_outlet_voice_is_asserted(run_page):
    [mention] = run_page(TITLE + "ISIS fighters shelled Tell Amir on Monday.\n")
    assert (mention.source, mention.certainty) == (None, "asserted")


@pytest.mark.parametrize(
    ("sentence", "certainty"),
    [
        ("The SDF may allow ISIS fighters to withdraw from Qaryat Nur.", "speculative"),
        ("ISIS allegedly executed a civilian in Tell Amir.", "unconfirmed"),
        ("The SDF denied that ISIS fighters were allowed to leave Qaryat Nur.", "denied"),
        (
            "SDF commander Ali Sheir said 40 ISIS fighters were killed in clashes in Tell Amir.",
            "claimed",
        ),
        (
            "The Syrian Observatory for Human Rights said 40 fighters were killed in clashes in Tell Amir.",
            "reported",
        ),
        (
            "The commander said the towns of Tell Amir and Qaryat Nur will be liberated, promising that the army would advance.",
            "speculative",
        ),
    ],
)
def test_certainty_cues(run_page, sentence, certainty):
    mentions = run_page(TITLE + sentence + "\n")
    assert mentions and mentions[0].certainty == certainty


def test_later_doubt_makes_earlier_reports_unconfirmed(run_page):
    text = TITLE + (
        "An activist group said the SDF agreed to let ISIS fighters leave Qaryat Nur.\n\n"
        "These claims are not confirmed yet.\n"
    )
    [deal] = [m for m in run_page(text) if m.agreement]
    assert deal.certainty == "unconfirmed"


def test_quote_over_two_sentences_takes_the_closing_source(run_page):
    text = TITLE + (
        "“ISIS fighters shelled Tell Amir overnight. Then they withdrew from Qaryat Nur,” "
        "the governor of the province said.\n"
    )
    mentions = run_page(text)
    assert len(mentions) >= 2
    assert {m.source for m in mentions} == {"governor of the province"}


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        (
            "Local commander Abu Ali told Reuters that ISIS shelled Tell Amir.",
            "Local commander Abu Ali",
        ),
        ("The SDF's statement said ISIS fighters withdrew from Qaryat Nur.", "SDF"),
    ],
)
def test_more_reported_speech_shapes(run_page, sentence, source):
    [mention] = run_page(TITLE + sentence + "\n")
    assert mention.source == source


def test_reader_comment_is_sourced_to_its_author(run_page):
    text = TITLE + (
        "The SDF allowed ISIS fighters to leave Qaryat Nur on Monday, a monitor said.\n\n"
        "  • Karim Haddad\n\n"
        "    That is fake news, there was no deal in Qaryat Nur, you all believe anything!\n"
    )
    [comment] = [m for m in run_page(text) if m.in_comments]
    assert (comment.source, comment.source_type, comment.certainty) == (
        "Karim Haddad", "reader_comment", "denied",
    )  # fmt: skip
