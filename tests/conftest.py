"""Shared fixtures: where the project's read-only corpus lives, and skips when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from wardesk.annotate import annotate
from wardesk.attribute import attribute
from wardesk.extract import extract
from wardesk.lexicon import load_lexicon
from wardesk.model import Document, Location, Mention
from wardesk.nlp import load_pipeline
from wardesk.segment import segment

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("WARDESK_SHARED", REPO.parent / "shared"))


def _shared_subdir(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared corpus is not beside this checkout")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five seed pages (skips the test when ../shared is not there)."""
    return _shared_subdir("corpus", "seeds")


@pytest.fixture(scope="session")
def dev_dir() -> Path:
    """The dev pages from other outlets (skips when ../shared is not there)."""
    return _shared_subdir("corpus", "dev")


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    """The hand-coded gold files (skips when ../shared is not there)."""
    return _shared_subdir("gold")


# Invented coordinates are fine here: the tests check which place, not where it is.
PLACES = {
    "Qaryat Nur": Location("Qaryat Nur", 35.0, 38.0, 1, "Ar Raqqah", "Syria", 1),
    "Tell Amir": Location("Tell Amir", 35.1, 38.1, 2, "Ar Raqqah", "Syria", 1),
    "Kafr Salim": Location("Kafr Salim", 35.2, 38.2, 3, "Ar Raqqah", "Syria", 1),
    "Idlib": Location("Idlib", 35.9, 36.6, 4, "Idlib", "Syria", 1),
    "Idlib province": Location("Idlib province", 35.8, 36.6, None, "Idlib", "Syria", 3),
    "Turkey": Location("Turkey", 39.0, 35.0, None, None, "Turkey", 3),
}


def small_lookup(name: str) -> Location | None:
    """Resolve only the invented places above."""
    return PLACES.get(name)


@pytest.fixture(scope="session")
def run_page():
    """A function: page text (and publication date) -> the page's mentions."""
    nlp, lexicon = load_pipeline(), load_lexicon()

    def run(text: str, published: str | None = None) -> list[Mention]:
        doc = Document(id="t", name="t.txt", text=text, format="text", published=published)
        annotation = annotate(doc, segment(doc), nlp, lexicon)
        return attribute(annotation, extract(annotation, lexicon, small_lookup), lexicon)

    return run
