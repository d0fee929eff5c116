"""The per-page flow, end to end:

ingest -> segment -> annotate -> extract -> attribute -> (in-page merge) -> store.

Library code only: nothing here prints or exits. The CLI renders what it returns.
Models, word lists and the gazetteer are loaded once into :class:`Services`
and passed down, so that every worker process loads them exactly once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from wardesk.annotate import annotate
from wardesk.attribute import attribute
from wardesk.extract import extract
from wardesk.extract.merge import merge_page_mentions
from wardesk.ground import PlaceResolver, open_resolver
from wardesk.ingest import IngestOptions, ingest
from wardesk.lexicon import Lexicon, load_lexicon
from wardesk.model import Document, Mention, PageFailure, Segments
from wardesk.nlp import DEFAULT_MODEL, load_pipeline
from wardesk.published import with_publication_date
from wardesk.segment import segment
from wardesk.store import Store


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
    return PageResult(doc, segments, merge_page_mentions(mentions))


def process_pages(
    paths: Iterable[str | Path], options: IngestOptions, services: Services
) -> Iterator[PageResult | PageFailure]:
    """Run the per-page stages over every page found under ``paths``, streaming."""
    for item in ingest(paths, options):
        yield item if isinstance(item, PageFailure) else process_document(item, services)


def segment_pages(
    paths: Iterable[str | Path], options: IngestOptions
) -> Iterator[tuple[Document, Segments] | PageFailure]:
    """Ingest and segment only (no model needed), streaming."""
    for item in ingest(paths, options):
        yield item if isinstance(item, PageFailure) else (item, segment(item))


def run_into_store(
    paths: Iterable[str | Path],
    store: Store,
    services: Services,
    *,
    options: IngestOptions,
    force: bool = False,
    on_page: Callable[[str], None] | None = None,
) -> RunSummary:
    """Process pages and write each one to ``store`` in its own transaction.

    Pages already stored (same content hash) are skipped unless ``force``.
    ``on_page`` is called with each page's name, for progress display.
    """
    summary = RunSummary()
    started = time.perf_counter()
    run_id = store.start_run()
    for item in ingest(paths, options):
        summary.read += 1
        if isinstance(item, PageFailure):
            summary.failures.append(item)
            store.record_failure(run_id, item)
        else:
            _store_page(store, item, services, summary, force=force)
        if on_page is not None:
            on_page(item.name)
    summary.seconds = time.perf_counter() - started
    store.finish_run(run_id, read=summary.read, stored=summary.stored, failed=len(summary.failures))
    return summary


def _store_page(
    store: Store, doc: Document, services: Services, summary: RunSummary, *, force: bool
) -> None:
    # Checked before the costly stages, so that a resumed run skips straight past.
    summary.doc_ids.append(doc.id)
    if not force and store.has_document(doc.id):
        summary.already_stored += 1
        return
    page = process_document(doc, services)
    store.save_page(page.document, page.segments, page.mentions)
    summary.stored += 1
    summary.mentions += len(page.mentions)
