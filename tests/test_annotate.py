"""Sentence splitting keeps titles and abbreviations inside their sentence."""

from __future__ import annotations

from wardesk.annotate import sentence_spans, sentence_splitter


def test_titles_do_not_end_sentences():
    text = (
        "Helicopters destroyed 138 vehicles, said Lt. Gen. Hamid al-Maliki on June 29. "
        "The convoy was hit again on Oct. 3 near the U.S. base."
    )
    spans = sentence_spans(sentence_splitter(), text)
    sentences = [text[a:b] for a, b in spans]
    assert len(sentences) == 2
    assert sentences[0].endswith("on June 29.")
    assert all(text[a:b] == text[a:b].strip() for a, b in spans)


def test_a_megabyte_on_one_line_is_split_not_refused():
    line = ("Rebels shelled the town. " * 60_000).strip()
    spans = sentence_spans(sentence_splitter(), line)
    assert len(spans) == 60_000
    assert all(line[a:b] == "Rebels shelled the town." for a, b in spans[:3] + spans[-3:])


def test_a_day_written_as_an_ordinal_does_not_end_a_sentence():
    text = "On 27. June, the militia took the hill. Two fighters died."
    spans = sentence_spans(sentence_splitter(), text)
    assert [text[a:b] for a, b in spans] == [
        "On 27. June, the militia took the hill.",
        "Two fighters died.",
    ]
