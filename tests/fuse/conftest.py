"""Hand-made stored mentions for the fusion tests (invented pages, real place coordinates)."""

from __future__ import annotations

from typing import Any

import pytest

from wardesk.fuse.types import PageInfo, StoredMention
from wardesk.model import Agreement, Evidence, Location, Mention

PLACES = {
    "Raqqa": Location("Raqqa", 35.9528, 39.0079, 163843, "Ar Raqqah", "Syria", 1),
    "Tabqa": Location("Tabqa", 35.8376, 38.5483, 172374, "Ar Raqqah", "Syria", 1),
    "Tabqa Dam": Location("Tabqa Dam", 35.869, 38.567, None, "Ar Raqqah", "Syria", 2),
    "Idlib": Location("Idlib", 35.9306, 36.6339, 169389, "Idlib", "Syria", 1),
    "eastern Hama countryside": Location(
        "eastern Hama countryside", 35.25, 37.35, None, "Hama", "Syria", 2
    ),
    "Nowhere": Location("Nowhere", None, None, None, None, None, 1),
    # Two invented suburbs 12 km apart: close enough for one clash, two towns for deals.
    "Suburb A": Location("Suburb A", 33.50, 36.20, 900001, "Rif Dimashq", "Syria", 1),
    "Suburb B": Location("Suburb B", 33.50, 36.33, 900002, "Rif Dimashq", "Syria", 1),
}
SUB_TYPES = {
    "Agreement": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Armed clash": "Battles",
    "Air/drone strike": "Explosions/Remote violence",
}


def make_stored(doc: str, ordinal: int = 0, **given: Any) -> StoredMention:
    """A stored mention on page ``doc``; keyword arguments override the defaults (a deal at
    Raqqa between the SDF and Islamic State, reported by the page itself)."""
    sub = given.pop("sub", "Agreement")
    place = given.pop("place", "Raqqa")
    page = PageInfo(doc, f"{doc}.txt", given.pop("outlet", None), given.pop("published", None))
    deal = given.pop("deal", {} if sub == "Agreement" else None)
    fields = dict(
        doc=page.name, mention_id=f"{page.name}#{ordinal + 1}", event_type=SUB_TYPES[sub],
        sub_event_type=sub, actor1="SDF", actor2="Islamic State",
        evidence=Evidence(f"sentence {ordinal} of {doc}", 0, 10),
        location=PLACES[place] if place else None,
        agreement=Agreement(**{"kind": "withdrawal", "status": "agreed", **deal})
        if deal is not None else None,
    )  # fmt: skip
    fields.update(given)
    return StoredMention(doc, ordinal, Mention(**fields), page)


@pytest.fixture
def make():
    """The :func:`make_stored` builder."""
    return make_stored
