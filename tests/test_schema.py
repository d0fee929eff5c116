"""The published JSON Schemas: generated from the record types, shipped in the package,
printed by ``wardesk schema``, and met by what the exports and extraction really write."""

from __future__ import annotations

import json
import os
from dataclasses import fields
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from test_export import _export, db  # noqa: F401  (db is a fixture)

import wardesk
from wardesk.cli import cli
from wardesk.contract import AgreementRecord, LocationRecord, MentionRecord
from wardesk.errors import WardeskError
from wardesk.model import Agreement, Location
from wardesk.schema import RECORDS, generate_schema, published_schema, render, schema_file

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "wardesk" / "schema"
UPDATE = os.environ.get("WARDESK_UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_shipped_schema_equals_a_fresh_generation_from_the_types(name):
    fresh = render(generate_schema(name))
    path = SCHEMA_DIR / schema_file(name)
    if UPDATE:
        path.write_text(fresh, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == fresh, f"run WARDESK_UPDATE_GOLDEN=1 for {name}"
    jsonschema.Draft202012Validator.check_schema(published_schema(name))


@pytest.mark.parametrize(
    ("record", "dataclass"), [(LocationRecord, Location), (AgreementRecord, Agreement)]
)
def test_records_carry_every_field_of_their_dataclass(record, dataclass):
    assert set(record.__annotations__) == {f.name for f in fields(dataclass)}


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_wardesk_schema_prints_the_shipped_schema(name):
    result = CliRunner().invoke(cli, ["schema", name], catch_exceptions=False)
    assert result.exit_code == 0
    assert json.loads(result.output) == published_schema(name)


def test_unknown_schema_name_is_refused():
    assert CliRunner().invoke(cli, ["schema", "page"]).exit_code == 2
    with pytest.raises(WardeskError) as caught:
        published_schema("page")
    assert caught.value.code == "E002"


def _validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(published_schema(name))


def test_exported_events_and_mentions_validate(db):  # noqa: F811
    events = [json.loads(line) for line in _export(db, "events").splitlines()]
    mentions = [json.loads(line) for line in _export(db, "jsonl").splitlines()]
    assert events and mentions
    for event in events:
        _validator("event").validate(event)
    for mention in mentions:
        assert mention.pop("event_id")
        _validator("mention").validate(mention)


def test_extracted_mentions_validate():
    text = "Town shelled\n\nGovernment forces shelled Douma on Friday, killing four people."
    mentions = wardesk.extract_text(text, published="2018-02-10")
    assert mentions
    for mention in mentions:
        _validator("mention").validate(wardesk.mention_record(mention))


def test_the_schema_rejects_a_record_with_a_stray_or_mistyped_field(db):  # noqa: F811
    record = json.loads(_export(db, "jsonl").splitlines()[0])
    del record["event_id"]
    validator = _validator("mention")
    assert not list(validator.iter_errors(record))
    assert list(validator.iter_errors({**record, "colour": "red"}))
    assert list(validator.iter_errors({**record, "fatalities": "three"}))
    assert list(validator.iter_errors({k: v for k, v in record.items() if k != "doc"}))
    assert set(MentionRecord.__annotations__) == set(record)
