"""What the harnesses share: the checks on a reader's results, and the libFuzzer entry point.

Each harness defines ``one_input(data: bytes)``; it must never raise. Importable without
atheris, so that the tests can replay the seed inputs through the same checks.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from wardesk.model import Document, PageFailure


def check_results(results: Iterable[object]) -> None:
    """Every result is a Document with sound offsets, or a coded PageFailure."""
    for result in results:
        if isinstance(result, PageFailure):
            assert result.code.startswith("P") and result.reason, result
        elif isinstance(result, Document):
            assert result.text.strip(), "a Document with no text"
            for region in result.regions:
                assert 0 <= region.start <= region.end <= len(result.text), region
        else:
            raise AssertionError(f"unexpected result {result!r}")


def main(one_input: Callable[[bytes], None], seeds: Sequence[bytes]) -> None:
    """Run ``one_input`` under libFuzzer: ``python fuzz/fuzz_X.py [-runs=N] [CORPUS_DIR]``.

    A corpus folder named on the command line that is missing or empty gets the seeds first.
    """
    import atheris

    for arg in sys.argv[1:]:
        if arg.startswith("-"):
            continue
        folder = Path(arg)
        folder.mkdir(parents=True, exist_ok=True)
        if not any(folder.iterdir()):
            for seed in seeds:
                (folder / hashlib.sha1(seed).hexdigest()).write_bytes(seed)
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
