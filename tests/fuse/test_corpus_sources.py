"""Independent sources on the shared corpus (every gold set): the real pipeline, stored and
fused, never reports two independent sources that come from one page alone.

Skips with a message when ../shared is not beside this checkout.
"""

from __future__ import annotations

import pytest

from wardesk.fuse import fuse
from wardesk.ingest import IngestOptions
from wardesk.model import PageFailure
from wardesk.pipeline import load_services, process_pages
from wardesk.store import open_store

SETS = ("seeds", "dev", "dev-2", "dev-3", "dev-4")


@pytest.fixture(scope="module")
def corpus_events(seeds_dir, tmp_path_factory):
    """Every page of the gold sets stored in one database and fused once: the events, and
    each page's (outlet, url, published) as ingested."""
    folders = [seeds_dir.parent / name for name in SETS if (seeds_dir.parent / name).is_dir()]
    store = open_store(tmp_path_factory.mktemp("corpus") / "corpus.db")
    described = {}
    for page in process_pages(folders, IngestOptions(), load_services()):
        assert not isinstance(page, PageFailure), page
        store.save_page(page.document, page.segments, page.mentions)
        doc = page.document
        described[doc.name] = (doc.outlet, doc.url, doc.published)
    fuse(store)
    events = store.events()
    store.close()
    assert events
    return events, described


def test_no_event_counts_one_page_as_two_sources(corpus_events):
    events, _ = corpus_events
    for event in events:
        pages = [doc for source in event.sources for doc in source.docs]
        assert len(pages) == len(set(pages)), (event.event_id, event.sources)
        if event.source_count > 1:
            assert len(event.pages) > 1, (event.event_id, event.sources)


def test_every_source_lists_its_pages_and_voices(corpus_events):
    events, described = corpus_events
    for event in events:
        for source in event.sources:
            assert [page.name for page in source.pages] == list(source.docs)
            for page in source.pages:
                assert (page.outlet, page.url, page.published) == described[page.name]
            assert source.voices, source
    listed = [page for e in events for s in e.sources for page in s.pages]
    assert sum(1 for page in listed if page.url and page.outlet and page.published) > 20
