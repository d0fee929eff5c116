"""The data types that flow through wardesk, one stage to the next.

Stages (ingest -> segment -> annotate -> extract -> attribute -> ground -> store)
take and return these types; later stages only read fields written earlier.
Offsets (``start``/``end``) are always character offsets into ``Document.text``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

PageFormat = Literal["text", "html", "jsonl"]
RegionRole = Literal["title", "body", "comments"]
BlockRole = Literal["title", "body", "comment", "author", "boilerplate"]


@dataclass(frozen=True, slots=True)
class Region:
    """A stretch of the page text whose role the reader already knows.

    HTML pages arrive with title, main text and comments told apart by the
    extractor; segmentation then only has to refine inside each region.
    """

    role: RegionRole
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Document:
    """One page as read from disk or a record: the unit of everything downstream."""

    id: str
    name: str
    text: str
    format: PageFormat
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    published_inferred: bool = False
    source_path: str | None = None
    encoding: str | None = None
    regions: tuple[Region, ...] = ()


@dataclass(frozen=True, slots=True)
class PageFailure:
    """A page that could not be read, with a coded reason; the run goes on."""

    name: str
    code: str
    reason: str


@dataclass(frozen=True, slots=True)
class Block:
    """One non-blank line of the page with the role it plays."""

    role: BlockRole
    text: str
    start: int
    end: int
    depth: int = 0


@dataclass(frozen=True, slots=True)
class Comment:
    """A reader comment: its text, who wrote it when shown, and its thread depth."""

    text: str
    start: int
    end: int
    author: str | None = None
    depth: int = 0


@dataclass(frozen=True, slots=True)
class Segments:
    """A page cut into title, article body, reader comments and boilerplate.

    ``blocks`` keeps every non-blank line of the page, in order, each with its
    role; the other fields are views over it for the stages that follow.
    """

    doc_id: str
    blocks: tuple[Block, ...]
    comments: tuple[Comment, ...] = ()

    @property
    def title(self) -> str | None:
        """The page title, or None when the page shows none."""
        titles = [b.text for b in self.blocks if b.role == "title"]
        return titles[0] if titles else None

    @property
    def body_blocks(self) -> tuple[Block, ...]:
        """The article paragraphs, in page order."""
        return tuple(b for b in self.blocks if b.role == "body")

    @property
    def body(self) -> str:
        """The article text, paragraphs separated by a blank line."""
        return "\n\n".join(b.text for b in self.body_blocks)

    @property
    def boilerplate(self) -> tuple[str, ...]:
        """Paragraphs dropped as page furniture (widgets, credits, share lines)."""
        return tuple(b.text for b in self.blocks if b.role == "boilerplate")


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event happened, as ACLED codes it."""

    name: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    admin1: str | None = None
    country: str | None = None
    precision: int = 1

    @property
    def whole_country(self) -> bool:
        """A country and nothing finer: no province, no town."""
        return self.precision >= 3 and self.admin1 is None


@dataclass(frozen=True, slots=True)
class Agreement:
    """The terms of a negotiated deal: who leaves where, on whose say-so."""

    kind: str
    withdrawing_party: str | None = None
    allowing_party: str | None = None
    brokers: tuple[str, ...] = ()
    origin: str | None = None
    destination: str | None = None
    fighters: int | None = None
    civilians: int | None = None
    terms: tuple[str, ...] = ()
    status: str | None = None
    # Whether foreign fighters leave too: True, False (left behind, excluded), or None (unsaid).
    foreign_fighters: bool | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence a mention rests on, verbatim, with its offsets in the page."""

    text: str
    start: int
    end: int
    # The page line (segmentation block) it sits in; -1 when unknown (read back from a store).
    block: int = -1


@dataclass(frozen=True, slots=True)
class Mention:
    """One event mention in the output contract of DESIGN.md."""

    doc: str
    mention_id: str
    event_type: str
    sub_event_type: str
    actor1: str | None
    evidence: Evidence
    actor2: str | None = None
    assoc_actors: tuple[str, ...] = ()
    location: Location | None = None
    date: str | None = None
    time_precision: int | None = None
    fatalities: int | None = None
    agreement: Agreement | None = None
    source: str | None = None
    source_type: str | None = None
    certainty: str = "asserted"
    in_comments: bool = False
    source_stance: str | None = None
    # The words that decided source and certainty, for `wardesk extract --explain`.
    cues: tuple[str, ...] = ()
    # True when the sentence names no place of its own and the place comes from the page
    # before it; the in-page merge reads it (not part of the output contract).
    place_borrowed: bool = False
