"""The per-page flow, end to end:

ingest -> segment -> annotate -> extract -> attribute -> (in-page merge) -> store.

Library code only: nothing here prints or exits. The CLI renders what it returns.
Models, word lists and the gazetteer are loaded once into :class:`Services`
and passed down, so that every worker process loads them exactly once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from wardesk.annotate import annotate
from wardesk.attribute import attribute
from wardesk.deadline import PageTimeout, time_limit
from wardesk.errors import WardeskError
from wardesk.extract import extract
from wardesk.extract.background import drop_background
from wardesk.extract.merge import merge_page_mentions
from wardesk.ground import PlaceResolver, open_resolver
from wardesk.ingest import IngestOptions, ingest
from wardesk.ingest.readers import failure
from wardesk.lexicon import Lexicon, load_lexicon
from wardesk.model import Document, Mention, PageFailure, Segments
from wardesk.nlp import DEFAULT_MODEL, load_pipeline
from wardesk.published import with_publication_date
from wardesk.segment import segment

# A page normally takes tens of milliseconds; a page at the 5 MB size limit about a minute.
DEFAULT_PAGE_SECONDS = 120.0


@dataclass(frozen=True, slots=True)
class Services:
    """What the stages need besides the page: the language model, word lists, gazetteer."""

    nlp: Language
    lexicon: Lexicon
    places: PlaceResolver


def load_services(model: str = DEFAULT_MODEL) -> Services:
    """Load the model, lexicon and gazetteer (once per process)."""
    return Services(nlp=load_pipeline(model), lexicon=load_lexicon(), places=open_resolver())


@dataclass(frozen=True, slots=True)
class PageResult:
    """Everything the per-page stages made of one page."""

    document: Document
    segments: Segments
    mentions: list[Mention]


@dataclass(slots=True)
class RunSummary:
    """What a run did: counts, failures with reasons, and its wall time."""

    read: int = 0
    stored: int = 0
    already_stored: int = 0
    mentions: int = 0
    failures: list[PageFailure] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)
    seconds: float = 0.0
    # Pages stored in this run by where their publication date came from.
    dated_by_metadata: int = 0
    dated_from_page: int = 0
    undated: int = 0

    def count_date(self, doc: Document) -> None:
        """Count where a stored page's publication date came from."""
        if not doc.published:
            self.undated += 1
        elif doc.published_inferred:
            self.dated_from_page += 1
        else:
            self.dated_by_metadata += 1

    @property
    def exit_code(self) -> int:
        """The batch exit code for this run (see :func:`batch_exit_code`)."""
        return batch_exit_code(read=self.read, failed=len(self.failures))


def batch_exit_code(*, read: int, failed: int) -> int:
    """0 every page fine, 1 some pages failed, 2 no page could be read at all."""
    if read == failed:
        return 2
    return 1 if failed else 0


def process_document(doc: Document, services: Services) -> PageResult:
    """Run every per-page stage after ingestion over one page."""
    segments = segment(doc)
    doc = with_publication_date(doc, segments)
    annotation = annotate(doc, segments, services.nlp, services.lexicon)
    lookup = services.places.for_page(annotation)
    mentions = extract(annotation, services.lexicon, lookup)
    mentions = attribute(annotation, mentions, services.lexicon)
    return PageResult(doc, segments, merge_page_mentions(drop_background(mentions)))


def process_within(
    doc: Document, services: Services, *, seconds: float | None
) -> PageResult | PageFailure:
    """:func:`process_document` under a time limit, a failure in place of a crash.

    A page that runs past ``seconds`` (P110) or makes a stage fail (P111) becomes a
    coded failure for that page alone, so one hostile page never stops a run.
    """
    try:
        with time_limit(seconds):
            return process_document(doc, services)
    except PageTimeout:
        return failure(doc.name, WardeskError("P110", seconds=seconds))
    except Exception as exc:  # noqa: BLE001  (any stage's bug on any page: skip the page)
        detail = f"{type(exc).__name__}: {exc}"[:300]
        return failure(doc.name, WardeskError("P111", detail=detail))


def process_pages(
    paths: Iterable[str | Path],
    options: IngestOptions,
    services: Services,
    *,
    page_seconds: float | None = DEFAULT_PAGE_SECONDS,
) -> Iterator[PageResult | PageFailure]:
    """Run the per-page stages over every page found under ``paths``, streaming."""
    for item in ingest(paths, options):
        if isinstance(item, PageFailure):
            yield item
        else:
            yield process_within(item, services, seconds=page_seconds)


def segment_pages(
    paths: Iterable[str | Path], options: IngestOptions
) -> Iterator[tuple[Document, Segments] | PageFailure]:
    """Ingest and segment only (no model needed), streaming."""
    for item in ingest(paths, options):
        yield item if isinstance(item, PageFailure) else (item, segment(item))
