"""Mentions as Parquet shards: the contract's fields, a fixed schema, read back as written."""

from __future__ import annotations

import pytest

from wardesk.contract import mention_record
from wardesk.engine import EngineOptions, iter_results, write_parquet_shards
from wardesk.engine.parquet import mention_schema
from wardesk.ingest import IngestOptions
from wardesk.pipeline import PageResult

pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed")


def test_the_schema_has_every_contract_field_in_order(run_page):
    (mention, *_) = run_page(
        "Deal in Qaryat Nur\n\nAbout 40 fighters left Qaryat Nur for Idlib under a deal, "
        "activists said."
    )
    assert mention_schema().names == list(mention_record(mention))


def test_shards_read_back_as_the_mentions_written(pages_dir, tmp_path):
    outcomes = list(iter_results([pages_dir], IngestOptions(), EngineOptions(workers=1)))
    records = [mention_record(m) for o in outcomes if isinstance(o, PageResult) for m in o.mentions]
    shards = write_parquet_shards(outcomes, tmp_path / "out", rows_per_shard=7)
    assert [p.name for p in shards][:2] == ["mentions-00000.parquet", "mentions-00001.parquet"]
    assert len(shards) == -(-len(records) // 7)
    table = pq.read_table(tmp_path / "out")  # every shard, one schema
    assert table.num_rows == len(records)
    assert sorted(table.to_pylist(), key=lambda r: r["mention_id"]) == sorted(
        records, key=lambda r: r["mention_id"]
    )
