"""Lemmas on demand: a sentence parsed without the lemmatizer gets the very lemmas the full
pipeline gives, token by token."""

from __future__ import annotations

import pytest

from wardesk.nlp import ON_DEMAND, defer_lemmas, lemma, load_pipeline

SENTENCES = [
    "The rebels said they had left the besieged towns, and the army's statement confirmed it.",
    "Hundreds of fighters were bused out overnight, officials told reporters on Sunday.",
    "A spokesman says the evacuations are going ahead despite the shelling.",
]


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.mark.parametrize("text", SENTENCES)
def test_lemmas_on_demand_equal_the_pipeline_s(nlp, text):
    full = nlp(text)
    lazy = defer_lemmas(nlp(text, disable=list(ON_DEMAND)), nlp)
    assert [lemma(t) for t in lazy] == [t.lemma_ for t in full]
    assert any(t.lemma_ != t.lower_ for t in full)  # the sentences hold inflected words


def test_without_the_mark_a_token_falls_back_to_its_lower_case(nlp):
    doc = nlp("Fighters LEFT", disable=list(ON_DEMAND))
    assert [lemma(t) for t in doc if not t.lemma] == [t.lower_ for t in doc if not t.lemma]
