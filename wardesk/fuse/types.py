"""The data types of fusion: stored mentions in, fused events with their claims out."""

from __future__ import annotations

from dataclasses import dataclass, field

from wardesk.model import Agreement, Location, Mention

# The slots compared across sources, in display order.
SLOTS = (
    "happened",
    "status",
    "fighters",
    "civilians",
    "destination",
    "foreign_fighters",
    "fatalities",
)
READER = "reader comment"


@dataclass(frozen=True, slots=True)
class Claim:
    """What one mention says about one slot, and who says it.

    ``value`` is shown to people; ``key`` is what is compared (a normalized place
    name, a number, a fixed word).
    """

    slot: str
    value: str
    key: str
    source: str
    source_type: str | None
    certainty: str
    in_comments: bool


@dataclass(frozen=True, slots=True)
class PageInfo:
    """What fusion needs to know about the page a mention comes from."""

    doc_id: str
    name: str
    outlet: str | None = None
    published: str | None = None
    url: str | None = None

    @property
    def voice(self) -> str:
        """The name under which the page speaks in its own voice: its outlet, else its name."""
        return self.outlet or self.name

    def to_json(self) -> dict[str, str | None]:
        """The JSON form kept with an event's sources."""
        return {
            "doc_id": self.doc_id,
            "doc": self.name,
            "outlet": self.outlet,
            "url": self.url,
            "published": self.published,
        }

    @classmethod
    def from_json(cls, data: dict) -> PageInfo:
        """Read back what :meth:`to_json` wrote."""
        return cls(data["doc_id"], data["doc"], data.get("outlet"), data.get("published"),
                   data.get("url"))  # fmt: skip


@dataclass(frozen=True, slots=True)
class StoredMention:
    """A mention as read back from the store, with its page and its place in the page."""

    doc_id: str
    ordinal: int
    mention: Mention
    page: PageInfo

    @property
    def key(self) -> tuple[str, int]:
        """The stable identity of the mention: content hash of its page, and ordinal."""
        return (self.doc_id, self.ordinal)


@dataclass(frozen=True, slots=True)
class SourceRef:
    """One source's claim of a slot value: who, of what kind, how sure, where."""

    source: str
    source_type: str | None
    certainty: str
    in_comments: bool
    doc: str
    mention_id: str
    date: str | None = None

    def to_json(self) -> dict[str, object]:
        """The JSON form used in exports and in the ``event_claims`` table."""
        return {
            "source": self.source,
            "source_type": self.source_type,
            "certainty": self.certainty,
            "in_comments": self.in_comments,
            "doc": self.doc,
            "mention_id": self.mention_id,
            "date": self.date,
        }

    @classmethod
    def from_json(cls, data: dict) -> SourceRef:
        """Read back what :meth:`to_json` wrote."""
        return cls(
            data["source"], data["source_type"], data["certainty"], bool(data["in_comments"]),
            data["doc"], data["mention_id"], data.get("date"),
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class SlotValue:
    """One value of a slot in a fused event, with every source that claims it.

    ``support`` counts the independent sources behind it (reader comments never count).
    """

    value: str
    key: str
    support: int
    sources: tuple[SourceRef, ...]

    @property
    def reader_only(self) -> bool:
        """True when only reader comments claim this value."""
        return all(ref.in_comments for ref in self.sources)


@dataclass(frozen=True, slots=True)
class Source:
    """An independent source of an event: the voices joined by the pages that carry them
    (one speaker quoted by many pages, one story and its copies, an outlet and whom it
    quotes).

    ``name`` is its main voice: the named voice most often heard, else the outlet of its
    first page. ``voices`` lists every voice it carries as written (outlets speaking for
    themselves included); ``pages`` the pages it is read on, with outlet, URL and date.
    """

    name: str
    source_type: str | None
    docs: tuple[str, ...]
    mention_ids: tuple[str, ...]
    voices: tuple[str, ...] = ()
    pages: tuple[PageInfo, ...] = ()


@dataclass(frozen=True, slots=True)
class FusedEvent:
    """One real-world event, fused from every mention that reports it."""

    event_id: str
    event_type: str
    sub_event_type: str
    location: Location | None
    date: str | None
    date_start: str | None
    date_end: str | None
    time_precision: int | None
    actor1: str | None
    actor2: str | None
    assoc_actors: tuple[str, ...]
    fatalities: int | None
    agreement: Agreement | None
    sources: tuple[Source, ...]
    reader_comments: int
    mention_ids: tuple[str, ...]
    members: tuple[tuple[str, int], ...]
    pages: tuple[str, ...]
    slots: dict[str, tuple[SlotValue, ...]]
    contested: tuple[str, ...]
    reader_disputes: tuple[str, ...]
    notes: str
    fused_at: str = ""
    # Shared by the steps of one deal (its agreement, its implementation); None but for deals.
    deal_id: str | None = None

    @property
    def source_count(self) -> int:
        """How many independent sources report the event."""
        return len(self.sources)


@dataclass(slots=True)
class FusionResult:
    """What a fusion made: the events, and the counts a run summary shows."""

    events: list[FusedEvent] = field(default_factory=list)
    mentions: int = 0
    seconds: float = 0.0

    @property
    def contested(self) -> int:
        """How many events have at least one contested slot."""
        return sum(1 for event in self.events if event.contested)

    @property
    def multi_source(self) -> int:
        """How many events are reported by more than one independent source."""
        return sum(1 for event in self.events if event.source_count > 1)
