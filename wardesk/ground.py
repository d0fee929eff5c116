"""Grounding place names on the map, one page at a time.

A page has a country focus (most of its places are in one or two countries)
and a neighbourhood (the towns it already named). Both steer the gazetteer
when a name is ambiguous: "Hama" on a Syrian page is Hama, Syria. The
resolver is built once per process; :meth:`PlaceResolver.for_page` gives the
extractor a lookup function bound to one page's context.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from wardesk.annotate import Annotation
from wardesk.extract.places import NAME_RUN
from wardesk.geo import Gazetteer, ResolveContext, focus_weights, open_gazetteer, resolve
from wardesk.geo.gazetteer import distance_km
from wardesk.model import Location

PlaceLookup = Callable[[str], Location | None]
FAR_KM = 150.0
REGION_FAR_KM = 450.0


class PlaceResolver:
    """Resolves place names against a gazetteer, in the context of one page."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def for_page(self, annotation: Annotation) -> PlaceLookup:
        """A lookup for this page: country focus from its names, nearness from what resolved."""
        body = [s for s in annotation.sentences if not s.in_comments]
        # a page whose article was all taken for comments still has a focus
        sentences = body if body else annotation.sentences
        names = [match.group(0) for s in sentences for match in NAME_RUN.finditer(s.text)]
        weighted = focus_weights(names, self.gazetteer)
        focus = tuple(cc for cc, _ in weighted)
        weights = tuple(w for _, w in weighted)
        focus_names = self._country_names(focus)
        near: list[tuple[float, float]] = []
        known: dict[str, Location | None] = {}

        def lookup(name: str) -> Location | None:
            if name not in known:
                context = ResolveContext(countries=focus, near=list(near), weights=weights)
                found = resolve(name, context=context, gazetteer=self.gazetteer)
                known[name] = found if _plausible(found, focus_names, near) else None
                found = known[name]
                if found is not None and found.precision == 1 and found.lat is not None:
                    near.append((found.lat, found.lon))
            return known[name]

        return lookup

    def _country_names(self, codes: tuple[str, ...]) -> frozenset[str]:
        entries = (self.gazetteer.country(code) for code in codes)
        return frozenset(e.country_name or e.name for e in entries if e is not None)


def _plausible(
    found: Location | None, focus: frozenset[str], near: list[tuple[float, float]]
) -> bool:
    """A town or province abroad, far from everything else the page names, is a homonym,
    not the place.

    Countries pass (a page about Syria does name Turkey), and so does a town or province
    in a country the page is about or within reach of the places it already named.
    """
    is_country = found is not None and found.precision >= 3 and found.admin1 is None
    if found is None or not focus or is_country or found.country in focus:
        return True
    if found.lat is None:
        return False
    reach = REGION_FAR_KM if found.precision >= 3 else FAR_KM  # a region is wide
    return any(distance_km(found.lat, found.lon, lat, lon) < reach for lat, lon in near)


def open_resolver(path: str | Path | None = None) -> PlaceResolver:
    """The resolver over the real gazetteer (built from PyPI data at first use)."""
    return PlaceResolver(open_gazetteer(path))
