"""Deals told without the word "deal": exchanges, releases, giving up arms or oneself.

Invented sentences (places from the test gazetteer in conftest.py).
"""

from __future__ import annotations

import pytest

CASES = [
    # (sentence, expected sub-event type of the first mention, or None for no event)
    ("The two militias exchanged 40 prisoners in Kafr Salim on Monday.", "Agreement"),
    (
        "A prisoner swap took place in Kafr Salim on Monday between the army and the rebels.",
        "Agreement",
    ),
    ("The rebels released 12 detainees held in Tell Amir, officials said.", "Agreement"),
    ("The army handed over the bodies of nine fighters in Kafr Salim on Tuesday.", "Agreement"),
    ("Some 30 rebels gave up their weapons to the army in Tell Amir on Sunday.", "Agreement"),
    ("Two rebel commanders handed themselves over to the army in Kafr Salim.", "Agreement"),
    # The exchange only dates the shelling: the shelling is the event.
    (
        "Hours before the prisoner exchange, rebels shelled Kafr Salim.",
        "Shelling/artillery/missile attack",
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_deal_acts_are_deals(run_page, sentence, expected):
    mentions = run_page(f"Headline\n\n{sentence}\n", "2019-05-06")
    assert mentions, "no event found"
    assert mentions[0].sub_event_type == expected
