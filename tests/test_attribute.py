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
