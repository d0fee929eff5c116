"""``benchmarks/load.py`` never leaves the server it started running, even when the server
does not stop when asked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from load import stop  # noqa: E402

DEAF = (
    "import signal, sys, time\n"
    "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
    "print('ready', flush=True)\n"
    "time.sleep(600)\n"
)


def test_a_server_that_ignores_terminate_is_killed_after_the_grace_time():
    server = subprocess.Popen([sys.executable, "-c", DEAF], stdout=subprocess.PIPE, text=True)
    assert server.stdout.readline().strip() == "ready"
    stop(server, grace=0.5)
    assert server.poll() == -9


def test_a_server_that_stops_when_asked_is_not_killed():
    server = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    stop(server, grace=30)
    assert server.poll() == -15
