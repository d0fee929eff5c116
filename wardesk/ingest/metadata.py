"""Page metadata from a side file: url, outlet, publication date and title per page.

A folder of scraped files rarely carries its own dates; a CSV, TSV or JSONL
file beside it does. Rows are matched to pages by file name or record id
(column ``file`` or ``id``); the publication date may be called ``published``
or ``publication_date``. Dates are checked when the table is loaded, so a bad
value stops the run before any page is read, with the file and row named.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType

import dateparser

from wardesk.errors import WardeskError
from wardesk.model import Document

# A folder's own metadata file, read for the pages in it when no --metadata is given.
SIDECAR_NAMES = ("SOURCES.tsv", "metadata.tsv", "metadata.csv", "metadata.jsonl")
KEY_COLUMNS = ("file", "id", "name")
DATE_COLUMNS = ("published", "publication_date", "date")
_ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_ISO_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}")


@dataclass(frozen=True, slots=True)
class Meta:
    """What is known about a page besides its text; a metadata row or a JSONL record
    states it, and it beats what the HTML says."""

    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None


PageMetadata = Mapping[str, Meta]


def normalize_published(value: str, option: str) -> str:
    """An ISO date (``2017``, ``2017-06``, ``2017-06-17``) for ``value``, or E011 naming it.

    ISO dates and timestamps pass (a timestamp keeps its day); other common
    forms ("17 June 2017", "June 17, 2017", "17/06/2017") are read day first,
    as most of the world writes them.
    """
    text = value.strip()
    if _ISO_DATE.match(text) and _valid_iso(text):
        return text
    stamp = _ISO_DATETIME.match(text)
    if stamp and _valid_iso(stamp.group(1)):
        return stamp.group(1)
    if _ISO_DATE.match(text) or stamp:
        # ISO-shaped but impossible (month 13, 30 February): never guess another order.
        raise WardeskError("E011", value=value, option=option)
    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={"DATE_ORDER": "DMY", "STRICT_PARSING": True, "PREFER_DAY_OF_MONTH": "first"},
    )
    if parsed is None:
        raise WardeskError("E011", value=value, option=option)
    return parsed.date().isoformat()


def _valid_iso(text: str) -> bool:
    parts = [int(p) for p in text.split("-")]
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        return False
    if len(parts) == 3:
        try:
            date(*parts)
        except ValueError:
            return False
    return True


def load_metadata(paths: Iterable[str | Path]) -> dict[str, Meta]:
    """Read metadata files (CSV, TSV or JSONL) into one table keyed by file name or id.

    A later file's row for the same page wins. Raises E001 for a missing file
    and E013 for a file without a key column or with a row it cannot use.
    """
    table: dict[str, Meta] = {}
    for raw in paths:
        path = Path(raw)
        if not path.is_file():
            raise WardeskError("E001", path=str(path))
        for number, row in _rows(path):
            key, meta = _row_meta(row, path, number)
            table[key] = meta
    return table


def sidecar(folder: Path) -> Path | None:
    """The metadata file a page folder carries for its own pages, if any."""
    for name in SIDECAR_NAMES:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def load_sidecar(path: Path) -> PageMetadata:
    """``load_metadata`` of one folder's own metadata file, read once per version of it
    (the table is shared between calls: read it, never change it)."""
    info = path.stat()
    return _load_cached(str(path), info.st_mtime_ns, info.st_size)


@functools.lru_cache(maxsize=64)
def _load_cached(path: str, mtime_ns: int, size: int) -> PageMetadata:
    # mtime and size are in the key so that an edited file is read again.
    return MappingProxyType(load_metadata([path]))


def apply_metadata(doc: Document, meta: Meta | None, *, fixed: Meta = Meta()) -> Document:
    """``doc`` with the url, outlet, date and title its metadata row ``meta`` gives; page
    values stay where the row is silent, and ``fixed`` values (set for the whole run) beat
    the row. A page without a row comes back unchanged."""
    if meta is None:
        return doc
    return dataclasses.replace(
        doc,
        url=fixed.url or meta.url or doc.url,
        outlet=fixed.outlet or meta.outlet or doc.outlet,
        title=fixed.title or meta.title or doc.title,
        published=fixed.published or meta.published or doc.published,
    )


def _rows(path: Path) -> Iterator[tuple[int, dict[str, object]]]:
    """Each row of a metadata file with the line it ends on, for error messages."""
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        with path.open(encoding="utf-8-sig") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    yield number, _json_row(line, path, number)
        return
    delimiter = "\t" if path.suffix.lower() in (".tsv", ".tab") else ","
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=delimiter)
        for row in reader:
            yield reader.line_num, row


def _json_row(line: str, path: Path, number: int) -> dict[str, object]:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        raise WardeskError("E006", path=str(path), line=number, detail=exc.msg) from exc
    if not isinstance(value, dict):
        raise WardeskError("E006", path=str(path), line=number, detail="not a JSON object")
    return value


def _row_meta(row: dict[str, object], path: Path, number: int) -> tuple[str, Meta]:
    key = _first(row, KEY_COLUMNS)
    if not key:
        raise WardeskError(
            "E013", path=str(path), line=number, detail=f"no {' or '.join(KEY_COLUMNS)} column"
        )
    published = _first(row, DATE_COLUMNS)
    where = f"{path.name} row {number}"
    return Path(key).name if "/" in key else key, Meta(
        url=_first(row, ("url",)),
        outlet=_first(row, ("outlet", "source")),
        title=_first(row, ("title",)),
        published=normalize_published(published, where) if published else None,
    )


def _first(row: Mapping[str, object], columns: Iterable[str]) -> str | None:
    for column in columns:
        value = row.get(column)
        if value is not None and str(value).strip():
            return str(value).strip()
    return None
