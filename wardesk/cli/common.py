"""What the commands share: consoles, option groups, failure reports, the mention table."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from wardesk.ingest import IngestOptions
from wardesk.ingest.metadata import load_metadata
from wardesk.ingest.options import DEFAULT_OPTIONS
from wardesk.model import Mention, PageFailure
from wardesk.nlp import DEFAULT_MODEL
from wardesk.pipeline import Services, load_services

# No emoji codes: ":fire:" in a page title is text, not a picture.
err_console = Console(stderr=True, emoji=False)
# Piped output (CI logs, files) gets a wide table rather than rich's 80-column default.
out_console = Console(emoji=False) if sys.stdout.isatty() else Console(width=160, emoji=False)
TABLE_ROWS = 40
# C0 and C1 control characters but tab and newline: an escape sequence in a file name must
# reach the terminal as visible text, never as a command to it.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """``text`` with its control characters written out as ``\\xNN``."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def plain(value: object, style: str = "") -> Text:
    """Untrusted text (page text, names, ids, paths) as Rich prints it: never read as markup,
    control characters written out; ``style`` is ours, e.g. ``"bold"``."""
    return Text(visible(str(value)), style=style)


def line(*parts: Text | str | tuple[str, str]) -> Text:
    """One printed line from our own words (``str`` or ``(str, style)``) and :func:`plain`
    pieces of untrusted text."""
    return Text.assemble(*parts)


def json_line(record: object, *, indent: int | None = None) -> str:
    """A JSON document for the terminal: like ``json.dumps(..., ensure_ascii=False)``, with the
    C1 control characters (which JSON leaves raw and some terminals obey) written as
    ``\\u00NN`` too; the data read back is the same."""
    text = json.dumps(record, ensure_ascii=False, indent=indent)
    return _CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


METADATA_HELP = (
    "CSV, TSV or JSONL of page metadata (columns file or id, url, outlet, published, title), "
    "matched by file name or record id; repeat for several files. A page folder's own "
    "SOURCES.tsv or metadata.tsv/.csv/.jsonl is read without it."
)


def metadata_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--metadata FILE``, repeatable: per-page url, outlet, date and title."""
    return click.option(
        "--metadata",
        "metadata",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False),
        metavar="FILE",
        help=METADATA_HELP,
    )(func)


def ingest_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by every command that reads pages: PAGES, --max-bytes, --published,
    --outlet, --metadata, --follow-links."""
    func = metadata_option(func)
    func = click.option(
        "--follow-links",
        is_flag=True,
        help="Read links in a folder that lead outside it (refused by default, so a link "
        "cannot pull in a secret file).",
    )(func)
    func = click.option(
        "--outlet", default=None, help="Outlet name to record for every page (overrides metadata)."
    )(func)
    func = click.option(
        "--published",
        default=None,
        metavar="DATE",
        help="Publication date (ISO) to use for every page, overriding page metadata.",
    )(func)
    func = click.option(
        "--max-bytes",
        default=5_000_000,
        show_default=True,
        type=click.IntRange(min=1),
        help="Skip (and report) files larger than this.",
    )(func)
    return click.argument("pages", nargs=-1, required=True, type=str)(func)


def model_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--model",
        default=DEFAULT_MODEL,
        show_default=True,
        help="spaCy English pipeline: default (the pinned small model), en_core_web_sm, "
        "en_core_web_md or en_core_web_trf when installed.",
    )(func)


def ingest_settings(
    max_bytes: int = DEFAULT_OPTIONS.max_bytes,
    published: str | None = None,
    outlet: str | None = None,
    metadata: tuple[str, ...] = (),
    follow_links: bool = False,
) -> IngestOptions:
    """The IngestOptions the shared page options ask for (metadata files read and checked)."""
    return IngestOptions(
        max_bytes=max_bytes,
        published=published,
        outlet=outlet,
        metadata=load_metadata(metadata),
        follow_links=follow_links,
    )


def report_failure(failure: PageFailure) -> None:
    reason = (
        failure.reason if failure.reason.startswith("[") else f"[{failure.code}] {failure.reason}"
    )
    err_console.print(line(("skipped", "yellow"), " ", plain(failure.name), ": ", plain(reason)))


def load_services_with_status(model: str) -> Services:
    with err_console.status("loading the language model and gazetteer…"):
        return load_services(model)


def mention_table(mentions: list[Mention], *, title: str) -> Table:
    """The mentions, one row each (the first ``TABLE_ROWS``)."""
    table = Table(title=title, title_justify="left")
    for header in ("page", "event", "where", "when", "who", "says who", "certainty"):
        table.add_column(header, overflow="fold")
    for mention in mentions[:TABLE_ROWS]:
        table.add_row(*_mention_cells(mention))
    if len(mentions) > TABLE_ROWS:
        table.caption = f"… and {len(mentions) - TABLE_ROWS} more in the output"
    return table


def _mention_cells(mention: Mention) -> tuple[Text, ...]:
    deal = mention.agreement
    event = mention.sub_event_type + (f" ({deal.kind}, {deal.status or '?'})" if deal else "")
    if mention.in_comments:
        event += " [comment]"
    who = " / ".join(a for a in (mention.actor1, mention.actor2) if a)
    where = mention.location.name if mention.location else "—"
    cells = (
        mention.doc, event, where, mention.date or "—", who or "—",
        mention.source or "—", mention.certainty,
    )  # fmt: skip
    return tuple(plain(cell) for cell in cells)


def explain_mentions(mentions: list[Mention]) -> None:
    """Print, for each mention, who says it, how sure, and the cue words behind that."""
    for mention in mentions:
        who = mention.source or "the outlet itself"
        cues = "; ".join(mention.cues) or "no cue: the outlet's own voice"
        said = f" {mention.sub_event_type}: source={who} ({mention.source_type or '—'}), "
        err_console.print(
            line(
                plain(mention.mention_id, "bold"), plain(said),
                plain(f"certainty={mention.certainty} "), plain(f"← {cues}", "dim"),
            ),
            soft_wrap=True,
        )  # fmt: skip
