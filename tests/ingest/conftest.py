"""Fixtures for the ingest tests: a helper that writes invented pages into tmp_path."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

Writer = Callable[[str, bytes | str], Path]


@pytest.fixture
def write(tmp_path: Path) -> Writer:
    """Write ``content`` (str as UTF-8, or raw bytes) to ``tmp_path/name``; return the path."""

    def _write(name: str, content: bytes | str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)
        return path

    return _write
