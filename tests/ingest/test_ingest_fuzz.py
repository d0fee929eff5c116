"""Whatever bytes a file holds, ingest yields Documents or PageFailures and never raises."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wardesk.ingest import IngestOptions, ingest
from wardesk.model import Document, PageFailure

# Raw bytes, plus bytes built from page-like pieces so the HTML and JSONL paths get exercised.
_PIECES = st.sampled_from(
    [
        b"<html>",
        b"<p>",
        b"</p>",
        b"<div class='comments'>",
        b"{",
        b"}",
        b'"text": ',
        b'"',
        b"\n",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"\x00",
        b"\xe9",
        b"Convoy left ",
        b"\\ud800",
    ]
)
_CONTENT = st.one_of(st.binary(max_size=2000), st.lists(_PIECES, max_size=60).map(b"".join))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=_CONTENT, suffix=st.sampled_from([".txt", ".html", ".jsonl", ".dat"]))
def test_arbitrary_bytes_never_raise(content: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "page" + suffix)
        path.write_bytes(content)
        results = list(ingest([path], IngestOptions(max_bytes=1500)))
    assert all(isinstance(r, Document | PageFailure) for r in results)
    for doc in (r for r in results if isinstance(r, Document)):
        for region in doc.regions:
            assert 0 <= region.start < region.end <= len(doc.text)
