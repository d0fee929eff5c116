"""atheris harness for the HTML reader: any bytes as an .html page.

    python fuzz/fuzz_html.py -runs=2000 -max_len=8192        # short, bounded
    python fuzz/fuzz_html.py -max_total_time=600 fuzz/corpus-html   # long, keeps a corpus

The page must come back as a Document or a coded PageFailure: never an exception.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

try:
    import atheris
except ImportError:  # the seed replay in tests/hostile runs without atheris
    atheris = None

if atheris is not None:
    with atheris.instrument_imports(include=["wardesk"]):
        from wardesk.ingest.html import extract_html, looks_like_html
        from wardesk.ingest.options import IngestOptions
        from wardesk.ingest.readers import Origin, page_from_bytes
else:
    from wardesk.ingest.html import extract_html, looks_like_html
    from wardesk.ingest.options import IngestOptions
    from wardesk.ingest.readers import Origin, page_from_bytes

from _common import check_results, main  # noqa: E402

from wardesk.errors import WardeskError  # noqa: E402

OPTIONS = IngestOptions(max_bytes=1_000_000)
ORIGIN = Origin("fuzz.html", None)

SEEDS = (
    b"",
    b"<html><body><p>Clashes near Idlib on Sunday.</p></body></html>",
    b"<html><head><meta charset='koi8-r'><title>\xe4\xc1</title></head><body><p>x</p>",
    b"<html><body>" + b"<div>" * 2000 + b"deep",
    b"<!doctype html><article><h1>T</h1><p>Body text here.</p></article>"
    b"<div class='comments'><p>A reader comment.</p></div>",
    b"<p>unclosed <div <a href='x>>< <</p></td></table><<<>>>",
    b"\xef\xbb\xbf<html><body><p>BOM page</p></body></html>",
    b"\xff\xfe<\x00h\x00t\x00m\x00l\x00>\x00",
)


def one_input(data: bytes) -> None:
    check_results([page_from_bytes(data, "html", ORIGIN, OPTIONS)])
    check_results([page_from_bytes(data, None, ORIGIN, OPTIONS)])  # sniffed, as from stdin
    text = data.decode("utf-8", "replace")
    looks_like_html(text)
    try:
        parts = extract_html(text)
    except WardeskError as exc:
        assert exc.code == "P105", exc
    else:
        assert parts.body


if __name__ == "__main__":
    main(one_input, SEEDS)
