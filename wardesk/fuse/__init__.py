"""Fusion: mentions from every stored page -> events, with corroboration and contradictions.

    from wardesk.fuse import fuse
    result = fuse(store)          # reads mentions, writes the events tables, returns them

``fuse`` always recomputes every event from every stored mention, so the events
do not depend on the order or the runs in which pages were stored: the same
pages give the same events. Within an event, each slot (fighters, civilians,
destination, foreign fighters, status, happened vs denied, fatalities) lists its
values with the sources that claim them; values that clash between article
sources make the slot contested. Reader comments are shown, never counted.
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from wardesk.errors import WardeskError
from wardesk.fuse.build import Member, build_event
from wardesk.fuse.claims import claims_of
from wardesk.fuse.match import cluster
from wardesk.fuse.sources import carrier, story_ids
from wardesk.fuse.types import (
    SLOTS,
    Claim,
    FusedEvent,
    FusionResult,
    PageInfo,
    SlotValue,
    Source,
    SourceRef,
    StoredMention,
)
from wardesk.store.db import DatabaseErrors, failure_detail

if TYPE_CHECKING:
    from wardesk.store import Store


def fuse_mentions(stored: list[StoredMention], bodies: dict[str, str]) -> list[FusedEvent]:
    """Group mentions into events and fuse each group (pure: no database).

    ``bodies`` maps page ids to their article text, to tell copies of one story apart
    from independent reports.
    """
    stories = story_ids(bodies)
    events = []
    for group in cluster(stored):
        members = [
            Member(s, claims_of(s.mention, s.page.voice), carrier(s, stories))
            for s in group.members
        ]
        events.append(build_event(members, group.thread))
    return sorted(events, key=lambda e: e.event_id)


def fuse(store: Store, *, now: str | None = None) -> FusionResult:
    """Fuse every mention in ``store`` into events and replace its events tables.

    Reading the mentions and writing the events are one transaction: a page stored
    meanwhile by another process is either fused or waits, never left without its
    events, and a crash leaves the previous events. A database failure (disk full,
    server gone) is error E017.
    """
    started = time.perf_counter()
    stamp = now or datetime.now(UTC).isoformat(timespec="seconds")

    def rebuild() -> FusionResult:
        stored = store.stored_mentions()
        bodies = store.article_bodies(sorted({s.doc_id for s in stored}))
        events = [replace(e, fused_at=stamp) for e in fuse_mentions(stored, bodies)]
        store.replace_events(events, fused_at=stamp)
        return FusionResult(events=events, mentions=len(stored))

    try:
        result = store.fusion_transaction(rebuild)
    except DatabaseErrors as exc:
        raise WardeskError("E017", db=store.location, detail=failure_detail(exc)) from exc
    result.seconds = time.perf_counter() - started
    return result


__all__ = [
    "SLOTS",
    "Claim",
    "FusedEvent",
    "FusionResult",
    "PageInfo",
    "SlotValue",
    "Source",
    "SourceRef",
    "StoredMention",
    "claims_of",
    "fuse",
    "fuse_mentions",
]
