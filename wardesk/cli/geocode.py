"""``wardesk geocode``: show how a place name resolves, with every candidate and its score."""

from __future__ import annotations

import sys

import click
from rich.table import Table

from wardesk.cli.app import cli
from wardesk.cli.common import json_line, out_console, plain
from wardesk.geo import ResolveContext, candidates, country_focus, open_gazetteer, resolve


@cli.command()
@click.argument("name")
@click.option(
    "--near", "near", multiple=True, metavar="PLACE",
    help="A place the page also names (repeatable): nearby candidates score higher.",
)  # fmt: skip
@click.option(
    "--country", "countries", multiple=True, metavar="CC",
    help="ISO country code of the page's focus (repeatable); guessed from --near when omitted.",
)  # fmt: skip
@click.option("--limit", default=10, show_default=True, type=click.IntRange(min=1))
@click.option("--json", "as_json", is_flag=True, help="Print the candidates as JSON.")
def geocode(
    name: str, near: tuple[str, ...], countries: tuple[str, ...], limit: int, as_json: bool
) -> None:
    """Resolve NAME against the offline gazetteer and show the scored candidates.

    For debugging place resolution: e.g. wardesk geocode "Deir Ezzor" --near Raqqa
    """
    gazetteer = open_gazetteer()
    focus = tuple(c.upper() for c in countries) or country_focus(list(near), gazetteer)
    context = ResolveContext(countries=focus)
    for place in near:
        found = resolve(place, context=context, gazetteer=gazetteer)
        if found is not None and found.lat is not None:
            context = context.with_place(found.lat, found.lon)
    found = candidates(name, context, gazetteer)[:limit]
    if as_json:
        rows = [{"score": round(c.score, 3), "how": c.how, **_location(c)} for c in found]
        click.echo(json_line(rows, indent=2))
    else:
        # The name on a line of its own, never wrapped: a long name stays one word to copy.
        out_console.print(plain(_title(name, focus)), soft_wrap=True)
        out_console.print(_table(found))
    sys.exit(0 if found else 1)


def _location(scored) -> dict:
    location = scored.location()
    return {
        "name": location.name, "geonameid": location.geonameid, "lat": location.lat,
        "lon": location.lon, "admin1": location.admin1, "country": location.country,
        "precision": location.precision,
    }  # fmt: skip


def _title(name: str, focus: tuple[str, ...]) -> str:
    return f"Candidates for “{name}”" + (f" (page focus: {', '.join(focus)})" if focus else "")


def _table(found) -> Table:
    table = Table()
    for header in ("score", "place", "admin1", "country", "lat, lon", "precision", "how"):
        table.add_column(header)
    for scored in found:
        place = _location(scored)
        cells = (
            f"{scored.score:.2f}", place["name"], place["admin1"] or "—", place["country"] or "—",
            f"{place['lat']:.4f}, {place['lon']:.4f}", str(place["precision"]), scored.how,
        )  # fmt: skip
        table.add_row(*(plain(cell) for cell in cells))
    if not found:
        table.caption = "no place known by that name"
    return table
