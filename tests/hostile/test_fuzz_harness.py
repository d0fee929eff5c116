"""The atheris harnesses in fuzz/: seeds replayed always, a short libFuzzer run when possible.

The short run is bounded by a run count (a few seconds). ``WARDESK_LONG_FUZZ=1`` turns it
into a long run bounded by time instead (``WARDESK_FUZZ_SECONDS``, default 300 per harness).
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

FUZZ = Path(__file__).resolve().parents[2] / "fuzz"
HARNESSES = ("fuzz_html", "fuzz_jsonl")
SHORT_RUNS = 2000


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, FUZZ / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(FUZZ))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(FUZZ))
    return module


@pytest.mark.parametrize("name", HARNESSES)
def test_the_seed_inputs_pass_the_harness_checks(name):
    module = _load(name)
    for seed in module.SEEDS:
        module.one_input(seed)


@pytest.mark.parametrize("name", HARNESSES)
def test_a_bounded_fuzz_run_finds_no_crash(name, tmp_path):
    if importlib.util.find_spec("atheris") is None:
        pytest.skip("atheris is not installed (pip install atheris): the libFuzzer run is skipped")
    if os.environ.get("WARDESK_LONG_FUZZ"):
        seconds = int(os.environ.get("WARDESK_FUZZ_SECONDS", "300"))
        bound, timeout = [f"-max_total_time={seconds}"], seconds + 120
    else:
        bound, timeout = [f"-runs={SHORT_RUNS}"], 120
    corpus = tmp_path / "corpus"
    command = [sys.executable, str(FUZZ / f"{name}.py"), *bound, "-max_len=8192",
               "-timeout=30", "-rss_limit_mb=4096", f"-artifact_prefix={tmp_path}/", str(corpus)]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    log = done.stderr[-4000:]
    assert done.returncode == 0, f"{name} found a crash:\n{log}"
    assert "Done" in log, log
