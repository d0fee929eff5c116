"""The per-page flow's guard: a page over its time or one that breaks a stage is a failure."""

from __future__ import annotations

import time

import pytest

from wardesk import pipeline
from wardesk.ingest import IngestOptions, ingest
from wardesk.model import PageFailure
from wardesk.pipeline import PageResult, load_services, process_within
from wardesk.segment import segment


@pytest.fixture(scope="module")
def services():
    return load_services()


def _document(tmp_path, text: str):
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    (doc,) = list(ingest([path], IngestOptions()))
    return doc


PAGE = "Clashes in Idlib\n\nRebels attacked an army post near Idlib on Monday, a monitor said.\n"


def test_a_page_within_its_time_is_processed(tmp_path, services):
    result = process_within(_document(tmp_path, PAGE), services, seconds=60)
    assert isinstance(result, PageResult)
    assert result.segments == segment(result.document)


def test_a_page_over_its_time_becomes_a_p110_failure(tmp_path, services, monkeypatch):
    def slow(doc, services):
        time.sleep(5)

    monkeypatch.setattr(pipeline, "process_document", slow)
    result = process_within(_document(tmp_path, PAGE), services, seconds=0.05)
    assert isinstance(result, PageFailure)
    assert (result.name, result.code) == ("page.txt", "P110")
    assert "0.05 s" in result.reason


def test_a_stage_that_breaks_becomes_a_p111_failure_naming_the_error(
    tmp_path, services, monkeypatch
):
    def broken(doc, services):
        raise ValueError("x" * 1000)

    monkeypatch.setattr(pipeline, "process_document", broken)
    result = process_within(_document(tmp_path, PAGE), services, seconds=None)
    assert isinstance(result, PageFailure)
    assert result.code == "P111"
    assert "ValueError" in result.reason and len(result.reason) < 500
