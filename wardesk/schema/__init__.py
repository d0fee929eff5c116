"""The published JSON Schemas of the mention and event records.

The schemas are generated from the typed dicts :class:`wardesk.contract.MentionRecord` and
:class:`wardesk.export.records.EventRecord` by pydantic (a test-time dependency: it writes
JSON Schema from Python types, so the schema cannot drift from the code) and shipped as
``<name>.schema.json`` beside this module; :func:`published_schema` reads the shipped copy, so
``wardesk schema`` needs nothing beyond the package. ``tests/test_schema.py`` checks that the
shipped files equal a fresh generation and that real exports validate against them.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from wardesk.contract import SCHEMA_VERSION, MentionRecord
from wardesk.errors import WardeskError
from wardesk.export.records import EventRecord

RECORDS: dict[str, type] = {"mention": MentionRecord, "event": EventRecord}
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_file(name: str) -> str:
    """The file name of a shipped schema."""
    return f"{name}.schema.json"


def published_schema(name: str) -> dict[str, Any]:
    """The shipped JSON Schema of record ``name`` (``mention`` or ``event``); E002 otherwise."""
    if name not in RECORDS:
        raise WardeskError("E002", value=name, choices=", ".join(RECORDS))
    text = (resources.files("wardesk.schema") / schema_file(name)).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def generate_schema(name: str) -> dict[str, Any]:
    """A fresh JSON Schema of record ``name`` from its typed dict (needs pydantic)."""
    from pydantic import TypeAdapter

    body = TypeAdapter(RECORDS[name]).json_schema()
    _close_objects(body)
    return {"$schema": DIALECT, "$id": f"urn:wardesk:schema:{name}:{SCHEMA_VERSION}", **body}


def render(schema: dict[str, Any]) -> str:
    """The schema as the shipped file holds it."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _close_objects(node: Any) -> None:
    # A record carries exactly its declared fields: a new field must bump the schema.
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node:
            node["additionalProperties"] = False
        for value in node.values():
            _close_objects(value)
    elif isinstance(node, list):
        for value in node:
            _close_objects(value)
