"""The table ruler: the attribute ruler's work without its Matcher, token for token the same."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wardesk.nlp import lemma, load_pipeline, parse
from wardesk.ruler import RULER, TableRuler, table_ruler

SENTENCES = [
    "There's gonna be trouble, y'all, and they ain't leaving.",
    "Let's see: the convoy got to the crossing, gotta say it was quick.",
    "I think he's doin' fine; c'mon, the rebels were there at 5 p.m.",
    "Hundreds of fighters were bused out overnight, officials told reporters.",
]
# Words that the ruler's exceptions key on, mixed with ordinary ones, for the property test.
WORDS = [
    "there", "is", "are", "gon", "na", "got", "ta", "let", "'s", "y'", "all", "ai", "n't",
    "i", "me", "it", "its", "the", "rebels", "left", "Aleppo", "said", "were", "to", ",", ".",
    "  ", "\n", "c'm", "on", "doin'", "'em", "be", "was", "having", "fewer", "more",
]  # fmt: skip


def attributes(doc) -> list[tuple]:
    """Everything the ruler and the parser set, per token (lemma as wardesk reads it)."""
    return [(t.text, t.tag_, t.pos_, str(t.morph), lemma(t), t.dep_, t.ent_iob_) for t in doc]


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.mark.parametrize("text", SENTENCES)
def test_table_ruler_gives_the_full_pipeline_s_tokens(nlp, text):
    assert table_ruler(nlp) is not None
    full = nlp(text)
    assert attributes(next(parse(nlp, [text]))) == attributes(full)


def test_the_exceptions_the_ruler_holds_are_applied(nlp):
    (doc,) = parse(nlp, ["They were gonna leave, y'all."])
    assert [lemma(t) for t in doc if t.lower_ in ("gon", "na", "y'")] == ["go", "to", "you"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25))
def test_any_mix_of_exception_words_comes_out_the_same(nlp, words):
    text = " ".join(words)
    assert attributes(next(parse(nlp, [text]))) == attributes(nlp(text))


def test_a_pattern_with_an_operator_leaves_the_real_ruler_in_place():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe(RULER)
    ruler.add([[{"LOWER": "very", "OP": "+"}]], {"LEMMA": "much"})
    assert table_ruler(nlp) is None


def test_a_later_component_that_could_read_the_pos_leaves_the_real_ruler_in_place():
    nlp = spacy.blank("en")
    nlp.add_pipe(RULER).add([[{"LOWER": "left"}]], {"POS": "VERB"})
    assert isinstance(table_ruler(nlp), TableRuler)
    nlp.add_pipe("entity_ruler")
    table_ruler.cache_clear()
    assert table_ruler(nlp) is None


def test_a_pipeline_without_a_ruler_has_no_table():
    assert table_ruler(spacy.blank("en")) is None
