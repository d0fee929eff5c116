"""Settings for one ingest run."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from wardesk.errors import WardeskError

from .metadata import Meta, normalize_published


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How pages are read.

    ``max_bytes`` caps one page (one file, or one JSONL line); ``published`` and
    ``outlet`` override what the pages say, for every page of the run;
    ``metadata`` gives pages their url, outlet, date and title by file name or
    record id (see ``wardesk.ingest.metadata``), over what a folder's own
    metadata file says. ``published`` is checked and stored as an ISO date.

    ``page_seconds`` limits the reading of one page (decoding and HTML
    extraction included; None: no limit, see :mod:`wardesk.deadline`).
    ``follow_links`` reads links in a folder that lead outside it (by default
    they are refused). ``failures_per_file`` caps the failures listed for one
    file; the rest are counted in one more failure.
    """

    max_bytes: int = 5_000_000
    published: str | None = None
    outlet: str | None = None
    metadata: Mapping[str, Meta] = field(default_factory=dict)
    page_seconds: float | None = None
    follow_links: bool = False
    failures_per_file: int = 100

    def __post_init__(self) -> None:
        if self.max_bytes < 1:
            raise WardeskError(
                "E005", name="max_bytes", value=self.max_bytes, detail="must be at least 1"
            )
        if self.failures_per_file < 1:
            raise WardeskError(
                "E005",
                name="failures_per_file",
                value=self.failures_per_file,
                detail="must be at least 1",
            )
        if self.published is not None:
            object.__setattr__(
                self, "published", normalize_published(self.published, "--published")
            )


DEFAULT_OPTIONS = IngestOptions()
