"""Settings for one ingest run."""

from __future__ import annotations

from dataclasses import dataclass

from wardesk.errors import WardeskError


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How pages are read.

    ``max_bytes`` caps one page (one file, or one JSONL line); ``published`` and
    ``outlet`` override what the pages say, for every page of the run.
    """

    max_bytes: int = 5_000_000
    published: str | None = None
    outlet: str | None = None

    def __post_init__(self) -> None:
        if self.max_bytes < 1:
            raise WardeskError(
                "E005", name="max_bytes", value=self.max_bytes, detail="must be at least 1"
            )


DEFAULT_OPTIONS = IngestOptions()
