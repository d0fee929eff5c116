"""Shared fixtures: where the project's read-only corpus lives, and skips when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("WARDESK_SHARED", REPO.parent / "shared"))
EXAMPLES = REPO / "examples"


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
