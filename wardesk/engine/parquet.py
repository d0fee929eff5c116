"""Mentions as Parquet shards: the output contract's fields, a fixed schema, N rows a file.

For runs too large for one JSONL stream: ``mentions-00000.parquet``,
``mentions-00001.parquet`` … each holding up to ``rows_per_shard`` mentions,
written as results arrive (nothing is held but the current shard). The schema
is fixed, so every shard reads back as one table (``pyarrow.dataset``, DuckDB,
pandas) whatever nulls a shard happens to hold. Needs pyarrow (Ray Data brings it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from wardesk.contract import mention_record
from wardesk.errors import WardeskError
from wardesk.model import Mention
from wardesk.pipeline import PageResult

from .work import Outcome

DEFAULT_ROWS_PER_SHARD = 100_000
SHARD_NAME = "mentions-{:05d}.parquet"


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError as exc:
        raise WardeskError("E009") from exc
    return pyarrow


def mention_schema() -> Any:
    """The Arrow schema of one mention record (DESIGN.md's output contract)."""
    pa = _pyarrow()
    text, whole, texts = pa.string(), pa.int64(), pa.list_(pa.string())
    location = pa.struct(
        [("name", text), ("geonameid", whole), ("lat", pa.float64()), ("lon", pa.float64()),
         ("admin1", text), ("country", text), ("precision", whole)]
    )  # fmt: skip
    agreement = pa.struct(
        [("kind", text), ("withdrawing_party", text), ("allowing_party", text),
         ("brokers", texts), ("origin", text), ("destination", text), ("fighters", whole),
         ("civilians", whole), ("terms", texts), ("status", text),
         ("foreign_fighters", pa.bool_())]
    )  # fmt: skip
    return pa.schema(
        [("doc", text), ("mention_id", text), ("event_type", text), ("sub_event_type", text),
         ("actor1", text), ("actor2", text), ("assoc_actors", texts), ("location", location),
         ("date", text), ("time_precision", whole), ("fatalities", whole),
         ("agreement", agreement), ("source", text), ("source_type", text),
         ("source_stance", text), ("certainty", text), ("in_comments", pa.bool_()),
         ("evidence", text), ("char_start", whole), ("char_end", whole)]
    )  # fmt: skip


@dataclass(slots=True)
class ParquetShards:
    """Writes mentions to numbered Parquet files under ``folder``; use as a context manager."""

    folder: Path
    rows_per_shard: int = DEFAULT_ROWS_PER_SHARD
    written: list[Path] = field(default_factory=list, init=False)
    mentions: int = field(default=0, init=False)
    _rows: list[dict[str, Any]] = field(default_factory=list, init=False, repr=False)

    def __enter__(self) -> ParquetShards:
        self.folder.mkdir(parents=True, exist_ok=True)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if kind is None:
            self.flush()

    def add(self, mentions: Iterable[Mention]) -> None:
        """Queue mentions; a shard is written each time ``rows_per_shard`` are queued."""
        for mention in mentions:
            self._rows.append(mention_record(mention))
            self.mentions += 1
            if len(self._rows) >= self.rows_per_shard:
                self.flush()

    def flush(self) -> None:
        """Write the queued mentions as the next shard (nothing when none are queued)."""
        if not self._rows:
            return
        pa = _pyarrow()
        table = pa.Table.from_pylist(self._rows, schema=mention_schema())
        path = self.folder / SHARD_NAME.format(len(self.written))
        pa.parquet.write_table(table, path)
        self.written.append(path)
        self._rows = []


def write_parquet_shards(
    outcomes: Iterable[Outcome],
    folder: str | Path,
    *,
    rows_per_shard: int = DEFAULT_ROWS_PER_SHARD,
) -> list[Path]:
    """Write the mentions of every processed page in ``outcomes``; return the shard paths."""
    with ParquetShards(Path(folder), rows_per_shard) as shards:
        for outcome in outcomes:
            if isinstance(outcome, PageResult):
                shards.add(outcome.mentions)
    return shards.written
