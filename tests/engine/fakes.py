"""Stand-ins for the pipeline, importable by spawned worker processes (no model to load)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from wardesk.model import Document, Segments
from wardesk.pipeline import PageResult


@dataclass(frozen=True, slots=True)
class EchoFactory:
    """Builds a processor that makes an empty result per page, after ``delay`` seconds."""

    delay: float = 0.0

    def __call__(self):
        return self.process

    def process(self, doc: Document) -> PageResult:
        if self.delay:
            time.sleep(self.delay)
        return PageResult(doc, Segments(doc.id, ()), [])
