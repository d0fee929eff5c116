"""wardesk: scraped conflict news in, a source-attributed, geolocated, dated event database out.

The public API (see the README's "Python API" section)::

    import wardesk

    for mention in wardesk.extract_text(text, published="2017-10-14"):
        print(wardesk.mention_record(mention))
    with wardesk.open("events.db") as db:
        events = db.events(since="2017-10")

Heavy modules (spaCy, the gazetteer, the store) load on first use, so ``import wardesk`` and
``wardesk --version`` stay fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from wardesk.api import EventDatabase, Filters, extract_text, open
    from wardesk.contract import mention_record
    from wardesk.errors import WardeskError
    from wardesk.export.records import event_record
    from wardesk.fuse.types import FusedEvent
    from wardesk.model import Location, Mention
    from wardesk.store import Store, open_store

# Public name -> the module that defines it, imported on first access (PEP 562).
_EXPORTS = {
    "EventDatabase": "wardesk.api",
    "Filters": "wardesk.api",
    "extract_text": "wardesk.api",
    "open": "wardesk.api",
    "mention_record": "wardesk.contract",
    "WardeskError": "wardesk.errors",
    "event_record": "wardesk.export.records",
    "FusedEvent": "wardesk.fuse.types",
    "Location": "wardesk.model",
    "Mention": "wardesk.model",
    "Store": "wardesk.store",
    "open_store": "wardesk.store",
}

__all__ = [
    "EventDatabase",
    "Filters",
    "FusedEvent",
    "Location",
    "Mention",
    "Store",
    "WardeskError",
    "__version__",
    "event_record",
    "extract_text",
    "mention_record",
    "open",
    "open_store",
]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'wardesk' has no attribute {name!r}")
