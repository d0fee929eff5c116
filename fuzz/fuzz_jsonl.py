"""atheris harness for the JSONL reader: any bytes as a .jsonl file.

    python fuzz/fuzz_jsonl.py -runs=2000 -max_len=8192        # short, bounded
    python fuzz/fuzz_jsonl.py -max_total_time=600 fuzz/corpus-jsonl  # long, keeps a corpus

Each line must come back as a Document or a coded PageFailure, none lost, never an exception.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

try:
    import atheris
except ImportError:  # the seed replay in tests/hostile runs without atheris
    atheris = None

if atheris is not None:
    with atheris.instrument_imports(include=["wardesk"]):
        from wardesk.ingest.jsonl import read_jsonl
        from wardesk.ingest.options import IngestOptions
        from wardesk.ingest.readers import Origin
        from wardesk.ingest.streams import iter_lines, read_stream
else:
    from wardesk.ingest.jsonl import read_jsonl
    from wardesk.ingest.options import IngestOptions
    from wardesk.ingest.readers import Origin
    from wardesk.ingest.streams import iter_lines, read_stream

from _common import check_results, main  # noqa: E402

LIMIT = 512  # small, so that the over-the-limit path is fuzzed too
OPTIONS = IngestOptions(max_bytes=LIMIT)
ORIGIN = Origin("fuzz.jsonl", None)

SEEDS = (
    b"",
    b'{"id": "a", "text": "Clashes near Idlib."}\n',
    b'{"id": 7, "html": "<html><body><p>x</p></body></html>", "text": "fallback"}\n',
    b'{"text": 42}\n[1]\n"s"\nnull\n{"text": "\\ud800"}\n',
    b'\xef\xbb\xbf{"text": "BOM"}\r\n\n\n{"text": "two", "title": ["x"]}',
    b"[" * 600 + b"]" * 600 + b"\n",
    b'{"text": "' + b"a" * 700 + b'"}\n{"text": "after the long line"}\n',
    b"\xff\xfe\n{broken\n",
)


def one_input(data: bytes) -> None:
    lines = list(iter_lines(io.BytesIO(data), LIMIT))
    results = list(read_jsonl(lines, ORIGIN, OPTIONS))
    check_results(results)
    blank = sum(1 for _, line, size in lines if size <= LIMIT and not line.strip())
    assert len(results) == len(lines) - blank, "a line was lost"
    check_results(read_stream(io.BytesIO(data), Origin("fuzz.dat", None), OPTIONS))


if __name__ == "__main__":
    main(one_input, SEEDS)
