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
from wardesk.geo import Gazetteer, ResolveContext, country_focus, open_gazetteer, resolve
from wardesk.model import Location

PlaceLookup = Callable[[str], Location | None]


class PlaceResolver:
    """Resolves place names against a gazetteer, in the context of one page."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def for_page(self, annotation: Annotation) -> PlaceLookup:
        """A lookup for this page: country focus from its names, nearness from what resolved."""
        names = [
            match.group(0)
            for sentence in annotation.sentences
            if not sentence.in_comments
            for match in NAME_RUN.finditer(sentence.text)
        ]
        focus = country_focus(names, self.gazetteer)
        near: list[tuple[float, float]] = []
        known: dict[str, Location | None] = {}

        def lookup(name: str) -> Location | None:
            if name not in known:
                context = ResolveContext(countries=focus, near=list(near))
                known[name] = resolve(name, context=context, gazetteer=self.gazetteer)
                found = known[name]
                if found is not None and found.precision == 1 and found.lat is not None:
                    near.append((found.lat, found.lon))
            return known[name]

        return lookup


def open_resolver(path: str | Path | None = None) -> PlaceResolver:
    """The resolver over the real gazetteer (built from PyPI data at first use)."""
    return PlaceResolver(open_gazetteer(path))
