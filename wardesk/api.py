"""The public Python API: extract events from a string, read an event database.

    import wardesk

    mentions = wardesk.extract_text(text, published="2017-10-14", url="https://example.org/a")
    with wardesk.open("events.db") as db:
        for event in db.events(since="2017-10", types=("Battles",)):
            print(event.event_id, event.date, event.location)

Everything here is a thin, typed layer over the pipeline, the store and the exports; the
records these functions return are the dataclasses of :mod:`wardesk.model` and
:mod:`wardesk.fuse.types`, and :func:`mention_record` / :func:`event_record` turn them into
the JSON objects of the published schema (``wardesk schema``).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TextIO

from wardesk.errors import WardeskError
from wardesk.export import ExportOptions, select_events, write_export
from wardesk.fuse.types import FusedEvent
from wardesk.ingest.metadata import Meta, normalize_published
from wardesk.ingest.options import IngestOptions
from wardesk.ingest.readers import Origin, html_document, text_document
from wardesk.model import Document, Mention
from wardesk.store import Store, is_postgres_url, open_store

if TYPE_CHECKING:
    from wardesk.pipeline import Services

#: The filters :meth:`EventDatabase.events` takes (the same as the CLI's export filters).
Filters = ExportOptions


@cache
def _default_services(model: str) -> Services:
    # Loading spaCy and the gazetteer takes seconds: once per process and model.
    from wardesk.pipeline import load_services

    return load_services(model)


def services(model: str | None = None) -> Services:
    """The language model, word lists and gazetteer, loaded once per process and model."""
    from wardesk.nlp import DEFAULT_MODEL

    return _default_services(model or DEFAULT_MODEL)


def make_document(
    text: str,
    *,
    published: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    name: str = "<text>",
    html: bool = False,
) -> Document:
    """A page made from a string, as the readers make one from a file.

    ``published`` is checked and stored as an ISO date (error E011 on one that is not a date);
    ``html=True`` reads ``text`` as an HTML page (title, body and comments told apart).
    """
    if published is not None:
        published = normalize_published(published, "published")
    options = IngestOptions(published=published, outlet=outlet)
    origin = Origin(name, None)
    if html:
        return html_document(text, "html", origin, options, "utf-8", Meta(url=url))
    return replace(text_document(text, origin, options, "utf-8"), url=url)


def extract_text(
    text: str,
    *,
    published: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    name: str = "<text>",
    html: bool = False,
    model: str | None = None,
) -> list[Mention]:
    """The event mentions of one page given as a string, in page order.

    The same stages as ``wardesk extract`` run over the text (segment, annotate, extract,
    attribute, ground, in-page merge). ``published`` (an ISO date) anchors relative dates
    ("on Saturday"); ``url`` and ``outlet`` are kept on the page as its metadata; ``name``
    becomes each mention's ``doc``. The model loads on the first call and is reused. Raises
    :class:`~wardesk.errors.WardeskError` for an empty page (P101) or a bad date.
    """
    from wardesk.pipeline import process_document

    doc = make_document(text, published=published, url=url, outlet=outlet, name=name, html=html)
    return process_document(doc, services(model)).mentions


class EventDatabase:
    """An open wardesk database, read through the same filters as the exports.

    Open it with :func:`open`; use it as a context manager, or call :meth:`close`.
    ``store`` is the underlying :class:`~wardesk.store.Store` for everything else.
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    def events(self, filters: ExportOptions | None = None, **criteria: Any) -> list[FusedEvent]:
        """The fused events that ``filters`` (or the same fields as keywords) select.

        ``wardesk.open(db).events(since="2017-10", types=("Battles",))`` equals
        ``events(wardesk.Filters(since="2017-10", types=("Battles",)))``. Events are in
        date order (undated last), then by id. Events only reader comments report are left
        out unless ``include_reader_only=True``.
        """
        if filters is not None and criteria:
            raise TypeError("give either filters or keyword criteria, not both")
        chosen = filters if filters is not None else ExportOptions(**criteria)
        return select_events(self.store.events(), chosen)

    def event(self, event_id: str) -> FusedEvent:
        """One event by id (a unique prefix will do); error E008 when there is none."""
        return self.store.event(event_id)

    def mentions(self, event: FusedEvent) -> list[Mention]:
        """The mentions fused into ``event``, in the event's order."""
        doc_ids = sorted({doc_id for doc_id, _ in event.members})
        by_key = {s.key: s.mention for s in self.store.stored_mentions(doc_ids)}
        return [by_key[key] for key in event.members]

    def export(
        self, fmt: str, out: TextIO | str | Path, filters: ExportOptions | None = None
    ) -> int:
        """Write the selected events in ``fmt`` (see ``wardesk.export.FORMATS``); return
        how many were written. Parquet needs a file path, the others a text stream."""
        return write_export(self.store, fmt, out, filters)

    def close(self) -> None:
        """Close the database."""
        self.store.close()

    def __enter__(self) -> EventDatabase:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def open(db: str | Path) -> EventDatabase:  # noqa: A001  (wardesk.open, like sqlite3.connect)
    """Open the database at ``db`` (a SQLite path or a ``postgresql://`` URL) for reading
    events; a missing SQLite file is error E001, not a new empty database."""
    if not is_postgres_url(db) and not Path(db).exists():
        raise WardeskError("E001", path=db)
    return EventDatabase(open_store(db))
